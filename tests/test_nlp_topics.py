"""What a visit was about: the topic category from the lexicon (phrases written for these
tests)."""

from __future__ import annotations

import pytest

from nlp.extract import extract_events
from nlp.linguistic import RuleAnnotator
from nlp.records import Article, Event
from nlp.topics import categorise

RULES = RuleAnnotator()


def only(events: list[Event]) -> Event:
    assert len(events) == 1, [e.to_dict() for e in events]
    return events[0]


@pytest.mark.parametrize(("phrase", "category"), [
    ("pengelolaan kearsipan dan pelayanan administrasi kependudukan", "pemerintahan"),
    ("penyelesaian tapal batas antar kecamatan", "pemerintahan"),
    ("peningkatan produksi jagung dan bantuan alat mesin pertanian", "pertanian_pangan"),
    ("pengembangan desa wisata dan ekowisata", "pariwisata_budaya"),
    ("pembangunan jaringan pipa air minum", "infrastruktur"),
    ("penanggulangan HIV dan demam berdarah", "kesehatan"),
    ("pembinaan atlet dan kegiatan kepramukaan", "pendidikan"),
    ("pendataan pengungsi dan penyaluran bantuan sosial", "sosial_ketenagakerjaan"),
    ("penertiban peredaran minuman keras", "hukum_keamanan"),
    ("pengelolaan bank sampah dan mitigasi longsor", "lingkungan_energi"),
    ("penyaluran kredit bagi pelaku usaha kecil", "ekonomi"),
    ("pelaksanaan hak interpelasi", "kelembagaan_dprd"),
])
def test_general_policy_words_give_the_category(phrase: str, category: str) -> None:
    assert categorise(phrase, []) == category


def test_a_longer_keyword_is_one_hit_not_several() -> None:
    # "desa wisata" is tourism, though "desa" alone is government
    assert categorise("potensi desa wisata", []) == "pariwisata_budaya"


@pytest.mark.parametrize(("phrase", "category"), [
    ("penyusunan raperda tentang pemerintahan desa", "legislasi"),
    ("pembahasan raperda APBD perubahan", "anggaran_keuangan"),
    ("mekanisme pembahasan LKPJ penggunaan APBD", "pemerintahan"),
    ("tugas dan fungsi badan legislasi dalam pembentukan perda", "kelembagaan_dprd"),
])
def test_a_strong_subject_outweighs_what_it_concerns(phrase: str, category: str) -> None:
    assert categorise(phrase, []) == category


def test_a_visit_without_category_words_is_lainnya() -> None:
    assert categorise("mempererat hubungan kedua daerah", ["Rombongan tiba pagi hari."]) \
        == "lainnya"


def test_one_passing_word_of_a_subject_is_too_little_to_name_it() -> None:
    passing = ["Rombongan diterima di ruang rapat lalu berdiskusi, termasuk soal jalan desa."]
    assert categorise(None, passing) == "lainnya"
    told = ["Rombongan berdiskusi tentang perbaikan jalan, jembatan dan drainase kota."]
    assert categorise(None, told) == "infrastruktur"


def test_the_hosts_name_hints_at_the_subject() -> None:
    sentences = ["Rombongan Komisi II diterima kepala dinas dan jajarannya."]
    assert categorise(None, sentences) == "lainnya"
    assert categorise(None, sentences, hints=["Dinas Pariwisata"]) == "pariwisata_budaya"


def test_a_visit_to_a_hospital_is_about_health() -> None:
    event = only(extract_events(Article(text=(
        "Komisi IV DPRD Kabupaten Sleman melakukan kunjungan kerja ke RSUD Prambanan. "
        "Rombongan diterima direktur dan berdialog dengan jajaran manajemen.")), RULES))
    assert event.host.institution and event.topic_category == "kesehatan"


def test_a_visit_whose_sentences_state_no_topic_takes_the_articles() -> None:
    event = only(extract_events(Article(text=(
        "Komisi C DPRD Kota Bogor melakukan kunjungan kerja ke DPRD Kota Malang, Rabu "
        "(4/6/2025). Rombongan diterima Wakil Ketua DPRD Kota Malang. Dalam pertemuan itu "
        "kedua pihak berbagi pengalaman pengelolaan sampah dan bank sampah.")), RULES))
    assert event.topic == "pengalaman pengelolaan sampah dan bank sampah"
    assert event.topic_category == "lingkungan_energi"
