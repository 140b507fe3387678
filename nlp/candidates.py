"""Candidate visits: every (visitor, host) pair that the article's named institutions and
places allow, for the learned decision (``nlp.decision``) to weigh.

An entity is one institution or place of the article with all the places it is named (an
organ written without its body counts for the article's legislature, a town for its
regency, "DPRD setempat" / "pemerintah setempat" for the body of each place its sentence
names). A pair is a candidate when what is certain allows it: the visitor is not a place,
the two differ, one of them is a legislative body, a place host does not contain the
visitor's own region (a body does not visit its own territory), a government does not
visit its own region's legislature (it does business there; a union or school of that
region does visit it), and the three national legislatures do not visit each other.
Everything else that the word-order rules used to decide (``nlp.events``) is now evidence
the model weighs; the rules' own draft of the pair, when they made one, is kept for its
frames.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from nlp.analysis import ArticleAnalysis
from nlp.canonical import NATIONAL_LEGISLATURES, resolver
from nlp.drafts import DraftEvent, Side
from nlp.events import side_of
from nlp.gazetteer import gazetteer
from nlp.mention import Mention

LEGISLATURE = "legislature"
PLACE = "place"
GOVERNMENT_KINDS = ("executive", "ministry")
LOCAL_LEVELS = ("provinsi", "kabupaten", "kota")
RECEIVING_ROLES = ("receive", "received")  # visit words whose subject or agent is the host


@dataclass(slots=True)
class Occurrence:
    """One place an entity is named: the sentence (view index) and its token range."""

    sentence: int
    first: int
    last: int
    mention: Mention


@dataclass(slots=True)
class Entity:
    side: Side  # as first named; ``units`` counts the organs it was named with
    occurrences: list[Occurrence] = field(default_factory=list)
    units: Counter[str] = field(default_factory=Counter)

    @property
    def key(self) -> str:
        return self.side.key

    @property
    def kind(self) -> str:
        return self.side.kind

    @property
    def sentences(self) -> set[int]:
        return {o.sentence for o in self.occurrences}

    @property
    def where(self) -> str | None:
        """The region code it stands in: its own region, else where it is said to be."""
        region = self.side.region or self.side.mention.located_in
        return region.code if region is not None else None


@dataclass(slots=True)
class Candidate:
    visitor: Entity
    host: Entity
    draft: DraftEvent | None  # the word-order rules' draft of this pair, when they made one

    @property
    def key(self) -> tuple[str, str]:
        return self.visitor.key, self.host.key


def find_entities(analysis: ArticleAnalysis) -> dict[str, Entity]:
    """The article's entities by key, in the order they are first named."""
    home = analysis.cache["home"]
    travelling = _travelling_organs(analysis)
    entities: dict[str, Entity] = {}
    for view in analysis.views:
        for index, mention in enumerate(view.mentions):
            mention = travelling.get((view.index, mention.start), mention)
            sides = _local_sides(mention, view.mentions) if mention.local \
                else [side_of(mention, home)]
            for side in sides:
                if side is None:
                    continue
                entity = entities.get(side.key)
                if entity is None:
                    entity = entities[side.key] = Entity(side)
                elif entity.side.region is None and side.region is not None:
                    entity.side.region = side.region
                first, last = view.spans[index]
                entity.occurrences.append(Occurrence(view.index, first, last, mention))
                if side.unit:
                    entity.units[side.unit] += 1
    return entities


def _local_sides(mention: Mention, sentence: list[Mention]) -> list[Side]:
    """"ke DPRD kota setempat yakni Tegal dan Pekalongan", "bertemu pemerintah setempat ...
    ke Kotim": the legislature or government of each place the same sentence names, at the
    level the mention wrote when that place has one."""
    names = resolver()
    sides: list[Side] = []
    for place in sentence:
        if place.kind != PLACE or place.region is None:
            continue
        region = next((r for r in place.candidates if r.type == mention.level), place.region)
        region = gazetteer().regency_of(region)
        if region.type not in LOCAL_LEVELS:
            continue
        institution = names.legislature_name(region) if mention.kind == LEGISLATURE \
            else names.government_name(region)
        if institution:
            sides.append(Side(institution, mention.unit or mention.role_unit, region,
                              mention.kind, mention))
    return sides


def _travelling_organs(analysis: ArticleAnalysis) -> dict[tuple[int, int], Mention]:
    """Organs written without their body that the rules read as the travelling body's
    ("Komisi E bertolak ke Makassar" after "DPRD Jawa Timur ..."), by sentence and start,
    where the body the article names with that organ is the host of the same sentence
    ("... dan diterima Komisi E DPRD Sulawesi Selatan")."""
    home = analysis.cache["home"]
    found: dict[tuple[int, int], Mention] = {}
    for frame in analysis.cache.get("frames", []):
        hosts = {side.key for side in (side_of(m, home) for m in frame.hosts) if side}
        for mention in frame.visitors:
            if mention.kind != LEGISLATURE or not mention.unit or mention.region is None:
                continue
            original = next((m for m in analysis.views[frame.sentence].mentions
                             if m.start == mention.start), None)
            by_home = side_of(original, home) if original is not None else None
            if by_home is not None and by_home.key in hosts:
                found.setdefault((frame.sentence, mention.start), mention)
    return found


def find_candidates(analysis: ArticleAnalysis) -> list[Candidate]:
    """Every pair the article allows (see the module's docstring), visitors in article order."""
    entities = analysis.cache.get("entities")
    if entities is None:
        entities = analysis.cache["entities"] = find_entities(analysis)
    drafts = {draft.key: draft for draft in analysis.rule_drafts}
    named = [e for e in entities.values() if not _headline_only_organisation(
        e, analysis.title_views)]
    return [Candidate(visitor, host, drafts.get((visitor.key, host.key)))
            for visitor, host in _allowed_pairs(named)]


def received_by_legislature(candidate: Candidate) -> bool:
    """Whether the word-order rules read the pair as a legislature receiving the visitor
    ("Ketua DPRD X menerima kunjungan ...", "Rombongan diterima Komisi A DPRD X"): a body
    receiving a delegation acts as such, whoever the delegation is."""
    return candidate.draft is not None and candidate.host.kind == LEGISLATURE and any(
        frame.trigger.role in RECEIVING_ROLES for frame in candidate.draft.frames)


def _headline_only_organisation(entity: Entity, title_views: int) -> bool:
    """An organisation named in the headline alone: a headline capitalises every word, so
    "Tinjau Pabrik Semen" reads like a name where the body says what was visited ("pabrik PT
    X"). In train.jsonl all 10 candidates with such a side were no visit."""
    return entity.kind == "organisation" and all(
        o.sentence < title_views for o in entity.occurrences)


def _allowed_pairs(entities: list[Entity]) -> Iterator[tuple[Entity, Entity]]:
    for visitor in entities:
        if visitor.kind == PLACE:
            continue
        for host in entities:
            if host is visitor or LEGISLATURE not in (visitor.kind, host.kind):
                continue
            if host.kind == PLACE and _own_territory(visitor.side, host.side):
                continue
            if _own_government(visitor.side, host.side) or _one_parliament(visitor.side,
                                                                           host.side):
                continue
            yield visitor, host


def _one_parliament(visitor: Side, host: Side) -> bool:
    """DPR RI, DPD RI and MPR RI sit in one parliament in Jakarta: named together they hold
    a joint sitting or share a statement, they do not visit each other (no gold event of
    train.jsonl or dev.jsonl has one visiting another)."""
    return (visitor.institution in NATIONAL_LEGISLATURES
            and host.institution in NATIONAL_LEGISLATURES)


def _own_government(visitor: Side, host: Side) -> bool:
    """A regent, mayor or office coming to its own region's legislature does business there
    (hearings, draft budgets), it does not visit it."""
    return (visitor.kind in GOVERNMENT_KINDS and host.kind == LEGISLATURE
            and visitor.region is not None and host.region is not None
            and visitor.region.code == host.region.code)


def _own_territory(visitor: Side, place: Side) -> bool:
    """The place is the visitor's own province or contains its region ("DPRD Kabupaten X"
    and "Provinsi Y" around it); a regency body inspecting places inside its regency does
    visit them, so a narrower place is allowed."""
    if visitor.region is None or place.region is None:
        return False
    own, code = visitor.region.code, place.region.code
    return own.startswith(code + ".") or (own == code and visitor.region.type == "provinsi")
