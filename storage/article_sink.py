"""``DatabaseArticleSink``: the crawler's ``ArticleSink`` backed by SQLite or PostgreSQL.

Built for a Scrapy pipeline that may run in a child process: the engine is created on first
use in the process that uses it (an engine inherited through fork would share sockets and
SQLite file handles with the parent), and each ``store`` is its own short transaction, so a
crawl killed halfway keeps everything stored so far and an overlapping run waits its turn.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable

from sqlalchemy import Engine, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from crawler.items import ArticleItem
from storage.articles import StoreOutcome, known_urls, store_article
from storage.db import is_sqlite, session_factory
from storage.errors import StorageError
from storage.migrate import open_database

logger = logging.getLogger(__name__)
STORE_ATTEMPTS = 3


class DatabaseArticleSink:
    """Stores crawled articles idempotently; ``known_urls`` lets the crawler skip them."""

    def __init__(self, url: str | URL) -> None:
        self.url = url
        self._engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None
        self._readers: sessionmaker[Session] | None = None
        self._pid: int | None = None

    def _session(self, write: bool = True) -> Session:
        if self._engine is None or self._pid != os.getpid():
            # New process (or first use): never reuse a forked parent's connections.
            if self._engine is not None:
                self._engine.dispose(close=False)
            self._engine = open_database(self.url)
            self._sessions = session_factory(self._engine, write=True)
            # lookups must not take SQLite's write lock (see storage.db)
            self._readers = session_factory(self._engine)
            self._pid = os.getpid()
        factory = self._sessions if write else self._readers
        assert factory is not None
        return factory()

    def known_urls(self, canonical_urls: Iterable[str]) -> set[str]:
        with self._session(write=False) as session:
            return known_urls(session, canonical_urls)

    def store(self, item: ArticleItem) -> StoreOutcome:
        last_error: Exception | None = None
        for attempt in range(1, STORE_ATTEMPTS + 1):
            try:
                with self._session() as session, session.begin():
                    if not is_sqlite(session):
                        # A lost article is fetched again by the next crawl, so the commit
                        # need not wait for the WAL flush (several times the throughput).
                        session.execute(text("SET LOCAL synchronous_commit TO OFF"))
                    return store_article(session, item)
            except (IntegrityError, OperationalError) as exc:
                # a concurrent writer won a race (unique key) or a deadlock was broken:
                # the retry sees its committed row and takes the "unchanged/updated" path
                logger.debug("retrying %s after %s (attempt %d)", item.canonical_url, exc, attempt)
                last_error = exc
        raise StorageError(
            f"could not store {item.canonical_url} after {STORE_ATTEMPTS} attempts: {last_error}"
        )

    def close(self) -> None:
        if self._engine is not None and self._pid == os.getpid():
            self._engine.dispose()
        self._engine = None
        self._sessions = self._readers = None
