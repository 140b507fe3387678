"""People of a visit: names as the article writes them, without titles, degrees or the
tail of a role, and the side each person is on. Sentences and names are written for these
tests."""

from __future__ import annotations

import pytest

from nlp.extract import extract_events
from nlp.linguistic import RuleAnnotator
from nlp.person_names import clean_name
from nlp.records import Article, Event
from nlp.tokens import tokenize

RULES = RuleAnnotator()


def cleaned(written: str) -> str | None:
    return clean_name(tokenize(written))


def only(text: str) -> Event:
    events = extract_events(Article(text=text), RULES)
    assert len(events) == 1, [e.to_dict() for e in events]
    return events[0]


def people_of(text: str) -> set[tuple[str, str]]:
    return {(p.name, p.side) for p in only(text).people}


@pytest.mark.parametrize(("written", "name"), [
    ("Dr. H. Bambang Sutejo", "Bambang Sutejo"),
    ("Rina K.S", "Rina K.S"),  # initials keep the dots the article wrote
    ("Hendra Wijaya SPd MPd", "Hendra Wijaya"),  # degrees without commas
    ("Hendra Wijaya S.Sos.M", "Hendra Wijaya"),  # degrees glued together
    ("Yosef Tandi S. H. Lumban", "Yosef Tandi S. H. Lumban"),  # initials, not a degree
    ("Protokol Dewi Lestari", "Dewi Lestari"),  # the end of "Kabag Humas dan Protokol"
    ("Pemerintahan Agus Salim", "Agus Salim"),  # "Asisten Pemerintahan"
    ("III Yoga Pratama", "Yoga Pratama"),  # "Wakil Ketua III"
    ("I Made Sudarsana", "I Made Sudarsana"),  # a Balinese name keeps its "I"
    ("BPKD Sari Utami", "Sari Utami"),  # an office's acronym
    ("BPJN I Yoga Pratama", "Yoga Pratama"),  # an office's acronym and its number
    ("Sulut Hendra Kalalo", "Hendra Kalalo"),  # a region's short form
    ("Hi Rusli Tamher", "Rusli Tamher"),
    ("Nur Aisyah binti", "Nur Aisyah"),
])
def test_a_name_loses_what_is_not_part_of_it(written: str, name: str) -> None:
    assert cleaned(written) == name


@pytest.mark.parametrize("written", [
    "S.Sos", "S. Ag", "M.Si",  # degrees listed after a comma
    "Kerja Spesifik", "Pembangunan", "Kebangkitan Bangsa",  # office and party words
    "Aceh II",  # an electoral district
    "Tenggarong",  # a kecamatan
    "Gerindra", "NasDem",  # parties
    "Labuan Batu", "Kutai Kertanegara",  # regions written another way than the gazetteer
    "Bp. Pd",  # an honorific and a degree's tail: no letters of a name left
])
def test_words_that_are_not_a_person_give_no_name(written: str) -> None:
    assert cleaned(written) is None


def test_a_middle_initial_h_stays_in_the_name() -> None:
    people = people_of(
        "Komisi II DPRD Kabupaten Sambas melakukan kunjungan kerja ke DPRD Kota Pontianak. "
        "Rombongan dipimpin Ketua Komisi II DPRD Sambas, Ronal Jaya H. Pardede.")
    assert ("Ronal Jaya H. Pardede", "visitor") in people


def test_members_listed_after_a_bare_role_join_the_delegation() -> None:
    people = people_of(
        "Komisi I DPRD Kabupaten Sambas melakukan kunjungan kerja ke DPRD Kota Pontianak. "
        "Rombongan terdiri dari Ketua Komisi I DPRD Sambas Andi Saputra, anggota Budi "
        "Hartono, Candra Wijaya dan Dedi Kurnia.")
    assert {("Andi Saputra", "visitor"), ("Budi Hartono", "visitor"),
            ("Candra Wijaya", "visitor"), ("Dedi Kurnia", "visitor")} <= people


def test_a_role_written_after_a_quoted_name_gives_the_side() -> None:
    people = people_of(
        "Komisi A DPRD Kabupaten Blora melakukan kunjungan kerja ke DPRD Kota Semarang. "
        "Pertemuan membahas pengelolaan pasar rakyat. \"Kami belajar banyak,\" kata "
        "Basran, Ketua Komisi A DPRD Kabupaten Blora.")
    assert ("Basran", "visitor") in people


def test_a_secretariat_official_travels_with_the_only_commission_on_the_trip() -> None:
    people = people_of(
        "Komisi B DPRD Kota Madiun melakukan kunjungan kerja ke DPRD Kota Malang. Kabag Umum "
        "Sekretariat DPRD Kota Madiun, Rudi Hartanto, turut mendampingi rombongan.")
    assert ("Rudi Hartanto", "visitor") in people


def test_a_place_after_a_role_is_not_a_person() -> None:
    event = only(
        "Komisi III DPRD Kabupaten Sambas melakukan kunjungan kerja ke Pemerintah Provinsi "
        "Kalimantan Barat. Rombongan diterima Gubernur Kalimantan Barat di Pendopo Agung.")
    assert all("Pendopo" not in p.name for p in event.people)


def test_a_first_name_alone_takes_the_full_name_the_article_writes_once() -> None:
    people = people_of(
        "Komisi IV DPRD Kabupaten Sambas yang dipimpin Yohanes melakukan kunjungan kerja ke "
        "DPRD Kota Pontianak. Foto: Yohanes Tandirerung saat memberikan sambutan.")
    assert ("Yohanes Tandirerung", "visitor") in people


def test_a_capitalised_word_the_article_also_writes_in_lower_case_is_not_a_name() -> None:
    people = people_of(
        "Komisi IV DPR RI melakukan kunjungan kerja ke Pemerintah Kabupaten Siak yang dipimpin "
        "Hendra Kalalo. Rombongan ingin melihat dari dekat kawasan Agropolitan yang dibangun "
        "Pemkab Siak. Menurut Hendra, kawasan agropolitan itu dibuka tahun lalu.")
    assert {name for name, _ in people} == {"Hendra Kalalo"}


def test_an_agency_head_of_the_host_region_named_beside_the_visit_is_a_host() -> None:
    people = people_of(
        "Komisi II DPRD Kabupaten Sambas melakukan kunjungan kerja ke Pemerintah Kabupaten "
        "Bantul, Rabu. Pertemuan itu dihadiri Kepala Bappeda Bantul Dewi Kartika.")
    assert ("Dewi Kartika", "host") in people


def test_the_council_secretary_written_without_dprd_travels_with_its_council() -> None:
    people = people_of(
        "Komisi I DPRD Provinsi Jambi melakukan kunjungan kerja ke Kementerian Dalam Negeri "
        "di Jakarta, Selasa. Pertemuan membahas penataan desa. Rapat berlangsung dua jam. "
        "Gedung dewan sepi sepekan. Sekretaris Dewan (Sekwan) Provinsi Jambi, Rahmat Hidayat, "
        "membenarkan bahwa para anggota sedang bertugas di luar daerah.")
    assert ("Rahmat Hidayat", "visitor") in people


def test_the_leader_of_the_delegation_is_a_visitor() -> None:
    people = people_of(
        "DPRD Kabupaten Sambas melakukan kunjungan kerja ke DPRD Kota Pontianak, Rabu. "
        "Menurut Ketua Rombongan, Hendra Wijaya, kunjungan itu membahas tata tertib.")
    assert ("Hendra Wijaya", "visitor") in people


def test_the_head_of_a_section_of_the_host_council_is_a_host() -> None:
    people = people_of(
        "Komisi II DPRD Kabupaten Sambas melakukan kunjungan kerja ke DPRD Kota Pontianak, "
        "Rabu. Rombongan diterima Sekretaris DPRD Kota Pontianak, Ahmad Fauzi, didampingi "
        "Kepala Bagian Persidangan, Dewi Kartika.")
    assert ("Dewi Kartika", "host") in people


def test_an_office_short_form_in_brackets_belongs_to_the_role_before_the_name() -> None:
    people = people_of(
        "Komisi II DPRD Kabupaten Sambas melakukan kunjungan kerja ke DPRD Kota Pontianak, "
        "Rabu. Kunjungan itu diterima Staf Humas dan Protokol (Humpro) DPRD Kota Pontianak, "
        "Rina Amelia, di ruang rapat.")
    assert ("Rina Amelia", "host") in people
    assert not any("Humpro" in name for name, _ in people)


def test_a_partys_provincial_board_is_not_a_person() -> None:
    assert clean_name(tokenize("DPD PDI Perjuangan")) is None


def test_a_title_written_in_lower_case_between_role_and_name_is_skipped() -> None:
    people = people_of(
        "Rombongan DPRD Kabupaten Sambas dipimpin Ketua DPRD Andi Saputra melakukan kunjungan "
        "kerja ke DPRD Kota Pontianak, didampingi Wakil Ketua dr. Rudi Hartono.")
    assert "Rudi Hartono" in {name for name, _ in people}
