"""Whose trip a visit word tells: a visit word whose own traveller is a president, a
minister or a governor reports no visit of a legislature quoted elsewhere in the article,
and a national legislature has no region of its own wherever it meets. Articles are written
for these tests."""

from __future__ import annotations

from nlp.candidates import find_entities
from nlp.extract import analyse, extract_events, rule_events
from nlp.linguistic import RuleAnnotator
from nlp.records import Article

RULES = RuleAnnotator()

PRESIDENT_TRIP = (
    "Presiden Joko Widodo melakukan kunjungan kerja ke Kabupaten Sigi, Selasa (4/3/2025). "
    "Kunjungan kerja Presiden ke Sigi itu untuk meresmikan jembatan gantung.\n"
    "Sementara itu, DPR RI tengah membahas RUU tentang jalan daerah. Anggota DPR RI dari "
    "Sulawesi Tengah menilai jembatan itu penting bagi warga.")


def visitors(text: str, title: str | None = None) -> set[str | None]:
    return {e.visitor.institution for e in rule_events(Article(text, title=title), RULES)}


def pairs(text: str) -> list[tuple[str | None, str | None]]:
    """The (visitor, host) of each visit the word-order rules read in ``text``."""
    return [(e.visitor.institution, e.host.institution)
            for e in rule_events(Article(text), RULES)]


def test_a_presidents_trip_is_not_given_to_a_legislature_quoted_elsewhere() -> None:
    assert "DPR RI" not in visitors(PRESIDENT_TRIP)
    assert extract_events(Article(PRESIDENT_TRIP), RULES) == []


def test_a_visit_noun_followed_by_a_regional_head_is_that_heads_trip() -> None:
    text = ("Kunjungan kerja Gubernur ke Kabupaten Donggala berlangsung Senin (3/3/2025). "
            "Di tempat lain, Ketua DPRD Provinsi Sulawesi Tengah memimpin rapat paripurna.")
    assert "DPRD Provinsi Sulawesi Tengah" not in visitors(text)


def test_a_governor_receiving_a_visit_still_hosts_the_visiting_legislature() -> None:
    text = ("Gubernur Sulawesi Tengah menerima kunjungan kerja Komisi II DPRD Provinsi "
            "Gorontalo di ruang kerjanya, Rabu (5/3/2025).")
    assert pairs(text) == [("DPRD Provinsi Gorontalo", "Pemerintah Provinsi Sulawesi Tengah")]


def test_a_national_legislature_takes_no_region_from_where_it_meets() -> None:
    text = ("Ketua DPRD Kota Kupang menghadiri kunjungan kerja Komisi VI DPR RI di "
            "Kupang, Selasa (4/3/2025). Anggota DPD RI dari Provinsi Bali juga hadir.")
    entities = find_entities(analyse(Article(text), RULES))
    national = [e for e in entities.values() if e.side.institution in ("DPR RI", "DPD RI")]
    assert {e.side.institution for e in national} == {"DPR RI", "DPD RI"}
    assert all(e.side.region is None for e in national)


def test_a_company_s_study_trip_is_not_given_to_a_legislature_quoted_elsewhere() -> None:
    text = ("Manajemen PT Udang Makmur melakukan studi banding ke Thailand untuk mempelajari "
            "budi daya udang, Senin (3/3/2025). Langkah perusahaan itu dipuji anggota Komisi "
            "IV DPR RI, Bambang Sukoco.")
    assert visitors(text, title="Perusahaan Tambak Studi Banding ke Thailand") == set()


def test_a_citizens_group_received_by_its_own_regions_council_visits_it() -> None:
    text = ("Aliansi Nelayan Pesisir Garut mendatangi DPRD Kabupaten Garut, Rabu (5/3/2025). "
            "Mereka diterima Ketua Komisi II untuk beraudiensi soal solar bersubsidi.")
    assert pairs(text) == [("Aliansi Nelayan Pesisir Garut", "DPRD Kabupaten Garut")]


def test_an_agency_of_the_councils_own_region_does_business_there_not_a_visit() -> None:
    text = ("BPBD Kabupaten Garut mendatangi DPRD Kabupaten Garut, Rabu (5/3/2025), untuk "
            "membahas anggaran tanggap darurat.")
    assert rule_events(Article(text), RULES) == []


def test_delegations_listed_after_a_reception_are_each_a_visitor() -> None:
    text = ("DPRD Kota Madiun menerima dua rombongan kunjungan kerja sekaligus, Kamis "
            "(6/3/2025). Mereka adalah Komisi B DPRD Kabupaten Ngawi dan Komisi D DPRD "
            "Kabupaten Magetan.")
    assert set(pairs(text)) == {("DPRD Kabupaten Ngawi", "DPRD Kota Madiun"),
                                ("DPRD Kabupaten Magetan", "DPRD Kota Madiun")}
    # a visit whose visitor is named keeps it: the list beside it names its members' bodies
    named = ("Komisi A DPRD Kabupaten Ponorogo berkunjung ke DPRD Kota Madiun, Kamis "
             "(6/3/2025). Mereka adalah Ketua DPRD Kabupaten Ngawi dan Ketua DPRD "
             "Kabupaten Magetan.")
    assert visitors(named) == {"DPRD Kabupaten Ponorogo"}


def test_an_oversight_visit_told_as_pengawasan_is_a_visit() -> None:
    text = ("Komisi II DPRD Kabupaten Sikka melakukan pengawasan ke RSUD Sehat Sentosa, Senin "
            "(6/1/2025). Anggota dewan menemukan antrean pasien yang panjang.")
    assert ("DPRD Kabupaten Sikka", "RSUD Sehat Sentosa") in pairs(text)
