"""People of a visit: their names without titles, their role, and their side.

Reporters introduce people by role ("Wakil Ketua DPRD Kaltim Sigit Wibowo", "Ketua DPRD
Sulbar, Dr. Amalia Aras"), by apposition ("Apriliati, selaku Ketua Pansus"), by party
("Sugiono (Golkar)") and in quote attributions ("kata Hendra"). The institution inside the
role decides the side: the visiting body's people are the visitors, the host's the hosts.
Stanza's NER (when a model is installed) adds PERSON spans the patterns miss.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from nlp.gazetteer import gazetteer, key_of
from nlp.lexicon import lexicon, read_toml
from nlp.records import Person

if TYPE_CHECKING:
    from nlp.events import DraftEvent
    from nlp.extract import ArticleAnalysis
    from nlp.frames import SentenceView
    from nlp.institutions import Mention

MAX_NAME_WORDS = 6
MAX_ROLE_TOKENS = 14
SAME_NAME_RATIO = 0.86
RECEIVING = {"diterima", "disambut", "dijamu", "menerima", "menyambut"}
LEADING = {"dipimpin", "memimpin", "diketuai"}
APPOSITION = {"selaku", "sebagai", "yang"}
PARTY_LIST_DISTANCE = 3  # sentences between a "Nama (Partai)" list and the visit it belongs to
PLACE_WORDS = {"jalan", "jl", "jln", "gedung", "hotel", "kantor", "desa", "kelurahan",
               "kecamatan", "pasar", "kampung", "dusun", "kota", "kabupaten", "provinsi"}
VERBAL_PREFIX = re.compile(r"^(me|di|ber|ter|per)")
NAME_PARTICLES = {"bin", "binti", "van", "de", "dg", "al"}


@dataclass(frozen=True, slots=True)
class PeopleLexicon:
    honorifics: frozenset[str]
    degrees: frozenset[str]
    role_words: frozenset[str]
    speech_verbs: frozenset[str]
    not_names: frozenset[str]
    role_modifiers: frozenset[str]
    role_institutions: dict[str, str]


@lru_cache(maxsize=1)
def people_lexicon() -> PeopleLexicon:
    data = read_toml("people.toml")
    return PeopleLexicon(
        honorifics=frozenset(h.lower().replace(".", "") for h in data["honorifics"]),
        degrees=frozenset(key_of(d) for d in data["degrees"]),
        role_words=frozenset(w.lower() for w in data["role_words"]),
        speech_verbs=frozenset(data["speech_verbs"]),
        not_names=frozenset(w.lower() for w in data["not_names"]),
        role_modifiers=frozenset(data["role_modifiers"]),
        role_institutions={k.lower(): v for k, v in data["role_institutions"].items()},
    )


@dataclass(slots=True)
class Sighting:
    """One person named once: the name, the role words before it, the institution mention
    inside that role, and how the sentence connects them to the visit."""

    name: str
    sentence: int
    role: str | None = None
    mention: Mention | None = None
    cue: str | None = None  # "received", "leading", "party", "accompanying"
    office: str | None = None  # "Polda Metro Jaya" for "Kapolda Metro Jaya"
    position: int = 0  # token index of the name in its sentence


@dataclass(slots=True)
class Individual:
    name: str
    sightings: list[Sighting] = field(default_factory=list)


# -- finding names in a sentence -------------------------------------------------------------

def sightings_in(view: SentenceView) -> list[Sighting]:
    lex = people_lexicon()
    tokens = view.tokens
    low = view.low
    found: list[Sighting] = []
    taken: set[int] = set()

    def add(first: int, end: int, role_start: int | None, mention: Mention | None,
            cue: str | None) -> None:
        name = clean_name([t.text for t in tokens[first:end]])
        if name is None or any(k in taken for k in range(first, end)):
            return
        if first > 0 and low[first - 1] in PLACE_WORDS:
            return  # "Jalan Kebon Sirih", "Hotel Santika": a place, not a person
        if view.upos is not None and view.upos[first] == "VERB" and \
                VERBAL_PREFIX.match(view.low[first]):
            return  # Stanza: a capitalised verb ("Dikatakan", "Menurut"), not a name
        taken.update(range(first, end))
        role = _role_text(view, role_start, first) if role_start is not None else None
        office = _office(view, role_start, first) if role_start is not None else None
        found.append(Sighting(name, view.index, role, mention, cue, office, first))

    i = 0
    while i < len(tokens):
        word = low[i]
        if (word in lex.role_words and tokens[i].is_capitalised) or word in ("anggota", "ketua"):
            phrase = _role_phrase(view, i)
            if phrase is not None:
                first, end, mention = phrase
                add(first, end, i, mention, _cue_before(low, i))
                for extra_first, extra_end in _listed_after(view, end):
                    add(extra_first, extra_end, i, mention, _cue_before(low, i))
                    found[-1].role = found[-2].role if len(found) > 1 else found[-1].role
                i = max(end, i + 1)
                continue
        if (word in lex.speech_verbs or word in RECEIVING or word in LEADING
                or word == "didampingi") and i + 1 < len(tokens):
            first = i + 1
            while first < len(tokens) and low[first] in ("langsung", "oleh", "pula", "juga"):
                first += 1
            if first < len(tokens) and tokens[first].is_capitalised and \
                    low[first] not in lex.role_words and low[first] not in lex.not_names \
                    and view.mention_covering(first) is None:
                end = _name_end(view, first)
                web_address = end + 1 < len(tokens) and tokens[end].text == "." and \
                    not tokens[end + 1].is_capitalised  # "diterima Tribunjateng.com"
                if not _role_continues_after(view, end) and not web_address:
                    cue = "accompanying" if word == "didampingi" else _cue_before(low, first)
                    add(first, end, None, None, cue)
        i += 1
    found.extend(_party_tagged(view, taken))
    found.extend(_appositions(view, taken))
    found.extend(_named_entities(view, taken))
    return sorted(found, key=lambda s: s.position)


def _named_entities(view: SentenceView, taken: set[int]) -> list[Sighting]:
    """PERSON spans of Stanza's NER that no pattern found ("... bersama Lis Tabuni
    menemukan ..."); their side comes from the verbs around them like any other name."""
    if view.ner is None:
        return []
    found = []
    k = 0
    while k < len(view.ner):
        tag = view.ner[k]
        if not tag.endswith("PERSON") or tag[0] not in "BS":
            k += 1
            continue
        end = k + 1
        while end < len(view.ner) and view.ner[end][0] in "IE" and \
                view.ner[end].endswith("PERSON"):
            end += 1
        after_place_word = k > 0 and view.low[k - 1] in PLACE_WORDS
        if not any(j in taken for j in range(k, end)) and view.tokens[k].is_capitalised \
                and not after_place_word:
            name = clean_name([t.text for t in view.tokens[k:end]])
            if name:
                taken.update(range(k, end))
                found.append(Sighting(name, view.index, None, None,
                                      _cue_before(view.low, k), None, k))
        k = end
    return found


def _cue_before(low: Sequence[str], i: int) -> str | None:
    window = low[max(0, i - 4):i]
    if "didampingi" in window:
        return "accompanying"
    if any(w in RECEIVING for w in window):
        return "received"
    if any(w in LEADING for w in window):
        return "leading"
    return None


def _role_phrase(view: SentenceView, i: int) -> tuple[int, int, Mention | None] | None:
    """The name a role introduces: "Wakil Ketua DPRD Kaltim Sigit Wibowo", "Kasubbag Humas,
    Protokol dan Publikasi Sekretariat DPRD Provinsi Jatim, Ali Latifi". Capitalised words
    followed by an institution, a title or a region belong to the role ("Humas, Protokol dan
    Publikasi Sekretariat DPRD ..."); the first run that is not so followed is the name."""
    lex = people_lexicon()
    tokens, low = view.tokens, view.low
    mention = None
    j = i if view.mention_starting(i) is not None else i + 1  # the role word itself
    limit = min(len(tokens), i + MAX_ROLE_TOKENS + 6)
    while j < limit:
        token = tokens[j]
        k = view.mention_starting(j)
        if k is not None:
            if view.mentions[k].kind != "place" or mention is None:
                mention = view.mentions[k]
            j = view.spans[k][1]
            continue
        word = low[j]
        if token.is_word and token.is_capitalised:
            if word in lex.role_words or word in lex.not_names or _honorific_at(view, j):
                j += 1
                continue
            end = _name_end(view, j)
            if _role_continues_after(view, end):
                j = end
                continue
            return j, end, mention
        if token.text in (",", "(", ")", "-", "/", "&", ".") or word in lex.role_modifiers:
            j += 1
            continue
        return None
    return None


def _role_continues_after(view: SentenceView, end: int) -> bool:
    """True when the capitalised run ending at ``end`` is part of a role: an institution,
    a title or a region follows it directly, or after "dan <Word>"."""
    tokens, low = view.tokens, view.low
    if end >= len(tokens):
        return False
    if view.mention_starting(end) is not None or _honorific_at(view, end) or \
            (low[end] in ("provinsi", "kabupaten", "kota", "prov", "kab")):
        return True
    if low[end] in ("dan", "&") and end + 1 < len(tokens) and tokens[end + 1].is_capitalised:
        after = _name_end(view, end + 1)
        return after < len(tokens) and (view.mention_starting(after) is not None
                                         or _honorific_at(view, after))
    return False


def _listed_after(view: SentenceView, end: int) -> list[tuple[int, int]]:
    """Names listed after the first one under the same role: "Hinca Panjaitan, Masinton
    Pasaribu dan Risa Mariska", "Erman Latjengke dari Partai Demokrat, Herianto Talib"."""
    lex = people_lexicon()
    tokens, low = view.tokens, view.low
    found: list[tuple[int, int]] = []
    j = end
    while j < len(tokens):
        if low[j] == "dari" and j + 1 < len(tokens) and tokens[j + 1].is_capitalised:
            j = _name_end(view, j + 1)  # "dari Partai PAN"
            continue
        if low[j] == "(":
            close = next((k for k in range(j, min(len(tokens), j + 6)) if low[k] == ")"), None)
            if close is None:
                break
            j = close + 1
            continue
        if low[j] not in (",", "dan", "serta"):
            break
        nxt = j + 1
        if nxt < len(tokens) and low[nxt] == "dan":
            nxt += 1
        if nxt >= len(tokens) or not tokens[nxt].is_capitalised or low[nxt] in lex.role_words \
                or low[nxt] in lex.not_names or view.mention_starting(nxt) is not None:
            break
        stop = _name_end(view, nxt)
        if stop < len(tokens) and low[stop] not in (",", "dan", "serta", ".", "(", "dari", ";"):
            break
        found.append((nxt, stop))
        j = stop
    return found


def _office(view: SentenceView, role_start: int, name_start: int) -> str | None:
    """"Kapolda Metro Jaya" -> "Polda Metro Jaya" (see people.toml role_institutions)."""
    prefix = people_lexicon().role_institutions.get(view.low[role_start])
    if prefix is None:
        return None
    words = []
    for token in view.tokens[role_start + 1:name_start]:
        if not (token.is_word and token.is_capitalised) or _honorific_at(view, view.tokens.index(
                token)):
            break
        words.append(token.text)
    return f"{prefix} {' '.join(words)}" if words else None


def _honorific_at(view: SentenceView, j: int) -> bool:
    return view.low[j].replace(".", "") in people_lexicon().honorifics


def _name_end(view: SentenceView, first: int) -> int:
    """End of the capitalised run from ``first``: initials ("M.", "A."), particles of names
    ("La Ode", "bin", "Dg") and apostrophes belong to it; a mention or role word ends it."""
    lex = people_lexicon()
    tokens, low = view.tokens, view.low
    j = first
    words = 0
    while j < len(tokens) and words < MAX_NAME_WORDS + 3:
        token = tokens[j]
        if j > first and view.mention_starting(j) is not None:
            break
        if token.is_word and (token.is_capitalised or low[j] in NAME_PARTICLES):
            if j > first and (low[j] in lex.not_names or low[j] in lex.role_words
                              or _honorific_at(view, j)):
                break
            words += 1
            j += 1
            continue
        if token.text == "." and j > first and len(tokens[j - 1].text) <= 3 \
                and j + 1 < len(tokens) and tokens[j + 1].is_capitalised:
            j += 1
            continue
        if token.text in ("’", "'") and j > first:
            j += 1
            continue
        break
    return j


def _party_tagged(view: SentenceView, taken: set[int]) -> list[Sighting]:
    """"Sugiono (Golkar), Purnomo (PDIP)": names followed by a party in brackets."""
    parties = lexicon().parties
    tokens = view.tokens
    found = []
    for j, token in enumerate(tokens):
        if token.text != "(" or j == 0:
            continue
        close = next((k for k in range(j + 1, min(len(tokens), j + 5)) if tokens[k].text == ")"),
                     None)
        if close is None:
            continue
        inner = key_of("".join(t.text for t in tokens[j + 1:close]))
        if inner not in parties:
            continue
        first = j - 1
        while first > 0 and ((tokens[first - 1].is_capitalised and tokens[first - 1].is_word)
                             or (tokens[first - 1].text == "." and first > 1)):
            first -= 1
        if any(k in taken for k in range(first, j)):
            continue
        if (first > 0 and view.low[first - 1] == "partai") or view.low[first] == "partai":
            continue  # "Partai Keadilan Sejahtera (PKS)": the party itself
        first = _skip_to_name(view, first, j)
        name = clean_name([t.text for t in tokens[first:j]], tokens[first:j])
        if name:
            taken.update(range(first, j))
            found.append(Sighting(name, view.index, None, None, "party", position=first))
    return found


def _skip_to_name(view: SentenceView, first: int, end: int) -> int:
    lex = people_lexicon()
    while first < end and (view.low[first] in lex.not_names or view.low[first] in lex.role_words
                           or view.mention_covering(first) is not None):
        first += 1
    return first


def _appositions(view: SentenceView, taken: set[int]) -> list[Sighting]:
    """"Apriliati, selaku Ketua Pansus" / "Desy Oktavia Sari, yang memimpin rombongan"."""
    tokens, low = view.tokens, view.low
    found = []
    for j in range(1, len(tokens) - 1):
        comma_role = low[j] == "," and low[j + 1] in people_lexicon().role_words
        if (low[j] not in APPOSITION and not comma_role) or j < 2:
            continue
        end = j - 1 if tokens[j - 1].text == "," else j
        first = end
        while first > 0 and tokens[first - 1].is_word and tokens[first - 1].is_capitalised:
            first -= 1
        if first == end or any(k in taken for k in range(first, end)):
            continue
        first = _skip_to_name(view, first, end)
        name = clean_name([t.text for t in tokens[first:end]], tokens[first:end])
        if not name:
            continue
        taken.update(range(first, end))
        role_mention = None
        for k in range(j + 1, min(len(tokens), j + 8)):
            m = view.mention_covering(k)
            if m is not None:
                role_mention = view.mentions[m]
                break
        role = " ".join(t.text for t in tokens[j + 1:min(len(tokens), j + 6)])
        found.append(Sighting(name, view.index, role, role_mention, "leading"))
    return found


def clean_name(words: Sequence[str], tokens: Sequence[object] = ()) -> str | None:
    """A name without honorifics before it or degrees after it, or None if nothing of a
    name is left ("Dr. H. Dodi Sukmayana" -> "Dodi Sukmayana")."""
    lex = people_lexicon()
    parts = [w for w in words]
    # glue initials with their dots: "M", "." -> "M."
    glued: list[str] = []
    for part in parts:
        if part == "." and glued:
            glued[-1] += "."
        elif part in ("’", "'") and glued:
            glued[-1] += part
        else:
            glued.append(part)
    while glued and glued[0].lower().rstrip(".") in lex.honorifics:
        glued.pop(0)
    if glued and glued[0].lower() == "partai":  # "Partai Demokrat Hinca Panjaitan"
        glued = glued[1:]
    while len(glued) > 1 and key_of(glued[0]) in lexicon().parties:
        glued.pop(0)
    while glued and key_of(glued[-1]) in lex.degrees:
        glued.pop()
    while glued and glued[-1].lower().rstrip(".") in lex.not_names:
        glued.pop()
    if not glued or all(len(p.rstrip(".")) <= 1 for p in glued):
        return None
    if any(p.lower() in lex.not_names or p.lower() in lex.role_words for p in glued):
        return None
    if gazetteer().lookup(" ".join(glued)):
        return None  # a region ("Papua Selatan"), not a person
    if len(glued) == 1 and (glued[0].isupper() and len(glued[0]) <= 5):
        return None  # an acronym, not a name
    return " ".join(glued)


def _role_text(view: SentenceView, start: int, name_start: int) -> str | None:
    text = view.sentence.text
    offset = view.sentence.start
    begin = view.tokens[start].start - offset
    end = view.tokens[name_start].start - offset
    role = re.sub(r"\s*\([^)]*\)", "", text[begin:end]).strip(" ,")
    role = re.sub(r"\b(H|Hj|Dr|Drs|Ir|Prof|dr)\.?\s*$", "", role).strip(" ,")
    return role or None


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
    return people


def _same_person(people: Iterable[Individual], name: str) -> Individual | None:
    words = name.lower().split()
    for person in people:
        other = person.name.lower().split()
        if words == other:
            return person
        shorter, longer = sorted((words, other), key=len)
        if all(w in longer for w in shorter) and (len(shorter) > 1 or shorter[0] in
                                                   (longer[0], longer[-1])):
            return person
        if difflib.SequenceMatcher(None, " ".join(words), " ".join(other)).ratio() \
                >= SAME_NAME_RATIO:
            return person
    return None


def event_people(analysis: ArticleAnalysis, draft: DraftEvent) -> list[Person]:
    """The people of one visit: those whose role names the visiting body or the host
    (an organ other than the visiting one is another delegation), and those the reporting
    sentences connect by "dipimpin", "diterima", "didampingi" or a party tag."""
    everyone = analysis.cache.get("people")
    if everyone is None:
        everyone = analysis.cache["people"] = individuals(analysis)
    placed: dict[int, list[tuple[int, str]]] = {}  # sentence -> (position, side) so far
    chosen: list[Person] = []
    for person in everyone:
        for sighting in person.sightings:
            side = _sighting_side(sighting, analysis, draft, placed)
            if side is not None:
                placed.setdefault(sighting.sentence, []).append((sighting.position, side))
                role = sighting.role or next((s.role for s in person.sightings if s.role), None)
                chosen.append(Person(person.name, role, side))  # type: ignore[arg-type]
                break
    return chosen


def _sighting_side(sighting: Sighting, analysis: ArticleAnalysis, draft: DraftEvent,
                   placed: dict[int, list[tuple[int, str]]]) -> str | None:
    from nlp.events import side_institution

    institution = sighting.office
    if institution is None and sighting.mention is not None:
        institution = side_institution(sighting.mention, analysis)
    if institution is not None:
        if institution == draft.visitor.institution:
            unit = sighting.mention.unit if sighting.mention is not None else None
            if unit and draft.visitor.unit and unit != draft.visitor.unit:
                return None  # a member of another organ's trip
            return "visitor"
        if institution == draft.host.institution:
            return "host"
        return None
    if sighting.cue == "accompanying":
        before = [side for position, side in placed.get(sighting.sentence, [])
                  if position < sighting.position]
        return before[-1] if before else None
    near = any(abs(sighting.sentence - s) <= PARTY_LIST_DISTANCE for s in draft.sentences)
    if sighting.sentence in draft.sentences or (sighting.cue == "party" and near):
        if sighting.cue == "received":
            return "host"
        if sighting.cue in ("leading", "party"):
            return "visitor"
    return None
