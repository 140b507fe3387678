"""``kunker demo``: the whole pipeline on the bundled demo news site, offline, in seconds.

Serves ``kunker/demo_site`` on 127.0.0.1 (a free port), crawls it with the real spiders and
outlet selectors, extracts the visits and stores everything in the configured database
(the SQLite file in the user data dir unless KUNKER_DATABASE_URL says otherwise), then
prints the demo's events. The site is published as ``http://demo.kunker.test``
(``kunker.cli.demo_routing``), so a second run finds every page already stored and adds
nothing.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import typer
from rich.console import Console

from kunker.cli.app import app
from kunker.cli.demo_routing import DEMO_BASE_URL, DemoSite, crawl_settings
from kunker.cli.render import console as make_console
from kunker.cli.render import print_events
from kunker.errors import KunkerError

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from storage import EventDetail

DEMO_LOG_NAME = "demo.log"
NEXT_STEPS = (
    "kunker events",
    'kunker history "DPRD Sumbar"',
    "kunker show 1",
    "kunker stats --by destination",
    "kunker export --format csv -o visits.csv",
)


@app.command("demo")
def demo(
    keep: bool = typer.Option(
        False, "--keep", help="Keep serving the demo site afterwards, to read it in a browser "
        "(Ctrl-C stops)."
    ),
    no_stanza: bool = typer.Option(
        False, "--no-stanza", help="Extract with the rules only, even when Stanza is installed."
    ),
) -> None:
    """Run the whole pipeline offline on a bundled sample news site and show the visits.

    Serves the site on 127.0.0.1 and crawls it with the real spiders.
    Extracts the visits and stores them in the configured database (created when needed).
    No network needed; a second run adds nothing twice.

    Example: kunker demo
    """
    from crawler.demo import demo_site_root, demo_sources
    from crawler.run import run_crawl
    from kunker.cli.crawl import _progress
    from kunker.cli.database import database_url, open_for_writing
    from kunker.cli.extraction import extract_pending
    from kunker.cli.pipeline_commands import summary_line
    from kunker.config import load_settings

    started = time.monotonic()
    settings = load_settings()
    url = database_url(settings)
    console = make_console()
    engine, _ = open_for_writing(url, upgrade_existing=True)
    try:
        sources = demo_sources(DEMO_BASE_URL)
        with DemoSite(demo_site_root()) as site:
            console.print(f"demo news site: {len(sources)} outlets served at {site.address} "
                          f"as {DEMO_BASE_URL}", highlight=False)
            with _progress(console) as on_progress:
                summary = run_crawl(sources, url, settings=crawl_settings(site),
                                    log_file=settings.log_dir / DEMO_LOG_NAME,
                                    on_progress=on_progress)
            totals = extract_pending(
                engine, no_stanza=no_stanza,
                keep=lambda article: article.url.startswith(DEMO_BASE_URL + "/"),
            )
            crawl = summary.total
            line = summary_line("demo", len(sources), crawl, totals,
                                crawl.errors_total + totals.failed)
            console.print(f"{line} ({crawl.skipped_known} articles already stored)",
                          highlight=False)
            _print_events(console, _demo_events(engine))
            console.print(f"database: {engine.url.render_as_string()}  ·  "
                          f"{time.monotonic() - started:.0f}s", highlight=False)
            console.print("next: " + "  ·  ".join(NEXT_STEPS), highlight=False)
            if keep:
                _serve_until_interrupted(console, site)
    finally:
        engine.dispose()
    errors = summary.total.errors_total + totals.failed
    if errors:  # the demo site is ours: any error means this install is broken somewhere
        raise KunkerError(f"the demo met {errors} error(s); see {settings.log_dir / DEMO_LOG_NAME}")


def _demo_events(engine: Engine) -> list[EventDetail]:
    """The stored events reported by demo pages, in date order."""
    from sqlalchemy import select

    from storage import get_event, session_factory
    from storage.models import Article, EventMention

    # No EventFilter selects by article URL; this one query is the demo's own business.
    with session_factory(engine)() as session:
        ids = session.execute(
            select(EventMention.event_id).distinct()
            .join(Article, Article.id == EventMention.article_id)
            .where(Article.canonical_url.like(DEMO_BASE_URL + "/%"))
        ).scalars().all()
        details = [d for d in (get_event(session, i) for i in ids) if d is not None]
    return sorted(details, key=lambda d: (d.summary.sort_date, d.summary.id))


def _print_events(console: Console, events: list[EventDetail]) -> None:
    outlets = {d.summary.id: ", ".join(dict.fromkeys(s.outlet for s in d.sources))
               for d in events}
    title = f"{len(events)} visits found on the demo site"
    print_events(console, [d.summary for d in events], title, sources=outlets)


def _serve_until_interrupted(console: Console, site: DemoSite) -> None:
    console.print(f"serving the demo site at {site.address}/ (Ctrl-C to stop)", highlight=False)
    try:
        while True:
            time.sleep(1)
    except KeyboardInterrupt:
        console.print("stopped")
