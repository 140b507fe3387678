"""Counts for researchers: visits per month, top destinations and visitors, by kind/topic,
by the visitor's or the host's province, by outlet, by visitor -> destination pair, and the
visitor-province x host-province matrix.

Each event counts once however many outlets reported it (that is what merging is for), except
``outlet``, where an event counts once for every outlet that reported it. Months use the
visit date, or the first report's date when no article gives one (the ``date`` every export
carries, with its ``date_precision``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from sqlalchemy import DateTime, String, cast, distinct, func, literal, select
from sqlalchemy.orm import Session

from storage.filters import EventFilter, Host, Visitor, apply, with_institutions
from storage.lookups import region_name
from storage.models import Article, Event, EventMention, Source

StatBy = Literal["month", "destination", "visitor", "kind", "topic", "visitor_province",
                 "host_province", "outlet", "pair"]
STAT_KEYS: tuple[str, ...] = ("month", "destination", "visitor", "kind", "topic",
                              "visitor_province", "host_province", "outlet", "pair")
UNKNOWN = "(unknown)"
NO_PROVINCE = "(no province: a national body, or not known)"
PAIR_ARROW = " → "
DEFAULT_TOP = 20
PROVINCE_KEYS = ("visitor_province", "host_province")


@dataclass(frozen=True, slots=True)
class StatRow:
    key: str
    count: int
    # the Kemendagri code behind a province row (links, CSV), else None
    code: str | None = None


def _host_province() -> Any:
    # the host's province, else the province of the place the meeting was held
    return func.coalesce(Event.host_province, func.substr(Event.location_region_code, 1, 2))


def _key(by: StatBy) -> Any:
    if by == "destination":
        return func.coalesce(Host.name, Event.host_region, literal(UNKNOWN))
    if by == "visitor":
        return func.coalesce(Visitor.name, literal(UNKNOWN))
    if by == "kind":
        return Event.kind
    if by == "topic":
        return Event.topic_category
    if by == "visitor_province":
        return Event.visitor_province
    if by == "host_province":
        return _host_province()
    if by == "outlet":
        return Source.host
    if by == "pair":
        return (func.coalesce(Visitor.name, literal(UNKNOWN)) + literal(PAIR_ARROW)
                + func.coalesce(Host.name, Event.host_region, literal(UNKNOWN)))
    raise ValueError(f"unknown statistic {by!r}; choose one of {', '.join(STAT_KEYS)}")


def event_stats(
    session: Session, by: StatBy, flt: EventFilter | None = None, *, limit: int | None = None
) -> list[StatRow]:
    """Event counts grouped ``by``: months in order (months without visits count 0), the
    others largest first.

    ``limit`` defaults to all months, and to the top ``DEFAULT_TOP`` for the others.
    """
    if by == "month":
        return _per_month(session, flt, limit)
    key = _key(by).label("key")
    count = (func.count(distinct(Event.id)) if by == "outlet" else func.count(Event.id)
             ).label("count")
    statement = select(key, count).select_from(Event)
    if by in ("destination", "visitor", "pair"):  # the others need no names: no joins
        statement = with_institutions(statement)
    if by == "outlet":
        statement = (statement.join(EventMention, EventMention.event_id == Event.id)
                     .join(Article, Article.id == EventMention.article_id)
                     .join(Source, Source.id == Article.source_id))
    statement = apply(statement, flt).group_by(key).order_by(count.desc(), key)
    statement = statement.limit(max(1, DEFAULT_TOP if limit is None else limit))
    rows = session.execute(statement).all()
    if by in PROVINCE_KEYS:
        return [StatRow(region_name(row.key) or row.key or NO_PROVINCE, int(row.count),
                        row.key) for row in rows]
    return [StatRow(str(row.key), int(row.count)) for row in rows]


def _month_key(session: Session) -> Any:
    # Months are cut the cheapest way each database has (the cost is per event): SQLite
    # stores dates as ISO text, so the first 7 characters; PostgreSQL truncates the date.
    # (strftime / to_char took longer than the counting.)
    if session.get_bind().dialect.name == "sqlite":
        return func.substr(Event.sort_date, 1, 7)
    # (a timestamp without time zone: a timestamptz would depend on the session's zone)
    return func.date_trunc("month", cast(Event.sort_date, DateTime()))


def _per_month(session: Session, flt: EventFilter | None, limit: int | None) -> list[StatRow]:
    key = _month_key(session).label("key")
    statement = apply(
        select(key, func.count(Event.id).label("count")).select_from(Event), flt
    ).group_by(key).order_by(key)
    counted = {
        row.key if isinstance(row.key, str) else row.key.strftime("%Y-%m"): int(row.count)
        for row in session.execute(statement)
    }
    rows = [StatRow(month, counted.get(month, 0)) for month in _months(counted)]
    return rows[:max(1, limit)] if limit is not None else rows


def _months(counted: dict[str, int]) -> list[str]:
    """Every month from the first to the last counted one: a time series has no gaps."""
    if not counted:
        return []
    first, last = min(counted), max(counted)
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def month_bounds(key: str) -> tuple[date, date]:
    """The first and last day of a "YYYY-MM" month."""
    import calendar

    year, month = int(key[:4]), int(key[5:7])
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True, slots=True)
class MatrixCell:
    visitor_code: str | None
    host_code: str | None
    count: int


@dataclass(frozen=True, slots=True)
class ProvinceMatrix:
    """Who visits whom: visits from each visitor province (rows) to each host province
    (columns), the busiest first; ``None`` is an unknown province."""

    visitors: list[tuple[str | None, str]]  # (code, name), busiest first
    hosts: list[tuple[str | None, str]]
    cells: dict[tuple[str | None, str | None], int]

    def count(self, visitor: str | None, host: str | None) -> int:
        return self.cells.get((visitor, host), 0)


def province_matrix(
    session: Session, flt: EventFilter | None = None, *, limit: int = DEFAULT_TOP
) -> ProvinceMatrix:
    """The visitor-province x host-province counts, the ``limit`` busiest of each side."""
    host = cast(_host_province(), String).label("host")
    visitor = Event.visitor_province.label("visitor")
    statement = apply(
        select(visitor, host, func.count(Event.id).label("count")).select_from(Event), flt
    ).group_by(visitor, host)
    cells = {(row.visitor, row.host): int(row.count) for row in session.execute(statement)}
    by_visitor: dict[str | None, int] = {}
    by_host: dict[str | None, int] = {}
    for (v, h), n in cells.items():
        by_visitor[v] = by_visitor.get(v, 0) + n
        by_host[h] = by_host.get(h, 0) + n

    def top(totals: dict[str | None, int]) -> list[tuple[str | None, str]]:
        ranked = sorted(totals, key=lambda c: (-totals[c], c is None, c or ""))[:max(1, limit)]
        return [(code, region_name(code) or code or NO_PROVINCE) for code in ranked]

    return ProvinceMatrix(top(by_visitor), top(by_host), cells)


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
