"""The date of a visit: dates in text and which of them is the visit's (articles written for
these tests; rules only, the bundled decision model)."""

from __future__ import annotations

from datetime import date

from nlp.extract import extract_events
from nlp.linguistic import RuleAnnotator
from nlp.records import Article, Event

RULES = RuleAnnotator()


def extract(text: str, published: date | None = None, url: str | None = None) -> list[Event]:
    return extract_events(Article(text=text, published=published, url=url), RULES)


def dates_by_host(events: list[Event]) -> dict[str | None, date | None]:
    return {e.host.institution: e.date for e in events}


# -- the lead's date ------------------------------------------------------------------------

def test_the_leads_date_dates_the_visit_its_next_sentences_report() -> None:
    events = extract(
        "Rombongan wakil rakyat dari Banjarmasin tiba di kantor dewan, Rabu (12/3/2025). "
        "Komisi B DPRD Provinsi Kalimantan Selatan melakukan kunjungan kerja ke DPRD Provinsi "
        "Jawa Tengah untuk mempelajari pengelolaan pasar daerah.")
    assert dates_by_host(events) == {"DPRD Provinsi Jawa Tengah": date(2025, 3, 12)}


def test_the_day_a_statement_was_made_does_not_date_the_visit() -> None:
    events = extract(
        "Komisi B DPRD Provinsi Kalimantan Selatan melakukan kunjungan kerja ke DPRD Provinsi "
        "Jawa Tengah untuk mempelajari pengelolaan pasar daerah. \"Kami banyak belajar dari "
        "sana,\" kata ketua rombongan, Budi Santoso, Rabu (12/3/2025).")
    assert dates_by_host(events) == {"DPRD Provinsi Jawa Tengah": None}


def test_a_trip_to_two_hosts_takes_no_day_from_the_lead() -> None:
    events = extract(
        "Rombongan wakil rakyat dari Banjarmasin berangkat, Rabu (12/3/2025). Komisi B DPRD "
        "Provinsi Kalimantan Selatan melakukan kunjungan kerja ke DPRD Provinsi Jawa Tengah "
        "dan DPRD Provinsi Jawa Timur untuk mempelajari pengelolaan pasar daerah.")
    assert dates_by_host(events) == {"DPRD Provinsi Jawa Tengah": None,
                                     "DPRD Provinsi Jawa Timur": None}
