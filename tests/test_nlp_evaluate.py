"""Scoring, the dev-set gate, and the `kunker extract` / `kunker evaluate` commands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from nlp.evaluate import evaluate

# Floors pinned a little under what the bundled model scores on the dev articles, with the
# rules annotator and with Stanza (events F1 0.852, articles 1.0, people 0.938 with both).
# The dev set is a gate, not a goal: the model never trained on it, and cross-validation on
# train.jsonl (events F1 0.743) is what the extractor is tuned by. A change that lowers a
# score below its floor fails. Accuracies are of matched events: the date floor is 0.9 since
# the model of 60d3dba..afd4655 matched four more events, two of them with a date it misses
# (42 of 46 right, against 40 of 42 before).
FLOORS = {"events": 0.78, "articles": 0.93, "people": 0.86}
ACCURACY_FLOORS = {"kind": 0.92, "date": 0.9, "location": 0.88, "topic_category": 0.83}


def event(visitor: str, host: str | None, region: str | None = None, **fields: object
          ) -> dict[str, object]:
    data: dict[str, object] = {
        "kind": "kunjungan_kerja", "visitor": {"institution": visitor, "unit": None},
        "host": {"institution": host, "unit": None, "region": region}, "date": None,
        "location": None, "people": [], "topic": None, "topic_category": "lainnya"}
    data.update(fields)
    return data


def test_events_match_on_visitor_and_host() -> None:
    gold = [event("DPRD Kota Bogor", "DPRD Kota Batu"), event("DPRD Kota Bogor", "DPR RI")]
    found = [event("DPRD Kota Bogor", "DPRD Kota Batu", kind="studi_banding"),
             event("DPRD Kota Depok", "DPR RI")]
    report = evaluate([("x", gold, found)])
    assert (report.events.tp, report.events.fp, report.events.fn) == (1, 1, 1)
    assert report.accuracy("kind") == 0.0


def test_place_only_hosts_must_agree_on_region() -> None:
    gold = [event("DPR RI", None, "Kabupaten Nabire")]
    found = [event("DPR RI", None, "Kabupaten Merauke")]
    assert evaluate([("x", gold, found)]).events.tp == 0


def test_negative_article_with_events_counts_as_false_positive() -> None:
    report = evaluate([("x", [], [event("DPRD Kota Bogor", "DPRD Kota Batu")])])
    assert (report.articles.fp, report.events.fp) == (1, 1)


def test_people_are_scored_on_matched_events() -> None:
    gold = [event("A", "B", people=[{"name": "Siti", "role": None, "side": "host"},
                                    {"name": "Budi", "role": None, "side": "visitor"}])]
    found = [event("A", "B", people=[{"name": "Siti", "role": None, "side": "visitor"}])]
    report = evaluate([("x", gold, found)])
    assert (report.people.tp, report.people.fn, report.people_side_right) == (1, 1, 0)


def _score(dev_set: Path, annotator: object) -> dict[str, object]:
    from kunker.cli.nlp_commands import article_from_record
    from nlp.extract import extract_events

    triples = []
    for line in dev_set.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        found = [e.to_dict() for e in extract_events(article_from_record(record), annotator)]
        triples.append((record["id"], record["events"], found))
    return evaluate(triples).as_dict()


@pytest.mark.parametrize("annotator_name", ["rules", "default"])
def test_dev_scores_stay_above_their_floors(dev_set: Path, annotator_name: str) -> None:
    from nlp.linguistic import RuleAnnotator, default_annotator

    annotator = RuleAnnotator() if annotator_name == "rules" else default_annotator()
    scores = _score(dev_set, annotator)
    for measure, floor in FLOORS.items():
        assert scores[measure]["f1"] >= floor, (measure, scores[measure])  # type: ignore[index]
    for field, floor in ACCURACY_FLOORS.items():
        assert scores["accuracy"][field] >= floor, (field, scores["accuracy"])  # type: ignore[index]


def _kunker(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kunker", *args], input=stdin,
                          capture_output=True, text=True, timeout=120)


def test_extract_command_adds_events_and_keeps_extra_keys(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({
        "id": "n1", "url": "https://example.id/a", "title": None, "published": "2025-06-12",
        "outlet": "contoh", "text": "Komisi I DPRD Kota Bogor melakukan kunjungan kerja ke "
        "DPRD Kabupaten Sleman, Rabu (11/6/2025)."}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = _kunker("extract", str(source), "-o", str(out), "--no-stanza")
    assert result.returncode == 0, result.stderr
    [record] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["outlet"] == "contoh"
    [found] = record["events"]
    assert found["visitor"]["institution"] == "DPRD Kota Bogor"
    assert found["date"] == "2025-06-11"


def test_extract_command_reports_malformed_lines_by_number_and_keeps_the_rest(
        tmp_path: Path) -> None:
    good = json.dumps({"id": "ok", "text": "DPRD Kota Batu menggelar rapat paripurna."})
    lines = [good, "{not json", json.dumps(["a list"]), json.dumps({"id": "no text"}), good]
    result = _kunker("extract", "-", "--no-stanza", stdin="\n".join(lines) + "\n")
    assert result.returncode == 1
    assert "line 2" in result.stderr and "line 3" in result.stderr and "line 4" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stdout.splitlines()) == 2


def test_extract_command_on_a_missing_file_is_one_line_error(tmp_path: Path) -> None:
    result = _kunker("extract", str(tmp_path / "nope.jsonl"))
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0 and "nope.jsonl" in result.stderr


def test_evaluate_command_prints_scores_as_json(dev_set: Path) -> None:
    result = _kunker("evaluate", str(dev_set), "--json", "--no-stanza")
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)
    assert scores["events"]["f1"] >= FLOORS["events"]
    assert scores["annotator"] == "rules"
