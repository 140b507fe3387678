"""Which common Indonesian CMS a homepage was built with (WordPress and its JNews and
Newspaper themes, Blogger, the go.id government CMS), and the article URL shape of its links.

Pure functions over a fetched page; the markers live in ``data/site_shapes.toml``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

SHAPES_FILE = Path(__file__).resolve().parent / "data" / "site_shapes.toml"
MIN_PATTERN_LINKS = 2  # an article pattern must fit at least this many links...
MIN_PATTERN_SHARE = 0.5  # ...and this share of the article-like links


@dataclass(frozen=True, slots=True)
class Shape:
    name: str
    label: str
    all: tuple[re.Pattern[str], ...] = ()
    any: tuple[re.Pattern[str], ...] = ()
    host: re.Pattern[str] | None = None
    feeds: tuple[str, ...] = ()
    listings: tuple[str, ...] = ()

    def matches(self, html: str, host: str) -> bool:
        """Every ``all`` pattern, and the host pattern or one ``any`` pattern."""
        if not all(p.search(html) for p in self.all):
            return False
        if self.host is not None and self.host.search(host):
            return True
        return bool(self.any) and any(p.search(html) for p in self.any)


@dataclass(frozen=True, slots=True)
class ShapeRules:
    shapes: tuple[Shape, ...]
    feeds: tuple[str, ...]
    listing_texts: frozenset[str]
    patterns: tuple[str, ...]


@cache
def shape_rules() -> ShapeRules:
    with SHAPES_FILE.open("rb") as fh:
        data = tomllib.load(fh)

    def compiled(items: Sequence[str]) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p, re.IGNORECASE) for p in items)

    shapes = tuple(
        Shape(name=s["name"], label=s["label"], all=compiled(s.get("all", [])),
              any=compiled(s.get("any", [])),
              host=re.compile(s["host"], re.IGNORECASE) if "host" in s else None,
              feeds=tuple(s.get("feeds", [])), listings=tuple(s.get("listings", [])))
        for s in data["shape"]
    )
    return ShapeRules(shapes=shapes, feeds=tuple(data["discovery"]["feeds"]),
                      listing_texts=frozenset(data["discovery"]["listing_texts"]),
                      patterns=tuple(data["patterns"]["candidates"]))


def detect_shape(html: str, url: str) -> Shape | None:
    """The first shape whose markers the homepage ``html`` at ``url`` shows, if any."""
    host = (urlsplit(url).hostname or "").lower()
    return next((s for s in shape_rules().shapes if s.matches(html, host)), None)


def article_pattern(urls: Sequence[str]) -> str | None:
    """The candidate pattern that fits most of ``urls`` (article-like links of one site), when
    it fits enough of them to pick article links from a listing page."""
    if not urls:
        return None
    best, best_count = None, 0
    for pattern in shape_rules().patterns:
        regex = re.compile(pattern)
        count = sum(1 for url in urls if regex.search(url))
        if count > best_count:
            best, best_count = pattern, count
    if best_count >= MIN_PATTERN_LINKS and best_count / len(urls) >= MIN_PATTERN_SHARE:
        return best
    return None
