"""The jobs: each calls the functions the single-machine ``kunker update`` calls.

- ``crawl_source(name)``: ``crawler.run.run_crawl`` for one configured source into the
  database, then ``extract_batch`` jobs for the articles it stored. Idempotent: stored URLs
  are never fetched again and the articles table's unique key keeps one row per URL.
- ``extract_batch(article_ids)``: the extraction loop of ``kunker extract``
  (``kunker.cli.extraction.extract_articles``) over the articles of the batch not yet
  extracted by this version. A retry redoes only what the first attempt did not commit;
  storing an extraction replaces the article's mentions, so nothing is stored twice.
- ``reprocess_batch(article_ids, requested_at)``: the same for ``kunker reprocess``: every
  article of the batch not re-extracted since the request.
- ``update``: what ``kunker update --queue`` queues (for procrastinate's periodic tasks);
  ``retry_stalled_jobs``: puts back the jobs of dead workers (periodic, every minute);
  ``prune_jobs``: deletes finished jobs after a week, failed ones after a month (nightly).

Failures: an article the extractor fails on is logged, the rest of the batch is stored and
the job fails naming it (not retried: the same text fails the same way). A source that
could not be read at all and database connection errors are retried with backoff.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any

from kunker.errors import KunkerError
from kunker.jobs.queue import (
    CRAWL_QUEUE,
    CRAWL_SOURCE,
    EXTRACT_BATCH,
    EXTRACT_QUEUE,
    MAINTENANCE_QUEUE,
    PRUNE_JOBS,
    REPROCESS_BATCH,
    RETRY_STALLED,
    UPDATE,
    procrastinate,
    task_name,
)
from kunker.jobs.runtime import JobRuntime, runtime_of

if TYPE_CHECKING:
    from procrastinate import App

    from kunker.cli.extraction import ExtractTotals

logger = logging.getLogger(__name__)
# Transient failures are retried 4 times, after 4, 16, 64 and 256 s (procrastinate waits
# exponential_wait ** (attempts + 1)); the fifth failure fails the job.
RETRIES = 4
RETRY_BACKOFF_BASE_S = 4
RETRY_STALLED_CRON = "* * * * *"
PRUNE_CRON = "17 3 * * *"  # daily, at a quiet hour
KEEP_DONE_HOURS = 7 * 24  # finished jobs (and their attempts) kept for `queue status`
KEEP_FAILED_HOURS = 30 * 24  # failed ones longer: someone may still look into them


class SourceUnreachable(KunkerError):
    """No feed, sitemap or listing of the source could be read, or every page failed."""


class ExtractionFailed(KunkerError):
    """Some articles of a batch could not be extracted (the others are stored)."""


def register_jobs(app: App) -> None:
    """Register kunker's jobs on ``app`` under their names (``kunker:crawl_source``...)."""
    from sqlalchemy.exc import InterfaceError, OperationalError

    module = procrastinate()
    transient = module.RetryStrategy(
        max_attempts=RETRIES, exponential_wait=RETRY_BACKOFF_BASE_S,
        retry_exceptions={SourceUnreachable, OperationalError, InterfaceError},
    )
    for kind, function, queue in (
        (CRAWL_SOURCE, crawl_source, CRAWL_QUEUE),
        (EXTRACT_BATCH, extract_batch, EXTRACT_QUEUE),
        (REPROCESS_BATCH, reprocess_batch, EXTRACT_QUEUE),
    ):
        app.task(name=task_name(kind), queue=queue, pass_context=True, retry=transient)(function)
    app.task(name=task_name(UPDATE), queue=MAINTENANCE_QUEUE, pass_context=True,
             queueing_lock=UPDATE)(update)
    app.task(name=task_name(RETRY_STALLED), queue=MAINTENANCE_QUEUE, pass_context=True,
             queueing_lock=RETRY_STALLED)(retry_stalled_jobs)
    app.task(name=task_name(PRUNE_JOBS), queue=MAINTENANCE_QUEUE, pass_context=True,
             queueing_lock=PRUNE_JOBS)(prune_jobs)


def schedule_maintenance(app: App) -> None:
    """The workers' periodic deferrer queues the stalled-job recovery every minute and the
    pruning of old finished jobs every night."""
    app.periodic(cron=RETRY_STALLED_CRON)(app.tasks[task_name(RETRY_STALLED)])
    app.periodic(cron=PRUNE_CRON)(app.tasks[task_name(PRUNE_JOBS)])


def schedule_updates(app: App, cron: str) -> None:
    """Let the workers' periodic deferrer queue an update on ``cron`` (e.g. every 30 min)."""
    app.periodic(cron=cron)(app.tasks[task_name(UPDATE)])


@contextmanager
def _attempt(context: Any, runtime: JobRuntime) -> Iterator[None]:
    job = context.job
    if runtime.attempts is None or job.id is None:
        yield
        return
    with runtime.attempts.recording(job.id, job.task_name, job.attempts + 1):
        yield


def crawl_source(context: Any, name: str) -> dict[str, int]:
    from crawler.run import run_crawl
    from crawler.summary import SourceStats
    from kunker.cli.pipeline_commands import source_failures
    from kunker.jobs.enqueue import enqueue_extraction

    runtime = runtime_of(context)
    with _attempt(context, runtime):
        summary = run_crawl([runtime.source(name)], runtime.url,
                            settings=runtime.crawl_settings, log_file=runtime.log_path)
        for line in summary.lines():
            logger.info("%s", line)
        # also after a partial failure: what was stored gets extracted
        queued = enqueue_extraction(context.app, runtime.engine, source=name)
        failed = source_failures(summary, [name])
        if failed:
            raise SourceUnreachable(f"source {name} failed completely: {failed[name]}")
        stats = summary.sources.get(name) or SourceStats()
        return {"fetched": stats.fetched, "new_articles": stats.stored_new,
                "updated_articles": stats.stored_updated, "errors": stats.errors_total,
                "extraction_jobs": queued.jobs}


def extract_batch(context: Any, article_ids: list[int]) -> dict[str, int]:
    from nlp.extract import EXTRACTOR_VERSION

    runtime = runtime_of(context)
    with _attempt(context, runtime):
        return _extract(runtime, article_ids, done_version=EXTRACTOR_VERSION)


def reprocess_batch(context: Any, article_ids: list[int], requested_at: str
                    ) -> dict[str, int]:
    from nlp.extract import EXTRACTOR_VERSION

    runtime = runtime_of(context)
    with _attempt(context, runtime):
        return _extract(runtime, article_ids, done_version=EXTRACTOR_VERSION,
                        done_since=datetime.fromisoformat(requested_at))


def _extract(runtime: JobRuntime, ids: list[int], *, done_version: str,
             done_since: datetime | None = None) -> dict[str, int]:
    from kunker.cli.extraction import extract_articles
    from storage import articles_by_ids, session_factory

    with session_factory(runtime.engine)() as session:
        pending = articles_by_ids(session, ids, done_version=done_version,
                                  done_since=done_since)
        totals = extract_articles(runtime.engine, session, pending, no_stanza=runtime.no_stanza,
                                  total=len(pending), show_progress=False)
    _raise_on_failures(totals)
    counts = totals.as_dict()
    counts["skipped"] = len(ids) - len(pending)  # done before, deleted or irrelevant
    return counts


def _raise_on_failures(totals: ExtractTotals) -> None:
    if totals.failed:
        shown = "; ".join(totals.failures)
        more = totals.failed - len(totals.failures)
        raise ExtractionFailed(
            f"{totals.failed} of {totals.articles + totals.failed} articles could not be "
            f"extracted (the others are stored): {shown}" + (f"; and {more} more" if more else "")
        )


def update(context: Any, timestamp: int | None = None) -> dict[str, int]:
    """Queue a crawl of every configured source and the extraction of any article left."""
    from crawler.sources import default_sources
    from kunker.jobs.enqueue import enqueue_crawls, enqueue_extraction

    runtime = runtime_of(context)
    with _attempt(context, runtime):
        crawls = enqueue_crawls(context.app, default_sources(runtime.sources()))
        extraction = enqueue_extraction(context.app, runtime.engine)
        return {"crawl_jobs": crawls.jobs, "extraction_jobs": extraction.jobs}


async def retry_stalled_jobs(context: Any, timestamp: int | None = None) -> dict[str, int]:
    from kunker.jobs.stalled import recover_stalled_jobs

    runtime = runtime_of(context)
    return await recover_stalled_jobs(context.app, runtime.stalled_after, runtime.engine)


async def prune_jobs(context: Any, timestamp: int | None = None) -> None:
    """Delete finished jobs (their attempts go with them) older than the kept window."""
    manager = context.app.job_manager
    await manager.delete_old_jobs(nb_hours=KEEP_DONE_HOURS)
    await manager.delete_old_jobs(nb_hours=KEEP_FAILED_HOURS, include_failed=True,
                                  include_cancelled=True, include_aborted=True)
