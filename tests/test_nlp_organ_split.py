"""Several organs of one legislature on their own trips to one host: one event each."""

from __future__ import annotations

from nlp.candidates import find_candidates
from nlp.decision import DecisionModel
from nlp.extract import analyse, extract_events
from nlp.linguistic import RuleAnnotator
from nlp.organ_split import split_by_organ, trip_organs
from nlp.records import Article
from nlp.scorers import Logistic

RULES = RuleAnnotator()


def organs(text: str, visitor: str, host: str) -> list[str]:
    analysis = analyse(Article(text), RULES)
    candidate = next(c for c in find_candidates(analysis) if c.key == (visitor, host))
    return trip_organs(analysis, candidate)


def test_commissions_listed_before_the_host_each_go_there() -> None:
    text = ("Komisi I dan Komisi IV DPRD Kabupaten Klaten melakukan kunjungan kerja ke "
            "Kabupaten Badung, Senin (3/6/2024).")
    assert organs(text, "DPRD Kabupaten Klaten", "region:51.03") == ["Komisi I", "Komisi IV"]


def test_an_abbreviated_list_of_numbers_names_every_commission() -> None:
    text = "Komisi I, III dan IV DPRD Kabupaten Klaten berkunjung ke Kota Denpasar."
    assert organs(text, "DPRD Kabupaten Klaten", "region:51.71") == [
        "Komisi I", "Komisi III", "Komisi IV"]
    written_in_digits = "Komisi 2 dan 4 DPRD Kabupaten Klaten berkunjung ke Kota Medan."
    assert organs(written_in_digits, "DPRD Kabupaten Klaten", "region:12.71") == [
        "Komisi II", "Komisi IV"]


def test_each_commission_goes_only_to_the_host_named_after_it() -> None:
    text = ("DPRD Kabupaten Kudus menggelar kunjungan kerja. Komisi A melakukan kunker ke "
            "Kota Bengkulu, Komisi B dan C kunker ke Kota Jambi.")
    assert organs(text, "DPRD Kabupaten Kudus", "region:17.71") == ["Komisi A"]
    assert organs(text, "DPRD Kabupaten Kudus", "region:15.71") == ["Komisi B", "Komisi C"]


def test_the_leadership_beside_a_commission_is_one_delegation() -> None:
    text = ("Pimpinan DPRD Kabupaten Klaten bersama Komisi II melakukan kunjungan kerja ke "
            "Kota Denpasar.")
    analysis = analyse(Article(text), RULES)
    candidate = next(c for c in find_candidates(analysis)
                     if c.key == ("DPRD Kabupaten Klaten", "region:51.71"))
    assert "Pimpinan" not in trip_organs(analysis, candidate)
    assert candidate.draft is not None
    assert len(split_by_organ(analysis, candidate, candidate.draft)) == 1


def test_two_commissions_on_one_trip_become_two_events_with_their_own_units() -> None:
    text = ("Komisi A dan Komisi B DPRD Kota Manado melakukan studi banding ke DPRD Kota "
            "Depok, Selasa (4/6/2024). Rombongan diterima Wakil Ketua DPRD Kota Depok.")
    events = extract_events(Article(text, published=None), RULES)
    visits = [e for e in events if e.visitor.institution == "DPRD Kota Manado"
              and e.host.institution == "DPRD Kota Depok"]
    assert sorted(e.visitor.unit for e in visits) == ["Komisi A", "Komisi B"]


def test_a_split_copy_is_its_own_draft() -> None:
    text = "Komisi I dan Komisi II DPRD Kota Bogor berkunjung ke DPRD Kota Batu."
    analysis = analyse(Article(text), RULES)
    candidate = next(c for c in find_candidates(analysis)
                     if c.key == ("DPRD Kota Bogor", "DPRD Kota Batu"))
    assert candidate.draft is not None
    first, second = split_by_organ(analysis, candidate, candidate.draft)
    first.frames.clear()
    assert second.frames and (first.visitor.unit, second.visitor.unit) == (
        "Komisi I", "Komisi II")
    assert isinstance(DecisionModel(Logistic({}, 0.0), 0.5).threshold, float)


def test_an_organ_listed_before_another_bodys_organ_is_an_organ_of_that_body() -> None:
    text = ("DPRD Kota Depok menerima kunjungan Komisi A dan Komisi B DPRD Kota Manado. "
            "Ketua DPRD Kota Depok menyambut rombongan di gedung DPRD Kota Depok.")
    analysis = analyse(Article(text), RULES)
    find_candidates(analysis)
    manado = analysis.cache["entities"]["DPRD Kota Manado"]
    assert set(manado.units) == {"Komisi A", "Komisi B"}
    assert "Komisi A" not in analysis.cache["entities"]["DPRD Kota Depok"].units


def test_a_bare_organ_before_another_body_without_an_organ_stays_with_the_article() -> None:
    text = ("Komisi A dan DPRD Kota Manado menggelar rapat. Komisi A DPRD Kota Depok "
            "berkunjung ke DPRD Kota Manado.")
    analysis = analyse(Article(text), RULES)
    find_candidates(analysis)
    assert "Komisi A" not in analysis.cache["entities"]["DPRD Kota Manado"].units


def test_a_place_around_the_host_does_not_part_it_from_the_commissions() -> None:
    text = ("Komisi I dan Komisi IV DPRD Kabupaten Klaten dijadwalkan mengunjungi beberapa "
            "daerah di Provinsi Bali seperti Kota Denpasar dan Kabupaten Gianyar.")
    assert organs(text, "DPRD Kabupaten Klaten", "region:51.04") == ["Komisi I", "Komisi IV"]
