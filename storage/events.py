"""Storing what the extractor found in an article: mentions, merged events, participants.

``store_extraction`` replaces an article's mentions with the new ones, attaches each to the
event of the same visit (``storage.merge``) or creates one, then re-folds every event it
touched from its remaining mentions; events left without mentions and people left without
events are deleted. Call it once per transaction (``ingest_extraction`` does, with retries;
``storage.ingest.ingest_extractions`` stores many articles per transaction).

Concurrency: the events of one visitor/host pair are only created or changed while holding a
lock on that pair (PostgreSQL advisory lock; SQLite write sessions hold the database write
lock), and the unique constraint on (merge_key, sort_date) rejects a duplicate that got past
the lock anyway; ``ingest_extraction`` retries the article after such an IntegrityError.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine, bindparam, delete, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from nlp.records import Event as EventRecord
from storage import rebuild
from storage.db import write_transaction
from storage.errors import StorageError
from storage.event_cache import EventCache, KnownEvent
from storage.lookups import InstitutionRef
from storage.merge import Folded, MentionData, Span, distance, fold, merge_key, same_visit
from storage.models import Article, Event, EventMention, utcnow

logger = logging.getLogger(__name__)
INGEST_ATTEMPTS = 5

# Built once: constructing statements costs more than SQLite takes to run them, and this
# module runs for every extracted article.
_claim = update(Article).where(Article.id == bindparam("article_id"))
CLAIM_ARTICLE = _claim.values(extracted_at=bindparam("now")).returning(
    Article.published_date, Article.fetched_at
)
CLAIM_ARTICLE_VERSION = _claim.values(
    extracted_at=bindparam("now"), extractor_version=bindparam("version"),
    extracted_by=bindparam("extracted_by"),
).returning(Article.published_date, Article.fetched_at)
MENTIONS_OF_ARTICLE = (
    select(EventMention.ordinal, EventMention.event_id, Event.merge_key)
    .join(Event, Event.id == EventMention.event_id)
    .where(EventMention.article_id == bindparam("article_id"))
)
UNMERGED_EVENT = select(Event.id).where(
    Event.id == bindparam("event_id"), Event.merge_key.is_(None)
)
EVENTS_OF_ARTICLE = select(EventMention.event_id).where(
    EventMention.article_id == bindparam("article_id")
)
DELETE_MENTIONS = delete(EventMention.__table__).where(
    EventMention.__table__.c.article_id == bindparam("article_id")
)
INSERT_EVENT = insert(Event.__table__).returning(Event.__table__.c.id)
INSERT_MENTION = insert(EventMention.__table__)
RETRY_PAUSE_S = 0.05


@dataclass(slots=True)
class ExtractionResult:
    """What storing one article's extraction did to the events table.

    ``added``: events created; ``merged``: reports attached to an event another article
    already reports; ``changed``/``unchanged``: events this article reported before whose
    fields did / did not change; ``removed``: events deleted (no report left, or folded into
    another event of the same visit).
    """

    article_id: int
    added: int = 0
    merged: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    event_ids: list[int] = field(default_factory=list)


def _claim_article(
    session: Session, article_id: int, extractor_version: str | None,
    extracted_by: Mapping[str, str] | None = None,
) -> date:
    """Mark the article extracted (its first write: takes SQLite's write lock and the row lock
    on PostgreSQL, so two re-extractions of one article run one after the other)."""
    params: dict[str, object] = {"article_id": article_id, "now": utcnow()}
    statement = CLAIM_ARTICLE
    if extractor_version is not None:
        statement = CLAIM_ARTICLE_VERSION
        params["version"] = extractor_version
        params["extracted_by"] = dict(extracted_by) if extracted_by else None
    row = session.connection().execute(statement, params).one_or_none()
    if row is None:
        raise StorageError(f"no article with id {article_id} in the database")
    return row.published_date or row.fetched_at.date()


def _find_event(
    session: Session, cache: EventCache, key: str | None, span: Span, preferred: int | None
) -> int | None:
    if key is None:
        if preferred is None:
            return None
        # an unmergeable event keeps its id across re-extraction when it is still unmerged
        return session.connection().execute(
            UNMERGED_EVENT, {"event_id": preferred}
        ).scalar_one_or_none()
    matches = [
        (stored.id, stored.span) for stored in cache.events(session, key)
        if same_visit(stored.span, span)
    ]
    if not matches:
        return None
    ids = [event_id for event_id, _ in matches]
    if preferred in ids:
        return preferred
    return min(matches, key=lambda m: (distance(m[1], span), m[0]))[0]


@dataclass(slots=True)
class _Planned:
    key: str | None
    mention: MentionData
    evidence: list[dict[str, object]]
    visitor: InstitutionRef | None
    host: InstitutionRef | None

    @property
    def span(self) -> Span:
        raw = self.mention.record.get("date")
        published = self.mention.published
        return Span(date.fromisoformat(raw) if raw else None, published, published)


@dataclass(slots=True)
class _NewEvent:
    """Reports of one visit no stored event covers yet: inserted once, already folded."""

    key: str | None
    plans: list[_Planned]

    @property
    def span(self) -> Span:
        return fold([p.mention for p in self.plans]).span


def _mention_rows(
    event_id: int, plans: Sequence[_Planned], extractor_version: str | None,
    extracted_by: Mapping[str, str] | None,
) -> list[dict[str, object]]:
    now = utcnow()
    return [
        {
            "event_id": event_id,
            "article_id": plan.mention.article_id,
            "ordinal": plan.mention.ordinal,
            "record": plan.mention.record,
            "evidence": plan.evidence,
            "extractor_version": extractor_version or "",
            "extracted_by": dict(extracted_by) if extracted_by else None,
            "created_at": now,
        }
        for plan in plans
    ]


def _event_row(new: _NewEvent, folded: Folded) -> dict[str, object]:
    first = new.plans[0]
    row = rebuild.event_columns(
        folded,
        first.visitor.id if first.visitor else None,
        first.host.id if first.host else None,
        first.visitor.region_code if first.visitor else None,
        first.host.region_code if first.host else None,
    )
    row.update(
        merge_key=new.key,
        mention_count=len({p.mention.article_id for p in new.plans}),
        created_at=utcnow(),
    )
    return row


def _insert_event(session: Session, row: dict[str, object], guarded: bool) -> int | None:
    """Insert the event; None when a concurrent writer just created the same visit.

    ``guarded=False`` skips the savepoint (two round trips on PostgreSQL): a duplicate then
    fails the whole transaction, which ``ingest_extraction`` retries and the batch ingest
    redoes article by article.
    """
    if not guarded or session.get_bind().dialect.name == "sqlite":
        # SQLite write sessions hold the database lock: no one can have raced us here.
        return session.connection().execute(INSERT_EVENT, [row]).scalar_one()
    try:
        with session.begin_nested():
            return session.connection().execute(INSERT_EVENT, [row]).scalar_one()
    except IntegrityError:
        return None  # (merge_key, sort_date) taken: attach to that event instead


def _plan(
    article_id: int, published: date, events: Sequence[EventRecord],
    refs: dict[str, InstitutionRef],
) -> list[_Planned]:
    planned = []
    for ordinal, record in enumerate(events):
        visitor = refs.get(record.visitor.institution or "")
        host = refs.get(record.host.institution or "")
        data = record.to_dict()
        evidence = data.pop("evidence")
        key = merge_key(visitor.id if visitor else None, host.id if host else None,
                        record.host.region)
        planned.append(
            _Planned(key, MentionData(article_id, ordinal, published, data), evidence,
                     visitor, host)
        )
    return planned


def store_extraction(
    session: Session,
    article_id: int,
    events: Sequence[EventRecord],
    extractor_version: str | None,
    extracted_by: Mapping[str, str] | None = None,
) -> ExtractionResult:
    """Replace the article's events with ``events`` (its extraction by ``extractor_version``).

    Idempotent: storing the same events again changes nothing and keeps event ids.
    ``extractor_version=None`` leaves the article's version as it is (used to forget events).
    ``extracted_by`` is ``nlp.extract.provenance()``, kept with the article and each report.
    """
    return store_with_cache(
        session, article_id, events, extractor_version, EventCache.for_session(session),
        extracted_by=extracted_by,
    )


def store_with_cache(
    session: Session,
    article_id: int,
    events: Sequence[EventRecord],
    extractor_version: str | None,
    cache: EventCache,
    *,
    published: date | None = None,
    may_have_mentions: bool = True,
    guarded: bool = True,
    extracted_by: Mapping[str, str] | None = None,
) -> ExtractionResult:
    """``store_extraction`` reusing ``cache`` (the transaction's lookups and locks).

    The batch ingest passes what it read for all its articles at once: ``published`` when it
    already claimed the article, ``may_have_mentions=False`` when it knows the article has
    none (only storing this article can add some), ``guarded=False`` (see ``_insert_event``).
    """
    if published is None:
        published = _claim_article(session, article_id, extractor_version, extracted_by)
    result = ExtractionResult(article_id)
    names = [n for e in events for n in (e.visitor.institution, e.host.institution) if n]
    planned = _plan(article_id, published, events, cache.institutions(session, names))
    conn = session.connection()  # Core statements: this runs for every extracted article
    old = (
        conn.execute(MENTIONS_OF_ARTICLE, {"article_id": article_id}).all()
        if may_have_mentions else []
    )
    old_by_ordinal = {row.ordinal: row.event_id for row in old}
    old_events = {row.event_id for row in old}
    cache.lock(
        session,
        {p.key for p in planned if p.key} | {row.merge_key for row in old if row.merge_key},
    )
    before = rebuild.snapshots(session, old_events)
    if old:
        conn.execute(DELETE_MENTIONS, {"article_id": article_id})
        cache.forget_events(old_events)

    existing: dict[int, list[_Planned]] = {}
    fresh: list[_NewEvent] = []
    for plan in planned:
        preferred = old_by_ordinal.get(plan.mention.ordinal)
        event_id = _find_event(session, cache, plan.key, plan.span, preferred)
        if event_id is not None:
            existing.setdefault(event_id, []).append(plan)
            continue
        group = next(
            (g for g in fresh if plan.key and g.key == plan.key and same_visit(g.span, plan.span)),
            None,
        )
        if group is None:
            fresh.append(_NewEvent(plan.key, [plan]))
        else:
            group.plans.append(plan)

    for new in fresh:
        folded = fold([p.mention for p in new.plans])
        row = _event_row(new, folded)
        event_id = _insert_event(session, row, guarded)
        if event_id is None:  # lost a race on PostgreSQL: merge into the winner's event
            cache.forget(new.key)  # the winner's event is not in the cache
            event_id = _find_event(session, cache, new.key, new.span, None)
            if event_id is None:
                raise StorageError(f"event of article {article_id} vanished while merging")
            existing.setdefault(event_id, []).extend(new.plans)
            continue
        cache.added(new.key, event_id, folded.span)
        result.added += 1
        result.event_ids.append(event_id)
        conn.execute(
            INSERT_MENTION, _mention_rows(event_id, new.plans, extractor_version, extracted_by)
        )
        participants = rebuild.write_new_participants(
            session, event_id, folded,
            new.plans[0].visitor.id if new.plans[0].visitor else None,
            new.plans[0].host.id if new.plans[0].host else None,
            cache,
        )
        # a later report of this visit in the same transaction re-folds it without reading
        cache.known[event_id] = KnownEvent(
            {name: row[name] for name in rebuild.EVENT_NOW_COLUMNS},
            [p.mention for p in new.plans], participants,
        )
    for event_id, plans in existing.items():
        conn.execute(
            INSERT_MENTION, _mention_rows(event_id, plans, extractor_version, extracted_by)
        )
        cache.mentions_added(event_id, [p.mention for p in plans])
        if event_id not in old_events:
            result.merged += 1
        result.event_ids.append(event_id)

    touched = old_events | set(existing)
    if not touched:  # the usual new article: nothing stored before needs re-folding
        result.event_ids = sorted(set(result.event_ids))
        return result
    outcome = rebuild.rebuild_events(session, touched, cache)
    after = rebuild.snapshots(session, old_events & outcome.alive)
    for event_id in old_events:
        if event_id not in outcome.alive:
            result.removed += 1
        elif before.get(event_id) != after.get(event_id):
            result.changed += 1
        else:
            result.unchanged += 1
    result.removed += len(outcome.removed - old_events)
    if outcome.removed:  # an event may have been folded into another: ask where we are now
        result.event_ids = list(
            conn.execute(EVENTS_OF_ARTICLE, {"article_id": article_id}).scalars()
        )
    result.event_ids = sorted(set(result.event_ids))
    return result


def forget_article_events(session: Session, article_id: int) -> ExtractionResult:
    """Drop the article's mentions (it turned irrelevant) and whatever only it reported."""
    return store_extraction(session, article_id, [], extractor_version=None)


def ingest_extraction(
    engine: Engine,
    article_id: int,
    events: Sequence[EventRecord],
    extractor_version: str,
    attempts: int = INGEST_ATTEMPTS,
    extracted_by: Mapping[str, str] | None = None,
) -> ExtractionResult:
    """``store_extraction`` in its own write transaction, retried when a concurrent writer
    won a race (IntegrityError), a deadlock was broken or SQLite stayed locked too long."""
    for attempt in range(1, attempts + 1):
        try:
            # not durable: a commit lost in a server crash leaves the article unextracted,
            # and the next extraction stores it again (about 3 ms of a ~9 ms article when
            # the disk is busy, measured on PostgreSQL)
            with write_transaction(engine, durable=False) as session:
                # unguarded: a duplicate (which the pair locks already rule out among kunker
                # writers) fails the transaction, and the loop retries the whole article
                return store_with_cache(
                    session, article_id, events, extractor_version,
                    EventCache.for_session(session), guarded=False, extracted_by=extracted_by,
                )
        except (IntegrityError, OperationalError) as exc:
            if attempt == attempts:
                raise StorageError(
                    f"could not store the events of article {article_id} after "
                    f"{attempts} attempts: {exc.orig or exc}"
                ) from exc
            logger.info("retrying article %d after %s", article_id, type(exc.orig).__name__)
            time.sleep(RETRY_PAUSE_S * attempt * random.uniform(0.5, 1.5))
    raise AssertionError("unreachable")
