"""Storing the extractions of many articles, ``INGEST_BATCH`` per write transaction.

``ingest_extraction`` pays for one transaction per article: its commit (a WAL flush on
PostgreSQL) and a dozen lookups. A batch claims all its articles, reads their institutions,
old mentions and pairs' events, and takes the pairs' locks, each in one statement; per
article only the writes remain. The result is the same as storing the articles one by one
in the given order (each through ``storage.events.store_with_cache``).

When anything goes wrong in a batch (a concurrent writer won a race, a deadlock was broken,
an article is missing, bad data), the batch is rolled back and redone article by article
with ``ingest_extraction``, which retries races and raises for the article at fault after
storing the ones before it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from datetime import date

from sqlalchemy import Engine, bindparam, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from nlp.records import Event as EventRecord
from storage.db import write_transaction
from storage.event_cache import EventCache
from storage.events import ExtractionResult, ingest_extraction, store_with_cache
from storage.merge import merge_key
from storage.models import Article, Event, EventMention, utcnow

logger = logging.getLogger(__name__)
INGEST_BATCH = 200  # articles per transaction: a few statements each, one commit for all

Extraction = tuple[int, Sequence[EventRecord]]

CLAIM_ARTICLES = (
    update(Article)
    .where(Article.id.in_(bindparam("ids", expanding=True)))
    .values(extracted_at=bindparam("now"), extractor_version=bindparam("version"),
            extracted_by=bindparam("extracted_by"))
    .returning(Article.id, Article.published_date, Article.fetched_at)
)
PAIRS_OF_ARTICLES = (
    select(EventMention.article_id, Event.merge_key)
    .join(Event, Event.id == EventMention.event_id)
    .where(EventMention.article_id.in_(bindparam("ids", expanding=True)))
)


class _RedoOneByOne(Exception):
    """The batch cannot be stored as one; ``ingest_extraction`` per article will say why."""


def ingest_extractions(
    engine: Engine,
    extractions: Sequence[Extraction],
    extractor_version: str,
    *,
    batch_size: int = INGEST_BATCH,
    extracted_by: Mapping[str, str] | None = None,
) -> list[ExtractionResult]:
    """Store each ``(article id, events)`` as ``ingest_extraction`` would, in order.

    Batches of ``batch_size`` articles are committed one after the other, so an interrupted
    call keeps the batches committed so far. Raises ``StorageError`` like
    ``ingest_extraction`` for an article that cannot be stored; the articles before it are
    stored.
    """
    results: list[ExtractionResult] = []
    for batch in _batches(extractions, max(1, batch_size)):
        try:
            results.extend(_ingest_batch(engine, batch, extractor_version, extracted_by))
        except Exception as exc:  # redone one by one: the same error, or none, comes again
            expected = isinstance(exc, IntegrityError | OperationalError | _RedoOneByOne)
            logger.log(
                logging.INFO if expected else logging.WARNING,
                "storing %d extractions one by one after %s: %s",
                len(batch), type(exc).__name__, exc,
            )
            results.extend(
                ingest_extraction(engine, article_id, events, extractor_version,
                                  extracted_by=extracted_by)
                for article_id, events in batch
            )
    return results


def _batches(extractions: Sequence[Extraction], size: int) -> Iterator[list[Extraction]]:
    """Runs of at most ``size`` with no article twice (the second must see the first)."""
    batch: list[Extraction] = []
    seen: set[int] = set()
    for article_id, events in extractions:
        if article_id in seen or len(batch) == size:
            yield batch
            batch, seen = [], set()
        batch.append((article_id, events))
        seen.add(article_id)
    if batch:
        yield batch


def _ingest_batch(
    engine: Engine, batch: list[Extraction], extractor_version: str,
    extracted_by: Mapping[str, str] | None,
) -> list[ExtractionResult]:
    # not durable, as ingest_extraction: a lost batch is extracted again
    with write_transaction(engine, durable=False) as session:
        cache = EventCache.for_session(session)
        ids = [article_id for article_id, _ in batch]
        published = _claim(session, ids, extractor_version, extracted_by)
        if len(published) != len(ids):
            raise _RedoOneByOne("an article is missing")
        names = {
            name for _, events in batch for event in events
            for name in (event.visitor.institution, event.host.institution) if name
        }
        refs = cache.institutions(session, names)
        old_pairs: dict[int, set[str]] = {}
        for row in session.connection().execute(PAIRS_OF_ARTICLES, {"ids": ids}):
            old_pairs.setdefault(row.article_id, set()).add(row.merge_key)
        keys = {key for pairs in old_pairs.values() for key in pairs if key}
        for _, events in batch:
            for event in events:
                visitor = refs.get(event.visitor.institution or "")
                host = refs.get(event.host.institution or "")
                key = merge_key(
                    visitor.id if visitor else None, host.id if host else None,
                    event.host.region,
                )
                if key:
                    keys.add(key)
        # every lock up front, in one global order: a batch never waits holding some of them
        cache.lock(session, keys)
        cache.prefetch(session, keys)
        return [
            store_with_cache(
                session, article_id, events, extractor_version, cache,
                published=published[article_id],
                may_have_mentions=article_id in old_pairs,
                guarded=False,
                extracted_by=extracted_by,
            )
            for article_id, events in batch
        ]


def _claim(
    session: Session, ids: list[int], extractor_version: str,
    extracted_by: Mapping[str, str] | None,
) -> dict[int, date]:
    """Mark the articles extracted (their row locks; see ``storage.events._claim_article``)."""
    rows = session.connection().execute(
        CLAIM_ARTICLES, {"ids": ids, "now": utcnow(), "version": extractor_version,
                         "extracted_by": dict(extracted_by) if extracted_by else None}
    )
    return {row.id: row.published_date or row.fetched_at.date() for row in rows}
