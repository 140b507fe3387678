"""From the frames of every sentence to the article's visits: one per visitor-host pair.

A sentence often names only one side ("Rombongan disambut Sekwan DPRD Buol"); the other
comes from the neighbouring sentences or from the article's main visit. Organs written
without their body ("Komisi A melakukan kunker ...") belong to the article's legislature.
A place-only host ("ke Provinsi Jawa Barat") gives way to an institution of that place
visited by the same delegation ("diterima Gubernur Jawa Barat").
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from nlp.analysis import ArticleAnalysis
from nlp.canonical import NATIONAL_LEGISLATURES
from nlp.delegation_lists import listed_delegations
from nlp.drafts import DraftEvent, Side
from nlp.frames import Frame, build_frames
from nlp.gazetteer import gazetteer, region_inside, within
from nlp.mention import Mention
from nlp.organisation_names import is_civic_group
from nlp.sentence_view import SentenceView
from nlp.triggers import is_recess_with_constituents, is_virtual

NEIGHBOUR_SENTENCES = 2  # how far a one-sided frame looks for its other side
CAPITAL_PROVINCE = "31"  # DKI Jakarta


def assemble(views: Sequence[SentenceView], home: dict[str, Mention],
             title_sentences: int = 0, frames_out: list[Frame] | None = None
             ) -> list[DraftEvent]:
    """Visits of an article. ``home`` is ``home_legislature(views)``; ``title_sentences``
    leading views are the headline; every frame found (also those that made no event) is
    appended to ``frames_out`` when given."""
    frames: list[Frame] = [] if frames_out is None else frames_out
    for view in views:
        if is_virtual(view.low):
            continue
        frames.extend(build_frames(view))
    _resolve_bare_organs(frames)
    _fill_one_sided(frames, home, {view.index: listed for view in views
                                   if (listed := listed_delegations(view))})
    drafts: dict[tuple[str, str], DraftEvent] = {}
    for frame in frames:
        for visitor_mention in frame.visitors:
            visitor = side_of(visitor_mention, home)
            if visitor is None or visitor.kind == "place":
                continue
            for host in _hosts(frame, frames, visitor, home):
                if not _valid_pair(visitor, host):
                    continue
                draft = drafts.get((visitor.key, host.key))
                if draft is None:
                    drafts[(visitor.key, host.key)] = draft = DraftEvent(visitor, host)
                _prefer_specific(draft, visitor, host)
                draft.frames.append(frame)
    events = [e for e in without_subsumed_places(list(drafts.values()))
              if not recess_place(e.host.kind, e.sentences, views)]
    body = [e for e in events if any(f.sentence >= title_sentences for f in e.frames)]
    return body if body else events


def _hosts(frame: Frame, frames: list[Frame], visitor: Side, home: dict[str, Mention]
           ) -> list[Side]:
    """The frame's hosts; "DPRD Provinsi setempat" (the local legislature) stands for the
    legislatures of the places this visitor went to."""
    hosts: list[Side] = []
    for mention in frame.hosts:
        if mention.local and mention.legislative:
            for other in frames:
                if not any(side_of(v, home) is not None and side_of(v, home).key == visitor.key
                           for v in other.visitors):
                    continue
                for place in other.hosts:
                    if place.kind == "place" and place.region is not None and \
                            place.region.type not in ("kecamatan", "negara"):
                        hosts.append(Side(gazetteer().legislature_name(place.region),
                                          mention.unit or mention.role_unit, place.region,
                                          "legislature", mention))
            continue
        side = side_of(mention, home)
        if side is not None:
            hosts.append(side)
    return hosts


def side_of(mention: Mention, home: dict[str, Mention]) -> Side | None:
    """The side a mention stands for in this article: organs written without their body are
    the home legislature's, a town is its regency, other names are their institution."""
    if mention.kind == "legislature" and mention.institution is None:
        if mention.local:
            return None
        resolved = _home_for(mention, home)
        if resolved is None:
            return None
        return Side(resolved.institution, mention.unit or mention.role_unit or resolved.unit,
                    resolved.region, "legislature", mention)
    if mention.kind == "place":
        if mention.region is None:
            return None
        region = gazetteer().regency_of(mention.region)
        return Side(None, None, region, "place", mention, place_name=mention.text)
    institution = mention.institution
    if institution is None:
        return None
    # a ministry's office town is not a region it governs (schema: its host region is null),
    # nor is the town a national legislature meets in ("Komisi VI DPR RI di Kupang") or
    # a senator's province ("DPD RI dari Bali") the region of DPR, DPD or MPR
    if institution in NATIONAL_LEGISLATURES:
        region = None
    elif mention.kind == "ministry":
        region = mention.region
    elif mention.region is not None and mention.located_in is not None and not (
            mention.region.code == mention.located_in.code
            or region_inside(mention.region, mention.located_in)
            or region_inside(mention.located_in, mention.region)):
        # "Bendungan Sungai Batang di Kabupaten Merangin": a region word of the name that
        # the place it is said to stand in does not contain or lie in is no region of it
        region = gazetteer().regency_of(mention.located_in)
    else:
        region = mention.region or mention.located_in
    return Side(institution, mention.unit or mention.role_unit, region, mention.kind, mention)


def recess_place(host_kind: str, sentences: Iterable[int], views: Sequence[SentenceView]
                 ) -> bool:
    """A place "visited" in one of ``sentences`` that tells of a recess with the
    constituency ("kunjungan kerja reses ke Kabupaten Klaten untuk menyerap aspirasi
    konstituen"): a member meeting the constituency (schema: not a visit); a body received by
    an institution during the recess ("diterima Gubernur Aceh") still visits. The rules ask
    it of a draft's sentences, the learned decision (``nlp.decision``) of a pair's."""
    return host_kind == "place" and any(
        is_recess_with_constituents(views[i].low) for i in sentences)


def _valid_pair(visitor: Side, host: Side) -> bool:
    if visitor.key == host.key:
        return False
    if visitor.kind != "legislature" and host.kind != "legislature":
        return False  # at least one side is a legislative body
    if visitor.kind != "legislature" and host.region is not None and visitor.region is not None \
            and visitor.region.code == host.region.code and not is_civic_group(visitor.institution):
        # a regent or office coming to its own DPRD does business, not a visit; a group of
        # its citizens (students, a union) received there does visit it
        return False
    if host.kind == "place" and host.region is not None and visitor.region is not None:
        own = visitor.region.code
        place = host.region.code
        # A body does not visit its own province (a kabupaten DPRD inspecting places of its
        # own kabupaten does: "sidak ke pabrik di Kecamatan X").
        if own.startswith(place + ".") or (own == place and visitor.region.type == "provinsi"):
            return False
    return True


def _prefer_specific(draft: DraftEvent, visitor: Side, host: Side) -> None:
    """Keep the most specific value each report of the visit gives."""
    for kept, new in ((draft.visitor, visitor), (draft.host, host)):
        if kept.unit is None and new.unit:
            kept.unit = new.unit
        if kept.region is None and new.region is not None:
            kept.region = new.region
        if kept.mention.located_in is None and new.mention.located_in is not None:
            kept.mention = new.mention


# -- context --------------------------------------------------------------------------------

def home_legislature(views: Sequence[SentenceView]) -> dict[str, Mention]:
    """The article's legislatures by unit: "Komisi A" -> the specific mention that carries
    that unit elsewhere; "" -> the legislature named most often."""
    counts: Counter[str] = Counter()
    by_name: dict[str, Mention] = {}
    by_unit: dict[str, dict[str, Mention]] = {}
    for view in views:
        for mention in view.mentions:
            if mention.kind != "legislature" or mention.institution is None:
                continue
            name = mention.institution
            counts[name] += 1
            by_name.setdefault(name, mention)
            if mention.unit:
                by_unit.setdefault(mention.unit, {}).setdefault(name, mention)
    # "Komisi A" belongs to the one legislature the article names with a Komisi A; when two
    # have one ("Komisi E ... diterima Komisi E DPRD Sulsel"), to the article's own.
    home: dict[str, Mention] = {unit: next(iter(named.values()))
                                for unit, named in by_unit.items() if len(named) == 1}
    if counts:
        home[""] = by_name[counts.most_common(1)[0][0]]
    else:
        fallback = _legislature_of_most_named_place(views)
        if fallback is not None:
            home[""] = fallback
    return home


def _legislature_of_most_named_place(views: Sequence[SentenceView]) -> Mention | None:
    """With "DPRD" never named with its region ("Komisi II DPRD melakukan ..."), the article's
    legislature is that of the kabupaten/kota it names most (written with its level)."""
    counts: Counter[str] = Counter()
    places: dict[str, Mention] = {}
    for view in views:
        for mention in view.mentions:
            region = mention.region
            if region is None or region.type not in ("kabupaten", "kota") or \
                    mention.level not in ("kabupaten", "kota"):
                continue
            counts[region.code] += 1
            places.setdefault(region.code, mention)
    if not counts:
        return None
    (code, top), *rest = [*counts.most_common(2), ("", 0)]
    if rest and rest[0][1] == top:
        return None  # no clear home
    place = places[code]
    legislature = Mention("legislature", place.start, place.end, place.text,
                          candidates=(place.region,), region=place.region)  # type: ignore[arg-type]
    legislature.from_place = True  # only for organs written without their body
    return legislature


def side_institution(mention: Mention, analysis: ArticleAnalysis) -> str | None:
    """The canonical institution a mention stands for in this article (organs written
    without their body resolve to the article's legislature)."""
    side = side_of(mention, analysis.cache["home"])
    return side.institution if side is not None else None


def _home_for(mention: Mention, home: dict[str, Mention]) -> Mention | None:
    if mention.unit and mention.unit in home:
        return home[mention.unit]
    return home.get("")


def _resolve_bare_organs(frames: list[Frame]) -> None:
    """"Komisi B berkunjung ke ...": an organ written without its body, as a visitor, is an
    organ of the body that was travelling in the frames before it."""
    last: Mention | None = None
    for frame in frames:
        resolved = []
        for mention in frame.visitors:
            if mention.kind == "legislature" and mention.generic and last is not None:
                mention = replace(mention, candidates=last.candidates, region=last.region,
                                  national=last.national,
                                  special_legislature=last.special_legislature)
            resolved.append(mention)
        frame.visitors = resolved
        specific = [m for m in resolved if m.kind == "legislature" and not m.generic]
        if specific:
            last = specific[0]


def _fill_one_sided(frames: list[Frame], home: dict[str, Mention],
                    listed: dict[int, list[Mention]]) -> None:
    """Give a frame without visitor (or host) the side of a neighbouring frame that lacks
    the other one, else the delegations a next or previous sentence lists (``listed``,
    by sentence: ``listed_delegations``), else the nearest earlier frame's side of the same
    visit; a visit with no visitor named anywhere near is the article's legislature's
    ("kami ke Kemenkeu")."""
    sentences = [f.sentence for f in frames]  # ascending: frames are built sentence by sentence
    earlier: Frame | None = None  # the last frame before this one with both sides
    for index, frame in enumerate(frames):
        if not (frame.visitors and frame.hosts):
            _fill_frame(frames, index, sentences, earlier, home, listed)
        if frame.visitors and frame.hosts:
            earlier = frame


def _fill_frame(frames: list[Frame], index: int, sentences: list[int], earlier: Frame | None,
                home: dict[str, Mention], listed: dict[int, list[Mention]]) -> None:
    frame = frames[index]
    partner = _partner(frames, index, sentences)
    if partner is not None:
        if not frame.visitors:
            frame.visitors = list(partner.visitors)
        if not frame.hosts:
            frame.hosts = list(partner.hosts)
            frame.hosts_borrowed = True
        return
    if frame.hosts and not frame.visitors:
        hosts = {m.institution for m in frame.hosts}
        for sentence in (frame.sentence + 1, frame.sentence - 1):
            bodies = [m for m in listed.get(sentence, []) if m.institution not in hosts]
            if bodies:
                frame.visitors = bodies  # "DPRD X menerima tiga rombongan. Mereka adalah ..."
                return
    if frame.joining:
        if earlier is not None:
            frame.hosts = list(earlier.hosts)
        return
    if not frame.visitors and earlier is not None:
        frame.visitors = list(earlier.visitors)
    elif not frame.visitors and "" in home and home[""].institution is not None \
            and not home[""].from_place:
        # the body as a whole, not the organ or officer it was named with
        frame.visitors = [replace(home[""], unit=None, role_unit=None)]
    elif not frame.hosts and earlier is not None and _same_visitors(earlier, frame):
        frame.hosts = list(earlier.hosts)
        frame.hosts_borrowed = True


def _partner(frames: list[Frame], index: int, sentences: list[int]) -> Frame | None:
    """The first frame within NEIGHBOUR_SENTENCES that has the side this one lacks, and
    only that side."""
    frame = frames[index]
    wanted_visitor = not frame.visitors
    best = None
    first = bisect_left(sentences, frame.sentence - NEIGHBOUR_SENTENCES)
    last = bisect_right(sentences, frame.sentence + NEIGHBOUR_SENTENCES)
    for other in frames[first:last]:
        if other is frame:
            continue
        if wanted_visitor and other.visitors and not other.hosts and \
                _could_visit(other.visitors, frame.hosts):
            best = best or other
        if not wanted_visitor and other.hosts and not other.visitors and \
                _could_visit(frame.visitors, other.hosts):
            best = best or other
    return best


def _could_visit(visitors: list[Mention], hosts: list[Mention]) -> bool:
    """False when the would-be visitor is the host itself or lies inside the host place."""
    for visitor in visitors:
        for host in hosts:
            if visitor.institution and visitor.institution == host.institution:
                return False
            if visitor.region is not None and host.kind == "place" and host.region is not None \
                    and visitor.region.within(host.region):
                return False
    return True


def _same_visitors(a: Frame, b: Frame) -> bool:
    names_a = {m.institution for m in a.visitors}
    return any(m.institution in names_a for m in b.visitors)


def without_subsumed_places(events: list[DraftEvent]) -> list[DraftEvent]:
    """Drop a place-only host when the same visitor also visited an institution (or a
    narrower place) inside that place."""
    kept = []
    for event in events:
        if event.host.kind == "place" and event.host.region is not None:
            wider = next((other for other in events if _subsumes(other, event)), None)
            if wider is not None:
                wider.frames.extend(event.frames)  # its sentences report the same trip
                continue
        kept.append(event)
    return kept


def _subsumes(other: DraftEvent, event: DraftEvent) -> bool:
    """``other`` (same visitor) went to an institution in ``event``'s place, or to a
    narrower place, or to an institution said to sit in that place."""
    if other is event or other.visitor.key != event.visitor.key:
        return False
    code = event.host.region.code  # type: ignore[union-attr]
    regions = [other.host.region, other.host.mention.located_in]
    for region in regions:
        if region is None:
            continue
        inside = within(region.code, code)
        if region.type == "kecamatan":
            inside = inside or code == region.code.rsplit(".", 1)[0]
        if inside and (other.host.kind != "place" or region.code != code):
            return True
        # "lanjut ke Mamuju ... untuk konsultasi dengan DPRD Sulawesi Barat": a town named in
        # the same sentence as an institution of its province is where that institution is.
        if other.host.kind != "place" and code.startswith(region.code + ".") and \
                set(other.sentences) & set(event.sentences):
            return True
    located = other.host.mention.located_in
    if (located is None and other.host.kind in ("ministry",)) or other.host.institution in \
            NATIONAL_LEGISLATURES:
        located = gazetteer().by_code[CAPITAL_PROVINCE]  # national bodies sit in Jakarta
    return located is not None and (located.code == code or code.startswith(located.code))
