"""Event listings, filters, detail, history, statistics and export."""

from __future__ import annotations

from datetime import date

import pytest

from nlp.records import Event as EventRecord
from storage.db import session_factory
from storage.export import iter_event_records
from storage.filters import EventFilter
from storage.queries import (
    count_events,
    find_institutions,
    get_event,
    institution_history,
    list_events,
)
from storage.stats import event_stats
from tests.conftest import extract_in, make_visit, store_article_in

JAMBI = "DPRD Provinsi Jambi"
KALBAR = "DPRD Provinsi Kalimantan Barat"
PONTIANAK = "DPRD Kota Pontianak"  # in Kalimantan Barat (61.71)
BALI = "DPRD Provinsi Bali"


@pytest.fixture
def engine(module_engine):
    """Every test here only reads: they share the module's database (one per backend)."""
    return module_engine


@pytest.fixture(scope="module")
def visits(module_engine) -> dict[str, int]:
    """Four visits: Jambi->Kalbar (Sep), Pontianak->Bali (Jun), Bali->Jambi (Mar),
    Kalbar->Pontianak (Jan 2024); stored once per backend."""
    plan = {
        "jambi_kalbar": make_visit(JAMBI, KALBAR, on="2025-09-18",
                                   people=[("Rosmaida Sinaga", "Anggota", "host")]),
        "pontianak_bali": make_visit(PONTIANAK, BALI, on="2025-06-10", kind="studi_banding",
                                     category="pariwisata_budaya", topic="pariwisata"),
        "bali_jambi": make_visit(BALI, JAMBI, on="2025-03-03", kind="konsultasi",
                                 category="legislasi", topic="raperda"),
        "kalbar_pontianak": make_visit(KALBAR, PONTIANAK, on="2024-01-15"),
    }
    ids = {}
    for n, (name, record) in enumerate(plan.items()):
        article = store_article_in(module_engine, f"https://a.example.id/{n}",
                                   published=f"{record.date.isoformat()}T09:00:00+07:00")
        ids[name] = extract_in(module_engine, article, [record]).event_ids[0]
    return ids


def _ids(engine, flt: EventFilter | None = None, **kwargs) -> list[int]:
    with session_factory(engine)() as s:
        return [e.id for e in list_events(s, flt, **kwargs)]


def test_events_are_sorted_newest_first_and_paginated(engine, visits) -> None:
    order = [visits[k] for k in ("jambi_kalbar", "pontianak_bali", "bali_jambi",
                                 "kalbar_pontianak")]
    assert _ids(engine) == order
    assert _ids(engine, limit=2, offset=1) == order[1:3]
    assert _ids(engine, oldest_first=True) == order[::-1]


def test_institution_filter_on_either_side_or_one(engine, visits) -> None:
    either = set(_ids(engine, EventFilter(institution=JAMBI)))
    assert either == {visits["jambi_kalbar"], visits["bali_jambi"]}
    assert _ids(engine, EventFilter(institution=JAMBI, side="visitor")) == [
        visits["jambi_kalbar"]
    ]
    assert _ids(engine, EventFilter(institution=JAMBI, side="host")) == [
        visits["bali_jambi"]
    ]


def test_province_region_includes_its_kota(engine, visits) -> None:
    hosted_in_kalbar = _ids(engine, EventFilter(region="61", side="host"))
    assert set(hosted_in_kalbar) == {visits["jambi_kalbar"], visits["kalbar_pontianak"]}
    assert _ids(engine, EventFilter(region="61.71", side="host")) == [visits["kalbar_pontianak"]]
    from_kalbar = set(_ids(engine, EventFilter(region="61", side="visitor")))
    assert from_kalbar == {visits["pontianak_bali"], visits["kalbar_pontianak"]}
    assert len(_ids(engine, EventFilter(region="61"))) == 3


def test_a_region_code_does_not_take_in_a_longer_code_sharing_its_digits(engine, visits) -> None:
    # "61.7" is not a prefix region of "61.71" (Pontianak): sub-regions follow a "."
    assert _ids(engine, EventFilter(region="61.7", side="host")) == []
    assert _ids(engine, EventFilter(region="61.71", side="host")) == [visits["kalbar_pontianak"]]


def test_date_kind_category_and_person_filters(engine, visits) -> None:
    in_2025 = EventFilter(date_from=date(2025, 3, 3), date_to=date(2025, 6, 10))
    assert set(_ids(engine, in_2025)) == {visits["pontianak_bali"], visits["bali_jambi"]}
    assert _ids(engine, EventFilter(kind="studi_banding")) == [visits["pontianak_bali"]]
    assert _ids(engine, EventFilter(topic_category="legislasi")) == [visits["bali_jambi"]]
    assert _ids(engine, EventFilter(person="sinaga")) == [visits["jambi_kalbar"]]
    assert _ids(engine, EventFilter(person="100%_")) == []
    with session_factory(engine)() as s:
        assert count_events(s, EventFilter(kind="konsultasi")) == 1


def test_institution_history_is_chronological_in_both_directions(engine, visits) -> None:
    with session_factory(engine)() as s:
        history = institution_history(s, JAMBI)
    assert [(h.role, h.counterpart) for h in history] == [("host", BALI), ("visitor", KALBAR)]


def test_statistics_by_month_destination_visitor_kind_topic(engine, visits) -> None:
    with session_factory(engine)() as s:
        months = event_stats(s, "month")
        destinations = event_stats(s, "destination", EventFilter(region="61", side="host"))
        kinds = {r.key: r.count for r in event_stats(s, "kind")}
        topics = {r.key: r.count for r in event_stats(s, "topic")}
        visitors = event_stats(s, "visitor", limit=1)
    counted = {m.key: m.count for m in months if m.count}
    assert list(counted) == ["2024-01", "2025-03", "2025-06", "2025-09"]
    # a time series: every month from the first to the last, empty ones counting 0
    assert len(months) == 21 and months[1].key == "2024-02" and months[1].count == 0
    assert {(d.key, d.count) for d in destinations} == {(KALBAR, 1), (PONTIANAK, 1)}
    assert kinds == {"kunjungan_kerja": 2, "studi_banding": 1, "konsultasi": 1}
    assert topics["legislasi"] == 1 and len(visitors) == 1


def test_find_institutions_is_case_insensitive(engine, visits) -> None:
    with session_factory(engine)() as s:
        names = [i.name for i in find_institutions(s, "provinsi")]
        pontianak = find_institutions(s, "pontianak")[0]
    assert sorted(names) == [BALI, JAMBI, KALBAR]
    assert (pontianak.name, pontianak.level, pontianak.region_code) == (PONTIANAK, "kota", "61.71")
    assert (pontianak.visits_made, pontianak.visits_hosted) == (1, 1)


def test_event_detail_has_sources_people_and_evidence(engine, visits) -> None:
    with session_factory(engine)() as s:
        detail = get_event(s, visits["jambi_kalbar"])
        assert get_event(s, 999_999) is None
    assert detail is not None
    assert detail.sources[0].url.startswith("https://a.example.id/0")
    assert detail.people[0].name == "Rosmaida Sinaga"
    assert detail.evidence[0].text == "Komisi II berkunjung."
    assert detail.host_region_code == "61"


def test_export_streams_schema_records_that_read_back(engine, visits) -> None:
    with session_factory(engine)() as s:
        records = list(iter_event_records(s, batch_size=1))
        from_kalbar = list(iter_event_records(s, EventFilter(institution=KALBAR, side="visitor")))
    oldest_first = ("kalbar_pontianak", "bali_jambi", "pontianak_bali", "jambi_kalbar")
    assert [r["id"] for r in records] == [visits[k] for k in oldest_first]
    assert len(from_kalbar) == 1
    first = records[-1]
    assert first["sources"][0]["outlet"] == "news.example.id" and first["evidence"]
    parsed = EventRecord.from_dict(first)
    assert parsed.host.institution == KALBAR and parsed.people[0].name == "Rosmaida Sinaga"

