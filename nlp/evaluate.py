"""Scores of extracted events against gold events (the shape of ../shared/eval/SCHEMA.md).

An extracted event matches a gold event of the same article when visitor and host
institution agree (compared without case and spacing); when both hosts are places only, the
host regions must agree too. Matching is one-to-one. Attribute accuracies (kind, units,
date, location, topic category) and people are scored on matched pairs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from nlp.gazetteer import key_of

ATTRIBUTES = ("kind", "visitor_unit", "host_unit", "date", "location", "topic_category")


def _norm(value: Any) -> str:
    return re.sub(r"\s+", " ", str(value or "")).strip().lower()


def _event_key(event: dict[str, Any]) -> tuple[str, str]:
    return key_of(_norm(event["visitor"].get("institution"))), key_of(
        _norm(event["host"].get("institution")))


def same_visit(gold: dict[str, Any], found: dict[str, Any]) -> bool:
    """True when ``found`` is the visit ``gold`` describes: the same visitor and host
    institutions, and for a host named only as a place, the same region."""
    if _event_key(gold) != _event_key(found):
        return False
    if not gold["host"].get("institution"):
        return key_of(_norm(gold["host"].get("region"))) == key_of(
            _norm(found["host"].get("region")))
    return True


def _attribute(event: dict[str, Any], name: str) -> str:
    if name == "visitor_unit":
        return _norm(event["visitor"].get("unit"))
    if name == "host_unit":
        return _norm(event["host"].get("unit"))
    return _norm(event.get(name))


def _names(event: dict[str, Any]) -> set[str]:
    return {_norm(p["name"]).replace("’", "'") for p in event.get("people") or []}


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass(slots=True)
class Report:
    events: Counts = field(default_factory=Counts)
    articles: Counts = field(default_factory=Counts)
    people: Counts = field(default_factory=Counts)
    people_side_right: int = 0
    attributes: dict[str, list[int]] = field(
        default_factory=lambda: {a: [0, 0] for a in ATTRIBUTES})  # right, total
    misses: list[str] = field(default_factory=list)

    def accuracy(self, name: str) -> float:
        right, total = self.attributes[name]
        return right / total if total else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "events": self.events.as_dict(),
            "articles": self.articles.as_dict(),
            "people": self.people.as_dict(),
            "people_side_accuracy": round(self.people_side_right / self.people.tp, 4)
            if self.people.tp else 1.0,
            "accuracy": {name: round(self.accuracy(name), 4) for name in ATTRIBUTES},
        }


def score_article(report: Report, article_id: str, gold: list[dict[str, Any]],
                  found: list[dict[str, Any]]) -> None:
    """Add one article's comparison to ``report``."""
    if gold and found:
        report.articles.tp += 1
    elif found:
        report.articles.fp += 1
        report.misses.append(f"{article_id}: not a visit article, but events were found")
    elif gold:
        report.articles.fn += 1
    unmatched = list(found)
    for gold_event in gold:
        match = next((f for f in unmatched if same_visit(gold_event, f)), None)
        if match is None:
            report.events.fn += 1
            report.misses.append(f"{article_id}: missed {_describe(gold_event)}")
            continue
        unmatched.remove(match)
        report.events.tp += 1
        _score_attributes(report, article_id, gold_event, match)
    for extra in unmatched:
        report.events.fp += 1
        report.misses.append(f"{article_id}: wrong {_describe(extra)}")


def _score_attributes(report: Report, article_id: str, gold: dict[str, Any],
                      found: dict[str, Any]) -> None:
    for name in ATTRIBUTES:
        right = _attribute(gold, name) == _attribute(found, name)
        report.attributes[name][1] += 1
        if right:
            report.attributes[name][0] += 1
        else:
            report.misses.append(f"{article_id}: {name} {_attribute(found, name)!r} should be "
                                 f"{_attribute(gold, name)!r} ({_describe(gold)})")
    gold_people = {(_norm(p["name"]).replace("’", "'"), p.get("side"))
                   for p in gold.get("people") or []}
    found_people = {(_norm(p["name"]).replace("’", "'"), p.get("side"))
                    for p in found.get("people") or []}
    gold_names, found_names = _names(gold), _names(found)
    report.people.tp += len(gold_names & found_names)
    report.people.fp += len(found_names - gold_names)
    report.people.fn += len(gold_names - found_names)
    report.people_side_right += len(gold_people & found_people)
    for name in sorted(gold_names - found_names):
        report.misses.append(f"{article_id}: person missed {name!r} ({_describe(gold)})")
    for name in sorted(found_names - gold_names):
        report.misses.append(f"{article_id}: person wrong {name!r} ({_describe(gold)})")


def _describe(event: dict[str, Any]) -> str:
    visitor = event["visitor"]
    host = event["host"]
    return (f"{visitor.get('institution')} [{visitor.get('unit')}] -> "
            f"{host.get('institution') or host.get('region')} [{host.get('unit')}]")


def evaluate(pairs: Iterable[tuple[str, list[dict[str, Any]], list[dict[str, Any]]]]
             ) -> Report:
    """Score (article id, gold events, extracted events) triples."""
    report = Report()
    for article_id, gold, found in pairs:
        score_article(report, article_id, gold, found)
    return report
