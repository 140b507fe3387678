"""Two processes ingesting at once (cron overlap) never create duplicates."""

from __future__ import annotations

import hashlib
import multiprocessing
from datetime import UTC, date, datetime

from sqlalchemy import func, select

from storage.db import make_engine
from storage.models import Article, Event, EventMention, Institution, Person

ARTICLES = 12
PAIRS = (
    ("DPRD Provinsi Jambi", "DPRD Provinsi Kalimantan Barat"),
    ("DPRD Kota Padang", "DPRD Provinsi Bali"),
    ("DPRD Kabupaten Gianyar", "DPR RI"),
)


def _ingest(url: str, reverse: bool, start: multiprocessing.synchronize.Barrier) -> None:
    """Crawl and extract the same articles (in opposite orders in the two processes)."""
    from nlp.records import Event as EventRecord
    from nlp.records import Evidence, Party, Person
    from storage.article_sink import DatabaseArticleSink
    from storage.events import ingest_extraction
    from storage.records import ArticleRecord

    sink = DatabaseArticleSink(url)
    order = list(range(ARTICLES))[:: -1 if reverse else 1]
    start.wait(timeout=60)
    for n in order:  # every pair reported by four outlets: one visit each
        text = f"Laporan kunjungan nomor {n}."
        sink.store(ArticleRecord(
            url=f"https://outlet{n}.example.id/berita", canonical_url=f"https://outlet{n}.example.id/berita",
            source=f"outlet{n}.example.id", title=f"Kunjungan {n}",
            published_at=datetime(2025, 9, 18, 9, tzinfo=UTC), author=None, text=text,
            language="id", content_hash=hashlib.sha256(text.encode()).hexdigest(),
            fetched_at=datetime(2025, 9, 18, 10, tzinfo=UTC),
        ))
    engine = make_engine(url)
    with engine.connect() as conn:
        ids = dict(conn.execute(select(Article.canonical_url, Article.id)).all())
    for n in order:
        visitor, host = PAIRS[n % len(PAIRS)]
        record = EventRecord(
            kind="kunjungan_kerja", visitor=Party(visitor, "Komisi I"), host=Party(host),
            date=date(2025, 9, 17 + n % 2), topic=f"topik {n}",
            people=[Person("Rahmat Hidayat", "Ketua", "visitor")],
            evidence=[Evidence("Laporan kunjungan.", 0, 18)],
        )
        ingest_extraction(engine, ids[f"https://outlet{n}.example.id/berita"], [record], "v1")
    engine.dispose()
    sink.close()


def test_two_processes_ingesting_the_same_articles_create_no_duplicates(
    db_url: str, engine
) -> None:
    context = multiprocessing.get_context("spawn")  # no inherited connections or locks
    barrier = context.Barrier(2)
    workers = [context.Process(target=_ingest, args=(db_url, rev, barrier)) for rev in (0, 1)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert [w.exitcode for w in workers] == [0, 0]
    with engine.connect() as conn:
        def count(model) -> int:
            return conn.execute(select(func.count()).select_from(model)).scalar_one()

        assert count(Article) == ARTICLES
        assert count(Event) == len(PAIRS)
        assert count(EventMention) == ARTICLES
        assert count(Institution) == 6
        assert count(Person) == len(PAIRS)  # one Rahmat Hidayat per visiting institution
        counts = conn.execute(select(Event.mention_count)).scalars().all()
    assert sorted(counts) == [ARTICLES // len(PAIRS)] * len(PAIRS)
