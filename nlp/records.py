"""Typed records that every stage speaks: the article going in, the visit events coming out.

The event shape is the one of ``../shared/eval/SCHEMA.md``; ``to_dict`` gives exactly that JSON
(plus ``evidence`` and ``confidence``), ``Event.from_dict`` reads it back.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

EventKind = Literal["kunjungan_kerja", "studi_banding", "konsultasi", "audiensi"]
Side = Literal["visitor", "host", "other"]

EVENT_KINDS: tuple[str, ...] = ("kunjungan_kerja", "studi_banding", "konsultasi", "audiensi")
TOPIC_CATEGORIES: tuple[str, ...] = (
    "legislasi",
    "anggaran_keuangan",
    "pemerintahan",
    "kelembagaan_dprd",
    "ekonomi",
    "pertanian_pangan",
    "pariwisata_budaya",
    "infrastruktur",
    "kesehatan",
    "pendidikan",
    "sosial_ketenagakerjaan",
    "lingkungan_energi",
    "hukum_keamanan",
    "lainnya",
)


@dataclass(slots=True)
class Article:
    """What extraction reads. ``published`` is the publication date when known."""

    text: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    id: str | None = None


@dataclass(slots=True)
class Party:
    """One side of a visit. ``region`` is only meaningful for the host."""

    institution: str | None
    unit: str | None = None
    region: str | None = None


@dataclass(slots=True)
class Person:
    name: str
    role: str | None
    side: Side


@dataclass(slots=True)
class Evidence:
    """A sentence that supports the event, with character offsets into the article text."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Event:
    kind: EventKind
    visitor: Party
    host: Party
    date: date | None = None
    location: str | None = None
    people: list[Person] = field(default_factory=list)
    topic: str | None = None
    topic_category: str = "lainnya"
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.5

    def to_dict(self) -> dict[str, Any]:
        """The schema's JSON object (dates as ISO strings)."""
        return {
            "kind": self.kind,
            "visitor": {"institution": self.visitor.institution, "unit": self.visitor.unit},
            "host": {
                "institution": self.host.institution,
                "unit": self.host.unit,
                "region": self.host.region,
            },
            "date": self.date.isoformat() if self.date else None,
            "location": self.location,
            "people": [asdict(p) for p in self.people],
            "topic": self.topic,
            "topic_category": self.topic_category,
            "evidence": [asdict(e) for e in self.evidence],
            "confidence": round(self.confidence, 3),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        visitor = data.get("visitor") or {}
        host = data.get("host") or {}
        raw_date = data.get("date")
        return cls(
            kind=data["kind"],
            visitor=Party(visitor.get("institution"), visitor.get("unit")),
            host=Party(host.get("institution"), host.get("unit"), host.get("region")),
            date=date.fromisoformat(raw_date) if raw_date else None,
            location=data.get("location"),
            people=[
                Person(p["name"], p.get("role"), p.get("side", "other"))
                for p in data.get("people") or []
            ],
            topic=data.get("topic"),
            topic_category=data.get("topic_category") or "lainnya",
            evidence=[
                Evidence(e["text"], int(e["start"]), int(e["end"]))
                for e in data.get("evidence") or []
            ],
            confidence=float(data.get("confidence", 0.5)),
        )
