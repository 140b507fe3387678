"""Ten outlet page shapes, no per-site selectors: generic extraction (JSON-LD, meta tags,
trafilatura, the noise rules) finds every article's title, date and body, and leaves out the
"Baca juga" teasers, photo captions and related-article lists.

The sites under fixtures/shapes were written for kunker in the shapes of Indonesian outlets:
WordPress with the JNews and Newspaper themes, Blogger, the go.id CMS of DPRD sites, ANTARA,
Tribun, detik, Kompas, Disway and a PHP regional portal.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from crawler.run import LOCAL_SITE_SETTINGS, run_crawl
from crawler.sources import Source
from kunker.localsite import LocalSite

SHAPES = Path(__file__).parent / "fixtures" / "shapes"
EXPECTED = json.loads((SHAPES / "expected.json").read_text(encoding="utf-8"))
FAST = {**LOCAL_SITE_SETTINGS, "DOWNLOAD_TIMEOUT": 10, "RETRY_TIMES": 0}
# How each shape's articles are discovered: the entry `kunker sources add` would write.
DISCOVERY: dict[str, dict[str, tuple[str, ...]]] = {
    "jnews": {"feeds": ("/feed/",)},
    "newspaper": {"sitemaps": ("/sitemap_index.xml",)},
    "blogger": {"feeds": ("/feeds/posts/default?alt=rss",)},
    "govid": {"listings": ("/berita",)},
    "antara": {"feeds": ("/rss/terkini.xml",)},
    "tribun": {"sitemaps": ("/sitemap-news.xml",)},
    "detik": {"sitemaps": ("/berita/sitemap_news.xml",)},
    "kompas": {"listings": ("/indeks/",)},
    "disway": {"listings": ("/",)},
    "portal": {"sitemaps": ("/sitemap.xml",)},
}
ZONES = {"jnews": "WITA", "newspaper": "WITA", "blogger": "WITA", "govid": "WIT",
         "antara": "WITA", "tribun": "WITA", "disway": "WITA"}


@pytest.fixture(scope="module")
def shape_sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, LocalSite]]:
    """One local server per shape (each site has its own root, robots.txt and sitemaps)."""
    with ExitStack() as stack:
        sites = {}
        for shape in DISCOVERY:
            root = tmp_path_factory.mktemp(shape)
            shutil.copytree(SHAPES / shape, root, dirs_exist_ok=True)
            sites[shape] = stack.enter_context(LocalSite(root))
        yield sites


@pytest.fixture(scope="module")
def crawled(shape_sites: dict[str, LocalSite], tmp_path_factory: pytest.TempPathFactory
            ) -> dict[str, list[dict[str, Any]]]:
    sources = []
    for shape, discovery in DISCOVERY.items():
        site = shape_sites[shape]
        urls = {key: tuple(site.url(path) for path in paths) for key, paths in discovery.items()}
        sources.append(Source(name=f"shape-{shape}", allowed_domains=("127.0.0.1",),
                              timezone=ZONES.get(shape, "WIB"), **urls))  # type: ignore[arg-type]
    out = tmp_path_factory.mktemp("out") / "articles.jsonl"
    run_crawl(sources, f"jsonl:{out}", settings=FAST, timeout=120)
    rows: dict[str, list[dict[str, Any]]] = {}
    for line in out.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        rows.setdefault(row["source"].removeprefix("shape-"), []).append(row)
    return rows


@pytest.mark.parametrize("shape", list(DISCOVERY))
def test_every_article_of_the_shape_has_its_title_date_and_whole_body(
    shape: str, crawled: dict[str, list[dict[str, Any]]]
) -> None:
    by_title = {row["title"]: row for row in crawled.get(shape, [])}
    for expected in EXPECTED["shapes"][shape]:
        row = by_title.get(expected["title"])
        assert row is not None, f"{shape}: {expected['title']!r} not found in {list(by_title)}"
        published = datetime.fromisoformat(row["published_at"])
        assert published == datetime.fromisoformat(expected["published"]), shape
        text = row["text"] or ""
        for paragraph in expected["paragraphs"]:
            assert paragraph in text, f"{shape}: body misses {paragraph[:50]!r}"


@pytest.mark.parametrize("shape", list(DISCOVERY))
def test_bodies_keep_no_teaser_caption_or_related_list(
    shape: str, crawled: dict[str, list[dict[str, Any]]]
) -> None:
    rows = crawled.get(shape, [])
    assert rows, f"{shape}: nothing crawled"
    for row in rows:
        text = row["text"] or ""
        teaser_words = EXPECTED["teaser"].removeprefix("Baca juga: ")
        assert teaser_words not in text, f"{shape}: teaser in {row['url']}"
        assert EXPECTED["caption"] not in text, f"{shape}: caption in {row['url']}"
        assert EXPECTED["related"] not in text, f"{shape}: related list in {row['url']}"
