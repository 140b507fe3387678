"""Item pipelines: validate → decide relevance → store through the ``ArticleSink``.

The sink is the only thing the crawler knows about storage (``crawler.sink``); the store
pipeline opens it from the ``KUNKER_SINK`` setting and also answers the spider's "already
stored?" question (``known_urls``) so the spider never fetches a stored article again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from scrapy.exceptions import DropItem, NotConfigured
from scrapy.utils.defer import deferred_from_coro

from crawler.errors import StorageGoneError
from crawler.extract.article import MIN_BODY_CHARS
from crawler.items import ArticleItem
from crawler.relevance import is_relevant
from crawler.sink import ArticleSink, open_sink
from crawler.summary import SourceStats

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


def _stats(crawler: Crawler, item: ArticleItem) -> SourceStats | None:
    summary = getattr(crawler.spider, "summary", None)
    return summary.of(item.source) if summary is not None else None


def _drop(crawler: Crawler, item: ArticleItem, reason: str) -> DropItem:
    stats = _stats(crawler, item)
    if stats is not None:
        stats.dropped[reason] += 1
        stats.dropped_urls.setdefault(reason, item.url)
    logger.info("dropped %s: %s", item.url, reason)
    return DropItem(reason)


class ValidatePipeline:
    """Last checks before storage; each failure is a DropItem with its reason."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self._stored_this_run: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_item(self, item: ArticleItem) -> ArticleItem:
        if not isinstance(item, ArticleItem):
            raise DropItem(f"not an ArticleItem: {type(item).__name__}")
        if not item.title:
            raise _drop(self.crawler, item, "not an article: no title")
        if not item.text or len(item.text) < MIN_BODY_CHARS:
            raise _drop(self.crawler, item, "not an article: body too short")
        if item.published_at is not None and item.published_at.tzinfo is None:
            raise _drop(self.crawler, item, "published_at without a timezone")
        if item.canonical_url in self._stored_this_run:
            # two discovered URLs whose pages declare the same rel=canonical
            raise _drop(self.crawler, item, "duplicate (same canonical URL in this run)")
        self._stored_this_run.add(item.canonical_url)
        return item


class RelevancePipeline:
    """Keeps the text only of articles that mention a legislative body."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_item(self, item: ArticleItem) -> ArticleItem:
        item.relevant = is_relevant(item.title, item.text)
        if not item.relevant:
            item.text = None  # recorded as seen so it is not fetched again; text not kept
        return item


class StorePipeline:
    """Stores items in the sink named by ``KUNKER_SINK`` (``jsonl:PATH`` or a database URL)."""

    def __init__(self, crawler: Crawler, sink: ArticleSink) -> None:
        self.crawler = crawler
        self.sink = sink
        self.started_at = datetime.now(UTC)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        target = crawler.settings.get("KUNKER_SINK")
        if not target:
            raise NotConfigured("KUNKER_SINK is not set: nothing is stored")
        return cls(crawler, open_sink(str(target)))

    def known_urls(self, canonical_urls: Iterable[str]) -> set[str]:
        """The stored subset; nothing (and the crawl stopping) when storage is gone."""
        try:
            return self.sink.known_urls(canonical_urls)
        except StorageGoneError as exc:
            self.stop(exc)
            return set(canonical_urls)  # as if known: nothing more is fetched

    def stop(self, exc: StorageGoneError) -> None:
        """End the crawl: every later page would be downloaded only to be thrown away. The
        first cause goes into the summary, which makes ``kunker crawl``/``update`` fail."""
        summary = getattr(self.crawler.spider, "summary", None)
        if summary is None or summary.stopped:
            return
        summary.stopped = f"the crawl stopped: {exc}"
        logger.error("%s", summary.stopped)
        engine = self.crawler.engine
        if engine is not None:
            deferred_from_coro(engine.close_spider_async(reason="storage_gone"))

    def process_item(self, item: ArticleItem) -> ArticleItem:
        stats = _stats(self.crawler, item)
        try:
            outcome = self.sink.store(item)
        except StorageGoneError as exc:
            if stats is not None:
                stats.errors["storage: no writes possible"] += 1
            self.stop(exc)
            raise DropItem(f"not stored: {exc}") from exc
        except Exception as exc:  # one bad row must not end the crawl; it is counted
            if stats is not None:
                stats.errors[f"storage: {type(exc).__name__}"] += 1
            logger.error("could not store %s: %s", item.canonical_url, exc)
            raise DropItem(f"storage error: {exc}") from exc
        if stats is not None:
            setattr(stats, f"stored_{outcome}", getattr(stats, f"stored_{outcome}") + 1)
            if item.relevant:
                stats.relevant += 1
        logger.info("stored (%s) %s", outcome, item.canonical_url)
        return item

    def open_spider(self) -> None:
        self.started_at = datetime.now(UTC)

    def close_spider(self) -> None:
        # A sink that keeps source health (the database) records what this crawl did per
        # source; every request has been answered by now.
        record = getattr(self.sink, "record_crawl", None)
        summary = getattr(self.crawler.spider, "summary", None)
        try:
            if callable(record) and summary is not None:
                record(summary, self.started_at, datetime.now(UTC))
        except Exception as exc:  # health is bookkeeping: never lose the crawl over it
            logger.error("could not record source health: %s", exc)
        finally:
            self.sink.close()
