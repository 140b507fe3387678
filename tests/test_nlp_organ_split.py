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
    text = ("Komisi I dan Komisi III DPRD Kabupaten Wonogiri melakukan kunjungan kerja ke "
            "Kabupaten Lombok Tengah, Senin (3/6/2024).")
    assert organs(text, "DPRD Kabupaten Wonogiri", "region:52.02") == ["Komisi I", "Komisi III"]


def test_an_abbreviated_list_of_numbers_names_every_commission() -> None:
    text = "Komisi I, II dan IV DPRD Kabupaten Wonogiri berkunjung ke Kota Mataram."
    assert organs(text, "DPRD Kabupaten Wonogiri", "region:52.71") == [
        "Komisi I", "Komisi II", "Komisi IV"]
    written_in_digits = "Komisi 2 dan 4 DPRD Kabupaten Wonogiri berkunjung ke Kota Medan."
    assert organs(written_in_digits, "DPRD Kabupaten Wonogiri", "region:12.71") == [
        "Komisi II", "Komisi IV"]


def test_each_commission_goes_only_to_the_host_named_after_it() -> None:
    text = ("DPRD Kabupaten Pati menggelar kunjungan kerja. Komisi A melakukan kunker ke "
            "Kota Palu, Komisi B dan D kunker ke Kota Mataram.")
    assert organs(text, "DPRD Kabupaten Pati", "region:72.71") == ["Komisi A"]
    assert organs(text, "DPRD Kabupaten Pati", "region:52.71") == ["Komisi B", "Komisi D"]


def test_the_leadership_beside_a_commission_is_one_delegation() -> None:
    text = ("Pimpinan DPRD Kabupaten Wonogiri bersama Komisi II melakukan kunjungan kerja ke "
            "Kota Mataram.")
    analysis = analyse(Article(text), RULES)
    candidate = next(c for c in find_candidates(analysis)
                     if c.key == ("DPRD Kabupaten Wonogiri", "region:52.71"))
    assert "Pimpinan" not in trip_organs(analysis, candidate)
    assert candidate.draft is not None
    assert len(split_by_organ(analysis, candidate, candidate.draft)) == 1


def test_two_commissions_on_one_trip_become_two_events_with_their_own_units() -> None:
    text = ("Komisi A dan Komisi B DPRD Kota Tomohon melakukan studi banding ke DPRD Kota "
            "Cimahi, Selasa (4/6/2024). Rombongan diterima Wakil Ketua DPRD Kota Cimahi.")
    events = extract_events(Article(text, published=None), RULES)
    visits = [e for e in events if e.visitor.institution == "DPRD Kota Tomohon"
              and e.host.institution == "DPRD Kota Cimahi"]
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
    text = ("DPRD Kota Cimahi menerima kunjungan Komisi A dan Komisi B DPRD Kota Tomohon. "
            "Ketua DPRD Kota Cimahi menyambut rombongan di gedung DPRD Kota Cimahi.")
    analysis = analyse(Article(text), RULES)
    find_candidates(analysis)
    manado = analysis.cache["entities"]["DPRD Kota Tomohon"]
    assert set(manado.units) == {"Komisi A", "Komisi B"}
    assert "Komisi A" not in analysis.cache["entities"]["DPRD Kota Cimahi"].units


def test_a_bare_organ_before_another_body_without_an_organ_stays_with_the_article() -> None:
    text = ("Komisi A dan DPRD Kota Tomohon menggelar rapat. Komisi A DPRD Kota Cimahi "
            "berkunjung ke DPRD Kota Tomohon.")
    analysis = analyse(Article(text), RULES)
    find_candidates(analysis)
    assert "Komisi A" not in analysis.cache["entities"]["DPRD Kota Tomohon"].units


def test_a_place_around_the_host_does_not_part_it_from_the_commissions() -> None:
    text = ("Komisi I dan Komisi III DPRD Kabupaten Wonogiri dijadwalkan mengunjungi beberapa "
            "daerah di Provinsi NTB seperti Kota Mataram dan Kabupaten Dompu.")
    assert organs(text, "DPRD Kabupaten Wonogiri", "region:52.05") == ["Komisi I", "Komisi III"]


def test_special_committees_named_before_the_host_each_go_there() -> None:
    def units(text: str) -> list[str | None]:
        analysis = analyse(Article(text), RULES)
        candidate = next(c for c in find_candidates(analysis)
                         if c.key == ("DPRD Kabupaten Wonogiri", "region:35.77"))
        assert candidate.draft is not None
        return [d.visitor.unit for d in split_by_organ(analysis, candidate, candidate.draft)]

    numbered = ("Pansus I dan Pansus III DPRD Kabupaten Wonogiri melakukan studi banding ke "
                "Kota Madiun, Senin (3/6/2024).")
    assert units(numbered) == ["Pansus I", "Pansus III"]
    assert units(numbered.replace("Pansus I dan Pansus III", "Pansus I, II dan III")) == [
        "Pansus I", "Pansus II", "Pansus III"]
    named = numbered.replace("Pansus I dan Pansus III", "Pansus Pajak Daerah dan Pansus "
                             "Cagar Budaya")
    assert units(named) == ["Pansus Pajak Daerah", "Pansus Cagar Budaya"]
    one = numbered.replace("Pansus I dan Pansus III", "Pansus I")
    assert units(one) == ["Pansus I"]
