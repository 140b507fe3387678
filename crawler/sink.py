"""Where the crawl pipeline puts articles: the contract between the crawler and storage.

The crawler only knows this protocol. ``storage.article_sink.DatabaseArticleSink`` is the real
one (SQLite or PostgreSQL); ``JsonlSink`` writes JSON lines for ad-hoc use and tests.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, Protocol

from crawler.items import ArticleItem

StoreOutcome = Literal["new", "unchanged", "updated"]


class ArticleSink(Protocol):
    def known_urls(self, canonical_urls: Iterable[str]) -> set[str]:
        """The subset of ``canonical_urls`` already stored (relevant or only seen)."""
        ...

    def store(self, item: ArticleItem) -> StoreOutcome:
        """Store one article idempotently; an irrelevant item keeps no text."""
        ...

    def close(self) -> None: ...
