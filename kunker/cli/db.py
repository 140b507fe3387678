"""``kunker db``: create or upgrade the database schema, and show where it stands."""

from __future__ import annotations

import json

import typer

from kunker.cli.app import app

db_app = typer.Typer(
    name="db",
    help="The database: apply schema migrations, show the schema status.",
    no_args_is_help=True,
)
app.add_typer(db_app, name="db")


def _database_url(url: str | None) -> str:
    if url:
        return url
    from kunker.config import load_settings

    settings = load_settings()
    if settings.database_url.startswith("sqlite:///"):
        # a fresh install: the SQLite file's directory may not exist yet
        settings.home.mkdir(parents=True, exist_ok=True)
    return settings.database_url


URL_OPTION = typer.Option(
    None, "--url", help="Database URL (default: KUNKER_DATABASE_URL or the SQLite file in "
    "KUNKER_HOME)."
)


@db_app.command("upgrade")
def upgrade(url: str | None = URL_OPTION) -> None:
    """Create the database or bring its schema up to this kunker's version.

    On PostgreSQL it also installs or upgrades the job queue's tables (`kunker worker`).
    Safe to run any time: an up-to-date database is left as it is.

    Example: kunker db upgrade
    """
    from kunker.cli.database import database_errors
    from kunker.jobs.schema import install_queue
    from storage.migrate import upgrade as run_upgrade

    target = _database_url(url)
    with database_errors(target):
        status = run_upgrade(target)
    typer.echo(f"database {status.url} is at schema {status.current} (up to date)")
    message = install_queue(target)  # PostgreSQL: the job queue lives in the same database
    if message:
        typer.echo(message)


@db_app.command("status")
def status(
    url: str | None = URL_OPTION,
    as_json: bool = typer.Option(False, "--json", help="Print JSON for machines."),
) -> None:
    """Show the database URL, its schema version and whether it needs `kunker db upgrade`
    (on PostgreSQL, also the job queue's schema).

    Exits 1 when an upgrade is needed.

    Example: kunker db status --json
    """
    from kunker.cli.database import database_errors
    from kunker.jobs.schema import queue_status_of
    from storage.db import make_engine
    from storage.migrate import schema_status

    target = _database_url(url)
    with database_errors(target):
        engine = make_engine(target)
        try:
            info = schema_status(engine)
            queue = queue_status_of(engine)  # None on SQLite: no job queue there
        finally:
            engine.dispose()
    queue_ready = queue is None or queue.up_to_date
    if as_json:
        typer.echo(json.dumps({"url": info.url, "current": info.current, "head": info.head,
                               "up_to_date": info.up_to_date and queue_ready,
                               "queue": queue.as_dict() if queue else None}))
    elif info.up_to_date:
        typer.echo(f"database {info.url}: schema {info.current} (up to date)")
    else:
        typer.echo(
            f"database {info.url}: schema {info.current or 'none'}, this kunker needs "
            f"{info.head}: run `kunker db upgrade`"
        )
    if queue is not None and not as_json:
        typer.echo(queue.describe())
    if not (info.up_to_date and queue_ready):
        raise typer.Exit(1)
