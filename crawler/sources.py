"""The sources config: one entry per outlet, read from TOML and validated into ``Source`` records.

An entry says how articles are discovered (``feeds``: RSS/Atom, ``sitemaps``: XML or Google
News sitemaps, ``listings``: index pages followed through their pagination) and, optionally,
how its pages are read (CSS ``selectors`` for title, date, body, author and noise). An entry
may ``extends = "other-name"`` to take everything it does not set from another entry of the
same file or of the bundled config; the demo site uses this so it runs the real selectors.

Each entry is tagged with its ``province`` (a name or alias the gazetteer knows: the edge
resolves it), a ``category`` (antara, tribun, dprd, regional, national, government, gdelt) and
``checked = false`` when nobody has fetched its pages yet. ``kind = "gdelt"`` makes an entry
ask the GDELT DOC API instead of reading feeds (see ``crawler.gdelt``); such entries are
``optional``: ``kunker update`` runs them only when asked.

A user's file replaces the bundled catalogue, unless it says ``include_bundled = true`` at
the top: then its entries are added to the bundled ones (an entry of the same name replaces
the bundled one). ``kunker sources add`` writes such a file.

Every problem is one line naming the file and the entry (``SourcesConfigError``).
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crawler.errors import SourcesConfigError

BUNDLED_SOURCES_FILE = Path(__file__).resolve().parent / "sources.toml"
TIMEZONES_FILE = Path(__file__).resolve().parent / "data" / "timezones.toml"
DEFAULT_MAX_PAGES = 3
DEFAULT_TIMEZONE = "WIB"
TIMEZONES = {"WIB", "WITA", "WIT"}
SELECTOR_KEYS = {"title", "date", "body", "author", "noise", "listing", "next_page"}
KINDS = ("news", "gdelt")
CATEGORIES = ("antara", "tribun", "dprd", "regional", "national", "government", "gdelt")
# Keys that belong to the entry itself and are never taken from the entry it extends: its
# own discovery must not silently become the parent's, nor the parent's check its own.
OWN_KEYS = {"feeds", "sitemaps", "listings", "allowed_domains", "extends", "checked"}
_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


@dataclass(frozen=True, slots=True)
class Selectors:
    """CSS selectors; each field lists alternatives tried in order (first match wins)."""

    title: tuple[str, ...] = ()
    date: tuple[str, ...] = ()
    body: tuple[str, ...] = ()
    author: tuple[str, ...] = ()
    noise: tuple[str, ...] = ()
    listing: tuple[str, ...] = ()  # where article links sit on a listing page
    next_page: tuple[str, ...] = ()  # the "next page" link of a listing page


@dataclass(frozen=True, slots=True)
class Source:
    """One outlet, or an ad-hoc feed/sitemap/listing given on the command line."""

    name: str
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    listings: tuple[str, ...] = ()
    allowed_domains: tuple[str, ...] = ()
    article_pattern: str | None = None  # regex an article URL matches (listing pages)
    article_query: str | None = None  # appended when fetching an article, e.g. "page=all"
    selectors: Selectors = field(default_factory=Selectors)
    region: str | None = None
    timezone: str = DEFAULT_TIMEZONE
    language: str = "id"
    max_pages: int = DEFAULT_MAX_PAGES
    title: str | None = None  # display name
    province: str | None = None  # as written in the file; the edge resolves it
    category: str | None = None  # one of CATEGORIES
    checked: bool = True  # false: nobody has fetched this entry's pages yet
    cms: str | None = None  # page shape found by `kunker sources add` (crawler.site_shapes)
    kind: str = "news"  # "gdelt": discovery through the GDELT DOC API (crawler.gdelt)
    gdelt_query: str | None = None  # what a GDELT entry adds to the visit terms
    optional: bool = False  # crawled only when named or asked for (`update --gdelt`)

    @property
    def start_urls(self) -> tuple[str, ...]:
        return self.feeds + self.sitemaps + self.listings

    @property
    def is_gdelt(self) -> bool:
        return self.kind == "gdelt"

    def allows(self, url: str) -> bool:
        """True when ``url`` is on one of the allowed domains (or none is configured)."""
        if not self.allowed_domains:
            return True
        host = (urlsplit(url).hostname or "").lower()
        return any(host == d or host.endswith("." + d) for d in self.allowed_domains)


def load_sources(path: Path | str, text: str | None = None) -> list[Source]:
    """Read and validate a sources file; ``text`` overrides the file's content (templating)."""
    path = Path(path)
    data = _read_toml(path, text)
    entries = data.get("source")
    include_bundled = data.get("include_bundled", False)
    if not isinstance(include_bundled, bool):
        raise SourcesConfigError(f"{path}: include_bundled must be true or false")
    if include_bundled and path.resolve() != BUNDLED_SOURCES_FILE:
        entries = _bundled_list(entries or [], path)
    if not isinstance(entries, list) or not entries:
        raise SourcesConfigError(f"{path}: no [[source]] entries found")
    raw_by_name: dict[str, dict[str, Any]] = {}
    for index, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise SourcesConfigError(f"{path}: entry {index} is not a table")
        name = entry.get("name")
        if not isinstance(name, str) or not _NAME_RE.match(name):
            raise SourcesConfigError(
                f"{path}: entry {index}: 'name' must be lowercase letters, digits, '.', '-', '_'"
            )
        if name in raw_by_name:
            raise SourcesConfigError(f"{path}: entry {name!r} is defined twice")
        raw_by_name[name] = entry
    bundled = _bundled_entries() if path.resolve() != BUNDLED_SOURCES_FILE else {}
    return [
        source_from_mapping(_resolve_extends(raw, raw_by_name, bundled, path), where=f"{path}")
        for raw in raw_by_name.values()
    ]


def _bundled_list(own: list[Any], path: Path) -> list[Any]:
    """The bundled entries, each replaced by the user's entry of the same name, then the
    user's new entries."""
    if not isinstance(own, list):
        raise SourcesConfigError(f"{path}: [[source]] must be a list of tables")
    own_names = {e.get("name") for e in own if isinstance(e, dict)}
    raw = _bundled_entries()
    # Bundled entries extend bundled entries, even the ones the user's file replaces.
    bundled = [
        {k: v for k, v in _resolve_extends(e, raw, {}, BUNDLED_SOURCES_FILE).items()
         if k != "extends"}
        for n, e in raw.items() if n not in own_names
    ]
    return bundled + own


def timezone_of_province(province: str) -> str:
    """WIB, WITA or WIT for a province named as in the gazetteer ("Maluku Utara")."""
    data = _read_toml(TIMEZONES_FILE, None)
    return next((zone for zone in ("WITA", "WIT") if province in data.get(zone, [])),
                DEFAULT_TIMEZONE)


def default_sources(sources: Iterable[Source]) -> list[Source]:
    """What a crawl of "every source" reads: all but the optional (GDELT) entries."""
    return [s for s in sources if not s.optional]


def find_source(sources: Iterable[Source], name: str, where: Path | str) -> Source:
    by_name = {s.name: s for s in sources}
    if name not in by_name:
        close = difflib.get_close_matches(name, list(by_name), n=5, cutoff=0.6)
        hint = f"did you mean {', '.join(close)}?" if close else (
            "`kunker sources list` shows the names"
        )
        raise SourcesConfigError(f"{where}: no source named {name!r}; {hint}")
    return by_name[name]


def adhoc_source(kind: str, url: str) -> Source:
    """A source for ``kunker crawl --feed/--sitemap/--start-url URL``: generic extraction."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise SourcesConfigError(f"--{kind}: {url!r} is not an http(s) URL")
    host = parts.hostname.lower()
    name = f"adhoc-{host}"
    if kind == "feed":
        return Source(name=name, feeds=(url,))
    if kind == "sitemap":
        return Source(name=name, sitemaps=(url,))
    return Source(name=name, listings=(url,), allowed_domains=(host,))


def source_from_mapping(raw: Mapping[str, Any], where: str) -> Source:
    """Validate one entry (already merged with what it extends) into a ``Source``."""
    name = str(raw.get("name"))
    at = f"{where}: source {name!r}"
    known = {f.name for f in fields(Source)} | {"extends"}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise SourcesConfigError(f"{at}: unknown key(s) {', '.join(unknown)}")
    feeds = _url_list(raw, "feeds", at)
    sitemaps = _url_list(raw, "sitemaps", at)
    listings = _url_list(raw, "listings", at)
    kind = _opt_str(raw, "kind", at) or "news"
    if kind not in KINDS:
        raise SourcesConfigError(f"{at}: kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if kind == "news" and not (feeds or sitemaps or listings):
        raise SourcesConfigError(f"{at}: needs at least one of feeds, sitemaps, listings")
    if kind == "gdelt" and (feeds or sitemaps or listings):
        raise SourcesConfigError(f"{at}: a gdelt entry has no feeds, sitemaps or listings")
    category = _opt_str(raw, "category", at)
    if category is not None and category not in CATEGORIES:
        raise SourcesConfigError(
            f"{at}: category must be one of {', '.join(CATEGORIES)}, not {category!r}"
        )
    domains = tuple(d.lower().lstrip(".") for d in _str_list(raw, "allowed_domains", at))
    pattern = _opt_str(raw, "article_pattern", at)
    if pattern is not None:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise SourcesConfigError(f"{at}: article_pattern is not a valid regex: {exc}") from exc
    timezone = _opt_str(raw, "timezone", at) or DEFAULT_TIMEZONE
    if timezone not in TIMEZONES:
        raise SourcesConfigError(f"{at}: timezone must be one of WIB, WITA, WIT, not {timezone!r}")
    max_pages = raw.get("max_pages", DEFAULT_MAX_PAGES)
    if not isinstance(max_pages, int) or isinstance(max_pages, bool) or max_pages < 1:
        raise SourcesConfigError(f"{at}: max_pages must be a positive integer")
    return Source(
        name=name,
        feeds=feeds,
        sitemaps=sitemaps,
        listings=listings,
        allowed_domains=domains,
        article_pattern=pattern,
        article_query=_opt_str(raw, "article_query", at),
        selectors=_selectors(raw.get("selectors", {}), at),
        region=_opt_str(raw, "region", at),
        timezone=timezone,
        language=_opt_str(raw, "language", at) or "id",
        max_pages=max_pages,
        title=_opt_str(raw, "title", at),
        province=_opt_str(raw, "province", at),
        category=category,
        checked=_flag(raw, "checked", True, at),
        cms=_opt_str(raw, "cms", at),
        kind=kind,
        gdelt_query=_opt_str(raw, "gdelt_query", at),
        optional=_flag(raw, "optional", kind == "gdelt", at),
    )


# -- helpers -------------------------------------------------------------------------------
def _read_toml(path: Path, text: str | None) -> dict[str, Any]:
    try:
        content = path.read_text(encoding="utf-8") if text is None else text
    except OSError as exc:
        raise SourcesConfigError(f"{path}: cannot read sources config ({exc.strerror})") from exc
    try:
        return tomllib.loads(content)
    except tomllib.TOMLDecodeError as exc:
        raise SourcesConfigError(f"{path}: not valid TOML: {exc}") from exc


def _bundled_entries() -> dict[str, dict[str, Any]]:
    data = _read_toml(BUNDLED_SOURCES_FILE, None)
    return {e["name"]: e for e in data.get("source", []) if isinstance(e, dict) and "name" in e}


def _resolve_extends(
    raw: dict[str, Any],
    local: Mapping[str, dict[str, Any]],
    bundled: Mapping[str, dict[str, Any]],
    path: Path,
    depth: int = 0,
) -> dict[str, Any]:
    parent_name = raw.get("extends")
    if parent_name is None:
        return raw
    at = f"{path}: source {raw.get('name')!r}"
    if depth > 5:
        raise SourcesConfigError(f"{at}: 'extends' chain is too long or circular")
    parent = local.get(parent_name) if parent_name != raw.get("name") else None
    parent = parent or bundled.get(parent_name)
    if parent is None:
        raise SourcesConfigError(f"{at}: extends unknown source {parent_name!r}")
    base = _resolve_extends(parent, local, bundled, path, depth + 1)
    # Discovery and domains belong to the entry itself: a copy of an outlet's selectors must
    # not silently crawl the outlet's real feeds.
    merged = {k: v for k, v in base.items() if k not in OWN_KEYS}
    for key, value in raw.items():
        if key == "selectors" and isinstance(value, dict):
            merged["selectors"] = {**base.get("selectors", {}), **value}
        elif key != "extends":
            merged[key] = value
    return merged


def _as_tuple(value: Any, key: str, at: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise SourcesConfigError(f"{at}: {key} must be a string or a list of strings")
    return tuple(v.strip() for v in value)


def _str_list(raw: Mapping[str, Any], key: str, at: str) -> tuple[str, ...]:
    return _as_tuple(raw.get(key), key, at)


def _url_list(raw: Mapping[str, Any], key: str, at: str) -> tuple[str, ...]:
    urls = _str_list(raw, key, at)
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.netloc:
            raise SourcesConfigError(f"{at}: {key} has {url!r}, which is not an http(s) URL")
    return urls


def _flag(raw: Mapping[str, Any], key: str, default: bool, at: str) -> bool:
    value = raw.get(key, default)
    if not isinstance(value, bool):
        raise SourcesConfigError(f"{at}: {key} must be true or false")
    return value


def _opt_str(raw: Mapping[str, Any], key: str, at: str) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise SourcesConfigError(f"{at}: {key} must be a string")
    return value.strip() or None


def _selectors(value: Any, at: str) -> Selectors:
    if not isinstance(value, dict):
        raise SourcesConfigError(f"{at}: selectors must be a table")
    unknown = sorted(set(value) - SELECTOR_KEYS)
    if unknown:
        raise SourcesConfigError(f"{at}: unknown selector key(s) {', '.join(unknown)}")
    parsed = {key: _as_tuple(value.get(key), f"selectors.{key}", at) for key in SELECTOR_KEYS}
    from parsel import Selector  # Scrapy's selector library; checks CSS syntax up front

    probe = Selector(text="<html></html>")
    for key, selectors in parsed.items():
        for css in selectors:
            try:
                probe.css(css)
            except Exception as exc:  # cssselect raises several error types
                raise SourcesConfigError(
                    f"{at}: selectors.{key} has invalid CSS {css!r}: {exc}"
                ) from exc
    return Selectors(**parsed)
