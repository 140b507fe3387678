"""The demo news site (`kunker demo`): every page crawls through the real outlet selectors,
noise is removed, and a second crawl fetches nothing."""

from __future__ import annotations

import json
from pathlib import Path

from crawler.demo import demo_site_root, demo_sources
from crawler.run import LOCAL_SITE_SETTINGS, run_crawl
from kunker.localsite import LocalSite

SHAPES = {"demo-antara": 3, "demo-detik": 2, "demo-kompas": 2, "demo-utamapost": 2,
          "demo-dprd-sumbar": 2}  # fmt: skip
TEASERS_ABOUT_OTHER_VISITS = (
    "DPRD Kaltim kunjungi DPRD Sumbar",
    "Komisi I DPRD Balikpapan kunker",
    "Komisi II DPRD NTB belajar",
    "DPRD Kota Bekasi Kunjungi",
    "Komisi A DPRD Jatim Kunker ke NTT",
    "DPRD Sulsel Terima Kunjungan DPRD Kalbar",
    "Pansus DPRD Solo Kunjungi",
    "DPRD Paser Studi Banding",
    "Komisi IV DPRD Kaltim Kunjungi DPRD Jabar",
)


def test_demo_sources_extend_real_outlets_and_point_at_the_local_site() -> None:
    sources = demo_sources("http://127.0.0.1:8123")
    assert {s.name: s for s in sources}.keys() == SHAPES.keys()
    antara = next(s for s in sources if s.name == "demo-antara")
    assert antara.feeds == ("http://127.0.0.1:8123/antara/rss/terkini.xml",)
    assert antara.allowed_domains == ("127.0.0.1",)
    assert antara.selectors.body[0] == "div.post-content"  # from the bundled antara-sumbar


def test_demo_site_crawls_every_page_without_noise_and_only_once(tmp_path: Path) -> None:
    out = tmp_path / "demo.jsonl"
    with LocalSite(demo_site_root()) as site:
        sources = demo_sources(site.base_url)
        first = run_crawl(sources, f"jsonl:{out}", settings=LOCAL_SITE_SETTINGS)
        second = run_crawl(sources, f"jsonl:{out}", settings=LOCAL_SITE_SETTINGS)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == sum(SHAPES.values())
    for name, count in SHAPES.items():
        stats = first.sources[name]
        assert (stats.stored_new, stats.with_body, stats.errors_total) == (count, count, 0), name
        assert not stats.health()
        assert second.sources[name].fetched == 0
        # a listing page whose links are all stored ends paging (demo-kompas has two pages)
        assert 1 <= second.sources[name].skipped_known <= count
    for row in rows:
        assert row["title"] and row["published_at"] and row["author"], row["url"]
        assert row["relevant"] is True
        for noise in (
            *TEASERS_ABOUT_OTHER_VISITS,
            "Baca juga",
            "Baca Juga",
            "ADVERTISEMENT",
            "Pewarta:",
            "Editor:",
            "Foto:",
            "Bagikan",
            "Berita Terkait",
            "Sumber:",
        ):
            assert noise not in row["text"], (noise, row["url"])
    by_title = {row["title"]: row for row in rows}
    two = by_title[
        "Dua Komisi DPRD Jatim Kunker Bersamaan, Komisi B ke Bali dan Komisi E ke Sulsel"
    ]
    assert "Komisi E yang membidangi kesejahteraan rakyat bertolak ke Makassar" in two["text"]
