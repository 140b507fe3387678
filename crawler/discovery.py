"""Finding article URLs: RSS/Atom feeds, XML sitemaps (incl. Google News), listing pages.

Pure functions over a fetched body; the spider does the fetching. Scrapy's own sitemap
parser drops the ``news:`` namespace (title, publication date), which ``--since`` and the
summary need, so sitemaps are parsed here with lxml.
"""

from __future__ import annotations

import gzip
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import lxml.etree
import lxml.html

from crawler.dates import ZONES, parse_date
from crawler.urls import absolute, date_in_url, looks_like_article

logger = logging.getLogger(__name__)

MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemap protocol's own limit, uncompressed
DATE_SEARCH_DEPTH = 3  # how far up from a listing link to look for its date
DEFAULT_NEXT_PAGE = (
    "a[rel='next']",
    "link[rel='next']",
    ".pagination a.next",
    ".pagination .next a",
    "a.next",
    "a.nextpostslink",
)
NEXT_PAGE_TEXTS = {"next", "selanjutnya", "berikutnya", "»", "›", "next »", "older posts"}


@dataclass(frozen=True, slots=True)
class Link:
    """An article URL found by discovery, with what the feed or sitemap said about it."""

    url: str
    title: str | None = None
    published: datetime | None = None
    query: str | None = None  # the search that found it (GDELT), kept with the article


@dataclass(frozen=True, slots=True)
class SitemapContent:
    links: list[Link]
    sitemaps: list[Link]  # child sitemaps of a sitemap index (``published`` = lastmod)


class DiscoveryError(ValueError):
    """A feed or sitemap that cannot be read at all."""


def parse_feed(body: bytes, base_url: str, zone_name: str = "WIB") -> list[Link]:
    """Entries of an RSS or Atom feed."""
    import feedparser

    if not body.strip():
        raise DiscoveryError("empty answer where a feed was expected")
    parsed = feedparser.parse(body)
    if parsed.bozo and not parsed.entries:
        raise DiscoveryError(f"not a readable RSS/Atom feed ({parsed.get('bozo_exception')})")
    if not parsed.entries and not parsed.get("version"):
        # feedparser reads an HTML page (a moved feed, a login or error page answered with
        # 200) as a feed with no entries; a real feed that is empty has a version
        raise DiscoveryError("not an RSS/Atom feed (the answer looks like an HTML page)")
    links: list[Link] = []
    for entry in parsed.entries:
        href = entry.get("link") or _feed_alternate(entry)
        url = absolute(base_url, href) if href else None
        if url is None:
            continue
        published = None
        for key in ("published", "updated", "created"):
            if entry.get(key):
                published = parse_date(entry[key], zone_name)
                if published:
                    break
        title = " ".join((entry.get("title") or "").split()) or None
        links.append(Link(url=url, title=title, published=published))
    if parsed.bozo and not links:  # broken XML whose only "entries" are fragments
        raise DiscoveryError(f"not a readable RSS/Atom feed ({parsed.get('bozo_exception')})")
    return links


def _feed_alternate(entry: dict[str, object]) -> str | None:
    for link in entry.get("links") or []:  # type: ignore[attr-defined]
        if isinstance(link, dict) and link.get("rel", "alternate") == "alternate":
            return str(link.get("href") or "") or None
    return None


def parse_sitemap(body: bytes, base_url: str, zone_name: str = "WIB") -> SitemapContent:
    """URLs of a urlset, or child sitemaps of a sitemapindex; reads news:/lastmod dates."""
    if body[:2] == b"\x1f\x8b":  # a .xml.gz served without Content-Encoding
        try:
            body = gzip.decompress(body)[:MAX_SITEMAP_BYTES]
        except OSError as exc:
            raise DiscoveryError(f"broken gzip sitemap ({exc})") from exc
    parser = lxml.etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
    try:
        root = lxml.etree.fromstring(body.strip(), parser=parser)
    except lxml.etree.XMLSyntaxError as exc:
        raise DiscoveryError(f"not a readable XML sitemap ({exc})") from exc
    if root is None or not isinstance(root.tag, str):
        raise DiscoveryError("not a readable XML sitemap (empty document)")
    kind = lxml.etree.QName(root).localname
    if kind not in {"urlset", "sitemapindex"}:
        raise DiscoveryError(f"not a sitemap (root element <{kind}>)")
    links: list[Link] = []
    children: list[Link] = []
    entry_name = "url" if kind == "urlset" else "sitemap"
    for entry in root:
        if not isinstance(entry.tag, str) or lxml.etree.QName(entry).localname != entry_name:
            continue
        fields = _sitemap_fields(entry)
        url = absolute(base_url, fields.get("loc", ""))
        if url is None:
            continue
        published = parse_date(
            fields.get("news:publication_date") or fields.get("lastmod"), zone_name
        )
        link = Link(url=url, title=fields.get("news:title"), published=published)
        (links if kind == "urlset" else children).append(link)
    return SitemapContent(links=links, sitemaps=children)


def _sitemap_fields(entry: lxml.etree._Element) -> dict[str, str]:
    """Child values by local name; children of <news:news> get a "news:" prefix."""
    fields: dict[str, str] = {}
    for child in entry.iter():
        if child is entry or not isinstance(child.tag, str):
            continue
        name = lxml.etree.QName(child).localname
        namespace = lxml.etree.QName(child).namespace or ""
        if "sitemap-news" in namespace or "/news/" in namespace:
            name = f"news:{name}"
        text = " ".join((child.text or "").split())
        if text and name not in fields:
            fields[name] = text
    return fields


@dataclass(frozen=True, slots=True)
class ListingPage:
    links: list[Link]
    next_page: str | None


def parse_listing(
    html: str,
    page_url: str,
    *,
    article_pattern: str | None = None,
    scope: Sequence[str] = (),
    next_page: Sequence[str] = (),
    zone_name: str = "WIB",
) -> ListingPage:
    """Article links of an index page (with the date printed next to each, if any) and the
    URL of its next page."""
    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise DiscoveryError(f"not a readable listing page ({exc})") from exc
    containers = [el for css in scope for el in root.cssselect(css)] or [root]
    pattern = re.compile(article_pattern) if article_pattern else None
    seen: set[str] = set()
    links: list[Link] = []
    for container in containers:
        for anchor in container.iter("a"):
            url = absolute(page_url, anchor.get("href", ""))
            if url is None or url in seen or url.rstrip("/") == page_url.rstrip("/"):
                continue
            if pattern is not None:
                if not pattern.search(url):
                    continue
            elif not looks_like_article(url):
                continue
            seen.add(url)
            title = " ".join(anchor.text_content().split()) or anchor.get("title")
            links.append(
                Link(url=url, title=title or None, published=_link_date(anchor, url, zone_name))
            )
    return ListingPage(links=links, next_page=_next_page(root, page_url, next_page))


def _link_date(anchor: lxml.html.HtmlElement, url: str, zone_name: str) -> datetime | None:
    in_url = date_in_url(url)
    if in_url is not None:
        year, month, day = in_url
        return datetime(year, month, day, tzinfo=ZONES.get(zone_name, ZONES["WIB"]))
    node = anchor
    for _ in range(DATE_SEARCH_DEPTH):
        node = node.getparent()
        if node is None:
            break
        stamps = node.xpath(".//time/@datetime")
        if stamps:
            return parse_date(str(stamps[0]), zone_name)
        if len(node.xpath(".//a[@href]")) > 2:
            break  # reached a container of several items: its dates are not this link's
        found = parse_date(node.text_content(), zone_name)
        if found is not None:
            return found
    return None


def _next_page(root: lxml.html.HtmlElement, page_url: str, selectors: Sequence[str]) -> str | None:
    for css in (*selectors, *DEFAULT_NEXT_PAGE):
        for element in root.cssselect(css):
            url = absolute(page_url, element.get("href", ""))
            if url and url != page_url:
                return url
    for anchor in root.iter("a"):
        text = " ".join(anchor.text_content().split()).lower()
        if text in NEXT_PAGE_TEXTS:
            url = absolute(page_url, anchor.get("href", ""))
            if url and url != page_url:
                return url
    return None
