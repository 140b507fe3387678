"""Jobs whose worker died (SIGKILL, a machine lost, the OOM killer) go back to the queue.

procrastinate marks them through heartbeats: every worker updates its row every few
seconds, and a job still ``doing`` whose worker has been silent for ``seconds`` is stalled
(``JobManager.get_stalled_jobs``). Recovery retries it; the retry redoes only what the dead
attempt had not committed, since every job is idempotent (see ``tasks``). A job that lost
its worker ``MAX_LOST_ATTEMPTS`` times is failed instead: it is probably what kills them.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from procrastinate import App
    from sqlalchemy import Engine

logger = logging.getLogger(__name__)
MAX_LOST_ATTEMPTS = 3


async def recover_stalled_jobs(app: App, seconds: float, engine: Engine | None = None
                               ) -> dict[str, int]:
    """Retry (or fail) the jobs of workers silent for ``seconds``; counts by what was done.

    ``engine`` (the kunker database) closes the dead attempts in the attempt log.
    """
    from procrastinate import exceptions
    from procrastinate.jobs import Status

    done = {"retried": 0, "failed": 0}
    for job in await app.job_manager.get_stalled_jobs(seconds_since_heartbeat=seconds):
        attempt = job.attempts + 1
        why = (f"worker silent for over {seconds:g}s during attempt {attempt} (killed or cut "
               "off); the job was put back in the queue")
        give_up = attempt >= MAX_LOST_ATTEMPTS
        if give_up:
            why = f"lost its worker {attempt} times: failed (it may be what kills them)"
        try:
            if give_up:
                await app.job_manager.finish_job(job, status=Status.FAILED, delete_job=False)
            else:
                await app.job_manager.retry_job(job)
        except exceptions.ConnectorException as exc:  # another worker recovered it first
            logger.debug("stalled job %s already recovered: %s", job.id, exc)
            continue
        if engine is not None and job.id is not None:
            await asyncio.to_thread(_mark_lost, engine, job.id, why)
        done["failed" if give_up else "retried"] += 1
        logger.warning("job %s (%s): %s", job.id, job.task_name, why)
    return done


def _mark_lost(engine: Any, job_id: int, why: str) -> None:
    from kunker.jobs.attempts import mark_lost

    with engine.begin() as conn:
        mark_lost(conn, job_id, why)
