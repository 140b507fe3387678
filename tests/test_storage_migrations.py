"""Schema migrations on SQLite and PostgreSQL, and the stop on an outdated schema."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from typer.testing import CliRunner

from kunker.cli.app import app
from storage.db import make_engine, normalise_url
from storage.errors import SchemaOutdatedError
from storage.migrate import check_schema, head_revision, include_object, open_database, upgrade
from storage.models import Base


def test_upgrade_creates_every_table_on_an_empty_database(db_url: str) -> None:
    status = upgrade(db_url)
    assert status.up_to_date and status.current == head_revision()
    engine = make_engine(db_url)
    try:
        tables = set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
    assert set(Base.metadata.tables) <= tables


def test_upgrade_twice_changes_nothing(db_url: str) -> None:
    upgrade(db_url)
    assert upgrade(db_url).up_to_date


def test_migrations_match_the_models(db_url: str) -> None:
    upgrade(db_url)
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"include_object": include_object, "compare_type": True}
            )
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_empty_database_stops_with_one_line_saying_to_upgrade(db_url: str) -> None:
    with pytest.raises(SchemaOutdatedError) as caught:
        open_database(db_url)
    message = str(caught.value)
    assert "kunker db upgrade" in message and "\n" not in message


def test_older_schema_stops_with_upgrade_message(db_url: str) -> None:
    upgrade(db_url)
    engine = make_engine(db_url)
    try:
        with engine.begin() as conn:  # as if this kunker's newest revision were not applied
            conn.execute(text("DELETE FROM alembic_version"))
        with pytest.raises(SchemaOutdatedError, match="kunker db upgrade"):
            check_schema(engine)
    finally:
        engine.dispose()


def test_schema_from_a_newer_kunker_says_to_upgrade_kunker(db_url: str) -> None:
    upgrade(db_url)
    engine = make_engine(db_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = 'ffff9999'"))
        with pytest.raises(SchemaOutdatedError, match="newer than this kunker"):
            check_schema(engine)
    finally:
        engine.dispose()


def test_postgresql_urls_use_psycopg_3() -> None:
    assert normalise_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    assert normalise_url("postgres://u@h/db").drivername == "postgresql+psycopg"
    assert normalise_url("sqlite:///x.sqlite").drivername == "sqlite"


def test_sqlite_engine_uses_wal_and_foreign_keys(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'k.sqlite'}")
    try:
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        engine.dispose()


def test_cli_db_upgrade_then_status_reports_up_to_date(db_url: str) -> None:
    runner = CliRunner()
    before = runner.invoke(app, ["db", "status", "--url", db_url])
    assert before.exit_code == 1 and "kunker db upgrade" in before.output
    done = runner.invoke(app, ["db", "upgrade", "--url", db_url])
    assert done.exit_code == 0, done.output
    after = runner.invoke(app, ["db", "status", "--url", db_url, "--json"])
    assert after.exit_code == 0 and '"up_to_date": true' in after.output


def test_db_commands_have_an_example_in_their_help() -> None:
    runner = CliRunner()
    for command in ("upgrade", "status"):
        result = runner.invoke(app, ["db", command, "--help"])
        assert "Example:" in result.output
