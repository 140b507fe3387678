"""What ``kunker queue status`` shows: jobs per kind and state, live and stalled workers,
how long the oldest job has waited, the latest failures with their errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, text

from kunker.jobs.attempts import Failure, attempts_by_worker, recent_failures
from kunker.jobs.queue import JOB_KINDS, kind_of

# procrastinate's states as the columns of the table: waiting, running, ended badly, done
COLUMNS = {"todo": "pending", "doing": "running", "failed": "failed", "aborted": "failed",
           "cancelled": "failed", "succeeded": "done"}
ACTIVITY_WINDOW = timedelta(hours=24)  # "work per worker" covers the last day

COUNTS = text("SELECT task_name, status::text AS status, count(*) AS n "
              "FROM procrastinate_jobs GROUP BY task_name, status")
LIVE_WORKERS = text(
    "SELECT count(*) FROM procrastinate_workers "
    "WHERE last_heartbeat >= now() - make_interval(secs => :seconds)"
)
STALLED = text(
    "SELECT count(*) FROM procrastinate_jobs j "
    "LEFT JOIN procrastinate_workers w ON w.id = j.worker_id "
    "WHERE j.status = 'doing' AND (w.id IS NULL "
    "OR w.last_heartbeat < now() - make_interval(secs => :seconds))"
)
OLDEST_PENDING = text(
    "SELECT extract(epoch FROM now() - min(e.at)) FROM procrastinate_jobs j "
    "JOIN procrastinate_events e ON e.job_id = j.id AND e.type = 'deferred' "
    "WHERE j.status = 'todo' AND (j.scheduled_at IS NULL OR j.scheduled_at <= now())"
)


@dataclass(slots=True)
class QueueStatus:
    jobs: dict[str, dict[str, int]] = field(default_factory=dict)  # kind -> column -> count
    states: dict[str, dict[str, int]] = field(default_factory=dict)  # kind -> state -> count
    live_workers: int = 0
    stalled_jobs: int = 0
    oldest_pending_s: float | None = None
    failures: list[Failure] = field(default_factory=list)
    by_worker: dict[str, dict[str, int]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "jobs": self.jobs, "states": self.states, "live_workers": self.live_workers,
            "stalled_jobs": self.stalled_jobs, "oldest_pending_s": self.oldest_pending_s,
            "failures": [f.as_dict() for f in self.failures], "by_worker": self.by_worker,
        }  # fmt: skip


def queue_status(engine: Engine, stalled_after: float) -> QueueStatus:
    status = QueueStatus()
    for kind in JOB_KINDS:
        status.jobs[kind] = dict.fromkeys(("pending", "running", "failed", "done"), 0)
        status.states[kind] = {}
    with engine.connect() as conn:
        for row in conn.execute(COUNTS):
            kind = kind_of(row.task_name)
            columns = status.jobs.setdefault(
                kind, dict.fromkeys(("pending", "running", "failed", "done"), 0)
            )
            columns[COLUMNS.get(row.status, "failed")] += row.n
            status.states.setdefault(kind, {})[row.status] = row.n
        seconds = {"seconds": stalled_after}
        status.live_workers = conn.execute(LIVE_WORKERS, seconds).scalar_one()
        status.stalled_jobs = conn.execute(STALLED, seconds).scalar_one()
        oldest = conn.execute(OLDEST_PENDING).scalar()
        status.oldest_pending_s = float(oldest) if oldest is not None else None
        status.failures = recent_failures(conn)
        status.by_worker = attempts_by_worker(conn, datetime.now(UTC) - ACTIVITY_WINDOW)
    return status
