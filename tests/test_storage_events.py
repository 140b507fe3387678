"""One event per real visit: merging reports, keeping visits apart, re-extraction."""

from __future__ import annotations

from sqlalchemy import func, select

from storage.db import session_factory
from storage.models import Event, EventMention, EventParticipant, Person
from storage.queries import get_event, list_events


def _count(engine, model) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(model)).scalar_one()


def _only_event(engine):
    with session_factory(engine)() as s:
        (summary,) = list_events(s)
        return get_event(s, summary.id)


def test_same_visit_reported_by_three_outlets_is_one_event_listing_every_source(
    engine, store_article, extract, visit
) -> None:
    for day, outlet in ((18, "a.example.id"), (18, "b.example.id"), (19, "c.example.id")):
        article = store_article(
            f"https://{outlet}/berita", source=outlet, published=f"2025-09-{day}T09:00:00+07:00"
        )
        extract(article, [visit(on=f"2025-09-{day - 1 if outlet == 'c.example.id' else 18}")])
    event = _only_event(engine)
    assert {s.outlet for s in event.sources} == {"a.example.id", "b.example.id", "c.example.id"}
    assert event.summary.source_count == 3 and len(event.evidence) == 3


def test_merge_counts_the_report_as_merged_not_added(store_article, extract, visit) -> None:
    first = store_article("https://a.example.id/1")
    second = store_article("https://b.example.id/1", source="b.example.id")
    assert extract(first, [visit()]).added == 1
    result = extract(second, [visit(on="2025-09-20")])
    assert (result.added, result.merged) == (0, 1)


def test_same_bodies_two_months_apart_are_two_visits(engine, store_article, extract, visit):
    first = store_article("https://a.example.id/1", published="2025-07-02T09:00:00+07:00")
    second = store_article("https://a.example.id/2", published="2025-09-02T09:00:00+07:00")
    extract(first, [visit(on="2025-07-01")])
    extract(second, [visit(on="2025-09-01")])
    assert _count(engine, Event) == 2


def test_dates_four_days_apart_are_two_visits(engine, store_article, extract, visit) -> None:
    first = store_article("https://a.example.id/1")
    second = store_article("https://a.example.id/2")
    extract(first, [visit(on="2025-09-13")])
    extract(second, [visit(on="2025-09-17")])
    assert _count(engine, Event) == 2


def test_undated_report_merges_when_published_within_three_days(
    engine, store_article, extract, visit
) -> None:
    dated = store_article("https://a.example.id/1", published="2025-09-18T09:00:00+07:00")
    undated = store_article("https://b.example.id/1", published="2025-09-20T09:00:00+07:00")
    late = store_article("https://c.example.id/1", published="2025-10-13T09:00:00+07:00")
    extract(dated, [visit(on="2025-09-18")])
    extract(undated, [visit(on=None)])
    assert _count(engine, Event) == 1
    extract(late, [visit(on=None)])
    assert _count(engine, Event) == 2


def test_merged_event_keeps_the_most_specific_values_and_their_sources(
    engine, store_article, extract, visit
) -> None:
    first = store_article("https://a.example.id/1")
    second = store_article("https://b.example.id/1", source="b.example.id")
    extract(first, [visit(on=None, visitor_unit=None, topic="sampah", category="lainnya")])
    extract(
        second,
        [visit(kind="studi_banding", host_unit="Komisi III", topic="pengelolaan sampah kota",
               category="lingkungan_energi", location="Pontianak")],
    )
    event = _only_event(engine)
    summary = event.summary
    assert summary.kind == "studi_banding" and summary.host_unit == "Komisi III"
    assert summary.visitor_unit == "Komisi II" and str(summary.date) == "2025-09-18"
    assert summary.topic == "pengelolaan sampah kota"
    assert summary.topic_category == "lingkungan_energi" and summary.location == "Pontianak"
    assert event.provenance["topic"] == second and event.provenance["date"] == second


def test_reextraction_replaces_mentions_and_leaves_no_orphans(
    engine, store_article, extract, visit
) -> None:
    article = store_article("https://a.example.id/1")
    people = [("Rosmaida Sinaga", "Sekretaris Komisi III", "host")]
    extract(article, [visit(people=people), visit("DPRD Kota Padang", "DPRD Provinsi Bali")])
    assert _count(engine, Event) == 2 and _count(engine, Person) == 1
    result = extract(article, [visit("DPRD Kota Padang", "DPRD Provinsi Bali")], "v2")
    assert (result.removed, result.unchanged) == (1, 1)
    assert _count(engine, Event) == 1 and _count(engine, EventMention) == 1
    assert _count(engine, Person) == 0 and _count(engine, EventParticipant) == 0
    extract(article, [], "v3")
    assert _count(engine, Event) == 0 and _count(engine, EventMention) == 0


def test_reextracting_the_same_events_keeps_ids_and_changes_nothing(
    engine, store_article, extract, visit
) -> None:
    article = store_article("https://a.example.id/1")
    first = extract(article, [visit(people=[("Rahmat Hidayat", "Ketua", "visitor")])])
    again = extract(article, [visit(people=[("Rahmat Hidayat", "Ketua", "visitor")])], "v2")
    assert again.event_ids == first.event_ids
    assert (again.added, again.changed, again.removed, again.unchanged) == (0, 0, 0, 1)


def test_reextraction_of_one_source_keeps_the_event_of_the_others(
    engine, store_article, extract, visit
) -> None:
    first = store_article("https://a.example.id/1")
    second = store_article("https://b.example.id/1", source="b.example.id")
    extract(first, [visit(topic="sampah")])
    extract(second, [visit(topic="pengelolaan sampah terpadu")])
    result = extract(second, [], "v2")
    assert result.changed == 1 and _count(engine, Event) == 1
    assert _only_event(engine).summary.topic == "sampah"  # the removed report's value is gone


def test_undated_event_that_learns_its_date_absorbs_the_dated_one(
    engine, store_article, extract, visit
) -> None:
    undated = store_article("https://a.example.id/1", published="2025-09-18T09:00:00+07:00")
    late = store_article("https://b.example.id/1", published="2025-10-13T09:00:00+07:00")
    extract(undated, [visit(on=None)])
    extract(late, [visit(on="2025-09-17")])  # reported late: not merged by publication date
    assert _count(engine, Event) == 2
    extract(undated, [visit(on="2025-09-17")], "v2")  # the first report now has the date too
    assert _count(engine, Event) == 1


def test_unknown_visitor_is_never_merged_across_articles(
    engine, store_article, extract, visit
) -> None:
    for n in (1, 2):
        extract(store_article(f"https://a.example.id/{n}"), [visit(visitor=None)])
    assert _count(engine, Event) == 2


def test_unknown_host_institution_merges_on_the_host_region(
    engine, store_article, extract, visit
) -> None:
    for n in (1, 2):
        extract(
            store_article(f"https://a.example.id/{n}"),
            [visit(host=None, region="Provinsi Bali")],
        )
    extract(store_article("https://a.example.id/3"), [visit(host=None, region="Kota Samarinda")])
    assert _count(engine, Event) == 2
    with session_factory(engine)() as s:
        codes = {e.host_region for e in list_events(s)}
    assert codes == {"Provinsi Bali", "Kota Samarinda"}


def test_person_in_many_articles_is_one_row(engine, store_article, extract, visit) -> None:
    people = [("Rosmaida Sinaga", "Anggota", "host")]
    extract(store_article("https://a.example.id/1"), [visit(people=people)])
    extract(
        store_article("https://a.example.id/2", published="2025-12-01T09:00:00+07:00"),
        [visit(on="2025-12-01", people=[("rosmaida  sinaga", None, "host")])],
    )
    assert _count(engine, Event) == 2 and _count(engine, Person) == 1
