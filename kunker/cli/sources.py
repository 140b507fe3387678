"""``kunker sources``: list the configured outlets and check one against its live pages."""

from __future__ import annotations

import json

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from kunker.cli.app import app
from kunker.errors import KunkerError

sources_app = typer.Typer(
    name="sources",
    help="The outlets kunker crawls (sources config): list them, check one.\n\n"
    "Example: kunker sources check antara-sumbar",
    no_args_is_help=True,
)
app.add_typer(sources_app, name="sources")
TEXT_PREVIEW_CHARS = 700


@sources_app.command("list")
def list_sources(
    as_json: bool = typer.Option(False, "--json", help="Print JSON for machines."),
) -> None:
    """List the configured sources: discovery URLs, domains, region.

    The config file is KUNKER_SOURCES, else sources.toml in KUNKER_HOME, else the bundled one.

    Example: kunker sources list
    """
    from crawler.sources import load_sources
    from kunker.config import load_settings

    path = load_settings().sources_file
    sources = load_sources(path)
    if as_json:
        rows = [
            {
                "name": s.name, "title": s.title, "region": s.region, "feeds": list(s.feeds),
                "sitemaps": list(s.sitemaps), "listings": list(s.listings),
                "allowed_domains": list(s.allowed_domains), "timezone": s.timezone,
            }
            for s in sources
        ]  # fmt: skip
        typer.echo(json.dumps({"file": str(path), "sources": rows}, ensure_ascii=False))
        return
    table = Table(title=f"{len(sources)} sources in {path}", box=box.SIMPLE_HEAD)
    table.add_column("name", no_wrap=True)
    table.add_column("region")
    table.add_column("discovery", overflow="fold")
    for s in sources:
        discovery = [f"feed {u}" for u in s.feeds] + [f"sitemap {u}" for u in s.sitemaps]
        discovery += [f"listing {u}" for u in s.listings]
        table.add_row(s.name, s.region or "", "\n".join(discovery))
    from kunker.cli.render import console, print_table

    print_table(console(), table, joiner=", ")


@sources_app.command("check")
def check(
    name: str = typer.Argument(..., help="Source name, as in `kunker sources list`."),
    articles: int = typer.Option(1, "--articles", min=1, help="How many articles to fetch."),
) -> None:
    """Fetch one listing (feed, sitemap or index page) and one article; show what is extracted.

    Nothing is stored. Exits 1 when no article could be extracted, with the reasons.

    Example: kunker sources check antara-sumbar
    """
    from crawler.run import run_crawl
    from crawler.sources import find_source, load_sources
    from kunker.cli.crawl import print_summary
    from kunker.config import load_settings

    settings = load_settings()
    source = find_source(load_sources(settings.sources_file), name, settings.sources_file)
    summary = run_crawl([source], "null:", max_articles=articles, keep_samples=True)
    console = Console()
    print_summary(console, summary)
    sample = summary.samples.get(source.name)
    if sample is None:
        raise KunkerError(
            f"{name}: no article extracted (see the reasons above); "
            f"fix its entry in {settings.sources_file}"
        )
    console.print(f"[bold]{name}: extracted fields[/bold]")
    for key in ("url", "canonical_url", "title", "published_at", "author", "language"):
        console.print(f"{key}: {sample.get(key)}", soft_wrap=True, highlight=False)
    relevant = "yes (mentions a legislative body)" if sample["relevant"] else "no"
    console.print(f"relevant: {relevant}", highlight=False)
    text = sample.get("text") or ""
    paragraphs = text.split("\n\n") if text else []
    console.print(f"paragraphs: {len(paragraphs)}", highlight=False)
    preview = text if len(text) <= TEXT_PREVIEW_CHARS else text[:TEXT_PREVIEW_CHARS] + " …"
    console.print(f"text:\n{preview}", highlight=False)
