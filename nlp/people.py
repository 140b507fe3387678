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

from nlp.gazetteer import key_of
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


@dataclass(frozen=True, slots=True)
class PeopleLexicon:
    honorifics: frozenset[str]
    degrees: frozenset[str]
    role_words: frozenset[str]
    speech_verbs: frozenset[str]
    not_names: frozenset[str]


@lru_cache(maxsize=1)
def people_lexicon() -> PeopleLexicon:
    data = read_toml("people.toml")
    return PeopleLexicon(
        honorifics=frozenset(h.lower().replace(".", "") for h in data["honorifics"]),
        degrees=frozenset(key_of(d) for d in data["degrees"]),
        role_words=frozenset(w.lower() for w in data["role_words"]),
        speech_verbs=frozenset(data["speech_verbs"]),
        not_names=frozenset(w.lower() for w in data["not_names"]),
    )


@dataclass(slots=True)
class Sighting:
    """One person named once: the name, the role words before it, the institution mention
    inside that role, and how the sentence connects them to the visit."""

    name: str
    sentence: int
    role: str | None = None
    mention: Mention | None = None
    cue: str | None = None  # "received", "leading", "party"


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

    def add(first: int, role_start: int | None, mention: Mention | None, cue: str | None
            ) -> int:
        end = _name_end(view, first)
        name = clean_name([t.text for t in tokens[first:end]], tokens[first:end])
        if name is None or any(k in taken for k in range(first, end)):
            return end
        taken.update(range(first, end))
        role = _role_text(view, role_start, first) if role_start is not None else None
        found.append(Sighting(name, view.index, role, mention, cue))
        return end

    i = 0
    while i < len(tokens):
        word = low[i]
        if (word in lex.role_words and tokens[i].is_capitalised) or word in ("anggota", "ketua"):
            start = _name_after_role(view, i)
            if start is not None:
                first, mention = start
                end = add(first, i, mention, _cue_before(low, i))
                end = _coordinated_names(view, end, i, mention, add)
                i = max(end, i + 1)
                continue
        if word in lex.speech_verbs and i + 1 < len(tokens) and tokens[i + 1].is_capitalised:
            add(i + 1, None, None, None)
        i += 1
    found.extend(_party_tagged(view, taken))
    found.extend(_appositions(view, taken))
    return found


def _cue_before(low: Sequence[str], i: int) -> str | None:
    window = low[max(0, i - 4):i]
    if any(w in RECEIVING for w in window):
        return "received"
    if any(w in LEADING for w in window):
        return "leading"
    return None


def _name_after_role(view: SentenceView, i: int) -> tuple[int, Mention | None] | None:
    """Where the name starts after the role beginning at ``i``, and the institution named in
    the role: the name is the capitalised run after the role's last word, mention or comma."""
    lex = people_lexicon()
    tokens, low = view.tokens, view.low
    mention = None
    j = i
    last_role_end = i + 1
    limit = min(len(tokens), i + MAX_ROLE_TOKENS)
    while j < limit:
        k = view.mention_starting(j)
        if k is not None:
            mention = view.mentions[k]
            j = view.spans[k][1]
            last_role_end = j
            continue
        text = tokens[j].text
        if low[j] in lex.role_words or (low[j] in lex.not_names and tokens[j].is_capitalised) \
                or (low[j] in ("dan", "serta") and _role_continues(view, j)) \
                or text in ("-", "/", "&") or (low[j] in ("ri", "dpr", "dprd")):
            j += 1
            last_role_end = j
            continue
        if text == ",":
            j += 1
            continue
        if text == "." and j > 0 and len(tokens[j - 1].text) <= 4:
            j += 1  # "Pj." "Plt."
            continue
        if tokens[j].is_word and tokens[j].is_capitalised:
            if _honorific_at(view, j) or j >= last_role_end:
                return j, mention
        return None
    return None


def _role_continues(view: SentenceView, j: int) -> bool:
    nxt = view.low[j + 1] if j + 1 < len(view.low) else ""
    return nxt in people_lexicon().role_words or view.mention_starting(j + 1) is not None


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
        if token.is_word and (token.is_capitalised or low[j] in ("bin", "binti", "van", "de",
                                                                  "dg", "al")):
            if j > first and (low[j] in lex.not_names or low[j] in lex.role_words) \
                    and not _honorific_at(view, j):
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


def _coordinated_names(view: SentenceView, end: int, role_at: int, mention: Mention | None,
                       add) -> int:  # type: ignore[no-untyped-def]
    """"Hinca Panjaitan, Masinton Pasaribu dan Risa Mariska": names listed after one role."""
    tokens, low = view.tokens, view.low
    while end + 1 < len(tokens) and low[end] in (",", "dan", "serta"):
        nxt = end + 1
        if low[nxt] == "dan":
            nxt += 1
        if nxt >= len(tokens) or not tokens[nxt].is_capitalised or \
                low[nxt] in people_lexicon().role_words or low[nxt] in people_lexicon().not_names:
            break
        if view.mention_starting(nxt) is not None:
            break
        stop = _name_end(view, nxt)
        if stop - nxt < 1 or (stop < len(tokens) and low[stop] not in (",", "dan", "serta",
                                                                        ".", "(")):
            break
        end = add(nxt, role_at, mention, None)
    return end


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
        first = _skip_to_name(view, first, j)
        name = clean_name([t.text for t in tokens[first:j]], tokens[first:j])
        if name:
            taken.update(range(first, j))
            found.append(Sighting(name, view.index, None, None, "party"))
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
        if low[j] not in APPOSITION or j < 2:
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
    while glued and key_of(glued[-1]) in lex.degrees:
        glued.pop()
    while glued and glued[-1].lower().rstrip(".") in lex.not_names:
        glued.pop()
    if not glued or all(len(p.rstrip(".")) <= 1 for p in glued):
        return None
    if any(p.lower() in lex.not_names or p.lower() in lex.role_words for p in glued):
        return None
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
    from nlp.events import side_institution

    visitor = draft.visitor.institution
    host = draft.host.institution
    event_sentences = set(draft.sentences)
    chosen: list[Person] = []
    everyone = analysis.cache.get("people")
    if everyone is None:
        everyone = analysis.cache["people"] = individuals(analysis)
    for person in everyone:
        side = None
        role = None
        for sighting in person.sightings:
            institution = side_institution(sighting.mention, analysis) \
                if sighting.mention is not None else None
            role = role or sighting.role
            if institution is not None:
                if institution == visitor:
                    side = "visitor"
                elif institution == host:
                    side = "host"
                if side:
                    role = sighting.role
                    break
                continue
            if sighting.sentence in event_sentences or sighting.cue == "party":
                if sighting.cue == "received":
                    side = side or "host"
                elif sighting.cue in ("leading", "party"):
                    side = side or "visitor"
        if side is not None:
            chosen.append(Person(person.name, role, side))  # type: ignore[arg-type]
    return chosen
