"""Failures are logged, counted per source and skipped while the crawl goes on: 404, 500,
timeout, redirect loop, garbage bytes, wrong charset, a 20 MB page, 403 and challenge pages."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from crawler.run import LOCAL_SITE_SETTINGS, run_crawl
from crawler.sources import adhoc_source
from kunker.localsite import LocalSite

SITE = Path(__file__).parent / "fixtures" / "crawler" / "site"
GOOD = "/berita/2025/06/komisi-b-dprd-kota-jambi-belajar-pengelolaan-pasar.html"
FAULTS = {
    "/berita/hilang-dprd-kunjungan-kerja.html": "HTTP 404",
    "/berita/galat-dprd-kunjungan-kerja.html": "HTTP 500",
    "/berita/lambat-dprd-kunjungan-kerja.html": "timeout",
    "/berita/putar-dprd-kunjungan-kerja.html": "redirect loop (too many redirects)",
    "/berita/raksasa-dprd-kunjungan-kerja.html": "page too large",
    "/berita/terlarang-dprd-kunjungan-kerja.html": "blocked: HTTP 403",
    "/berita/tantangan-dprd-kunjungan-kerja.html": "blocked: HTTP 503",
}
GARBAGE = "/berita/sampah-dprd-kunjungan-kerja.html"
CP1252 = "/berita/kodepage-dprd-kunjungan-kerja.html"
CHALLENGE = (
    b"<html><head><title>Just a moment...</title></head><body>"
    b"<script src='/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1'></script>"
    b"Enable JavaScript and cookies to continue</body></html>"
)


def windows_1252_page() -> bytes:
    paragraphs = "".join(
        f"<p>Ketua DPRD Kota Medan menyebut kunjungan kerja ke-{i} itu “sangat bermanfaat”.</p>"
        for i in range(6)
    )
    return (
        "<html><head><title>DPRD Kota Medan Terima Kunjungan DPRD Kota Binjai</title></head>"
        f"<body><article><h1>DPRD Kota Medan Terima Kunjungan DPRD Kota Binjai</h1>{paragraphs}"
        "</article></body></html>"
    ).encode("cp1252")


def test_failures_are_logged_and_skipped_while_the_crawl_goes_on(
    local_site: LocalSite, tmp_path: Path
) -> None:
    assert local_site.root is not None
    shutil.copytree(SITE, local_site.root, dirs_exist_ok=True)
    paths = [*FAULTS, GARBAGE, CP1252, GOOD]
    items = "".join(f"<item><title>t</title><link>{local_site.url(p)}</link></item>" for p in paths)
    (local_site.root / "rss-gangguan.xml").write_text(
        f"<rss version='2.0'><channel><title>x</title>{items}</channel></rss>"
    )
    local_site.set_status("/berita/galat-dprd-kunjungan-kerja.html", 500, b"boom")
    local_site.set_slow("/berita/lambat-dprd-kunjungan-kerja.html", 5.0)
    local_site.set_redirect(
        "/berita/putar-dprd-kunjungan-kerja.html",
        local_site.url("/berita/putar-dprd-kunjungan-kerja.html"),
    )
    local_site.set_body("/berita/raksasa-dprd-kunjungan-kerja.html", b"<p>DPRD</p>" * 2_000_000)
    local_site.set_status("/berita/terlarang-dprd-kunjungan-kerja.html", 403, b"Forbidden")
    local_site.set_status("/berita/tantangan-dprd-kunjungan-kerja.html", 503, CHALLENGE)
    local_site.set_body(GARBAGE, bytes(range(256)) * 64)
    local_site.set_body(CP1252, windows_1252_page(), "text/html; charset=utf-8")

    out, log = tmp_path / "articles.jsonl", tmp_path / "crawl.log"
    summary = run_crawl(
        [adhoc_source("feed", local_site.url("rss-gangguan.xml"))],
        f"jsonl:{out}",
        settings={**LOCAL_SITE_SETTINGS, "DOWNLOAD_TIMEOUT": 2, "RETRY_TIMES": 1},
        log_file=log,
    )

    stored = {json.loads(line)["url"]: json.loads(line) for line in out.read_text().splitlines()}
    assert sorted(stored) == sorted(local_site.url(p) for p in (GOOD, CP1252))
    medan = stored[local_site.url(CP1252)]
    assert "“sangat bermanfaat”" in medan["text"]

    stats = summary.sources["adhoc-127.0.0.1"]
    assert dict(stats.errors) == {reason: 1 for reason in FAULTS.values()}
    assert stats.blocked == 2
    assert sum(stats.dropped.values()) == 1  # the garbage page
    assert stats.stored_new == 2
    assert local_site.requested("/berita/galat-dprd-kunjungan-kerja.html") == 2  # retried once
    slow = local_site.url("/berita/lambat-dprd-kunjungan-kerja.html")
    assert f"Gave up retrying <GET {slow}> (failed 2 times)" in log.read_text()

    text = log.read_text()
    for path, reason in FAULTS.items():
        assert f"{reason} at {local_site.url(path)}" in text, reason
    assert "crawl summary:" in text and "HEALTH: blocked 2x" in text
