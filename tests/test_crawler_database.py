"""Crawling into the database (SQLite and PostgreSQL) through ``DatabaseArticleSink``:
articles stored once, never fetched again, irrelevant ones kept without text."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from crawler.run import LOCAL_SITE_SETTINGS, run_crawl
from crawler.sources import adhoc_source
from kunker.localsite import LocalSite

SITE = Path(__file__).parent / "fixtures" / "crawler" / "site"
JAMBI = "/berita/2025/06/komisi-b-dprd-kota-jambi-belajar-pengelolaan-pasar.html"
GABAH = "/berita/2025/06/harga-gabah-naik-jelang-musim-tanam.html"
WIB = timezone(timedelta(hours=7))


def test_crawl_into_database_stores_once_and_second_run_fetches_nothing(
    db_url: str, local_site: LocalSite
) -> None:
    pytest.importorskip("storage.article_sink")
    from sqlalchemy import create_engine, select
    from sqlalchemy.orm import Session

    from storage.migrate import upgrade
    from storage.models import Article

    assert local_site.root is not None
    shutil.copytree(SITE, local_site.root, dirs_exist_ok=True)
    upgrade(db_url)
    source = adhoc_source("feed", local_site.url("rss.xml"))

    first = run_crawl([source], db_url, settings=LOCAL_SITE_SETTINGS)
    second = run_crawl([source], db_url, settings=LOCAL_SITE_SETTINGS)

    assert first.sources[source.name].stored_new == 4
    assert (second.sources[source.name].skipped_known, second.sources[source.name].fetched) == (
        4,
        0,
    )
    assert local_site.requested(JAMBI) == 1
    engine = create_engine(db_url)
    try:
        with Session(engine) as session:
            rows = {a.canonical_url: a for a in session.scalars(select(Article))}
            assert len(rows) == 4
            jambi = rows[local_site.url(JAMBI)]
            assert jambi.title == "Komisi B DPRD Kota Jambi Belajar Pengelolaan Pasar ke Yogyakarta"
            assert jambi.published_at == datetime(2025, 6, 12, 9, 30, tzinfo=WIB)
            assert jambi.text is not None and "Baca juga" not in jambi.text
            gabah = rows[local_site.url(GABAH)]
            assert (gabah.relevant, gabah.text) == (False, None)
    finally:
        engine.dispose()
