"""NLP: articles per second of extraction on real articles, rules only (CPU time of one
process), and with Stanza at 1 and 2 torch threads (wall time: threads are about wall time).

- ``../shared/corpus/indosum-dev.jsonl``: 3,463 general news articles, mostly not visits
  (the relevance gate's effect shows);
- the visit articles (with events) of ``../shared/eval/train.jsonl``.

A missing file is reported as not measured. Stanza runs each thread setting for at most
``STANZA_SECONDS`` on the visit articles, so a busy machine cannot stall the suite.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from benchmarks.results import Figure, Report

SECTION = "NLP"
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
CORPUS = SHARED / "corpus" / "indosum-dev.jsonl"
TRAIN = SHARED / "eval" / "train.jsonl"
TARGET_RULES_PER_S = 100.0  # issue 4: >= 100 articles/s on one core without Stanza
STANZA_SECONDS = 30.0


def _records(path: Path, limit: int | None, visits_only: bool = False) -> list[dict[str, Any]]:
    found = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            record = json.loads(line)
            if visits_only and not record.get("events"):
                continue
            found.append(record)
            if limit is not None and len(found) >= limit:
                break
    return found


def _rules_rate(articles: list[Any]) -> tuple[float, int]:
    from nlp.extract import extract_events
    from nlp.linguistic import RuleAnnotator

    annotator = RuleAnnotator()
    for article in articles[:3]:  # tables load outside the timing
        extract_events(article, annotator)
    started = time.process_time()
    events = sum(len(extract_events(a, annotator)) for a in articles)
    return len(articles) / (time.process_time() - started), events


def measure(report: Report, limit: int | None, stanza_articles: int) -> None:
    from kunker.cli.nlp_commands import article_from_record

    inputs = (("indosum-dev (mostly not visits)", CORPUS, False),
              ("train.jsonl visit articles", TRAIN, True))
    visits: list[Any] = []
    for label, path, visits_only in inputs:
        if not path.is_file():
            report.note(SECTION, f"{label}: not measured, {path} is absent")
            continue
        articles = [article_from_record(r) for r in _records(path, limit, visits_only)]
        if visits_only:
            visits = articles
        rate, events = _rules_rate(articles)
        report.add(Figure(SECTION, f"rules + learned stage, {label}", rate, "articles/s",
                          target=(">=", TARGET_RULES_PER_S),
                          note=f"{len(articles)} articles, {events} events, CPU"))
    if visits and stanza_articles:
        _stanza(report, visits[:stanza_articles])


def _stanza(report: Report, articles: list[Any]) -> None:
    from nlp.errors import NlpError
    from nlp.extract import extract_events
    from nlp.linguistic import StanzaAnnotator
    from nlp.stanza_pipeline import MAX_TORCH_THREADS, get_pipeline, set_torch_threads

    try:
        pipeline = get_pipeline(None, 1)
    except (NlpError, ImportError) as exc:
        report.note(SECTION, f"Stanza not measured: {exc}")
        return
    if pipeline is None:
        report.note(SECTION, "Stanza not measured: no Stanza models")
        return
    annotator = StanzaAnnotator(pipeline)
    extract_events(articles[0], annotator)  # first call pays for lazy set-up
    rates: dict[int, float] = {}
    for threads in (1, 2):
        set_torch_threads(threads)
        started, done = time.perf_counter(), 0
        for article in articles:
            extract_events(article, annotator)
            done += 1
            if time.perf_counter() - started > STANZA_SECONDS:
                break
        rates[threads] = done / (time.perf_counter() - started)
    set_torch_threads(None)
    report.add(Figure(SECTION, "Stanza, 2 torch threads", rates[2], "articles/s", rates[1],
                      "1 thread", note="train.jsonl visits, wall"))
    report.note(SECTION, f"Stanza at 1 thread: {rates[1]:.2f} articles/s, at 2: "
                f"{rates[2]:.2f} (default MAX_TORCH_THREADS = {MAX_TORCH_THREADS}).")
