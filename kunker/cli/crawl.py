"""``kunker crawl``: fetch new articles from the configured outlets or an ad-hoc feed.

The crawl runs in a child process (``crawler.run.run_crawl``); this module picks the sources
and the target, shows progress on a terminal and prints the per-source summary.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from kunker.cli.app import app
from kunker.errors import KunkerError

if TYPE_CHECKING:
    from crawler.run import ProgressEvent
    from crawler.summary import CrawlSummary

SUMMARY_COLUMNS = ("source", "found", "fetch", "new", "upd", "rel", "known", "old", "drop", "err")
SUMMARY_LEGEND = (
    "found: article links discovered · new/upd: stored new/updated · rel: kept with text "
    "(mentions a legislative body) · known: already stored, not fetched · old: older than "
    "--since · drop: not an article · err: download errors"
)


@app.command("crawl")
def crawl(
    source: list[str] = typer.Option(
        [], "--source", "-s", help="Crawl only this configured source (repeatable)."
    ),
    feed: list[str] = typer.Option([], "--feed", help="Ad-hoc RSS/Atom feed URL (repeatable)."),
    sitemap: list[str] = typer.Option(
        [], "--sitemap", help="Ad-hoc XML or Google News sitemap URL (repeatable)."
    ),
    start_url: list[str] = typer.Option(
        [], "--start-url", help="Ad-hoc listing page URL; its pagination is followed."
    ),
    since: str | None = typer.Option(
        None, "--since", help="Skip articles older than this date (YYYY-MM-DD)."
    ),
    jsonl: Path | None = typer.Option(
        None, "--jsonl", help="Write articles as JSON lines to this file instead of the database."
    ),
    max_articles: int | None = typer.Option(
        None, "--max-articles", min=1, help="Fetch at most this many articles per source."
    ),
    http_cache: bool = typer.Option(
        False, "--http-cache", help="Cache pages on disk (development: re-runs hit no server)."
    ),
    set_: list[str] = typer.Option(
        [], "--set", metavar="NAME=VALUE", help="Override a Scrapy setting (repeatable)."
    ),
) -> None:
    """Fetch articles not stored yet and store them (already stored URLs are never fetched).

    Without --source/--feed/--sitemap/--start-url every configured source is crawled.
    Ad-hoc URLs use generic extraction (JSON-LD, meta tags, trafilatura).

    Example: kunker crawl --feed https://sumbar.antaranews.com/rss/terkini.xml --since 2025-06-01

    Example: kunker crawl --source detik-news --jsonl detik.jsonl --set DOWNLOAD_DELAY=3
    """
    from crawler.dates import since_datetime
    from crawler.run import run_crawl
    from crawler.settings import USER_AGENT_TEMPLATE
    from crawler.sources import adhoc_source, default_sources, find_source, load_sources
    from kunker.config import load_settings

    settings = load_settings()
    try:
        since_value = since_datetime(since)
    except ValueError as exc:
        raise KunkerError(f"--since: {exc}") from exc
    sources = [adhoc_source("feed", url) for url in feed]
    sources += [adhoc_source("sitemap", url) for url in sitemap]
    sources += [adhoc_source("start-url", url) for url in start_url]
    if source or not sources:
        configured = load_sources(settings.sources_file)
        if source:
            sources += [find_source(configured, name, settings.sources_file) for name in source]
        else:
            sources += default_sources(configured)  # GDELT entries only when named
    target = f"jsonl:{jsonl}" if jsonl else _database_target(settings.database_url, settings.home)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    log_file = settings.log_dir / f"crawl-{stamp}.log"
    overrides: dict[str, str] = {
        "USER_AGENT": USER_AGENT_TEMPLATE.format(contact=settings.user_agent_contact)
    }
    for item in set_:
        key, sep, value = item.partition("=")
        if not sep or not key.strip().isupper():
            raise KunkerError(f"--set {item!r}: use NAME=VALUE, e.g. --set DOWNLOAD_DELAY=0")
        overrides[key.strip()] = value.strip()
    if http_cache:
        overrides["HTTPCACHE_DIR"] = str(settings.home / "httpcache")
    if not jsonl:  # a database that cannot be opened is said before anything is fetched
        from kunker.cli.database import database_errors
        from storage import open_database

        with database_errors(target):
            open_database(target).dispose()
    console = Console()
    with _progress(console) as on_progress:
        summary = run_crawl(
            sources,
            target,
            since_value,
            settings=overrides,
            log_file=log_file,
            max_articles=max_articles,
            http_cache=http_cache,
            on_progress=on_progress,
        )
    print_summary(console, summary)
    if summary.stopped:
        raise KunkerError(summary.stopped)
    _fail_when_nothing_was_read(summary, jsonl)


def _fail_when_nothing_was_read(summary: CrawlSummary, jsonl: Path | None) -> None:
    """A crawl none of whose sources could be read failed (exit 1, the causes on one line);
    a --jsonl file it left empty is removed so no one mistakes it for a result."""
    failed = {name: s for name, s in summary.sources.items()
              if s.listing_pages == 0 and s.errors_total}
    if not summary.sources or len(failed) < len(summary.sources):
        return
    if jsonl is not None and jsonl.is_file() and jsonl.stat().st_size == 0:
        jsonl.unlink()
    causes = "; ".join(f"{name}: {s.errors.most_common(1)[0][0]}"
                       for name, s in sorted(failed.items()))
    raise KunkerError(f"no source could be read ({causes})")


def _database_target(url: str, home: Path) -> str:
    if url.startswith("sqlite:///"):
        home.mkdir(parents=True, exist_ok=True)  # a fresh install has no data directory yet
    return url


@contextlib.contextmanager
def _progress(console: Console) -> Iterator[Callable[[ProgressEvent], None] | None]:
    """A live "N pages fetched" line on a terminal; nothing when stdout is a pipe or file."""
    if not sys.stdout.isatty():
        yield None
        return
    counts = {"fetched": 0, "error": 0}
    with console.status("crawling: starting…") as status:

        def update(event: ProgressEvent) -> None:
            counts[event.event] = counts.get(event.event, 0) + 1
            status.update(
                f"crawling: {counts['fetched']} pages fetched, {counts['error']} errors "
                f"(last: {event.source})"
            )

        yield update


def print_summary(console: Console, summary: CrawlSummary) -> None:
    """The per-source table, the drop/error reasons, the health flags and the log path."""
    table = Table(title="crawl summary", caption=SUMMARY_LEGEND, box=box.SIMPLE_HEAD)
    for column in SUMMARY_COLUMNS:
        if column == "source":
            table.add_column(column, no_wrap=True, overflow="fold")
        else:
            table.add_column(column, justify="right", no_wrap=True)
    rows = sorted(summary.sources.items())
    if len(rows) > 1:
        rows.append(("total", summary.total))
    for name, s in rows:
        table.add_row(
            name, str(s.discovered), str(s.fetched), str(s.stored_new), str(s.stored_updated),
            str(s.relevant), str(s.skipped_known), str(s.skipped_old), str(s.dropped_total),
            str(s.errors_total),
        )  # fmt: skip
    console.print(table)
    for name, s in sorted(summary.sources.items()):
        for reason, count in sorted(s.dropped.items()):
            console.print(f"  {name}: dropped {count}× {reason}")
        for reason, count in sorted(s.errors.items()):
            console.print(f"  {name}: error {count}× {reason}")
    for name, flags in sorted(summary.flagged.items()):
        for flag in flags:
            console.print(f"[yellow]health: {name}: {flag}[/yellow]")
    if summary.log_file:
        console.print(f"log: {summary.log_file}")
