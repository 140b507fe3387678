"""The queue's tables in kunker's PostgreSQL database, installed and upgraded by
``kunker db upgrade`` so an operator runs one command.

procrastinate ships its full schema (``schema.sql``) and one SQL migration per release that
changed it (``sql/migrations/MM.mm.pp_NN_*.sql``). kunker records which procrastinate
version the installed schema belongs to; after an upgrade of the package, the migrations
of the releases in between are applied in order (stop the workers first: a worker of the
old version may not run against the new schema). kunker's own table of job attempts
(``attempts``) is created beside them.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from sqlalchemy import Connection, Engine, text

from kunker.errors import KunkerError
from kunker.jobs.queue import procrastinate

logger = logging.getLogger(__name__)
# pg_advisory_xact_lock key: two `kunker db upgrade` at once install the schema once
SCHEMA_LOCK_KEY = 0x6B756E6B  # "kunk"
MIGRATION_NAME = re.compile(r"^(\d+)\.(\d+)\.(\d+)_\d+_.*\.sql$")
KUNKER_TABLES = """
CREATE TABLE IF NOT EXISTS kunker_queue_schema (
    procrastinate_version varchar(32) NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS kunker_job_attempts (
    id bigserial PRIMARY KEY,
    job_id bigint NOT NULL REFERENCES procrastinate_jobs(id) ON DELETE CASCADE,
    task_name varchar(128) NOT NULL,
    attempt integer NOT NULL,
    worker text NOT NULL,
    started_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    outcome varchar(16),
    error text
);
CREATE INDEX IF NOT EXISTS kunker_job_attempts_job_id_idx ON kunker_job_attempts (job_id);
CREATE INDEX IF NOT EXISTS kunker_job_attempts_failed_idx ON kunker_job_attempts (started_at)
    WHERE outcome IN ('failed', 'lost');
"""

Version = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class QueueSchemaStatus:
    installed: str | None  # the procrastinate version of the schema in the database
    wanted: str  # the installed procrastinate package's version

    @property
    def up_to_date(self) -> bool:
        return self.installed is not None and _version(self.installed) == _version(self.wanted)

    def as_dict(self) -> dict[str, object]:
        return {"installed": self.installed, "wanted": self.wanted,
                "up_to_date": self.up_to_date}

    def describe(self) -> str:
        if self.up_to_date:
            return f"job queue: procrastinate {self.installed} schema (up to date)"
        if self.installed is None:
            return "job queue: not installed: run `kunker db upgrade`"
        return (f"job queue: procrastinate {self.installed} schema, this kunker uses "
                f"{self.wanted}: stop the workers and run `kunker db upgrade`")


def _version(value: str) -> Version:
    parts = [int(p) for p in re.findall(r"\d+", value)[:3]]
    parts += [0] * (3 - len(parts))
    return parts[0], parts[1], parts[2]


def package_version() -> str:
    procrastinate()  # a clear error when it is not installed
    return metadata.version("procrastinate")


def migrations_between(directory: Path, installed: str, wanted: str) -> list[Path]:
    """The migration files of the releases after ``installed`` up to ``wanted``, in order."""
    low, high = _version(installed), _version(wanted)
    chosen: list[Path] = []
    for path in sorted(directory.glob("*.sql")):
        match = MIGRATION_NAME.match(path.name)
        if match and low < tuple(int(g) for g in match.groups()) <= high:
            chosen.append(path)
    return chosen


def _installed(conn: Connection) -> tuple[bool, str | None]:
    """Whether procrastinate's tables exist, and the version kunker recorded for them."""
    jobs = conn.execute(text("SELECT to_regclass('procrastinate_jobs') IS NOT NULL")).scalar()
    recorded = conn.execute(text("SELECT to_regclass('kunker_queue_schema') IS NOT NULL")).scalar()
    version = None
    if recorded:
        version = conn.execute(text(
            "SELECT procrastinate_version FROM kunker_queue_schema ORDER BY applied_at DESC "
            "LIMIT 1"
        )).scalar()
    return bool(jobs), version


def _run_script(conn: Connection, script: str) -> None:
    """Run a file of SQL statements (psycopg reads ``%`` as a placeholder: double it, as
    procrastinate's own ``apply_schema`` does)."""
    conn.exec_driver_sql(script.replace("%", "%%"), ())


def queue_schema_status(engine: Engine) -> QueueSchemaStatus:
    with engine.connect() as conn:
        tables, version = _installed(conn)
    return QueueSchemaStatus(installed=version if tables else None, wanted=package_version())


def upgrade_queue_schema(engine: Engine) -> QueueSchemaStatus:
    """Install the queue's tables, or migrate them to the installed procrastinate version."""
    from procrastinate.schema import SchemaManager

    wanted = package_version()
    with engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK_KEY})
        tables, version = _installed(conn)
        if not tables:
            logger.info("installing the job queue schema (procrastinate %s)", wanted)
            _run_script(conn, SchemaManager.get_schema())
        elif version is None:
            # procrastinate's tables made by hand (its own CLI): assume they are current
            logger.warning("the job queue tables were not installed by kunker; taking them "
                           "as procrastinate %s", wanted)
        elif _version(version) > _version(wanted):
            raise KunkerError(
                f"the job queue schema is from procrastinate {version}, newer than this "
                f"kunker's {wanted}: upgrade kunker"
            )
        else:
            directory = Path(SchemaManager.get_migrations_path())
            for path in migrations_between(directory, version, wanted):
                logger.info("applying job queue migration %s", path.name)
                _run_script(conn, path.read_text(encoding="utf-8"))
        conn.exec_driver_sql(KUNKER_TABLES)
        if version is None or _version(version) != _version(wanted):
            conn.execute(text("INSERT INTO kunker_queue_schema (procrastinate_version) "
                              "VALUES (:version)"), {"version": wanted})
    return QueueSchemaStatus(installed=wanted, wanted=wanted)


def open_queue_database(url: str) -> Engine:
    """An engine on ``url``, which must be PostgreSQL with the current kunker schema and the
    job queue's tables installed (one-line errors otherwise)."""
    from kunker.jobs.queue import require_postgres
    from storage import open_database

    require_postgres(url)
    engine = open_database(url)
    try:
        require_queue_schema(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine


def require_queue_schema(engine: Engine) -> None:
    """A one-line error unless the queue's tables are installed and current."""
    status = queue_schema_status(engine)
    where = engine.url.render_as_string(hide_password=True)
    if status.installed is None:
        raise KunkerError(f"the job queue is not set up in {where}: run `kunker db upgrade`")
    if not status.up_to_date:
        raise KunkerError(
            f"the job queue in {where} has the schema of procrastinate {status.installed}, "
            f"this kunker uses {status.wanted}: stop the workers and run `kunker db upgrade`"
        )


def _is_postgres(url: str | Engine) -> bool:
    from storage.db import normalise_url

    if isinstance(url, Engine):
        return url.dialect.name == "postgresql"
    return normalise_url(url).get_backend_name() == "postgresql"


def install_queue(url: str) -> str | None:
    """``kunker db upgrade``'s second step: on PostgreSQL, the queue's tables installed or
    upgraded (the line to print); nothing on SQLite."""
    from storage.db import make_engine

    if not _is_postgres(url):
        return None
    engine = make_engine(url)
    try:
        before = queue_schema_status(engine)
        after = upgrade_queue_schema(engine)
    finally:
        engine.dispose()
    if before.up_to_date:
        return after.describe()
    if before.installed is None:
        return f"job queue: installed (procrastinate {after.installed} schema)"
    return f"job queue: upgraded from procrastinate {before.installed} to {after.installed}"


def queue_status_of(engine: Engine) -> QueueSchemaStatus | None:
    """The queue schema's status on PostgreSQL; None on SQLite or without procrastinate."""
    if not _is_postgres(engine):
        return None
    try:
        return queue_schema_status(engine)
    except KunkerError:  # procrastinate not installed: no queue to report on
        return None
