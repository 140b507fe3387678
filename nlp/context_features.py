"""What the second stage of the decision knows beyond a pair's own features: how the first
stage scored the pair and the article's other pairs.

A pair's own features (``nlp.pair_features``) see the pair alone. Whether it is a visit also
depends on the rest of the article: a host named after the delegation's clearest visit is
likely its next stop, a pair is less likely when its reverse is more likely, a place is the
host only when no body inside it more likely is (the gold names the body: "ke Kabupaten
Badung ... diterima Pemkab Badung" is a visit to the government, "setibanya di Bandara X"
leaves the town the host), and an article whose best pair is weak is probably not a visit
report. These features give the first
stage's probabilities of those other pairs to a second model (``DecisionModel.context``),
trained on held-out first-stage probabilities (``nlp.training``). Pure: candidates and
probabilities in, named features out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from nlp.candidates import PLACE, Candidate
from nlp.gazetteer import within

MAX_RANK = 5  # ranks at or past this count as this one
MAX_SURE = 5  # pairs counted at or above SURE
SURE = 0.5


def context_features(candidates: Sequence[Candidate], probabilities: Sequence[float]
                     ) -> list[dict[str, float]]:
    """For each candidate (same order): ``ctx:`` features of the first stage's
    ``probabilities`` of it and of the article's other candidates."""
    if not candidates:
        return []
    best_probability = max(probabilities)
    order = sorted(range(len(candidates)), key=lambda k: -probabilities[k])
    rank = {k: r for r, k in enumerate(order)}
    best = candidates[order[0]]
    by_key = {c.key: p for c, p in zip(candidates, probabilities, strict=True)}
    sure = min(sum(p >= SURE for p in probabilities), MAX_SURE) / MAX_SURE
    by_visitor = _two_best(candidates, probabilities, lambda c: c.key[0])
    by_host = _two_best(candidates, probabilities, lambda c: c.key[1])
    found = []
    for k, (candidate, probability) in enumerate(zip(candidates, probabilities, strict=True)):
        visitor, host = candidate.key
        features = {
            "ctx:p": probability,
            "ctx:article_best": best_probability,
            "ctx:share_of_best": probability / best_probability if best_probability else 0.0,
            "ctx:rank": min(rank[k], MAX_RANK) / MAX_RANK,
            "ctx:sure_pairs": sure,
            # the visitor's other hosts, the host's other visitors, the reverse direction
            "ctx:visitor_best": _best_other(by_visitor[visitor], k),
            "ctx:host_best": _best_other(by_host[host], k),
            "ctx:reverse": by_key.get((host, visitor), 0.0),
        }
        features["ctx:inside_best"], features["ctx:around_best"] = _nested(
            candidates, probabilities, k)
        if candidate is not best and best.visitor.key == visitor:
            # another host of the article's most likely visitor: a later stop, or a place
            # of the same visit, tells itself by where it is named against the best host
            hosted, best_hosted = candidate.host.sentences, best.host.sentences
            features["ctx:best_visitor"] = 1.0
            features["ctx:after_best_host"] = float(min(hosted) > min(best_hosted))
            features["ctx:beside_best_host"] = float(bool(hosted & best_hosted))
        found.append(features)
    return found


def with_context(candidates: Sequence[Candidate], features: Sequence[dict[str, float]],
                 probabilities: Sequence[float]) -> list[dict[str, float]]:
    """What the second stage reads of each candidate: its own ``features`` and the
    ``context_features`` of the first stage's ``probabilities`` (training builds its rows
    with this too, so both see the same thing)."""
    return [{**f, **c} for f, c in zip(
        features, context_features(candidates, probabilities), strict=True)]


def _two_best(candidates: Sequence[Candidate], probabilities: Sequence[float],
              group: Callable[[Candidate], str]) -> dict[str, list[tuple[float, int]]]:
    """The two highest (probability, index) of each group of candidates."""
    best: dict[str, list[tuple[float, int]]] = {}
    for k, (candidate, probability) in enumerate(zip(candidates, probabilities, strict=True)):
        best[group(candidate)] = sorted([*best.get(group(candidate), []), (probability, k)],
                                        reverse=True)[:2]
    return best


def _best_other(best: list[tuple[float, int]], k: int) -> float:
    """The highest probability in ``best`` (``_two_best``'s) not of candidate ``k``."""
    return next((p for p, j in best if j != k), 0.0)


def _nested(candidates: Sequence[Candidate], probabilities: Sequence[float], k: int
            ) -> tuple[float, float]:
    """The best probability among the same visitor's hosts inside candidate ``k``'s place
    (for a place: a body or a narrower place there) and among the places around its host."""
    candidate = candidates[k]
    here = candidate.host.where
    inside = around = 0.0
    if here is None:
        return inside, around
    for j, other in enumerate(candidates):
        there = other.host.where
        if j == k or there is None or other.visitor.key != candidate.visitor.key:
            continue
        if candidate.host.kind == PLACE and within(there, here) and (
                other.host.kind != PLACE or there != here):
            inside = max(inside, probabilities[j])
        elif other.host.kind == PLACE and within(here, there) and (
                candidate.host.kind != PLACE or there != here):
            around = max(around, probabilities[j])
    return inside, around
