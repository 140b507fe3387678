"""``kunker sources add URL``: an entry for an outlet without writing selectors.

The site is explored (``crawler.site_discovery``), one of its articles is extracted as a
check, and the entry is appended to the user's sources file: ``$KUNKER_HOME/sources.toml``
(or ``KUNKER_SOURCES``), created with ``include_bundled = true`` so the bundled catalogue
stays in use. The bundled catalogue itself is never written.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import typer

from kunker.cli.sources import sources_app
from kunker.errors import KunkerError

NEW_FILE_HEADER = (
    "# kunker sources of this installation: the bundled catalogue plus the entries below\n"
    "# (an entry named like a bundled one replaces it). See `kunker sources list`.\n"
    "include_bundled = true\n"
)
NAME_MAX = 40


@sources_app.command("add")
def add(
    url: str = typer.Argument(..., help="The outlet's homepage, e.g. https://kabar.example.id/"),
    name: str | None = typer.Option(None, "--name", help="Entry name (default: from the host)."),
    province: str | None = typer.Option(None, "--province", "-p",
                                        help="Province the outlet covers (name or alias)."),
    category: str = typer.Option("regional", "--category",
                                 help="antara, tribun, dprd, regional, national, government."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print the entry, write nothing."),
) -> None:
    """Read an outlet's homepage, find its feeds and sitemaps, detect its CMS, write an entry.

    The entry has no selectors: JSON-LD, meta tags and trafilatura read its pages. One
    article is extracted as a check; the entry is marked checked = true when that worked.
    Written to KUNKER_SOURCES, else sources.toml in KUNKER_HOME.

    Example: kunker sources add https://kabarmalut.example.id/ --province "Maluku Utara"
    """
    from crawler.settings import USER_AGENT_TEMPLATE
    from crawler.site_discovery import explore_site, sample_article
    from crawler.site_fetch import SiteFetcher
    from crawler.sources import CATEGORIES, load_sources, source_from_mapping
    from kunker.catalogue import resolve_province
    from kunker.cli.sources import configured
    from kunker.config import load_settings

    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
        raise KunkerError(f"{url!r} is not an http(s) URL")
    if category not in CATEGORIES or category == "gdelt":
        raise KunkerError(f"--category {category!r}: choose one of "
                          f"{', '.join(c for c in CATEGORIES if c != 'gdelt')}")
    settings = load_settings()
    sources, _ = configured(settings)
    province_name = None
    if province is not None:
        found, note = resolve_province(province)
        province_name = found.name
        if note:
            typer.echo(f"province: {note}", err=True)
    host = (urlsplit(url).hostname or "").lower()
    for existing in sources:
        if existing.allowed_domains and existing.allows(url) and not name:
            raise KunkerError(f"{host} is already in the catalogue as {existing.name!r}; "
                              "give --name to add another entry for it")
    # ultimate-sitemap-parser logs every guessed sitemap path that is missing: not news
    logging.getLogger("usp").setLevel(logging.ERROR)
    fetcher = SiteFetcher(USER_AGENT_TEMPLATE.format(contact=settings.user_agent_contact))
    try:
        report = explore_site(url, fetcher)
        entry = _entry(report, name or _name_from_host(report.host), province_name, category)
        if entry["name"] in {s.name for s in sources}:
            raise KunkerError(f"a source named {entry['name']!r} exists; choose --name")
        if not (report.feeds or report.sitemaps or report.listings):
            raise KunkerError(f"{url}: {'; '.join(report.notes) or 'nothing to crawl found'}")
        source = source_from_mapping(entry, where="the new entry")
        item, why = sample_article(report, source, fetcher)
    finally:
        fetcher.close()
    entry["checked"] = item is not None
    _describe(report, item, why)
    text = _as_toml(entry)
    if dry_run:
        typer.echo(text, nl=False)
        return
    target = _target_file(settings)
    _append(target, text)
    load_sources(target)  # the file must still load; a broken write is reported now
    typer.echo(f"added {entry['name']!r} to {target}; try `kunker sources check {entry['name']}`")


def _entry(report: Any, name: str, province: str | None, category: str) -> dict[str, Any]:
    from crawler.sources import timezone_of_province

    entry: dict[str, Any] = {"name": name, "title": report.title or report.host}
    if province:
        entry.update(province=province, region=province)
        zone = timezone_of_province(province)
        if zone != "WIB":
            entry["timezone"] = zone
    entry["category"] = category
    if report.shape is not None:
        entry["cms"] = report.shape.name
    if report.feeds:
        entry["feeds"] = report.feeds
    if report.sitemaps:
        entry["sitemaps"] = report.sitemaps
    if report.listings:
        entry["listings"] = report.listings
    domain = report.host.removeprefix("www.")
    entry["allowed_domains"] = [domain]
    if report.listings and report.article_pattern:
        entry["article_pattern"] = report.article_pattern
    return entry


def _name_from_host(host: str) -> str:
    labels = host.removeprefix("www.").split(".")
    if len(labels) > 2 and labels[-2] in {"co", "go", "or", "ac", "web", "my", "sch", "net"}:
        labels = labels[:-2]
    elif len(labels) > 1:
        labels = labels[:-1]
    name = re.sub(r"[^a-z0-9-]+", "-", "-".join(labels).lower()).strip("-")
    return (name or "outlet")[:NAME_MAX]


def _describe(report: Any, item: Any, why: str | None) -> None:
    """What was found, on stderr: the entry itself goes to stdout or the file."""
    say = lambda text: typer.echo(text, err=True)  # noqa: E731
    say(f"site: {report.title or report.host} ({report.homepage})")
    say(f"page shape: {report.shape.label if report.shape else 'not recognised (generic)'}")
    for feed in report.feeds:
        say(f"feed: {feed}")
    for sitemap in report.sitemaps:
        say(f"sitemap: {sitemap}{' (news sitemap)' if report.news_sitemap else ''}")
    for listing in report.listings:
        pattern = f", article links like {report.article_pattern}" if report.article_pattern \
            else ""
        say(f"listing: {listing}{pattern}")
    if item is not None:
        date = item.published_at.isoformat() if item.published_at else "no date"
        say(f"check: {item.title!r} ({date}, {len(item.text or '')} characters of text)")
    else:
        say(f"check: no article could be extracted ({why}); the entry is marked "
            "checked = false")


def _as_toml(entry: dict[str, Any]) -> str:
    import tomli_w

    return tomli_w.dumps({"source": [entry]}, multiline_strings=False)


def _target_file(settings: Any) -> Path:
    from crawler.sources import BUNDLED_SOURCES_FILE

    target = Path(settings.sources_file)
    if target.resolve() == BUNDLED_SOURCES_FILE.resolve():
        target = settings.home / "sources.toml"
    return target


def _append(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        if not target.exists():
            target.write_text(NEW_FILE_HEADER + "\n" + text, encoding="utf-8")
            return
        existing = target.read_text(encoding="utf-8")
        separator = "" if existing.endswith("\n\n") else ("\n" if existing.endswith("\n")
                                                          else "\n\n")
        with target.open("a", encoding="utf-8") as fh:
            fh.write(separator + text)
    except OSError as exc:
        raise KunkerError(f"cannot write {target}: {exc.strerror}") from exc
