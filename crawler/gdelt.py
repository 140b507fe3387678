"""Cross-outlet discovery through the GDELT DOC 2.0 API: the query URL of a ``kind = "gdelt"``
source and the article links of an ArtList JSON answer. Pure functions: the spider fetches,
through Scrapy (one download slot for GDELT, one request every 5 s: ``DOWNLOAD_SLOTS`` in
crawler/settings.py; retries with backoff), so tests point the API at a local server.

The ``gdeltdoc`` package was the first choice and is not used: every release installs a
top-level ``tests`` package into site-packages, which shadows this project's ``tests``
package, and it needs pandas for a list of dicts; its client also fetches synchronously
from a fixed address. What is taken from it is its handling of the API's quirks: phrases in
quotes, alternatives in parentheses, and JSON with stray characters repaired one at a time.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from crawler.discovery import DiscoveryError, Link
from crawler.sources import Source
from crawler.urls import absolute

CONFIG_FILE = Path(__file__).resolve().parent / "data" / "gdelt.toml"
DOWNLOAD_SLOT = "gdelt"  # crawler/settings.py: DOWNLOAD_SLOTS["gdelt"]
RATE_LIMIT_MARKERS = ("limit requests", "please limit", "rate limit")
MAX_JSON_REPAIRS = 100


@dataclass(frozen=True, slots=True)
class GdeltConfig:
    api: str
    terms: tuple[str, ...]
    institutions: tuple[str, ...]
    country: str
    language: str
    timespan: str
    max_records: int


@cache
def gdelt_config() -> GdeltConfig:
    with CONFIG_FILE.open("rb") as fh:
        data = tomllib.load(fh)
    return GdeltConfig(
        api=data["api"], terms=tuple(data["terms"]), institutions=tuple(data["institutions"]),
        country=data["country"], language=data["language"], timespan=data["timespan"],
        max_records=int(data["max_records"]),
    )


@dataclass(frozen=True, slots=True)
class GdeltQuery:
    url: str  # the request
    text: str  # the search expression, recorded with every article it finds


def build_query(source: Source, api: str | None = None,
                config: GdeltConfig | None = None) -> GdeltQuery:
    """The ArtList request of ``source``: the visit terms AND a legislature AND its
    ``gdelt_query`` (by default the quoted province name), Indonesian sources only."""
    config = config or gdelt_config()
    own = source.gdelt_query or (f'"{source.province}"' if source.province else "")
    text = " ".join(part for part in (
        _any_of(config.terms), _any_of(config.institutions), own,
        f"sourcecountry:{config.country}", f"sourcelang:{config.language}",
    ) if part)
    url = (f"{api or config.api}?query={quote(text, safe='')}&mode=artlist&format=json"
           f"&timespan={config.timespan}&maxrecords={config.max_records}&sort=datedesc")
    return GdeltQuery(url=url, text=text)


def _any_of(words: tuple[str, ...]) -> str:
    """GDELT's syntax: a phrase in quotes, alternatives in parentheses joined by OR."""
    quoted = [f'"{w}"' if " " in w else w for w in words]
    return quoted[0] if len(quoted) == 1 else "(" + " OR ".join(quoted) + ")"


def _load_json(text: str) -> Any:
    """The API sometimes sends a stray control character or a bad escape in a title: drop
    the character the parser stops at and try again (a bounded number of times)."""
    for _ in range(MAX_JSON_REPAIRS):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            if exc.pos >= len(text):
                raise
            text = text[:exc.pos] + " " + text[exc.pos + 1:]
    return json.loads(text)


def parse_artlist(body: bytes, content_type: str, base_url: str, query: str) -> list[Link]:
    """Article links of an ArtList JSON answer (an empty result is ``{}``).

    The API answers a bad query or too many requests with a line of text (often with status
    200): that is a ``DiscoveryError`` carrying the API's own words.
    """
    text = body.decode("utf-8", errors="replace").strip()
    if "json" not in content_type.lower() and not text.startswith("{"):
        said = " ".join(text.split())[:200] or "an empty answer"
        if any(marker in said.lower() for marker in RATE_LIMIT_MARKERS):
            raise DiscoveryError(f"rate limited by GDELT ({said})")
        raise DiscoveryError(f"GDELT refused the query: {said}")
    try:
        data = _load_json(text)
    except ValueError as exc:
        raise DiscoveryError(f"not a GDELT JSON answer ({exc})") from exc
    if not isinstance(data, dict):
        raise DiscoveryError("not a GDELT JSON answer (not an object)")
    links: list[Link] = []
    for article in data.get("articles") or []:
        if not isinstance(article, dict):
            continue
        url = absolute(base_url, str(article.get("url") or ""))
        if url is None:
            continue
        title = " ".join(str(article.get("title") or "").split()) or None
        links.append(Link(url=url, title=title, published=_seen(article.get("seendate")),
                          query=query))
    return links


def _seen(value: Any) -> datetime | None:
    """GDELT's ``seendate`` ("20250612T083000Z"): when GDELT saw the article, in UTC."""
    try:
        return datetime.strptime(str(value), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None
