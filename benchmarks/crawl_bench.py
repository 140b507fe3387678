"""Crawl: kunker (politeness off) against a bare Scrapy spider fetching the same pages with
the same concurrency, both as the command a user runs, on a generated site served by another
process. Pages per second, CPU seconds per page (the whole process tree) and peak memory.
Target: kunker's throughput >= 0.7x bare Scrapy's.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path

from benchmarks.measure import Cost, run
from benchmarks.results import Figure, Report
from benchmarks.site import Site, serving, write_site

SECTION = "Crawl"
CONCURRENCY = 8
# kunker's polite defaults switched off, for the benchmark only (as crawler.run's
# LOCAL_SITE_SETTINGS does for tests): the same concurrency as the bare spider.
FAST = {"DOWNLOAD_DELAY": "0", "DOWNLOAD_DELAY_JITTER": "0", "AUTOTHROTTLE_ENABLED": "False",
        "CONCURRENT_REQUESTS": str(CONCURRENCY),
        "CONCURRENT_REQUESTS_PER_DOMAIN": str(CONCURRENCY), "RETRY_TIMES": "0"}
TARGET_RATIO = 0.7


def kunker_argv(feed: str) -> list[str]:
    argv = [sys.executable, "-m", "kunker", "crawl", "--feed", feed]
    for key, value in FAST.items():
        argv += ["--set", f"{key}={value}"]
    return argv


def kunker_env(home: Path) -> dict[str, str]:
    return {**os.environ, "KUNKER_HOME": str(home),
            "KUNKER_DATABASE_URL": f"sqlite:///{home / 'kunker.sqlite'}"}


def crawl_kunker(site: Site, home: Path) -> tuple[Cost, int]:
    from storage import upgrade

    home.mkdir(parents=True, exist_ok=True)
    upgrade(kunker_env(home)["KUNKER_DATABASE_URL"])  # `kunker db upgrade`, not timed
    before = site.served()
    cost = run(kunker_argv(site.url("rss.xml")), kunker_env(home))
    return cost, site.served() - before


def crawl_bare(site: Site) -> tuple[Cost, int]:
    before = site.served()
    cost = run([sys.executable, "-m", "benchmarks.bare_spider", site.url("rss.xml"),
                str(CONCURRENCY)])
    return cost, site.served() - before


def measure(report: Report, pages: int, rounds: int) -> None:
    with tempfile.TemporaryDirectory(prefix="kunker-bench-crawl-") as tmp:
        root = Path(tmp) / "site"
        write_site(root, pages)
        kunker: list[tuple[Cost, int]] = []
        bare: list[tuple[Cost, int]] = []
        with serving(root) as site:
            for n in range(rounds):  # paired and alternated: drift in load hits both
                if n % 2:
                    kunker.append(crawl_kunker(site, Path(tmp) / f"home{n}"))
                    bare.append(crawl_bare(site))
                else:
                    bare.append(crawl_bare(site))
                    kunker.append(crawl_kunker(site, Path(tmp) / f"home{n}"))
    for name, runs in (("kunker", kunker), ("bare Scrapy", bare)):
        fetched = {n for _, n in runs}
        if fetched != {pages}:
            report.note(SECTION, f"{name} fetched {sorted(fetched)} of {pages} pages")
    k_rate = statistics.median(n / c.wall for c, n in kunker)
    b_rate = statistics.median(n / c.wall for c, n in bare)
    k_cpu = statistics.median(c.cpu / max(n, 1) * 1000 for c, n in kunker)
    b_cpu = statistics.median(c.cpu / max(n, 1) * 1000 for c, n in bare)
    report.add(Figure(SECTION, f"crawl throughput, {pages} pages", k_rate, "pages/s",
                      b_rate, "bare Scrapy", (">=", TARGET_RATIO),
                      note=f"median of {rounds}"))
    report.add(Figure(SECTION, "CPU per page (process tree)", k_cpu, "ms", b_cpu,
                      "bare Scrapy"))
    report.add(Figure(SECTION, "peak RSS of the crawl", max(c.peak_rss_mb for c, _ in kunker),
                      "MB", max(c.peak_rss_mb for c, _ in bare), "bare Scrapy"))
    report.note(SECTION, "walls per run: kunker " + ", ".join(f"{c.wall:.1f} s" for c, _ in kunker)
                + "; bare Scrapy " + ", ".join(f"{c.wall:.1f} s" for c, _ in bare)
                + f" (both include interpreter start-up; concurrency {CONCURRENCY}).")
