"""Batched ingest: ``store_articles``, ``DatabaseArticleSink.store_many`` and
``ingest_extractions`` give what storing one by one gives, only faster."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from sqlalchemy import func, select

from storage import ingest as batch_module
from storage.article_sink import DatabaseArticleSink
from storage.articles import store_articles
from storage.db import session_factory, write_transaction
from storage.errors import StorageError
from storage.events import ingest_extraction
from storage.ingest import ingest_extractions
from storage.models import Article, Event, EventMention, EventParticipant, Person, Source
from storage.queries import get_event, list_events


def _count(engine, model) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(model)).scalar_one()


@pytest.fixture
def one_by_one_forbidden(monkeypatch) -> None:
    """Fail if a batch falls back to article-by-article storing: the batch path must hold."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"batch fell back to ingest_extraction{args[1:3]}")

    monkeypatch.setattr(batch_module, "ingest_extraction", refuse)


def test_store_articles_gives_the_outcomes_of_storing_one_by_one(engine, article_item) -> None:
    first = article_item("https://a.example.id/1")
    changed = article_item("https://a.example.id/1", text="Teks yang diperbarui redaksi.")
    other = article_item("https://b.example.id/1", source="b.example.id")
    with write_transaction(engine) as s:
        assert store_articles(s, [first, other, first, changed]) == [
            "new", "new", "unchanged", "updated",
        ]
    with write_transaction(engine) as s:
        assert store_articles(s, [other, changed]) == ["unchanged", "unchanged"]
    with engine.connect() as conn:
        texts = dict(conn.execute(select(Article.canonical_url, Article.text)).all())
    assert texts["https://a.example.id/1"] == "Teks yang diperbarui redaksi."
    assert _count(engine, Article) == 2 and _count(engine, Source) == 2


def test_article_turning_irrelevant_in_a_batch_loses_its_events(
    engine, article_item, store_article, extract, visit
) -> None:
    article = store_article("https://a.example.id/1")
    extract(article, [visit()])
    with write_transaction(engine) as s:
        outcome = store_articles(
            s, [article_item("https://a.example.id/1", relevant=False),
                article_item("https://a.example.id/2")],
        )
    assert outcome == ["updated", "new"]
    assert _count(engine, Event) == 0 and _count(engine, EventMention) == 0


def test_sink_store_many_stores_in_order_and_knows_the_urls(engine, db_url, article_item) -> None:
    sink = DatabaseArticleSink(db_url)
    items = [article_item(f"https://a.example.id/{n}") for n in range(7)]
    assert sink.store_many(items) == ["new"] * 7
    assert sink.store_many(items[:2]) == ["unchanged"] * 2
    assert sink.known_urls(["https://a.example.id/3", "https://a.example.id/9"]) == {
        "https://a.example.id/3"
    }
    assert sink.store(article_item("https://a.example.id/9")) == "new"
    sink.close()
    assert _count(engine, Article) == 8


def test_sink_store_many_keeps_the_items_before_a_bad_one(engine, db_url, article_item) -> None:
    sink = DatabaseArticleSink(db_url)
    bad = article_item("https://a.example.id/bad")
    bad.fetched_at = datetime(2025, 9, 19)  # naive: kunker stores timezone-aware times only
    items = [article_item("https://a.example.id/1"), bad, article_item("https://a.example.id/2")]
    with pytest.raises(StorageError, match=re.escape("https://a.example.id/bad")):
        sink.store_many(items)
    assert sink.store(article_item("https://a.example.id/3")) == "new"  # the sink still works
    sink.close()
    with engine.connect() as conn:
        stored = set(conn.execute(select(Article.canonical_url)).scalars())
    assert stored == {"https://a.example.id/1", "https://a.example.id/3"}


def _state(engine) -> dict[str, object]:
    """Everything ingest decides, without ids that depend on insertion order."""
    with session_factory(engine)() as s:
        events = []
        for summary in list_events(s, limit=1000, oldest_first=True):
            detail = get_event(s, summary.id)
            assert detail is not None
            events.append((
                summary.visitor, summary.host, summary.host_region, summary.date,
                summary.topic, summary.source_count, detail.first_reported,
                tuple(src.url for src in detail.sources),
                tuple((p.name, p.role, p.side) for p in detail.people),
            ))
    return {
        "events": sorted(events, key=repr),
        "people": _count(engine, Person),
        "participants": _count(engine, EventParticipant),
        "mentions": _count(engine, EventMention),
    }


def _plan(store_article, visit) -> list[tuple[int, list[object]]]:
    """Three outlets on one visit, a visit two months later, an unmergeable report, people,
    one article re-extracted with a date its first extraction lacked."""
    ids = {
        n: store_article(f"https://o{n}.example.id/berita", source=f"o{n}.example.id",
                         published=f"2025-09-{17 + n % 3}T09:00:00+07:00")
        for n in range(6)
    }
    late = store_article("https://o9.example.id/berita", published="2025-11-13T09:00:00+07:00")
    people = [("Rahmat Hidayat", "Ketua", "visitor"), ("Rosmaida Sinaga", None, "host")]
    return [
        (ids[0], [visit(people=people[:1])]),
        (ids[1], [visit(on=None, people=people)]),
        (ids[2], [visit(on="2025-09-17", topic="pengelolaan sampah terpadu"),
                  visit("DPRD Kota Padang", "DPRD Provinsi Bali")]),
        (ids[3], [visit(visitor=None)]),
        (ids[4], [visit(host=None, region="Provinsi Bali"), visit(on="2025-11-12")]),
        (late, [visit(on="2025-11-12", people=people[1:])]),
        (ids[1], [visit(on="2025-09-18", people=people)]),  # re-extracted
        (ids[5], []),
    ]


def _forget_all_extractions(engine) -> None:
    with write_transaction(engine) as s:
        for table in (EventParticipant, EventMention, Event, Person):
            s.execute(table.__table__.delete())
        s.execute(Article.__table__.update().values(extractor_version=None, extracted_at=None))


def test_batch_ingest_stores_what_one_by_one_ingest_stores(
    engine, store_article, visit, one_by_one_forbidden
) -> None:
    plan = _plan(store_article, visit)
    batched = ingest_extractions(engine, plan, "v1", batch_size=4)
    assert [r.article_id for r in batched] == [article for article, _ in plan]
    after_batches = _state(engine)
    _forget_all_extractions(engine)
    singles = [ingest_extraction(engine, article, events, "v1") for article, events in plan]
    assert _state(engine) == after_batches
    assert [(r.added, r.merged, r.changed, r.unchanged, r.removed) for r in batched] == [
        (r.added, r.merged, r.changed, r.unchanged, r.removed) for r in singles
    ]


def test_batch_merges_reports_of_one_visit_within_the_batch(
    engine, store_article, visit, one_by_one_forbidden
) -> None:
    plan = [
        (store_article(f"https://o{n}.example.id/1", source=f"o{n}.example.id"),
         [visit(on=None if n == 2 else "2025-09-18",
                people=[("Rahmat Hidayat", "Ketua", "visitor")] if n == 1 else [])])
        for n in range(3)
    ]
    results = ingest_extractions(engine, plan, "v1")
    assert [(r.added, r.merged) for r in results] == [(1, 0), (0, 1), (0, 1)]
    assert _count(engine, Event) == 1
    with session_factory(engine)() as s:
        (event,) = list_events(s)
        detail = get_event(s, event.id)
    assert event.source_count == 3 and str(event.date) == "2025-09-18"
    assert detail is not None and [p.name for p in detail.people] == ["Rahmat Hidayat"]


def test_batch_ingest_is_idempotent(engine, store_article, visit, one_by_one_forbidden) -> None:
    plan = [(store_article(f"https://o{n}.example.id/1"), [visit(on=f"2025-0{n + 1}-10")])
            for n in range(3)]
    first = ingest_extractions(engine, plan, "v1")
    before = _state(engine)
    with engine.connect() as conn:
        stamps = conn.execute(select(Event.id, Event.updated_at).order_by(Event.id)).all()
    again = ingest_extractions(engine, plan, "v2")
    assert _state(engine) == before
    with engine.connect() as conn:  # untouched events keep their updated_at
        assert conn.execute(select(Event.id, Event.updated_at).order_by(Event.id)).all() == stamps
    assert [r.event_ids for r in again] == [r.event_ids for r in first]
    assert all((r.added, r.changed, r.unchanged) == (0, 0, 1) for r in again)


def test_batch_with_a_missing_article_stores_the_ones_before_it(
    engine, store_article, visit
) -> None:
    present = store_article("https://o1.example.id/1")
    later = store_article("https://o2.example.id/1", published="2025-12-01T09:00:00+07:00")
    plan = [(present, [visit()]), (999_999, [visit()]), (later, [visit(on="2025-12-01")])]
    with pytest.raises(StorageError, match="999999"):
        ingest_extractions(engine, plan, "v1")
    with engine.connect() as conn:
        extracted = set(conn.execute(
            select(Article.id).where(Article.extractor_version == "v1")).scalars())
    assert extracted == {present} and _count(engine, Event) == 1


def _ingest_in_batches(url: str, reverse: bool, start: object) -> None:
    """Crawl and extract the same articles in batches (opposite orders in the two processes)."""
    from datetime import UTC, date

    from nlp.records import Event as EventRecord
    from nlp.records import Evidence, Party, Person
    from storage.db import make_engine
    from storage.records import ArticleRecord

    order = list(range(12))[:: -1 if reverse else 1]
    items = [
        ArticleRecord(
            url=f"https://outlet{n}.example.id/berita",
            canonical_url=f"https://outlet{n}.example.id/berita",
            source=f"outlet{n}.example.id", title=f"Kunjungan {n}",
            published_at=datetime(2025, 9, 18, 9, tzinfo=UTC), author=None,
            text=f"Laporan kunjungan nomor {n}.", language="id", content_hash=f"hash{n}",
            fetched_at=datetime(2025, 9, 18, 10, tzinfo=UTC),
        )
        for n in order
    ]
    start.wait(timeout=60)  # type: ignore[attr-defined]
    sink = DatabaseArticleSink(url)
    sink.store_many(items)
    sink.close()
    engine = make_engine(url)
    with engine.connect() as conn:
        ids = dict(conn.execute(select(Article.canonical_url, Article.id)).all())
    pairs = (("DPRD Provinsi Jambi", "DPRD Provinsi Kalimantan Barat"),
             ("DPRD Kota Padang", "DPRD Provinsi Bali"))
    plan = [
        (ids[f"https://outlet{n}.example.id/berita"], [EventRecord(
            kind="kunjungan_kerja", visitor=Party(pairs[n % 2][0], "Komisi I"),
            host=Party(pairs[n % 2][1]), date=date(2025, 9, 17 + n % 2), topic=f"topik {n}",
            people=[Person("Rahmat Hidayat", "Ketua", "visitor")],
            evidence=[Evidence("Laporan kunjungan.", 0, 18)],
        )])
        for n in order
    ]
    ingest_extractions(engine, plan, "v1", batch_size=5)
    engine.dispose()


def test_two_processes_ingesting_batches_at_once_create_no_duplicates(db_url, engine) -> None:
    import multiprocessing

    context = multiprocessing.get_context("spawn")  # no inherited connections or locks
    barrier = context.Barrier(2)
    workers = [
        context.Process(target=_ingest_in_batches, args=(db_url, rev, barrier)) for rev in (0, 1)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert [w.exitcode for w in workers] == [0, 0]
    assert _count(engine, Article) == 12 and _count(engine, EventMention) == 12
    assert _count(engine, Event) == 2 and _count(engine, Person) == 2
    with engine.connect() as conn:
        assert sorted(conn.execute(select(Event.mention_count)).scalars()) == [6, 6]
