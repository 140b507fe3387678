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

BENGKULU = "DPRD Provinsi Bengkulu"
SUMBAR = "DPRD Provinsi Sumatera Barat"
PADANG = "DPRD Kota Padang"  # in Sumatera Barat (13.71)
BALI = "DPRD Provinsi Bali"


@pytest.fixture
def visits(store_article, extract, visit) -> dict[str, int]:
    """Four visits: Bengkulu->Sumbar (Sep), Padang->Bali (Jun), Bali->Bengkulu (Mar),
    Sumbar->Padang (Jan 2024)."""
    plan = {
        "bengkulu_sumbar": visit(BENGKULU, SUMBAR, on="2025-09-25",
                                 people=[("Rosmaida Sinaga", "Anggota", "host")]),
        "padang_bali": visit(PADANG, BALI, on="2025-06-10", kind="studi_banding",
                             category="pariwisata_budaya", topic="pariwisata"),
        "bali_bengkulu": visit(BALI, BENGKULU, on="2025-03-03", kind="konsultasi",
                               category="legislasi", topic="raperda"),
        "sumbar_padang": visit(SUMBAR, PADANG, on="2024-01-15"),
    }
    ids = {}
    for n, (name, record) in enumerate(plan.items()):
        article = store_article(f"https://a.example.id/{n}",
                                published=f"{record.date.isoformat()}T09:00:00+07:00")
        ids[name] = extract(article, [record]).event_ids[0]
    return ids


def _ids(engine, flt: EventFilter | None = None, **kwargs) -> list[int]:
    with session_factory(engine)() as s:
        return [e.id for e in list_events(s, flt, **kwargs)]


def test_events_are_sorted_newest_first_and_paginated(engine, visits) -> None:
    order = [visits[k] for k in ("bengkulu_sumbar", "padang_bali", "bali_bengkulu",
                                 "sumbar_padang")]
    assert _ids(engine) == order
    assert _ids(engine, limit=2, offset=1) == order[1:3]
    assert _ids(engine, oldest_first=True) == order[::-1]


def test_institution_filter_on_either_side_or_one(engine, visits) -> None:
    either = set(_ids(engine, EventFilter(institution=BENGKULU)))
    assert either == {visits["bengkulu_sumbar"], visits["bali_bengkulu"]}
    assert _ids(engine, EventFilter(institution=BENGKULU, side="visitor")) == [
        visits["bengkulu_sumbar"]
    ]
    assert _ids(engine, EventFilter(institution=BENGKULU, side="host")) == [
        visits["bali_bengkulu"]
    ]


def test_province_region_includes_its_kota(engine, visits) -> None:
    hosted_in_sumbar = _ids(engine, EventFilter(region="13", side="host"))
    assert set(hosted_in_sumbar) == {visits["bengkulu_sumbar"], visits["sumbar_padang"]}
    assert _ids(engine, EventFilter(region="13.71", side="host")) == [visits["sumbar_padang"]]
    from_sumbar = set(_ids(engine, EventFilter(region="13", side="visitor")))
    assert from_sumbar == {visits["padang_bali"], visits["sumbar_padang"]}
    assert len(_ids(engine, EventFilter(region="13"))) == 3


def test_a_region_code_does_not_take_in_a_longer_code_sharing_its_digits(engine, visits) -> None:
    # "13.7" is not a prefix region of "13.71" (Padang): sub-regions follow a "."
    assert _ids(engine, EventFilter(region="13.7", side="host")) == []
    assert _ids(engine, EventFilter(region="13.71", side="host")) == [visits["sumbar_padang"]]


def test_date_kind_category_and_person_filters(engine, visits) -> None:
    in_2025 = EventFilter(date_from=date(2025, 3, 3), date_to=date(2025, 6, 10))
    assert set(_ids(engine, in_2025)) == {visits["padang_bali"], visits["bali_bengkulu"]}
    assert _ids(engine, EventFilter(kind="studi_banding")) == [visits["padang_bali"]]
    assert _ids(engine, EventFilter(topic_category="legislasi")) == [visits["bali_bengkulu"]]
    assert _ids(engine, EventFilter(person="sinaga")) == [visits["bengkulu_sumbar"]]
    assert _ids(engine, EventFilter(person="100%_")) == []
    with session_factory(engine)() as s:
        assert count_events(s, EventFilter(kind="konsultasi")) == 1


def test_institution_history_is_chronological_in_both_directions(engine, visits) -> None:
    with session_factory(engine)() as s:
        history = institution_history(s, BENGKULU)
    assert [(h.role, h.counterpart) for h in history] == [("host", BALI), ("visitor", SUMBAR)]


def test_statistics_by_month_destination_visitor_kind_topic(engine, visits) -> None:
    with session_factory(engine)() as s:
        months = event_stats(s, "month")
        destinations = event_stats(s, "destination", EventFilter(region="13", side="host"))
        kinds = {r.key: r.count for r in event_stats(s, "kind")}
        topics = {r.key: r.count for r in event_stats(s, "topic")}
        visitors = event_stats(s, "visitor", limit=1)
    counted = {m.key: m.count for m in months if m.count}
    assert list(counted) == ["2024-01", "2025-03", "2025-06", "2025-09"]
    # a time series: every month from the first to the last, empty ones counting 0
    assert len(months) == 21 and months[1].key == "2024-02" and months[1].count == 0
    assert {(d.key, d.count) for d in destinations} == {(SUMBAR, 1), (PADANG, 1)}
    assert kinds == {"kunjungan_kerja": 2, "studi_banding": 1, "konsultasi": 1}
    assert topics["legislasi"] == 1 and len(visitors) == 1


def test_find_institutions_is_case_insensitive(engine, visits) -> None:
    with session_factory(engine)() as s:
        names = [i.name for i in find_institutions(s, "provinsi b")]
        padang = find_institutions(s, "padang")[0]
    assert sorted(names) == [BALI, BENGKULU]
    assert (padang.name, padang.level, padang.region_code) == (PADANG, "kota", "13.71")
    assert (padang.visits_made, padang.visits_hosted) == (1, 1)


def test_event_detail_has_sources_people_and_evidence(engine, visits) -> None:
    with session_factory(engine)() as s:
        detail = get_event(s, visits["bengkulu_sumbar"])
        assert get_event(s, 999_999) is None
    assert detail is not None
    assert detail.sources[0].url.startswith("https://a.example.id/0")
    assert detail.people[0].name == "Rosmaida Sinaga"
    assert detail.evidence[0].text == "Komisi IV berkunjung."
    assert detail.host_region_code == "13"


def test_export_streams_schema_records_that_read_back(engine, visits) -> None:
    with session_factory(engine)() as s:
        records = list(iter_event_records(s, batch_size=1))
        from_sumbar = list(iter_event_records(s, EventFilter(institution=SUMBAR, side="visitor")))
    oldest_first = ("sumbar_padang", "bali_bengkulu", "padang_bali", "bengkulu_sumbar")
    assert [r["id"] for r in records] == [visits[k] for k in oldest_first]
    assert len(from_sumbar) == 1
    first = records[-1]
    assert first["sources"][0]["outlet"] == "news.example.id" and first["evidence"]
    parsed = EventRecord.from_dict(first)
    assert parsed.host.institution == SUMBAR and parsed.people[0].name == "Rosmaida Sinaga"

