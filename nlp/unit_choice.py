"""Which organ of a body travelled or received: the learned choice among the units the
article names that body with ("Komisi IV", "Pimpinan", "Sekretariat") or none at all.

A body is often named with several organs (the commission that travels, the chair who leads,
the secretariat that arranged it); the annotators give the one acting in the visit, or none
when the article names the body as a whole. Each option is described by where and how often
it is named, and a logistic model (``DecisionModel.unit``) scores them; the best one wins.
"""

from __future__ import annotations

from collections import Counter

from nlp.analysis import ArticleAnalysis
from nlp.candidates import Entity
from nlp.scorers import Logistic

MAX_COUNT = 5


def unit_options(analysis: ArticleAnalysis, entity: Entity, other: Entity, side: str,
                 sentences: list[int], rule_unit: str | None
                 ) -> list[tuple[str | None, dict[str, float]]]:
    """Every unit ``entity`` is named with, and None, each with its features. ``other`` is
    the visit's other side; ``side`` is "v" or "h"; ``sentences`` are those reporting the
    visit; ``rule_unit`` is what the word-order rules chose."""
    beside_other = other.sentences
    counts: Counter[str] = Counter()
    organ: Counter[str] = Counter()  # named as the organ ("Komisi IV DPRD X")
    first_sentence: dict[str, int] = {}
    named_in: dict[str, set[int]] = {}
    reported = set(sentences)
    in_reported: Counter[str] = Counter()
    for occurrence in entity.occurrences:
        mention = occurrence.mention
        unit = mention.unit or mention.role_unit
        if not unit:
            continue
        counts[unit] += 1
        if mention.unit:
            organ[unit] += 1
        first_sentence.setdefault(unit, occurrence.sentence)
        named_in.setdefault(unit, set()).add(occurrence.sentence)
        if occurrence.sentence in reported:
            in_reported[unit] += 1
    total = len(entity.occurrences)
    first = entity.occurrences[0].mention if entity.occurrences else None
    first_unit = (first.unit or first.role_unit) if first is not None else None
    body = analysis.title_views
    options: list[tuple[str | None, dict[str, float]]] = []
    for unit, count in counts.items():
        head = unit.split()[0].lower()
        features = {
            f"{side}:type={head}": 1.0,
            f"{side}:count": min(count, MAX_COUNT) / MAX_COUNT,
            f"{side}:share": count / total,
            f"{side}:organ_share": organ[unit] / count,
            f"{side}:reported": min(in_reported[unit], 3) / 3,
            f"{side}:distinct": min(len(counts), 4) / 4,
        }
        if unit == rule_unit:
            features[f"{side}:rule_choice"] = 1.0
        if unit == first_unit:
            features[f"{side}:first_named"] = 1.0
        if first_sentence[unit] < body:
            features[f"{side}:in_title"] = 1.0
        elif first_sentence[unit] == body:
            features[f"{side}:in_lead"] = 1.0
        if sentences and min(sentences) in named_in[unit]:
            features[f"{side}:first_reported"] = 1.0
        if named_in[unit] & beside_other:
            features[f"{side}:beside_other_side"] = 1.0
        elif any(abs(a - b) <= 1 for a in named_in[unit] for b in beside_other):
            features[f"{side}:next_to_other_side"] = 1.0
        options.append((unit, features))
    none = {f"{side}:none": 1.0, f"{side}:none_distinct": min(len(counts), 4) / 4,
            f"{side}:none_organs": min(sum(organ.values()), MAX_COUNT) / MAX_COUNT}
    if rule_unit is None:
        none[f"{side}:none_rule_choice"] = 1.0
    options.append((None, none))
    return options


def choose_unit(model: Logistic, options: list[tuple[str | None, dict[str, float]]]
                ) -> str | None:
    return max(options, key=lambda option: model.score(option[1]))[0]
