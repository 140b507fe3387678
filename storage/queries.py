"""Read-side queries shared by the CLI and the web app: lists, detail, history, lookups.

All take a Session the caller owns and return plain dataclasses, never ORM objects, so the
caller can close the session before rendering.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Row, func, or_, select
from sqlalchemy.orm import Session

from storage.filters import EventFilter, Host, Visitor, apply, like_pattern, with_institutions
from storage.models import (
    Article,
    Event,
    EventMention,
    EventParticipant,
    Institution,
    Person,
    Source,
)

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 1000


@dataclass(frozen=True, slots=True)
class EventSummary:
    id: int
    kind: str
    visitor: str | None
    visitor_unit: str | None
    host: str | None
    host_unit: str | None
    host_region: str | None
    date: date | None
    sort_date: date
    location: str | None
    topic: str | None
    topic_category: str
    confidence: float
    source_count: int
    first_reported: date
    last_reported: date
    visitor_region_code: str | None
    host_region_code: str | None
    created_at: datetime
    updated_at: datetime

    @property
    def date_precision(self) -> str:
        """``exact`` when an article gives the visit date, ``reported`` when the date is the
        first report's (what lists sort, filters select and statistics count by)."""
        return date_precision(self.date, self.sort_date)

    @property
    def destination(self) -> str | None:
        """Where the visit went: the host institution, else the host region."""
        return self.host or self.host_region

    def to_dict(self) -> dict[str, Any]:
        """The event in the SCHEMA.md shape (without people and evidence: see
        ``EventDetail``), plus id, confidence and the number of sources; for listings."""
        return {
            "id": self.id,
            "kind": self.kind,
            "visitor": {"institution": self.visitor, "unit": self.visitor_unit},
            "host": {"institution": self.host, "unit": self.host_unit,
                     "region": self.host_region},
            **dated(self),
            "location": self.location,
            "topic": self.topic,
            "topic_category": self.topic_category,
            "confidence": round(self.confidence, 3),
            "source_count": self.source_count,
        }


SUMMARY_COLUMNS = (
    Event.id, Event.kind, Visitor.name.label("visitor"), Event.visitor_unit,
    Host.name.label("host"), Event.host_unit, Event.host_region, Event.date, Event.sort_date,
    Event.location, Event.topic, Event.topic_category, Event.confidence,
    Event.mention_count.label("source_count"), Event.first_reported, Event.last_reported,
    Event.visitor_region_code, Event.host_region_code, Event.created_at, Event.updated_at,
)
DATE_PRECISIONS = ("exact", "reported", "unknown")


def date_precision(visit_date: date | None, counted: date | None) -> str:
    if visit_date is not None:
        return "exact"
    return "reported" if counted is not None else "unknown"


def dated(event: EventSummary) -> dict[str, Any]:
    """``date``: the date the event is listed, filtered and counted under (the visit date,
    else the first report's), ``date_precision`` how it is known, and the report span. One
    date for every output, so an export counts what ``stats --by month`` counts."""
    return {
        "date": event.sort_date.isoformat(),
        "date_precision": event.date_precision,
        "first_reported": event.first_reported.isoformat(),
        "last_reported": event.last_reported.isoformat(),
    }


def summary_of(row: Row[Any]) -> EventSummary:
    return EventSummary(*row[: len(SUMMARY_COLUMNS)])


def summaries_query() -> Any:
    return with_institutions(select(*SUMMARY_COLUMNS).select_from(Event))


def list_events(
    session: Session,
    flt: EventFilter | None = None,
    *,
    limit: int = DEFAULT_PAGE_SIZE,
    offset: int = 0,
    oldest_first: bool = False,
    newest_found: bool = False,
) -> list[EventSummary]:
    """One page of events matching ``flt``, newest first (``oldest_first`` for chronology,
    ``newest_found`` for the events stored last first, as a feed lists them)."""
    limit = max(1, min(limit, MAX_PAGE_SIZE))
    order: tuple[Any, ...] = (Event.sort_date, Event.id) if oldest_first else (
        Event.sort_date.desc(), Event.id.desc()
    )
    if newest_found:
        order = (Event.id.desc(),)  # ids grow as events are found
    statement = apply(summaries_query(), flt).order_by(*order).limit(limit).offset(max(0, offset))
    return [summary_of(row) for row in session.execute(statement)]


def count_events(session: Session, flt: EventFilter | None = None) -> int:
    return session.execute(apply(select(func.count()).select_from(Event), flt)).scalar_one()


@dataclass(frozen=True, slots=True)
class SourceRef:
    article_id: int
    url: str
    title: str | None
    published: date | None
    outlet: str
    # what extracted this article's report (``nlp.extract.provenance``; older rows: the
    # extractor version only)
    extracted_by: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class EvidenceRef:
    article_id: int
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Participant:
    name: str
    role: str | None
    side: str


@dataclass(frozen=True, slots=True)
class EventDetail:
    summary: EventSummary
    visitor_kind: str | None
    host_kind: str | None
    host_region_code: str | None
    first_reported: date
    last_reported: date
    provenance: dict[str, int]
    location_region_code: str | None = None
    people: list[Participant] = field(default_factory=list)
    sources: list[SourceRef] = field(default_factory=list)
    evidence: list[EvidenceRef] = field(default_factory=list)

    def to_record(self) -> dict[str, Any]:
        """The ../shared/eval/SCHEMA.md event plus ``id``, ``sources`` and ``evidence``."""
        return event_record(self.summary, self.people, self.sources, self.evidence)


def extracted_by(sources: Sequence[SourceRef]) -> list[dict[str, str]]:
    """The distinct extractions (version, annotator, ...) behind an event's reports."""
    found: list[dict[str, str]] = []
    for source in sources:
        if source.extracted_by and source.extracted_by not in found:
            found.append(source.extracted_by)
    return found


def event_record(
    summary: EventSummary,
    people: Sequence[Participant],
    sources: Sequence[SourceRef],
    evidence: Sequence[EvidenceRef],
) -> dict[str, Any]:
    urls = {s.article_id: s.url for s in sources}
    return {
        "id": summary.id,
        "kind": summary.kind,
        "visitor": {"institution": summary.visitor, "unit": summary.visitor_unit},
        "host": {
            "institution": summary.host,
            "unit": summary.host_unit,
            "region": summary.host_region,
        },
        "visitor_region_code": summary.visitor_region_code,
        "host_region_code": summary.host_region_code,
        **dated(summary),
        "location": summary.location,
        "people": [{"name": p.name, "role": p.role, "side": p.side} for p in people],
        "topic": summary.topic,
        "topic_category": summary.topic_category,
        "confidence": round(summary.confidence, 3),
        "sources": [
            {
                "url": s.url,
                "title": s.title,
                "published": s.published.isoformat() if s.published else None,
                "outlet": s.outlet,
                "extracted_by": s.extracted_by,
            }
            for s in sources
        ],
        "extracted_by": extracted_by(sources),
        "evidence": [
            {"text": e.text, "start": e.start, "end": e.end, "url": urls.get(e.article_id)}
            for e in evidence
        ],
    }


def participants_of(session: Session, event_ids: Sequence[int]) -> dict[int, list[Participant]]:
    rows = session.execute(
        select(EventParticipant.event_id, Person.name, EventParticipant.role, EventParticipant.side)
        .join(Person, Person.id == EventParticipant.person_id)
        .where(EventParticipant.event_id.in_(event_ids))
        .order_by(EventParticipant.event_id, EventParticipant.side.desc(), EventParticipant.id)
    )
    found: dict[int, list[Participant]] = {}
    for row in rows:
        found.setdefault(row.event_id, []).append(Participant(row.name, row.role, row.side))
    return found


def sources_of(
    session: Session, event_ids: Sequence[int]
) -> dict[int, tuple[list[SourceRef], list[EvidenceRef]]]:
    rows = session.execute(
        select(
            EventMention.event_id, EventMention.evidence, Article.id, Article.url, Article.title,
            Article.published_date, Source.host, EventMention.extractor_version,
            EventMention.extracted_by,
        )
        .join(Article, Article.id == EventMention.article_id)
        .join(Source, Source.id == Article.source_id)
        .where(EventMention.event_id.in_(event_ids))
        .order_by(EventMention.event_id, Article.published_date, Article.id, EventMention.ordinal)
    )
    found: dict[int, tuple[list[SourceRef], list[EvidenceRef]]] = {}
    for row in rows:
        sources, evidence = found.setdefault(row.event_id, ([], []))
        if not any(s.article_id == row.id for s in sources):
            made_by = dict(row.extracted_by or {"extractor_version": row.extractor_version})
            sources.append(SourceRef(row.id, row.url, row.title, row.published_date, row.host,
                                     made_by))
        for item in row.evidence or []:
            evidence.append(EvidenceRef(row.id, item["text"], item["start"], item["end"]))
    return found


def get_event(session: Session, event_id: int) -> EventDetail | None:
    """Everything about one event: fields, people, every source and its evidence."""
    row = session.execute(
        summaries_query()
        .add_columns(
            Visitor.kind, Host.kind, Event.host_region_code, Event.first_reported,
            Event.last_reported, Event.provenance, Event.location_region_code,
        )
        .where(Event.id == event_id)
    ).one_or_none()
    if row is None:
        return None
    extra = row[len(SUMMARY_COLUMNS):]
    sources, evidence = sources_of(session, [event_id]).get(event_id, ([], []))
    return EventDetail(
        summary=summary_of(row),
        visitor_kind=extra[0],
        host_kind=extra[1],
        host_region_code=extra[2],
        first_reported=extra[3],
        last_reported=extra[4],
        provenance=dict(extra[5] or {}),
        location_region_code=extra[6],
        people=participants_of(session, [event_id]).get(event_id, []),
        sources=sources,
        evidence=evidence,
    )


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One visit in an institution's history: ``role`` is what the institution was."""

    role: str  # "visitor" | "host"
    counterpart: str | None
    event: EventSummary


def institution_history(
    session: Session,
    name: str,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> list[HistoryEntry]:
    """Visits the institution made and received, oldest first."""
    statement = apply(summaries_query(), EventFilter(institution=name)).order_by(
        Event.sort_date, Event.id
    ).offset(max(0, offset))
    if limit is not None:
        statement = statement.limit(max(1, limit))
    entries = []
    for row in session.execute(statement):
        event = summary_of(row)
        if event.visitor == name:
            entries.append(HistoryEntry("visitor", event.destination, event))
        else:
            entries.append(HistoryEntry("host", event.visitor, event))
    return entries


@dataclass(frozen=True, slots=True)
class InstitutionInfo:
    id: int
    name: str
    kind: str
    level: str | None
    region_code: str | None
    visits_made: int
    visits_hosted: int


def find_institutions(session: Session, text: str, limit: int = 20) -> list[InstitutionInfo]:
    """Institutions whose canonical name contains ``text`` (any case), busiest first."""
    made = (
        select(func.count()).where(Event.visitor_institution_id == Institution.id)
        .correlate(Institution).scalar_subquery()
    )
    hosted = (
        select(func.count()).where(Event.host_institution_id == Institution.id)
        .correlate(Institution).scalar_subquery()
    )
    rows = session.execute(
        select(Institution.id, Institution.name, Institution.kind, Institution.level,
               Institution.region_code, made.label("made"), hosted.label("hosted"))
        .where(
            or_(
                func.lower(Institution.name).like(like_pattern(text), escape="\\"),
                Institution.name == text,
            )
        )
        .order_by((made + hosted).desc(), Institution.name)
        .limit(max(1, limit))
    )
    return [InstitutionInfo(*row) for row in rows]


def get_institution(session: Session, name: str) -> InstitutionInfo | None:
    """The institution with exactly this canonical name."""
    for info in find_institutions(session, name, limit=50):
        if info.name == name:
            return info
    return None
