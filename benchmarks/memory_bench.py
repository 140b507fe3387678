"""Memory: resident memory of ``kunker update`` (crawl, then extraction with the rules) over a
run of N generated pages, sampled every half second across the whole process tree. Reported:
the peak by the time 20 %, 50 % and 100 % of the pages were crawled, and of the articles
extracted. Targets: under 500 MB, and flat (the peak at N within 1.25x the peak at N/5).
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from pathlib import Path

from benchmarks.crawl_bench import FAST, kunker_env
from benchmarks.measure import Cost, run
from benchmarks.results import Figure, Report
from benchmarks.site import serving, write_site

SECTION = "Memory"
TARGET_MB = 500.0
TARGET_FLAT = 1.25
FRACTIONS = (0.2, 0.5, 1.0)


def _extracted(database: Path) -> int:
    if not database.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM articles "
                                "WHERE extracted_at IS NOT NULL").fetchone()[0]
    except sqlite3.Error:
        return 0


def peak_until(samples: list[tuple[float, float, tuple[int, int]]], which: int,
               count: int) -> float | None:
    """The highest RSS sampled up to the first sample where ``which`` reached ``count``."""
    peak = 0.0
    for _, rss, done in samples:
        peak = max(peak, rss)
        if done[which] >= count:
            return peak
    return None


def measure(report: Report, pages: int) -> Cost:
    from storage import upgrade

    with tempfile.TemporaryDirectory(prefix="kunker-bench-memory-") as tmp:
        root, home = Path(tmp) / "site", Path(tmp) / "home"
        write_site(root, pages)
        home.mkdir()
        env = kunker_env(home)
        upgrade(env["KUNKER_DATABASE_URL"])
        database = home / "kunker.sqlite"
        with serving(root) as site:
            (home / "sources.toml").write_text(
                f"[[source]]\nname = 'bench'\nfeeds = ['{site.url('rss.xml')}']\n",
                encoding="utf-8")
            env["KUNKER_SOURCES"] = str(home / "sources.toml")
            argv = [sys.executable, "-m", "kunker", "update", "--no-stanza", "--quiet"]
            for key, value in FAST.items():
                argv += ["--set", f"{key}={value}"]
            cost = run(argv, env, lambda: (site.served(), _extracted(database)))
            extracted = _extracted(database)
    crawled = max((s[2][0] for s in cost.samples), default=0)
    for which, label in ((0, "pages crawled"), (1, "articles extracted")):
        total = crawled if which == 0 else extracted
        base = None
        for fraction in FRACTIONS:
            count = int(total * fraction)
            peak = peak_until(cost.samples, which, count) if count else None
            if peak is None:
                continue
            if base is None:
                base = (peak, count)
                report.add(Figure(SECTION, f"peak RSS at {count:,} {label}", peak, "MB",
                                  target=("<", TARGET_MB)))
            else:
                report.add(Figure(SECTION, f"peak RSS at {count:,} {label}", peak, "MB",
                                  base[0], f"at {base[1]:,}", ("<=", TARGET_FLAT)))
    report.add(Figure(SECTION, f"peak RSS of the whole run, {pages:,} pages",
                      cost.peak_rss_mb, "MB", target=("<", TARGET_MB),
                      note="largest process, kernel's count"))
    report.note(SECTION, f"`kunker update --no-stanza` over {pages:,} generated pages: "
                f"{crawled:,} fetched, {extracted:,} extracted in {cost.wall:.0f} s "
                f"({cost.cpu:.0f} s CPU). RSS is the sum over the process tree (the CLI and "
                "its crawl child), sampled every 0.5 s.")
    return cost
