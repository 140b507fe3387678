"""A person's name as the schema wants it: without honorifics before it or degrees after it
("Dr. H. Dodi Sukmayana" -> "Dodi Sukmayana"), and the word lists that tell names from
roles (``data/people.toml``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from nlp.datafiles import read_toml
from nlp.gazetteer import gazetteer, key_of
from nlp.lexicon import lexicon


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
