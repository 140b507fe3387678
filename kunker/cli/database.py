"""Opening the configured database from the commands: read sessions, and engines for writing.

Read commands refuse a database without the current schema (``storage.open_database`` says
to run ``kunker db upgrade``). Commands that fill the database (``update``, ``extract``,
``demo``) create the schema when the database is still empty, so a fresh install works
without a setup step; an *older* schema is never migrated behind the user's back.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

    from kunker.config import Settings

logger = logging.getLogger(__name__)


def database_url(settings: Settings | None = None) -> str:
    """The configured URL; for the default SQLite file, its directory is created."""
    from kunker.config import load_settings

    settings = settings or load_settings()
    if settings.database_url.startswith("sqlite:///"):
        settings.home.mkdir(parents=True, exist_ok=True)  # a fresh install has no data dir
    return settings.database_url


@contextmanager
def reading(url: str | None = None) -> Iterator[Session]:
    """A session on the configured database (which must have the current schema)."""
    from storage import open_database, session_factory

    engine = open_database(url or database_url())
    try:
        with session_factory(engine)() as session:
            yield session
    finally:
        engine.dispose()


def open_for_writing(url: str, *, upgrade_existing: bool = False) -> tuple[Engine, bool]:
    """An engine on ``url`` with the current schema, and whether the schema was created now.

    An empty database gets the schema; an outdated one only when ``upgrade_existing``
    (the demo, whose database is its own business), else ``SchemaOutdatedError``.
    """
    from storage import make_engine, open_database, schema_status, upgrade

    probe = make_engine(url)
    try:
        status = schema_status(probe)
    finally:
        probe.dispose()
    created = False
    if status.current is None or (upgrade_existing and not status.up_to_date):
        logger.info("creating or upgrading the schema of %s", status.url)
        upgrade(url)
        created = status.current is None
    return open_database(url), created
