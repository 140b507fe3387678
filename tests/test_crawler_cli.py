"""`kunker crawl` and `kunker sources`: ad-hoc crawls of an unseen site, the default database
target, one-line errors, help examples."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kunker.cli import main
from kunker.localsite import LocalSite

SITE = Path(__file__).parent / "fixtures" / "crawler" / "site"
ARTICLES = [
    "/berita/2025/06/komisi-b-dprd-kota-jambi-belajar-pengelolaan-pasar.html",
    "/berita/2025/06/dprd-sleman-terima-bapemperda-karawang.html",
    "/berita/2025/06/harga-gabah-naik-jelang-musim-tanam.html",
    "/berita/2025/06/komisi-v-dpr-tinjau-jalan-nasional-ntb.html",
]
# The polite defaults wait seconds between requests; a local test site needs none.
FAST = ["--set", "DOWNLOAD_DELAY=0", "--set", "AUTOTHROTTLE_ENABLED=False"]


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    if argv[0] == "crawl" and "--help" not in argv:
        argv = [*argv, *FAST]
    with pytest.raises(SystemExit) as exited:
        main(argv)
    out, err = capsys.readouterr()
    return int(exited.value.code or 0), out, err


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("KUNKER_HOME", str(home))
    monkeypatch.delenv("KUNKER_DATABASE_URL", raising=False)
    monkeypatch.delenv("KUNKER_SOURCES", raising=False)
    return home


@pytest.fixture
def site(local_site: LocalSite) -> LocalSite:
    assert local_site.root is not None
    shutil.copytree(SITE, local_site.root, dirs_exist_ok=True)
    return local_site


@pytest.mark.parametrize(
    ("option", "path"),
    [("--feed", "rss.xml"), ("--sitemap", "sitemap.xml"), ("--start-url", "terkini.html")],
)
def test_adhoc_crawl_of_an_unseen_site_stores_every_article(
    home: Path, site: LocalSite, capsys: pytest.CaptureFixture[str], option: str, path: str
) -> None:
    out = home / "a.jsonl"
    code, stdout, _ = run(["crawl", option, site.url(path), "--jsonl", str(out)], capsys)
    assert code == 0
    assert "crawl summary" in stdout and "log: " in stdout
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    urls = {row["canonical_url"] for row in rows}
    assert {site.url(p) for p in ARTICLES} <= urls
    assert all(row["title"] and row["published_at"] for row in rows)
    assert all(row["text"] for row in rows if row["relevant"])


def test_crawl_into_the_default_database_then_second_run_fetches_nothing(
    home: Path, site: LocalSite, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["db", "upgrade"], capsys)[0] == 0
    assert run(["crawl", "--feed", site.url("rss.xml")], capsys)[0] == 0
    assert (home / "kunker.sqlite").is_file()
    code, stdout, _ = run(["crawl", "--feed", site.url("rss.xml")], capsys)
    assert code == 0 and "known" in stdout
    assert all(site.requested(path) == 1 for path in ARTICLES)
    assert list((home / "logs").glob("crawl-*.log"))


def test_crawl_into_a_database_without_schema_is_a_one_line_error(
    home: Path, site: LocalSite, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["crawl", "--feed", site.url("rss.xml")], capsys)
    assert code == 1
    assert err.startswith("error: ") and err.count("\n") == 1
    assert "kunker db upgrade" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["crawl", "--source", "tidak-ada"], "no source named 'tidak-ada'"),
        (["crawl", "--since", "kemarin"], "--since: not a date"),
        (["crawl", "--feed", "bukan-url"], "--feed: 'bukan-url' is not an http(s) URL"),
        (["crawl", "--set", "delay"], "--set 'delay': use NAME=VALUE"),
        (["sources", "check", "tidak-ada"], "no source named 'tidak-ada'"),
    ],
)
def test_user_mistakes_are_one_line_errors(
    home: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, _, err = run(argv, capsys)
    assert code == 1
    assert err.startswith("error: ") and message in err and err.count("\n") == 1


def test_sources_list_shows_every_configured_outlet(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, stdout, _ = run(["sources", "list", "--json"], capsys)
    assert code == 0
    names = {s["name"] for s in json.loads(stdout)["sources"]}
    assert {"antara-sumbar", "detik-news", "kompas-regional", "beritajakarta"} <= names
    code, stdout, _ = run(["sources", "list"], capsys)
    assert code == 0 and "antara-sumbar" in stdout and "dprd-sumbar" in stdout


def test_sources_check_shows_the_extracted_fields(
    home: Path, site: LocalSite, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch, fast_sources_check: None,
) -> None:
    config = home.parent / "sources.toml"
    config.write_text(
        "[[source]]\nname = 'warta'\nextends = 'utamapost'\n"
        f"feeds = ['{site.url('rss.xml')}']\nallowed_domains = ['127.0.0.1']\n"
    )
    monkeypatch.setenv("KUNKER_SOURCES", str(config))
    code, stdout, _ = run(["sources", "check", "warta"], capsys)
    assert code == 0
    assert "Komisi B DPRD Kota Jambi Belajar Pengelolaan Pasar ke Yogyakarta" in stdout
    assert "2025-06-12T09:30:00+07:00" in stdout
    assert "yes (mentions a legislative body)" in stdout
    assert not (home / "kunker.sqlite").exists()  # nothing stored


@pytest.mark.parametrize(
    "argv",
    [
        ["crawl", "--help"],
        ["sources", "--help"],
        ["sources", "list", "--help"],
        ["sources", "check", "--help"],
    ],
)
def test_every_command_help_has_an_example(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, stdout, _ = run(argv, capsys)
    assert code == 0 and "Example:" in stdout
