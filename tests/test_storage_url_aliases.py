"""URL aliases: an article whose rel=canonical differs from the link it was found by is stored
once, under its canonical URL, and the link is remembered so no later crawl fetches it again
(into the database or a JSON-lines file)."""

from __future__ import annotations

import pytest

from crawler.run import LOCAL_SITE_SETTINGS, run_crawl
from crawler.sources import Source
from kunker.localsite import LocalSite

FAST = {**LOCAL_SITE_SETTINGS, "DOWNLOAD_TIMEOUT": 10, "RETRY_TIMES": 0}
BODY = (
    "Komisi III DPRD Kabupaten Sigi melakukan kunjungan kerja ke DPRD Kota Palu untuk "
    "mempelajari pengelolaan air bersih. Rombongan diterima Ketua Komisi C yang menjelaskan "
    "program sambungan rumah bagi warga di bantaran sungai dan skema subsidi tarifnya."
)
PAGE = """<html><head><title>{title}</title><link rel="canonical" href="{canonical}">
<meta property="article:published_time" content="2025-06-11T10:00:00+08:00"></head>
<body><h1>{title}</h1><article><p>{body}</p><p>{body}</p></article></body></html>"""
FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>{title}</title><link>{link}</link></item></channel></rss>"""
TITLE = "Komisi III DPRD Sigi Belajar Pengelolaan Air Bersih ke Palu"


@pytest.fixture
def moved_site(local_site: LocalSite) -> LocalSite:
    """A feed linking /berita/77/... whose page declares /read/77/... as canonical."""
    link = local_site.url("/berita/77/komisi-iii-dprd-sigi-belajar-air-bersih")
    canonical = local_site.url("/read/77/komisi-iii-dprd-sigi-belajar-air-bersih")
    local_site.set_body("/feed.xml", FEED.format(title=TITLE, link=link).encode(),
                        "application/rss+xml")
    local_site.set_body("/berita/77/komisi-iii-dprd-sigi-belajar-air-bersih",
                        PAGE.format(title=TITLE, canonical=canonical, body=BODY).encode())
    return local_site


def source(site: LocalSite) -> Source:
    return Source(name="kabar-sigi", feeds=(site.url("/feed.xml"),),
                  allowed_domains=("127.0.0.1",), timezone="WITA")


def test_a_page_with_another_canonical_is_not_fetched_again(
    moved_site: LocalSite, db_url: str
) -> None:
    from sqlalchemy import func, select

    from storage.db import make_engine, session_factory
    from storage.migrate import upgrade
    from storage.models import Article, UrlAlias

    upgrade(db_url)
    first = run_crawl([source(moved_site)], db_url, settings=FAST, timeout=60)
    assert first.sources["kabar-sigi"].stored_new == 1
    second = run_crawl([source(moved_site)], db_url, settings=FAST, timeout=60)
    stats = second.sources["kabar-sigi"]
    assert stats.fetched == 0 and stats.skipped_known == 1
    assert moved_site.requested("/berita/77/komisi-iii-dprd-sigi-belajar-air-bersih") == 1
    engine = make_engine(db_url)
    try:
        with session_factory(engine)() as session:
            stored = session.execute(select(Article.canonical_url)).scalars().all()
            assert [url.split("/", 3)[3] for url in stored] == [
                "read/77/komisi-iii-dprd-sigi-belajar-air-bersih"]
            aliases = session.execute(select(func.count()).select_from(UrlAlias)).scalar_one()
            assert aliases == 1
    finally:
        engine.dispose()


def test_a_jsonl_crawl_remembers_the_link_too(moved_site: LocalSite, tmp_path) -> None:
    target = f"jsonl:{tmp_path / 'articles.jsonl'}"
    run_crawl([source(moved_site)], target, settings=FAST, timeout=60)
    second = run_crawl([source(moved_site)], target, settings=FAST, timeout=60)
    assert second.sources["kabar-sigi"].fetched == 0
