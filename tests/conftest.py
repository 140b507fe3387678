"""Shared fixtures: a local HTTP site and databases on SQLite and PostgreSQL.

PostgreSQL tests need ``KUNKER_TEST_POSTGRES_URL`` (``.ci/run`` sets it to this machine's
server). Without it they skip with that reason, unless ``KUNKER_REQUIRE_POSTGRES=1`` (set by
CI), which turns the skip into a failure so CI can never pass without running them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from kunker.localsite import LocalSite

REPO_ROOT = Path(__file__).resolve().parent.parent
DEV_SET = REPO_ROOT.parent / "shared" / "eval" / "dev.jsonl"
POSTGRES_ENV = "KUNKER_TEST_POSTGRES_URL"
REQUIRE_POSTGRES_ENV = "KUNKER_REQUIRE_POSTGRES"


@pytest.fixture
def local_site(tmp_path: Path) -> Iterator[LocalSite]:
    """A threaded HTTP server on 127.0.0.1 serving ``tmp_path / 'site'``.

    Write pages into ``local_site.root`` and inject faults with ``set_status``,
    ``set_slow``, ``set_redirect`` and ``set_body``.
    """
    root = tmp_path / "site"
    root.mkdir()
    with LocalSite(root) as site:
        yield site


def _postgres_admin_url() -> str | None:
    url = os.environ.get(POSTGRES_ENV)
    if url:
        return url
    if os.environ.get(REQUIRE_POSTGRES_ENV) == "1":
        pytest.fail(f"{REQUIRE_POSTGRES_ENV}=1 but {POSTGRES_ENV} is not set")
    return None


def _fresh_postgres_database(admin_url: str) -> Iterator[str]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"kunker_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # server down or URL wrong
        admin.dispose()
        if os.environ.get(REQUIRE_POSTGRES_ENV) == "1":
            pytest.fail(f"PostgreSQL at {POSTGRES_ENV} is unreachable: {exc}")
        pytest.skip(f"PostgreSQL at {POSTGRES_ENV} is unreachable: {exc}")
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database URL, once for SQLite and once for PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'kunker.sqlite'}"
        return
    admin_url = _postgres_admin_url()
    if admin_url is None:
        pytest.skip(f"PostgreSQL tests need {POSTGRES_ENV} (e.g. postgresql+psycopg://...)")
    yield from _fresh_postgres_database(admin_url)


@pytest.fixture
def dev_set() -> Path:
    """The shared gold set, when this checkout sits beside ``../shared``."""
    if not DEV_SET.is_file():
        pytest.skip(f"{DEV_SET} not found")
    return DEV_SET
