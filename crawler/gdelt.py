"""Cross-outlet discovery through the GDELT DOC 2.0 API: the query URL of a ``kind = "gdelt"``
source and the article links of an ArtList JSON answer.

The ``gdeltdoc`` package builds the query (``Filters``: phrases, ``sourcecountry``,
``sourcelang``, timespan, record limit) and repairs the malformed JSON the API sometimes
sends (``load_json``). Its client is not used: it fetches synchronously with ``requests``
from a fixed address, while the spider fetches through Scrapy (one download slot for GDELT,
one request every 5 s: ``DOWNLOAD_SLOTS`` in crawler/settings.py; retries with backoff) and
tests point the API at a local server. Pure functions: the spider fetches.
"""

from __future__ import annotations

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
    from gdeltdoc import Filters

    config = config or gdelt_config()
    own = source.gdelt_query or (f'"{source.province}"' if source.province else "")
    filters = Filters(keyword=list(config.terms), timespan=config.timespan,
                      num_records=config.max_records, country=config.country,
                      language=config.language)
    # Filters renders "<search expression> &timespan=..&maxrecords=..": the expression gets
    # the legislature and the source's own clause, then everything is URL-encoded.
    expression, _, parameters = filters.query_string.partition("&")
    institutions = "(" + " OR ".join(config.institutions) + ")"
    text = " ".join(part for part in (expression.strip(), institutions, own) if part)
    url = (f"{api or config.api}?query={quote(text, safe='')}&{parameters}"
           "&mode=artlist&format=json&sort=datedesc")
    return GdeltQuery(url=url, text=text)


def parse_artlist(body: bytes, content_type: str, base_url: str, query: str) -> list[Link]:
    """Article links of an ArtList JSON answer (an empty result is ``{}``).

    The API answers a bad query or too many requests with a line of text (often with status
    200): that is a ``DiscoveryError`` carrying the API's own words.
    """
    from gdeltdoc.helpers import load_json

    text = body.decode("utf-8", errors="replace").strip()
    if "json" not in content_type.lower() and not text.startswith("{"):
        said = " ".join(text.split())[:200] or "an empty answer"
        if any(marker in said.lower() for marker in RATE_LIMIT_MARKERS):
            raise DiscoveryError(f"rate limited by GDELT ({said})")
        raise DiscoveryError(f"GDELT refused the query: {said}")
    try:
        data = load_json(text)
    except (ValueError, IndexError) as exc:
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
