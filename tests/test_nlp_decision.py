"""The learned decision stage: candidates, the model file, and training on gold written here."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from nlp.candidates import find_candidates
from nlp.decision import (
    DESTINATION_FLOOR,
    HEADLINE_TOP_THRESHOLD,
    LINEAR_WEIGHT,
    RECEIVED_FLOOR,
    DecisionModel,
    candidate_features,
    chosen_drafts,
    load_model,
    scored_candidates,
    with_listed_partners,
)
from nlp.errors import DecisionModelError
from nlp.extract import analyse, extract_events
from nlp.linguistic import RuleAnnotator
from nlp.pair_features import FEATURES_VERSION
from nlp.records import Article
from nlp.scorers import BoostedTrees, Logistic

RULES = RuleAnnotator()


def keys(text: str) -> set[tuple[str, str]]:
    return {c.key for c in find_candidates(analyse(Article(text), RULES))}


def test_every_body_is_paired_with_every_other_name_but_a_place_never_visits() -> None:
    found = keys("Komisi I DPRD Kota Bogor berkunjung ke DPRD Kota Batu di Provinsi Jawa Timur.")
    assert ("DPRD Kota Bogor", "DPRD Kota Batu") in found
    assert ("DPRD Kota Batu", "DPRD Kota Bogor") in found  # the model weighs direction
    assert all(not visitor.startswith("region:") for visitor, _ in found)


def test_a_government_is_no_candidate_visitor_of_its_own_legislature() -> None:
    found = keys("Pemerintah Kota Bogor mendatangi DPRD Kota Bogor membawa rancangan APBD.")
    assert ("Pemerintah Kota Bogor", "DPRD Kota Bogor") not in found


def test_a_body_does_not_visit_the_province_it_sits_in() -> None:
    found = keys("DPRD Kabupaten Sleman meninjau jalan di Provinsi DI Yogyakarta.")
    assert not any(host == "region:34" for _, host in found)


def test_the_bundled_model_extracts_a_plain_visit_with_its_probability() -> None:
    events = extract_events(Article(
        "MATARAM - Komisi III DPRD Provinsi Jambi melakukan kunjungan kerja ke DPRD Provinsi "
        "Nusa Tenggara Barat, Selasa (3/6/2025), untuk membahas retribusi daerah."), RULES)
    assert [(e.visitor.institution, e.host.institution) for e in events] == [
        ("DPRD Provinsi Jambi", "DPRD Provinsi Nusa Tenggara Barat")]
    assert load_model().threshold <= events[0].confidence <= 1.0


def test_a_model_round_trips_through_json_with_the_same_scores(tmp_path: Path) -> None:
    model = load_model()
    path = tmp_path / "model.json"
    path.write_text(json.dumps(model.to_json()), encoding="utf-8")
    again = load_model(path)
    analysis = analyse(Article("DPRD Kota Bogor melakukan studi banding ke DPRD Kota Batu."),
                       RULES)
    assert [p for _, p in scored_candidates(analysis, model)] == [
        p for _, p in scored_candidates(analysis, again)]
    assert again.version == model.version


def test_a_model_made_for_other_features_asks_to_be_retrained(tmp_path: Path) -> None:
    data = load_model().to_json() | {"features_version": FEATURES_VERSION - 1}
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DecisionModelError, match="kunker train-extractor"):
        load_model(path)


@pytest.mark.parametrize("content", ["", "{", "[1, 2]", '{"format": "other"}'])
def test_an_unreadable_model_file_is_one_clear_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "broken.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DecisionModelError, match=str(path)):
        load_model(path)


def test_a_missing_model_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(DecisionModelError, match="no decision model at"):
        load_model(tmp_path / "nothing.json")


def test_the_threshold_decides_which_candidates_become_visits() -> None:
    text = "Komisi A DPRD Kota Depok melakukan kunjungan kerja ke DPRD Kota Bogor."
    model = load_model()
    assert extract_events(Article(text), RULES,
                          replace(model, threshold=1.01, top_threshold=None)) == []
    assert extract_events(Article(text), RULES, replace(model, threshold=0.0))


def test_an_article_without_any_visit_word_reports_no_visit_whatever_the_scores() -> None:
    every_pair = replace(load_model(), threshold=0.0)  # every candidate reaches it
    quoted = ("Anggota Komisi IV DPR RI menilai impor beras dari Vietnam dan Thailand harus "
              "dikurangi tahun depan.")
    assert scored_candidates(analyse(Article(quoted), RULES), every_pair)
    assert extract_events(Article(quoted), RULES, every_pair) == []
    told = quoted + " Komisi IV DPR RI juga melakukan kunjungan kerja ke Provinsi Riau."
    assert extract_events(Article(told), RULES, every_pair)


def hosts_at_any_score(text: str) -> set[str | None]:
    """The hosts (institution, else region) of every candidate kept at threshold 0: what
    the rules drop is dropped whatever the model scores it."""
    every_pair = replace(load_model(), threshold=0.0)
    return {e.host.institution or e.host.region
            for e in extract_events(Article(text), RULES, every_pair)}


def test_a_trip_called_off_is_no_visit_whatever_its_score() -> None:
    assert "Provinsi Jambi" not in hosts_at_any_score(
        "Rencana kunjungan kerja Komisi II DPRD Kabupaten Ngawi ke Provinsi Jambi dibatalkan "
        "karena anggaran dipangkas.")
    # a stop called off beside one made: the one made stays
    hosts = hosts_at_any_score("Urung ke Jambi, Komisi II DPRD Kabupaten Ngawi memilih "
                               "melakukan kunjungan kerja ke Kota Surabaya, Senin (3/3/2025).")
    assert "Kota Surabaya" in hosts and "Provinsi Jambi" not in hosts


def test_a_trip_only_proposed_is_no_visit_whatever_its_score() -> None:
    assert "Kabupaten Madiun" not in hosts_at_any_score(
        "Dalam rapat di gedung dewan, Senin (2/3/2026), anggota Komisi B DPRD Kabupaten Ngawi "
        "mengusulkan supaya komisinya berkunjung ke pabrik gula di Kabupaten Madiun.")
    assert "Kabupaten Madiun" in hosts_at_any_score(
        "Komisi B DPRD Kabupaten Ngawi berkunjung ke pabrik gula di Kabupaten Madiun, Senin "
        "(2/3/2026).")


def test_an_airport_where_the_delegation_landed_is_no_host_but_one_it_inspects_is() -> None:
    hosts = hosts_at_any_score(
        "Komisi VIII DPRD Kota Bekasi disambut Kepala Dinas Pariwisata di Bandara Internasional "
        "Lombok, Senin (3/3/2025). Dari Bandara Internasional Lombok, rombongan melakukan "
        "kunjungan kerja ke DPRD Provinsi Nusa Tenggara Barat.")
    assert "DPRD Provinsi Nusa Tenggara Barat" in hosts
    assert not any("Bandara" in (host or "") for host in hosts)
    assert "Bandara Internasional Lombok" in hosts_at_any_score(
        "Komisi V DPR RI meninjau pembangunan Bandara Internasional Lombok, Senin (3/3/2025), "
        "dalam kunjungan kerja ke Provinsi Nusa Tenggara Barat.")


def test_an_article_with_no_candidate_at_the_threshold_keeps_its_best_one_at_the_top_threshold(
        ) -> None:
    text = ("Komisi A DPRD Kota Depok melakukan kunjungan kerja ke DPRD Kota Bogor. Rombongan "
            "juga mengunjungi Dinas Perhubungan Kota Bogor.")
    model = replace(load_model(), threshold=1.01, top_threshold=None)
    scored = sorted(p for _, p in scored_candidates(analyse(Article(text), RULES), model))
    assert scored[-1] > scored[-2]
    kept = extract_events(Article(text), RULES, replace(model, top_threshold=scored[-1]))
    assert len(kept) == 1 and kept[0].confidence == pytest.approx(scored[-1], abs=0.01)
    assert extract_events(Article(text), RULES,
                          replace(model, top_threshold=scored[-1] + 0.01)) == []


def test_a_headline_with_a_visit_word_keeps_the_best_pair_at_a_lower_bar() -> None:
    text = "Komisi A DPRD Kota Depok melakukan kunjungan kerja ke DPRD Kota Bogor."
    strict = replace(load_model(), threshold=1.01, top_threshold=0.99)
    scored = [p for _, p in scored_candidates(analyse(Article(text), RULES), strict)]
    assert HEADLINE_TOP_THRESHOLD <= max(scored) < 0.99
    assert extract_events(Article(text), RULES, strict) == []
    headlined = Article(text, title="Komisi A DPRD Depok Kunjungi DPRD Bogor")
    assert [e.host.institution for e in extract_events(headlined, RULES, strict)] == [
        "DPRD Kota Bogor"]
    plain_title = Article(text, title="Komisi A DPRD Depok Bahas Transportasi")
    assert extract_events(plain_title, RULES, strict) == []
    # a model with no top threshold at all still believes the headline
    no_top = replace(strict, top_threshold=None)
    assert [e.host.institution for e in extract_events(headlined, RULES, no_top)] == [
        "DPRD Kota Bogor"]
    assert extract_events(plain_title, RULES, no_top) == []


def test_a_headline_telling_of_a_ministers_visit_keeps_no_pair_at_the_lower_bar() -> None:
    text = ("Menteri Perdagangan melakukan kunjungan ke Pasar Induk Sukamaju, Jumat "
            "(6/2/2026). Anggota Komisi VI DPR RI, Rudi Hartono, meminta harga pangan "
            "dijaga tetap stabil.")
    model = DecisionModel(Logistic({}, 0.0), 0.5)
    told = analyse(Article(text, title="DPR Kunjungi Pasar Induk Sukamaju"), RULES)
    assert chosen_drafts(told, [(c, HEADLINE_TOP_THRESHOLD) for c in find_candidates(told)],
                         model)
    minister = analyse(Article(text, title="Menteri Kunjungi Pasar, DPR Minta Harga Stabil"),
                       RULES)
    assert chosen_drafts(minister, [(c, HEADLINE_TOP_THRESHOLD)
                                    for c in find_candidates(minister)], model) == []


def test_the_best_pair_is_kept_at_the_top_threshold_even_when_the_rules_did_not_draft_it(
        ) -> None:
    text = ("Komisi A DPRD Kota Depok melakukan kunjungan kerja ke DPRD Kota Bogor. Wali Kota "
            "Bogor ikut menerima rombongan di Balai Kota Bogor.")
    analysis = analyse(Article(text), RULES)
    candidates = find_candidates(analysis)
    undrafted = next(c for c in candidates if c.draft is None and c.visitor.key ==
                     "DPRD Kota Depok" and c.host.kind != "place")
    scored = [(c, 0.4 if c is undrafted else 0.1) for c in candidates]
    assert with_listed_partners(analysis, scored, 0.9, 0.3) == [(undrafted, 0.4)]
    assert with_listed_partners(analysis, scored, 0.9, 0.45) == []


def test_bodies_listed_beside_a_chosen_visitor_join_it_at_half_the_threshold() -> None:
    analysis = analyse(Article(
        "Anggota DPRD Kota Kediri, Kabupaten Gresik dan Kabupaten Lamongan melakukan "
        "kunjungan kerja ke DPRD Provinsi Jawa Timur di Surabaya."), RULES)
    host = "DPRD Provinsi Jawa Timur"
    given = {("DPRD Kota Kediri", host): 0.9, ("DPRD Kabupaten Gresik", host): 0.3,
             ("DPRD Kabupaten Lamongan", host): 0.2}
    scored = [(c, given.get(c.key, 0.0)) for c in find_candidates(analysis)]
    chosen = {c.key for c, _ in with_listed_partners(analysis, scored, 0.5)}
    assert chosen == {("DPRD Kota Kediri", host), ("DPRD Kabupaten Gresik", host)}


def test_each_place_of_a_list_of_destinations_joins_the_chosen_visitor() -> None:
    analysis = analyse(Article(
        "Komisi V DPR RI melakukan kunjungan kerja ke Pemerintah Provinsi Bali. Tiga provinsi "
        "yang dikunjungi yaitu Provinsi Bali, Provinsi Lampung dan Provinsi Aceh."), RULES)
    given = {("DPR RI", "Pemerintah Provinsi Bali"): 0.9,
             ("DPR RI", "region:18"): DESTINATION_FLOOR,
             ("DPR RI", "region:11"): DESTINATION_FLOOR / 2}
    scored = [(c, given.get(c.key, 0.0)) for c in find_candidates(analysis)]
    chosen = {c.key for c, _ in with_listed_partners(analysis, scored, 0.5)}
    assert chosen == {("DPR RI", "Pemerintah Provinsi Bali"), ("DPR RI", "region:18")}
    unlisted = analyse(Article(
        "Komisi V DPR RI melakukan kunjungan kerja ke Pemerintah Provinsi Bali. Rombongan "
        "sebelumnya singgah di Provinsi Lampung."), RULES)
    scored = [(c, given.get(c.key, 0.0)) for c in find_candidates(unlisted)]
    assert {c.key for c, _ in with_listed_partners(unlisted, scored, 0.5)} == {
        ("DPR RI", "Pemerintah Provinsi Bali")}


def test_each_body_of_a_list_of_destinations_joins_the_chosen_visitor() -> None:
    analysis = analyse(Article(
        "Komisi B DPRD Kabupaten Sleman melakukan kunjungan kerja ke Kabupaten Bantul. Tiga "
        "perusahaan yang dikunjungi yakni PT Tirta Makmur, PT Sari Kedelai dan PT Batik "
        "Nusantara."), RULES)
    visitor = "DPRD Kabupaten Sleman"
    given = {(visitor, "region:34.02"): 0.9, (visitor, "PT Tirta Makmur"): DESTINATION_FLOOR,
             (visitor, "PT Sari Kedelai"): DESTINATION_FLOOR,
             (visitor, "PT Batik Nusantara"): DESTINATION_FLOOR / 2}
    scored = [(c, given.get(c.key, 0.0)) for c in find_candidates(analysis)]
    assert {c.key for c, _ in with_listed_partners(analysis, scored, 0.5)} == {
        (visitor, "region:34.02"), (visitor, "PT Tirta Makmur"), (visitor, "PT Sari Kedelai")}


def test_a_legislature_receiving_a_delegation_keeps_it_below_the_threshold() -> None:
    analysis = analyse(Article(
        "Wakil Ketua MPR RI menerima kunjungan Duta Besar Norwegia di ruang kerjanya, Selasa "
        "(4/3/2025). Pertemuan membahas kerja sama energi."), RULES)
    received = ("Kedutaan Besar Norwegia", "MPR RI")
    scored = [(c, RECEIVED_FLOOR if c.key == received else 0.0)
              for c in find_candidates(analysis)]
    assert {c.key for c, _ in with_listed_partners(analysis, scored, 0.5)} == {received}
    below = [(c, p / 2) for c, p in scored]
    assert with_listed_partners(analysis, below, 0.5) == []
    # the same two named, no one received: the bar is the threshold
    told = analyse(Article(
        "Duta Besar Norwegia mengunjungi Kabupaten Sleman. Di Jakarta, MPR RI menggelar "
        "sidang tahunan, Selasa (4/3/2025)."), RULES)
    scored = [(c, RECEIVED_FLOOR) for c in find_candidates(told)]
    assert with_listed_partners(told, scored, 0.5) == []


def test_the_bundled_model_card_says_how_it_was_made() -> None:
    card = load_model().card
    assert card["features_version"] == FEATURES_VERSION
    assert len(card["data_sha256"]) == 64
    assert card["cross_validation"]["folds"] == 5
    assert 0 < card["cross_validation"]["events"]["f1"] <= 1
    assert card["features"] == len(load_model().pair.names)


def test_logistic_probability_is_bounded_for_any_score() -> None:
    model = Logistic({"x": 1.0}, 0.0)
    assert model.probability({"x": -1e6}) == 0.0
    assert model.probability({"x": 1e6}) == 1.0


# -- training on gold written for this test --------------------------------------------------

BODIES = ["DPRD Kota Bogor", "DPRD Kabupaten Sleman", "DPRD Provinsi Bali", "DPRD Kota Batu",
          "DPRD Kabupaten Badung", "DPRD Provinsi Jambi", "DPRD Kota Padang",
          "DPRD Kabupaten Gowa"]


def _gold(visitor: str, host: str) -> dict[str, object]:
    return {"kind": "studi_banding", "visitor": {"institution": visitor, "unit": "Komisi II"},
            "host": {"institution": host, "unit": None, "region": None}, "date": None,
            "location": None, "people": [], "topic": None, "topic_category": "lainnya"}


def written_gold() -> list[dict[str, object]]:
    """Visits told in three ways, and articles that name two bodies without a visit."""
    records: list[dict[str, object]] = []
    for i, visitor in enumerate(BODIES):
        host = BODIES[(i + 3) % len(BODIES)]
        other = BODIES[(i + 5) % len(BODIES)]
        visits = [
            f"Komisi II {visitor} melakukan studi banding ke {host}, Senin (2/6/2025).",
            f"{host} menerima kunjungan Komisi II {visitor} untuk belajar tata kelola.",
            f"Rombongan Komisi II {visitor} diterima oleh pimpinan {host}.",
        ]
        for k, text in enumerate(visits):
            records.append({"id": f"v{i}{k}", "text": text, "events": [_gold(visitor, host)]})
        records.append({"id": f"n{i}", "events": [], "text": (
            f"Ketua {visitor} menggelar rapat paripurna. Anggota {other} ikut memberi "
            "pendapat tentang anggaran daerah.")})
    return records


def _article(record: dict[str, object]) -> Article:
    return Article(str(record["text"]), published=date(2025, 6, 5), id=str(record["id"]))


def test_the_linear_model_is_averaged_with_the_trees_and_kept_in_the_json() -> None:
    trees = Logistic({"rule:draft": 3.0}, 0.0)  # any scorer stands for the trees here
    linear = Logistic({"rule:draft": -3.0}, 0.0)
    alone = DecisionModel(trees, 0.5)
    both = DecisionModel(trees, 0.5, linear=linear)
    features = [{"rule:draft": 1.0}]
    [p_trees] = alone.probabilities([], features)
    [p_both] = both.probabilities([], features)
    p_linear = linear.probability(features[0])
    assert p_trees > 0.9 and p_linear < 0.1
    assert p_both == pytest.approx((1 - LINEAR_WEIGHT) * p_trees + LINEAR_WEIGHT * p_linear)
    again = DecisionModel.from_json(both.to_json())
    assert again.linear == linear and again.probabilities([], features) == [p_both]


def test_training_learns_visits_from_gold_and_reports_held_out_scores() -> None:
    pytest.importorskip("lightgbm")
    from nlp.training import data_hash, fits, prepare, train

    records = written_gold()
    examples = prepare(((_article(r), r["events"]) for r in records), RULES)  # type: ignore[misc]
    fitted: list[int] = []
    model, validation = train(examples, data_hash(records), ["written"], folds=3,
                              progress=lambda: fitted.append(1))
    assert len(fitted) == fits(3)  # each fold of each split, then the final model
    assert validation.report.events.f1 > 0.8
    assert model.card["articles"] == len(records)
    assert model.card["cross_validation"]["folds"] == 3
    assert model.context is not None and model.card["context_folds"] == 3
    assert model.linear is not None and model.linear.weights
    unseen = Article("Komisi II DPRD Kota Medan melakukan studi banding ke DPRD Kota Solok.")
    assert [(e.visitor.institution, e.host.institution)
            for e in extract_events(unseen, RULES, model)] == [
        ("DPRD Kota Medan", "DPRD Kota Solok")]
    negative = Article("Ketua DPRD Kota Medan menggelar rapat paripurna. Anggota DPRD Kota "
                       "Solok ikut memberi pendapat tentang anggaran daerah.")
    assert extract_events(negative, RULES, model) == []


def test_thresholds_are_chosen_on_the_events_of_several_splits_counted_together() -> None:
    pytest.importorskip("lightgbm")
    from nlp.training import choose_threshold, cross_validate, prepare

    records = written_gold()
    examples = prepare(((_article(r), r["events"]) for r in records), RULES)  # type: ignore[misc]
    one = cross_validate(examples, folds=3, splits=1)
    three = cross_validate(examples, folds=3, splits=3)
    assert one.report.as_dict() == three.report.as_dict() or one.threshold != three.threshold
    at = {row["threshold"]: row for row in three.curve}
    # each split's events are counted: three splits of 32 articles hold 3 x 24 gold visits
    assert at[0.5]["tp"] + at[0.5]["fn"] == 24
    assert three.threshold == choose_threshold(three.curve, 0.8)
    assert three.pooled["f1"] == at[three.threshold]["f1"] or three.top_threshold is not None


def test_a_top_threshold_is_kept_only_when_it_beats_the_threshold_alone_by_more_than_a_tie(
) -> None:
    from nlp.thresholds import F1_TIE, best_top_threshold

    plain = {"precision": 0.82, "f1": 0.740}
    tried = [{"top_threshold": 0.3, "precision": 0.81, "f1": 0.740 + F1_TIE / 2}]
    assert best_top_threshold(plain, tried, 0.8) is None
    tried.append({"top_threshold": 0.25, "precision": 0.81, "f1": 0.740 + 2 * F1_TIE})
    assert best_top_threshold(plain, tried, 0.8) == 0.25
    assert best_top_threshold(plain, tried, 0.815) is None  # below the precision floor


def test_the_data_hash_ignores_the_order_of_articles() -> None:
    from nlp.training import data_hash

    records = written_gold()
    assert data_hash(records) == data_hash(list(reversed(records)))
    assert data_hash(records) != data_hash(records[1:])


def test_a_model_is_written_and_read_back_as_json(tmp_path: Path) -> None:
    model = DecisionModel(Logistic({"a": 0.5}, -1.0), 0.4, card={"version": "x"})
    path = tmp_path / "m.json"
    path.write_text(json.dumps(model.to_json()), encoding="utf-8")
    assert load_model(path) == model


def test_compiled_trees_score_as_the_trees_walked_node_by_node() -> None:
    trees = load_model().pair
    assert isinstance(trees, BoostedTrees)
    rows = [{}, {trees.names[0]: 1.0}, {name: 1.0 for name in trees.names[:40]},
            {name: 0.3 for name in trees.names[::7]}]

    def walked(features: dict[str, float]) -> float:
        total = 0.0
        for feature, threshold, left, right, leaves in trees.trees:
            node = 0
            while node >= 0:
                value = features.get(trees.names[feature[node]], 0.0)
                node = left[node] if value <= threshold[node] else right[node]
            total += leaves[~node]
        return total

    for row in rows:
        assert trees.score(row) == pytest.approx(walked(row), abs=1e-12)


def test_an_infinite_threshold_is_read_as_infinity() -> None:
    trees = BoostedTrees(("x",), (((0,), (float("inf"),), (-1,), (-2,), (1.0, -1.0)),))
    assert trees.score({"x": 1e300}) == 1.0


def test_the_national_legislatures_are_no_candidates_of_each_other() -> None:
    found = keys("Pimpinan MPR RI, DPR RI dan DPD RI menerima kunjungan DPRD Kota Bogor di "
                 "Gedung Nusantara, Jakarta.")
    assert ("DPRD Kota Bogor", "DPR RI") in found
    assert not {pair for pair in found
                if set(pair) <= {"DPR RI", "DPD RI", "MPR RI"}}


TRAIN = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "train.jsonl"


@pytest.mark.skipif(not TRAIN.exists(), reason="needs ../shared/eval/train.jsonl")
def test_renaming_a_feature_trains_the_same_trees() -> None:
    """Trees that sampled feature columns by index became another draw whenever the feature
    list changed; every tree sees every feature, so a renamed one changes nothing (the
    others keep their order, which breaks ties between equal splits). Real articles: the
    written gold above is too plain for two draws to differ."""
    pytest.importorskip("lightgbm")
    from nlp.training import _fit_trees, prepare

    with TRAIN.open(encoding="utf-8") as lines:
        records = [json.loads(line) for _, line in zip(range(120), lines, strict=False)]
    examples = prepare(((Article(r["text"], title=r.get("title"), id=r["id"]),
                         r.get("events") or []) for r in records), RULES)
    rows = [e.features for e in examples]
    # renamed to sort first, the feature moves every other one a column further
    renamed = [[{("aaa:" + k if k == "pair:visitor_first" else k): v for k, v in f.items()}
                for f in features] for features in rows]
    plain, moved = _fit_trees(examples, rows, 3, 0), _fit_trees(examples, renamed, 3, 0)
    assert [plain.probability(f) for fs in rows for f in fs] == pytest.approx(
        [moved.probability(f) for fs in renamed for f in fs], abs=1e-9)


def test_the_sort_of_organisation_on_each_side_is_a_feature() -> None:
    analysis = analyse(Article(
        "Aliansi Mahasiswa Peduli Lingkungan mendatangi DPRD Kabupaten Sleman. Sebelumnya Komisi D "
        "DPRD Kabupaten Sleman meninjau RSUD Sleman dan Bandara Adisutjipto."), RULES)
    features = {c.key: f for c, f in candidate_features(analysis)}
    sleman = "DPRD Kabupaten Sleman"
    assert features[("Aliansi Mahasiswa Peduli Lingkungan", sleman)]["v:head=aliansi"] == 1
    assert features[(sleman, "RSUD Sleman")]["h:head=rsud"] == 1
    assert "h:head=bandara" in features[(sleman, "Bandara Adisutjipto")]
    # a legislature has no organisation head
    assert [name for name in features[("Aliansi Mahasiswa Peduli Lingkungan", sleman)]
            if ":head=" in name] == ["v:head=aliansi"]


def test_of_a_pair_chosen_both_ways_only_the_likelier_direction_stays() -> None:
    analysis = analyse(Article(
        "Komisi A DPRD Kota Depok melakukan kunjungan kerja ke DPRD Kota Bogor. Pimpinan "
        "DPRD Kota Bogor menerima rombongan DPRD Kota Depok."), RULES)
    depok, bogor = "DPRD Kota Depok", "DPRD Kota Bogor"
    candidates = find_candidates(analysis)

    def chosen(given: dict[tuple[str, str], float]) -> list[tuple[str, str]]:
        scored = [(c, given.get(c.key, 0.0)) for c in candidates]
        return [c.key for c, _ in with_listed_partners(analysis, scored, 0.5)]

    assert chosen({(depok, bogor): 0.9, (bogor, depok): 0.6}) == [(depok, bogor)]
    assert chosen({(depok, bogor): 0.6, (bogor, depok): 0.9}) == [(bogor, depok)]
    assert len(chosen({(depok, bogor): 0.7, (bogor, depok): 0.7})) == 1


def test_a_bare_office_of_the_one_government_visited_is_a_unit_of_that_government() -> None:
    def hosts(text: str, visited: tuple[str, ...]) -> set[tuple[str | None, str | None]]:
        analysis = analyse(Article(text), RULES)
        scored = [(c, 0.9 if c.visitor.side.institution == "DPRD Kota Madiun"
                   and c.host.side.institution in visited else 0.0)
                  for c in find_candidates(analysis)]
        return {(d.host.institution, d.host.unit)
                for d in chosen_drafts(analysis, scored, DecisionModel(Logistic({}, 0.0), 0.5))}

    offices = ("Dinas Perhubungan", "Dinas Sosial")
    one = ("Komisi II DPRD Kota Madiun melakukan studi banding ke Pemerintah Kabupaten "
           "Jembrana, Senin (3/3/2025). Rombongan juga mengunjungi Dinas Perhubungan dan Dinas "
           "Sosial untuk belajar soal pelayanan.")
    assert hosts(one, ("Pemerintah Kabupaten Jembrana", *offices)) == {
        ("Pemerintah Kabupaten Jembrana", "Dinas Perhubungan"),
        ("Pemerintah Kabupaten Jembrana", "Dinas Sosial")}
    # with no government, or two, nothing says whose office it is
    assert hosts(one, offices) == {(office, None) for office in offices}
    two = one.replace("Jembrana, Senin", "Jembrana dan Pemerintah Kabupaten Tabanan, Senin")
    assert ("Dinas Perhubungan", None) in hosts(
        two, ("Pemerintah Kabupaten Jembrana", "Pemerintah Kabupaten Tabanan", *offices))
