"""A person's name in a sentence: where its capitalised run ends ("Rudy T. Pangaribuan", "La
Ode Rahman"), and the record of one person named once (``Sighting``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.gazetteer import gazetteer
from nlp.mention import Mention
from nlp.person_names import people_lexicon
from nlp.sentence_view import SentenceView

MAX_NAME_WORDS = 6
VERBAL_PREFIX = re.compile(r"^(me|di|ber|ter|per)")
NAME_PARTICLES = {"bin", "binti", "van", "de", "dg", "al"}


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
    group: int | None = None  # token index of the group word a listed name follows


def honorific_at(view: SentenceView, j: int) -> bool:
    return people_lexicon().is_honorific(view.low[j])


def middle_initial(view: SentenceView, j: int) -> bool:
    """A one-letter "H." inside a name is an initial ("Ronal Jaya H. Pardede"), unless the
    word before it is a regency, city or province ending a role ("Bupati Sambas H. Adi")."""
    previous = view.tokens[j - 1]
    return len(view.tokens[j].text) == 1 and previous.is_word and \
        not gazetteer().lookup(previous.text)


def name_end(view: SentenceView, first: int) -> int:
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
                              or (honorific_at(view, j) and not middle_initial(view, j))):
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
