"""Streaming every matching event as a schema record, for exports of any size.

Keyset pagination on (sort_date, id): each batch is a fresh indexed query, so memory stays
flat and no server-side cursor has to stay open while the caller writes a file.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import and_, or_
from sqlalchemy.orm import Session

from storage.filters import EventFilter, apply
from storage.models import Event
from storage.queries import (
    EventSummary,
    event_record,
    participants_of,
    sources_of,
    summaries_query,
    summary_of,
)

EXPORT_BATCH = 500


def event_records(session: Session, events: Sequence[EventSummary]) -> list[dict[str, Any]]:
    """The full records (people, sources, evidence) of listed events, in their order."""
    ids = [e.id for e in events]
    people = participants_of(session, ids)
    sources = sources_of(session, ids)
    records = []
    for event in events:
        found, evidence = sources.get(event.id, ([], []))
        records.append(event_record(event, people.get(event.id, []), found, evidence))
    return records


def iter_event_records(
    session: Session, flt: EventFilter | None = None, *, batch_size: int = EXPORT_BATCH
) -> Iterator[dict[str, Any]]:
    """Events oldest first, each the ../shared/eval/SCHEMA.md event plus ``id``, ``sources``
    (url, title, published, outlet), ``evidence`` (text, start, end, url) and ``confidence``."""
    last: tuple[Any, int] | None = None
    while True:
        statement = apply(summaries_query(), flt)
        if last is not None:
            statement = statement.where(
                or_(Event.sort_date > last[0], and_(Event.sort_date == last[0], Event.id > last[1]))
            )
        rows = session.execute(
            statement.order_by(Event.sort_date, Event.id).limit(batch_size)
        ).all()
        if not rows:
            return
        events = [summary_of(row) for row in rows]
        yield from event_records(session, events)
        last = (events[-1].sort_date, events[-1].id)
        session.expunge_all()  # nothing is loaded as ORM objects, but keep the session lean
