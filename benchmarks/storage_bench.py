"""Storage at scale: 1,000,000 articles and 200,000 events, then time queries and ingest.

    .venv/bin/python benchmarks/storage_bench.py                     # SQLite in benchmarks/out/
    .venv/bin/python benchmarks/storage_bench.py --url postgresql://postgres@127.0.0.1/bench
    .venv/bin/python benchmarks/storage_bench.py --articles 100000 --events 20000   # quicker
    .venv/bin/python benchmarks/storage_bench.py --only ingest --rounds 5           # reuse a build

The synthetic base is loaded with bulk inserts (the full-text index is filled by the same
triggers / generated columns the application uses) once; later runs reuse it, after applying
newer migrations. Ingest (``benchmarks/ingest_bench.py``) is measured through the real
paths, on new articles each round: ``DatabaseArticleSink.store`` (one transaction per
article, as the crawler calls it) and ``store_many`` (batches), ``ingest_extraction`` (one
transaction per article) and ``ingest_extractions`` (batches; also with three outlets
reporting each visit, so that most reports merge). Each round's articles and events are
deleted afterwards, so every run measures the same database. Targets (issue 5): each query
under 100 ms, ingest at least 500 articles/s. Prints one line per measurement, then a
summary (query: median of ``--runs``, ingest: median of ``--rounds``).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select, text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nlp.gazetteer import gazetteer
from storage import (
    EventFilter,
    event_stats,
    list_events,
    make_engine,
    search_articles,
    search_events,
    session_factory,
    upgrade,
)
from storage.lookups import describe, province_of
from storage.models import (
    Article,
    Event,
    EventMention,
    Institution,
    Source,
)

TARGET_QUERY_MS = 100.0
CHUNK = 5_000
START = date(2020, 1, 1)
DAYS = 6 * 365
TOPIC_WORDS = (
    "sampah", "perda", "anggaran", "pariwisata", "pendidikan", "kesehatan", "jalan", "irigasi",
    "pertanian", "UMKM", "retribusi", "pajak", "stunting", "banjir", "tambang", "listrik",
    "air", "bersih", "pelabuhan", "koperasi", "nelayan", "ketenagakerjaan", "perizinan",
    "rumah", "sakit", "sekolah", "budaya", "desa",
)
COMMON = (
    "yang", "dan", "di", "ke", "dari", "untuk", "dengan", "ini", "itu", "dalam", "pada",
    "akan", "tidak", "juga", "kami", "mereka", "DPRD", "kunjungan", "kerja", "komisi",
    "provinsi", "kabupaten", "kota", "pemerintah", "rapat", "anggota", "ketua", "daerah",
    "studi", "banding", "konsultasi", "masyarakat", "program", "kegiatan", "tahun",
)
KINDS = ("kunjungan_kerja", "studi_banding", "konsultasi", "audiensi")
CATEGORIES = ("legislasi", "anggaran_keuangan", "pemerintahan", "ekonomi", "infrastruktur",
              "kesehatan", "pendidikan", "lingkungan_energi", "lainnya")


def vocabulary(rng: random.Random, size: int = 20_000) -> tuple[list[str], list[float]]:
    """Common words first, then topic words, then pseudo-words; Zipf-like weights."""
    syllables = [c + v for c in "bcdghjklmnprstwy" for v in "aiueo"]
    pseudo = {"".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(size * 2)}
    words = [*COMMON, *TOPIC_WORDS, *sorted(pseudo)[: size - len(COMMON) - len(TOPIC_WORDS)]]
    weights = list(itertools.accumulate(1.0 / (rank + 10) for rank in range(len(words))))
    return words, weights


def institution_names() -> list[str]:
    gaz = gazetteer()
    names = ["DPR RI", "DPD RI", "MPR RI", "Kementerian Dalam Negeri"]
    for region in gaz.by_code.values():
        if region.type != "kecamatan" and not region.administrative:
            names.append(gaz.legislature_name(region))
            if region.type == "provinsi":
                names.append(gaz.executive_name(region))
    return sorted(set(names))


def timed(label: str, fn: Callable[[], Any], runs: int = 7) -> float:
    times = []
    result: Any = None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - started) * 1000)
    median = statistics.median(times)
    size = len(result) if hasattr(result, "__len__") else result
    verdict = "ok" if median < TARGET_QUERY_MS else "SLOW"
    print(f"query  {label:<52} median {median:7.1f} ms  first {times[0]:7.1f} ms  "
          f"rows {size}  [{verdict}, target < {TARGET_QUERY_MS:.0f} ms]", flush=True)
    return median


def build(url: str, n_articles: int, n_events: int, seed: int) -> None:
    rng = random.Random(seed)
    words, weights = vocabulary(rng)
    upgrade(url)
    engine = make_engine(url)
    postgres = engine.dialect.name == "postgresql"
    started = time.perf_counter()
    with engine.begin() as conn:
        if conn.execute(select(func.count()).select_from(Article)).scalar_one():
            print("database already has articles; reusing it (delete it to rebuild)")
            return
        if postgres:  # build the GIN index once at the end instead of row by row
            conn.execute(text("DROP INDEX ix_articles_search_vector"))
        conn.execute(insert(Source), [{"host": f"outlet{i}.example.id",
                                       "created_at": datetime.now(UTC)} for i in range(60)])
        names = institution_names()
        described = [(n, describe(n)) for n in names]
        conn.execute(insert(Institution), [
            {"name": n, "kind": d.kind, "level": d.level, "region_code": d.region_code}
            for n, d in described
        ])
        institutions = conn.execute(select(Institution.id, Institution.region_code)).all()
    print(f"build  {len(names)} institutions", flush=True)

    def article_rows(start: int, count: int) -> Iterator[dict[str, Any]]:
        for i in range(start, start + count):
            day = START + timedelta(days=rng.randrange(DAYS))
            body = " ".join(rng.choices(words, cum_weights=weights, k=rng.randint(60, 140)))
            title = " ".join(rng.choices(words, cum_weights=weights, k=8))
            published = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
            yield {
                "canonical_url": f"https://outlet{i % 60}.example.id/berita/{i}",
                "url": f"https://outlet{i % 60}.example.id/berita/{i}?page=1",
                "source_id": i % 60 + 1, "content_hash": hashlib.sha1(body.encode()).hexdigest(),
                "title": title, "published_at": published, "published_date": day,
                "author": None, "text": body, "relevant": True, "language": "id",
                "fetched_at": published, "updated_at": published,
                "extractor_version": "bench", "extracted_at": published,
            }

    for start in range(0, n_articles, CHUNK):
        with engine.begin() as conn:
            conn.execute(insert(Article), list(article_rows(start, min(CHUNK, n_articles - start))))
        if (start // CHUNK) % 20 == 0:
            print(f"build  articles {start + CHUNK:>9} {time.perf_counter() - started:7.0f} s",
                  flush=True)
    _build_events(engine, rng, institutions, n_articles, n_events)
    with engine.begin() as conn:
        if postgres:
            conn.execute(text("CREATE INDEX ix_articles_search_vector ON articles "
                              "USING gin (search_vector)"))
        conn.execute(text("ANALYZE"))
    if postgres:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    print(f"build  done in {time.perf_counter() - started:.0f} s", flush=True)
    engine.dispose()


PLACE_KNOWN = 0.8  # share of events whose article names where the meeting took place


def _place(rng: random.Random, host_region_code: str | None) -> str | None:
    """Where the meeting was: the host's region for most visits (as extraction finds it),
    unknown for the rest; a database without any would mislead SQLite's planner."""
    return host_region_code if rng.random() < PLACE_KNOWN else None


def fill_places(url: str) -> None:
    """Give a database built before events had places (all NULL) the places ``build`` now
    writes, and refresh the planner's statistics."""
    engine = make_engine(url)
    with engine.begin() as conn:
        known = conn.execute(select(func.count(Event.location_region_code))).scalar_one()
        if known or not conn.execute(select(func.count(Event.id))).scalar_one():
            engine.dispose()
            return
        conn.execute(text("UPDATE events SET location_region_code = host_region_code "
                          "WHERE id % 5 <> 0"))
        conn.execute(text("ANALYZE"))
    engine.dispose()
    print("build  filled in the places of events", flush=True)


def _build_events(engine: Any, rng: random.Random, institutions: list[Any],
                  n_articles: int, n_events: int) -> None:
    seen: set[tuple[str, date]] = set()
    rows: list[dict[str, Any]] = []
    mentions: list[dict[str, Any]] = []
    event_id = 0
    while event_id < n_events:
        visitor, host = rng.sample(institutions, 2)
        day = START + timedelta(days=rng.randrange(DAYS))
        key = f"{visitor.id}>{host.id}"
        if (key, day) in seen:
            continue
        seen.add((key, day))
        event_id += 1
        topic = " ".join(rng.sample(list(TOPIC_WORDS), 3))
        rows.append({
            "id": event_id, "kind": rng.choice(KINDS), "visitor_institution_id": visitor.id,
            "visitor_unit": f"Komisi {rng.choice('ABCD')}", "host_institution_id": host.id,
            "host_unit": None, "host_region": None, "host_region_code": host.region_code,
            "host_province": province_of(host.region_code),
            "visitor_region_code": visitor.region_code,
            "visitor_province": province_of(visitor.region_code),
            "date": day, "first_reported": day, "last_reported": day, "sort_date": day,
            "location": None, "location_region_code": _place(rng, host.region_code),
            "topic": topic, "topic_category": rng.choice(CATEGORIES),
            "confidence": 0.8, "provenance": {}, "merge_key": key, "mention_count": 1,
            "created_at": datetime.now(UTC), "updated_at": datetime.now(UTC),
        })
        mentions.append({
            "event_id": event_id, "article_id": rng.randrange(1, n_articles + 1),
            "ordinal": event_id, "record": {"kind": "kunjungan_kerja", "topic": topic},
            "evidence": [{"text": "Rombongan berkunjung.", "start": 0, "end": 21}],
            "extractor_version": "bench", "created_at": datetime.now(UTC),
        })
        if len(rows) == CHUNK or event_id == n_events:
            with engine.begin() as conn:
                conn.execute(insert(Event), rows)
                conn.execute(insert(EventMention), mentions)
            rows, mentions = [], []
    if engine.dialect.name == "postgresql":  # explicit ids: move the sequence past them
        with engine.begin() as conn:
            conn.execute(text("SELECT setval('events_id_seq', (SELECT max(id) FROM events))"))
    print(f"build  {n_events} events", flush=True)


QUERY_RESULTS: list[tuple[str, float]] = []


def measure_queries(url: str, runs: int) -> None:
    engine = make_engine(url)
    with session_factory(engine)() as s:
        some = s.execute(select(Institution.name).where(Institution.name.like("DPRD Kota %"))
                         .order_by(Institution.id).limit(1)).scalar_one()
        year = EventFilter(region="13", date_from=date(2023, 1, 1), date_to=date(2023, 12, 31))
        cases: list[tuple[str, Callable[[], Any]]] = [
            ("events: region 13 (incl. kab/kota), 2023, page 1",
             lambda: list_events(s, year)),
            ("events: region 13 + kind studi_banding + category",
             lambda: list_events(s, EventFilter(region="13", kind="studi_banding",
                                                topic_category="ekonomi"))),
            (f"events: institution '{some}' either side",
             lambda: list_events(s, EventFilter(institution=some))),
            ("events: no filter, newest page 100", lambda: list_events(s, None, offset=5000)),
            ("search articles 'studi banding sampah' (relevance)",
             lambda: search_articles(s, "studi banding sampah", order="relevance")),
            ("search articles 'kunjungan kerja DPRD' (relevance)",
             lambda: search_articles(s, "kunjungan kerja DPRD", order="relevance")),
            ("search articles 'studi banding sampah' (newest)",
             lambda: search_articles(s, "studi banding sampah", order="newest")),
            ("search articles rare word 'stunting nelayan'",
             lambda: search_articles(s, "stunting nelayan")),
            ("search events 'sampah irigasi'", lambda: search_events(s, "sampah irigasi")),
            ("search events 'sampah' + region 13",
             lambda: search_events(s, "sampah", EventFilter(region="13"))),
            ("stats: visits per month, region 13",
             lambda: event_stats(s, "month", EventFilter(region="13"))),
            ("stats: top destinations, region 13 visitors",
             lambda: event_stats(s, "destination", EventFilter(region="13", side="visitor"))),
            # the extremes: a word no article has, one in 0.15% of them (with the default seed)
            ("search articles 'zzzznotaword' (newest)", lambda: search_articles(s, "zzzznotaword")),
            ("search articles 'hominogi' (relevance)",
             lambda: search_articles(s, "hominogi", order="relevance")),
            ("search events 'hominogi'", lambda: search_events(s, "hominogi")),
        ]
        for label, fn in cases:
            QUERY_RESULTS.append((label, timed(label, fn, runs)))
    engine.dispose()


def summary(url: str) -> None:
    from benchmarks.ingest_bench import INGEST_RESULTS, TARGET_INGEST_PER_S

    backend = "PostgreSQL" if url.startswith("postgres") else "SQLite"
    print(f"\nSUMMARY ({backend}; queries: median of runs, ingest: median of rounds)")
    for label, median in QUERY_RESULTS:
        verdict = "ok" if median < TARGET_QUERY_MS else "SLOW"
        print(f"  {label:<58} {median:8.1f} ms         [{verdict}, < {TARGET_QUERY_MS:.0f} ms]")
    for label, rates in INGEST_RESULTS.items():
        rate = statistics.median(rates)
        verdict = "info" if "already" in label else (
            "ok" if rate >= TARGET_INGEST_PER_S else "SLOW")
        print(f"  {label:<58} {rate:8.0f} articles/s [{verdict}, >= {TARGET_INGEST_PER_S:.0f}/s]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default = Path(__file__).resolve().parent / "out" / "storage_bench.sqlite"
    parser.add_argument("--url", default=f"sqlite:///{default}")
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--ingest", type=int, default=2_000, help="articles per ingest path")
    parser.add_argument("--rounds", type=int, default=3, help="ingest rounds (median)")
    parser.add_argument("--runs", type=int, default=7, help="runs per query (median)")
    parser.add_argument("--only", choices=("all", "queries", "ingest"), default="all")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    from benchmarks.ingest_bench import measure_ingest, remove_ingested

    if args.url.startswith("sqlite:///"):
        Path(args.url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
    print(f"storage benchmark on {args.url}: {args.articles} articles, {args.events} events")
    build(args.url, args.articles, args.events, args.seed)
    upgrade(args.url)  # a database built by an older kunker gets the newer revisions
    fill_places(args.url)
    remove_ingested(args.url)  # left over by an interrupted run
    if args.only in ("all", "queries"):
        measure_queries(args.url, args.runs)
    if args.only in ("all", "ingest"):
        for round_ in range(args.rounds):
            measure_ingest(args.url, args.ingest, args.seed + round_)
            remove_ingested(args.url)
    summary(args.url)


if __name__ == "__main__":
    main()
