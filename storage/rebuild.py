"""Re-folding events from their mentions after mentions were added or removed.

An event's columns are always a function of its mentions (``storage.merge.fold``), so
re-extracting an article never leaves a value that only a removed report supported. Folding
can give an event a date it lacked; if that makes it the same visit as another event of the
pair, the two become one here (the other's mentions move over, the other is deleted).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, exists, func, insert, select, update
from sqlalchemy.orm import Session

from storage.lookups import people, person_key, province_of, region_code_of_place
from storage.merge import Folded, MentionData, Span, fold, same_visit
from storage.models import (
    Article,
    Event,
    EventMention,
    EventParticipant,
    Institution,
    Person,
    utcnow,
)

SNAPSHOT_COLUMNS = (
    Event.kind, Event.visitor_unit, Event.host_unit, Event.host_region, Event.date,
    Event.sort_date, Event.location, Event.topic, Event.topic_category, Event.confidence,
    Event.mention_count,
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
        values = list(row[1:])
        values[9] = round(values[9], 3)
        result[row.id] = tuple(values)
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
    rows = session.execute(
        select(
            EventMention.article_id, EventMention.ordinal, EventMention.record,
            Article.published_date, Article.fetched_at,
        )
        .join(Article, Article.id == EventMention.article_id)
        .where(EventMention.event_id == event_id)
    )
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


def _participant_people(session: Session, event_id: int) -> set[int]:
    return set(
        session.execute(
            select(EventParticipant.person_id).where(EventParticipant.event_id == event_id)
        ).scalars()
    )


def _delete_event(session: Session, event_id: int, outcome: RebuildOutcome) -> None:
    outcome.people_seen |= _participant_people(session, event_id)
    session.execute(delete(EventParticipant).where(EventParticipant.event_id == event_id))
    session.execute(delete(Event).where(Event.id == event_id))
    outcome.removed.add(event_id)
    outcome.alive.discard(event_id)


def _absorb_same_visits(
    session: Session, event_id: int, key: str, folded: Folded, outcome: RebuildOutcome
) -> Folded:
    while True:
        others = session.execute(
            select(Event.id, Event.date, Event.first_reported, Event.last_reported).where(
                Event.merge_key == key, Event.id != event_id
            )
        ).all()
        same = [
            row.id for row in others
            if same_visit(Span(row.date, row.first_reported, row.last_reported), folded.span)
        ]
        if not same:
            return folded
        for other in same:
            session.execute(
                update(EventMention).where(EventMention.event_id == other).values(event_id=event_id)
            )
            _delete_event(session, other, outcome)
        folded = fold(load_mentions(session, event_id))


def _write_participants(
    session: Session, event_id: int, folded: Folded, visitor: int | None, host: int | None,
    outcome: RebuildOutcome,
) -> None:
    outcome.people_seen |= _participant_people(session, event_id)
    session.execute(delete(EventParticipant).where(EventParticipant.event_id == event_id))
    write_new_participants(session, event_id, folded, visitor, host)


def write_new_participants(
    session: Session, event_id: int, folded: Folded, visitor: int | None, host: int | None
) -> None:
    """Participants of an event that has none yet."""
    if not folded.people:
        return
    institution_of = {"visitor": visitor, "host": host}
    wanted = {
        person_key(p.name, institution_of.get(p.side)): (p.name, institution_of.get(p.side))
        for p in folded.people
    }
    ids = people(session, wanted)
    session.execute(
        insert(EventParticipant),
        [
            {
                "event_id": event_id,
                "person_id": ids[person_key(p.name, institution_of.get(p.side))],
                "role": p.role,
                "side": p.side,
            }
            for p in folded.people
        ],
    )


def rebuild_event(session: Session, event_id: int, outcome: RebuildOutcome) -> None:
    row = session.execute(
        select(Event.merge_key, Event.visitor_institution_id, Event.host_institution_id).where(
            Event.id == event_id
        )
    ).one_or_none()
    if row is None:
        return
    mentions = load_mentions(session, event_id)
    if not mentions:
        _delete_event(session, event_id, outcome)
        return
    folded = fold(mentions)
    if row.merge_key is not None:
        folded = _absorb_same_visits(session, event_id, row.merge_key, folded, outcome)
    codes: dict[int | None, str | None] = {
        inst.id: inst.region_code
        for inst in session.execute(
            select(Institution.id, Institution.region_code).where(
                Institution.id.in_(
                    [i for i in (row.visitor_institution_id, row.host_institution_id) if i]
                )
            )
        )
    }
    columns = event_columns(
        folded, row.visitor_institution_id, row.host_institution_id,
        codes.get(row.visitor_institution_id), codes.get(row.host_institution_id),
    )
    columns["mention_count"] = session.execute(
        # the number of articles reporting the visit (an article can mention it twice)
        select(func.count(func.distinct(EventMention.article_id))).where(
            EventMention.event_id == event_id
        )
    ).scalar_one()
    compared = [name for name in columns if name != "updated_at"]
    current = session.execute(
        select(*(getattr(Event, name) for name in compared)).where(Event.id == event_id)
    ).one()
    if any(getattr(current, name) != columns[name] for name in compared):
        # untouched rows keep their updated_at: re-storing the same extraction changes nothing
        session.execute(update(Event).where(Event.id == event_id).values(**columns))
    _write_participants(
        session, event_id, folded, row.visitor_institution_id, row.host_institution_id, outcome
    )
    outcome.alive.add(event_id)


def delete_orphan_people(session: Session, person_ids: Iterable[int]) -> int:
    ids = sorted(person_ids)
    if not ids:
        return 0
    result = session.execute(
        delete(Person).where(
            Person.id.in_(ids),
            ~exists().where(EventParticipant.person_id == Person.id),
        )
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def rebuild_events(session: Session, event_ids: Iterable[int]) -> RebuildOutcome:
    """Re-fold ``event_ids``; delete the empty ones and the people no event mentions."""
    outcome = RebuildOutcome()
    for event_id in sorted(event_ids):
        if event_id not in outcome.removed:
            rebuild_event(session, event_id, outcome)
    delete_orphan_people(session, outcome.people_seen)
    return outcome
