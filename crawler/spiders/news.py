"""The one spider: reads each source's feeds, sitemaps and listing pages, fetches the
articles not yet stored, and hands each page to ``crawler.extract`` (it parses nothing itself).

From the command line: ``scrapy crawl news -a sources=antara-sumbar,detik-news
-s KUNKER_SINK=jsonl:out.jsonl``; kunker itself goes through ``crawler.run.run_crawl``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

import scrapy
from scrapy import signals
from scrapy.http import Request, Response
from twisted.python.failure import Failure

from crawler import log_filter
from crawler.dates import since_datetime
from crawler.discovery import DiscoveryError, Link, parse_feed, parse_listing, parse_sitemap
from crawler.extract import Rejected, parse_article
from crawler.failures import describe_failure
from crawler.pipelines import StorePipeline
from crawler.relevance import is_relevant
from crawler.sink import item_to_dict
from crawler.sources import (
    BUNDLED_SOURCES_FILE,
    Source,
    default_sources,
    find_source,
    load_sources,
)
from crawler.summary import CrawlSummary
from crawler.urls import canonical_url, non_article_reason, with_query

logger = logging.getLogger(__name__)

MAX_CHILD_SITEMAPS = 5  # of a sitemap index, newest first: news sitemaps list recent items
MAX_SITEMAP_DEPTH = 2
ProgressCallback = Callable[[str, str, str], None]  # (event, source, url)


class NewsSpider(scrapy.Spider):
    name = "news"

    def __init__(
        self,
        sources: Sequence[Source] | str | None = None,
        since: str | datetime | None = None,
        max_articles: int | str | None = None,
        keep_samples: bool = False,
        progress: ProgressCallback | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.sources = _sources_argument(sources)
        self.since = since_datetime(since)
        self.max_articles = int(max_articles) if max_articles else None
        self.keep_samples = keep_samples
        self.progress = progress
        self.summary = CrawlSummary()
        for source in self.sources:
            self.summary.of(source.name)
        self._seen: set[str] = set()
        self._scheduled: dict[str, int] = {}
        self._store: StorePipeline | None = None

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> NewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._closed, signal=signals.spider_closed)
        # Scrapy puts its log handler in place once the crawl starts, after this
        crawler.signals.connect(log_filter.install_on_open, signal=signals.spider_opened)
        return spider

    async def start(self) -> AsyncIterator[Any]:
        self._store = self.crawler.get_item_pipeline(StorePipeline)
        for source in self.sources:
            if source.is_gdelt:
                yield self._gdelt_request(source)
            for url in source.feeds:
                yield self._discovery_request(url, source, self.parse_feed, "feed")
            for url in source.sitemaps:
                yield self._discovery_request(url, source, self.parse_sitemap, "sitemap")
            for url in source.listings:
                request = self._discovery_request(url, source, self.parse_listing, "listing")
                request.cb_kwargs["page"] = 1
                yield request

    # -- discovery ------------------------------------------------------------------------
    def _discovery_request(
        self, url: str, source: Source, callback: Callable[..., Any], kind: str
    ) -> Request:
        # dont_filter: feeds and sitemaps are re-read on every run and never "seen".
        return Request(
            url,
            callback=callback,
            errback=self.on_error,
            cb_kwargs={"source": source},
            meta={"kunker_kind": kind, "kunker_source": source.name},
            dont_filter=True,
            priority=10,
        )

    def _gdelt_request(self, source: Source) -> Request:
        from crawler.gdelt import DOWNLOAD_SLOT, build_query

        query = build_query(source, self.settings.get("KUNKER_GDELT_API"))
        request = self._discovery_request(query.url, source, self.parse_gdelt, "gdelt")
        request.cb_kwargs["query"] = query.text
        # an API, not a site: its own slot keeps the rate limit whatever the host; the
        # delay is the API's, so AutoThrottle must not shorten it
        request.meta.update({"download_slot": DOWNLOAD_SLOT, "dont_obey_robotstxt": True,
                             "autothrottle_dont_adjust_delay": True})
        return request

    def parse_gdelt(self, response: Response, source: Source, query: str) -> Iterable[Request]:
        from crawler.gdelt import parse_artlist

        self.summary.of(source.name).listing_pages += 1
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1")
        try:
            links = parse_artlist(response.body, content_type, response.url, query)
        except DiscoveryError as exc:
            self._error(source, f"gdelt: {exc}", response.url)
            return []
        logger.info("%s: GDELT lists %d articles for %s", source.name, len(links), query)
        return self._article_requests(source, links)[0]

    def parse_feed(self, response: Response, source: Source) -> Iterable[Request]:
        self.summary.of(source.name).listing_pages += 1
        try:
            links = parse_feed(response.body, response.url, source.timezone)
        except DiscoveryError as exc:
            self._error(source, f"feed: {exc}", response.url)
            return []
        logger.info("%s: feed %s lists %d links", source.name, response.url, len(links))
        return self._article_requests(source, links)[0]

    def parse_sitemap(
        self, response: Response, source: Source, depth: int = 0
    ) -> Iterable[Request]:
        self.summary.of(source.name).listing_pages += 1
        try:
            content = parse_sitemap(response.body, response.url, source.timezone)
        except DiscoveryError as exc:
            self._error(source, f"sitemap: {exc}", response.url)
            return []
        requests: list[Request] = []
        if content.sitemaps and depth < MAX_SITEMAP_DEPTH:
            children = [
                s for s in content.sitemaps if not self._older(s.published) and source.allows(s.url)
            ]
            children.sort(
                key=lambda s: s.published or datetime.min.replace(tzinfo=UTC), reverse=True
            )
            for child in children[:MAX_CHILD_SITEMAPS]:
                request = self._discovery_request(child.url, source, self.parse_sitemap, "sitemap")
                request.cb_kwargs["depth"] = depth + 1
                requests.append(request)
        logger.info("%s: sitemap %s lists %d links", source.name, response.url, len(content.links))
        return requests + self._article_requests(source, content.links)[0]

    def parse_listing(self, response: Response, source: Source, page: int) -> Iterable[Request]:
        stats = self.summary.of(source.name)
        stats.listing_pages += 1
        text = getattr(response, "text", None)
        if text is None:
            self._error(source, "listing: not an HTML page", response.url)
            return []
        try:
            listing = parse_listing(
                text,
                response.url,
                article_pattern=source.article_pattern,
                scope=source.selectors.listing,
                next_page=source.selectors.next_page,
                zone_name=source.timezone,
            )
        except DiscoveryError as exc:
            self._error(source, f"listing: {exc}", response.url)
            return []
        requests, fresh = self._article_requests(source, listing.links)
        dated = [link.published for link in listing.links if link.published is not None]
        if not listing.links:
            logger.warning("%s: no article links on %s", source.name, response.url)
        elif self.since is not None and dated and all(d < self.since for d in dated):
            logger.info("%s: %s is older than --since; paging stops", source.name, response.url)
        elif fresh == 0:
            logger.info("%s: nothing new on %s; paging stops", source.name, response.url)
        elif listing.next_page and page < source.max_pages:
            request = self._discovery_request(
                listing.next_page, source, self.parse_listing, "listing"
            )
            request.cb_kwargs["page"] = page + 1
            requests.append(request)
        return requests

    def _article_requests(self, source: Source, links: Sequence[Link]) -> tuple[list[Request], int]:
        """Requests for the links not stored yet; also returns how many links were new."""
        stats = self.summary.of(source.name)
        candidates: dict[str, Link] = {}
        for link in links:
            if not source.allows(link.url):
                stats.skipped_offsite += 1
                continue
            canonical = canonical_url(link.url)
            if canonical in self._seen:
                continue  # listed twice (feed and sitemap, or two listing pages)
            self._seen.add(canonical)
            stats.discovered += 1
            reason = non_article_reason(link.url)
            if reason:
                stats.dropped[f"not an article: {reason}"] += 1
                continue
            if self._older(link.published):
                stats.skipped_old += 1
                continue
            candidates[canonical] = link
        known = self._store.known_urls(candidates) if self._store and candidates else set()
        stats.skipped_known += len(known)
        requests: list[Request] = []
        for canonical, link in candidates.items():
            if canonical in known:
                continue
            scheduled = self._scheduled.get(source.name, 0)
            if self.max_articles is not None and scheduled >= self.max_articles:
                break
            self._scheduled[source.name] = scheduled + 1
            requests.append(
                Request(
                    with_query(link.url, source.article_query),
                    callback=self.parse_article,
                    errback=self.on_error,
                    cb_kwargs={"source": source, "link": link},
                    meta={"kunker_kind": "article", "kunker_source": source.name},
                    # our own dedupe is by canonical URL; Scrapy's dupefilter would silently
                    # swallow a redirect loop instead of reporting it
                    dont_filter=True,
                )
            )
        return requests, len(candidates) - len(known)

    def _older(self, published: datetime | None) -> bool:
        return self.since is not None and published is not None and published < self.since

    # -- articles -------------------------------------------------------------------------
    def parse_article(self, response: Response, source: Source, link: Link) -> Iterable[Any]:
        stats = self.summary.of(source.name)
        stats.fetched += 1
        self._notify("fetched", source.name, response.url)
        extra = {"discovered_title": link.title} if link.title else {}
        result = parse_article(response, source, datetime.now(UTC), extra)
        if isinstance(result, Rejected):
            if result.blocked:
                stats.blocked += 1
                logger.warning("%s: blocked at %s (%s)", source.name, response.url, result.reason)
            else:
                logger.info("dropped %s: %s", response.url, result.reason)
            stats.dropped[result.reason] += 1
            stats.dropped_urls.setdefault(result.reason, response.url)
            return []
        result.found_url = link.url
        result.found_query = link.query
        stats.with_body += 1
        if self.keep_samples and source.name not in self.summary.samples:
            sample = item_to_dict(result)
            sample["relevant"] = is_relevant(result.title, result.text)
            self.summary.samples[source.name] = sample
        return [result]

    # -- failures and the end -------------------------------------------------------------
    def on_error(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        source = request.cb_kwargs.get("source")
        if source is None:
            logger.error("request failed without a source: %s", failure.getErrorMessage())
            return
        reason = describe_failure(failure)
        kind = request.meta.get("kunker_kind", "article")
        label = reason if kind == "article" else f"{kind}: {reason}"
        if reason.startswith("blocked"):
            self.summary.of(source.name).blocked += 1
        self._error(source, label, request.url)

    def _error(self, source: Source, reason: str, url: str) -> None:
        stats = self.summary.of(source.name)
        stats.errors[reason] += 1
        stats.error_urls.setdefault(reason, url)
        self._notify("error", source.name, url)
        logger.warning("%s: %s at %s", source.name, reason, url)

    def _notify(self, event: str, source: str, url: str) -> None:
        if self.progress is not None:
            self.progress(event, source, url)

    def _closed(self, spider: scrapy.Spider, reason: str) -> None:
        for line in self.summary.lines():
            logger.info("%s", line)
        for name, flags in self.summary.flagged.items():
            for flag in flags:
                logger.warning("health: %s: %s", name, flag)


def _sources_argument(sources: Sequence[Source] | str | None) -> list[Source]:
    """Source records, or a comma-separated list of names (``scrapy crawl news -a``)."""
    if sources is None or isinstance(sources, str):
        path = os.environ.get("KUNKER_SOURCES") or BUNDLED_SOURCES_FILE
        configured = load_sources(path)
        if not sources:
            return default_sources(configured)
        return [find_source(configured, name.strip(), path) for name in sources.split(",")]
    return list(sources)
