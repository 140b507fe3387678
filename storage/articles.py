"""Articles in and out: idempotent store, known-URL lookup, the queue of articles to extract."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal

from sqlalchemy import ColumnElement, Row, and_, bindparam, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from nlp.records import Article as NlpArticle
from storage.errors import StorageError
from storage.lookups import source_ids
from storage.models import Article, Source, utcnow
from storage.records import ArticleRecord
from storage.url_aliases import known_aliases, record_discovery

StoreOutcome = Literal["new", "unchanged", "updated"]
URL_CHUNK = 500  # keeps IN (...) lists well under SQLite's bound-parameter limit
EXTRACT_BATCH = 200
# Built once: constructing statements costs more than SQLite takes to run them, and these
# run for every crawled page.
ARTICLES_BY_URLS = select(
    Article.id, Article.canonical_url, Article.content_hash, Article.relevant
).where(Article.canonical_url.in_(bindparam("urls", expanding=True)))
# Rows a concurrent writer inserted first are skipped, and missing from what comes back.
INSERT_ARTICLES = {
    name: builder(Article.__table__)
    .on_conflict_do_nothing(index_elements=["canonical_url"])
    .returning(Article.__table__.c.canonical_url)
    for name, builder in (("postgresql", postgresql.insert), ("sqlite", sqlite.insert))
}
_UPDATED = (
    "url", "source_id", "content_hash", "title", "published_at", "published_date", "author",
    "text", "relevant", "language", "fetched_at", "updated_at",
)
# (bind names must differ from column names in an UPDATE's SET)
UPDATE_ARTICLE = (
    update(Article.__table__)
    .where(Article.__table__.c.id == bindparam("article_id"))
    .values({**{name: bindparam(f"new_{name}") for name in _UPDATED},
             "extractor_version": None, "extracted_at": None})
)


def known_urls(session: Session, canonical_urls: Iterable[str]) -> set[str]:
    """The subset of ``canonical_urls`` already stored (relevant or seen only), as an
    article's URL or as the alias of one (a link whose page declared another canonical)."""
    wanted = list(dict.fromkeys(canonical_urls))
    found: set[str] = set()
    for start in range(0, len(wanted), URL_CHUNK):
        chunk = wanted[start:start + URL_CHUNK]
        found.update(
            session.execute(
                select(Article.canonical_url).where(Article.canonical_url.in_(chunk))
            ).scalars()
        )
    missing = [url for url in wanted if url not in found]
    if missing:
        found |= known_aliases(session, missing)
    return found


def _columns(item: ArticleRecord, source: int, now: datetime) -> dict[str, Any]:
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
        "updated_at": now,
    }


def store_article(session: Session, item: ArticleRecord) -> StoreOutcome:
    """Store ``item``: "new", "unchanged" (same content hash) or "updated".

    An updated article is queued for extraction again; one that turned irrelevant loses its
    text and its events.
    """
    return store_articles(session, [item])[0]


def store_articles(
    session: Session, items: Sequence[ArticleRecord], sources: dict[str, int] | None = None
) -> list[StoreOutcome]:
    """``store_article`` for each item, in order, with a few statements for all of them.

    The outcomes are what storing the items one by one would give (a URL given twice is
    "new", then "unchanged" or "updated"). ``sources`` is a host -> id cache the caller keeps
    across calls; ids read or created here are added to it (drop it if the transaction rolls
    back, since a source created here then never existed).
    """
    outcomes: list[StoreOutcome] = []
    cache = {} if sources is None else sources
    for part in _distinct_runs(items):
        outcomes.extend(_store_distinct(session, part, cache))
    return outcomes


def _distinct_runs(items: Sequence[ArticleRecord]) -> Iterator[list[ArticleRecord]]:
    """Consecutive runs without a repeated URL: a repeat must see the first copy stored."""
    run: list[ArticleRecord] = []
    seen: set[str] = set()
    for item in items:
        if item.canonical_url in seen or len(run) == URL_CHUNK:
            yield run
            run, seen = [], set()
        run.append(item)
        seen.add(item.canonical_url)
    if run:
        yield run


def _stored(session: Session, urls: list[str]) -> dict[str, Row[Any]]:
    rows = session.connection().execute(ARTICLES_BY_URLS, {"urls": urls})
    return {row.canonical_url: row for row in rows}


def _store_distinct(
    session: Session, items: list[ArticleRecord], cache: dict[str, int]
) -> list[StoreOutcome]:
    cache.update(source_ids(session, {item.source for item in items}, cache))
    now = utcnow()
    columns = [_columns(item, cache[item.source], now) for item in items]
    # Insert first: a crawler stores mostly articles it has never seen (it skips the known
    # ones), so one statement usually does it; the rows already there are read afterwards.
    # (A copy a concurrent crawl stored a moment before is then "unchanged" to this one.)
    inserted = set(
        session.connection().execute(INSERT_ARTICLES[_dialect(session)], columns).scalars()
    )
    present = [item.canonical_url for item in items if item.canonical_url not in inserted]
    existing = _stored(session, present) if present else {}

    outcomes: list[StoreOutcome] = []
    updates: list[dict[str, Any]] = []
    for item, row in zip(items, columns, strict=True):
        stored = existing.get(item.canonical_url)
        if item.canonical_url in inserted:
            outcomes.append("new")
        elif stored is None:
            raise StorageError(
                f"{item.canonical_url} was deleted while being stored: store it again"
            )
        elif stored.content_hash == item.content_hash and stored.relevant == item.relevant:
            outcomes.append("unchanged")
        else:
            outcomes.append("updated")
            updates.append(
                {"article_id": stored.id, **{f"new_{name}": row[name] for name in _UPDATED}}
            )
    if updates:
        # the new content is queued for extraction again
        session.connection().execute(UPDATE_ARTICLE, updates)
        from storage.events import forget_article_events  # events import this module

        for row in updates:
            if not row["new_relevant"]:
                forget_article_events(session, row["article_id"])
    record_discovery(session, items)
    return outcomes


def _dialect(session: Session) -> str:
    return "postgresql" if session.get_bind().dialect.name == "postgresql" else "sqlite"


@dataclass(frozen=True, slots=True)
class PendingArticle:
    """An article waiting for (re-)extraction."""

    id: int
    url: str
    title: str | None
    text: str
    published: date | None

    def as_record(self) -> NlpArticle:
        """The ``nlp`` input; its ``id`` is this database id as a string."""
        return NlpArticle(
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


def pending_article_ids(
    session: Session, extractor_version: str, *, source: str | None = None,
    since: date | None = None,
) -> list[int]:
    """Ids of the articles ``articles_to_extract`` would give, in id order; ``source``
    keeps those of one source (its configured name or host)."""
    query = select(Article.id).where(_needs_extraction(extractor_version, since))
    if source is not None:
        query = query.join(Source, Source.id == Article.source_id).where(Source.host == source)
    return list(session.execute(query.order_by(Article.id)).scalars())


def articles_by_ids(
    session: Session, ids: Iterable[int], *, done_version: str | None = None,
    done_since: datetime | None = None,
) -> list[PendingArticle]:
    """The relevant stored articles among ``ids``, in id order, for a batch of extraction.

    An article already extracted by ``done_version`` (at or after ``done_since``, when
    given) is left out: a retried batch does not redo the work a first attempt committed.
    Ids of deleted or irrelevant articles are skipped.
    """
    wanted = sorted(set(ids))
    if not wanted:
        return []
    condition = and_(
        Article.id.in_(wanted), Article.relevant.is_(True), Article.text.is_not(None)
    )
    if done_version is not None:
        not_done = [Article.extractor_version.is_(None),
                    Article.extractor_version != done_version]
        if done_since is not None:
            not_done.append(Article.extracted_at < done_since)
        condition = and_(condition, or_(*not_done))
    rows = session.execute(
        select(Article.id, Article.url, Article.title, Article.text, Article.published_date)
        .where(condition)
        .order_by(Article.id)
    ).all()
    return [PendingArticle(r.id, r.url, r.title, r.text or "", r.published_date) for r in rows]
