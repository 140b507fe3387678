"""Extraction speed: articles per second on one core, with the rules only and with Stanza.

    python benchmarks/extract_bench.py [--input ARTICLES.jsonl] [--repeat 3] [--stanza]

Reads articles in the `kunker extract` JSONL shape (default: ../shared/eval/dev.jsonl), runs
the extractor over all of them ``--repeat`` times and prints the best run, as CPU time of
this process (what one core does, whatever else the machine is running) and wall time.
Target (issue 4): >= 100 articles/s on one core without Stanza.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from kunker.cli.extraction import choose_annotator
from kunker.cli.nlp_commands import article_from_record
from nlp.extract import extract_events
from nlp.linguistic import RuleAnnotator
from nlp.topics import _hits_of

DEFAULT_INPUT = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev.jsonl"
TARGET_RULES = 100.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--stanza", action="store_true", help="also time the Stanza path")
    args = parser.parse_args()
    records = [json.loads(line) for line in args.input.read_text(encoding="utf-8").splitlines()
               if line.strip()]
    articles = [article_from_record(r) for r in records]
    runs = [("rules", RuleAnnotator())]
    if args.stanza:
        runs.append(("stanza", choose_annotator(no_stanza=False)))  # the configured models
    for name, annotator in runs:
        for article in articles[:3]:  # load tables and models outside the timing
            extract_events(article, annotator)
        best_cpu = best_wall = float("inf")
        events = 0
        for _ in range(args.repeat):
            _hits_of.cache_clear()  # no help from a previous run's cache
            cpu, wall = time.process_time(), time.perf_counter()
            events = sum(len(extract_events(a, annotator)) for a in articles)
            best_cpu = min(best_cpu, time.process_time() - cpu)
            best_wall = min(best_wall, time.perf_counter() - wall)
        rate = len(articles) / best_cpu
        met = "met" if rate >= TARGET_RULES else "MISSED"
        verdict = "" if name != "rules" else f" (target >= {TARGET_RULES:.0f}: {met})"
        print(f"{name:7s} {len(articles)} articles, {events} events: "
              f"{rate:7.1f} articles/s CPU, {len(articles) / best_wall:7.1f} articles/s wall"
              f"{verdict}")


if __name__ == "__main__":
    main()
