"""A visit as the article-level step drafts it: the two sides (institution, unit, region,
the mention they came from) and the frames that report it, before date, place, people and
topic are read."""

from __future__ import annotations

from dataclasses import dataclass, field

from nlp.frames import Frame
from nlp.gazetteer import Region
from nlp.mention import Mention


@dataclass(slots=True)
class Side:
    institution: str | None
    unit: str | None
    region: Region | None
    kind: str  # mention kind: legislature, executive, ministry, organisation, place
    mention: Mention
    place_name: str | None = None  # for a place-only host: the place as the text names it

    @property
    def key(self) -> str:
        if self.institution:
            return self.institution
        if self.region is not None:
            return "region:" + self.region.code
        return "place:" + (self.place_name or "")


@dataclass(slots=True)
class DraftEvent:
    visitor: Side
    host: Side
    frames: list[Frame] = field(default_factory=list)
    confidence: float | None = None  # the learned decision's probability, when it chose this

    @property
    def sentences(self) -> list[int]:
        return sorted({f.sentence for f in self.frames})

    @property
    def key(self) -> tuple[str, str]:
        return self.visitor.key, self.host.key
