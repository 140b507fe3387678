"""`kunker extract` over every article of the shared IndoSum news sample: no article may fail,
every line comes back with an events list, and every event's evidence lies inside its text.
Skipped when the checkout does not sit beside ../shared; about 20-30 s (marked ``corpus``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from nlp.records import EVENT_KINDS

INDOSUM = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / \
    "indosum-dev.jsonl"


@pytest.mark.corpus
def test_kunker_extract_reads_every_indosum_article_without_a_failure(tmp_path: Path) -> None:
    if not INDOSUM.is_file():
        pytest.skip(f"{INDOSUM} not found")
    out = tmp_path / "events.jsonl"
    result = subprocess.run(
        [sys.executable, "-m", "kunker", "extract", str(INDOSUM), "-o", str(out),
         "--no-stanza"], capture_output=True, text=True, timeout=600,
        env={**os.environ, "KUNKER_HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr[-2000:]
    articles = [json.loads(line) for line in INDOSUM.read_text(encoding="utf-8").splitlines()
                if line.strip()]
    extracted = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(articles) > 3000
    assert [r["id"] for r in extracted] == [r["id"] for r in articles]
    for record in extracted:
        for event in record["events"]:
            assert event["kind"] in EVENT_KINDS
            for evidence in event["evidence"]:
                assert record["text"][evidence["start"]:evidence["end"]] == evidence["text"]
