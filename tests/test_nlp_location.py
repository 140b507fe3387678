"""Where a visit took place (articles written for these tests; rules only, the bundled
decision model)."""

from __future__ import annotations

import pytest

from nlp.dateline import official_name
from nlp.extract import extract_events
from nlp.linguistic import RuleAnnotator
from nlp.records import Article, Event

RULES = RuleAnnotator()


def extract(text: str) -> list[Event]:
    return extract_events(Article(text=text), RULES)


def locations(events: list[Event]) -> dict[str | None, str | None]:
    return {e.host.institution or e.host.region: e.location for e in events}


@pytest.mark.parametrize(("dataset", "official"), [
    ("Palangkaraya", "Palangka Raya"), ("Tanjung Pinang", "Tanjungpinang"),
    ("Pangkal Pinang", "Pangkalpinang"), ("Bau Bau", "Baubau"), ("Padang", "Padang"),
])
def test_a_region_is_written_with_its_official_spelling(dataset: str, official: str) -> None:
    assert official_name(dataset) == official


def test_a_city_visited_is_the_location_in_its_official_spelling() -> None:
    events = extract(
        "Komisi I DPRD Kabupaten Katingan melakukan kunjungan kerja ke DPRD Kota Palangkaraya "
        "untuk membahas penataan pasar tradisional.")
    assert locations(events) == {"DPRD Kota Palangkaraya": "Palangka Raya"}


def test_a_ministry_visited_is_met_in_jakarta_when_the_article_says_jakarta() -> None:
    events = extract(
        "Komisi C DPRD Kabupaten Sleman berkonsultasi ke Kementerian Keuangan soal dana alokasi "
        "khusus. Rombongan tiba di Jakarta pada pagi hari.")
    assert locations(events) == {"Kementerian Keuangan": "Jakarta"}


def test_a_ministry_visited_has_no_location_when_the_article_names_no_city() -> None:
    events = extract(
        "Komisi C DPRD Kabupaten Sleman berkonsultasi ke Kementerian Keuangan soal dana alokasi "
        "khusus.")
    assert locations(events) == {"Kementerian Keuangan": None}
