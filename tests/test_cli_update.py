"""`kunker update`, the cron entry point, against the local test site and a real database:
one summary line, nothing stored twice, a lock against overlapping runs, a failing source
makes the exit code non-zero, --quiet prints only errors."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock

from kunker.cli import main
from kunker.localsite import LocalSite

SITE = Path(__file__).parent / "fixtures" / "crawler" / "site"
# The polite defaults wait seconds between requests; a local test site needs none.
FAST = ["--set", "DOWNLOAD_DELAY=0", "--set", "AUTOTHROTTLE_ENABLED=False",
        "--set", "RETRY_TIMES=0"]
SUMMARY = re.compile(
    r"^update: (\d+) sources, (\d+) fetched, (\d+) new articles, (\d+) new events, "
    r"(\d+) merged, (\d+) errors$"
)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    out, err = capsys.readouterr()
    return int(exited.value.code or 0), out, err


@pytest.fixture
def site() -> object:
    with LocalSite(SITE) as served:
        yield served


def write_sources(home: Path, site: LocalSite, broken: bool = False) -> None:
    home.mkdir(parents=True, exist_ok=True)
    text = f"[[source]]\nname = 'warta'\nfeeds = ['{site.url('rss.xml')}']\n"
    if broken:
        text += f"\n[[source]]\nname = 'rusak'\nfeeds = ['{site.url('tidak-ada.xml')}']\n"
    (home / "sources.toml").write_text(text, encoding="utf-8")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("KUNKER_HOME", str(home))
    monkeypatch.setenv("KUNKER_NO_STANZA", "1")  # extraction quality is not the point here
    monkeypatch.delenv("KUNKER_SOURCES", raising=False)
    monkeypatch.delenv("KUNKER_DATABASE_URL", raising=False)
    return home


def test_update_twice_stores_nothing_twice_and_second_run_reports_zero_new(
    home: Path, db_url: str, site: LocalSite, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("KUNKER_DATABASE_URL", db_url)
    write_sources(home, site)
    code, out, err = run(["update", *FAST], capsys)
    assert code == 0, err
    first = SUMMARY.match(out.splitlines()[-1])
    assert first is not None, out
    sources, fetched, new_articles, new_events, merged, errors = map(int, first.groups())
    # 4 articles, 3 about visits; how many of them the extractor finds is its own business
    # (measured in test_nlp_evaluate), what is stored is this test's
    assert (sources, fetched, new_articles, merged, errors) == (1, 4, 4, 0, 0)
    events_after_first = run(["events", "--json"], capsys)[1]
    assert new_events == json.loads(events_after_first)["total"] >= 1

    code, out, err = run(["update", *FAST], capsys)
    assert code == 0, err
    assert out.splitlines() == ["update: 1 sources, 0 fetched, 0 new articles, 0 new events, "
                                "0 merged, 0 errors"]
    assert run(["events", "--json"], capsys)[1] == events_after_first
    assert site.requested("/berita/2025/06/komisi-v-dpr-tinjau-jalan-nasional-ntb.html") == 1


def test_update_creates_the_default_database_and_logs_the_summary(
    home: Path, site: LocalSite, capsys: pytest.CaptureFixture[str]
) -> None:
    write_sources(home, site)
    log = home.parent / "cron.log"
    code, out, err = run(["update", "--quiet", "--log-file", str(log), *FAST], capsys)
    assert (code, out, err) == (0, "", "")
    assert (home / "kunker.sqlite").is_file()
    text = log.read_text(encoding="utf-8")
    assert "update: 1 sources, 4 fetched, 4 new articles, " in text
    assert "crawl summary:" in text


def test_overlapping_update_exits_zero_with_the_lock_message(
    home: Path, site: LocalSite
) -> None:
    write_sources(home, site)
    home.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "KUNKER_HOME": str(home), "KUNKER_NO_STANZA": "1"}
    with FileLock(home / "update.lock"):  # another update is running
        done = subprocess.run([sys.executable, "-m", "kunker", "update", *FAST], env=env,
                              capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "another kunker update is running" in done.stdout
    assert done.stderr == ""
    assert site.requests == []  # it crawled nothing
    assert not (home / "kunker.sqlite").exists()


def test_a_source_that_fails_completely_makes_update_exit_nonzero(
    home: Path, site: LocalSite, capsys: pytest.CaptureFixture[str]
) -> None:
    write_sources(home, site, broken=True)
    code, out, err = run(["update", *FAST], capsys)
    assert code == 1
    assert out.splitlines()[-1].startswith("update: 2 sources, 4 fetched, 4 new articles")
    assert "error: source rusak failed completely: feed: HTTP 404" in err
    assert "Traceback" not in err
    code, out, err = run(["update", "--quiet", *FAST], capsys)
    assert code == 1 and out == ""
    assert [line.split(":")[0] for line in err.splitlines()] == ["error", "error"]
    assert "rusak" in err and "log: " in err


def test_update_with_an_unknown_source_is_a_one_line_error(
    home: Path, site: LocalSite, capsys: pytest.CaptureFixture[str]
) -> None:
    write_sources(home, site)
    code, out, err = run(["update", "--source", "tidak-ada"], capsys)
    assert code == 1 and out == ""
    assert err.startswith("error: ") and err.count("\n") == 1
    assert "no source named 'tidak-ada'" in err
