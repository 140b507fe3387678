"""The job queue from the command line: ``kunker worker``, ``kunker queue status``, and what
``kunker update --queue`` / ``kunker reprocess --queue`` do instead of running the work here.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from kunker.cli.app import app
from kunker.errors import KunkerError

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from kunker.jobs.status import QueueStatus

WORKER_LOG_NAME = "worker.log"
queue_app = typer.Typer(
    name="queue",
    help="The job queue (PostgreSQL) that `kunker worker` processes: show its state.\n\n"
    "Example: kunker queue status",
    no_args_is_help=True,
)
app.add_typer(queue_app, name="queue")


def _queue_engine() -> tuple[Engine, str]:
    """The configured database (engine, URL): PostgreSQL with the queue installed."""
    from kunker.cli.database import database_url
    from kunker.jobs.schema import open_queue_database

    url = database_url()
    return open_queue_database(url), url


def queue_update(names: list[str], set_: list[str], no_stanza: bool, quiet: bool,
                 as_json: bool, gdelt: bool = False) -> None:
    """``kunker update --queue``: a crawl job per source, extraction jobs for what is left."""
    from crawler.sources import default_sources, find_source, load_sources
    from kunker.config import load_settings
    from kunker.jobs.enqueue import enqueue_crawls, enqueue_extraction
    from kunker.jobs.queue import make_app

    if set_ or no_stanza:
        raise KunkerError("with --queue, --set and --no-stanza belong to the workers: "
                          "kunker worker --set NAME=VALUE --no-stanza")
    settings = load_settings()
    configured = load_sources(settings.sources_file)
    sources = [find_source(configured, n, settings.sources_file) for n in names] or (
        configured if gdelt else default_sources(configured)
    )
    engine, url = _queue_engine()
    try:
        with make_app(url).open() as queue:
            crawls = enqueue_crawls(queue, sources)
            extraction = enqueue_extraction(queue, engine)
    finally:
        engine.dispose()
    if as_json:
        typer.echo(json.dumps({"sources": len(sources), "crawl_jobs": crawls.as_dict(),
                               "extraction_jobs": extraction.as_dict()}))
    elif not quiet:
        typer.echo(
            f"update: queued {crawls.jobs} crawl jobs ({crawls.already_queued} already "
            f"waiting) and {extraction.jobs} extraction jobs for {extraction.articles} "
            "articles; `kunker worker` runs them"
        )


def queue_reprocess(since: date | None, no_stanza: bool, as_json: bool) -> None:
    """``kunker reprocess --queue``: reprocess jobs over every stored article."""
    from kunker.jobs.enqueue import enqueue_reprocess
    from kunker.jobs.queue import make_app
    from nlp.extract import EXTRACTOR_VERSION

    if no_stanza:
        raise KunkerError("with --queue, --no-stanza belongs to the workers: "
                          "kunker worker --no-stanza")
    engine, url = _queue_engine()
    try:
        with make_app(url).open() as queue:
            done = enqueue_reprocess(queue, engine, since=since)
    finally:
        engine.dispose()
    if as_json:
        typer.echo(json.dumps({"extractor_version": EXTRACTOR_VERSION, **done.as_dict()}))
    else:
        typer.echo(f"reprocess: queued {done.jobs} jobs for {done.articles} articles "
                   f"({done.already_queued} already waiting); `kunker worker` runs them")


class _OneLine(logging.Formatter):
    """The terminal gets one line per record, the error's type and message instead of a
    traceback (the log file keeps the tracebacks)."""

    def format(self, record: logging.LogRecord) -> str:
        line = f"{record.levelname} {record.name}: {record.getMessage()}"
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            line += f" ({type(exc).__name__}: {exc})"
        return line


@app.command("worker")
def worker(
    processes: int = typer.Option(
        1, "--processes", "-p", min=1, help="Worker processes (one per core for extraction)."
    ),
    until_empty: bool = typer.Option(
        False, "--until-empty", help="Exit once no job is waiting or running (batch runs)."
    ),
    queue: list[str] = typer.Option(
        [], "--queue", help="Take jobs of this queue only: crawl, extract or maintenance "
        "(repeatable; default: all)."
    ),
    set_: list[str] = typer.Option(
        [], "--set", metavar="NAME=VALUE", help="Override a Scrapy setting for the crawls."
    ),
    no_stanza: bool = typer.Option(
        False, "--no-stanza", help="Extract with the rules only, even when Stanza is installed."
    ),
    stalled_after: float = typer.Option(
        30.0, "--stalled-after", min=1.0, metavar="SECONDS",
        help="A worker silent this long is dead: its job goes back to the queue.",
    ),
    update_cron: str | None = typer.Option(
        None, "--update-cron", metavar="CRON",
        help="Queue an update on this schedule (procrastinate periodic task), "
        "e.g. '*/30 * * * *'.",
    ),
    log_file: Path | None = typer.Option(
        None, "--log-file", help="Append the workers' log here (default: worker.log in "
        "KUNKER_HOME/logs)."
    ),
) -> None:
    """Run workers that take crawl and extraction jobs from the queue (PostgreSQL).

    Start one per machine (`--processes` = its cores); `kunker update --queue` fills the
    queue. Stops after the current job on SIGTERM or Ctrl-C.

    Example: kunker worker --processes 2

    Example: kunker worker --until-empty --no-stanza
    """
    from kunker.cli.runlog import run_log
    from kunker.config import load_settings
    from kunker.jobs.queue import QUEUES
    from kunker.jobs.runtime import JobRuntime
    from kunker.jobs.worker import WorkerOptions, run_workers

    unknown = sorted(set(queue) - set(QUEUES))
    if unknown:
        raise KunkerError(f"--queue {unknown[0]!r}: use one of {', '.join(QUEUES)}")
    if update_cron:
        from croniter import croniter

        if not croniter.is_valid(update_cron):
            raise KunkerError(f"--update-cron {update_cron!r}: not a cron schedule, "
                              "e.g. '*/30 * * * *'")
    settings = load_settings()
    log_path = (log_file or settings.log_dir / WORKER_LOG_NAME).expanduser()
    debug = logging.getLogger().getEffectiveLevel() <= logging.DEBUG
    options = WorkerOptions(
        processes=processes, until_empty=until_empty, queues=tuple(queue),
        crawl_settings=tuple(set_), no_stanza=no_stanza, stalled_after=stalled_after,
        update_cron=update_cron, log_file=log_path, debug=debug,
    )
    if not debug:
        for handler in logging.getLogger().handlers:
            handler.setFormatter(_OneLine())
    if sys.stderr.isatty():
        typer.echo(f"kunker worker: {processes} process(es) on queues "
                   f"{', '.join(queue or QUEUES)}; log: {log_path}; Ctrl-C stops them after "
                   "their current job", err=True)
    with run_log(log_path, quiet=False):
        code = run_workers(options, lambda: JobRuntime.open(
            settings, set_=list(set_), no_stanza=no_stanza, log_path=log_path,
            stalled_after=stalled_after,
        ))
    if code:
        raise typer.Exit(code)


@queue_app.command("status")
def status(
    as_json: bool = typer.Option(False, "--json", help="Print JSON for machines."),
    stalled_after: float = typer.Option(
        30.0, "--stalled-after", min=1.0, metavar="SECONDS",
        help="Count a worker silent this long as dead (as the workers do).",
    ),
) -> None:
    """Show the jobs per kind (pending, running, failed, done), the live workers, stalled
    jobs, how long the oldest job has waited and the latest failures with their errors.

    Example: kunker queue status --json
    """
    from kunker.jobs.status import queue_status

    engine, _ = _queue_engine()
    try:
        found = queue_status(engine, stalled_after)
        where = engine.url.render_as_string(hide_password=True)
    finally:
        engine.dispose()
    if as_json:
        typer.echo(json.dumps({"database": where, **found.as_dict()}, ensure_ascii=False))
        return
    _print_status(Console(), where, found)


def _print_status(console: Console, where: str, found: QueueStatus) -> None:
    waited = (f"{found.oldest_pending_s:.0f} s" if found.oldest_pending_s is not None
              else "nothing waiting")
    console.print(f"job queue in {where}", markup=False, highlight=False)
    console.print(f"{found.live_workers} live workers, {found.stalled_jobs} stalled jobs, "
                  f"oldest waiting job: {waited}", highlight=False)
    table = Table(box=box.SIMPLE_HEAD)
    table.add_column("kind", no_wrap=True)
    for column in ("pending", "running", "failed", "done"):
        table.add_column(column, justify="right")
    for kind, counts in found.jobs.items():
        table.add_row(kind, *(str(counts[c]) for c in ("pending", "running", "failed", "done")))
    console.print(table)
    if found.by_worker:
        console.print("attempts in the last 24 h, by worker:")
        for name, outcomes in sorted(found.by_worker.items()):
            parts = ", ".join(f"{n} {outcome}" for outcome, n in sorted(outcomes.items()))
            console.print(f"  {name}: {parts}", markup=False, highlight=False)
    if found.failures:
        console.print("latest failures:")
        for f in found.failures:
            console.print(
                f"  job {f.job_id} {f.kind} attempt {f.attempt} on {f.worker} at "
                f"{f.started_at:%Y-%m-%d %H:%M:%S}: {f.outcome}: {f.error}",
                markup=False, highlight=False,
            )
