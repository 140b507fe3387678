"""`kunker extract` on stored articles and `kunker reprocess`: each article extracted once
per extractor version, re-extraction reports what changed, a failing article is reported
and stays queued."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from kunker.cli import main

# Written for these tests.
TEXTS = {
    "https://warta.example.id/1": (
        "Komisi II DPRD Provinsi Lampung melakukan kunjungan kerja ke DPRD Provinsi Sumatera "
        "Selatan di Palembang, Kamis (18/9/2025), untuk membahas pelatihan kerja bagi pencari "
        "kerja muda."
    ),
    "https://warta.example.id/2": (
        "Komisi B DPRD Kota Jambi melakukan studi banding ke DPRD Kota Yogyakarta, Rabu "
        "(11/6/2025), untuk mempelajari pengelolaan pasar tradisional."
    ),
}


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    out, err = capsys.readouterr()
    return int(exited.value.code or 0), out, err


@pytest.fixture
def stored(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, store_article: Any
) -> list[int]:
    monkeypatch.setenv("KUNKER_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("KUNKER_DATABASE_URL", db_url)
    return [store_article(url, text=text, title=text[:50], published="2025-09-26T10:00:00+07:00")
            for url, text in TEXTS.items()]


def total_events(capsys: pytest.CaptureFixture[str]) -> int:
    code, out, _ = run(["events", "--json"], capsys)
    assert code == 0
    return int(json.loads(out)["total"])


def test_extract_without_a_file_extracts_each_stored_article_once(
    stored: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["extract", "--no-stanza"], capsys)
    assert code == 0, err
    found = re.match(r"extracted 2 articles: (\d+) new events, 0 merged", out)
    assert found is not None, out
    assert total_events(capsys) == int(found.group(1)) >= 2
    code, out, _ = run(["extract", "--no-stanza"], capsys)
    assert code == 0 and out.startswith("nothing to extract")


def test_extract_limit_leaves_the_rest_queued(
    stored: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["extract", "--no-stanza", "--limit", "1"], capsys)[1].startswith(
        "extracted 1 articles")
    assert run(["extract", "--no-stanza"], capsys)[1].startswith("extracted 1 articles")


def test_a_new_extractor_version_re_extracts_and_reprocess_reports_changes(
    stored: list[int], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import nlp.extract

    assert run(["extract", "--no-stanza"], capsys)[0] == 0
    code, out, _ = run(["reprocess", "--no-stanza", "--json"], capsys)
    counts = json.loads(out)
    assert code == 0
    events = total_events(capsys)
    assert (counts["articles"], counts["events_added"], counts["changed"], counts["removed"],
            counts["unchanged"]) == (2, 0, 0, 0, events)
    jambi = run(["events", "-i", "DPRD Kota Jambi", "--json"], capsys)[1]
    jambi_events = json.loads(jambi)["total"]
    assert jambi_events >= 1

    # an upgrade that no longer sees the Jambi visit: reprocess removes its event
    real = nlp.extract.extract_events
    monkeypatch.setattr(nlp.extract, "EXTRACTOR_VERSION", "test-upgrade")
    monkeypatch.setattr(nlp.extract, "extract_events", lambda article, annotator=None,
                        model=None: [] if "Jambi" in article.text else real(article, annotator,
                                                                            model))
    code, out, _ = run(["reprocess", "--no-stanza", "--since", "2025-09-01"], capsys)
    assert code == 0
    assert out.startswith("reprocessed 2 articles with extractor test-upgrade: events added 0, "
                          f"changed 0, removed {jambi_events}")
    assert total_events(capsys) == events - jambi_events
    assert run(["extract"], capsys)[1].startswith("nothing to extract")


def test_reprocess_since_a_later_date_touches_nothing(
    stored: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["reprocess", "--no-stanza", "--since", "2025-10-01", "--json"], capsys)
    assert code == 0 and json.loads(out)["articles"] == 0
    code, _, err = run(["reprocess", "--since", "besok"], capsys)
    assert code == 1 and err == "error: --since 'besok': not a date; use YYYY-MM-DD\n"


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_an_article_the_extractor_fails_on_is_reported_and_stays_queued(
    stored: list[int], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import nlp.extract

    real = nlp.extract.extract_events

    def flaky(article: Any, annotator: Any = None, model: Any = None) -> Any:
        if "Jambi" in article.text:
            raise ValueError("unexpected token")
        return real(article, annotator, model)

    monkeypatch.setattr(nlp.extract, "extract_events", flaky)
    code, out, err = run(["extract", "--no-stanza"], capsys)
    assert code == 1
    assert out.startswith("extracted 1 articles: ")
    assert "warta.example.id/2" in err and "ValueError: unexpected token" in err
    assert err.splitlines()[-1].startswith("error: 1 article(s) could not be extracted")
    assert "Traceback" not in err
    monkeypatch.setattr(nlp.extract, "extract_events", real)
    assert run(["extract", "--no-stanza"], capsys)[1].startswith("extracted 1 articles")
