"""Engines and sessions. No module-level engine: callers build one from a URL and own it.

SQLite gets WAL (readers never block the writer), foreign keys, a busy timeout, and
``BEGIN IMMEDIATE`` for write sessions: a deferred transaction that reads and then writes
fails at once with "database is locked" when another process committed in between, while an
immediate one waits its turn (the busy timeout), which is what two overlapping cron runs need.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 60_000
WRITE_OPTION = "kunker_write"


def normalise_url(url: str | URL) -> URL:
    """``postgresql://`` and ``postgres://`` mean psycopg 3, the driver kunker installs."""
    if isinstance(url, str) and url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def is_sqlite(engine_or_session: Engine | Session) -> bool:
    bind = engine_or_session.get_bind() if isinstance(engine_or_session, Session) else (
        engine_or_session
    )
    return bind.dialect.name == "sqlite"


def make_engine(url: str | URL, **kwargs: Any) -> Engine:
    """An engine for ``url`` (SQLite file or PostgreSQL); the caller disposes of it."""
    parsed = normalise_url(url)
    if parsed.get_backend_name() == "sqlite":
        connect_args = kwargs.pop("connect_args", {})
        connect_args.setdefault("timeout", SQLITE_BUSY_TIMEOUT_MS / 1000)
        engine = create_engine(parsed, connect_args=connect_args, **kwargs)
        _configure_sqlite(engine)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(parsed, **kwargs)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite's own is always DEFERRED).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode = WAL")
            # In WAL mode NORMAL is crash-safe for the database; only the last commits can
            # be lost on power failure, and the next crawl fetches those again.
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def session_factory(engine: Engine, *, write: bool = False) -> sessionmaker[Session]:
    """Sessions on ``engine``; ``write=True`` for sessions that ingest (see module doc)."""
    # The option goes on each session's connection, not on a derived engine: building an
    # ``engine.execution_options()`` copy re-creates its event dispatch (about a millisecond),
    # which ingest paid once per article.
    options = {WRITE_OPTION: True} if write else {}
    return sessionmaker(bind=engine, expire_on_commit=False, execution_options=options)


# Made once and bound per call: every ``sessionmaker()`` makes a Session subclass whose event
# dispatch SQLAlchemy builds on its first session (~0.25 ms), which ``write_transaction``
# paid for every article stored one per transaction.
_WRITE_SESSIONS = sessionmaker(expire_on_commit=False, execution_options={WRITE_OPTION: True})


# What ``durable=False`` sends first on PostgreSQL; SET LOCAL ends with the transaction.
NOT_DURABLE = "SET LOCAL synchronous_commit TO OFF"


@contextmanager
def write_transaction(engine: Engine, *, durable: bool = True) -> Iterator[Session]:
    """``with write_transaction(engine) as session:`` commits on success, rolls back on error.

    ``durable=False``: on PostgreSQL the commit returns without waiting for the WAL flush
    (a crash of the server can lose the last fraction of a second of such commits, never
    leave them half done; a later durable commit flushes them too). For writes that are
    redone when lost, as SQLite's ``synchronous = NORMAL`` already allows for every write.
    """
    with _WRITE_SESSIONS(bind=engine) as session, session.begin():
        if not durable and engine.dialect.name == "postgresql":
            session.connection().exec_driver_sql(NOT_DURABLE)
        yield session
