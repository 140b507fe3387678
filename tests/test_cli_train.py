"""`kunker train-extractor`: a model from gold files, its card, and every command using it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_nlp_decision import written_gold

pytest.importorskip("lightgbm")


def _kunker(*args: str, home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "KUNKER_HOME": str(home), "KUNKER_NO_STANZA": "1", **env}
    return subprocess.run([sys.executable, "-m", "kunker", *args], capture_output=True,
                          text=True, timeout=300, env=environ)


def _kunker_here(*args: str, home: Path, monkeypatch: pytest.MonkeyPatch,
                 capfd: pytest.CaptureFixture[str]) -> subprocess.CompletedProcess[str]:
    """``_kunker`` without starting Python again: the entry point's ``main`` in this process,
    with the same environment, and what it writes caught at the file descriptors (so output
    of native code, such as LightGBM's, counts as it would in a subprocess). For the tests
    whose subject is training and the commands that use its model, not the process; the
    error tests below keep the real subprocess."""
    from kunker.cli import main

    monkeypatch.setenv("KUNKER_HOME", str(home))
    monkeypatch.setenv("KUNKER_NO_STANZA", "1")
    capfd.readouterr()
    try:
        main(list(args))
        code = 0
    except SystemExit as exited:
        code = exited.code if isinstance(exited.code, int) else int(exited.code is not None)
    out, err = capfd.readouterr()
    return subprocess.CompletedProcess(["kunker", *args], code, out, err)


def _write_gold(path: Path) -> Path:
    records = written_gold()
    for record in records:
        record["published"] = "2025-06-05"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_training_writes_a_model_every_command_then_uses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    here = {"home": tmp_path, "monkeypatch": monkeypatch, "capfd": capfd}
    gold = _write_gold(tmp_path / "gold.jsonl")
    result = _kunker_here("train-extractor", str(gold), "--folds", "3", **here)
    assert result.returncode == 0, result.stderr
    assert "3-fold cross-validation" in result.stdout
    model = json.loads((tmp_path / "decision_model.json").read_text(encoding="utf-8"))
    assert model["card"]["articles"] == 32 and model["card"]["trained_on"] == [str(gold)]

    article = tmp_path / "one.jsonl"
    article.write_text(json.dumps({"id": "x", "text": "Komisi II DPRD Kota Medan melakukan "
                                   "studi banding ke DPRD Kota Solok."}) + "\n", encoding="utf-8")
    extracted = _kunker_here("extract", str(article), **here)
    assert extracted.returncode == 0, extracted.stderr
    [event] = json.loads(extracted.stdout)["events"]
    assert (event["visitor"]["institution"], event["host"]["institution"]) == (
        "DPRD Kota Medan", "DPRD Kota Solok")


def test_json_output_is_the_model_card(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    gold = _write_gold(tmp_path / "gold.jsonl")
    out = tmp_path / "models" / "m.json"
    result = _kunker_here("train-extractor", str(gold), "--folds", "3", "-o", str(out),
                          "--json", home=tmp_path, monkeypatch=monkeypatch, capfd=capfd)
    assert result.returncode == 0, result.stderr
    card = json.loads(result.stdout)
    assert card["cross_validation"]["folds"] == 3
    assert json.loads(out.read_text(encoding="utf-8"))["card"] == card


def test_gold_without_events_is_one_line_error(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "a", "text": "DPRD Kota Bogor"}) + "\n", encoding="utf-8")
    result = _kunker("train-extractor", str(gold), home=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and '"events"' in result.stderr


def test_a_broken_configured_model_stops_extraction_with_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    article = tmp_path / "one.jsonl"
    article.write_text(json.dumps({"id": "x", "text": "DPRD Kota Bogor."}) + "\n",
                       encoding="utf-8")
    result = _kunker("extract", str(article), home=tmp_path,
                     KUNKER_DECISION_MODEL=str(broken))
    assert result.returncode == 1
    assert "broken.json" in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0
