"""What a visit was about: the topic category from the lexicon (phrases written for these
tests)."""

from __future__ import annotations

import pytest

from nlp.topics import categorise


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
