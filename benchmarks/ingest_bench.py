"""Ingest at scale, through the real paths, on new articles each round: the article sink one
transaction per article (as the crawler calls it) and in batches, ``ingest_extraction`` one
transaction per article and ``ingest_extractions`` in batches (also with three outlets
reporting each visit, so that most reports merge). Each round's rows are removed afterwards
(``remove_ingested``), so every run measures the same database built by
``benchmarks/storage_bench.py``. Target (issue 5): at least 500 articles/s.
"""

from __future__ import annotations

import hashlib
import random
import time
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from benchmarks.storage_bench import DAYS, START, vocabulary
from nlp.records import Event as EventRecord
from nlp.records import Evidence, Party
from nlp.records import Person as PersonRecord
from storage import DatabaseArticleSink, ingest_extraction, ingest_extractions, make_engine
from storage.models import (
    Article,
    Event,
    EventMention,
    EventParticipant,
    Institution,
    Person,
)
from storage.records import ArticleRecord

TARGET_INGEST_PER_S = 500.0
INGEST_PREFIX = "https://ingest.example.id/"
INGEST_RESULTS: dict[str, list[float]] = {}


def _items(rng: random.Random, words: list[str], weights: list[float], count: int,
           tag: str, per_visit: int = 1) -> list[ArticleRecord]:
    """``count`` new articles; ``per_visit`` consecutive ones published on consecutive days
    (several outlets reporting one visit)."""
    items = []
    day = START
    for i in range(count):
        body = " ".join(rng.choices(words, cum_weights=weights, k=100))
        if i % per_visit == 0:
            day = START + timedelta(days=rng.randrange(DAYS))
        else:
            day += timedelta(days=1)
        url = f"{INGEST_PREFIX}{tag}/{i}"
        items.append(ArticleRecord(
            url=url, canonical_url=url, source="ingest.example.id", title=f"Berita {i}",
            published_at=datetime(day.year, day.month, day.day, 9, tzinfo=UTC), author=None,
            text=body, language="id", content_hash=hashlib.sha1(body.encode()).hexdigest(),
            fetched_at=datetime.now(UTC),
        ))
    return items


def _visit(visitor: str, host: str, on: date | None, leader: str | None = None) -> EventRecord:
    return EventRecord(
        kind="kunjungan_kerja", visitor=Party(visitor, "Komisi A"), host=Party(host),
        date=on, topic="pengelolaan sampah", topic_category="lingkungan_energi",
        people=[PersonRecord(leader, "Ketua Komisi A", "visitor")] if leader else [],
        evidence=[Evidence("Rombongan berkunjung.", 0, 21)],
    )


def _rate(label: str, count: int, seconds: float, note: str = "", target: bool = True) -> float:
    rate = count / seconds
    INGEST_RESULTS.setdefault(label, []).append(rate)
    verdict = ("ok" if rate >= TARGET_INGEST_PER_S else "SLOW") if target else "info"
    print(f"ingest {label:<52} {rate:8.0f} articles/s  {note}  [{verdict}]", flush=True)
    return rate


def measure_ingest(url: str, count: int, seed: int) -> None:
    """One round of every ingest path on ``count`` new articles each."""
    rng = random.Random(seed + 1)
    words, weights = vocabulary(rng, 2_000)
    engine = make_engine(url)
    with engine.connect() as conn:
        names = list(conn.execute(select(Institution.name)).scalars())
    stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")
    one, many = (_items(rng, words, weights, count, f"{stamp}/{tag}") for tag in ("one", "many"))
    merging = _items(rng, words, weights, count, f"{stamp}/merge", per_visit=3)

    sink = DatabaseArticleSink(url)
    started = time.perf_counter()
    outcomes = [sink.store(item) for item in one]
    store_rate = _rate("sink.store, new articles (one transaction each)", count,
                       time.perf_counter() - started, f"({outcomes.count('new')} new)")
    again = time.perf_counter()
    repeat = [sink.store(item) for item in one[: count // 4]]
    _rate("sink.store, already stored", len(repeat), time.perf_counter() - again,
          f"({repeat.count('unchanged')} unchanged)", target=False)
    started = time.perf_counter()
    outcomes = sink.store_many(many)
    many_rate = _rate("sink.store_many, new articles (batches)", count,
                      time.perf_counter() - started, f"({outcomes.count('new')} new)")
    sink.store_many(merging)
    sink.close()

    with engine.connect() as conn:
        ids = dict(conn.execute(select(Article.canonical_url, Article.id).where(
            Article.canonical_url.like(f"{INGEST_PREFIX}{stamp}/%"))).all())

    def visit_of(item: ArticleRecord) -> EventRecord:
        visitor, host = rng.sample(names, 2)
        return _visit(visitor, host, item.published_at.date() if item.published_at else None)

    started = time.perf_counter()
    added = merged = 0
    for item in one:
        result = ingest_extraction(engine, ids[item.canonical_url], [visit_of(item)],
                                   "bench-ingest")
        added += result.added
        merged += result.merged
    extract_rate = _rate("ingest_extraction, 1 event (one transaction each)", count,
                         time.perf_counter() - started, f"({added} added, {merged} merged)")
    batch = [(ids[item.canonical_url], [visit_of(item)]) for item in many]
    started = time.perf_counter()
    results = ingest_extractions(engine, batch, "bench-ingest")
    batch_rate = _rate("ingest_extractions, 1 event (batches)", count,
                       time.perf_counter() - started,
                       f"({sum(r.added for r in results)} added, "
                       f"{sum(r.merged for r in results)} merged)")
    # A real visit is reported by several outlets: three articles per visit, published on
    # three days, the last one without a visit date, all naming the delegation's leader; the
    # later ones merge into the first's event (each merge re-folds the event).
    reports = []
    for n in range(0, len(merging) - 2, 3):
        visitor, host = rng.sample(names, 2)
        first = merging[n].published_at
        day = first.date() if first else None
        leader = f"Ketua {rng.choice(words)} {rng.choice(words)}".title()
        for k, item in enumerate(merging[n:n + 3]):
            reports.append((ids[item.canonical_url],
                            [_visit(visitor, host, day if k < 2 else None, leader)]))
    started = time.perf_counter()
    results = ingest_extractions(engine, reports, "bench-ingest")
    _rate("ingest_extractions, 3 outlets per visit (batches)", len(reports),
          time.perf_counter() - started,
          f"({sum(r.added for r in results)} added, {sum(r.merged for r in results)} merged)")
    combined = 1 / (1 / store_rate + 1 / extract_rate)
    INGEST_RESULTS.setdefault("store + extract, one transaction each", []).append(combined)
    print(f"ingest {'store + extract, one transaction each':<52} {combined:8.0f} articles/s")
    combined = 1 / (1 / many_rate + 1 / batch_rate)
    INGEST_RESULTS.setdefault("store + extract, batches", []).append(combined)
    print(f"ingest {'store + extract, batches':<52} {combined:8.0f} articles/s", flush=True)
    engine.dispose()


def remove_ingested(url: str) -> None:
    """Leave the database as built, so the next run measures the same thing."""
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(Article.__table__.delete().where(
            Article.canonical_url.like(f"{INGEST_PREFIX}%")))
        # mentions went with their articles (ON DELETE CASCADE): drop the events they held,
        # then the people only those events named
        conn.execute(Event.__table__.delete().where(
            ~select(EventMention.id).where(EventMention.event_id == Event.id).exists()))
        conn.execute(Person.__table__.delete().where(
            ~select(EventParticipant.id).where(EventParticipant.person_id == Person.id)
            .exists()))
    engine.dispose()
