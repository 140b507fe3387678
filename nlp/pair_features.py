"""What the learned decision knows about a candidate visit: named, mostly binary features.

Pure functions of the analysis (no model, no I/O), so training and extraction see exactly the
same thing. Families, by name prefix:
- ``v:``/``h:`` kind and level of the visitor and the host, and how their regions relate
  (``geo:``);
- ``rule:`` what the word-order rules (``nlp.frames``/``nlp.events``) said of this pair, of
  the reverse pair, and of each side alone;
- ``vw:``/``hw:`` words around each side's mentions, ``vt:``/``ht:`` visit words before or
  after them;
- ``pair:`` how close the two are (same sentence, words between them, sentence distance).
Nothing counts the article as a whole (its visit sentences, its named bodies): such counts
made a short report's clear visit look unsure, and cross-validation scored the same without
them (event F1 0.641 vs 0.636).
Counts are squashed to [0, 1] so that no single article dominates.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from nlp.analysis import ArticleAnalysis
from nlp.candidates import Candidate, Entity, Occurrence
from nlp.canonical import NATIONAL_LEGISLATURES
from nlp.coordination import list_head
from nlp.drafts import Side
from nlp.events import side_of
from nlp.frames import Frame
from nlp.gazetteer import within
from nlp.organisation_names import organisation_head
from nlp.triggers import is_recess_with_constituents, is_virtual

# Bump when a feature is added, removed or computed differently: a model made for other
# features then refuses to load and asks to be retrained.
FEATURES_VERSION = 6
WORDS_BEFORE = 3  # context words read before each mention
WORDS_AFTER = 2
NEAR_TRIGGER = 3  # a visit word this many tokens from a mention is "near" it
MAX_SENTENCE_DISTANCE = 3
# Words between the two sides of a pair in their closest sentence that carry the relation.
BETWEEN_WORDS = frozenset({
    "ke", "di", "dari", "oleh", "dengan", "bersama", "kepada", "menuju", "dan", ",",
    "rombongan", "kunjungan", "kerja", "studi", "banding", "menerima", "diterima",
    "disambut", "menyambut", "mengunjungi", "dikunjungi", "berkunjung", "melakukan",
    "mendatangi", "ketua", "anggota", "wakil", "kepala", "mengatakan", "kata", "ujar", "yang",
    "untuk", "terkait", "konsultasi", "audiensi", "meninjau", "sidak", "jajaran", "pimpinan",
    "sekretariat", "kantor", "gedung", "ruang", "aula", "para", "tamu", "kedatangan",
    "bertemu", "pertemuan", "rapat", "saat", "dalam", "usai", "menggelar", "menghadiri",
    "hadir", "setempat", "asal", "tim", "delegasi", "dprd", "juga", "serta",
})


# Words standing for a delegation named elsewhere ("rombongan juga mengunjungi ...").
ANAPHORS = frozenset({"rombongan", "mereka", "delegasi", "pihaknya", "kami", "kita", "tim",
                      "para", "dewan", "legislator", "wakil"})
# Prepositions that say what a name is to the verb before it.
MARKERS = frozenset({"ke", "di", "dari", "oleh", "kepada", "dengan", "menuju", "bersama"})
SIGNATURE_WINDOW = 6  # visit words this far outside the pair still join its signature
MAX_SIGNATURE = 6


@dataclass(slots=True)
class ArticleFacts:
    """Per-article facts every candidate of the article shares, computed once."""

    visitor_frames: Counter[str]  # entity key -> frames that name it as visitor
    host_frames: Counter[str]
    pair_frames: Counter[tuple[str, str]]
    top_legislature: str | None
    top_visitor: str | None  # the entity most often a visitor in the rules' frames
    # visitor key -> the hosts of its candidates, with whether the rules drafted the pair
    hosts_of: dict[str, list[tuple[Entity, bool]]] = field(default_factory=dict)
    # (entity key, prefix) -> its ``_side_context`` features: an entity stands in many pairs
    sides: dict[tuple[str, str], dict[str, float]] = field(default_factory=dict)


def article_facts(analysis: ArticleAnalysis, entities: dict[str, Entity],
                  candidates: list[Candidate] | None = None) -> ArticleFacts:
    home = analysis.cache["home"]
    frames: list[Frame] = analysis.cache.get("frames", [])
    visitor_frames: Counter[str] = Counter()
    host_frames: Counter[str] = Counter()
    pair_frames: Counter[tuple[str, str]] = Counter()
    for frame in frames:
        visitors = _keys(frame.visitors, home)
        hosts = _keys(frame.hosts, home)
        visitor_frames.update(visitors)
        host_frames.update(hosts)
        pair_frames.update((v, h) for v in visitors for h in hosts)
    legislatures = Counter({e.key: len(e.occurrences) for e in entities.values()
                            if e.kind == "legislature"})
    top = legislatures.most_common(1)[0][0] if legislatures else None
    # ties go to the entity named first (a Counter filled from sets would break them by
    # hash order, which changes from one process to the next)
    named = [key for key in entities if visitor_frames[key]]
    top_visitor = max(named, key=lambda key: visitor_frames[key]) if named else None
    hosts_of: dict[str, list[tuple[Entity, bool]]] = {}
    for candidate in candidates or []:
        hosts_of.setdefault(candidate.visitor.key, []).append(
            (candidate.host, candidate.draft is not None))
    return ArticleFacts(visitor_frames, host_frames, pair_frames, top, top_visitor, hosts_of)


def _keys(mentions: list, home: dict) -> set[str]:  # type: ignore[type-arg]
    sides = (side_of(m, home) for m in mentions)
    return {s.key for s in sides if s is not None}


def pair_features(analysis: ArticleAnalysis, candidate: Candidate, facts: ArticleFacts
                  ) -> dict[str, float]:
    features: dict[str, float] = {}
    visitor, host = candidate.visitor, candidate.host
    towns = host.kind == "place" and any(
        o.mention.region is not None and o.mention.region.type == "kecamatan"
        for o in host.occurrences)
    _kinds(visitor.side, host.side, features, towns)
    _rules(candidate, facts, features)
    for entity, prefix in ((visitor, "v"), (host, "h")):
        side = facts.sides.get((entity.key, prefix))
        if side is None:
            side = facts.sides[(entity.key, prefix)] = {}
            _side_context(analysis, entity, prefix, side)
        features.update(side)
    _entity_stats(analysis, visitor, host, facts, features)
    _closeness(analysis, visitor, host, features)
    _nested_hosts(visitor, host, facts, features)
    return features


def _nested_hosts(visitor: Entity, host: Entity, facts: ArticleFacts,
                  features: dict[str, float]) -> None:
    """A place visited and a body inside it that the same delegation visited: the gold
    names the body ("Komisi V DPR RI ke Provinsi Bali ... diterima Gubernur Bali"), and a
    body named inside a place visited is one stop of that trip."""
    here = host.where
    if here is None:
        return
    for other, drafted in facts.hosts_of.get(visitor.key, []):
        there = other.where
        if other is host or there is None:
            continue
        if host.kind == "place" and other.kind != "place" and \
                within(there, here):
            features["h:holds_other_host"] = 1
            if drafted:
                features["h:holds_drafted_host"] = 1
        elif host.kind != "place" and other.kind == "place" and \
                within(here, there):
            features["h:inside_other_place"] = 1
            if drafted:
                features["h:inside_drafted_place"] = 1


def _squash(count: int, cap: int) -> float:
    return min(count, cap) / cap


def level(side: Side) -> str:
    if side.institution in NATIONAL_LEGISLATURES:
        return "national"
    return side.region.type if side.region is not None else "none"


def _kinds(visitor: Side, host: Side, features: dict[str, float], towns: bool = False
           ) -> None:
    """``towns``: the host place is named (also) by a town or district inside its region."""
    v_level, h_level = level(visitor), level(host)
    features[f"v:kind={visitor.kind}"] = 1
    features[f"h:kind={host.kind}"] = 1
    features[f"v:kind_h:kind={visitor.kind}_{host.kind}"] = 1
    for prefix, side in (("v", visitor), ("h", host)):
        if side.kind == "organisation" and side.institution:
            # what sort of body: a hospital or a school is toured, an airport is where a
            # delegation lands, a union or a students' alliance comes to a DPRD
            head = organisation_head(side.institution)
            if head:
                features[f"{prefix}:head={head}"] = 1
    features[f"v:level={v_level}"] = 1
    features[f"h:level={h_level}"] = 1
    features[f"v:level_h:level={v_level}_{h_level}"] = 1
    if visitor.region is None or host.region is None:
        features["geo:unknown"] = 1
        return
    own, other = visitor.region.code, host.region.code
    if own == other:
        relation = "same"
    elif other.startswith(own + "."):
        relation = "host_inside"
    elif own.startswith(other + "."):
        relation = "visitor_inside"
    elif own.split(".")[0] == other.split(".")[0]:
        relation = "same_province"
    else:
        relation = "elsewhere"
    features[f"geo:{relation}"] = 1
    if towns:
        features[f"geo:{relation}+town"] = 1
    if "negara" in (visitor.region.type, host.region.type):
        features["geo:abroad"] = 1


def _rules(candidate: Candidate, facts: ArticleFacts, features: dict[str, float]) -> None:
    v, h = candidate.key
    draft = candidate.draft
    if draft is not None:
        features["rule:draft"] = 1
        features["rule:draft_frames"] = _squash(len(draft.frames), 4)
        for frame in draft.frames:
            features[f"rule:role={frame.trigger.role}"] = 1
            if frame.hosts_borrowed:
                features["rule:host_borrowed"] = 1
            if frame.syntax:
                features[f"rule:syntax={frame.syntax}"] = 1
    features["rule:pair_frames"] = _squash(facts.pair_frames[(v, h)], 3)
    features["rule:reverse_frames"] = _squash(facts.pair_frames[(h, v)], 3)
    features["rule:visitor_frames"] = _squash(facts.visitor_frames[v], 5)
    features["rule:host_frames"] = _squash(facts.host_frames[h], 5)
    features["rule:visitor_as_host"] = _squash(facts.host_frames[v], 5)
    features["rule:host_as_visitor"] = _squash(facts.visitor_frames[h], 5)
    if not facts.visitor_frames[v]:
        features["rule:never_visitor"] = 1
    if not facts.host_frames[h]:
        features["rule:never_host"] = 1


def _side_context(analysis: ArticleAnalysis, entity: Entity, prefix: str,
                  features: dict[str, float]) -> None:
    """Words and visit words around every mention of one side (present or not)."""
    seen: set[str] = set()
    trigger_sentences = 0
    for occurrence in entity.occurrences:
        view = analysis.views[occurrence.sentence]
        low = view.low
        if view.triggers:
            trigger_sentences += 1
        for distance in range(1, WORDS_BEFORE + 1):
            k = occurrence.first - distance
            if k >= 0 and low[k].isalpha():
                seen.add(f"{prefix}w:-{distance}={low[k]}")
        for distance in range(WORDS_AFTER):
            k = occurrence.last + distance
            if k < len(low) and low[k].isalpha():
                seen.add(f"{prefix}w:+{distance + 1}={low[k]}")
        head = list_head(view, occurrence.first)
        if head is not None:
            seen.add(f"{prefix}:in_list")
            for distance in range(1, WORDS_BEFORE + 1):
                k = head - distance
                if k >= 0 and low[k].isalpha():
                    seen.add(f"{prefix}l:-{distance}={low[k]}")
        if not ANAPHORS.isdisjoint(low[:occurrence.first]):
            seen.add(f"{prefix}:anaphor_before")
        for trigger in view.triggers:
            if trigger.last <= occurrence.first:
                near = occurrence.first - trigger.last <= NEAR_TRIGGER
                seen.add(f"{prefix}t:before={trigger.role}" + ("_near" if near else ""))
            elif trigger.first >= occurrence.last:
                near = trigger.first - occurrence.last <= NEAR_TRIGGER
                seen.add(f"{prefix}t:after={trigger.role}" + ("_near" if near else ""))
        if occurrence.sentence < analysis.title_views:
            seen.add(f"{prefix}:in_title")
    for name in seen:
        features[name] = 1
    features[f"{prefix}:trigger_sentences"] = _squash(trigger_sentences, 4)


def _entity_stats(analysis: ArticleAnalysis, visitor: Entity, host: Entity,
                  facts: ArticleFacts, features: dict[str, float]) -> None:
    for prefix, entity in (("v", visitor), ("h", host)):
        features[f"{prefix}:mentions"] = _squash(len(entity.occurrences), 8)
        first = min(o.sentence for o in entity.occurrences) - analysis.title_views
        features[f"{prefix}:first_sentence"] = _squash(max(first, 0), 10)
        if first <= 0:
            features[f"{prefix}:in_lead"] = 1
        if entity.key == facts.top_legislature:
            features[f"{prefix}:top_legislature"] = 1
        if entity.key == facts.top_visitor:
            features[f"{prefix}:top_visitor"] = 1


def _closeness(analysis: ArticleAnalysis, visitor: Entity, host: Entity,
               features: dict[str, float]) -> None:
    distance = min(abs(a.sentence - b.sentence) for a in visitor.occurrences
                   for b in host.occurrences)
    features[f"pair:sentence_distance={min(distance, MAX_SENTENCE_DISTANCE)}"] = 1
    shared = visitor.sentences & host.sentences
    features["pair:shared_sentences"] = _squash(len(shared), 4)
    best = _closest_pair(analysis, visitor, host, shared)
    if best is None:
        return
    near_visitor, near_host = best
    view = analysis.views[near_visitor.sentence]
    low = view.low
    visitor_first = near_visitor.first < near_host.first
    start, end = ((near_visitor.last, near_host.first) if visitor_first
                  else (near_host.last, near_visitor.first))
    features["pair:visitor_first"] = 1 if visitor_first else 0
    features["pair:words_between"] = _squash(max(end - start, 0), 30)
    for word in set(low[start:end]) & BETWEEN_WORDS:
        features[f"pair:between={word}"] = 1
    for trigger in view.triggers:
        if start <= trigger.first < end:
            place = "between"
        elif trigger.first < min(near_visitor.first, near_host.first):
            place = "before"
        else:
            place = "after"
        features[f"pair:trigger_{place}={trigger.role}"] = 1
        if trigger.kind:
            features[f"pair:trigger_kind={trigger.kind}"] = 1
    features["pair:signature=" + _signature(view, near_visitor, near_host)] = 1
    if near_visitor.sentence < analysis.title_views:
        features["pair:in_title"] = 1
    if is_virtual(low):
        features["pair:virtual"] = 1
    if is_recess_with_constituents(low):
        features["pair:recess"] = 1
    if "“" in low or '"' in low:
        features["pair:quoted"] = 1


def _signature(view, visitor: Occurrence, host: Occurrence) -> str:  # type: ignore[no-untyped-def]
    """The order of the two sides and the visit words around them, each side with the
    preposition before it: "V go ke:H", "H receive V", "noun V ke:H"."""
    low = view.low
    start = min(visitor.first, host.first) - SIGNATURE_WINDOW
    end = max(visitor.last, host.last) + SIGNATURE_WINDOW
    items = []
    for name, occurrence in (("V", visitor), ("H", host)):
        marker = low[occurrence.first - 1] if occurrence.first > 0 else ""
        items.append((occurrence.first, f"{marker}:{name}" if marker in MARKERS else name))
    items.extend((t.first, t.role) for t in view.triggers if start <= t.first < end)
    return " ".join(symbol for _, symbol in sorted(items)[:MAX_SIGNATURE])


def _closest_pair(analysis: ArticleAnalysis, visitor: Entity, host: Entity,
                  shared: set[int]) -> tuple[Occurrence, Occurrence] | None:
    """The two mentions of the pair that sit closest in one sentence, preferring a sentence
    with a visit word."""
    best: tuple[tuple[int, int], Occurrence, Occurrence] | None = None
    for a in visitor.occurrences:
        if a.sentence not in shared:
            continue
        has_trigger = bool(analysis.views[a.sentence].triggers)
        for b in host.occurrences:
            if b.sentence != a.sentence:
                continue
            gap = b.first - a.last if b.first >= a.last else a.first - b.last
            rank = (0 if has_trigger else 1, abs(gap))
            if best is None or rank < best[0]:
                best = (rank, a, b)
    return (best[1], best[2]) if best is not None else None
