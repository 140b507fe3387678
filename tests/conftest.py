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
from typing import Any

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


@pytest.fixture
def fast_sources_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """``kunker sources check`` against a local site without the polite waits of a real
    check (a 1 s delay between requests, autothrottle's 2 s start): none of the tests that
    use it is about those waits, and on 127.0.0.1 they are most of the check's time. The
    check's own settings (no retry, its timeout) stay as they are."""
    from kunker.cli import sources

    monkeypatch.setattr(sources, "CHECK_SETTINGS", {
        **sources.CHECK_SETTINGS, "DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False})


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


def _empty_database(backend: str, folder: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'kunker.sqlite'}"
        return
    admin_url = _postgres_admin_url()
    if admin_url is None:
        pytest.skip(f"PostgreSQL tests need {POSTGRES_ENV} (e.g. postgresql+psycopg://...)")
    yield from _fresh_postgres_database(admin_url)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database URL, once for SQLite and once for PostgreSQL."""
    yield from _empty_database(request.param, tmp_path)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def module_db_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """Like ``db_url``, but one database per backend for the whole test module: for data
    that a module-scoped fixture stores once and that the tests taking it only read (a test
    that writes takes ``db_url``). Creating, migrating and dropping a PostgreSQL database
    for every read-only test was a large part of the suite's time."""
    yield from _empty_database(request.param, tmp_path_factory.mktemp("db"))


@pytest.fixture(scope="module")
def module_engine(module_db_url: str) -> Iterator[object]:
    """``module_db_url`` migrated, as a SQLAlchemy engine (see ``engine``)."""
    from storage.db import make_engine
    from storage.migrate import upgrade

    upgrade(module_db_url)
    eng = make_engine(module_db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def dev_set() -> Path:
    """The shared gold set, when this checkout sits beside ``../shared``."""
    if not DEV_SET.is_file():
        pytest.skip(f"{DEV_SET} not found")
    return DEV_SET


# --- storage: migrated databases and builders of articles/events (appended for storage) ---


@pytest.fixture
def engine(db_url: str) -> Iterator[object]:
    """A migrated database (SQLite or PostgreSQL) as a SQLAlchemy engine."""
    from storage.db import make_engine
    from storage.migrate import upgrade

    upgrade(db_url)
    eng = make_engine(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def session(engine: object) -> Iterator[object]:
    """A write session on the migrated database; tests commit or not as they need."""
    from storage.db import session_factory

    with session_factory(engine, write=True)() as s:
        yield s


def make_article_item(
    canonical_url: str = "https://news.example.id/berita/1",
    *,
    text: str | None = "Komisi II DPRD Provinsi Jambi berkunjung ke DPRD Kalimantan Barat.",
    title: str | None = "Kunjungan kerja Komisi II",
    published: str | None = "2025-09-18T10:00:00+07:00",
    source: str = "news.example.id",
    relevant: bool = True,
    content_hash: str | None = None,
) -> object:
    """The article record storage keeps, as the crawler would hand it (text written by the team)."""
    import hashlib
    from datetime import datetime

    from storage.records import ArticleRecord

    body = text if relevant else None
    return ArticleRecord(
        url=canonical_url + "?utm_source=test",
        canonical_url=canonical_url,
        source=source,
        title=title,
        published_at=datetime.fromisoformat(published) if published else None,
        author=None,
        text=body,
        language="id",
        content_hash=content_hash
        or hashlib.sha256(f"{title}|{body}".encode()).hexdigest(),
        fetched_at=datetime.fromisoformat("2025-09-19T00:00:00+00:00"),
        relevant=relevant,
    )


def make_visit(
    visitor: str | None = "DPRD Provinsi Jambi",
    host: str | None = "DPRD Provinsi Kalimantan Barat",
    *,
    on: str | None = "2025-09-18",
    kind: str = "kunjungan_kerja",
    visitor_unit: str | None = "Komisi II",
    host_unit: str | None = None,
    region: str | None = None,
    topic: str | None = "perlindungan tenaga kerja nelayan",
    category: str = "sosial_ketenagakerjaan",
    people: list[tuple[str, str | None, str]] | None = None,
    location: str | None = None,
) -> object:
    """An extracted event (nlp.records.Event) with sensible defaults."""
    from datetime import date

    from nlp.records import Event, Evidence, Party, Person

    return Event(
        kind=kind,  # type: ignore[arg-type]
        visitor=Party(visitor, visitor_unit),
        host=Party(host, host_unit, region),
        date=date.fromisoformat(on) if on else None,
        location=location,
        people=[Person(n, r, s) for n, r, s in (people or [])],  # type: ignore[arg-type]
        topic=topic,
        topic_category=category,
        evidence=[Evidence("Komisi II berkunjung.", 0, 21)],
        confidence=0.8,
    )


def store_article_in(
    engine: object, canonical_url: str = "https://news.example.id/berita/1", **fields: object
) -> int:
    """Store ``make_article_item(canonical_url, **fields)``, committed; its article id."""
    from sqlalchemy import select

    from storage.articles import store_article as store
    from storage.db import write_transaction
    from storage.models import Article

    with write_transaction(engine) as s:
        store(s, make_article_item(canonical_url, **fields))
        return s.execute(
            select(Article.id).where(Article.canonical_url == canonical_url)
        ).scalar_one()


def extract_in(engine: object, article_id: int, events: list[object],
               version: str = "v1") -> Any:
    """Store the extraction of ``events`` from an article, committed: ExtractionResult."""
    from storage.db import write_transaction
    from storage.events import store_extraction

    with write_transaction(engine) as s:
        return store_extraction(s, article_id, events, version)


@pytest.fixture
def store_article(engine: object) -> object:
    """``store_article(url, **item_fields) -> article id``, committed."""

    def _store(canonical_url: str = "https://news.example.id/berita/1", **fields: object) -> int:
        return store_article_in(engine, canonical_url, **fields)

    return _store


@pytest.fixture
def extract(engine: object) -> object:
    """``extract(article_id, [events], version="v1") -> ExtractionResult``, committed."""

    def _extract(article_id: int, events: list[object], version: str = "v1") -> object:
        return extract_in(engine, article_id, events, version)

    return _extract


@pytest.fixture
def visit() -> object:
    """The ``make_visit`` builder: ``visit("DPRD Provinsi X", "DPRD Kota Y", on="2025-01-02")``."""
    return make_visit


@pytest.fixture
def article_item() -> object:
    """The ``make_article_item`` builder: an ArticleRecord for a canonical URL."""
    return make_article_item
