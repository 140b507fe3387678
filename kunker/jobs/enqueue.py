"""Deferring jobs without queueing the same work twice.

- Crawls: one ``crawl_source`` job per source, with a queueing lock on the source (a second
  ``update --queue`` while one is waiting adds nothing) and a lock on its host (crawls of
  one outlet never run side by side, whatever the number of workers).
- Extraction: the articles waiting for extraction that no waiting or running job holds
  yet, in batches of ``EXTRACT_JOB_ARTICLES``, each with a queueing lock on the batch.
  On PostgreSQL the selection is serialised by an advisory lock, so two workers finishing
  crawls at once do not both queue the same articles.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from kunker.jobs.queue import (
    CRAWL_SOURCE,
    EXTRACT_BATCH,
    REPROCESS_BATCH,
    host_of,
    task_name,
)

if TYPE_CHECKING:
    from procrastinate import App
    from sqlalchemy import Engine

    from crawler.sources import Source

logger = logging.getLogger(__name__)
# Articles per extraction job: a few seconds of Stanza, a fraction of one with the rules;
# small enough to spread over many workers, large enough that queue overhead stays small.
EXTRACT_JOB_ARTICLES = 25
SWEEP_LOCK_KEY = 0x6B756E71  # pg_advisory_lock key ("kunq")
ACTIVE = ("todo", "doing")


@dataclass(slots=True)
class Enqueued:
    """What a call deferred: jobs, the articles in them, and jobs already waiting."""

    jobs: int = 0
    articles: int = 0
    already_queued: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"jobs": self.jobs, "articles": self.articles,
                "already_queued": self.already_queued}


def defer_once(app: App, kind: str, queueing_lock: str, lock: str | None = None,
               **arguments: Any) -> bool:
    """Defer a job unless one with the same queueing lock is waiting; True when deferred."""
    from procrastinate.exceptions import AlreadyEnqueued

    try:
        app.configure_task(task_name(kind), queueing_lock=queueing_lock, lock=lock).defer(
            **arguments
        )
    except AlreadyEnqueued:
        return False
    return True


def enqueue_crawls(app: App, sources: Iterable[Source]) -> Enqueued:
    done = Enqueued()
    for source in sources:
        if defer_once(app, CRAWL_SOURCE, f"crawl:{source.name}",
                      lock=f"crawl-host:{host_of(source)}", name=source.name):
            done.jobs += 1
        else:
            done.already_queued += 1
    return done


def batch_lock(kind: str, ids: Sequence[int]) -> str:
    digest = hashlib.sha1(",".join(map(str, ids)).encode()).hexdigest()[:16]
    return f"{kind}:{digest}"


def batches(ids: Sequence[int], size: int = EXTRACT_JOB_ARTICLES) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield list(ids[start:start + size])


def queued_article_ids(app: App, kinds: Iterable[str]) -> set[int]:
    """Articles held by extraction jobs that wait or run."""
    held: set[int] = set()
    for kind in kinds:
        for status in ACTIVE:
            for job in app.job_manager.list_jobs(task=task_name(kind), status=status):
                held.update(int(i) for i in job.task_kwargs.get("article_ids", []))
    return held


@contextmanager
def _sweep_lock(engine: Engine) -> Iterator[None]:
    """One enqueuer at a time chooses articles (PostgreSQL; SQLite has one process)."""
    from sqlalchemy import text

    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": SWEEP_LOCK_KEY})
        conn.commit()
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": SWEEP_LOCK_KEY})
            conn.commit()


def enqueue_extraction(app: App, engine: Engine, *, source: str | None = None,
                       size: int = EXTRACT_JOB_ARTICLES) -> Enqueued:
    """``extract_batch`` jobs for the articles waiting for this extractor version (of one
    source, or all) that no active job holds."""
    from nlp.extract import EXTRACTOR_VERSION
    from storage import pending_article_ids, session_factory

    done = Enqueued()
    with _sweep_lock(engine):
        with session_factory(engine)() as session:
            pending = pending_article_ids(session, EXTRACTOR_VERSION, source=source)
        held = queued_article_ids(app, (EXTRACT_BATCH, REPROCESS_BATCH))
        free = [article_id for article_id in pending if article_id not in held]
        for ids in batches(free, size):
            if defer_once(app, EXTRACT_BATCH, batch_lock("extract", ids), article_ids=ids):
                done.jobs += 1
                done.articles += len(ids)
            else:
                done.already_queued += 1
    if done.jobs:
        logger.info("queued %d extraction jobs for %d articles%s", done.jobs, done.articles,
                    f" of {source}" if source else "")
    return done


def enqueue_reprocess(app: App, engine: Engine, *, since: date | None = None,
                      size: int = EXTRACT_JOB_ARTICLES) -> Enqueued:
    """``reprocess_batch`` jobs for every stored article (published since ``since``)."""
    from kunker.cli.extraction import EVERY_VERSION
    from storage import pending_article_ids, session_factory

    requested_at = datetime.now(UTC).isoformat()
    done = Enqueued()
    with session_factory(engine)() as session:
        ids = pending_article_ids(session, EVERY_VERSION, since=since)
    for batch in batches(ids, size):
        if defer_once(app, REPROCESS_BATCH, batch_lock("reprocess", batch),
                      article_ids=batch, requested_at=requested_at):
            done.jobs += 1
            done.articles += len(batch)
        else:
            done.already_queued += 1
    return done
