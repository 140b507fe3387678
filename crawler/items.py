"""The article record the spiders yield and the storage pipeline keeps."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(slots=True)
class ArticleItem:
    """One fetched news page that is an article.

    ``text`` holds the body with paragraphs separated by a blank line; it is ``None`` for an
    article that mentions no legislative body (kept only as "seen", so it is never fetched
    again). ``published_at`` and ``fetched_at`` are timezone-aware.
    """

    url: str
    canonical_url: str
    source: str
    title: str | None
    published_at: datetime | None
    author: str | None
    text: str | None
    language: str | None
    content_hash: str
    fetched_at: datetime
    relevant: bool = True
    extra: dict[str, str] = field(default_factory=dict)
    # The link it was found by (an alias when the page's rel=canonical differs) and the
    # search query that found it (GDELT), for storage.url_aliases.
    found_url: str | None = None
    found_query: str | None = None
