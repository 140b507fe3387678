"""Provenance of extractions, the place-of-visit region filter, the new statistics, export
dates with their precision, and the operator's status figures."""

from __future__ import annotations

from datetime import UTC, datetime

from storage.db import session_factory, write_transaction
from storage.events import store_extraction
from storage.export import iter_event_records
from storage.filters import EventFilter
from storage.queries import count_events, get_event
from storage.stats import event_stats, province_matrix
from storage.status import (
    RunRecord,
    database_counts,
    database_size,
    last_update_runs,
    outlet_activity,
    record_update_run,
)

SUMBAR = "DPRD Provinsi Sumatera Barat"
JATIM = "DPRD Provinsi Jawa Timur"
BALI = "DPRD Provinsi Bali"
RULES = {"extractor_version": "v9", "annotator": "rules"}
STANZA = {"extractor_version": "v9", "annotator": "stanza", "model": "m1"}


def _store(engine, article_id, events, made_by):
    with write_transaction(engine) as s:
        return store_extraction(s, article_id, events, "v9", made_by)


def test_every_key_of_the_provenance_is_kept_per_report_and_shown_per_event(
        engine, store_article, visit) -> None:
    first = store_article("https://a.example.id/1")
    second = store_article("https://b.example.id/2", source="b.example.id")
    event_id = _store(engine, first, [visit()], RULES).event_ids[0]
    assert _store(engine, second, [visit()], STANZA).event_ids == [event_id]
    with session_factory(engine)() as s:
        record = get_event(s, event_id).to_record()
    assert record["extracted_by"] == [RULES, STANZA]
    assert [src["extracted_by"] for src in record["sources"]] == [RULES, STANZA]


def test_reextraction_that_moves_only_the_confidence_is_not_a_change(
        engine, store_article, visit) -> None:
    article = store_article()
    _store(engine, article, [visit()], RULES)
    surer = visit()
    surer.confidence = 0.97
    result = _store(engine, article, [surer], STANZA)
    assert (result.changed, result.unchanged) == (0, 1)
    moved = visit(topic="something else entirely")
    assert _store(engine, article, [moved], STANZA).changed == 1


def test_a_city_code_finds_a_visit_held_there_whose_host_is_the_province(
        engine, store_article, visit) -> None:
    article = store_article()
    # DPRD Jatim visits the Sumbar provincial DPRD, meeting in Padang (13.71)
    _store(engine, article, [visit(JATIM, SUMBAR, location="Padang")], RULES)
    with session_factory(engine)() as s:
        assert count_events(s, EventFilter(region="13.71")) == 1
        assert count_events(s, EventFilter(region="13.71", side="host")) == 1
        assert count_events(s, EventFilter(region="13.71", side="visitor")) == 0
        assert count_events(s, EventFilter(region="13")) == 1
        assert count_events(s, EventFilter(region="13.72")) == 0


def test_exports_date_every_event_and_say_how_the_date_is_known(
        engine, store_article, visit) -> None:
    exact = store_article("https://a.example.id/1", published="2025-06-20T09:00:00+07:00")
    approx = store_article("https://a.example.id/2", published="2025-07-02T09:00:00+07:00")
    _store(engine, exact, [visit(on="2025-06-19")], RULES)
    _store(engine, approx, [visit(JATIM, BALI, on=None)], RULES)
    with session_factory(engine)() as s:
        records = list(iter_event_records(s))
        months = {r.key: r.count for r in event_stats(s, "month")}
        july = count_events(s, EventFilter(date_from=datetime(2025, 7, 1).date()))
    assert [(r["date"], r["date_precision"]) for r in records] == [
        ("2025-06-19", "exact"), ("2025-07-02", "reported")]
    assert months == {"2025-06": 1, "2025-07": 1}
    assert july == sum(r["date"].startswith("2025-07") for r in records)


def test_statistics_by_province_outlet_pair_and_the_province_matrix(
        engine, store_article, visit) -> None:
    one = store_article("https://a.example.id/1")
    two = store_article("https://b.example.id/2", source="b.example.id")
    three = store_article("https://a.example.id/3", published="2025-03-01T09:00:00+07:00")
    _store(engine, one, [visit(JATIM, SUMBAR)], RULES)
    _store(engine, two, [visit(JATIM, SUMBAR)], RULES)  # the same visit, another outlet
    _store(engine, three, [visit(JATIM, BALI, on="2025-03-01")], RULES)
    with session_factory(engine)() as s:
        visitor = event_stats(s, "visitor_province")
        host = {r.key: (r.count, r.code) for r in event_stats(s, "host_province")}
        outlets = {r.key: r.count for r in event_stats(s, "outlet")}
        pairs = {r.key: r.count for r in event_stats(s, "pair")}
        matrix = province_matrix(s)
    assert [(r.key, r.count, r.code) for r in visitor] == [("Provinsi Jawa Timur", 2, "35")]
    assert host == {"Provinsi Sumatera Barat": (1, "13"), "Provinsi Bali": (1, "51")}
    assert outlets == {"news.example.id": 2, "b.example.id": 1}
    assert pairs == {f"{JATIM} → {SUMBAR}": 1, f"{JATIM} → {BALI}": 1}
    assert matrix.visitors == [("35", "Provinsi Jawa Timur")]
    assert matrix.count("35", "13") == 1 and matrix.count("35", "51") == 1


def test_status_counts_size_outlets_and_the_last_update_run(
        engine, store_article, visit) -> None:
    article = store_article()
    _store(engine, article, [visit()], RULES)
    started = datetime(2025, 9, 19, 1, 0, tzinfo=UTC)
    with write_transaction(engine) as s:
        record_update_run(s, RunRecord(started, started.replace(minute=2), 3, 10, 4, 1, 0, 1,
                                       {"failed_sources": {"x": "dns"}}, RULES))
    with session_factory(engine)() as s:
        counts = database_counts(s)
        runs = last_update_runs(s)
        outlets = outlet_activity(s, now=datetime(2025, 9, 20, tzinfo=UTC))
    assert (counts.articles, counts.events, counts.reports, counts.outlets) == (1, 1, 1, 1)
    assert runs[0].to_dict()["seconds"] == 120.0
    assert runs[0].problems == {"failed_sources": {"x": "dns"}}
    assert [(o.outlet, o.articles, o.recent) for o in outlets] == [("news.example.id", 1, 1)]
    assert database_size(engine) > 0
