"""One fetched page → an ``ArticleItem``, or a ``Rejected`` saying why it is not kept.

Order of trust for each field: JSON-LD and meta tags, then the outlet's configured selectors,
then the generic fallbacks (trafilatura for the body, htmldate for the date). The body is the
exception: JSON-LD ``articleBody`` is flat text where a "Baca juga" teaser cannot be told from
the story, so it is used only when neither the selectors nor trafilatura find a body.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

import lxml.etree
import lxml.html
from lxml.html import HtmlElement
from scrapy.http import Response, TextResponse

from crawler.dates import parse_date
from crawler.extract.pagekind import block_reason, detect_language, looks_like_index, url_reason
from crawler.extract.selectors import select
from crawler.extract.structured import Structured, clean_author, read_structured
from crawler.extract.text import (
    body_from_element,
    body_from_trafilatura,
    join_paragraphs,
    paragraphs_from_text,
)
from crawler.items import ArticleItem
from crawler.sources import Source
from crawler.urls import canonical_url, site_of

logger = logging.getLogger(__name__)

# Where pages print their date when they say nothing in meta tags: tried with the Indonesian
# date parser before htmldate, which does not know "9 Juni 2025 16:40 WITA".
GENERIC_DATE_SELECTORS = (
    "time[datetime]",
    "[itemprop='datePublished']",
    "[class*='date']",
    "[class*='tanggal']",
    "[class*='waktu']",
    "[class*='time']",
    "time",
)
# Headings that name the article on pages without an <h1> (the go.id CMS of many DPRD sites
# prints it in <h2 class="judul-berita">, while <title> holds only the site's name).
GENERIC_TITLE_SELECTORS = (
    "h1",
    "[itemprop='headline']",
    "h2[class*='judul']",
    "h2[class*='title']",
    "h3[class*='judul']",
    "h3[class*='title']",
)
MIN_BODY_CHARS = 200  # shorter than a two-sentence news brief: a stub, teaser or error page
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TITLE_SEPARATORS = (" - ", " | ", " – ", " — ", " :: ")


@dataclass(frozen=True, slots=True)
class Rejected:
    """A page that is not stored; ``reason`` goes into the log and the crawl summary."""

    reason: str
    blocked: bool = False


def parse_article(
    response: Response,
    source: Source,
    fetched_at: datetime | None = None,
    extra: dict[str, str] | None = None,
) -> ArticleItem | Rejected:
    if not isinstance(response, TextResponse):
        return Rejected("not a web page")
    html = decode_html(response)
    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return Rejected("unreadable page")
    blocked = block_reason(root, html)
    if blocked:
        return Rejected(blocked, blocked=True)
    reason = url_reason(response.url)
    if reason:
        return Rejected(f"not an article: {reason}")
    found = read_structured(root)
    if found.is_video:
        return Rejected("not an article: video")
    selectors = source.selectors
    title = (
        found.headline
        or _select_text(root, selectors.title)
        or _strip_site_suffix(found.meta_title, found.site_name, response.url)
        or _select_text(root, GENERIC_TITLE_SELECTORS)
        or _strip_site_suffix(root.findtext(".//title"), found.site_name, response.url)
    )
    paragraphs = _body(root, found, selectors.body, selectors.noise, title)
    text = join_paragraphs(paragraphs)
    if not text:
        return Rejected("not an article: empty body")
    if not found.is_article and looks_like_index(root, paragraphs):
        return Rejected("not an article: index page")
    if len(text) < MIN_BODY_CHARS:
        return Rejected("not an article: body too short")
    if not title:
        return Rejected("not an article: no title")
    published = (
        parse_date(found.published, source.timezone)
        or parse_date(_select_text(root, selectors.date), source.timezone)
        or _generic_date(root, source.timezone)
        or _htmldate(html, source.timezone)
    )
    author = found.author or clean_author(_select_text(root, selectors.author))
    fetched = fetched_at or datetime.now(UTC)
    details = dict(extra or {})
    if source.region:
        details.setdefault("region", source.region)
    return ArticleItem(
        url=response.url,
        canonical_url=_canonical(found.canonical, response.url),
        source=source.name,
        title=title,
        published_at=published,
        author=author,
        text=text,
        language=detect_language(found.language, text, source.language),
        content_hash=content_hash(title, text),
        fetched_at=fetched,
        relevant=True,
        extra=details,
    )


def decode_html(response: TextResponse) -> str:
    """The page as text, repairing a wrong declared charset.

    A page declared UTF-8 but written in windows-1252 decodes with U+FFFD replacement marks;
    a page declared windows-1252/latin-1 but written in UTF-8 decodes into mojibake ("â€œ").
    Valid UTF-8 with non-ASCII bytes is almost never accidental, so it wins when it decodes.
    """
    body = response.body
    text = response.text
    declared = (response.encoding or "").lower().replace("_", "-")
    if not body.isascii():
        if declared not in {"utf-8", "utf8"}:
            try:
                text = body.decode("utf-8")
                logger.info(
                    "%s: declared %s but is UTF-8; decoded as UTF-8", response.url, declared
                )
            except UnicodeDecodeError:
                pass
        elif "\ufffd" in text:
            for encoding in ("cp1252", "latin-1"):
                try:
                    text = body.decode(encoding)
                except UnicodeDecodeError:
                    continue
                logger.info("%s: declared UTF-8 but is not; decoded as %s", response.url, encoding)
                break
    return _CONTROL_RE.sub("", text)


def content_hash(title: str | None, text: str | None) -> str:
    """SHA-256 of the normalised title and body: equal for the same story re-fetched."""
    normalised = unicodedata.normalize("NFKC", f"{title or ''}\n{text or ''}").lower()
    normalised = " ".join(normalised.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def _body(
    root: HtmlElement,
    found: Structured,
    body_selectors: Sequence[str],
    noise: Sequence[str],
    title: str | None,
) -> list[str]:
    for css in body_selectors:
        for element in select(root, css):
            paragraphs = body_from_element(element, noise, title)
            if paragraphs:
                return paragraphs
    if body_selectors:
        logger.debug("configured body selectors matched nothing; trying trafilatura")
    paragraphs = body_from_trafilatura(root, noise, title)
    if paragraphs:
        return paragraphs
    return paragraphs_from_text(found.body, title) if found.body else []


def _select_text(root: HtmlElement, selectors: Sequence[str]) -> str | None:
    for css in selectors:
        for element in select(root, css):
            text = " ".join(element.text_content().split())
            if text:
                return text
    return None


def _strip_site_suffix(title: str | None, site_name: str | None, url: str) -> str | None:
    """ "Judul - ANTARA News Sumatera Barat" → "Judul" (only a suffix naming the site)."""
    if not title:
        return None
    title = " ".join(title.split())
    host_labels = (urlsplit(url).hostname or "").split(".")
    site_key = host_labels[-2] if len(host_labels) >= 2 else ""
    for separator in _TITLE_SEPARATORS:
        if separator not in title:
            continue
        head, _, tail = title.rpartition(separator)
        tail_key = re.sub(r"\W+", "", tail).lower()
        names_site = bool(site_name) and tail.strip().lower() == site_name.strip().lower()
        if head and (names_site or (len(site_key) > 2 and site_key in tail_key)):
            return head.strip()
    return title


def _canonical(declared: str | None, url: str) -> str:
    """The page's rel=canonical when it points to the same site, else the fetched URL."""
    if declared:
        declared_host = urlsplit(declared).hostname or ""
        host = urlsplit(url).hostname or ""
        if declared_host and site_of(declared_host) == site_of(host):
            return canonical_url(declared)
    return canonical_url(url)


def _generic_date(root: HtmlElement, zone_name: str) -> datetime | None:
    for css in GENERIC_DATE_SELECTORS:
        for element in select(root, css):
            # Blogger: <abbr itemprop="datePublished" title="2025-05-28T11:00:00+08:00">
            stamp = element.get("title") if element.tag == "abbr" else None
            value = (element.get("datetime") or element.get("content") or stamp
                     or element.text_content())
            found = parse_date(value, zone_name)
            if found is not None:
                return found
    return None


def _htmldate(html: str, zone_name: str) -> datetime | None:
    try:
        from htmldate import find_date
    except ImportError:  # optional fallback
        return None
    try:
        found = find_date(html, outputformat="%Y-%m-%dT%H:%M:%S", original_date=True)
    except Exception as exc:  # htmldate raises on odd markup; the date just stays unknown
        logger.debug("htmldate failed: %s", exc)
        return None
    return parse_date(found, zone_name) if found else None
