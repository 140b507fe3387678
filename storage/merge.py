"""When two reports are one visit, and what the merged event says: pure functions, no database.

Rules (issue 5):
- Same visit: the same merge key (visitor institution + host institution, see ``merge_key``)
  and visit dates within ``MERGE_WINDOW_DAYS`` of each other; when either date is unknown,
  the reports' publication dates within ``MERGE_WINDOW_DAYS``. The same sort date (visit date
  or first report) also counts, which is what the events table's unique constraint enforces.
- Merged fields keep the most specific value: a value over null; for names the one most
  reports give (then the longest); the longest topic; a category other than "lainnya"; a kind
  other than the default "kunjungan_kerja"; the highest confidence. ``provenance`` records
  the article each value came from.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

MERGE_WINDOW_DAYS = 3
DEFAULT_KIND = "kunjungan_kerja"
DEFAULT_CATEGORY = "lainnya"
_SPACES = re.compile(r"\s+")


def merge_key(
    visitor_id: int | None, host_id: int | None, host_region: str | None
) -> str | None:
    """The identity of a visitor/host pair, or None when reports of it must not be merged.

    An unknown visitor is never merged: "someone visited DPRD X" in two articles can be two
    different delegations. An unknown host institution falls back to the host region ("DPRD
    Bengkulu went to Provinsi Bali"), since the region is then what the visit was to.
    """
    if visitor_id is None:
        return None
    if host_id is not None:
        return f"{visitor_id}>{host_id}"
    if host_region:
        return f"{visitor_id}>r:{_SPACES.sub(' ', host_region).strip().casefold()}"
    return None


@dataclass(frozen=True, slots=True)
class Span:
    """When a report or an event happened: visit date (maybe unknown) and report dates."""

    date: date | None
    first_reported: date
    last_reported: date

    @property
    def sort_date(self) -> date:
        return self.date or self.first_reported


def same_visit(a: Span, b: Span) -> bool:
    window = timedelta(days=MERGE_WINDOW_DAYS)
    if a.sort_date == b.sort_date:
        return True
    if a.date is not None and b.date is not None:
        return abs(a.date - b.date) <= window
    return (
        a.first_reported - window <= b.last_reported
        and b.first_reported - window <= a.last_reported
    )


def distance(a: Span, b: Span) -> int:
    """How far apart two matching spans are, to pick the closest of several events."""
    if a.date is not None and b.date is not None:
        return abs((a.date - b.date).days)
    return abs((a.first_reported - b.first_reported).days)


@dataclass(frozen=True, slots=True)
class MentionData:
    """One stored report: the extractor's event dict and when its article was published."""

    article_id: int
    ordinal: int
    published: date
    record: dict[str, Any]


@dataclass(slots=True)
class FoldedPerson:
    name: str
    side: str
    role: str | None


@dataclass(slots=True)
class Folded:
    kind: str
    visitor_unit: str | None
    host_unit: str | None
    host_region: str | None
    span: Span
    location: str | None
    topic: str | None
    topic_category: str
    confidence: float
    provenance: dict[str, int] = field(default_factory=dict)
    people: list[FoldedPerson] = field(default_factory=list)


def _pick(
    values: Sequence[tuple[Any, int]], rank: Callable[[Any, int], tuple[Any, ...]]
) -> tuple[Any, int | None]:
    """The best non-null (value, article id) by ``rank(value, count)``; earliest wins ties."""
    present = [(value, article) for value, article in values if value not in (None, "")]
    if not present:
        return None, None
    counts = Counter(value for value, _ in present)
    _, best = max(
        enumerate(present),
        key=lambda item: (*rank(item[1][0], counts[item[1][0]]), -item[0]),
    )
    return best


def _consensus(value: Any, count: int) -> tuple[Any, ...]:
    return (count, len(str(value)))


def _longest(value: Any, count: int) -> tuple[Any, ...]:
    return (len(str(value)), count)


def _not_default(default: str) -> Callable[[Any, int], tuple[Any, ...]]:
    return lambda value, count: (value != default, count)


def _side(record: dict[str, Any], side: str, name: str) -> Any:
    return (record.get(side) or {}).get(name)


def fold(mentions: Sequence[MentionData]) -> Folded:
    """The event that ``mentions`` (at least one) report together."""
    if not mentions:
        raise ValueError("fold() needs at least one mention")
    ordered = sorted(mentions, key=lambda m: (m.published, m.article_id, m.ordinal))

    def values(getter: Callable[[dict[str, Any]], Any]) -> list[tuple[Any, int]]:
        return [(getter(m.record), m.article_id) for m in ordered]

    provenance: dict[str, int] = {}

    def choose(name: str, getter: Callable[[dict[str, Any]], Any], rank: Any) -> Any:
        value, article = _pick(values(getter), rank)
        if article is not None:
            provenance[name] = article
        return value

    raw_date = choose("date", lambda r: r.get("date"), _consensus)
    published = [m.published for m in ordered]
    folded = Folded(
        kind=choose("kind", lambda r: r.get("kind"), _not_default(DEFAULT_KIND)) or DEFAULT_KIND,
        visitor_unit=choose("visitor_unit", lambda r: _side(r, "visitor", "unit"), _consensus),
        host_unit=choose("host_unit", lambda r: _side(r, "host", "unit"), _consensus),
        host_region=choose("host_region", lambda r: _side(r, "host", "region"), _consensus),
        span=Span(
            date.fromisoformat(raw_date) if raw_date else None, min(published), max(published)
        ),
        location=choose("location", lambda r: r.get("location"), _consensus),
        topic=choose("topic", lambda r: r.get("topic"), _longest),
        topic_category=choose(
            "topic_category", lambda r: r.get("topic_category"), _not_default(DEFAULT_CATEGORY)
        ) or DEFAULT_CATEGORY,
        confidence=max(float(m.record.get("confidence", 0.5)) for m in ordered),
        provenance=provenance,
    )
    folded.people = _fold_people(ordered)
    return folded


def _fold_people(ordered: Sequence[MentionData]) -> list[FoldedPerson]:
    names: dict[tuple[str, str], str] = {}
    roles: dict[tuple[str, str], list[tuple[Any, int]]] = {}
    for mention in ordered:
        for person in mention.record.get("people") or []:
            name = _SPACES.sub(" ", person.get("name") or "").strip()
            if not name:
                continue
            side = person.get("side") or "other"
            key = (name.casefold(), side)
            names.setdefault(key, name)
            roles.setdefault(key, []).append((person.get("role"), mention.article_id))
    return [
        FoldedPerson(names[key], key[1], _pick(roles[key], _consensus)[0]) for key in names
    ]
