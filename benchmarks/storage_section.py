"""Storage: ingest rate and query / full-text-search latency on a large synthetic database,
on SQLite and (when a server is given) PostgreSQL, through ``benchmarks/storage_bench.py``.

The database is built once per size and kept in ``benchmarks/out/`` (SQLite) or as the
PostgreSQL database ``kunker_bench_<articles>_<events>``: building 1M articles takes minutes,
measuring it far less. Targets (issue 5): every query < 100 ms, ingest >= 500 articles/s.
"""

from __future__ import annotations

import multiprocessing
import statistics
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from benchmarks import ingest_bench, storage_bench
from benchmarks.results import Figure, Report

SECTION = "Storage"
OUT = Path(__file__).resolve().parent / "out"


def sqlite_url(articles: int, events: int, directory: Path = OUT) -> str:
    directory.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{directory / f'storage-{articles}-{events}.sqlite'}"


def postgres_url(admin_url: str, articles: int, events: int) -> str:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"kunker_bench_{articles}_{events}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                                  {"n": name}).first()
            if not exists:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def prebuild(databases: Sequence[tuple[str, int, int]], seed: int = 7, workers: int = 2
             ) -> float:
    """Build every (url, articles, events) database not built yet, ``workers`` at a time, before
    anything is timed: the SQLite and PostgreSQL builds of 1M articles take some six minutes
    each, mostly generating rows in Python, and run side by side on two cores. Returns the
    seconds spent."""
    started = time.perf_counter()
    context = multiprocessing.get_context("spawn")  # no forked SQLAlchemy engines
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for done in [pool.submit(storage_bench.build, url, articles, events, seed)
                     for url, articles, events in databases]:
            done.result()  # a failed build fails the section with its own error
    return time.perf_counter() - started


def measure_backend(report: Report, label: str, url: str, articles: int, events: int,
                    ingest: int, runs: int, seed: int = 7) -> None:
    started = time.perf_counter()
    storage_bench.build(url, articles, events, seed)
    storage_bench.upgrade(url)  # a database built by an older kunker gets newer revisions
    storage_bench.fill_places(url)
    ingest_bench.remove_ingested(url)  # left over by an interrupted run
    built = time.perf_counter() - started
    storage_bench.QUERY_RESULTS.clear()
    ingest_bench.INGEST_RESULTS.clear()
    storage_bench.measure_queries(url, runs)
    ingest_bench.measure_ingest(url, ingest, seed)
    ingest_bench.remove_ingested(url)
    size = f"{articles:,} articles / {events:,} events"
    slowest = max(storage_bench.QUERY_RESULTS, key=lambda r: r[1])
    for name, median in storage_bench.QUERY_RESULTS:
        report.add(Figure(f"{SECTION} ({label})", name, median, "ms",
                          target=("<", storage_bench.TARGET_QUERY_MS),
                          note="slowest" if (name, median) == slowest else ""))
    for name, rates in ingest_bench.INGEST_RESULTS.items():
        target = None if "already" in name else (">=", ingest_bench.TARGET_INGEST_PER_S)
        report.add(Figure(f"{SECTION} ({label})", f"ingest: {name}",
                          statistics.median(rates), "articles/s", target=target))
    report.note(f"{SECTION} ({label})", f"{size}; queries: median of {runs} runs; ingest: "
                f"{ingest} new articles per path; set-up (build or reuse, upgrade) "
                f"{built:.0f} s.")


def latency_points(url: str, articles: int, events: int, runs: int,
                   seed: int = 7) -> dict[str, float]:
    """Median time of each query on a database of ``articles``/``events`` (built if new)."""
    storage_bench.build(url, articles, events, seed)
    storage_bench.upgrade(url)
    storage_bench.fill_places(url)
    storage_bench.QUERY_RESULTS.clear()
    storage_bench.measure_queries(url, runs)
    return dict(storage_bench.QUERY_RESULTS)
