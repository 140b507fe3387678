"""One row per job attempt in ``kunker_job_attempts``: which worker ran it, how it ended,
and the error when it failed.

procrastinate keeps a job's status but not why it failed; operators need the error (a
poison article names itself there) and which machine ran what. An attempt whose worker
died keeps ``finished_at`` empty until the stalled-job recovery marks it ``lost``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, text

logger = logging.getLogger(__name__)
ERROR_CHARS = 2000  # a failure's message is kept whole; a runaway one is cut here
RECENT_FAILURES = 10

START = text(
    "INSERT INTO kunker_job_attempts (job_id, task_name, attempt, worker) "
    "VALUES (:job_id, :task_name, :attempt, :worker) RETURNING id"
)
FINISH = text(
    "UPDATE kunker_job_attempts SET finished_at = now(), outcome = :outcome, error = :error "
    "WHERE id = :id"
)
LOSE = text(
    "UPDATE kunker_job_attempts SET finished_at = now(), outcome = 'lost', error = :error "
    "WHERE job_id = :job_id AND finished_at IS NULL"
)
FAILURES = text(
    "SELECT a.job_id, a.task_name, a.attempt, a.worker, a.started_at, a.outcome, a.error "
    "FROM kunker_job_attempts a WHERE a.outcome IN ('failed', 'lost') "
    "ORDER BY a.started_at DESC, a.id DESC LIMIT :limit"
)
BY_WORKER = text(
    "SELECT worker, outcome, count(*) AS n FROM kunker_job_attempts "
    "WHERE started_at >= :since GROUP BY worker, outcome"
)


def describe_error(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:ERROR_CHARS]


class AttemptLog:
    """Writes the attempts of one worker process (``worker`` is ``host:pid``)."""

    def __init__(self, engine: Engine, worker: str) -> None:
        self.engine = engine
        self.worker = worker

    @contextmanager
    def recording(self, job_id: int, task_name: str, attempt: int) -> Iterator[None]:
        """Record the attempt around the job's work; the error, if any, is re-raised."""
        with self.engine.begin() as conn:
            attempt_id = conn.execute(START, {
                "job_id": job_id, "task_name": task_name, "attempt": attempt,
                "worker": self.worker,
            }).scalar_one()
        try:
            yield
        except BaseException as exc:
            self._finish(attempt_id, "failed", describe_error(exc))
            raise
        self._finish(attempt_id, "succeeded", None)

    def _finish(self, attempt_id: int, outcome: str, error: str | None) -> None:
        try:
            with self.engine.begin() as conn:
                conn.execute(FINISH, {"id": attempt_id, "outcome": outcome, "error": error})
        except Exception as exc:  # the job's own outcome matters more than its record
            logger.warning("could not record attempt %d as %s: %s", attempt_id, outcome, exc)


def mark_lost(conn: Connection, job_id: int, why: str) -> None:
    """Close the open attempts of a job whose worker stopped answering."""
    conn.execute(LOSE, {"job_id": job_id, "error": why[:ERROR_CHARS]})


@dataclass(frozen=True, slots=True)
class Failure:
    job_id: int
    kind: str
    attempt: int
    worker: str
    started_at: datetime
    outcome: str
    error: str | None

    def as_dict(self) -> dict[str, Any]:
        return {"job_id": self.job_id, "kind": self.kind, "attempt": self.attempt,
                "worker": self.worker, "started_at": self.started_at.isoformat(),
                "outcome": self.outcome, "error": self.error}


def recent_failures(conn: Connection, limit: int = RECENT_FAILURES) -> list[Failure]:
    from kunker.jobs.queue import kind_of

    return [
        Failure(r.job_id, kind_of(r.task_name), r.attempt, r.worker, r.started_at, r.outcome,
                r.error)
        for r in conn.execute(FAILURES, {"limit": limit})
    ]


def attempts_by_worker(conn: Connection, since: datetime) -> dict[str, dict[str, int]]:
    """``{worker: {outcome: count}}`` of the attempts started since ``since`` (``running``
    for those not finished)."""
    found: dict[str, dict[str, int]] = {}
    for row in conn.execute(BY_WORKER, {"since": since}):
        found.setdefault(row.worker, {})[row.outcome or "running"] = row.n
    return found
