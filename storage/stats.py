"""Counts for researchers: visits per month, top destinations and visitors, by kind/topic.

Each event counts once however many outlets reported it (that is what merging is for).
Months use the visit date, or the first report's date when no article gives one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import DateTime, cast, func, literal, select
from sqlalchemy.orm import Session

from storage.filters import EventFilter, Host, Visitor, apply, with_institutions
from storage.models import Event

StatBy = Literal["month", "destination", "visitor", "kind", "topic"]
STAT_KEYS: tuple[str, ...] = ("month", "destination", "visitor", "kind", "topic")
UNKNOWN = "(unknown)"
DEFAULT_TOP = 20


@dataclass(frozen=True, slots=True)
class StatRow:
    key: str
    count: int


def _key(by: StatBy) -> Any:
    if by == "destination":
        return func.coalesce(Host.name, Event.host_region, literal(UNKNOWN))
    if by == "visitor":
        return func.coalesce(Visitor.name, literal(UNKNOWN))
    if by == "kind":
        return Event.kind
    if by == "topic":
        return Event.topic_category
    raise ValueError(f"unknown statistic {by!r}; choose one of {', '.join(STAT_KEYS)}")


def event_stats(
    session: Session, by: StatBy, flt: EventFilter | None = None, *, limit: int | None = None
) -> list[StatRow]:
    """Event counts grouped ``by``: months in order, the others largest first.

    ``limit`` defaults to all months, and to the top ``DEFAULT_TOP`` for the others.
    """
    if by == "month":
        return _per_month(session, flt, limit)
    key = _key(by).label("key")
    count = func.count(Event.id).label("count")
    statement = select(key, count).select_from(Event)
    if by in ("destination", "visitor"):  # the others need no names: no joins to pay for
        statement = with_institutions(statement)
    statement = apply(statement, flt).group_by(key).order_by(count.desc(), key)
    statement = statement.limit(max(1, DEFAULT_TOP if limit is None else limit))
    return [StatRow(str(row.key), int(row.count)) for row in session.execute(statement)]


def _per_month(session: Session, flt: EventFilter | None, limit: int | None) -> list[StatRow]:
    # Months are cut the cheapest way each database has (the cost is per event): SQLite
    # stores dates as ISO text, so the first 7 characters; PostgreSQL truncates the date.
    # (strftime / to_char took longer than the counting.)
    if session.get_bind().dialect.name == "sqlite":
        month = func.substr(Event.sort_date, 1, 7)
    else:
        # (a timestamp without time zone: a timestamptz would depend on the session's zone)
        month = func.date_trunc("month", cast(Event.sort_date, DateTime()))
    key = month.label("key")
    statement = apply(
        select(key, func.count(Event.id).label("count")).select_from(Event), flt
    ).group_by(key).order_by(key)
    if limit is not None:
        statement = statement.limit(max(1, limit))
    return [
        StatRow(row.key if isinstance(row.key, str) else row.key.strftime("%Y-%m"),
                int(row.count))
        for row in session.execute(statement)
    ]


def visits_per_month(session: Session, flt: EventFilter | None = None) -> list[StatRow]:
    return event_stats(session, "month", flt)


def top_destinations(
    session: Session, flt: EventFilter | None = None, limit: int = DEFAULT_TOP
) -> list[StatRow]:
    return event_stats(session, "destination", flt, limit=limit)


def top_visitors(
    session: Session, flt: EventFilter | None = None, limit: int = DEFAULT_TOP
) -> list[StatRow]:
    return event_stats(session, "visitor", flt, limit=limit)
