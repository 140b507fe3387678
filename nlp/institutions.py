"""Institutions and places named in a sentence: legislatures with their organs, regional
governments, ministries, other organisations, and regions.

``find_mentions`` reads one sentence; names whose region is ambiguous ("DPRD Bandung": the
kabupaten or the kota?) keep their candidates until ``resolve`` sees the whole article.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import pairwise
from typing import Literal

from nlp.gazetteer import PROVINCE_DISPLAY, Region, gazetteer, key_of
from nlp.lexicon import lexicon
from nlp.tokens import Token, tokenize

MentionKind = Literal["legislature", "executive", "ministry", "organisation", "place"]

MAX_REGION_WORDS = 5
MAX_ORGANISATION_WORDS = 10
LEVEL_WORDS = {
    "provinsi": "provinsi", "propinsi": "provinsi", "prov": "provinsi",
    "kabupaten": "kabupaten", "kab": "kabupaten",
    "kota": "kota", "kotamadya": "kota", "kodya": "kota",
}
DAY_NAMES = {"senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad"}
FUNCTION_WORDS = {"ke", "di", "dari", "dan", "serta", "untuk", "dengan", "pada", "menuju",
                  "kunjungi", "sambangi", "tinjau", "kunker", "kunjungan"}
ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII"]
ROMAN_SET = set(ROMAN[1:])


@dataclass(slots=True)
class Mention:
    kind: MentionKind
    start: int
    end: int
    text: str
    unit: str | None = None
    national: str | None = None  # "DPR RI", "DPD RI", "MPR RI"
    name: str | None = None  # ministries and organisations: their canonical/written name
    candidates: tuple[Region, ...] = ()
    level: str | None = None  # the level word written: provinsi / kabupaten / kota / any
    province_hint: Region | None = None
    region: Region | None = None
    role_unit: str | None = None  # "Wakil Ketua DPRD X" -> Pimpinan
    bare: bool = False  # a place named without a level word
    special_legislature: str | None = None  # DPRA, DPRP: a named provincial legislature
    regency_legislature: bool = False  # written DPRK
    qualifier: bool = False  # a place that only says where the mention before it is
    located_in: Region | None = None  # "Sekretariat DPRP Papua Tengah di Nabire"
    local: bool = False  # "DPRD Provinsi setempat": the legislature of the place visited
    from_place: bool = False  # a legislature inferred from the places an article names

    @property
    def legislative(self) -> bool:
        return self.kind == "legislature"

    @property
    def generic(self) -> bool:
        """A legislature named without its region ("DPRD", "Komisi A")."""
        return self.kind == "legislature" and not self.national and not self.candidates \
            and self.special_legislature is None

    @property
    def institution(self) -> str | None:
        """The canonical institution name, once the region is resolved."""
        gaz = gazetteer()
        if self.kind == "legislature":
            if self.national:
                return self.national
            if self.region is not None:
                return gaz.legislature_name(self.region)
            return None
        if self.kind == "executive":
            return gaz.executive_name(self.region) if self.region is not None else None
        if self.kind in ("ministry", "organisation"):
            return self.name
        return None


# -- the scanner ---------------------------------------------------------------------------

class _Scanner:
    def __init__(self, tokens: Sequence[Token], text: str, offset: int) -> None:
        self.tokens = tokens
        self.low = [t.text.lower() for t in tokens]
        self.text = text
        self.offset = offset
        self.gaz = gazetteer()
        self.lex = lexicon()

    def __len__(self) -> int:
        return len(self.tokens)

    def span_text(self, i: int, j: int) -> str:
        start = self.tokens[i].start - self.offset
        end = self.tokens[j - 1].end - self.offset
        return self.text[start:end]

    def words_at(self, i: int, words: tuple[str, ...]) -> int:
        """Index after ``words`` when they stand at ``i`` (case-insensitive), else -1."""
        j = i
        for word in words:
            if j >= len(self.low) or self.low[j] != word:
                return -1
            j += 1
        return j

    def longest_phrase(self, i: int, table: dict[tuple[str, ...], str], max_len: int = 8
                       ) -> tuple[str, int] | None:
        if self.low[i] not in _first_words(table):
            return None
        for length in range(max_len, 0, -1):
            phrase = tuple(self.low[i:i + length])
            if len(phrase) == length and phrase in table:
                return table[phrase], i + length
        return None

    def skip_parenthetical(self, i: int, max_words: int = 4) -> int:
        """Skip "(ABBR)" such as "(DPRD)", "(Kemendagri)", "(DPR-RI)"; returns the new index."""
        if i < len(self) and self.low[i] == "(":
            for j in range(i + 1, min(len(self), i + max_words + 2)):
                if self.low[j] == ")":
                    return j + 1
                if not self.tokens[j].is_word and self.low[j] not in ("-", ".", "/"):
                    return i
        return i

    def level_at(self, i: int) -> tuple[str, int] | None:
        if i < len(self) and self.low[i] in LEVEL_WORDS:
            j = i + 1
            if j < len(self) and self.low[j] == ".":
                j += 1
            return LEVEL_WORDS[self.low[i]], j
        return None

    def region_at(self, i: int) -> tuple[tuple[Region, ...], int]:
        """Longest region name (1..5 words, capitalised) starting at ``i``."""
        if i >= len(self) or not self.tokens[i].is_word or not self.tokens[i].is_capitalised:
            return (), i
        best: tuple[tuple[Region, ...], int] = ((), i)
        key = ""
        for j in range(i, min(len(self), i + MAX_REGION_WORDS * 2)):
            token = self.tokens[j]
            if not (token.is_word or token.text == "."):
                break
            key += key_of(token.text)
            if not self.gaz.is_key_prefix(key):
                break
            if token.is_word:
                found = self.gaz.lookup(key)
                if found:
                    best = (tuple(found), j + 1)
        return best

    def district_at(self, i: int) -> tuple[tuple[Region, ...], int]:
        for length in range(3, 0, -1):
            j = i + length
            span = self.tokens[i:j]
            if len(span) == length and all(t.is_word and t.is_capitalised for t in span):
                found = self.gaz.lookup_district("".join(t.text for t in span))
                if found:
                    return tuple(found), j
        return (), i

    def qualified_region(self, i: int) -> tuple[tuple[Region, ...], str | None,
                                                 Region | None, int]:
        """``[level] Name [(alias)] [Provinsi X | (Province)]`` -> candidates, level, hint, end."""
        level = None
        found_level = self.level_at(i)
        if found_level:
            level, i = found_level
            i = self.skip_parenthetical(i)
        candidates, j = self.region_at(i)
        if not candidates:
            return (), level, None, i
        # "(Sumbar)" after the name repeats it; "(Jawa Timur)" names its province.
        hint = None
        if j < len(self) and self.low[j] == "(":
            inner, k = self.region_at(j + 1)
            if inner and k < len(self) and self.low[k] == ")":
                j = k + 1
                provinces = [r for r in inner if r.type == "provinsi"]
                if provinces and not set(inner) & set(candidates):
                    hint = provinces[0]
        after_level = self.level_at(j)
        if after_level and after_level[0] == "provinsi":
            inner, k = self.region_at(after_level[1])
            provinces = [r for r in inner if r.type == "provinsi"]
            if provinces:
                hint, j = provinces[0], self.skip_parenthetical(k)
        return candidates, level, hint, j


_FIRST_WORDS: dict[int, frozenset[str]] = {}


def _first_words(table: dict[tuple[str, ...], str]) -> frozenset[str]:
    """First words of a phrase table's entries (tables are built once, so cache by id)."""
    found = _FIRST_WORDS.get(id(table))
    if found is None:
        found = _FIRST_WORDS[id(table)] = frozenset(k[0] for k in table if k)
    return found


# -- recognisers, each returns (mention, end index) or None --------------------------------

def _unit_at(s: _Scanner, i: int) -> tuple[str, int] | None:
    """An organ written at ``i``: "Komisi IV", "Pansus Tatib", "Badan Anggaran (Banggar)"."""
    low = s.low
    if low[i] in ("komisi", "komite", "komixi") and i + 1 < len(s):
        numeral = s.tokens[i + 1].text
        label = "Komite" if low[i] == "komite" else "Komisi"
        if numeral in ROMAN_SET or (len(numeral) == 1 and numeral in "ABCDE"):
            return f"{label} {numeral}", i + 2
        if numeral.isdigit() and 0 < int(numeral) < len(ROMAN):
            return f"{label} {ROMAN[int(numeral)]}", i + 2
        return None
    if low[i] in ("pansus", "panja") or s.words_at(i, ("panitia", "khusus")) > 0 \
            or s.words_at(i, ("panitia", "kerja")) > 0:
        label = "Panja" if low[i] == "panja" or low[i + 1:i + 2] == ["kerja"] else "Pansus"
        j = i + 1 if low[i] in ("pansus", "panja") else i + 2
        j = s.skip_parenthetical(j)
        words, end = _name_words(s, j, stop_at_core=True)
        short = _short_name_in_brackets(s, j, end, label)
        return (short or f"{label} {' '.join(words)}".strip(), end)
    if low[i] == "fraksi" and i + 1 < len(s) and s.tokens[i + 1].is_capitalised:
        # "Fraksi PDIP", "Fraksi Partai Golkar": the party's name, not the member after it
        j = i + 1
        if low[j] == "partai" and j + 1 < len(s):
            j += 1
        for length in (3, 2, 1):
            if key_of("".join(t.text for t in s.tokens[j:j + length])) in s.lex.parties:
                return "Fraksi " + s.span_text(i + 1, j + length), j + length
        return None
    fallback = None
    for length in range(5, 0, -1):
        phrase = tuple(s.low[i:i + length])
        if len(phrase) == length and phrase in s.lex.organ_names:
            end = s.skip_parenthetical(i + length)
            if _legislature_core(s, end) is not None:
                return s.lex.organ_names[phrase], end
            fallback = fallback or (s.lex.organ_names[phrase], end)
    return fallback


def _short_name_in_brackets(s: _Scanner, start: int, end: int, label: str) -> str | None:
    """"Panitia Khusus Pembahasan Tata Tertib (Pansus Tatib)": the article's own short name."""
    for k in range(start, end):
        if s.low[k] == "(" and k + 1 < end and s.tokens[k + 1].text == label:
            close = s.skip_parenthetical(k, max_words=6)
            if close > k:
                return " ".join(t.text for t in s.tokens[k + 1:close - 1])
    return None


def _name_words(s: _Scanner, i: int, stop_at_core: bool, max_words: int = 8
                ) -> tuple[list[str], int]:
    """Capitalised words of a name from ``i``; "Long Form (ABBR)" contributes its ABBR."""
    words: list[str] = []
    j = i
    while j < len(s) and len(words) < max_words:
        tok = s.tokens[j]
        if stop_at_core and _legislature_core(s, j) is not None:
            break
        if tok.text == "(":
            close = s.skip_parenthetical(j)
            if close > j:
                inner = [t.text for t in s.tokens[j + 1:close - 1] if t.is_word]
                back = _abbreviated_words(words, inner)
                words = words[:len(words) - back] + inner
                j = close
                continue
            break
        if tok.is_word and (tok.is_capitalised or tok.text[0].isdigit()):
            words.append(tok.text)
            j += 1
            continue
        break
    return words, j


def _abbreviated_words(words: list[str], inner: list[str]) -> int:
    """How many trailing ``words`` the abbreviation ``inner`` stands for ("Rancangan
    Peraturan Daerah (Ranperda)" -> 3), 0 when it is not their abbreviation."""
    if len(inner) != 1 or not words:
        return 0
    abbr = inner[0].lower().replace("-", "")
    for count in range(min(len(words), 6), 1, -1):
        if is_abbreviation_of(abbr, [w.lower() for w in words[-count:]]):
            return count
    return 0


def is_abbreviation_of(abbr: str, words: Sequence[str]) -> bool:
    """True when ``abbr`` is built from a prefix of each word in order ("ranperda" from
    "rancangan peraturan daerah"); short function words may be skipped."""
    if not words:
        return not abbr
    word, rest = words[0], words[1:]
    if word in ("dan", "dari", "di", "&", "serta") and is_abbreviation_of(abbr, rest):
        return True
    for k in range(min(len(word), len(abbr)), 0, -1):
        if abbr.startswith(word[:k]) and is_abbreviation_of(abbr[k:], rest):
            return True
    return False


def _legislature_core(s: _Scanner, i: int) -> tuple[str, int] | None:
    """The legislature word at ``i`` -> (family, end): family is dprd, dpr, dpd, mpr, dprk,
    or a short form of a named provincial legislature (dpra, dprp, ...)."""
    if i >= len(s):
        return None
    low = s.low
    for words, family in (
        (("dewan", "perwakilan", "rakyat", "daerah"), "dprd"),
        (("dewan", "perwakilan", "rakyat"), "dpr"),
        (("dewan", "perwakilan", "daerah"), "dpd"),
        (("majelis", "permusyawaratan", "rakyat"), "mpr"),
    ):
        j = s.words_at(i, words)
        if j > 0:
            return family, s.skip_parenthetical(j)
    word = low[i]
    if word in ("dprd", "dprk", "dpr", "dpd", "mpr"):
        return word, s.skip_parenthetical(i + 1)
    if word in ("dpr-ri", "dpd-ri", "mpr-ri"):
        return word[:3] + "-ri", i + 1
    if word.upper() in s.gaz.legislature_short_forms():
        return word, s.skip_parenthetical(i + 1)
    return None


def _national_suffix(s: _Scanner, j: int) -> int:
    """Skip "RI", "Republik Indonesia", "-RI", "(DPR RI)" after a national body."""
    if j < len(s) and s.low[j] == "-" and j + 1 < len(s) and s.low[j + 1] == "ri":
        j += 2
    elif j < len(s) and s.low[j] == "ri":
        j += 1
    elif s.words_at(j, ("republik", "indonesia")) > 0:
        j += 2
    return s.skip_parenthetical(j)


def _legislature_at(s: _Scanner, i: int) -> tuple[Mention, int] | None:
    unit = None
    role_unit = None
    start = i
    found_role = s.longest_phrase(i, s.lex.role_units, max_len=4)
    core_at = i
    if found_role:
        role_unit, core_at = found_role
        core_at = s.skip_parenthetical(core_at)
        if core_at < len(s) and s.low[core_at] == "dewan" and \
                _legislature_core(s, core_at) is None:
            core_at = s.skip_parenthetical(core_at + 1)  # "Sekertaris Dewan (Sekwan) DPRD X"
        if _led_by_or_with_members(s.low, i):
            role_unit = None  # "dipimpin Wakil Ketua DPRD X", "anggota dan pimpinan DPRD X"
    found_unit = _unit_at(s, core_at)
    if found_unit and _legislature_core(s, found_unit[1]) is not None:
        unit, core_at = found_unit
        role_unit = None
    core = _legislature_core(s, core_at)
    if core is None:
        if found_unit and found_unit[0] != "Pimpinan" and not found_role:
            unit, end = found_unit
            # "Komisi A melakukan ..." : an organ of a legislature named elsewhere
            if unit.startswith(("Komisi", "Pansus", "Panja", "Fraksi", "Bapemperda", "Badan",
                                "Komite")):
                return Mention("legislature", s.tokens[i].start, s.tokens[end - 1].end,
                               s.span_text(i, end), unit=unit), end
        return None
    family, j = core
    if family == "dprd" and j < len(s) and s.low[j] == "se":
        return None  # "DPRD se-Indonesia": not one body
    mention = Mention("legislature", 0, 0, "", unit=unit, role_unit=role_unit)
    short_forms = s.gaz.legislature_short_forms()
    if family.upper() in short_forms:
        mention.special_legislature = family.upper()
        region = short_forms[family.upper()]
        candidates, level, hint, k = s.qualified_region(j)
        provinces = tuple(r for r in candidates if r.type == "provinsi")
        mention.candidates = provinces or (region,)
        mention.level = "provinsi"
        j = k if provinces else j
    elif family == "dprk":
        candidates, level, hint, j = s.qualified_region(j)
        mention.regency_legislature = True
        mention.candidates = tuple(r for r in candidates if r.type != "provinsi")
        mention.level, mention.province_hint = level, hint
    elif family in ("dpr", "dpr-ri"):
        candidates, level, hint, k = s.qualified_region(j)
        provinces = tuple(r for r in candidates if r.type == "provinsi"
                          and (r.province_code in _named_legislature_codes(s)
                               or level == "provinsi"))
        if family == "dpr" and provinces:
            mention.candidates, mention.level, j = provinces, "provinsi", k
        else:
            mention.national = "DPR RI"
            j = _national_suffix(s, j)
    elif family in ("dpd", "dpd-ri"):
        after = _national_suffix(s, j)
        if after == j and j < len(s) and (s.tokens[j].is_capitalised or s.low[j] == "partai"):
            return None  # "DPD Golkar", "DPD Partai X": a party board, not the senate
        if i > 0 and s.low[i - 1] == "partai":
            return None
        mention.national, j = "DPD RI", after
    elif family in ("mpr", "mpr-ri"):
        mention.national, j = "MPR RI", _national_suffix(s, j)
    else:  # dprd
        candidates, level, hint, k = s.qualified_region(j)
        if candidates:
            mention.candidates, mention.level, mention.province_hint, j = (
                candidates, level, hint, k)
        elif level:
            mention.level = level
            j = k
        if j < len(s) and s.low[j] == "setempat":
            mention.local = True
            j += 1
    mention.start = s.tokens[start].start
    mention.end = s.tokens[j - 1].end
    mention.text = s.span_text(start, j)
    return mention, j


def _led_by_or_with_members(low: Sequence[str], i: int) -> bool:
    """A role that does not make the whole delegation that organ: its leader ("dipimpin
    Wakil Ketua DPRD X") or leaders together with members ("anggota dan pimpinan DPRD X")."""
    before = low[max(0, i - 3):i]
    after = low[i + 1:i + 3]
    leading = ("dipimpin", "diketuai", "memimpin", "didampingi", "bersama")
    return any(w in leading for w in before) or (
        "anggota" in before and "dan" in before) or (after[:2] == ["dan", "anggota"])


def _named_legislature_codes(s: _Scanner) -> set[str]:
    return {r.province_code for r in s.gaz.legislature_short_forms().values()}


def _coordinated_legislatures(s: _Scanner, first: Mention, j: int) -> list[tuple[Mention, int]]:
    """"DPRD Kota Pasuruan (Jawa Timur), Kabupaten Badung (Bali) dan Kabupaten Bangka Barat":
    each region with a level word, joined by commas or "dan", is a legislature of its own."""
    found: list[tuple[Mention, int]] = []
    while j < len(s) and s.low[j] in (",", "dan", "serta"):
        k = j + 1
        if k < len(s) and s.low[k] in ("dan", "serta"):
            k += 1
        if s.level_at(k) is None:
            break
        candidates, level, hint, end = s.qualified_region(k)
        if not candidates:
            break
        if level == "provinsi" and any(r.province_code == c.code for r in first.candidates
                                       for c in candidates):
            first.province_hint = candidates[0]  # "DPRD Kabupaten X, Provinsi Y"
            first.end = s.tokens[end - 1].end
            j = end
            continue
        mention = Mention("legislature", s.tokens[k].start, s.tokens[end - 1].end,
                          s.span_text(k, end), unit=first.unit, candidates=candidates,
                          level=level, province_hint=hint)
        found.append((mention, end))
        j = end
    return found


def _executive_at(s: _Scanner, i: int) -> tuple[Mention, int] | None:
    for table in (s.lex.governments, s.lex.executive_roles):
        found = s.longest_phrase(i, table, max_len=4)
        if not found:
            continue
        level, j = found
        j = s.skip_parenthetical(j)
        candidates, written_level, hint, end = s.qualified_region(j)
        if not candidates:
            continue
        wanted = written_level or (None if level == "any" else level)
        if wanted == "provinsi":
            candidates = tuple(r for r in candidates if r.type == "provinsi") or candidates
        elif wanted in ("kabupaten", "kota"):
            candidates = tuple(r for r in candidates if r.type != "provinsi") or candidates
        return Mention("executive", s.tokens[i].start, s.tokens[end - 1].end,
                       s.span_text(i, end), candidates=candidates, level=wanted,
                       province_hint=hint), end
    return None


def _ministry_at(s: _Scanner, i: int) -> tuple[Mention, int] | None:
    found = s.longest_phrase(i, s.lex.ministries, max_len=12)
    if found is None and s.low[i] == "menteri" and i + 1 < len(s):
        # "Menteri Dalam Negeri": the minister stands for the ministry
        rest = ("kementerian", *s.low[i + 1:i + 12])
        for length in range(len(rest), 1, -1):
            name = s.lex.ministries.get(rest[:length])
            if name:
                found = (name, i + length)
                break
    if found:
        name, j = found
    elif s.low[i] in ("kementerian", "kementrian") and i + 1 < len(s) \
            and s.tokens[i + 1].is_capitalised:
        words, j = _organisation_words(s, i + 1)
        if not words:
            return None
        name = "Kementerian " + " ".join(words)
    else:
        return None
    j = s.skip_parenthetical(j)
    if j < len(s) and s.low[j] == "ri":
        j += 1
    return Mention("ministry", s.tokens[i].start, s.tokens[j - 1].end, s.span_text(i, j),
                   name=name), j


def _organisation_at(s: _Scanner, i: int) -> tuple[Mention, int] | None:
    head = None
    prefix = s.lex.headquarters_prefix.get(s.low[i])
    for length in range(4, 0, -1):
        if tuple(s.low[i:i + length]) in s.lex.organisation_heads:
            head = length
            break
    if head is None and prefix is None and _office_acronym(s, i):
        head = 1
    if (head is None and prefix is None) or not s.tokens[i].is_capitalised:
        return None
    j = i + (head or 1)
    if j < len(s) and s.low[j] == ".":
        j += 1  # "PT. Winners"
    j = s.skip_parenthetical(j)
    if _legislature_core(s, j) is not None:
        return None  # "Kantor DPRD Bolsel": the legislature itself
    words, end = _organisation_words(s, j)
    if not words:
        return None
    written = _without_parentheticals(s.span_text(i, end))
    if prefix:
        written = prefix + written[len(s.tokens[i].text):]
    mention = Mention("organisation", s.tokens[i].start, s.tokens[end - 1].end,
                      s.span_text(i, end), name=_display_regions(written))
    mention.candidates = _regions_inside(s, j, end)
    return mention, end


RANKS = {"kombes", "irjen", "brigjen", "akbp", "akp", "kompol", "iptu", "ipda", "aiptu",
         "komjen", "letjen", "mayjen", "kolonel", "letkol", "mayor", "kapten", "jenderal"}
def _office_acronym(s: _Scanner, i: int) -> bool:
    """"Disnakerin Kabupaten Brebes", "Dinkes Kota Palu": a regional office's short name
    (Dis-/Din-) directly followed by its region."""
    word = s.tokens[i].text
    return (word[:3] in ("Dis", "Din") and len(word) > 4 and word[3:4].islower()
            and s.level_at(i + 1) is not None)


ORGANISATION_STOP = {"jalan", "jl", "jln", "kecamatan", "desa", "kelurahan", "kampung", "dusun",
                     "gedung", "ruang", "aula"}


def _starts_other_name(s: _Scanner, j: int) -> bool:
    return (_legislature_core(s, j) is not None
            or s.longest_phrase(j, s.lex.ministries, max_len=12) is not None
            or s.longest_phrase(j, s.lex.governments, max_len=3) is not None
            or s.longest_phrase(j, s.lex.executive_roles, max_len=3) is not None)


def _organisation_words(s: _Scanner, i: int) -> tuple[list[str], int]:
    """Words of an organisation's name after its head: capitalised words, numbers, initials
    ("dr.", "H."), "dan"/"&" between capitalised words; "(ABBR)" is skipped. The name stops
    before a day name, a street or sub-district, or another institution's name."""
    words: list[str] = []
    j = i
    while j < len(s) and len(words) < MAX_ORGANISATION_WORDS:
        tok, low = s.tokens[j], s.low[j]
        nxt = s.tokens[j + 1] if j + 1 < len(s) else None
        if low in ORGANISATION_STOP and j + 1 < len(s) and _starts_other_name(s, j + 1):
            words.append(tok.text)  # "Ditjen Bina Pemerintahan Desa Kemendagri": its name
            j += 1
            break
        if low in DAY_NAMES or low in ORGANISATION_STOP or low in RANKS \
                or _starts_other_name(s, j):
            break
        if words and tuple(s.low[j:j + 1]) in s.lex.organisation_heads and \
                s.low[j - 1] in ("&", "dan", ","):
            break  # "PT A & PT B": two companies
        if tok.text == "(":
            close = s.skip_parenthetical(j)
            if close == j:
                break
            j = close
            continue
        initial = low in ("dr", "drg", "h", "hj", "ir", "prof") and nxt is not None \
            and nxt.text == "."
        joined = low in ("dan", "&") and nxt is not None and nxt.is_capitalised and bool(words)
        if (tok.is_word and (tok.is_capitalised or tok.text[0].isdigit())) or initial or joined:
            words.append(tok.text)
        elif tok.text in (".", "-", "/") and words and nxt is not None and nxt.is_capitalised \
                and (tok.text != "." or len(s.tokens[j - 1].text) <= 3):
            pass  # "D.I.Y", "PT. Winners", "Una-Una", "ATR/BPN"; not a sentence's end
        elif tok.text == "," and words and _comma_inside_name(s, j):
            pass
        else:
            break
        j += 1
    while words and words[-1].lower() in ("dan", "&"):
        words.pop()
        j -= 1
    while j > i and not s.tokens[j - 1].is_word and s.tokens[j - 1].text != ")":
        j -= 1
    return words, j


def _without_parentheticals(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\s*\([^()]{1,40}\)", "", text)).strip()


def _display_regions(name: str) -> str:
    for formal, display in PROVINCE_DISPLAY.items():
        name = name.replace(formal, display)
    return name


def _comma_inside_name(s: _Scanner, j: int) -> bool:
    """"Dinas Pendidikan, Pemuda dan Olahraga": a comma inside a name is followed by one
    capitalised word and then "dan"."""
    return (j + 3 < len(s) and s.tokens[j + 1].is_capitalised and s.low[j + 2] == "dan"
            and s.tokens[j + 3].is_capitalised and s.low[j + 1] not in DAY_NAMES)


def _regions_inside(s: _Scanner, i: int, j: int) -> tuple[Region, ...]:
    """The region an organisation's name ends with, written with its level ("Dinas PUPR
    Kabupaten Gunungkidul") or as the last words ("RSUD Anutapura Palu")."""
    k = i
    best: tuple[Region, ...] = ()
    while k < j:
        candidates, level, _, end = s.qualified_region(k)
        if candidates and end <= j and (level or end == j):
            if level:
                candidates = tuple(r for r in candidates if r.type == level) or candidates
            best = candidates
            k = end
        else:
            k += 1
    return best


def _place_at(s: _Scanner, i: int) -> tuple[Mention, int] | None:
    level = s.level_at(i)
    if s.low[i] == "kecamatan" and i + 1 < len(s):
        districts, end = s.district_at(i + 1)
        if districts:
            return Mention("place", s.tokens[i].start, s.tokens[end - 1].end,
                           s.span_text(i, end), candidates=districts, level="kecamatan"), end
        return None
    if level is None and i > 0 and s.tokens[i - 1].is_capitalised and s.tokens[i - 1].is_word \
            and s.low[i - 1] not in LEVEL_WORDS and s.low[i - 1] not in FUNCTION_WORDS:
        return None  # inside someone's name or another proper name
    candidates, written_level, hint, end = s.qualified_region(i)
    if not candidates:
        if i > 0 and s.low[i - 1] == "di":
            districts, end = s.district_at(i)  # "di Tanjung Pandan": a town
            if districts:
                return Mention("place", s.tokens[i].start, s.tokens[end - 1].end,
                               s.span_text(i, end), candidates=districts, level="kecamatan",
                               bare=True), end
        return None
    if written_level:
        candidates = tuple(r for r in candidates if r.type == written_level) or candidates
    return Mention("place", s.tokens[i].start, s.tokens[end - 1].end, s.span_text(i, end),
                   candidates=candidates, level=written_level, province_hint=hint,
                   bare=written_level is None), end


@lru_cache(maxsize=1)
def _lowercase_starts() -> frozenset[str]:
    """Lowercase words a mention may start with ("pimpinan DPRD", "ke provinsi Bali",
    "gubernur Jawa Barat"); any other lowercase word starts none, so it is skipped fast."""
    lex = lexicon()
    words = set(LEVEL_WORDS) | {"kecamatan", "komisi", "komite", "pansus", "panja", "panitia",
                                "fraksi", "dprd", "dpr", "dpd", "mpr", "dewan", "majelis",
                                "kementerian", "kementrian"}
    for table in (lex.organ_names, lex.role_units, lex.ministries, lex.executive_roles,
                  lex.governments):
        words |= _first_words(table)
    return frozenset(words)


def find_mentions(text: str, offset: int = 0, tokens: Sequence[Token] | None = None
                  ) -> list[Mention]:
    """Institutions and places named in ``text`` (one sentence), in order, not overlapping.
    ``tokens`` are its rule tokens when the caller has them already."""
    if tokens is None:
        tokens = tokenize(text, offset)
    s = _Scanner(tokens, text, offset)
    starts = _lowercase_starts()
    mentions: list[Mention] = []
    i = 0
    while i < len(s):
        found = None
        token = s.tokens[i]
        if token.is_word and (token.text[0].isupper() or s.low[i] in starts):
            found = (_legislature_at(s, i) or _executive_at(s, i) or _ministry_at(s, i)
                     or _organisation_at(s, i) or _place_at(s, i))
        if found is None:
            i += 1
            continue
        mention, end = found
        mentions.append(mention)
        if mention.kind == "legislature" and mention.candidates:
            for extra, extra_end in _coordinated_legislatures(s, mention, end):
                mentions.append(extra)
                end = extra_end
        i = max(end, i + 1)
    mentions = _attach_ministry_units(mentions, text, offset)
    _mark_qualifiers(mentions, s)
    return mentions


HEAD_EXPANSIONS = {"Ditjen ": "Direktorat Jenderal ", "Dirjen ": "Direktorat Jenderal "}


def _expand_head(name: str) -> str:
    for short, full in HEAD_EXPANSIONS.items():
        if name.startswith(short):
            return full + name[len(short):]
    return name


def _attach_ministry_units(mentions: list[Mention], text: str, offset: int) -> list[Mention]:
    """"Direktorat Jenderal Otonomi Daerah Kemendagri": a directorate right before its
    ministry is that ministry's unit."""
    merged: list[Mention] = []
    for mention in mentions:
        previous = merged[-1] if merged else None
        if (mention.kind == "ministry" and previous is not None
                and previous.kind == "organisation" and previous.name
                and previous.name.startswith(("Direktorat", "Ditjen", "Badan", "Balai"))
                and not text[previous.end - offset:mention.start - offset].strip(" ,")):
            merged[-1] = replace(mention, start=previous.start,
                                 unit=_expand_head(previous.name),
                                 text=text[previous.start - offset:mention.end - offset])
            continue
        merged.append(mention)
    return merged


def _contains(outer: Mention, inner: Mention) -> bool:
    """"Tokyo, Jepang", "Makassar, Sulawesi Selatan": the second place contains the first."""
    return any(i.code != o.code and (i.code.startswith(o.code + ".") or i.code == o.code)
               for o in outer.candidates for i in inner.candidates) or any(
        i.code == o.code for o in outer.candidates for i in inner.candidates
        if o.type == "negara")


def _mark_qualifiers(mentions: list[Mention], s: _Scanner) -> None:
    """A place right after an institution, alone or after "di" or a comma, says where that
    institution is ("PT LEEA Footwear Kecamatan Balapulang", "RSUD X, Kabupaten Belitung",
    "Sekretariat DPRP Papua Tengah di Nabire"); it is not a second place visited."""
    text, offset = s.text, s.offset
    for previous, mention in pairwise(mentions):
        if mention.kind != "place" or (previous.kind == "place" and not _contains(
                mention, previous)):
            continue  # a place after a place qualifies it only when it contains it
        between = text[previous.end - offset:mention.start - offset].strip()
        if between not in ("", ",", "di", ", di"):
            continue
        mention.qualifier = True
        if previous.kind == "organisation" and not previous.candidates:
            previous.candidates = mention.candidates
        if between in ("di", ", di") or previous.kind in ("legislature", "organisation"):
            previous.located_in = mention.candidates[0] if mention.candidates else None


# -- one organisation, several written forms --------------------------------------------

_NAME_NOISE = {"dr", "h", "hj", "drs", "ir", "prof", "kh", "the"}


@lru_cache(maxsize=4096)
def _head_and_core(name: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """The head words of an organisation's name and the rest, with region names read as
    their region ("Dinas Pertanian Sumut" and "Dinas Pertanian Provinsi Sumatera Utara" have
    the same core)."""
    words = [w.strip(".,").lower() for w in name.split()]
    words = [w for w in words if w and w not in _NAME_NOISE]
    heads = lexicon().organisation_heads
    head: tuple[str, ...] = ()
    for length in range(min(4, len(words)), 0, -1):
        if tuple(words[:length]) in heads:
            head, words = tuple(words[:length]), words[length:]
            break
    return head, frozenset(_regions_as_codes(words))


def _regions_as_codes(words: list[str]) -> list[str]:
    gaz = gazetteer()
    out: list[str] = []
    i = 0
    while i < len(words):
        if words[i] in LEVEL_WORDS:
            i += 1
            continue
        for length in range(min(4, len(words) - i), 0, -1):
            found = gaz.lookup("".join(words[i:i + length]))
            if found:
                out.append("@" + found[0].code)
                i += length
                break
        else:
            out.append(words[i])
            i += 1
    return out


def unify_organisations(mentions: Sequence[Mention], headline: Sequence[Mention] = ()) -> None:
    """Give every written form of one organisation the same name: "RSUD dr. Marsidi Judono"
    and "Rumah Sakit Umum Daerah (RSUD) dr. H. Marsidi Judono" are one hospital, "Polda
    Metro" is "Polda Metro Jaya". The name kept is the most often written core with the
    fullest head. A headline's forms follow the body's (headlines capitalise every word, so
    their names run on: "PT X Pastikan Hak Pekerja")."""
    organisations = [m for m in mentions if m.kind == "organisation" and m.name]
    for mention in headline:
        if mention.kind == "organisation" and mention.name:
            _, core = _head_and_core(mention.name)
            body = [m for m in organisations if _head_and_core(m.name)[1] <= core]  # type: ignore[arg-type]
            if body:
                mention.name = max(body, key=lambda m: len(m.name)).name  # type: ignore[arg-type,return-value]
    if len(organisations) < 2:
        return
    cores = Counter(_head_and_core(m.name)[1] for m in organisations)  # type: ignore[arg-type]
    for mention in organisations:
        _, core = _head_and_core(mention.name)  # type: ignore[arg-type]
        related = [c for c in cores if c and (c <= core or core <= c)]
        if not related:
            continue
        best_core = max(related, key=lambda c: (cores[c], len(c)))
        forms = [m for m in organisations if _head_and_core(m.name)[1] == best_core]  # type: ignore[arg-type]
        best = max(forms, key=lambda m: (len(_head_and_core(m.name)[0]), len(m.name)))  # type: ignore[arg-type]
        if best is not mention:
            mention.name = best.name
            mention.candidates = best.candidates


# -- article-level resolution --------------------------------------------------------------

@dataclass(slots=True)
class RegionContext:
    """What the article says about regions, to choose among a name's candidates."""

    explicit: dict[str, set[str]] = field(default_factory=dict)  # key -> region types written
    provinces: dict[str, int] = field(default_factory=dict)  # province code -> mentions

    @classmethod
    def from_mentions(cls, mentions: Iterable[Mention], dateline: Region | None = None
                      ) -> RegionContext:
        context = cls()
        for mention in mentions:
            if mention.candidates and mention.level in ("provinsi", "kabupaten", "kota"):
                for region in mention.candidates:
                    if region.type == mention.level:
                        context.explicit.setdefault(key_of(region.name), set()).add(region.type)
            codes = {r.province_code for r in mention.candidates}
            if len(codes) == 1:
                code = codes.pop()
                context.provinces[code] = context.provinces.get(code, 0) + 1
            if mention.province_hint is not None:
                code = mention.province_hint.province_code
                context.provinces[code] = context.provinces.get(code, 0) + 2
        if dateline is not None:
            code = dateline.province_code
            context.provinces[code] = context.provinces.get(code, 0) + 2
        return context


def supported_town(mention: Mention, context: RegionContext) -> bool:
    """A town written alone ("di Tanjung Pandan") counts only when the article names its
    province elsewhere: many kecamatan share their name with common words ("di Pendopo")."""
    if not (mention.kind == "place" and mention.bare and mention.level == "kecamatan"):
        return True
    region = mention.region
    if region is None:
        return False
    itself = 1 if len({r.province_code for r in mention.candidates}) == 1 else 0
    return context.provinces.get(region.province_code, 0) > itself


def resolve(mention: Mention, context: RegionContext) -> None:
    """Choose ``mention.region`` among its candidates (in place)."""
    candidates = list(mention.candidates)
    if not candidates:
        return
    if mention.level in ("provinsi", "kabupaten", "kota"):
        typed = [r for r in candidates if r.type == mention.level]
        if typed:
            candidates = typed
        elif mention.level in ("kabupaten", "kota"):
            # "DPRD Kota Mamuju" where only a kabupaten exists: the name wins over the level.
            candidates = [r for r in candidates if r.type not in ("provinsi",)] or candidates
    if mention.regency_legislature:
        candidates = [r for r in candidates if r.type != "provinsi"] or candidates
    if mention.province_hint is not None:
        hinted = [r for r in candidates if r.province_code == mention.province_hint.code]
        candidates = hinted or candidates
    if len(candidates) > 1:
        candidates = _by_context(candidates, context, mention.level is None)
    mention.region = candidates[0]


def _by_context(candidates: list[Region], context: RegionContext, bare: bool) -> list[Region]:
    name_key = key_of(candidates[0].name)
    written = context.explicit.get(name_key, set())
    if bare and any(r.type == "provinsi" for r in candidates) and "kota" not in written \
            and "kabupaten" not in written:
        return [r for r in candidates if r.type == "provinsi"]  # "DPRD Bengkulu"
    if written:
        chosen = [r for r in candidates if r.type in written]
        if len(chosen) == 1:
            return chosen
    in_article = sorted(candidates, key=lambda r: -context.provinces.get(r.province_code, 0))
    best = context.provinces.get(in_article[0].province_code, 0)
    close = [r for r in in_article if context.provinces.get(r.province_code, 0) == best]
    if len(close) == 1:
        return close
    # Both a kabupaten and a kota of that name in one province: a bare name is the city's.
    return sorted(close, key=lambda r: (r.type != "kota", r.type != "kabupaten"))
