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
from pathlib import Path
from typing import TYPE_CHECKING

from kunker.errors import KunkerError

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


SUPPORTED = "sqlite:///PATH (the default) or postgresql+psycopg://USER@HOST/DB"


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None for other databases and in-memory SQLite)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


@contextmanager
def database_errors(url: str) -> Iterator[None]:
    """Errors of opening ``url`` as one line that names the cause: a folder that does not
    exist, a database kind kunker has no driver for, a server that does not answer."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, OperationalError

    shown = make_url(url).render_as_string(hide_password=True)
    try:
        yield
    except (ModuleNotFoundError, ArgumentError) as exc:
        raise KunkerError(f"cannot use the database {shown}: no driver for it in kunker "
                          f"({exc}); use {SUPPORTED}") from exc
    except OperationalError as exc:
        path = sqlite_path(url)
        if path is not None and not path.parent.is_dir():
            raise KunkerError(f"cannot open the SQLite database {path}: the folder "
                              f"{path.parent} does not exist") from exc
        cause = str(exc.orig or exc).strip().splitlines()[0]
        raise KunkerError(f"cannot open the database {shown}: {cause}") from exc


@contextmanager
def reading(url: str | None = None) -> Iterator[Session]:
    """A session on the configured database (which must have the current schema). A SQLite
    file that does not exist is not created: reading an empty database tells nothing."""
    from storage import open_database, session_factory

    url = url or database_url()
    path = sqlite_path(url)
    if path is not None and not path.parent.is_dir():
        raise KunkerError(f"cannot open the SQLite database {path}: the folder {path.parent} "
                          "does not exist")
    if path is not None and not path.exists():
        raise KunkerError(f"no database at {path} yet: `kunker update` (or `kunker demo`) "
                          "fills it, `kunker db upgrade` creates it empty")
    with database_errors(url):
        engine = open_database(url)
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

    with database_errors(url):
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
