"""Discovery: RSS/Atom feeds, sitemaps (Google News namespace), listing pages."""

from __future__ import annotations

import gzip
from datetime import datetime, timedelta, timezone

import pytest

from crawler.discovery import DiscoveryError, parse_feed, parse_listing, parse_sitemap

WIB = timezone(timedelta(hours=7))
WITA = timezone(timedelta(hours=8))

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>ANTARA Sumbar</title>
<item><title>DPRD Sumbar kunjungi Jatim</title>
<link>https://sumbar.antaranews.com/berita/1/dprd-sumbar-kunjungi-jatim</link>
<pubDate>Thu, 12 Jun 2025 15:04:00 +0700</pubDate></item>
<item><title>Reses di Padang</title><link>/berita/2/reses-di-padang</link></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>DPRD</title>
<entry><title>Pansus ke Surabaya</title><link rel="alternate" href="https://dprd.example.go.id/berita/pansus-ke-surabaya"/>
<updated>2025-07-03T09:45:00Z</updated></entry></feed>"""

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
 <url><loc>https://news.detik.com/berita/d-1/komisi-iii-kunker</loc>
  <news:news><news:publication><news:name>detikNews</news:name><news:language>id</news:language></news:publication>
   <news:publication_date>2025-09-25T14:30:00+07:00</news:publication_date>
   <news:title>Komisi III DPR Kunker ke Sulsel</news:title></news:news></url>
 <url><loc>https://news.detik.com/berita/d-2/lain</loc><lastmod>2025-09-24</lastmod></url>
</urlset>"""

SITEMAP_INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
 <sitemap><loc>https://a.id/sitemap-2025-09.xml</loc><lastmod>2025-09-30</lastmod></sitemap>
 <sitemap><loc>https://a.id/sitemap-2025-08.xml</loc><lastmod>2025-08-31</lastmod></sitemap>
</sitemapindex>"""


def test_rss_entries_give_absolute_links_titles_and_dates() -> None:
    links = parse_feed(RSS, "https://sumbar.antaranews.com/rss/terkini.xml")
    assert [link.url for link in links] == [
        "https://sumbar.antaranews.com/berita/1/dprd-sumbar-kunjungi-jatim",
        "https://sumbar.antaranews.com/berita/2/reses-di-padang",
    ]
    assert links[0].title == "DPRD Sumbar kunjungi Jatim"
    assert links[0].published == datetime(2025, 6, 12, 15, 4, tzinfo=WIB)
    assert links[1].published is None


def test_atom_entries_are_read() -> None:
    (link,) = parse_feed(ATOM, "https://dprd.example.go.id/feed")
    assert link.url == "https://dprd.example.go.id/berita/pansus-ke-surabaya"
    assert link.published == datetime(2025, 7, 3, 16, 45, tzinfo=WIB)


def test_unreadable_feed_raises() -> None:
    with pytest.raises(DiscoveryError, match="not a readable RSS/Atom feed"):
        parse_feed(b"<html><body>Not Found</body>", "https://a.id/rss")


def test_google_news_sitemap_keeps_news_title_and_publication_date() -> None:
    content = parse_sitemap(NEWS_SITEMAP, "https://news.detik.com/berita/sitemap_news.xml")
    first, second = content.links
    assert first.title == "Komisi III DPR Kunker ke Sulsel"
    assert first.published == datetime(2025, 9, 25, 14, 30, tzinfo=WIB)
    assert second.title is None
    assert second.published == datetime(2025, 9, 24, tzinfo=WIB)
    assert content.sitemaps == []


def test_sitemap_index_lists_child_sitemaps_and_gzip_is_read() -> None:
    content = parse_sitemap(gzip.compress(SITEMAP_INDEX), "https://a.id/sitemap.xml")
    assert [s.url for s in content.sitemaps] == [
        "https://a.id/sitemap-2025-09.xml",
        "https://a.id/sitemap-2025-08.xml",
    ]
    assert content.links == []


@pytest.mark.parametrize("body", [b"", b"<html><body>x</body></html>", b"\x00\xff garbage"])
def test_non_sitemaps_raise(body: bytes) -> None:
    with pytest.raises(DiscoveryError):
        parse_sitemap(body, "https://a.id/sitemap.xml")


LISTING = """<html><body>
<nav><a href="/kategori/politik">Politik</a><a href="/tag/dprd">DPRD</a></nav>
<div class="list">
 <article><a href="/berita/10/komisi-ii-dprd-kunjungi-jatim">Komisi II DPRD kunjungi Jatim</a>
   <span class="date">Kamis, 12 Juni 2025 10:00 WITA</span></article>
 <article><a href="/berita/11/dprd-terima-pansus">DPRD terima pansus</a>
   <time datetime="2025-06-11T08:00:00+08:00">kemarin</time></article>
 <article><a href="/2025/06/10/reses">Reses</a></article>
</div>
<ul class="pagination"><li><a href="/terkini?page=1">1</a></li>
<li><a href="/terkini?page=2">Selanjutnya</a></li></ul>
</body></html>"""


def test_listing_page_gives_article_links_dates_and_next_page() -> None:
    page = parse_listing(LISTING, "https://a.id/terkini", zone_name="WITA")
    assert [link.url for link in page.links] == [
        "https://a.id/berita/10/komisi-ii-dprd-kunjungi-jatim",
        "https://a.id/berita/11/dprd-terima-pansus",
        "https://a.id/2025/06/10/reses",
    ]
    assert [link.published for link in page.links] == [
        datetime(2025, 6, 12, 10, tzinfo=WITA),
        datetime(2025, 6, 11, 8, tzinfo=WITA),
        datetime(2025, 6, 10, tzinfo=WITA),
    ]
    assert page.next_page == "https://a.id/terkini?page=2"


def test_listing_article_pattern_and_scope_select_links() -> None:
    page = parse_listing(
        LISTING, "https://a.id/terkini", article_pattern=r"/berita/\d+/", scope=[".list"]
    )
    assert len(page.links) == 2
    assert all("/berita/" in link.url for link in page.links)


def test_listing_without_next_link_has_no_next_page() -> None:
    page = parse_listing(
        "<html><body><a href='/berita/1/a-b-c'>x</a></body></html>", "https://a.id/"
    )
    assert page.next_page is None
