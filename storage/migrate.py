"""Applying and checking migrations without an alembic.ini: the scripts ship in the package.

``upgrade(url)`` brings a database (empty or older) to the newest schema; ``check_schema``
is what every command runs first, so an old database stops with one line telling the user
to run ``kunker db upgrade`` instead of failing later on a missing column.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Engine
from sqlalchemy.engine import URL

from storage.db import make_engine, normalise_url
from storage.errors import SchemaOutdatedError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
UPGRADE_HINT = "run `kunker db upgrade`"
# Dialect-specific full-text objects the models do not describe (see the initial revision):
# autogenerate must neither drop nor re-create them.
FTS_TABLE_PREFIXES = ("articles_fts", "events_fts")
FTS_COLUMNS = ("search_vector",)


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Alembic filter: leave the full-text objects to the hand-written revisions."""
    if type_ == "table" and name and name.startswith(FTS_TABLE_PREFIXES):
        return False
    if type_ == "column" and name in FTS_COLUMNS:
        return False
    return not (type_ == "index" and name and name.endswith("_search_vector"))


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


@lru_cache(maxsize=1)
def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:  # pragma: no cover - the package always ships revisions
        raise RuntimeError(f"no migrations found in {MIGRATIONS_DIR}")
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@dataclass(frozen=True, slots=True)
class SchemaStatus:
    url: str
    current: str | None
    head: str

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head


def schema_status(engine: Engine) -> SchemaStatus:
    return SchemaStatus(
        url=engine.url.render_as_string(hide_password=True),
        current=current_revision(engine),
        head=head_revision(),
    )


def check_schema(engine: Engine) -> None:
    """Raise ``SchemaOutdatedError`` unless the database is at this kunker's newest revision."""
    status = schema_status(engine)
    if status.up_to_date:
        return
    if status.current is None:
        raise SchemaOutdatedError(
            f"the database at {status.url} has no kunker schema yet: {UPGRADE_HINT}"
        )
    try:
        ScriptDirectory.from_config(alembic_config()).get_revision(status.current)
        known = True
    except CommandError:  # alembic's "Can't locate revision"
        known = False
    if not known:
        raise SchemaOutdatedError(
            f"the database at {status.url} is at schema {status.current}, newer than this "
            f"kunker knows (newest {status.head}): upgrade kunker"
        )
    raise SchemaOutdatedError(
        f"the database at {status.url} is at schema {status.current}, this kunker needs "
        f"{status.head}: {UPGRADE_HINT}"
    )


def upgrade_engine(engine: Engine, revision: str = "head") -> None:
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def upgrade(url: str | URL, revision: str = "head") -> SchemaStatus:
    """Apply every pending migration to the database at ``url``; returns the new status."""
    engine = make_engine(normalise_url(url))
    try:
        upgrade_engine(engine, revision)
        return schema_status(engine)
    finally:
        engine.dispose()


def open_database(url: str | URL, **engine_options: Any) -> Engine:
    """An engine for ``url`` whose schema is known to be current (else SchemaOutdatedError).

    ``engine_options`` go to ``make_engine`` (``create_engine`` keywords).
    """
    engine = make_engine(url, **engine_options)
    try:
        check_schema(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine
