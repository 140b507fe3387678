"""URL facts: the canonical form of an article URL, and whether a link looks like an article.

The canonical URL is the article's identity in storage, so two URLs of one article must map
to the same string: tracking parameters (``utm_*``, ``fbclid``...), one-page views
(``?page=all``), AMP variants (``/amp/`` paths, ``?amp=1``) and mobile mirrors
(``m.beritajakarta.id``) are folded away. The rules live in ``data/page_rules.toml``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

RULES_FILE = Path(__file__).resolve().parent / "data" / "page_rules.toml"
MIN_SLUG_WORDS = 3  # "dprd-sumbar-kunjungi-jatim": a slug with words is an article link
_DATE_PATH_RE = re.compile(r"/(20\d{2})/(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])(?:/|$)")
_AMP_PATH_RE = re.compile(r"(?:^|/)amp(?=/|$)")


@dataclass(frozen=True, slots=True)
class _Rules:
    tracking_params: frozenset[str]
    tracking_prefixes: tuple[str, ...]
    mirror_prefixes: tuple[str, ...]
    second_level: frozenset[str]
    non_article: tuple[tuple[re.Pattern[str], str], ...]


@cache
def _rules() -> _Rules:
    with RULES_FILE.open("rb") as fh:
        data = tomllib.load(fh)
    canonical = data["canonical"]
    return _Rules(
        tracking_params=frozenset(p.lower() for p in canonical["tracking_params"]),
        tracking_prefixes=tuple(p.lower() for p in canonical["tracking_prefixes"]),
        mirror_prefixes=tuple(canonical["mirror_host_prefixes"]),
        second_level=frozenset(canonical["second_level_labels"]),
        non_article=tuple(
            (re.compile(pattern, re.IGNORECASE), reason)
            for pattern, reason in data["non_article"].items()
        ),
    )


def canonical_url(url: str) -> str:
    """The identity of an article URL (see the module docstring for what is folded)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower() or "https"
    host = (parts.hostname or "").lower()
    port = parts.port
    host = _unmirror_host(host)
    netloc = host
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        netloc = f"{host}:{port}"
    path = parts.path or "/"
    path = _AMP_PATH_RE.sub("", path) or "/"
    path = re.sub(r"/{2,}", "/", path)
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    rules = _rules()
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in rules.tracking_params
        and not k.lower().startswith(rules.tracking_prefixes)
    ]
    return urlunsplit((scheme, netloc, path, urlencode(sorted(query)), ""))


def _unmirror_host(host: str) -> str:
    rules = _rules()
    for prefix in rules.mirror_prefixes:
        if host.startswith(prefix):
            rest = host[len(prefix) :]
            labels = rest.split(".")
            registrable = len(labels) == 2 or (len(labels) == 3 and labels[1] in rules.second_level)
            # m.beritajakarta.id mirrors www.beritajakarta.id; m.sumbar.example.id mirrors
            # sumbar.example.id.
            return "www." + rest if registrable else rest
    return host


def site_of(host: str) -> str:
    """The registrable domain: "sumbar.antaranews.com" → "antaranews.com",
    "m.beritajakarta.id" → "beritajakarta.id", "dprd.sumbarprov.go.id" → "sumbarprov.go.id"."""
    labels = host.lower().strip(".").split(".")
    if len(labels) >= 3 and labels[-2] in _rules().second_level and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def non_article_reason(url: str) -> str | None:
    """Why ``url`` is not an article page (tag page, video...), or None if it may be one."""
    path = urlsplit(url).path
    for pattern, reason in _rules().non_article:
        if pattern.search(path):
            return reason
    return None


def looks_like_article(url: str) -> bool:
    """Heuristic for listing pages without an ``article_pattern``: a slug or dated path."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or non_article_reason(url):
        return False
    segments = [s for s in parts.path.split("/") if s]
    if not segments:
        return False
    if _DATE_PATH_RE.search(parts.path):
        return True
    slug = max(segments, key=len)
    slug = re.sub(r"\.(?:html?|php|aspx?)$", "", slug)
    words = [w for w in re.split(r"[-_]+", slug) if w]
    return len(words) >= MIN_SLUG_WORDS


def date_in_url(url: str) -> tuple[int, int, int] | None:
    """(year, month, day) when the path carries a date like ``/2025/06/12/``."""
    match = _DATE_PATH_RE.search(urlsplit(url).path)
    if match is None:
        return None
    return int(match.group(1)), int(match.group(2)), int(match.group(3))


def with_query(url: str, extra: str | None) -> str:
    """``url`` with ``extra`` ("page=all") added to its query, for the one-page view."""
    if not extra:
        return url
    parts = urlsplit(url)
    have = dict(parse_qsl(parts.query, keep_blank_values=True))
    add = dict(parse_qsl(extra, keep_blank_values=True))
    if all(have.get(k) == v for k, v in add.items()):
        return url
    query = urlencode({**have, **add})
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def absolute(base: str, href: str) -> str | None:
    """``href`` resolved against ``base``, without fragment; None for non-http links."""
    href = (href or "").strip()
    if not href or href.startswith(("javascript:", "mailto:", "tel:", "#", "whatsapp:")):
        return None
    url = urljoin(base, href)
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"}:
        return None
    return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))
