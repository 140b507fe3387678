"""Crawls of a local site the project has never seen: feed, sitemap and listing discovery,
incremental re-runs, --since, robots.txt, relevance and noise, each through ``run_crawl``."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from crawler.run import LOCAL_SITE_SETTINGS, run_crawl
from crawler.sources import Source, adhoc_source
from kunker.localsite import LocalSite

SITE = Path(__file__).parent / "fixtures" / "crawler" / "site"
FAST = {**LOCAL_SITE_SETTINGS, "DOWNLOAD_TIMEOUT": 10, "RETRY_TIMES": 1}
WIB = timezone(timedelta(hours=7))
WITA = timezone(timedelta(hours=8))
JAMBI = "/berita/2025/06/komisi-b-dprd-kota-jambi-belajar-pengelolaan-pasar.html"
SLEMAN = "/berita/2025/06/dprd-sleman-terima-bapemperda-karawang.html"
GABAH = "/berita/2025/06/harga-gabah-naik-jelang-musim-tanam.html"
NTB = "/berita/2025/06/komisi-v-dpr-tinjau-jalan-nasional-ntb.html"
PARIPURNA = "/berita/2025/05/rapat-paripurna-lkpj-bupati.html"
FEED_ARTICLES = [JAMBI, SLEMAN, GABAH, NTB]


@pytest.fixture
def site(local_site: LocalSite) -> LocalSite:
    assert local_site.root is not None
    shutil.copytree(SITE, local_site.root, dirs_exist_ok=True)
    return local_site


@pytest.fixture(scope="module")
def feed_crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LocalSite, Any, Path]]:
    """One feed crawl of the unseen site, shared by the tests that only read its result."""
    root = tmp_path_factory.mktemp("site")
    shutil.copytree(SITE, root, dirs_exist_ok=True)
    out = tmp_path_factory.mktemp("out") / "articles.jsonl"
    with LocalSite(root) as site:
        summary = crawl([adhoc_source("feed", site.url("rss.xml"))], out)
        yield site, summary, out


def read_jsonl(path: Path) -> dict[str, dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            rows[row["canonical_url"]] = row
    return rows


def crawl(sources: list[Source], out: Path, **kwargs: Any) -> Any:
    return run_crawl(sources, f"jsonl:{out}", settings=FAST, **kwargs)


def test_feed_crawl_stores_every_article_with_title_date_and_body(
    feed_crawl: tuple[LocalSite, Any, Path],
) -> None:
    site, summary, out = feed_crawl
    rows = read_jsonl(out)
    assert sorted(rows) == sorted(site.url(path) for path in FEED_ARTICLES)

    jambi = rows[site.url(JAMBI)]
    assert jambi["title"] == "Komisi B DPRD Kota Jambi Belajar Pengelolaan Pasar ke Yogyakarta"
    assert datetime.fromisoformat(jambi["published_at"]) == datetime(2025, 6, 12, 9, 30, tzinfo=WIB)
    assert jambi["author"] == "Siti Nurhaliza Ramadhani"
    assert jambi["url"].endswith("?utm_source=rss&utm_medium=feed")
    paragraphs = jambi["text"].split("\n\n")
    assert paragraphs[0].startswith("YOGYAKARTA – Komisi B DPRD Kota Jambi melakukan kunjungan")
    assert paragraphs[-1].endswith("pengurus paguyuban pedagang.")
    assert len(paragraphs) == 5

    sleman = rows[site.url(SLEMAN)]
    assert sleman["author"] == "Yoga Pratama Putra"
    assert datetime.fromisoformat(sleman["published_at"]) == datetime(2025, 6, 11, 14, tzinfo=WIB)
    assert sleman["text"].split("\n\n")[-1].startswith("Ketua Bapemperda DPRD Karawang")

    ntb = rows[site.url(NTB)]  # no meta date: the visible "9 Juni 2025 16:40 WITA"
    assert datetime.fromisoformat(ntb["published_at"]) == datetime(2025, 6, 9, 16, 40, tzinfo=WITA)

    stats = summary.sources["adhoc-127.0.0.1"]
    assert (stats.discovered, stats.fetched, stats.stored_new, stats.relevant) == (4, 4, 4, 3)
    assert stats.errors_total == 0 and not stats.health()


def test_noise_never_reaches_the_stored_text(feed_crawl: tuple[LocalSite, Any, Path]) -> None:
    _, _, out = feed_crawl
    text = "\n".join(row["text"] or "" for row in read_jsonl(out).values())
    for noise in (
        "Baca juga",
        "DPRD Kota Batam",  # teaser headline about another visit
        "Komisi A DPRD Klaten",  # teaser headline inside a <br> body
        "Pansus DPRD Riau",  # related-article list
        "Berita Terkait",
        "Pasar Beringharjo, Kamis (12/6/2025). (Foto",  # figcaption
        "Foto: Rombongan Komisi V",  # caption line
        "Bagikan",
        "Editor: Sri Rahayu",
    ):
        assert noise not in text, noise


def test_irrelevant_article_is_stored_as_seen_without_text(
    feed_crawl: tuple[LocalSite, Any, Path],
) -> None:
    site, _, out = feed_crawl
    gabah = read_jsonl(out)[site.url(GABAH)]
    assert gabah["relevant"] is False
    assert gabah["text"] is None
    assert gabah["title"] == "Harga Gabah di Tingkat Petani Naik Jelang Musim Tanam"


def test_second_crawl_fetches_no_stored_article(site: LocalSite, tmp_path: Path) -> None:
    out = tmp_path / "articles.jsonl"
    source = adhoc_source("feed", site.url("rss.xml"))
    crawl([source], out)
    assert all(site.requested(path) == 1 for path in FEED_ARTICLES)

    summary = crawl([source], out)
    assert site.requested("/rss.xml") == 2  # the feed is re-read every run
    assert all(site.requested(path) == 1 for path in FEED_ARTICLES)
    stats = summary.sources[source.name]
    assert (stats.skipped_known, stats.fetched, stats.stored) == (4, 0, 0)
    assert len(out.read_text().splitlines()) == 4


def test_sitemap_crawl_stores_every_article(site: LocalSite, tmp_path: Path) -> None:
    out = tmp_path / "articles.jsonl"
    summary = crawl([adhoc_source("sitemap", site.url("sitemap.xml"))], out)
    assert sorted(read_jsonl(out)) == sorted(site.url(path) for path in FEED_ARTICLES)
    assert summary.sources["adhoc-127.0.0.1"].stored_new == 4


def test_start_url_crawl_follows_pagination(site: LocalSite, tmp_path: Path) -> None:
    out = tmp_path / "articles.jsonl"
    summary = crawl([adhoc_source("start-url", site.url("terkini.html"))], out)
    rows = read_jsonl(out)
    assert sorted(rows) == sorted(site.url(path) for path in [*FEED_ARTICLES, PARIPURNA])
    stats = summary.sources["adhoc-127.0.0.1"]
    assert stats.listing_pages == 3
    assert site.requested("/kanal/politik/") == 0  # navigation is not an article


def test_since_stops_paging_listing_pages_once_articles_get_older(
    site: LocalSite, tmp_path: Path
) -> None:
    out = tmp_path / "articles.jsonl"
    summary = crawl(
        [adhoc_source("start-url", site.url("terkini.html"))], out, since=date(2025, 6, 11)
    )
    assert sorted(read_jsonl(out)) == sorted(site.url(path) for path in [JAMBI, SLEMAN])
    assert site.requested("/terkini-2.html") == 1
    assert site.requested("/terkini-3.html") == 0
    assert site.requested(GABAH) == 0 and site.requested(NTB) == 0
    assert summary.sources["adhoc-127.0.0.1"].skipped_old == 2


def test_since_skips_old_feed_entries(site: LocalSite, tmp_path: Path) -> None:
    out = tmp_path / "articles.jsonl"
    crawl([adhoc_source("feed", site.url("rss.xml"))], out, since="2025-06-11")
    assert sorted(read_jsonl(out)) == sorted(site.url(path) for path in [JAMBI, SLEMAN])


def test_robots_txt_is_obeyed(site: LocalSite, tmp_path: Path) -> None:
    assert site.root is not None
    secret = site.root / "rahasia"
    secret.mkdir()
    shutil.copy(site.root / JAMBI.lstrip("/"), secret / "dprd-rahasia-kunjungan-kerja.html")
    (site.root / "rss-rahasia.xml").write_text(
        "<rss version='2.0'><channel><title>x</title><item><title>r</title>"
        f"<link>{site.url('rahasia/dprd-rahasia-kunjungan-kerja.html')}</link></item>"
        "</channel></rss>"
    )
    out = tmp_path / "articles.jsonl"
    summary = crawl([adhoc_source("feed", site.url("rss-rahasia.xml"))], out)
    assert site.requested("/rahasia/dprd-rahasia-kunjungan-kerja.html") == 0
    assert summary.sources["adhoc-127.0.0.1"].errors == {"forbidden by robots.txt": 1}


def test_max_articles_caps_each_source(site: LocalSite, tmp_path: Path) -> None:
    out = tmp_path / "articles.jsonl"
    summary = crawl([adhoc_source("feed", site.url("rss.xml"))], out, max_articles=2)
    assert summary.sources["adhoc-127.0.0.1"].fetched == 2
    assert len(read_jsonl(out)) == 2


def test_configured_source_with_broken_selectors_is_flagged(
    site: LocalSite, tmp_path: Path
) -> None:
    """A source whose pages stop yielding a body shows up in the health report."""
    assert site.root is not None
    for path in FEED_ARTICLES:
        page = site.root / path.lstrip("/")
        page.write_text("<html><head><title>x</title></head><body><div></div></body></html>")
    source = Source(name="warta", feeds=(site.url("rss.xml"),), allowed_domains=("127.0.0.1",))
    summary = crawl([source], tmp_path / "articles.jsonl")
    stats = summary.sources["warta"]
    assert stats.fetched == 4 and stats.with_body == 0
    assert stats.dropped == {"not an article: empty body": 4}
    assert summary.flagged == {"warta": ["0 articles with a body: selectors stopped matching?"]}
