"""Sentences, noise, dates and verb families."""

from datetime import date

from nlp.dates import find_dates
from nlp.morphology import analyse
from nlp.segment import split_sentences
from nlp.triggers import trigger_lexicon

ROOTS = trigger_lexicon().root_set


def test_noise_lines_never_become_sentences() -> None:
    text = ("Komisi A DPRD Kota Bogor menggelar rapat.\n"
            "Baca Juga: DPRD Garut Kunker ke Bali\n"
            "Editor: Rina\n"
            "Foto: Dok. Humas\n"
            "SCROLL TO CONTINUE WITH CONTENT\n"
            "Rapat membahas anggaran.\n"
            "Berita Terkait\n"
            "DPRD Depok Studi Banding ke Semarang\n")
    sentences = [s.text for s in split_sentences(text)]
    assert sentences == ["Komisi A DPRD Kota Bogor menggelar rapat.", "Rapat membahas anggaran."]


def test_sentence_offsets_point_into_the_text() -> None:
    text = "Dr. Nurhayati Lamba hadir di Kab. Bandung. Ia bertemu Ketua DPRD.Kunjungan selesai."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Dr. Nurhayati Lamba hadir di Kab. Bandung.", "Ia bertemu Ketua DPRD.",
        "Kunjungan selesai."]
    for s in sentences:
        assert text[s.start:s.end] == s.text


def test_numeric_date_without_year_takes_the_publication_year() -> None:
    [found] = find_dates("pada Jumat (16/4) lalu", 0, date(2021, 4, 17))
    assert found.value == date(2021, 4, 16)


def test_numeric_date_without_year_or_publication_is_unknown() -> None:
    [found] = find_dates("Senin (9/7)", 0, None)
    assert found.value is None


def test_dates_that_dateparser_misses_are_read() -> None:
    values = [d.value for d in find_dates("Sabtu (27/9/2025) malam", 0, None)]
    assert values == [date(2025, 9, 27)]
    written = [d.value for d in find_dates("pada Jumat, 18 Oktober 2024.", 0, None)]
    assert written == [date(2024, 10, 18)]


def test_kemarin_is_the_day_before_publication() -> None:
    values = [d.value for d in find_dates("kemarin", 0, date(2025, 3, 5))]
    assert values == [date(2025, 3, 4)]


def test_verb_families_are_recognised_in_all_their_forms() -> None:
    assert analyse("mengunjungi", ROOTS) == ("kunjung", "me_i")
    assert analyse("dikunjungi", ROOTS) == ("kunjung", "di_i")
    assert analyse("kunjungannya", ROOTS) == ("kunjung", "an")
    assert analyse("menerima", ROOTS) == ("terima", "me")
    assert analyse("disambut", ROOTS) == ("sambut", "di")
    assert analyse("berkonsultasi", ROOTS) == ("konsultasi", "ber")
    assert analyse("pendatang", ROOTS) == ("datang", "pe")  # not a visit form


def test_stanza_lemma_decides_the_root_when_given() -> None:
    assert analyse("menyambangi", ROOTS, lemma="sambang") == ("sambang", "me_i")


def test_without_publication_a_weekday_picks_the_one_fitting_year_named_in_text() -> None:
    years = frozenset({2017, 2018})
    [found] = find_dates("ke Jawa Tengah, Rabu (2/5).", 0, None, years)
    assert found.value == date(2018, 5, 2)  # 2 May 2018 was a Wednesday; 2017's a Tuesday


def test_written_range_is_marked_as_a_range() -> None:
    [found] = find_dates("pada 14 sampai 17 Maret 2023", 0, None)
    assert found.value == date(2023, 3, 14) and found.is_range


def test_a_sentence_broken_across_lines_is_read_whole() -> None:
    text = ("Semua anggota dewan akan berangkat ke Kendari dan Baubau untuk melakukan studi\n"
            "banding pekan depan.\nRapat ditutup pukul dua.")
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Semua anggota dewan akan berangkat ke Kendari dan Baubau untuk melakukan studi\n"
        "banding pekan depan.", "Rapat ditutup pukul dua."]
    assert all(text[s.start:s.end] == s.text for s in sentences)


def test_a_page_wrapped_at_a_fixed_width_keeps_names_broken_across_lines_whole() -> None:
    wrapped = ("Kendari\nKomisi X DPR melakukan kunjungan kerja ke sejumlah sekolah dan\n"
               "kampus di Sulawesi Tenggara, lalu bertemu rektor Universitas\n"
               "Halu Oleo bersama para dekan dan pimpinan yayasan perguruan\n"
               "tinggi swasta setempat untuk membahas bantuan beasiswa yang\n"
               "belum cair.\nRapat ditutup pukul dua.")
    sentences = [s.text.replace("\n", " ") for s in split_sentences(wrapped)]
    assert sentences[0] == "Kendari"  # a short line before the text is its own
    assert "rektor Universitas Halu Oleo bersama" in sentences[1]
    assert sentences[2] == "Rapat ditutup pukul dua."
    # one line break before a capital is a new line on a page that does not wrap
    plain = ("Komisi X DPR melakukan kunjungan kerja ke sejumlah sekolah di Kendari\n"
             "Universitas Halu Oleo menerima rombongan pada hari kedua.")
    assert len(split_sentences(plain)) == 2


def test_a_line_ending_in_a_preposition_goes_on_in_the_next_whatever_its_case() -> None:
    text = ("Dua tim lain dikirim ke\nProvinsi Gorontalo yang dipimpin wakil ketua.\n"
            "FOTO OLEH\nRedaksi Contoh.")
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Dua tim lain dikirim ke\nProvinsi Gorontalo yang dipimpin wakil ketua.",
        "FOTO OLEH", "Redaksi Contoh."]



def test_initials_after_a_title_do_not_end_the_sentence_but_an_acronym_does() -> None:
    texts = [s.text for s in split_sentences(
        "Komisi V meninjau RSUD Prof. WZ. Manuain Kupang. Ia lalu melapor ke KPK. "
        "Rombongan pulang.")]
    assert texts == ["Komisi V meninjau RSUD Prof. WZ. Manuain Kupang.",
                     "Ia lalu melapor ke KPK.", "Rombongan pulang."]
