"""How to crawl an outlet nobody wrote an entry for: read its homepage, find its feeds and
sitemaps, recognise its CMS, and try one article (``kunker sources add URL``).

Feeds are found with trafilatura's feed finder (``<link rel="alternate">`` and feed-like
links) plus the usual paths of the detected CMS (``/feed/``, Blogger's ``/feeds/posts/
default``); sitemaps with ultimate-sitemap-parser (robots.txt and the known paths, news
sitemaps recognised); sites with neither get their news index as a listing page and the
article URL shape of their links. Every candidate is fetched and parsed before it is kept.
"""

from __future__ import annotations

import logging
import urllib.robotparser
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import lxml.html

from crawler.discovery import DiscoveryError, Link, parse_feed, parse_listing
from crawler.items import ArticleItem
from crawler.site_fetch import SiteFetcher, SiteFetchError, UspWebClient
from crawler.site_shapes import Shape, article_pattern, detect_shape, shape_rules
from crawler.sources import Source
from crawler.urls import absolute, looks_like_article, site_of

logger = logging.getLogger(__name__)
MAX_FEED_CANDIDATES = 8
MAX_CHILD_SITEMAPS = 3  # per sitemap index: enough to see what it lists
MIN_LISTING_LINKS = 2
SAMPLE_TRIES = 3  # article links tried until one gives an article


@dataclass(slots=True)
class SiteReport:
    homepage: str
    host: str
    title: str | None = None
    shape: Shape | None = None
    feeds: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    news_sitemap: bool = False
    listings: list[str] = field(default_factory=list)
    article_pattern: str | None = None
    links: list[Link] = field(default_factory=list)  # article links found, newest first
    notes: list[str] = field(default_factory=list)


def explore_site(url: str, fetcher: SiteFetcher) -> SiteReport:
    """Everything ``kunker sources add`` needs to know about the site at ``url``."""
    home = fetcher.get(url)
    if not home.ok:
        raise SiteFetchError(f"{url} answered HTTP {home.status}")
    host = (urlsplit(home.url).hostname or "").lower()
    report = SiteReport(homepage=home.url, host=host)
    _check_robots(report, fetcher)
    html = home.text
    root = lxml.html.document_fromstring(html or "<html></html>")
    report.title = _site_title(root)
    report.shape = detect_shape(html, home.url)
    _find_feeds(report, html, fetcher)
    _find_sitemaps(report, fetcher)
    if not report.feeds and not report.sitemaps:
        _find_listing(report, root, fetcher)
    return report


def _same_site(url: str, host: str) -> bool:
    other = (urlsplit(url).hostname or "").lower()
    return bool(other) and site_of(other) == site_of(host)


def _check_robots(report: SiteReport, fetcher: SiteFetcher) -> None:
    try:
        page = fetcher.get(urljoin(report.homepage, "/robots.txt"))
    except SiteFetchError:
        return
    if not page.ok:
        return
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(page.text.splitlines())
    agent = str(fetcher.session.headers.get("User-Agent", "*"))
    if not parser.can_fetch(agent, report.homepage):
        raise SiteFetchError(f"robots.txt of {report.host} forbids crawlers: kunker will not "
                             "crawl this site")


def _site_title(root: lxml.html.HtmlElement) -> str | None:
    for value in root.xpath("//meta[@property='og:site_name']/@content"):
        if str(value).strip():
            return " ".join(str(value).split())
    title = " ".join((root.findtext(".//title") or "").split())
    for separator in (" – ", " - ", " | ", " — ", ": "):
        title = title.split(separator)[0]
    return title or None


def _find_feeds(report: SiteReport, html: str, fetcher: SiteFetcher) -> None:
    from trafilatura.feeds import FeedParameters, determine_feed

    params = FeedParameters(report.homepage, report.host, report.homepage)
    candidates = determine_feed(html, params)
    guesses = (*(report.shape.feeds if report.shape else ()), *shape_rules().feeds)
    candidates += [urljoin(report.homepage, path) for path in guesses]
    for candidate in list(dict.fromkeys(candidates))[:MAX_FEED_CANDIDATES]:
        links = _feed_links(candidate, report.host, fetcher)
        if links:
            report.feeds.append(candidate)
            report.links = links
            return


def _feed_links(url: str, host: str, fetcher: SiteFetcher) -> list[Link]:
    try:
        page = fetcher.get(url)
        if not page.ok:
            return []
        links = parse_feed(page.body, page.url)
    except (SiteFetchError, DiscoveryError):
        return []
    return [link for link in links if _same_site(link.url, host)]


def _find_sitemaps(report: SiteReport, fetcher: SiteFetcher) -> None:
    from usp.objects.sitemap import AbstractIndexSitemap, InvalidSitemap
    from usp.tree import sitemap_tree_for_homepage

    def few_children(urls: list[str], level: int, parents: set[str]) -> list[str]:
        # news and post sitemaps first: they list articles, the others pages and tags
        ranked = sorted(urls, key=lambda u: not any(w in u.lower() for w in ("news", "post")))
        return ranked[:MAX_CHILD_SITEMAPS]

    tree = sitemap_tree_for_homepage(report.homepage, web_client=UspWebClient(fetcher),
                                     recurse_list_callback=few_children)
    found: list[tuple[str, bool, list[Link]]] = []
    for top in tree.sub_sitemaps:  # robots.txt (an index of what it declares), known paths
        tops = top.sub_sitemaps if type(top).__name__ == "IndexRobotsTxtSitemap" else [top]
        for sitemap in tops:
            if isinstance(sitemap, InvalidSitemap):
                continue
            pages = [p for p in sitemap.all_pages() if _same_site(p.url, report.host)]
            if not pages:
                continue
            news = any(p.news_story is not None for p in pages)
            links = [_page_link(p) for p in pages]
            found.append((sitemap.url, news, links))
            logger.debug("sitemap %s: %d pages (index: %s)", sitemap.url, len(pages),
                         isinstance(sitemap, AbstractIndexSitemap))
    news_maps = [item for item in found if item[1]]
    chosen = news_maps or found[:1]
    report.sitemaps = [url for url, _, _ in chosen]
    report.news_sitemap = bool(news_maps)
    if chosen and not report.links:
        report.links = _newest_first(link for _, _, links in chosen for link in links)


def _page_link(page: object) -> Link:
    story = getattr(page, "news_story", None)
    published = story.publish_date if story else getattr(page, "last_modified", None)
    return Link(url=page.url, title=story.title if story else None,  # type: ignore[attr-defined]
                published=published)


def _newest_first(links: Iterable[Link]) -> list[Link]:
    listed = list(links)
    return sorted(listed, key=lambda link: link.published.timestamp() if link.published else 0,
                  reverse=True)


def _find_listing(report: SiteReport, root: lxml.html.HtmlElement, fetcher: SiteFetcher) -> None:
    """A news index for a site without feed or sitemap: the CMS's usual paths, a link named
    like one, else the homepage itself."""
    rules = shape_rules()
    candidates = [urljoin(report.homepage, p) for p in (report.shape.listings if report.shape
                                                          else ())]
    for anchor in root.iter("a"):
        text = " ".join(anchor.text_content().split()).lower()
        href = absolute(report.homepage, anchor.get("href", ""))
        if text in rules.listing_texts and href and _same_site(href, report.host):
            candidates.append(href)
    candidates.append(report.homepage)
    for candidate in dict.fromkeys(candidates):
        try:
            page = fetcher.get(candidate)
        except SiteFetchError:
            continue
        if not page.ok:
            continue
        links = [link for link in parse_listing(page.text, page.url).links
                 if _same_site(link.url, report.host) and looks_like_article(link.url)]
        if len(links) >= MIN_LISTING_LINKS:
            report.listings = [candidate]
            report.article_pattern = article_pattern([link.url for link in links])
            report.links = links
            return
    report.notes.append("no feed, sitemap or news index with article links was found")


def sample_article(report: SiteReport, source: Source, fetcher: SiteFetcher
                   ) -> tuple[ArticleItem | None, str | None]:
    """Fetch and extract articles found on the site until one works: (item, None), or
    (None, why the last one failed)."""
    from scrapy.http import HtmlResponse

    from crawler.extract import Rejected, parse_article

    why = "no article link was found"
    for link in report.links[:SAMPLE_TRIES]:
        try:
            page = fetcher.get(link.url)
        except SiteFetchError as exc:
            why = str(exc)
            continue
        if not page.ok:
            why = f"{link.url} answered HTTP {page.status}"
            continue
        response = HtmlResponse(page.url, body=page.body,
                                headers={"Content-Type": page.content_type or "text/html"})
        result = parse_article(response, source)
        if isinstance(result, Rejected):
            why = f"{link.url}: {result.reason}"
            continue
        return result, None
    return None, why
