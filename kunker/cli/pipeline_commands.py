"""The pipeline from the command line: ``kunker update`` (cron), ``kunker extract`` on stored
articles, ``kunker reprocess`` after an extractor upgrade."""

from __future__ import annotations

import json
import logging
from contextlib import nullcontext
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from kunker.cli.app import app
from kunker.cli.extraction import ExtractTotals, extract_pending
from kunker.errors import KunkerError

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from crawler.sources import Source
    from crawler.summary import CrawlSummary, SourceStats
    from kunker.config import Settings

logger = logging.getLogger(__name__)
UPDATE_LOG_NAME = "update.log"


def extract_stored(no_stanza: bool = False, limit: int | None = None) -> None:
    """``kunker extract`` without a file: the stored articles not extracted by this version."""
    from kunker.cli.database import database_url, open_for_writing
    from nlp.extract import EXTRACTOR_VERSION

    engine, _ = open_for_writing(database_url())
    try:
        totals = extract_pending(engine, no_stanza=no_stanza, limit=limit)
    finally:
        engine.dispose()
    if not totals.articles and not totals.failed:
        typer.echo(f"nothing to extract: every stored article is extracted by extractor "
                   f"{EXTRACTOR_VERSION}")
        return
    typer.echo(
        f"extracted {totals.articles} articles: {totals.added} new events, "
        f"{totals.merged} merged into known events, {totals.changed} changed, "
        f"{totals.removed} removed, {totals.failed} failed"
    )
    _raise_on_failures(totals)


def _raise_on_failures(totals: ExtractTotals) -> None:
    if totals.failed:
        for message in totals.failures:
            typer.echo(f"error: {message}", err=True)
        raise KunkerError(
            f"{totals.failed} article(s) could not be extracted; they stay queued "
            "(run with --debug for tracebacks)"
        )


def parse_since(value: str | None, option: str = "--since") -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise KunkerError(f"{option} {value!r}: not a date; use YYYY-MM-DD") from None


# -- update ---------------------------------------------------------------------------------


def failed_completely(stats: SourceStats) -> bool:
    """A source that reported problems and gave nothing: no feed/sitemap/listing could be
    read, or every article it tried failed (none fetched with a body, none already known)."""
    if not stats.errors_total and not stats.blocked:
        return False
    return stats.listing_pages == 0 or (stats.with_body == 0 and stats.skipped_known == 0)


def source_failures(summary: CrawlSummary, names: list[str]) -> dict[str, str]:
    """Failed sources and why (their error reasons), by name."""
    failures: dict[str, str] = {}
    for name in names:
        stats = summary.sources.get(name)
        if stats is None:
            failures[name] = "no response at all (see the log)"
        elif failed_completely(stats):
            reasons = [f"{reason} ×{count}" for reason, count in sorted(stats.errors.items())]
            if stats.blocked:
                reasons.append(f"blocked ×{stats.blocked}")
            failures[name] = ", ".join(reasons)
    return failures


def summary_line(
    label: str, sources: int, crawl: SourceStats, totals: ExtractTotals, errors: int
) -> str:
    return (
        f"{label}: {sources} sources, {crawl.fetched} fetched, {crawl.stored_new} new articles, "
        f"{totals.added} new events, {totals.merged} merged, {errors} errors"
    )


def _crawl_overrides(settings: Settings, set_: list[str]) -> dict[str, str]:
    from crawler.settings import USER_AGENT_TEMPLATE

    overrides = {
        "USER_AGENT": USER_AGENT_TEMPLATE.format(contact=settings.user_agent_contact),
        # a cron log gets a run every half hour: Scrapy's warnings (failed pages) are
        # enough next to kunker's summary; --set LOG_LEVEL=INFO brings its statistics back
        "LOG_LEVEL": "WARNING",
    }
    for item in set_:
        key, sep, value = item.partition("=")
        if not sep or not key.strip().isupper():
            raise KunkerError(f"--set {item!r}: use NAME=VALUE, e.g. --set DOWNLOAD_DELAY=0")
        overrides[key.strip()] = value.strip()
    return overrides


@app.command("update")
def update(
    quiet: bool = typer.Option(
        False, "--quiet", "-q", help="Print only errors (for cron: no mail when all is well)."
    ),
    log_file: Path | None = typer.Option(
        None, "--log-file", help="Append the run's log here (default: update.log in "
        "KUNKER_HOME/logs)."
    ),
    source: list[str] = typer.Option(
        [], "--source", "-s", help="Update only this configured source (repeatable)."
    ),
    set_: list[str] = typer.Option(
        [], "--set", metavar="NAME=VALUE", help="Override a Scrapy setting (repeatable)."
    ),
    no_stanza: bool = typer.Option(
        False, "--no-stanza", help="Extract with the rules only, even when Stanza is installed."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
    gdelt: bool = typer.Option(
        False, "--gdelt", help="Also run the GDELT sources (cross-outlet search; off by "
        "default: one API request per 5 s per province)."
    ),
    queue: bool = typer.Option(
        False, "--queue", help="Queue crawl jobs for `kunker worker` instead (PostgreSQL)."
    ),
) -> None:
    """Crawl every configured source, extract the new articles, print one summary line.

    The cron entry point: an update that finds another one running exits 0 with a message.
    Exits 1 when a source failed completely or an article could not be extracted.
    The log file (--log-file) has the details of every run.

    Example: kunker update --quiet --log-file ~/kunker-update.log

    Example: kunker update --queue
    """
    if queue:  # jobs for the workers, which hold no lock: a queued crawl is never doubled
        from kunker.cli.queue_commands import queue_update

        return queue_update(source, set_, no_stanza, quiet, as_json, gdelt)
    from filelock import FileLock, Timeout

    from kunker.cli.runlog import run_log
    from kunker.config import load_settings

    settings = load_settings()
    settings.home.mkdir(parents=True, exist_ok=True)
    log_path = (log_file or settings.log_dir / UPDATE_LOG_NAME).expanduser()
    with run_log(log_path, quiet=quiet):
        lock = FileLock(settings.lock_file)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            message = (f"another kunker update is running (lock {settings.lock_file}); "
                       "this one exits without doing anything")
            logger.info("%s", message)
            if not quiet:
                typer.echo(message)
            return
        try:
            _update(settings, log_path, source, set_, no_stanza, quiet, as_json, gdelt)
        finally:
            lock.release()


def _update(
    settings: Settings, log_path: Path, names: list[str], set_: list[str], no_stanza: bool,
    quiet: bool, as_json: bool, gdelt: bool = False,
) -> None:
    from crawler.sources import default_sources, find_source, load_sources
    from kunker.cli.database import database_url, open_for_writing

    configured = load_sources(settings.sources_file)
    sources = [find_source(configured, n, settings.sources_file) for n in names] or (
        configured if gdelt else default_sources(configured)
    )
    overrides = _crawl_overrides(settings, set_)
    url = database_url(settings)
    engine, created = open_for_writing(url)
    if created and not quiet:
        typer.echo(f"created the kunker database at {engine.url.render_as_string()}")
    logger.info("update started: %d sources from %s into %s", len(sources),
                settings.sources_file, engine.url.render_as_string())
    started = datetime.now(UTC)
    try:
        summary, crawl_error = _crawl(sources, url, overrides, log_path, quiet)
        # also after a failed crawl: what earlier runs stored still gets extracted, unless
        # the crawl stopped because the database takes no writes (extraction could not either)
        totals = ExtractTotals() if summary.stopped else extract_pending(
            engine, no_stanza=no_stanza, show_progress=not quiet)
        failures = {} if crawl_error else source_failures(summary, [s.name for s in sources])
        _record_run(engine, started, len(sources), summary, totals, failures, crawl_error)
    finally:
        engine.dispose()
    _report(len(sources), summary, totals, failures, crawl_error, log_path, quiet, as_json)


def _record_run(
    engine: Engine, started: datetime, sources: int, summary: CrawlSummary,
    totals: ExtractTotals, failures: dict[str, str], crawl_error: str | None,
) -> None:
    """Keep the run's outcome in the database, for ``kunker status`` and its web page."""
    from storage import write_transaction
    from storage.status import RunRecord, record_update_run

    crawl = summary.total
    problems: dict[str, object] = {}
    if failures:
        problems["failed_sources"] = failures
    if crawl_error:
        problems["crawl_error"] = crawl_error
    if totals.failures:
        problems["extraction_failures"] = totals.failures
    run = RunRecord(
        started_at=started, finished_at=datetime.now(UTC), sources=sources,
        fetched=crawl.fetched, new_articles=crawl.stored_new, new_events=totals.added,
        merged=totals.merged,
        errors=crawl.errors_total + totals.failed + (1 if crawl_error else 0),
        problems=problems, extracted_by=totals.extracted_by,
    )
    try:
        with write_transaction(engine) as session:
            record_update_run(session, run)
    except Exception as exc:  # the run's work is stored; only its record is missing
        logger.warning("could not record the update run: %s", exc)


def _crawl(
    sources: list[Source], url: str, overrides: dict[str, str], log_path: Path, quiet: bool
) -> tuple[CrawlSummary, str | None]:
    """The crawl's summary, and why it could not run at all (None when it ran)."""
    from rich.console import Console

    from crawler.errors import CrawlerError
    from crawler.run import run_crawl
    from crawler.summary import CrawlSummary
    from kunker.cli.crawl import _progress
    from storage import StorageError

    progress = nullcontext(None) if quiet else _progress(Console())
    try:
        with progress as on_progress:
            summary = run_crawl(sources, url, settings=overrides, log_file=log_path,
                                on_progress=on_progress)
    except (CrawlerError, StorageError) as exc:
        logger.error("crawl failed: %s", exc)
        return CrawlSummary(), f"crawl failed: {exc}"
    for line in summary.lines():
        logger.info("%s", line)
    return summary, summary.stopped


def _report(
    sources: int, summary: CrawlSummary, totals: ExtractTotals, failures: dict[str, str],
    crawl_error: str | None, log_path: Path, quiet: bool, as_json: bool,
) -> None:
    """The summary line (or JSON), then every error on stderr; exit 1 if there was one."""
    crawl = summary.total
    errors = crawl.errors_total + totals.failed + (1 if crawl_error else 0)
    line = summary_line("update", sources, crawl, totals, errors)
    logger.info("%s (extraction: %s)", line, totals.as_dict())
    if as_json:
        typer.echo(json.dumps({
            "sources": sources, "fetched": crawl.fetched, "new_articles": crawl.stored_new,
            "updated_articles": crawl.stored_updated, "new_events": totals.added,
            "merged": totals.merged, "changed": totals.changed, "removed": totals.removed,
            "errors": errors, "failed_sources": failures, "extraction_failures": totals.failed,
            "crawl_error": crawl_error, "log_file": str(log_path),
        }))
    elif not quiet:
        typer.echo(line)
    problems = [f"error: {message}" for message in totals.failures]
    problems += [f"error: source {name} failed completely: {why}" for name, why in
                 failures.items()]
    if crawl_error:
        problems.append(f"error: {crawl_error}")
    if not (failures or crawl_error or totals.failed):
        return
    if quiet:  # cron mails stderr: say what happened and where to look
        problems.append(f"error: {line} (log: {log_path})")
    for problem in problems:
        typer.echo(problem, err=True)
    raise typer.Exit(1)


@app.command("reprocess")
def reprocess(
    since: str | None = typer.Option(
        None, "--since", help="Only articles published on or after this date (YYYY-MM-DD)."
    ),
    no_stanza: bool = typer.Option(
        False, "--no-stanza", help="Use the rules only, even when Stanza models are installed."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the counts as JSON."),
    queue: bool = typer.Option(
        False, "--queue", help="Queue reprocess jobs for `kunker worker` instead (PostgreSQL)."
    ),
) -> None:
    """Re-run the current extractor on stored articles (after upgrading kunker).

    Every stored article is extracted again and its events replaced.
    Events keep their ids when they still hold; the counts say what was added, changed, removed.

    Example: kunker reprocess --since 2025-01-01
    """
    from kunker.cli.database import database_url, open_for_writing
    from nlp.extract import EXTRACTOR_VERSION

    since_date = parse_since(since)
    if queue:
        from kunker.cli.queue_commands import queue_reprocess

        return queue_reprocess(since_date, no_stanza, as_json)
    engine, _ = open_for_writing(database_url())
    try:
        totals = extract_pending(
            engine, no_stanza=no_stanza, since=since_date,
            every_version=True, label="Reprocessing",
        )
    finally:
        engine.dispose()
    if as_json:
        typer.echo(json.dumps({"extractor_version": EXTRACTOR_VERSION, **totals.as_dict()}))
    else:
        typer.echo(
            f"reprocessed {totals.articles} articles with extractor {EXTRACTOR_VERSION}: "
            f"events added {totals.added}, changed {totals.changed}, removed {totals.removed} "
            f"({totals.unchanged} unchanged, {totals.merged} merged into other reports' "
            f"events, {totals.failed} failed)"
        )
    _raise_on_failures(totals)
