"""The article record storage keeps: what any producer (the crawler, an import) hands it.

Storage defines it so that it depends on no fetching code: the crawler turns its own item
into this record at the boundary (``crawler.sink``), and jobs, imports and tests build it
directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(slots=True)
class ArticleRecord:
    """One news article to store, keyed by ``canonical_url``.

    ``text`` is the body with paragraphs separated by a blank line; an article that is not
    ``relevant`` (mentions no legislative body) is kept without text, only as "seen".
    ``published_at`` and ``fetched_at`` must be timezone-aware: a naive time is refused.
    ``source`` is the outlet's host or configured name, the key of its ``sources`` row.
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
    # Another URL the article is known by (the canonical form of the link it was found by,
    # when its page declared a different canonical URL) and the search query that found it:
    # kept by ``storage.url_aliases`` so the next crawl skips the link.
    alias: str | None = None
    found_query: str | None = None
