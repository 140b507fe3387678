"""Articles in and out: idempotent store, known-URL lookup, the queue of articles to extract."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Literal

from sqlalchemy import ColumnElement, and_, bindparam, func, or_, select, update
from sqlalchemy.orm import Session

from crawler.items import ArticleItem
from nlp.records import Article as ArticleRecord
from storage.lookups import insert_ignore, source_id
from storage.models import Article, utcnow

StoreOutcome = Literal["new", "unchanged", "updated"]
URL_CHUNK = 500  # keeps IN (...) lists well under SQLite's bound-parameter limit
EXTRACT_BATCH = 200
ARTICLE_BY_URL = select(Article.id, Article.content_hash, Article.relevant).where(
    Article.canonical_url == bindparam("url")
)


def known_urls(session: Session, canonical_urls: Iterable[str]) -> set[str]:
    """The subset of ``canonical_urls`` already stored (relevant or seen only)."""
    wanted = list(dict.fromkeys(canonical_urls))
    found: set[str] = set()
    for start in range(0, len(wanted), URL_CHUNK):
        chunk = wanted[start:start + URL_CHUNK]
        found.update(
            session.execute(
                select(Article.canonical_url).where(Article.canonical_url.in_(chunk))
            ).scalars()
        )
    return found


def _columns(item: ArticleItem, source: int) -> dict[str, object]:
    published = item.published_at
    return {
        "canonical_url": item.canonical_url,
        "url": item.url,
        "source_id": source,
        "content_hash": item.content_hash,
        "title": item.title,
        "published_at": published,
        # the date in the outlet's own timezone, not UTC's (see models.Article)
        "published_date": published.date() if published else None,
        "author": item.author,
        "text": item.text if item.relevant else None,
        "relevant": item.relevant,
        "language": item.language,
        "fetched_at": item.fetched_at,
        "updated_at": utcnow(),
    }


def store_article(session: Session, item: ArticleItem) -> StoreOutcome:
    """Store ``item``: "new", "unchanged" (same content hash) or "updated".

    An updated article is queued for extraction again; one that turned irrelevant loses its
    text and its events.
    """
    columns = _columns(item, source_id(session, item.source))
    conn = session.connection()  # Core, prebuilt statements: this runs once per crawled page
    existing = conn.execute(ARTICLE_BY_URL, {"url": item.canonical_url}).one_or_none()
    if existing is None:
        insert_ignore(session, Article, [columns], "canonical_url")
        existing = conn.execute(ARTICLE_BY_URL, {"url": item.canonical_url}).one()
        if existing.content_hash == item.content_hash:
            # ours, or a concurrent writer's identical copy: either way it is new to the crawl
            return "new"
    if existing.content_hash == item.content_hash and existing.relevant == item.relevant:
        return "unchanged"
    conn.execute(
        update(Article)
        .where(Article.id == existing.id)
        .values(**columns, extractor_version=None, extracted_at=None)
    )
    if not item.relevant:
        from storage.events import forget_article_events

        forget_article_events(session, existing.id)
    return "updated"


@dataclass(frozen=True, slots=True)
class PendingArticle:
    """An article waiting for (re-)extraction."""

    id: int
    url: str
    title: str | None
    text: str
    published: date | None

    def as_record(self) -> ArticleRecord:
        """The ``nlp`` input; its ``id`` is this database id as a string."""
        return ArticleRecord(
            text=self.text, title=self.title, published=self.published, url=self.url,
            id=str(self.id),
        )


def _needs_extraction(extractor_version: str, since: date | None) -> ColumnElement[bool]:
    condition = and_(
        Article.relevant.is_(True),
        Article.text.is_not(None),
        or_(Article.extractor_version.is_(None), Article.extractor_version != extractor_version),
    )
    if since is not None:
        since_time = datetime(since.year, since.month, since.day, tzinfo=UTC)
        condition = and_(
            condition,
            or_(
                Article.published_date >= since,
                and_(Article.published_date.is_(None), Article.fetched_at >= since_time),
            ),
        )
    return condition


def count_articles_to_extract(
    session: Session, extractor_version: str, since: date | None = None
) -> int:
    return session.execute(
        select(func.count()).select_from(Article).where(_needs_extraction(extractor_version, since))
    ).scalar_one()


def articles_to_extract(
    session: Session,
    extractor_version: str,
    since: date | None = None,
    batch_size: int = EXTRACT_BATCH,
) -> Iterator[PendingArticle]:
    """Relevant articles never extracted or extracted by another version, in id order.

    Streams in batches by id (keyset), so memory stays flat and the caller may commit
    extraction results between items: an article already stored is simply not seen again.
    """
    last_id = 0
    while True:
        rows = session.execute(
            select(Article.id, Article.url, Article.title, Article.text, Article.published_date)
            .where(_needs_extraction(extractor_version, since), Article.id > last_id)
            .order_by(Article.id)
            .limit(batch_size)
        ).all()
        if not rows:
            return
        for row in rows:
            yield PendingArticle(row.id, row.url, row.title, row.text or "", row.published_date)
        last_id = rows[-1].id
