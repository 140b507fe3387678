"""The rules extractor over every article of the shared IndoSum news sample: no article may
raise, and every record it returns has its evidence inside the text. Skipped when the
checkout does not sit beside ../shared; about 15 s of one core (marked ``corpus``)."""

from __future__ import annotations

import json
import traceback
from pathlib import Path

import pytest

from nlp.extract import extract_events
from nlp.linguistic import RuleAnnotator
from nlp.records import EVENT_KINDS, Article

INDOSUM = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / \
    "indosum-dev.jsonl"


@pytest.mark.corpus
def test_every_indosum_article_is_extracted_without_an_exception() -> None:
    if not INDOSUM.is_file():
        pytest.skip(f"{INDOSUM} not found")
    from kunker.cli.nlp_commands import article_from_record  # how the commands read a line

    annotator = RuleAnnotator()
    failures: list[str] = []
    articles = 0
    with INDOSUM.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            record = json.loads(line)
            article: Article = article_from_record(record)
            articles += 1
            try:
                events = extract_events(article, annotator)
            except Exception as exc:  # every failure is collected, then reported at once
                where = traceback.extract_tb(exc.__traceback__)[-1]
                failures.append(f"{record.get('id')}: {type(exc).__name__} {exc} "
                                f"({Path(where.filename).name}:{where.lineno})")
                continue
            for event in events:
                assert event.kind in EVENT_KINDS
                for evidence in event.evidence:
                    assert article.text[evidence.start:evidence.end] == evidence.text
    assert articles > 3000
    assert failures == []
