"""A person's name as the schema wants it: as the article writes it ("Anto R.S" keeps its
dots), without honorifics before it or degrees after it ("Dr. H. Rusdi Mahendra, S.Sos" ->
"Rusdi Mahendra"), without the tail of a role left before it ("Protokol", "III", "BPJN",
"Sulut"), and the word lists that tell names from roles (``data/people.toml``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from nlp.canonical import resolver
from nlp.datafiles import read_toml
from nlp.gazetteer import gazetteer, key_of
from nlp.lexicon import lexicon
from nlp.tokens import Token

MAX_DEGREE_WORDS = 3  # "S. Sos" and "M. Si" are two words each; "S.E. Ak" three
ROMAN_NUMERAL = re.compile(r"^[IVX]+$")
# peN-/per-/ke- ... -an nouns ("Pemerintahan", "Keuangan", "Perlindungan") name offices and
# topics, not people; names ending -wan/-man/-yan ("Kurniawan") are left alone.
OFFICE_NOUN = re.compile(r"^(?:pe[mn]?g?|per|ke)[a-z]{3,}(?<!wa|ma|ya)an$")
MIN_NAME_LETTERS = 3
PARTY_BOARDS = {"DPP", "DPD", "DPW", "DPC"}  # a party's boards, by level
NAME_LINKS = {"bin", "binti", "van", "de", "al", "dan"}
CLITIC_NOUN = re.compile(r"^[a-z]{4,}nya$")  # "Ketuanya", "Hasilnya"


@dataclass(frozen=True, slots=True)
class PeopleLexicon:
    honorifics: frozenset[str]
    degrees: frozenset[str]
    role_words: frozenset[str]
    speech_verbs: frozenset[str]
    not_names: frozenset[str]
    office_words: frozenset[str]
    name_prefixes: frozenset[str]
    role_modifiers: frozenset[str]
    role_institutions: dict[str, str]
    group_words: frozenset[str]
    person_group_words: frozenset[str]
    list_openers: frozenset[str]

    def is_honorific(self, word: str) -> bool:
        """Whether a lowercased word is a title written before a name, with or without its
        dots ("Ir.", "K.H.", "Hj"): the lexicon keeps them without."""
        return word.replace(".", "") in self.honorifics


@lru_cache(maxsize=1)
def people_lexicon() -> PeopleLexicon:
    data = read_toml("people.toml")
    return PeopleLexicon(
        honorifics=frozenset(h.lower().replace(".", "") for h in data["honorifics"]),
        degrees=frozenset(key_of(d) for d in data["degrees"]),
        role_words=frozenset(w.lower() for w in data["role_words"]),
        speech_verbs=frozenset(data["speech_verbs"]),
        not_names=frozenset(w.lower() for w in data["not_names"]),
        office_words=frozenset(w.lower() for w in data["office_words"]),
        name_prefixes=frozenset(w.lower() for w in data["balinese_name_words"]),
        role_modifiers=frozenset(data["role_modifiers"]),
        role_institutions={k.lower(): v for k, v in data["role_institutions"].items()},
        group_words=frozenset(w.lower() for w in data["group_words"]),
        person_group_words=frozenset(w.lower() for w in data["person_group_words"]),
        list_openers=frozenset(w.lower() for w in data["list_openers"]),
    )


def written_words(tokens: Sequence[Token]) -> list[str]:
    """The words of a name as written: tokens with no space between them are one word
    ("K", ".", "S" written "K.S" -> "K.S"; "H", "." -> "H.")."""
    words: list[str] = []
    previous_end = None
    for token in tokens:
        if words and token.start == previous_end:
            words[-1] += token.text
        else:
            words.append(token.text)
        previous_end = token.end
    return words


def clean_name(tokens: Sequence[Token], after_role: bool = False) -> str | None:
    """The name in ``tokens`` without honorifics, degrees and leftovers of a role, or None
    if nothing of a name is left ("Dr. H. Rusdi Mahendra" -> "Rusdi Mahendra"). Right
    after a role (``after_role``) a region's full name before a name of two words or more is
    the role's ("Ketua Komisi II Tarakan Wulan Sasmita")."""
    lex = people_lexicon()
    words = written_words(tokens)
    while True:
        before = len(words)
        words = _without_leading_titles(words)
        words = _without_leading_role_tail(words, after_role)
        if len(words) == before:
            break
    words = _without_degrees(words)
    while words and (_bare(words[-1]) in lex.not_names or words[-1].lower() in NAME_LINKS):
        words.pop()  # "Sari binti" cut before her father's name
    if not words or all(len(w.replace(".", "")) <= 1 for w in words) or \
            sum(c.isalpha() for w in words for c in w) < MIN_NAME_LETTERS:
        return None  # "Pd" of a degree cut apart is no name
    if any(_bare(w) in lex.not_names or _bare(w) in lex.role_words for w in words) or \
            all(_is_office_word(w) for w in words):
        return None
    place = words[:-1] if len(words) > 1 and ROMAN_NUMERAL.match(words[-1]) else words
    if gazetteer().lookup(" ".join(place)) or gazetteer().lookup_district(" ".join(place)):
        return None  # a region ("Papua Selatan", "Aceh II" of an electoral district)
    if len(place) > 1 and resolver().regions(" ".join(place), fuzzy=True):
        return None  # a region written another way ("Bupati Labuan Batu", "Kutai Kertanegara")
    if key_of("".join(words)) in lexicon().parties or words[0] in PARTY_BOARDS:
        return None  # "Gerindra", "Nasdem": a party named after a member's name; "DPD PDI
        # Perjuangan (PDIP)": a party's provincial board
    if len(words) == 1 and words[0].isupper() and words[0].isalpha():
        return None  # an acronym or a news agency ("ANTARA"), not a name
    return " ".join(words)


def _bare(word: str) -> str:
    return word.lower().rstrip(".")


def _without_leading_titles(words: list[str]) -> list[str]:
    lex = people_lexicon()
    while words and lex.is_honorific(words[0].lower()):
        words = words[1:]
    if words and words[0].lower() == "partai":  # "Partai Demokrat Jefri Simbolon"
        words = words[1:]
    while len(words) > 1 and key_of(words[0]) in lexicon().parties:
        words = words[1:]
    return words


def _without_leading_role_tail(words: list[str], after_role: bool = False) -> list[str]:
    """Drop what a role left before the name: office words ("Protokol Wulan"), roman
    numerals ("III Yulianus"; a Balinese "I Made" stays), acronyms of offices ("BPJN Ronal") and a
    region ("Sulut Lasmini"), when a name of two words or more is left."""
    lex = people_lexicon()
    if len(words) < 2:
        return words
    first = words[0]
    if _is_office_word(first):
        return words[1:]
    if ROMAN_NUMERAL.match(first) and not (first == "I" and _bare(words[1]) in lex.name_prefixes):
        return words[1:]
    if first.isupper() and first.isalpha() and len(first) >= 3 and \
            (not words[1].isupper() or ROMAN_NUMERAL.match(words[1])) and \
            not lex.is_honorific(first.lower()):  # "BPJN Ronal", "BPJN I Ronal"
        return words[1:]
    for size in (2, 1):
        if len(words) - size >= 2 and gazetteer().lookup(" ".join(words[:size])) and \
                (size == 2 or after_role or _region_abbreviation(words[0])):
            return words[size:]
    return words


def _region_abbreviation(word: str) -> bool:
    """"Sulut", "Lobar", "Kaltim": a short form that is not itself a region's name (a name
    like "Bima" may be a person's first name)."""
    return not any(key_of(r.name) == key_of(word) for r in gazetteer().lookup(word))


def _is_office_word(word: str) -> bool:
    bare = _bare(word)
    return bare in people_lexicon().office_words or bool(
        OFFICE_NOUN.match(bare) or CLITIC_NOUN.match(bare))


def is_degree(words: Sequence[str]) -> bool:
    """"SE", "M.Si", "S. Sos": degrees written after a name and a comma."""
    return key_of("".join(words)) in people_lexicon().degrees


def _starts_with_degree(word: str) -> bool:
    """A word of glued degrees ("S.Sos.M" of "S.Sos., M.Si" written without spaces)."""
    parts = [p for p in word.split(".") if p]
    return any(key_of("".join(parts[:n])) in people_lexicon().degrees and
               not all(len(p) <= 1 for p in parts[:n]) for n in range(2, len(parts) + 1))


def _without_degrees(words: list[str]) -> list[str]:
    """Cut the name at its first degree ("Agus Wibisono SPd MPd" -> "Agus Wibisono"); dotted
    single letters followed by more of the name are initials ("Markus T. J. Rumondor")."""
    degrees = people_lexicon().degrees
    if key_of("".join(words)) in degrees:
        return []  # a degree listed after a comma ("Budi, S.Sos")
    for k in range(1, len(words)):
        if _starts_with_degree(words[k]):
            return words[:k]
        for size in range(MAX_DEGREE_WORDS, 0, -1):
            part = words[k:k + size]
            if len(part) < size or key_of("".join(part)) not in degrees:
                continue
            initials = all(len(w.replace(".", "")) <= 1 for w in part)
            if initials and k + size < len(words):
                continue
            return words[:k]
    return words
