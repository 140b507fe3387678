"""``kunker sources list/check/health`` and ``kunker stats --coverage`` as a user runs them:
provinces typed as anywhere in kunker, failures in one line naming the real cause, and the
health and coverage of what a crawl stored."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kunker.cli import main
from kunker.localsite import LocalSite

SHAPES = Path(__file__).parent / "fixtures" / "shapes"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("KUNKER_HOME", str(home))
    monkeypatch.delenv("KUNKER_SOURCES", raising=False)
    monkeypatch.delenv("KUNKER_DATABASE_URL", raising=False)
    return home


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


def use_sources(home: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    path = home.parent / "my-sources.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("KUNKER_SOURCES", str(path))


@pytest.mark.parametrize("typed", ["Maluku Utara", "Malut", "82", "maluku utara"])
def test_list_by_province_shows_that_provinces_sources(
    typed: str, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["sources", "list", "--province", typed, "--json"], capsys)
    assert code == 0
    rows = json.loads(out)["sources"]
    assert len(rows) >= 4
    assert {row["province_code"] for row in rows} == {"82"}
    assert {"tribun", "dprd", "regional", "gdelt"} <= {row["category"] for row in rows}
    assert all(row["checked"] is False for row in rows)


def test_list_without_a_terminal_prints_whole_lines(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["sources", "list", "-p", "Bali"], capsys)
    assert code == 0
    line = next(line for line in out.splitlines() if line.startswith("antara-bali\t"))
    assert line.endswith("feed https://bali.antaranews.com/rss/terkini.xml")


def test_an_unknown_province_is_one_line(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["sources", "list", "--province", "Atlantis"], capsys)
    assert code == 1 and err.startswith("error: --province 'Atlantis'") and err.count("\n") == 1


@pytest.mark.parametrize(("feed", "cause"), [
    ("http://kunker-check.invalid/feed.xml", "cannot reach kunker-check.invalid: DNS lookup "
     "failed (no network, or the host name is wrong)"),
    ("http://127.0.0.1:9/feed.xml", "cannot reach 127.0.0.1: connection refused"),
])
def test_check_without_network_is_one_line_with_the_cause(
    feed: str, cause: str, home: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], fast_sources_check: None
) -> None:
    use_sources(home, monkeypatch, f"[[source]]\nname = 'jauh'\nfeeds = ['{feed}']\n")
    code, out, err = run(["sources", "check", "jauh"], capsys)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"error: jauh: {cause}")
    assert "fix its entry" not in err  # the sources file is not to blame


def test_check_names_a_moved_feed_and_a_changed_layout(
    local_site: LocalSite, home: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], fast_sources_check: None
) -> None:
    local_site.set_body("/rss.xml", b"""<?xml version="1.0"?><rss version="2.0"><channel>
<title>t</title><item><title>Kosong</title><link>%s</link></item></channel></rss>"""
                        % local_site.url("/berita/kosong-sekali-halamannya").encode(),
                        "application/rss+xml")
    local_site.set_body("/berita/kosong-sekali-halamannya",
                        b"<html><head><title>Kosong</title></head><body><nav>Menu</nav></body>"
                        b"</html>")
    use_sources(home, monkeypatch, (
        f"[[source]]\nname = 'pindah'\nfeeds = ['{local_site.url('/hilang.xml')}']\n"
        f"[[source]]\nname = 'berubah'\nfeeds = ['{local_site.url('/rss.xml')}']\n"))
    code, out, _ = run(["sources", "check", "pindah", "berubah"], capsys)
    assert code == 1
    moved, changed, total = out.splitlines()
    assert moved.startswith("FAIL  pindah: feed ") and "answered HTTP 404; fix its URL in" in moved
    assert changed.startswith("FAIL  berubah: 1 page(s) fetched, none gave an article "
                              "(not an article: empty body") and "fix the selectors" in changed
    assert total.startswith("0 of 2 sources gave an article")


def test_a_crawl_shows_in_health_and_coverage(
    local_site: LocalSite, home: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str]
) -> None:
    assert local_site.root is not None
    shutil.copytree(SHAPES / "govid", local_site.root, dirs_exist_ok=True)
    use_sources(home, monkeypatch, (
        "include_bundled = true\n[[source]]\nname = 'dprd-contoh'\nprovince = 'Malut'\n"
        f"category = 'dprd'\ntimezone = 'WIT'\nlistings = ['{local_site.url('/berita')}']\n"
        "allowed_domains = ['127.0.0.1']\n"))
    assert run(["db", "upgrade"], capsys)[0] == 0
    code, _, err = run(["crawl", "--source", "dprd-contoh", "--set", "DOWNLOAD_DELAY=0",
                        "--set", "AUTOTHROTTLE_ENABLED=False"], capsys)
    assert code == 0, err
    code, out, _ = run(["sources", "health", "--all", "--json"], capsys)
    assert code == 0
    health = {row["source"]: row for row in json.loads(out)["sources"]}
    assert health["dprd-contoh"]["status"] == "ok" and health["dprd-contoh"]["new_7d"] == 2
    assert health["antara-aceh"]["status"] == "never crawled"
    code, out, _ = run(["stats", "--coverage", "--json"], capsys)
    assert code == 0
    rows = {row["province"]: row for row in json.loads(out)["provinces"]}
    assert len(rows) == 39  # 38 provinces and the national outlets
    assert rows["Maluku Utara"]["articles"] == 2 and rows["Maluku Utara"]["gdelt"] is True
    assert rows["Maluku Utara"]["sources"] == 6
    assert rows["Aceh"]["articles"] == 0


def test_every_sources_command_help_has_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("list", "check", "add", "health"):
        code, out, _ = run(["sources", command, "--help"], capsys)
        assert code == 0 and "Example:" in out
