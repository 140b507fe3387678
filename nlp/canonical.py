"""One resolver for the names of SCHEMA.md: every way an article writes a region, a
legislature, a regional government, a ministry or a country, mapped to its canonical name.

Its data: the gazetteer's regions with their alternative names (the Kemendagri dataset,
``data/region_aliases.tsv``, ``data/countries.tsv``, ``data/legislatures.tsv``), the
ministries with their short and former names (``data/ministries.tsv``) and the spelling
variants reporters write for words of names (``data/spellings.tsv``: "Kementrian",
"Kemeterian"). A region name misspelt by one letter ("Kutai Kertanegara") is found when the
caller knows a region must follow (``regions(..., fuzzy=True)`` after "DPRD" or "Kabupaten").

Directorates general (``data/directorates.tsv``) are their ministry's units. The recognisers
read running text with ``regions``, ``ministry``, ``directorate`` and ``standard_word``;
``canonical`` reads one whole written name:

>>> resolver().canonical("DPRD Sumbar")
'DPRD Provinsi Sumatera Barat'
>>> resolver().canonical("Kemeterian Dalam Negeri")
'Kementerian Dalam Negeri'
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache

from nlp.datafiles import read_tsv
from nlp.gazetteer import Gazetteer, Region, gazetteer, in_province, key_of
from nlp.lexicon import lexicon, phrase_key
from nlp.tokens import tokenize

FUZZY_MIN_KEY = 8  # shorter names are too alike for a one-letter tolerance ("Bima", "Bina")
MINISTRY_SIMILARITY = 0.9  # difflib ratio of a written "Kementerian X" to a canonical name
LEVELS = {"provinsi": "provinsi", "propinsi": "provinsi", "prov": "provinsi",
          "kabupaten": "kabupaten", "kab": "kabupaten",
          "kota": "kota", "kotamadya": "kota", "kodya": "kota"}
# The words that name a legislature, with the family they stand for; the short forms of
# named provincial legislatures (DPRA, DPRP...) come from data/legislatures.tsv.
LEGISLATURE_WORDS: dict[tuple[str, ...], str] = {
    ("dewan", "perwakilan", "rakyat", "daerah"): "dprd",
    ("dewan", "perwakilan", "rakyat"): "dpr",
    ("dewan", "perwakilan", "daerah"): "dpd",
    ("majelis", "permusyawaratan", "rakyat"): "mpr",
    ("dprd",): "dprd", ("dprk",): "dprk", ("dpr",): "dpr", ("dpd",): "dpd", ("mpr",): "mpr",
}
DIRECTORATE_HEADS = ("Direktorat Jenderal ", "Ditjen ", "Dirjen ")  # Dirjen: its head
NATIONAL_OF_FAMILY = {"dpr": "DPR RI", "dpd": "DPD RI", "mpr": "MPR RI"}
NATIONAL_LEGISLATURES = frozenset(NATIONAL_OF_FAMILY.values())
REGION_TYPES = ("provinsi", "kabupaten", "kota")


class NameResolver:
    """Written names -> canonical names; built once per process (see ``resolver()``)."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.spellings = _spellings()
        self.ministries: dict[tuple[str, ...], str] = {}
        for row in read_tsv("ministries.tsv"):
            canonical = row[0].strip()
            for written in [canonical, *(row[1] if len(row) > 1 else "").split(",")]:
                if written.strip():
                    self.ministries[self.standard_phrase(phrase_key(written))] = canonical
        self.ministry_names = frozenset(self.ministries.values())
        self.directorates: dict[str, tuple[str, str]] = {}  # key -> (ministry, directorate)
        for row in read_tsv("directorates.tsv"):
            name, ministry = row[0].strip(), row[1].strip()
            if ministry not in self.ministry_names:
                raise ValueError(f"directorates.tsv: unknown ministry {ministry!r}")
            for written in [name, *(row[2] if len(row) > 2 else "").split(",")]:
                if written.strip():
                    self.directorates[key_of(written)] = (ministry, f"Direktorat Jenderal {name}")
        self._ministry_by_key = {key_of(name): name for name in self.ministry_names}
        self._near_index = _deletion_index(
            key for key, regions in gaz.keys_and_regions()
            if len(key) >= FUZZY_MIN_KEY and any(r.type in REGION_TYPES for r in regions))

    # -- words -------------------------------------------------------------------------------
    def standard_word(self, word: str) -> str:
        """A lowercased word with its spelling variant replaced ("kementrian" -> "kementerian")."""
        return self.spellings.get(word, word)

    def standard_phrase(self, words: Iterable[str]) -> tuple[str, ...]:
        return tuple(self.standard_word(w.lower()) for w in words)

    # -- regions and countries ---------------------------------------------------------------
    def regions(self, written: str, fuzzy: bool = False) -> tuple[Region, ...]:
        """Every region (or country) ``written`` may name; with ``fuzzy``, a name one letter
        away from exactly one known name counts as that name."""
        key = key_of(written)
        found = self.gaz.lookup(key)
        if found or not fuzzy:
            return tuple(found)
        near = self.near_key(key)
        return tuple(r for r in self.gaz.lookup(near) if r.type in REGION_TYPES) if near else ()

    def near_key(self, key: str) -> str | None:
        """The one region key at one edit (insertion, deletion, substitution or swap of
        neighbours) from ``key``, or None when there is none or several."""
        if len(key) < FUZZY_MIN_KEY:
            return None
        candidates: set[str] = set()
        for variant in (key, *_deletions(key)):
            candidates |= self._near_index.get(variant, set())
        close = [c for c in candidates if c != key and _one_edit(key, c)]
        return close[0] if len(close) == 1 else None

    def regions_in_province(self, written: str, province: Region) -> tuple[Region, ...]:
        """The kabupaten/kota of ``province`` one letter away from ``written``: "Kabupaten
        Bandung, Provinsi Bali" is Badung (the province says which name was meant)."""
        key = key_of(written)
        return tuple(r for r in self.gaz.regions_of_type("kabupaten") +
                     self.gaz.regions_of_type("kota")
                     if in_province(r, province.code) and _one_edit(key, key_of(r.name)))

    def is_region_prefix(self, key: str) -> bool:
        return self.gaz.is_key_prefix(key)

    # -- institutions ------------------------------------------------------------------------
    def legislature_name(self, region: Region, written_family: str | None = None) -> str:
        """The legislature of ``region``; a regency's council written "DPRK" keeps that name
        in the Papuan provinces too (the schema's DPRK Mimika), as Aceh's always do."""
        if written_family == "dprk" and region.type in ("kabupaten", "kota"):
            return f"DPRK {region.name}"
        return self.gaz.legislature_name(region)

    def government_name(self, region: Region) -> str | None:
        return self.gaz.executive_name(region)

    def ministry(self, words: Sequence[str]) -> str | None:
        """The ministry a written name stands for: a known form ("Kemendagri", "Kementrian
        Dalam Negeri") or a full name within a typo of a canonical one ("Kementerian
        Komunikasi dan Informasi")."""
        phrase = self.standard_phrase(w for w in words if w[:1].isalnum())
        found = self.ministries.get(phrase)
        if found or not phrase or phrase[0] != "kementerian" or len(phrase) < 2:
            return found
        close = difflib.get_close_matches(key_of(" ".join(phrase)), self._ministry_by_key,
                                          n=1, cutoff=MINISTRY_SIMILARITY)
        return self._ministry_by_key[close[0]] if close else None

    def directorate(self, written: str) -> tuple[str | None, str] | None:
        """A directorate general as written ("Ditjen Otda", "Dirjen Perkebunan", "Direktorat
        Jenderal Bina Marga") -> its ministry (None when the table does not know it) and its
        full name ("Direktorat Jenderal Otonomi Daerah"); None when ``written`` is no
        directorate general."""
        for head in DIRECTORATE_HEADS:
            if written.startswith(head):
                rest = written[len(head):]
                return self.directorates.get(key_of(rest), (None, "Direktorat Jenderal " + rest))
        return None

    # -- whole names -------------------------------------------------------------------------
    def canonical(self, written: str) -> str | None:
        """The canonical name of a whole written name of a legislature ("DPRD Sumbar"), a
        regional government ("Pemkot Jogja", "Bupati Gianyar"), a ministry ("Kemendagri"), a
        region ("Kab. Gianyar") or a country ("Korsel"); None when it names none of these."""
        words = [w for t in tokenize(written) if t.is_word for w in t.lower.split("-") if w]
        if not words:
            return None
        if (words[-1] == "ri" or words[-2:] == ["republik", "indonesia"]) \
                and NATIONAL_OF_FAMILY.get(LEGISLATURE_WORDS.get(tuple(words[:1]), "")):
            return NATIONAL_OF_FAMILY[LEGISLATURE_WORDS[tuple(words[:1])]]
        ministry = self.ministry([w for w in words if w != "ri"])
        if ministry:
            return ministry
        for length in (4, 3, 1):
            family = LEGISLATURE_WORDS.get(tuple(words[:length]))
            if family is None and length == 1 and words[0].upper() in \
                    self.gaz.legislature_short_forms():
                return self._named_legislature(words[0].upper(), words[1:])
            if family:
                return self._legislature(family, words[length:])
        lex = lexicon()
        for table in (lex.governments, lex.executive_roles):
            for length in (3, 2, 1):
                level = table.get(self.standard_phrase(words[:length]))
                if level:
                    region = self._region(words[length:], None if level == "any" else level,
                                          for_place=False)
                    return self.government_name(region) if region else None
        region = self._region(words, None, for_place=True)
        return region.full_name if region else None

    def _legislature(self, family: str, rest: list[str]) -> str | None:
        if family in NATIONAL_OF_FAMILY:
            if rest and rest[0] not in ("ri", "republik"):
                region = self._region(rest, "provinsi", for_place=False)
                named = region and self.gaz.legislature_name(region)
                return named if named and not named.startswith("DPRD") else None
            return NATIONAL_OF_FAMILY[family]
        wanted = "kabupaten" if family == "dprk" else None
        region = self._region(rest, wanted, for_place=False)
        return self.legislature_name(region, family) if region else None

    def _named_legislature(self, short: str, rest: list[str]) -> str:
        region = self._region(rest, "provinsi", for_place=False) if rest else None
        return self.gaz.legislature_name(region or self.gaz.legislature_short_forms()[short])

    def _region(self, words: list[str], wanted: str | None, for_place: bool) -> Region | None:
        level = LEVELS.get(words[0]) if words else None
        if level:
            words, wanted = words[1:], level
        if not words:
            return None
        candidates = [r for r in self.regions(" ".join(words), fuzzy=True) if r.type != "kecamatan"]
        if wanted == "kabupaten" and level is None:  # DPRK: a kabupaten or a kota
            candidates = [r for r in candidates if r.type != "provinsi"] or candidates
        elif wanted:
            candidates = [r for r in candidates if r.type == wanted] or candidates
        chosen = candidates if level is not None else choose_bare(candidates, for_place)
        # regions of one type and name in several provinces have one canonical name
        return chosen[0] if chosen and len({(r.type, r.name) for r in chosen}) == 1 else None

def choose_bare(candidates: Sequence[Region], for_place: bool) -> list[Region]:
    """The regions a name written without a level word reads as, when nothing else in the
    article decides: a province's name (short or full) is the province for a legislature
    ("DPRD Bengkulu", "DPRD Sumbar"); for a place a name that is also a city's is the city
    ("ke Bengkulu", "ke Yogyakarta"); a name of both a kota and a kabupaten is the kota."""
    kinds = {r.type for r in candidates}
    if "provinsi" in kinds and len(kinds) > 1:
        if for_place and "kota" in kinds:
            return [r for r in candidates if r.type == "kota"]
        if not for_place:
            return [r for r in candidates if r.type == "provinsi"]
    if {"kota", "kabupaten"} <= kinds:
        return [r for r in candidates if r.type == "kota"]
    return list(candidates)


def _spellings() -> dict[str, str]:
    table: dict[str, str] = {}
    for row in read_tsv("spellings.tsv"):
        standard = row[0].strip().lower()
        for variant in (row[1] if len(row) > 1 else "").split(","):
            if variant.strip():
                table[variant.strip().lower()] = standard
    return table


def _deletions(key: str) -> list[str]:
    return [key[:i] + key[i + 1:] for i in range(len(key))]


def _deletion_index(keys: Iterable[str]) -> dict[str, set[str]]:
    """Every key and its one-letter deletions -> the keys: two names one edit apart share
    an entry (a symmetric-deletion index)."""
    index: dict[str, set[str]] = defaultdict(set)
    for key in keys:
        index[key].add(key)
        for variant in _deletions(key):
            index[variant].add(key)
    return index


def _one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by one insertion, deletion, substitution or swap of
    two neighbouring letters."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:] or (a[i + 2:] == b[i + 2:] and a[i:i + 2] == b[i:i + 2][::-1])
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[i + 1:] == shorter[i:]


@lru_cache(maxsize=1)
def resolver() -> NameResolver:
    """The process-wide resolver (built on the gazetteer, in a few milliseconds more)."""
    return NameResolver(gazetteer())


def canonical_name(written: str) -> str | None:
    """``resolver().canonical(written)``: "Pemkab Gianyar" -> "Pemerintah Kabupaten Gianyar"."""
    return resolver().canonical(written)

