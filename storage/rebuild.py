"""Re-folding events from their mentions after mentions were added or removed.

An event's columns are always a function of its mentions (``storage.merge.fold``), so
re-extracting an article never leaves a value that only a removed report supported. Folding
can give an event a date it lacked; if that makes it the same visit as another event of the
pair, the two become one here (the other's mentions move over, the other is deleted).

Statements are built once and run on the session's connection: this runs for every report
merged into an existing event, which in a real corpus is most of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, delete, exists, insert, select, update
from sqlalchemy.orm import Session

from storage.event_cache import EventCache, KnownEvent
from storage.lookups import (
    people,
    person_key,
    place_region_code,
    province_of,
    region_code_of_place,
)
from storage.merge import Folded, MentionData, fold, same_visit
from storage.models import (
    Article,
    Event,
    EventMention,
    EventParticipant,
    Person,
    utcnow,
)

# What a user sees of an event, to tell reprocess's "changed" from "unchanged": not the
# confidence (switching between Stanza and the rules moves it without changing the record)
# nor which article each value came from.
SNAPSHOT_COLUMNS = (
    Event.kind, Event.visitor_institution_id, Event.visitor_unit, Event.host_institution_id,
    Event.host_unit, Event.host_region, Event.date, Event.sort_date, Event.location,
    Event.topic, Event.topic_category, Event.mention_count,
)
# what ``event_columns`` writes (but updated_at), read to skip writing an unchanged event
COMPARED = (
    "kind", "visitor_institution_id", "visitor_unit", "host_institution_id", "host_unit",
    "host_region", "host_region_code", "host_province", "visitor_region_code",
    "visitor_province", "date", "first_reported", "last_reported", "sort_date", "location",
    "location_region_code", "topic", "topic_category", "confidence", "provenance",
    "mention_count",
)
_events = Event.__table__.c
EVENT_NOW_COLUMNS = ("merge_key", *COMPARED)
EVENT_NOW = select(*(_events[name] for name in EVENT_NOW_COLUMNS)).where(
    Event.id == bindparam("event_id")
)
MENTIONS_OF_EVENT = (
    select(
        EventMention.article_id, EventMention.ordinal, EventMention.record,
        Article.published_date, Article.fetched_at,
    )
    .join(Article, Article.id == EventMention.article_id)
    .where(EventMention.event_id == bindparam("event_id"))
)
_participants = EventParticipant.__table__.c
PARTICIPANTS_OF_EVENT = select(_participants.person_id).where(
    _participants.event_id == bindparam("event_id")
)
PARTICIPANT_ROWS = (
    select(_participants.person_id, _participants.side, _participants.role)
    .where(_participants.event_id == bindparam("event_id"))
    .order_by(_participants.id)
)
DELETE_PARTICIPANTS = delete(EventParticipant.__table__).where(
    _participants.event_id == bindparam("event_id")
)
INSERT_PARTICIPANT = insert(EventParticipant.__table__)
DELETE_EVENT = delete(Event.__table__).where(_events.id == bindparam("event_id"))
# (bind names must differ from column names in an UPDATE's SET)
UPDATE_EVENT = (
    update(Event.__table__)
    .where(_events.id == bindparam("event_id"))
    .values({name: bindparam(f"new_{name}") for name in (*COMPARED, "updated_at")})
)
_people = Person.__table__.c
DELETE_ORPHANS = (
    delete(Person.__table__)
    .where(
        _people.id.in_(bindparam("ids", expanding=True)),
        ~exists().where(_participants.person_id == _people.id),
    )
    .returning(_people.id)
)
MOVE_MENTIONS = (
    update(EventMention.__table__)
    .where(EventMention.__table__.c.event_id == bindparam("other"))
    .values(event_id=bindparam("event_id"))
)


def event_columns(
    folded: Folded,
    visitor_id: int | None,
    host_id: int | None,
    visitor_code: str | None,
    host_code: str | None,
) -> dict[str, Any]:
    host_region_code = host_code or region_code_of_place(folded.host_region)
    return {
        "kind": folded.kind,
        "visitor_institution_id": visitor_id,
        "visitor_unit": folded.visitor_unit,
        "host_institution_id": host_id,
        "host_unit": folded.host_unit,
        "host_region": folded.host_region,
        "host_region_code": host_region_code,
        "host_province": province_of(host_region_code),
        "visitor_region_code": visitor_code,
        "visitor_province": province_of(visitor_code),
        "date": folded.span.date,
        "first_reported": folded.span.first_reported,
        "last_reported": folded.span.last_reported,
        "sort_date": folded.span.sort_date,
        "location": folded.location,
        "location_region_code": place_region_code(folded.location, host_region_code),
        "topic": folded.topic,
        "topic_category": folded.topic_category,
        "confidence": folded.confidence,
        "provenance": folded.provenance,
        "updated_at": utcnow(),
    }


def snapshots(session: Session, event_ids: Iterable[int]) -> dict[int, tuple[Any, ...]]:
    """Comparable content of events (fields and participants), to tell what changed."""
    ids = sorted(event_ids)
    if not ids:
        return {}
    result: dict[int, tuple[Any, ...]] = {}
    for row in session.execute(select(Event.id, *SNAPSHOT_COLUMNS).where(Event.id.in_(ids))):
        result[row.id] = tuple(row[1:])
    participants: dict[int, list[tuple[Any, ...]]] = {}
    for row in session.execute(
        select(EventParticipant.event_id, EventParticipant.person_id, EventParticipant.side,
               EventParticipant.role).where(EventParticipant.event_id.in_(ids))
    ):
        participants.setdefault(row.event_id, []).append(tuple(row[1:]))
    return {
        event_id: (*values, tuple(sorted(participants.get(event_id, []), key=repr)))
        for event_id, values in result.items()
    }


def load_mentions(session: Session, event_id: int) -> list[MentionData]:
    rows = session.connection().execute(MENTIONS_OF_EVENT, {"event_id": event_id})
    return [
        MentionData(
            row.article_id, row.ordinal, row.published_date or row.fetched_at.date(), row.record
        )
        for row in rows
    ]


@dataclass(slots=True)
class RebuildOutcome:
    alive: set[int] = field(default_factory=set)
    removed: set[int] = field(default_factory=set)
    people_seen: set[int] = field(default_factory=set)


def _delete_event(
    session: Session, event_id: int, key: str | None, outcome: RebuildOutcome, cache: EventCache
) -> None:
    conn = session.connection()
    outcome.people_seen.update(
        conn.execute(PARTICIPANTS_OF_EVENT, {"event_id": event_id}).scalars()
    )
    conn.execute(DELETE_PARTICIPANTS, {"event_id": event_id})
    conn.execute(DELETE_EVENT, {"event_id": event_id})
    cache.removed(key, event_id)
    cache.forget_events([event_id])
    outcome.removed.add(event_id)
    outcome.alive.discard(event_id)


def _absorb_same_visits(
    session: Session, event_id: int, key: str, mentions: list[MentionData],
    outcome: RebuildOutcome, cache: EventCache,
) -> tuple[list[MentionData], Folded]:
    """Fold into ``event_id`` every other event of the pair that is now the same visit."""
    folded = fold(mentions)
    while True:
        same = [
            stored.id for stored in cache.events(session, key)
            if stored.id != event_id and same_visit(stored.span, folded.span)
        ]
        if not same:
            return mentions, folded
        for other in same:
            session.connection().execute(MOVE_MENTIONS, {"other": other, "event_id": event_id})
            _delete_event(session, other, key, outcome, cache)
        mentions = load_mentions(session, event_id)
        folded = fold(mentions)


def _write_participants(
    session: Session, event_id: int, folded: Folded, visitor: int | None, host: int | None,
    current: list[tuple[int, str, str | None]] | None, outcome: RebuildOutcome,
    cache: EventCache,
) -> list[tuple[int, str, str | None]]:
    """Make the event's participants the folded people; ``current`` if known, else read."""
    conn = session.connection()
    if current is None:
        current = [
            (row.person_id, row.side, row.role)
            for row in conn.execute(PARTICIPANT_ROWS, {"event_id": event_id})
        ]
    wanted = _participant_rows(session, folded, visitor, host, cache)
    # only people this event no longer names can have become orphans
    outcome.people_seen.update({row[0] for row in current} - {row[0] for row in wanted})
    if current != wanted:  # same people, roles and order: rewriting would only churn ids
        conn.execute(DELETE_PARTICIPANTS, {"event_id": event_id})
        _insert_participants(session, event_id, wanted)
    return wanted


def _participant_rows(
    session: Session, folded: Folded, visitor: int | None, host: int | None,
    cache: EventCache,
) -> list[tuple[int, str, str | None]]:
    """(person id, side, role) of the folded people, in their order; people created if new."""
    if not folded.people:
        return []
    institution_of = {"visitor": visitor, "host": host}
    wanted = {
        person_key(p.name, institution_of.get(p.side)): (p.name, institution_of.get(p.side))
        for p in folded.people
    }
    ids = people(session, wanted, cache.people)
    return [
        (ids[person_key(p.name, institution_of.get(p.side))], p.side, p.role)
        for p in folded.people
    ]


def _insert_participants(
    session: Session, event_id: int, rows: list[tuple[int, str, str | None]]
) -> None:
    if rows:
        session.connection().execute(
            INSERT_PARTICIPANT,
            [{"event_id": event_id, "person_id": person, "side": side, "role": role}
             for person, side, role in rows],
        )


def write_new_participants(
    session: Session, event_id: int, folded: Folded, visitor: int | None, host: int | None,
    cache: EventCache,
) -> list[tuple[int, str, str | None]]:
    """Participants of an event that has none yet; returns the rows written, in order."""
    rows = _participant_rows(session, folded, visitor, host, cache)
    _insert_participants(session, event_id, rows)
    return rows


def rebuild_event(
    session: Session, event_id: int, outcome: RebuildOutcome, cache: EventCache
) -> None:
    known = cache.known.pop(event_id, None)  # written by this transaction: no need to read
    if known is not None:
        current, mentions = known.row, list(known.mentions)
    else:
        row = session.connection().execute(EVENT_NOW, {"event_id": event_id}).one_or_none()
        if row is None:
            return
        current, mentions = dict(row._mapping), load_mentions(session, event_id)
    key = current["merge_key"]
    if not mentions:
        _delete_event(session, event_id, key, outcome, cache)
        return
    if key is not None:
        mentions, folded = _absorb_same_visits(session, event_id, key, mentions, outcome, cache)
    else:
        folded = fold(mentions)
    visitor, host = current["visitor_institution_id"], current["host_institution_id"]
    codes = cache.region_codes(session, (visitor, host))
    columns = event_columns(
        folded, visitor, host, codes.get(visitor) if visitor else None,
        codes.get(host) if host else None,
    )
    # the number of articles reporting the visit (an article can mention it twice)
    columns["mention_count"] = len({m.article_id for m in mentions})
    if any(current[name] != value for name, value in columns.items() if name != "updated_at"):
        # untouched rows keep their updated_at: re-storing the same extraction changes nothing
        session.connection().execute(
            UPDATE_EVENT, {"event_id": event_id, **{f"new_{k}": v for k, v in columns.items()}}
        )
    cache.changed(key, event_id, folded.span)
    # (absorbing another event moves its mentions, not its participants)
    written = _write_participants(
        session, event_id, folded, visitor, host,
        known.participants if known is not None else None, outcome, cache,
    )
    columns.pop("updated_at")
    cache.known[event_id] = KnownEvent({**current, **columns}, mentions, written)
    outcome.alive.add(event_id)


def delete_orphan_people(
    session: Session, person_ids: Iterable[int], cache: EventCache | None = None
) -> int:
    ids = sorted(person_ids)
    if not ids:
        return 0
    deleted = set(session.connection().execute(DELETE_ORPHANS, {"ids": ids}).scalars())
    if cache is not None and deleted:
        cache.people = {key: pid for key, pid in cache.people.items() if pid not in deleted}
    return len(deleted)


def rebuild_events(
    session: Session, event_ids: Iterable[int], cache: EventCache
) -> RebuildOutcome:
    """Re-fold ``event_ids``; delete the empty ones and the people no event mentions.

    ``cache`` must hold the locks of the events' pairs (``storage.events`` takes them).
    """
    outcome = RebuildOutcome()
    for event_id in sorted(event_ids):
        if event_id not in outcome.removed:
            rebuild_event(session, event_id, outcome, cache)
    delete_orphan_people(session, outcome.people_seen, cache)
    return outcome
