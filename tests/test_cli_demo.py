"""`kunker demo`: serve the bundled site, crawl it with the real spiders, extract, store in
the default SQLite database, print the visits; a second run adds nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kunker.cli import main
from kunker.cli.demo_routing import DEMO_BASE_URL

DEMO_ARTICLES = 11
SUMMARY = re.compile(
    r"demo: 5 sources, (\d+) fetched, (\d+) new articles, (\d+) new events, (\d+) merged, "
    r"(\d+) errors"
)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    out, err = capsys.readouterr()
    return int(exited.value.code or 0), out, err


def test_demo_runs_the_whole_pipeline_and_a_second_run_adds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "fresh-machine" / "kunker"  # nothing exists yet, not even the folder
    monkeypatch.setenv("KUNKER_HOME", str(home))
    monkeypatch.setenv("KUNKER_NO_STANZA", "1")  # the rules: quality is the NLP tests' job
    monkeypatch.delenv("KUNKER_DATABASE_URL", raising=False)
    monkeypatch.delenv("KUNKER_SOURCES", raising=False)

    code, out, err = run(["demo"], capsys)
    assert code == 0, err
    first = SUMMARY.search(out)
    assert first is not None, out
    fetched, new_articles, new_events, _, errors = map(int, first.groups())
    assert (fetched, new_articles, errors) == (DEMO_ARTICLES, DEMO_ARTICLES, 0)
    assert new_events >= 8
    assert f"{new_events} visits found on the demo site" in out
    # the table: visitor → host, kind, date, place, topic, source
    assert "Komisi B, DPRD Provinsi Jawa Timur" in out and "→ DPRD Provinsi Bali" in out
    assert "studi banding" in out and "2025-06-23" in out and "demo-kompas" in out
    assert (home / "kunker.sqlite").is_file()

    code, out, err = run(["demo"], capsys)
    assert code == 0, err
    second = SUMMARY.search(out)
    assert second is not None and second.groups() == ("0", "0", "0", "0", "0")
    assert f"{new_events} visits found on the demo site" in out

    code, out, _ = run(["export", "--format", "jsonl"], capsys)
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == new_events
    urls = {s["url"] for r in records for s in r["sources"]}
    # whatever port the server got, the pages are stored under one stable address
    assert all(url.startswith(DEMO_BASE_URL + "/") for url in urls)
