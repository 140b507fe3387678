"""The date of a visit: dates in text and which of them is the visit's (articles written for
these tests; rules only, the bundled decision model)."""

from __future__ import annotations

from datetime import date

import pytest

from nlp.dates import find_dates, publication_month
from nlp.extract import extract_events, rule_events
from nlp.linguistic import RuleAnnotator
from nlp.records import Article, Event

RULES = RuleAnnotator()


def extract(text: str, published: date | None = None, url: str | None = None) -> list[Event]:
    return extract_events(Article(text=text, published=published, url=url), RULES)


def rules(text: str) -> list[Event]:
    return rule_events(Article(text=text), RULES)


def dates_by_region(events: list[Event]) -> dict[str | None, date | None]:
    return {e.host.region: e.date for e in events}


def dates_by_host(events: list[Event]) -> dict[str | None, date | None]:
    return {e.host.institution: e.date for e in events}


# -- the lead's date ------------------------------------------------------------------------

def test_the_leads_date_dates_the_visit_its_next_sentences_report() -> None:
    events = rules(
        "Rombongan wakil rakyat dari Pontianak tiba di kantor dewan, Rabu (12/3/2025). "
        "Komisi B DPRD Provinsi Kalimantan Barat melakukan kunjungan kerja ke DPRD Provinsi "
        "Jawa Tengah untuk mempelajari pengelolaan pasar daerah.")
    assert dates_by_host(events) == {"DPRD Provinsi Jawa Tengah": date(2025, 3, 12)}


def test_the_day_a_statement_was_made_does_not_date_the_visit() -> None:
    events = extract(
        "Komisi B DPRD Provinsi Kalimantan Barat melakukan kunjungan kerja ke DPRD Provinsi "
        "Jawa Tengah untuk mempelajari pengelolaan pasar daerah. \"Kami banyak belajar dari "
        "sana,\" kata ketua rombongan, Budi Santoso, Rabu (12/3/2025).")
    assert dates_by_host(events) == {"DPRD Provinsi Jawa Tengah": None}


def test_delegations_received_together_share_the_day_written_for_one_of_them() -> None:
    events = rules(
        "DPRD Kabupaten Blitar dan DPRD Kabupaten Pacitan melakukan studi banding ke DPRD "
        "Kabupaten Tuban. Rombongan DPRD Kabupaten Blitar diterima Ketua DPRD Kabupaten "
        "Tuban, Kamis (5/3/2026), untuk membahas pokok pikiran dewan.")
    by_visitor = {e.visitor.institution: e.date for e in events}
    assert by_visitor == {"DPRD Kabupaten Blitar": date(2026, 3, 5),
                          "DPRD Kabupaten Pacitan": date(2026, 3, 5)}


def test_a_trip_to_two_hosts_takes_no_day_from_the_lead() -> None:
    events = extract(
        "Rombongan wakil rakyat dari Pontianak berangkat, Rabu (12/3/2025). Komisi B DPRD "
        "Provinsi Kalimantan Barat melakukan kunjungan kerja ke DPRD Provinsi Jawa Tengah "
        "dan DPRD Provinsi Jawa Timur untuk mempelajari pengelolaan pasar daerah.")
    assert dates_by_host(events) == {"DPRD Provinsi Jawa Tengah": None,
                                     "DPRD Provinsi Jawa Timur": None}


def test_one_day_for_a_trip_to_hosts_in_two_provinces_dates_neither_stop() -> None:
    text = ("Komisi B DPRD Provinsi Kalimantan Barat melakukan kunjungan kerja ke DPRD "
            "Provinsi Jawa Tengah{}, Rabu (12/3/2025), untuk mempelajari pengelolaan pasar.")
    both = rule_events(Article(text.format(" dan DPRD Provinsi Jawa Timur")), RULES)
    assert dates_by_host(both) == {"DPRD Provinsi Jawa Tengah": None,
                                   "DPRD Provinsi Jawa Timur": None}
    one = rule_events(Article(text.format("")), RULES)
    assert dates_by_host(one) == {"DPRD Provinsi Jawa Tengah": date(2025, 3, 12)}


FILLER = ("Pertemuan berlangsung di ruang rapat utama. Kedua pihak bertukar cendera mata. "
          "Diskusi berjalan hangat dan terbuka. Para anggota mencatat banyak hal penting. "
          "Mereka juga meninjau ruang arsip. ")
ONE_VISIT = ("Komisi II DPRD Kabupaten Wajo berkunjung ke DPRD Kota Tanjungpinang untuk "
             "mempelajari penataan kawasan pelabuhan. ")


def test_a_visit_word_naming_no_body_dates_the_articles_one_visit() -> None:
    events = extract(ONE_VISIT + FILLER + "Kunjungan pada Kamis (14/3) siang itu juga membahas "
                     "pengelolaan dermaga.", published=date(2024, 3, 15))
    assert dates_by_host(events) == {"DPRD Kota Tanjungpinang": date(2024, 3, 14)}


def test_a_visit_word_naming_no_body_dates_each_commissions_single_destination() -> None:
    events = rules(
        "Anggota DPRD Kabupaten Pati melakukan kunjungan kerja ke luar Jawa. Komisi A ke "
        "Kota Palu, sedangkan Komisi D ke Kota Kupang. " + FILLER +
        "Kunker tersebut digelar mulai Senin (5/5/2014) hingga Kamis (8/5/2014).")
    assert dates_by_region(events) == {"Kota Palu": date(2014, 5, 5),
                                       "Kota Kupang": date(2014, 5, 5)}


# -- the year of a day and month ------------------------------------------------------------

def test_a_url_with_year_and_month_gives_a_day_and_month_their_year() -> None:
    events = extract(
        "Komisi II DPRD Kabupaten Sleman melakukan kunjungan kerja ke DPRD Kota Malang, Senin "
        "(7/10), membahas pengelolaan sampah.",
        url="https://berita.example.id/2019/10/komisi-ii-dprd-sleman-ke-malang/")
    assert dates_by_host(events) == {"DPRD Kota Malang": date(2019, 10, 7)}


def test_a_url_month_is_no_publication_day_for_a_bare_weekday() -> None:
    events = extract(
        "Komisi II DPRD Kabupaten Sleman melakukan kunjungan kerja ke DPRD Kota Malang, Senin, "
        "membahas pengelolaan sampah.",
        url="https://berita.example.id/2019/10/komisi-ii-dprd-sleman-ke-malang/")
    assert dates_by_host(events) == {"DPRD Kota Malang": None}


@pytest.mark.parametrize(("url", "month_end"), [
    ("https://x.example.id/2019/10/judul-berita/", date(2019, 10, 31)),
    ("https://x.example.id/2024/2/judul/", date(2024, 2, 29)),
    ("https://x.example.id/berita/2019/13/judul/", None),
    ("https://x.example.id/?p=2019", None),
    (None, None),
])
def test_publication_month_is_the_last_day_of_the_urls_month(url: str | None,
                                                             month_end: date | None) -> None:
    assert publication_month(url) == month_end


def test_a_december_day_in_a_january_article_is_last_years() -> None:
    found = find_dates("Rombongan tiba Selasa (30/12).", 0, None, month=date(2020, 1, 31))
    assert [d.value for d in found] == [date(2019, 12, 30)]


# -- how dates are written ------------------------------------------------------------------

@pytest.mark.parametrize(("written", "day"), [
    ("Rabu (14/5/2025)", date(2025, 5, 14)),
    ("Rabu [14/5/2025]", date(2025, 5, 14)),
    ("Rabu, 14/05/2025", date(2025, 5, 14)),
    ("rabu 14/5.2025", date(2025, 5, 14)),
    ("Rabu,14/5/25", date(2025, 5, 14)),
    ("Rabu, 14 / 05/ 2025", date(2025, 5, 14)),
    ("Rabu (14/5)", date(2025, 5, 14)),
    ("Rabu pagi (14/5)", date(2025, 5, 14)),
])
def test_a_day_and_month_written_after_the_weekday_is_read_in_every_common_form(
        written: str, day: date) -> None:
    found = find_dates(f"Komisi A tiba di lokasi {written} bersama staf.", 0,
                       date(2025, 5, 20))
    assert [d.value for d in found] == [day]


def test_a_weekday_with_a_day_and_month_finds_its_year_among_the_articles_years() -> None:
    found = find_dates("Rombongan tiba Selasa pagi (16/7).", 0, None,
                       years=frozenset({2019}))
    assert [d.value for d in found] == [date(2019, 7, 16)]


@pytest.mark.parametrize("text", [
    "Diperbarui Kamis, 21/03/2019 - 09:45 WIB",
    "Skor akhir pertandingan (1/25) tidak berubah.",
])
def test_a_page_time_stamp_or_a_number_in_brackets_is_no_date(text: str) -> None:
    assert [d for d in find_dates(text, 0, date(2019, 3, 21)) if d.strength == 2] == []
