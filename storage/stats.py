"""Counts for researchers: visits per month, top destinations and visitors, by kind/topic.

Each event counts once however many outlets reported it (that is what merging is for).
Months use the visit date, or the first report's date when no article gives one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import func, literal, select
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


def _month(session: Session) -> Any:
    if session.get_bind().dialect.name == "sqlite":
        return func.strftime("%Y-%m", Event.sort_date)
    return func.to_char(Event.sort_date, "YYYY-MM")


def _key(session: Session, by: StatBy) -> Any:
    if by == "month":
        return _month(session)
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
    key = _key(session, by).label("key")
    count = func.count(Event.id).label("count")
    statement = apply(with_institutions(select(key, count).select_from(Event)), flt).group_by(key)
    if by == "month":
        statement = statement.order_by(key)
    else:
        statement = statement.order_by(count.desc(), key)
        limit = DEFAULT_TOP if limit is None else limit
    if limit is not None:
        statement = statement.limit(max(1, limit))
    return [StatRow(str(row.key), int(row.count)) for row in session.execute(statement)]


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
