"""The PNG plots RESULTS.md links: resident memory over a crawl + extraction, and query
latency against database size. matplotlib is an optional dependency (``pip install
kunker[bench]``); without it the plots are skipped with a note."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

RSS_PLOT = "memory_rss.png"
LATENCY_PLOT = "storage_latency.png"


def _pyplot():  # type: ignore[no-untyped-def]
    import matplotlib

    matplotlib.use("Agg")  # files only, no display
    import matplotlib.pyplot as plt

    return plt


def rss_over_run(path: Path, samples: Sequence[tuple[float, float, tuple[int, int]]],
                 pages: int) -> None:
    plt = _pyplot()
    fig, rss_axis = plt.subplots(figsize=(8, 4.5), dpi=100)
    seconds = [s[0] for s in samples]
    rss_axis.plot(seconds, [s[1] for s in samples], color="tab:blue", label="RSS (MB)")
    rss_axis.set_xlabel("seconds since start")
    rss_axis.set_ylabel("resident memory, process tree (MB)")
    rss_axis.axhline(500, color="tab:red", linestyle="--", linewidth=1, label="target 500 MB")
    rss_axis.set_ylim(bottom=0)
    work = rss_axis.twinx()
    work.plot(seconds, [s[2][0] for s in samples], color="tab:green", linewidth=1,
              label="pages crawled")
    work.plot(seconds, [s[2][1] for s in samples], color="tab:orange", linewidth=1,
              label="articles extracted")
    work.set_ylabel("count")
    work.set_ylim(bottom=0)
    lines = rss_axis.get_legend_handles_labels()
    more = work.get_legend_handles_labels()
    rss_axis.legend(lines[0] + more[0], lines[1] + more[1], loc="lower right", fontsize=8)
    rss_axis.set_title(f"kunker update over {pages:,} generated pages: memory over the run")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def latency_by_size(path: Path, series: dict[str, list[tuple[int, float]]]) -> None:
    """``series``: label -> [(articles in the database, latency ms)]."""
    plt = _pyplot()
    fig, axis = plt.subplots(figsize=(8, 4.5), dpi=100)
    for label, points in sorted(series.items()):
        points = sorted(points)
        axis.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=label)
    axis.axhline(100, color="tab:red", linestyle="--", linewidth=1, label="target 100 ms")
    axis.set_xscale("log")
    axis.set_xlabel("articles in the database (events: one per five articles)")
    axis.set_ylabel("median query time (ms)")
    axis.set_title("Query latency against database size")
    axis.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
