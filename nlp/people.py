"""People of a visit: everyone the article names, the same person once, and for each visit
those who belong to it with their side.

The institution inside a person's role decides the side: the visiting body's people are the
visitors, the host's the hosts; otherwise the sentence's cue ("dipimpin", "diterima",
"didampingi", a party tag) does. Names are found per sentence by ``nlp.sightings``.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from nlp.analysis import ArticleAnalysis
from nlp.drafts import DraftEvent
from nlp.events import side_institution
from nlp.full_names import full_forms
from nlp.mention import Mention
from nlp.records import Person
from nlp.sentence_view import SentenceView
from nlp.sightings import Sighting, sightings_in

SAME_NAME_RATIO = 0.86
PASSIVE_CUES = {"dipimpin", "diketuai", "diterima", "disambut", "dijamu"}
PASSIVE_CUE_DISTANCE = 6  # tokens from the verb to the name ("dipimpin langsung oleh Dr. H.")
SECTION = re.compile(r"(sub ?)?bag(ian)? ", re.IGNORECASE)
COUNCIL_SECRETARY = re.compile(r"\b(sekretaris|sekertaris) dewan\b|\bsekwan\b", re.IGNORECASE)
DELEGATION_ROLE = re.compile(r"\b(ketua|pimpinan|koordinator) (rombongan|tim kunker|delegasi)\b",
                             re.IGNORECASE)
PARTY_LIST_DISTANCE = 3  # sentences between a "Nama (Partai)" list and the visit it belongs to


@dataclass(slots=True)
class Individual:
    name: str
    sightings: list[Sighting] = field(default_factory=list)


# -- people of the article and of each event -------------------------------------------------

def individuals(analysis: ArticleAnalysis) -> list[Individual]:
    """Everyone named in the article, the same person once (short and long forms and small
    spelling differences of a name are merged, the first spelling kept)."""
    people: list[Individual] = []
    for view in analysis.views:
        if view.index < analysis.title_views:
            continue
        for sighting in sightings_in(view):
            person = _same_person(people, sighting.name)
            if person is None:
                people.append(Individual(sighting.name, [sighting]))
            else:
                if len(sighting.name.split()) > len(person.name.split()) and \
                        person.name.split()[0] == sighting.name.split()[0]:
                    person.name = sighting.name
                person.sightings.append(sighting)
    for person in people:
        if len(person.name.split()) == 1:
            person.name = _full_form(analysis, person.name)
    common = _common_words(analysis)
    return [p for p in people if not _not_a_name(p.name, common)]


def _common_words(analysis: ArticleAnalysis) -> set[str]:
    """The words the article writes in lower case: "perlindungan anak", "kali ini"."""
    return {word for view in analysis.views for token, word in zip(view.tokens, view.low,
                                                                   strict=True)
            if token.text == word and word.isalpha()}


def _not_a_name(name: str, common: set[str]) -> bool:
    """A one-word "name" the article also writes in lower case is a word capitalised after
    a role or a comma ("Kasubag Perencanaan, Evaluasi"), not a person."""
    words = name.split()
    return len(words) == 1 and words[0].lower() in common


def _full_form(analysis: ArticleAnalysis, word: str) -> str:
    """The longer form of a one-word name when the article writes exactly one ("Yohanes"
    quoted, "Yohanes Tandirerung" in a caption or a list), else the word itself."""
    forms = {form for view in analysis.views[analysis.title_views:]
             for form in full_forms(view, word)}  # headlines capitalise every word
    return forms.pop() if len(forms) == 1 else word


def _same_person(people: Iterable[Individual], name: str) -> Individual | None:
    words = name.lower().split()
    joined = " ".join(words)
    letters = Counter(joined)
    for person in people:
        other = person.name.lower().split()
        if words == other:
            return person
        shorter, longer = sorted((words, other), key=len)
        if all(w in longer for w in shorter) and (len(shorter) > 1 or shorter[0] in
                                                   (longer[0], longer[-1])):
            return person
        if _similar(joined, letters, " ".join(other)):
            return person
    return None


def _similar(a: str, a_letters: Counter[str], b: str) -> bool:
    """difflib's ratio >= SAME_NAME_RATIO, with its upper bounds (real_quick_ratio,
    quick_ratio) computed first without building a matcher: every pair of the article's
    names is compared, and a full ratio costs a hundred times more."""
    total = len(a) + len(b)
    if 2.0 * min(len(a), len(b)) / total < SAME_NAME_RATIO:
        return False
    if 2.0 * (a_letters & Counter(b)).total() / total < SAME_NAME_RATIO:
        return False
    return difflib.SequenceMatcher(None, a, b).ratio() >= SAME_NAME_RATIO


def event_people(analysis: ArticleAnalysis, draft: DraftEvent) -> list[Person]:
    """The people of one visit: those whose role names the visiting body or the host
    (an organ other than the visiting one is another delegation), and those the reporting
    sentences connect by "dipimpin", "diterima", "didampingi" or a party tag."""
    everyone = analysis.cache.get("people")
    if everyone is None:
        everyone = analysis.cache["people"] = individuals(analysis)
    placed: dict[int, list[tuple[int, str]]] = {}  # sentence -> (position, side) so far
    reported = draft.sentences
    chosen: list[Person] = []
    for person in everyone:
        for sighting in person.sightings:
            side = _sighting_side(sighting, analysis, draft, reported, placed)
            if side is not None:
                placed.setdefault(sighting.sentence, []).append((sighting.position, side))
                role = sighting.role or next((s.role for s in person.sightings if s.role), None)
                chosen.append(Person(person.name, role, side))  # type: ignore[arg-type]
                break
    return chosen


def _sighting_side(sighting: Sighting, analysis: ArticleAnalysis, draft: DraftEvent,
                   reported: list[int], placed: dict[int, list[tuple[int, str]]]
                   ) -> str | None:
    """``reported``: the sentences that report the visit (``draft.sentences``)."""
    if sighting.group is not None and _other_visit_told(sighting.sentence, draft, analysis):
        return None
    institution = sighting.office
    if institution is None and sighting.mention is not None:
        institution = side_institution(sighting.mention, analysis)
        if sighting.mention.generic:
            institution = _region_written(sighting.role, draft) or institution
    if institution is not None and SECTION.match(institution):
        institution = None  # "Kepala Bagian Persidangan": a section of a body, not a body
    if institution is not None:
        if institution == draft.visitor.institution:
            unit = sighting.mention.unit if sighting.mention is not None else None
            if unit and draft.visitor.unit and _other_trip(unit, draft, analysis):
                return None  # a member of another organ's trip
            return "visitor"
        if institution == draft.host.institution or _local_to_host(sighting, draft, reported):
            return "host"
        return None
    organ_side = _side_by_organ(sighting.role, draft) or _council_secretary_side(sighting, draft)
    if organ_side is not None:
        return organ_side
    if sighting.role and DELEGATION_ROLE.search(sighting.role):
        return "visitor"  # "Ketua rombongan", "Ketua Tim Kunker": who leads the delegation
    if sighting.cue == "accompanying" or sighting.role:
        # "didampingi X" or a role naming no body in a list ("..., anggota Budi"): the side
        # of the person named before it in the sentence
        before = [side for position, side in placed.get(sighting.sentence, [])
                  if position < sighting.position]
        if before or sighting.cue == "accompanying":
            return before[-1] if before else None
    near = any(abs(sighting.sentence - s) <= PARTY_LIST_DISTANCE for s in reported)
    if sighting.sentence in reported or (sighting.cue == "party" and near):
        if sighting.cue == "received":
            return "host"
        if sighting.cue in ("leading", "party"):
            return "visitor"
    if sighting.group is not None and sighting.mention is None:
        # "dihadiri sejumlah Anggota Dewan diantaranya A, B" after the host is named
        mention = _mention_before(analysis, sighting.sentence, sighting.group)
        if mention is not None:
            side = _side_of(mention, draft, analysis)
        else:  # the visitor named after the list (a host there is most often where the
            # group went: "A, B dan C mengunjungi DPRD X"), else the sentence before
            side = _side_named(analysis.views[sighting.sentence], draft, analysis)
            side = side if side == "visitor" else None
            if side is None and sighting.sentence > analysis.title_views:
                side = _side_named(analysis.views[sighting.sentence - 1], draft, analysis)
        if side is not None:
            return side
    if sighting.role and sighting.mention is None and sighting.sentence in reported:
        # "Komisi I DPRD X yang terdiri ketua A, anggota B": a role naming no body, in a
        # sentence reporting the visit, belongs to the body named before it
        side = _side_of(_mention_before(analysis, sighting.sentence, sighting.position),
                        draft, analysis)
        if side is not None:
            return side
    subject = _passive_subject(sighting, analysis)
    if sighting.cue in ("leading", "received") and subject is not None and \
            side_institution(subject, analysis) == draft.visitor.institution and \
            _organ_fits(subject, analysis.views[sighting.sentence].mentions, draft, analysis):
        # "Rombongan Komisi A DPRD X dipimpin Budi" / "... DPRD X diterima Ani" in a
        # sentence that does not itself report the visit
        return "visitor" if sighting.cue == "leading" else "host"
    return None


def _organ_fits(subject: Mention, sentence: list[Mention], draft: DraftEvent,
                analysis: ArticleAnalysis) -> bool:
    """The organ led or received is the visiting one, or the only one travelling; in a
    sentence sharing the trip among organs ("Komisi I dipimpin A, Komisi II dipimpin B")
    only the draft's own organ fits, unless no organ is the visitor (the whole council)."""
    if not subject.unit or draft.visitor.unit is None:
        return True  # the whole council travels: each organ's leader with it
    organs = {m.unit for m in sentence if m.unit and m.kind == "legislature"}
    if len(organs) > 1:
        return _same_organ(subject.unit, draft.visitor.unit)
    return not _other_trip(subject.unit, draft, analysis)


def _region_written(role: str | None, draft: DraftEvent) -> str | None:
    """The institution of the one side whose region the role writes after a bare organ
    ("Ketua Komisi II Tarakan" on a visit to DPRD Kota Tarakan)."""
    sides = [side.institution for side in (draft.visitor, draft.host)
             if role and side.region is not None and side.institution and
             re.search(rf"(?<!\w){re.escape(side.region.name.lower())}(?!\w)", role.lower())]
    return sides[0] if len(sides) == 1 else None


def _local_to_host(sighting: Sighting, draft: DraftEvent, reported: list[int]) -> bool:
    """A government, legislature or agency of the host's region or a region inside it,
    named near the visit ("Wakil Ketua DPRD Kaltara" and "Walikota Tarakan" welcoming a
    delegation to the Kaltara provincial government; "Kepala Bappeda X" or "Kadis
    Pertanian X" beside the regent of X who receives it): the host's side."""
    mention, host = sighting.mention, draft.host.region
    if mention is None or mention.region is None or host is None or \
            mention.kind not in ("legislature", "executive", "organisation") or \
            draft.host.kind not in ("legislature", "executive"):
        return False
    code = mention.region.code
    inside = code == host.code or code.startswith(host.code + ".")
    near = any(abs(sighting.sentence - s) <= 1 for s in reported)
    return inside and near and draft.visitor.region != mention.region


def _other_visit_told(sentence: int, draft: DraftEvent, analysis: ArticleAnalysis) -> bool:
    """True when the sentence names the host of another visit of the same visitor and not
    this one's ("the other group, made of A, B and C, went to Y"): its members are that
    trip's."""
    view = analysis.views[sentence]
    named = [(side_institution(m, analysis), m.region) for m in view.mentions]

    def hosts(other: DraftEvent) -> bool:
        host = other.host
        return any((host.institution is not None and institution == host.institution) or
                   (host.institution is None and region is not None and region == host.region)
                   for institution, region in named)

    return not hosts(draft) and any(
        hosts(other) for other in analysis.drafts
        if other is not draft and other.visitor.institution == draft.visitor.institution)


def _side_named(view: SentenceView, draft: DraftEvent, analysis: ArticleAnalysis
                ) -> str | None:
    """The side a sentence names, the visitor when it names both: the members listed in
    the sentence after it are most often the delegation's ("Pemprov X menerima kunjungan
    Komisi IX DPR RI. Anggota yang hadir A, B, C")."""
    sides = {_side_of(m, draft, analysis) for m in view.mentions if m.kind != "place"}
    return "visitor" if "visitor" in sides else ("host" if "host" in sides else None)


def _mention_before(analysis: ArticleAnalysis, sentence: int, token: int) -> Mention | None:
    """The body (not a place) named last before ``token`` in the sentence."""
    view = analysis.views[sentence]
    before = [view.mentions[k] for k, (first, _) in enumerate(view.spans)
              if first < token and view.mentions[k].kind != "place"]
    return before[-1] if before else None


def _side_of(mention: Mention | None, draft: DraftEvent, analysis: ArticleAnalysis
             ) -> str | None:
    institution = side_institution(mention, analysis) if mention is not None else None
    if institution is None:
        return None
    if institution == draft.visitor.institution:
        return "visitor"
    return "host" if institution == draft.host.institution else None


def _passive_subject(sighting: Sighting, analysis: ArticleAnalysis) -> Mention | None:
    """The body named last before a passive cue verb ("dipimpin", "diterima") that the
    name follows: the body led or received (places left out). None after an active verb
    ("DPRD X menerima Y": Y came to X)."""
    view = analysis.views[sighting.sentence]
    verbs = [k for k in range(max(0, sighting.position - PASSIVE_CUE_DISTANCE),
                              sighting.position) if view.low[k] in PASSIVE_CUES]
    return _mention_before(analysis, sighting.sentence, verbs[-1]) if verbs else None


def _side_by_organ(role: str | None, draft: DraftEvent) -> str | None:
    """The side whose organ the role names when it names no institution ("Wakil Ketua
    Komisi II" on a visit of Komisi II); None when both sides have that organ."""
    if not role:
        return None
    sides = [side for side, unit in (("visitor", draft.visitor.unit), ("host", draft.host.unit))
             if unit and re.search(rf"(?<!\w){re.escape(unit.lower())}(?!\w)", role.lower())]
    return sides[0] if len(sides) == 1 else None


def _council_secretary_side(sighting: Sighting, draft: DraftEvent) -> str | None:
    """The side whose legislature a council's secretary serves ("Sekretaris Dewan Provinsi
    X", "Sekwan X": the head of the DPRD's secretariat, written without "DPRD"): the
    legislature of the region the role names, else the only legislature of the visit."""
    if not sighting.role or not COUNCIL_SECRETARY.search(sighting.role):
        return None
    sides = [(name, side) for name, side in (("visitor", draft.visitor), ("host", draft.host))
             if side.kind == "legislature"]
    place = sighting.mention.region if sighting.mention is not None else None
    if place is not None:
        sides = [(name, side) for name, side in sides if side.region == place]
    return sides[0][0] if len(sides) == 1 else None


def _other_trip(unit: str, draft: DraftEvent, analysis: ArticleAnalysis) -> bool:
    """True when ``unit`` (the organ in a person's role) is not the travelling organ and
    the article tells of several organs' trips; when one organ travels, a member of another
    (a secretariat's staff, a commission's member in the budget board's delegation) belongs
    to its delegation."""
    if _same_organ(unit, draft.visitor.unit):
        return False
    organs = {d.visitor.unit for d in analysis.drafts
              if d.visitor.institution == draft.visitor.institution}
    return len(organs) > 1  # several organs travel: each its own members


def _same_organ(a: str | None, b: str | None) -> bool:
    """"Pansus" and "Pansus 10" are the same organ written shorter."""
    if not a or not b:
        return False
    a, b = a.lower(), b.lower()
    return a == b or a.startswith(b + " ") or b.startswith(a + " ")
