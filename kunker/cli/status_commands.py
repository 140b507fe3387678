"""``kunker status``: the operator's overview (the web app's ``/status`` shows the same)."""

from __future__ import annotations

from typing import Any

import typer

from kunker.cli.app import app
from kunker.cli.render import echo_json


@app.command("status")
def status(
    as_json: bool = typer.Option(False, "--json", help="Print JSON for machines."),
) -> None:
    """The last update runs, the database's size and counts, and each outlet's recent
    articles (outlets without an article in the last 7 days are named).

    Example: kunker status

    Example: kunker status --json
    """
    from kunker.cli.database import reading
    from kunker.status import collect_status, configured_source_names

    names = configured_source_names()
    with reading() as session:
        report = collect_status(session, session.get_bind(), names)  # type: ignore[arg-type]
    if as_json:
        echo_json(report)
        return
    for line in status_lines(report):
        typer.echo(line)


def status_lines(report: dict[str, Any]) -> list[str]:
    database, counts, run = report["database"], report["counts"], report["last_update"]
    days = report["recent_days"]
    lines = [f"database: {database['url']} (schema {database['schema']}, {database['size']})",
             f"holds: {counts['events']} events ({counts['events_with_exact_date']} with the "
             f"visit date), {counts['articles']} articles ({counts['articles_not_extracted']} "
             f"waiting for extraction), {counts['reports']} reports, "
             f"{counts['institutions']} institutions, {counts['people']} people, "
             f"{counts['outlets']} outlets"]
    if run is None:
        lines.append("last update: none recorded (kunker update records each run)")
    else:
        lines.append(f"last update: {run['finished_at']} ({run['seconds']} s): "
                     f"{run['sources']} sources, {run['fetched']} fetched, "
                     f"{run['new_articles']} new articles, {run['new_events']} new events, "
                     f"{run['merged']} merged, {run['errors']} errors")
        problems = run["problems"]
        for name, why in (problems.get("failed_sources") or {}).items():
            lines.append(f"  source {name} failed: {why}")
        if problems.get("crawl_error"):
            lines.append(f"  {problems['crawl_error']}")
        lines.extend(f"  {failure}" for failure in problems.get("extraction_failures") or [])
    lines.append(f"outlets (articles stored, fetched in the last {days} days, last fetched):")
    for outlet in report["outlets"]:
        lines.append(f"  {outlet['outlet']}: {outlet['articles']}, "
                     f"{outlet[f'fetched_last_{days}_days']}, "
                     f"{outlet['last_fetched'] or 'never'}")
    if report["sources"]:
        lines.append("sources crawled (status, last success, new articles in the last 7 days, "
                     "last error):")
        for h in report["sources"]:
            lines.append(f"  {h['source']}: {h['status']}, {h['last_success'] or 'never'}, "
                         f"{h['new_7d']}" + (f", {h['last_error']}" if h["last_error"] else ""))
    if report["sources_never_crawled"]:
        lines.append(f"{report['sources_never_crawled']} configured sources never crawled")
    if report["quiet_outlets"]:
        lines.append(f"quiet: no article in the last {days} days from "
                     + ", ".join(report["quiet_outlets"]))
    return lines
