"""``kunker sources health``: which sources went quiet or broke, from the crawls recorded in
the database, and the coverage table of ``kunker stats --coverage``."""

from __future__ import annotations

import sys

import typer
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from kunker.cli.render import echo_json
from kunker.cli.sources import configured, sources_app

PROBLEMS = ("broken", "degraded", "quiet")


@sources_app.command("health")
def health(
    show_all: bool = typer.Option(False, "--all", help="Every source, not only the problems."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON for machines."),
) -> None:
    """Sources that went quiet or broke, from the crawls recorded in the database.

    broken: the last crawl read no feed/sitemap/listing, was blocked, or fetched pages that
    gave no article (a changed layout). degraded: most pages rejected lately, more than
    before ("empty body", "no title" growing). quiet: crawled for 7 days without a new
    article. Per source: last success, new articles in 7 and 30 days, share of pages
    rejected and why. Exits 1 when a source is broken.

    Example: kunker sources health --all
    """
    from kunker.cli.database import reading
    from storage.source_health import source_health

    sources, _ = configured()
    with reading() as session:
        records = source_health(session, [s.name for s in sources])
    counts = {status: sum(r.status == status for r in records)
              for status in ("ok", *PROBLEMS, "never crawled")}
    shown = records if show_all else [r for r in records if r.status in PROBLEMS]
    if as_json:
        echo_json({"counts": counts, "sources": [r.to_dict() for r in shown]})
    else:
        _print(shown, show_all)
        typer.echo(f"{len(records)} sources: " + ", ".join(
            f"{n} {status}" for status, n in counts.items() if n or status == "ok"))
    if counts["broken"]:
        raise typer.Exit(1)


def _print(records: list, show_all: bool) -> None:
    if not records:
        typer.echo("no source went quiet or broke" if not show_all else "no sources")
        return
    if not sys.stdout.isatty():
        for r in records:
            typer.echo("\t".join([r.source, r.status, _when(r.last_success), str(r.new_7d),
                                  str(r.new_30d), _share(r.rejected_share_7d), r.why]))
        return
    table = Table(box=box.SIMPLE_HEAD, title="source health", title_justify="left")
    for column in ("source", "status", "last success", "new 7d", "new 30d", "rejected 7d"):
        table.add_column(column, no_wrap=True, justify="right" if "d" in column[-2:] else "left")
    table.add_column("why", overflow="fold")
    colour = {"broken": "red", "degraded": "yellow", "quiet": "yellow", "ok": "green"}
    for r in records:
        status = f"[{colour.get(r.status, 'white')}]{r.status}[/]"
        table.add_row(r.source, status, _when(r.last_success), str(r.new_7d), str(r.new_30d),
                      _share(r.rejected_share_7d), escape(r.why))
    Console().print(table)


def _when(value: object) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else "never"  # type: ignore


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def print_coverage(as_json: bool) -> None:
    """``kunker stats --coverage``."""
    from kunker.cli.database import reading
    from kunker.coverage import coverage

    sources, path = configured()
    with reading() as session:
        rows = coverage(session, sources, path)
    if as_json:
        echo_json({"file": path, "provinces": [row.to_dict() for row in rows]})
        return
    columns = ("province", "sources", "unchecked", "gdelt", "articles", "relevant",
               "visits to", "visits by")
    values = [[row.province, str(row.sources), str(row.unchecked), "yes" if row.gdelt else "no",
               str(row.articles), str(row.relevant), str(row.visits_hosted),
               str(row.visits_made)] for row in rows]
    if not sys.stdout.isatty():
        typer.echo("\t".join(columns))
        for line in values:
            typer.echo("\t".join(line))
        return
    table = Table(title="coverage per province", box=box.SIMPLE_HEAD, title_justify="left",
                  caption="sources: news entries of the catalogue · articles: stored from them "
                  "· relevant: mention a legislative body · visits to/by: events hosted in / "
                  "made by the province")
    for column in columns:
        table.add_column(column, justify="left" if column == "province" else "right")
    for line, row in zip(values, rows, strict=True):
        style = "yellow" if row.articles == 0 and row.code else None
        table.add_row(*line, style=style)
    Console().print(table)
