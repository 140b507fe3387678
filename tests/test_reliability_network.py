"""Network faults against a local fault-injecting server (issue 12): the crawl goes on past
every broken page and feed, counts each failure by kind, and stores the good pages.

Timeouts are short (DOWNLOAD_TIMEOUT=2) so the whole file takes seconds, not minutes. DNS
failure is not tried: a lookup would leave this machine."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.run import LOCAL_SITE_SETTINGS, run_crawl
from crawler.sources import Source
from crawler.summary import CrawlSummary
from tests.fault_server import (
    FaultServer,
    article_html,
    drip,
    endless,
    failing_first,
    gzip_bomb,
    gzipped,
    page,
    redirect_to,
    reset_mid_body,
    rss,
    send,
    silent,
    status,
)

pytestmark = pytest.mark.reliability

SETTINGS = {**LOCAL_SITE_SETTINGS, "DOWNLOAD_TIMEOUT": 2, "RETRY_TIMES": 2,
            "ROBOTSTXT_OBEY": False}
CP1252_PAGE = article_html("Tiga", extra="<p>Ketua menyebut kunjungan itu “sangat bermanfaat”.</p>")


def closed_port() -> int:
    """A port nothing listens on (bound, then closed): connecting is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return gzip_bomb()


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as running:
        yield running


# page path -> (handler factory, the error the summary counts for it; None: stored)
def article_faults(server: FaultServer, bomb: bytes) -> dict[str, tuple[object, str | None]]:
    truncated = article_html("Empat")[:-400]  # cut inside the last paragraph, no </html>
    return {
        "/baik.html": (page(article_html("Satu")), None),
        "/429-lalu-baik.html": (failing_first(1, 429, page(article_html("Dua")),
                                              {"Retry-After": "1"}), None),
        "/5xx-lalu-baik.html": (failing_first(2, 503, page(article_html("Lima"))), None),
        "/cp1252.html": (page(CP1252_PAGE.encode("cp1252")), None),
        "/terpotong.html": (page(truncated), None),
        "/selalu-500.html": (status(500), "HTTP 500"),
        "/putus.html": (reset_mid_body(article_html("Enam")), "connection lost mid-page"),
        "/menetes.html": (drip(6), "timeout"),
        "/diam.html": (silent(6), "timeout"),
        "/putar.html": (None, "redirect loop (too many redirects)"),  # set below: needs url
        "/raksasa.html": (endless(50 * 1024 * 1024), "page too large"),
        "/bom.html": (gzipped(bomb), "page too large"),
        "/biner.html": (page(bytes(range(256)) * 200), None),  # dropped: not an article
        "/429-terus.html": (status(429, {"Retry-After": "\xff"}), "HTTP 429"),
    }


def crawl(sources: list[Source], tmp_path: Path, **kwargs: object) -> tuple[
        CrawlSummary, dict[str, dict[str, object]], str]:
    out, log = tmp_path / "articles.jsonl", tmp_path / "crawl.log"
    summary = run_crawl(sources, f"jsonl:{out}", settings=SETTINGS, log_file=log,
                        timeout=240, **kwargs)  # type: ignore[arg-type]
    stored = {}
    if out.exists():
        rows = [json.loads(line) for line in out.read_text().splitlines()]
        stored = {row["url"]: row for row in rows}
    return summary, stored, log.read_text()


def test_broken_pages_are_counted_by_kind_and_the_good_ones_stored(
    server: FaultServer, bomb: bytes, tmp_path: Path
) -> None:
    faults = article_faults(server, bomb)
    for path, (handler, _) in faults.items():
        if handler is not None:
            server.route(path, handler)  # type: ignore[arg-type]
    server.route("/putar.html", redirect_to(server.url("/putar.html")))
    refused = f"http://127.0.0.1:{closed_port()}/tolak.html"
    links = [server.url(path) for path in faults] + [refused]
    server.route("/feed.xml", page(rss(links), "application/rss+xml"))

    summary, stored, log = crawl([Source(name="gangguan", feeds=(server.url("/feed.xml"),))],
                                 tmp_path)

    stats = summary.sources["gangguan"]
    expected_errors: dict[str, int] = {}
    for _, error in faults.values():
        if error:
            expected_errors[error] = expected_errors.get(error, 0) + 1
    expected_errors["connection refused"] = 1
    assert dict(stats.errors) == expected_errors, log[-3000:]
    good = [server.url(path) for path, (_, error) in faults.items()
            if error is None and path != "/biner.html"]
    assert sorted(stored) == sorted(good)
    assert stats.dropped_total == 1  # the binary page
    assert "“sangat bermanfaat”" in stored[server.url("/cp1252.html")]["text"]
    # 429 waited for its Retry-After before asking again; the 5xx burst was retried through
    first, second = server.times["/429-lalu-baik.html"][:2]
    assert second - first >= 0.9
    assert server.hits["/5xx-lalu-baik.html"] == 3
    assert server.hits["/429-terus.html"] == 3  # a Retry-After it cannot read: retried anyway
    assert summary.stopped is None


def test_feeds_that_are_html_empty_malformed_refused_or_huge_are_each_an_error_or_read(
    server: FaultServer, tmp_path: Path
) -> None:
    server.route("/html.xml", page("<html><head><title>Pindah</title></head><body><p>Halaman "
                                   "tidak ditemukan</p></body></html>"))
    server.route("/html-rusak.xml", page(article_html("Tujuh")))  # not even well-formed
    server.route("/kosong.xml", page(b"", "application/rss+xml"))
    server.route("/rusak.xml", page(b"<rss><channel><item><title>a</tit", "application/rss+xml"))
    server.route("/baik.html", page(article_html("Satu")))
    # malformed XML that still holds a readable item: the item is used
    half = rss([server.url("/baik.html")])[:-20]
    server.route("/setengah.xml", page(half, "application/rss+xml"))
    many = [server.url(f"/lama/{n}.html") for n in range(10_000)]
    server.route("/besar.xml", page(rss(many, "Mon, 06 Jan 2020 10:00:00 +0700"),
                                    "application/rss+xml"))
    sources = [Source(name=name, feeds=(url,)) for name, url in [
        ("html", server.url("/html.xml")), ("html-rusak", server.url("/html-rusak.xml")),
        ("kosong", server.url("/kosong.xml")),
        ("rusak", server.url("/rusak.xml")), ("setengah", server.url("/setengah.xml")),
        ("besar", server.url("/besar.xml")),
        ("ditolak", f"http://127.0.0.1:{closed_port()}/feed.xml"),
    ]]

    summary, stored, _ = crawl(sources, tmp_path, since="2024-01-01")

    errors = {name: dict(stats.errors) for name, stats in summary.sources.items()}
    assert list(errors["html"]) == ["feed: not an RSS/Atom feed (the answer looks like an HTML "
                                    "page)"]
    assert [reason.split(" (")[0] for reason in errors["html-rusak"]] == [
        "feed: not a readable RSS/Atom feed"]
    assert list(errors["kosong"]) == ["feed: empty answer where a feed was expected"]
    assert [reason.split(" (")[0] for reason in errors["rusak"]] == [
        "feed: not a readable RSS/Atom feed"]
    assert errors["ditolak"] == {"feed: connection refused": 1}
    assert errors["setengah"] == {} and list(stored) == [server.url("/baik.html")]
    big = summary.sources["besar"]
    assert (big.discovered, big.skipped_old, big.fetched, big.errors_total) == (10_000, 10_000,
                                                                                0, 0)
    assert sum(server.hits[f"/lama/{n}.html"] for n in range(10_000)) == 0


def test_update_with_a_feed_answering_html_exits_nonzero_naming_it(
    server: FaultServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from kunker.cli import main

    server.route("/feed.xml", page(rss([server.url("/baik.html")]), "application/rss+xml"))
    server.route("/baik.html", page(article_html("Satu")))
    server.route("/pindah.xml", lambda request: send(request, 200, b"<html><body>Halaman "
                                                     b"tidak ditemukan</body></html>"))
    home = tmp_path / "home"
    home.mkdir()
    (home / "sources.toml").write_text(
        f"[[source]]\nname = 'baik'\nfeeds = ['{server.url('/feed.xml')}']\n\n"
        f"[[source]]\nname = 'pindah'\nfeeds = ['{server.url('/pindah.xml')}']\n")
    monkeypatch.setenv("KUNKER_HOME", str(home))
    monkeypatch.setenv("KUNKER_NO_STANZA", "1")
    monkeypatch.delenv("KUNKER_DATABASE_URL", raising=False)
    monkeypatch.delenv("KUNKER_SOURCES", raising=False)
    with pytest.raises(SystemExit) as exited:
        main(["update", "--quiet", "--set", "DOWNLOAD_DELAY=0", "--set",
              "AUTOTHROTTLE_ENABLED=False", "--set", "ROBOTSTXT_OBEY=False"])
    out, err = capsys.readouterr()
    assert exited.value.code == 1 and out == ""
    assert ("error: source pindah failed completely: feed: not an RSS/Atom feed (the answer "
            "looks like an HTML page) ×1") in err.splitlines()
    assert server.hits["/baik.html"] == 1
