"""``DatabaseArticleSink``: stores ``ArticleRecord``s in SQLite or PostgreSQL as they come.

The crawler stores through it (``crawler.sink`` turns each item into an ``ArticleRecord``).
Built for a Scrapy pipeline that may run in a child process: the engine is created on first
use in the process that uses it (an engine inherited through fork would share sockets and
SQLite file handles with the parent). ``store`` writes through, in its own short transaction,
so a crawl killed halfway keeps everything stored so far and an overlapping run waits its
turn; ``store_many`` stores a batch in one transaction for bulk loads (an import, a backfill).

A new article costs one insert and the commit: source ids are remembered, and writes go
through one connection kept for the sink's life instead of a pool checkout (with its ping
round trip) per article.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Protocol

from sqlalchemy import Connection, Engine
from sqlalchemy.engine import URL
from sqlalchemy.exc import IntegrityError, OperationalError, StatementError
from sqlalchemy.orm import Session

from storage.articles import StoreOutcome, known_urls, store_articles
from storage.db import WRITE_OPTION, normalise_url, session_factory
from storage.errors import (
    StorageError,
    StorageUnavailableError,
    database_problem,
    refuses_writes,
)
from storage.migrate import open_database
from storage.records import ArticleRecord
from storage.source_health import RunStats

logger = logging.getLogger(__name__)
STORE_ATTEMPTS = 3
STORE_BATCH = 500  # articles per transaction in ``store_many``
# A lost article is fetched again by the next crawl, so a commit need not wait for the WAL
# flush (several times the throughput). Set per connection: this engine is the sink's own.
POSTGRES_CONNECT_OPTIONS = {"options": "-c synchronous_commit=off"}


class CrawlCounts(Protocol):
    """What a crawl counted, per source (``crawler.summary.CrawlSummary`` is one)."""

    @property
    def sources(self) -> Mapping[str, RunStats]: ...


class DatabaseArticleSink:
    """Stores crawled articles idempotently; ``known_urls`` lets the crawler skip them."""

    def __init__(self, url: str | URL) -> None:
        self.url = url
        self._engine: Engine | None = None
        self._writer: Connection | None = None
        self._pid: int | None = None
        self._sources: dict[str, int] = {}

    def _open(self) -> Engine:
        if self._engine is None or self._pid != os.getpid():
            # New process (or first use): never reuse a forked parent's connections.
            if self._engine is not None:
                self._engine.dispose(close=False)
            self._writer = None
            self._sources = {}
            postgres = normalise_url(self.url).get_backend_name() == "postgresql"
            options = {"connect_args": POSTGRES_CONNECT_OPTIONS} if postgres else {}
            self._engine = open_database(self.url, **options)
            self._pid = os.getpid()
        return self._engine

    def _connection(self) -> Connection:
        engine = self._open()
        if self._writer is None or self._writer.closed or self._writer.invalidated:
            # write connection: BEGIN IMMEDIATE on SQLite (see storage.db)
            self._writer = engine.connect().execution_options(**{WRITE_OPTION: True})
        return self._writer

    def known_urls(self, canonical_urls: Iterable[str]) -> set[str]:
        # a read session: lookups must not take SQLite's write lock
        with session_factory(self._open())() as session:
            return known_urls(session, canonical_urls)

    def store(self, item: ArticleRecord) -> StoreOutcome:
        """Store one article, committed before returning."""
        return self._store_batch([item])[0]

    def store_many(self, items: Sequence[ArticleRecord]) -> list[StoreOutcome]:
        """Store ``items`` in order, ``STORE_BATCH`` per transaction; outcomes as ``store`` gives.

        If an item cannot be stored (bad data), the items before it are stored and a
        ``StorageError`` names it; the ones after it are not stored.
        """
        outcomes: list[StoreOutcome] = []
        for start in range(0, len(items), STORE_BATCH):
            chunk = items[start:start + STORE_BATCH]
            try:
                outcomes.extend(self._store_batch(chunk))
            except StorageError:
                if len(chunk) == 1:
                    raise
                # find the culprit: one by one, the items before it are kept
                for item in chunk:
                    outcomes.extend(self._store_batch([item]))
        return outcomes

    def _store_batch(self, items: Sequence[ArticleRecord]) -> list[StoreOutcome]:
        last_error: Exception | None = None
        for attempt in range(1, STORE_ATTEMPTS + 1):
            sources = dict(self._sources)  # kept only if the transaction commits
            try:
                connection = self._connection()  # a server gone since the last write: retried
                with connection.begin(), Session(bind=connection) as session:
                    outcomes = store_articles(session, items, sources)
                self._sources = sources
                return outcomes
            except (IntegrityError, OperationalError) as exc:
                # a concurrent writer won a race (unique key) or a deadlock was broken:
                # the retry sees its committed row and takes the "unchanged/updated" path
                self._drop_broken_connection()
                if isinstance(exc, OperationalError) and refuses_writes(exc):
                    # read-only, full, or still locked after the busy timeout's wait:
                    # retrying only waits again
                    raise StorageUnavailableError(
                        f"the database {self.where()} takes no writes: "
                        f"{database_problem(exc)}") from exc
                logger.debug("retrying %s after %s (attempt %d)", _names(items), exc, attempt)
                last_error = exc
            except StatementError as exc:  # bad data (a NUL byte, a naive datetime): not retried
                self._drop_broken_connection()
                reason = exc.orig if exc.orig is not None else exc
                raise StorageError(f"could not store {_names(items)}: {reason}") from exc
        if isinstance(last_error, OperationalError):  # the server went away and stayed away
            raise StorageUnavailableError(
                f"the database {self.where()} failed {STORE_ATTEMPTS} times in a row: "
                f"{database_problem(last_error)}") from last_error
        raise StorageError(
            f"could not store {_names(items)} after {STORE_ATTEMPTS} attempts: {last_error}"
        )

    def where(self) -> str:
        """The database's URL without its password, for messages."""
        return normalise_url(self.url).render_as_string(hide_password=True)

    def record_crawl(self, summary: CrawlCounts, started_at: datetime,
                     finished_at: datetime) -> None:
        """Keep what the crawl did per source (``storage.source_health``)."""
        from storage.source_health import record_runs

        connection = self._connection()
        with connection.begin(), Session(bind=connection) as session:
            record_runs(session, started_at, finished_at, summary.sources)

    def _drop_broken_connection(self) -> None:
        if self._writer is not None and self._writer.invalidated:
            self._writer.close()
            self._writer = None

    def close(self) -> None:
        if self._engine is not None and self._pid == os.getpid():
            if self._writer is not None:
                self._writer.close()
            self._engine.dispose()
        self._engine = None
        self._writer = None
        self._sources = {}


def _names(items: Sequence[ArticleRecord]) -> str:
    if len(items) == 1:
        return items[0].canonical_url
    return f"{len(items)} articles ({items[0].canonical_url} ...)"

