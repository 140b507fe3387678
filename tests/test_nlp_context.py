"""The decision's second stage: features of how the first stage scored the article's pairs,
and a model that rescores pairs with them."""

from __future__ import annotations

import pytest

from nlp.candidates import find_candidates
from nlp.context_features import context_features
from nlp.decision import DecisionModel
from nlp.extract import analyse
from nlp.linguistic import RuleAnnotator
from nlp.records import Article
from nlp.scorers import BoostedTrees, Logistic

RULES = RuleAnnotator()
TRIP = ("Komisi A DPRD Kota Depok melakukan kunjungan kerja ke DPRD Kota Bogor, Senin. "
        "Sehari kemudian rombongan mengunjungi DPRD Kabupaten Cianjur.")
DEPOK, BOGOR, CIANJUR = "DPRD Kota Depok", "DPRD Kota Bogor", "DPRD Kabupaten Cianjur"


def _candidates_scored(given: dict[tuple[str, str], float]):  # type: ignore[no-untyped-def]
    candidates = find_candidates(analyse(Article(TRIP), RULES))
    return candidates, [given.get(c.key, 0.05) for c in candidates]


def test_a_later_host_of_the_most_likely_visitor_is_marked_as_named_after_its_best_host(
        ) -> None:
    candidates, scored = _candidates_scored({(DEPOK, BOGOR): 0.9, (DEPOK, CIANJUR): 0.2})
    features = {c.key: f for c, f in zip(candidates, context_features(candidates, scored),
                                         strict=True)}
    later = features[(DEPOK, CIANJUR)]
    assert later["ctx:best_visitor"] == 1.0
    assert later["ctx:after_best_host"] == 1.0 and later["ctx:beside_best_host"] == 0.0
    assert later["ctx:visitor_best"] == 0.9 and later["ctx:article_best"] == 0.9
    assert later["ctx:share_of_best"] == pytest.approx(0.2 / 0.9)
    best = features[(DEPOK, BOGOR)]
    assert "ctx:best_visitor" not in best and best["ctx:rank"] == 0.0
    assert best["ctx:visitor_best"] == 0.2  # its own probability is not among the others'


def test_a_pair_knows_the_probability_of_its_reverse() -> None:
    candidates, scored = _candidates_scored({(DEPOK, BOGOR): 0.9, (BOGOR, DEPOK): 0.3})
    features = {c.key: f for c, f in zip(candidates, context_features(candidates, scored),
                                         strict=True)}
    assert features[(BOGOR, DEPOK)]["ctx:reverse"] == 0.9
    assert features[(DEPOK, BOGOR)]["ctx:reverse"] == 0.3
    assert features[(DEPOK, BOGOR)]["ctx:sure_pairs"] == 1 / 5


def test_no_candidates_give_no_context() -> None:
    assert context_features([], []) == []


def test_the_second_stage_rescores_pairs_from_the_first_stages_scores_of_the_others(
        ) -> None:
    candidates, _ = _candidates_scored({})
    features = [{"sure": 1.0} if c.key == (DEPOK, BOGOR) else {} for c in candidates]
    first = Logistic({"sure": 10.0}, -5.0)  # 0.99 for Depok -> Bogor, 0.007 for the rest
    # leaf +2 for a pair whose visitor's other best pair is above 0.5, else -2
    second = BoostedTrees(("ctx:visitor_best",), (((0,), (0.5,), (-1,), (-2,), (-2.0, 2.0)),))
    alone = DecisionModel(first, 0.5).probabilities(candidates, features)
    stacked = DecisionModel(first, 0.5, context=second).probabilities(candidates, features)
    by_key = {c.key: p for c, p in zip(candidates, stacked, strict=True)}
    assert max(alone) > 0.99 and sorted(alone)[-2] < 0.01
    assert by_key[(DEPOK, CIANJUR)] == pytest.approx(1 / (1 + pow(2.718281828459045, -2)))
    assert by_key[(DEPOK, BOGOR)] < 0.5  # no other pair of Depok is likely


def test_a_place_knows_the_best_body_inside_it_of_the_same_visitor_and_the_body_its_place(
        ) -> None:
    text = ("Komisi A DPRD Kota Depok melakukan kunjungan kerja ke Kabupaten Badung, Senin. "
            "Rombongan diterima Pemerintah Kabupaten Badung dan juga melihat Kota Denpasar.")
    candidates = find_candidates(analyse(Article(text), RULES))
    badung, government, denpasar = ((DEPOK, "@Kabupaten Badung"),
                                    (DEPOK, "Pemerintah Kabupaten Badung"),
                                    (DEPOK, "@Kota Denpasar"))
    named = {_named(c): c for c in candidates}
    assert {badung, government, denpasar} <= set(named)
    given = {badung: 0.3, government: 0.8, denpasar: 0.6}
    scored = [given.get(_named(c), 0.01) for c in candidates]
    features = {_named(c): f for c, f in zip(candidates, context_features(candidates, scored),
                                             strict=True)}
    assert features[badung]["ctx:inside_best"] == 0.8  # not Denpasar's 0.6: elsewhere
    assert features[badung]["ctx:around_best"] == 0.0
    assert features[government]["ctx:around_best"] == 0.3
    assert features[government]["ctx:inside_best"] == 0.0  # a body holds no other host
    assert features[denpasar]["ctx:inside_best"] == 0.0


def _named(candidate) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    host = candidate.host.side
    return (candidate.visitor.side.institution,
            host.institution or "@" + (host.region.full_name if host.region else ""))
