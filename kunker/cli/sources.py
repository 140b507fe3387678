"""``kunker sources``: list the catalogue (by province), check entries against their live pages.

``add`` (a new outlet from its homepage) and ``health`` (sources that went quiet or broke)
live in their own modules and register on ``sources_app``.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from kunker.cli.app import app
from kunker.cli.render import console, print_table
from kunker.errors import KunkerError

if TYPE_CHECKING:
    from crawler.sources import Source
    from crawler.summary import CrawlSummary
    from kunker.config import Settings

sources_app = typer.Typer(
    name="sources",
    help="The outlets kunker crawls (sources catalogue): list, check, add, health.\n\n"
    "Example: kunker sources list --province \"Maluku Utara\"",
    no_args_is_help=True,
)
app.add_typer(sources_app, name="sources")
TEXT_PREVIEW_CHARS = 700
# `sources check` wants an answer, not a polite crawl: no retries, a shorter timeout.
CHECK_SETTINGS = {"RETRY_TIMES": 0, "DOWNLOAD_TIMEOUT": 20}


def configured(settings: Settings | None = None) -> tuple[list[Source], str]:
    from crawler.sources import load_sources
    from kunker.config import load_settings

    settings = settings or load_settings()
    return load_sources(settings.sources_file), str(settings.sources_file)


@sources_app.command("list")
def list_sources(
    province: str | None = typer.Option(
        None, "--province", "-p", help="Only this province (a name, alias or code: "
        "\"Maluku Utara\", \"Malut\", \"82\"; \"nasional\" for national outlets)."
    ),
    unchecked: bool = typer.Option(False, "--unchecked", help="Only entries not checked yet."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON for machines."),
) -> None:
    """List the configured sources: province, category, discovery URLs.

    The file is KUNKER_SOURCES, else sources.toml in KUNKER_HOME, else the bundled catalogue.
    "checked: no" marks entries written without fetching the site.

    Example: kunker sources list --province "Maluku Utara"
    """
    from kunker.catalogue import in_province, province_of, resolve_province

    sources, path = configured()
    label = f"in {path}"
    if province is not None:
        wanted, note = resolve_province(province)
        if note:
            typer.echo(f"province: {note}", err=True)
        sources = in_province(sources, wanted, path)
        label = f"in {wanted.name}"
    if unchecked:
        sources = [s for s in sources if not s.checked]
    provinces = {s.name: province_of(s, path) for s in sources}
    if as_json:
        rows = [_as_dict(s, provinces[s.name]) for s in sources]
        typer.echo(json.dumps({"file": path, "sources": rows}, ensure_ascii=False))
        return
    if not sources:
        typer.echo(f"no sources {label}")
        return
    table = Table(title=f"{len(sources)} sources {label}", box=box.SIMPLE_HEAD)
    for column in ("name", "province", "category", "checked"):
        table.add_column(column, no_wrap=True)
    table.add_column("discovery", overflow="fold")
    for s in sources:
        where = provinces[s.name].name if provinces[s.name] else ""
        table.add_row(s.name, where, s.category or "", _checked(s), "\n".join(_discovery(s)))
    # off a terminal: plain tab-separated lines, URLs never wrapped
    print_table(console(), table, joiner=", ")


def _checked(source: Source) -> str:
    return "yes" if source.checked else "no"


def _discovery(source: Source) -> list[str]:
    if source.is_gdelt:
        return [f"gdelt {source.gdelt_query or source.province or ''}".rstrip()]
    return ([f"feed {u}" for u in source.feeds] + [f"sitemap {u}" for u in source.sitemaps]
            + [f"listing {u}" for u in source.listings])


def _as_dict(source: Source, province: object) -> dict[str, object]:
    return {
        "name": source.name, "title": source.title, "province": source.province,
        "province_code": getattr(province, "code", None), "region": source.region,
        "category": source.category, "checked": source.checked, "cms": source.cms,
        "kind": source.kind, "optional": source.optional, "gdelt_query": source.gdelt_query,
        "feeds": list(source.feeds), "sitemaps": list(source.sitemaps),
        "listings": list(source.listings), "allowed_domains": list(source.allowed_domains),
        "timezone": source.timezone,
    }


@sources_app.command("check")
def check(
    names: list[str] = typer.Argument(None, help="Source names, as in `kunker sources list`."),
    province: str | None = typer.Option(None, "--province", "-p",
                                        help="Check every source of this province."),
    unchecked: bool = typer.Option(False, "--unchecked",
                                   help="Check every entry marked checked = false."),
    articles: int = typer.Option(1, "--articles", min=1, help="Articles to fetch per source."),
) -> None:
    """Fetch a listing (feed, sitemap or index page) and an article; show what is extracted.

    Nothing is stored. With one name, prints the extracted fields; with several (or
    --province, --unchecked), one line per source. Exits 1 when a source gave no article,
    with the cause in one line: network or DNS, an HTTP status, a block, a moved feed, or a
    layout the extraction no longer reads.

    Example: kunker sources check antara-sumbar

    Example: kunker sources check --province "Maluku Utara"
    """
    from crawler.sources import find_source
    from kunker.catalogue import in_province, resolve_province
    from kunker.config import load_settings

    settings = load_settings()
    sources, path = configured(settings)
    chosen = [find_source(sources, name, path) for name in names or []]
    if province is not None:
        wanted, _ = resolve_province(province)
        chosen += in_province(sources, wanted, path)
    if unchecked:
        chosen += [s for s in sources if not s.checked]
    chosen = list({s.name: s for s in chosen}.values())
    if not chosen:
        raise KunkerError("name a source to check, or use --province or --unchecked "
                          "(see: kunker sources check --help)")
    summary = _check_crawl(chosen, articles, settings)
    if len(chosen) == 1 and names:
        _print_one(chosen[0], summary, path)
    else:
        _print_many(chosen, summary, path)


def _check_crawl(sources: list[Source], articles: int, settings: Settings) -> CrawlSummary:
    from crawler.run import run_crawl
    from crawler.settings import USER_AGENT_TEMPLATE

    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    overrides = {**CHECK_SETTINGS,
                 "USER_AGENT": USER_AGENT_TEMPLATE.format(contact=settings.user_agent_contact)}
    # Scrapy's log (with the tracebacks of failed downloads) goes to a file, not the screen.
    return run_crawl(sources, "null:", settings=overrides, max_articles=articles,
                     keep_samples=True, log_file=settings.log_dir / f"check-{stamp}.log")


def _print_one(source: Source, summary: CrawlSummary, path: str) -> None:
    from crawler.diagnose import diagnose
    from kunker.cli.crawl import print_summary

    sample = summary.samples.get(source.name)
    if sample is None:
        diagnosis = diagnose(source.name, summary.sources.get(source.name), path)
        message = diagnosis.message
        if summary.log_file:
            message += f" (log: {summary.log_file})"
        raise KunkerError(message)
    out = Console()
    print_summary(out, summary)
    out.print(f"[bold]{source.name}: extracted fields[/bold]")
    for key in ("url", "canonical_url", "title", "published_at", "author", "language"):
        out.print(f"{key}: {sample.get(key)}", soft_wrap=True, highlight=False)
    relevant = "yes (mentions a legislative body)" if sample["relevant"] else "no"
    out.print(f"relevant: {relevant}", highlight=False)
    text = sample.get("text") or ""
    paragraphs = text.split("\n\n") if text else []
    out.print(f"paragraphs: {len(paragraphs)}", highlight=False)
    preview = text if len(text) <= TEXT_PREVIEW_CHARS else text[:TEXT_PREVIEW_CHARS] + " …"
    out.print(f"text:\n{preview}", highlight=False)


def _print_many(sources: list[Source], summary: CrawlSummary, path: str) -> None:
    from crawler.diagnose import diagnose

    failed = 0
    for source in sources:
        sample = summary.samples.get(source.name)
        if sample is not None:
            date = (sample.get("published_at") or "no date")[:10]
            typer.echo(f"ok    {source.name}: {sample.get('title')!r} ({date}, "
                       f"{len(sample.get('text') or '')} characters)")
            continue
        failed += 1
        diagnosis = diagnose(source.name, summary.sources.get(source.name), path)
        typer.echo(f"FAIL  {diagnosis.message}")
    typer.echo(f"{len(sources) - failed} of {len(sources)} sources gave an article"
               + (f" (log: {summary.log_file})" if summary.log_file else ""))
    if failed:
        raise typer.Exit(1)
