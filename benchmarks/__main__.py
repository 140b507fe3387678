"""``python -m benchmarks``: run the benchmark suite and rewrite RESULTS.md and its plots.

    python -m benchmarks                  # the full suite (~15 minutes on 2 cores)
    python -m benchmarks --smoke          # every section on a few items (CI: seconds)
    python -m benchmarks --scale 0.1      # storage and memory at a tenth of their size
    python -m benchmarks --only crawl --only html

Sections: crawl, html, nlp, storage, memory. PostgreSQL is measured when
``--postgres-url`` (default: KUNKER_BENCH_POSTGRES_URL, else KUNKER_TEST_POSTGRES_URL) names
a server. Exits 1 when a section failed (the others are still reported).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks import machine, plots
from benchmarks.results import Report, write_results

HERE = Path(__file__).resolve().parent
FIXES = HERE / "FIXES.md"
SECTIONS = ("crawl", "html", "nlp", "storage", "memory")


@dataclass(frozen=True, slots=True)
class Sizes:
    crawl_pages: int
    crawl_rounds: int
    html_pages: int
    stanza_pages: int
    nlp_limit: int | None
    stanza_articles: int
    storage_articles: int
    storage_events: int
    ingest: int
    query_runs: int
    latency_sizes: tuple[int, ...]
    memory_pages: int

    @classmethod
    def of(cls, smoke: bool, scale: float) -> Sizes:
        if smoke:
            return cls(20, 1, 10, 0, 20, 0, 2_000, 400, 50, 1, (500, 2_000), 40)

        def scaled(n: int) -> int:
            return max(100, int(n * scale))

        return cls(2_000, 2, 300, 10, None, 20, scaled(1_000_000), scaled(200_000), 2_000, 5,
                   tuple(scaled(n) for n in (10_000, 100_000, 1_000_000)), scaled(10_000))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="a few items per section")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="storage and memory sizes times this (default 1: 1M articles)")
    parser.add_argument("--only", action="append", choices=SECTIONS,
                        help="run only this section (repeatable)")
    parser.add_argument("--output", type=Path, default=HERE,
                        help="where RESULTS.md and the plots go (default: benchmarks/)")
    parser.add_argument("--cache", type=Path, default=HERE / "out",
                        help="where the storage benchmark keeps its SQLite databases")
    parser.add_argument("--postgres-url", default=os.environ.get("KUNKER_BENCH_POSTGRES_URL")
                        or os.environ.get("KUNKER_TEST_POSTGRES_URL"),
                        help="an admin URL of a PostgreSQL server (databases are created)")
    args = parser.parse_args(argv)
    if args.scale <= 0:
        parser.error("--scale must be positive")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    sizes = Sizes.of(args.smoke, args.scale)
    args.output.mkdir(parents=True, exist_ok=True)
    report = Report()
    loads = [machine.load_per_core()]
    started = time.perf_counter()
    failed: list[str] = []
    for name in args.only or SECTIONS:
        print(f"benchmarks: {name} ...", file=sys.stderr, flush=True)
        section_started = time.perf_counter()
        try:
            RUNNERS[name](report, sizes, args)
        except Exception as exc:  # report the others; the failure is in RESULTS.md
            traceback.print_exc()
            failed.append(name)
            report.skipped[name] = f"the section failed: {type(exc).__name__}: {exc}"
        loads.append(machine.load_per_core())
        print(f"benchmarks: {name} done in {time.perf_counter() - section_started:.0f} s",
              file=sys.stderr, flush=True)
    elapsed = time.perf_counter() - started
    command = "python -m benchmarks" + "".join(f" {a}" for a in (argv or sys.argv[1:]))
    header = [
        "# kunker benchmarks",
        "",
        f"Written by `{command}` in {elapsed / 60:.1f} minutes. Every ratio is against a "
        "reference measured in the same run; `met`/`missed` is the ratio (or the value, "
        "where there is no reference) against the target.",
        "",
        *machine.describe(loads),
    ]
    if args.smoke:
        header += ["", "**Smoke run**: a few items per section, to check that the suite "
                   "runs; its numbers mean nothing."]
    epilogue = [FIXES.read_text(encoding="utf-8")] if FIXES.is_file() and not args.smoke else []
    write_results(args.output / "RESULTS.md", report, header, epilogue)
    print(f"benchmarks: wrote {args.output / 'RESULTS.md'} ({elapsed:.0f} s)", file=sys.stderr)
    return 1 if failed else 0


def _crawl(report: Report, sizes: Sizes, args: argparse.Namespace) -> None:
    from benchmarks import crawl_bench

    crawl_bench.measure(report, sizes.crawl_pages, sizes.crawl_rounds)


def _html(report: Report, sizes: Sizes, args: argparse.Namespace) -> None:
    from benchmarks import html_bench

    html_bench.measure(report, sizes.html_pages, sizes.stanza_pages)


def _nlp(report: Report, sizes: Sizes, args: argparse.Namespace) -> None:
    from benchmarks import nlp_bench

    nlp_bench.measure(report, sizes.nlp_limit, sizes.stanza_articles)


def _storage(report: Report, sizes: Sizes, args: argparse.Namespace) -> None:
    from benchmarks import storage_section as storage

    backends = [("SQLite", lambda a, e: storage.sqlite_url(a, e, args.cache))]
    if args.postgres_url:
        backends.append(("PostgreSQL", lambda a, e: storage.postgres_url(args.postgres_url, a, e)))
    else:
        report.note("Storage (PostgreSQL)", "not measured: no --postgres-url")
    # the sizes the loop below measures (the full one, the latency plot's others), largest
    # first so that the two longest builds run side by side
    main_size = (sizes.storage_articles, sizes.storage_events)
    shapes = [main_size] + [(n, n // 5) for n in sizes.latency_sizes if n != main_size[0]]
    built = storage.prebuild(sorted(((url_of(n, e), n, e) for _, url_of in backends
                                     for n, e in shapes), key=lambda job: -job[1]))
    report.note("Storage (SQLite)", f"databases built or found in {built:.0f} s, two at a "
                "time, before any query was timed")
    series: dict[str, list[tuple[int, float]]] = {}
    for label, url_of in backends:
        articles, events = sizes.storage_articles, sizes.storage_events
        storage.measure_backend(report, label, url_of(articles, events), articles, events,
                                sizes.ingest, sizes.query_runs)
        full = {f.name: f.value for f in report.figures
                if f.section == f"{storage.SECTION} ({label})" and f.unit == "ms"}
        for n in sizes.latency_sizes:
            found = full if n == articles else storage.latency_points(
                url_of(n, n // 5), n, n // 5, max(1, sizes.query_runs // 2))
            _add_latency(series, label, n, found)
    if any(len(points) > 1 for points in series.values()):
        _plot(report, "query latency against database size", plots.LATENCY_PLOT,
              lambda path: plots.latency_by_size(path, series), args.output)


def _add_latency(series: dict[str, list[tuple[int, float]]], label: str, articles: int,
                 found: dict[str, float]) -> None:
    if not found:
        return
    ordered = sorted(found.values())
    series.setdefault(f"{label}: slowest query", []).append((articles, ordered[-1]))
    series.setdefault(f"{label}: median query", []).append(
        (articles, ordered[len(ordered) // 2]))


def _memory(report: Report, sizes: Sizes, args: argparse.Namespace) -> None:
    from benchmarks import memory_bench

    cost = memory_bench.measure(report, sizes.memory_pages)
    if cost.samples:
        _plot(report, "memory over a crawl + extraction", plots.RSS_PLOT,
              lambda path: plots.rss_over_run(path, cost.samples, sizes.memory_pages),
              args.output)


def _plot(report: Report, caption: str, name: str, draw: Callable[[Path], None],
          output: Path) -> None:
    try:
        draw(output / name)
    except ImportError:
        report.note("Plots", f"{caption}: not drawn, matplotlib is not installed "
                    "(pip install 'kunker[bench]')")
        return
    report.plots.append((caption, name))


RUNNERS: dict[str, Callable[[Report, Sizes, argparse.Namespace], None]] = {
    "crawl": _crawl, "html": _html, "nlp": _nlp, "storage": _storage, "memory": _memory,
}

if __name__ == "__main__":
    sys.exit(main())
