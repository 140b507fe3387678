"""Reading a sentence's rule tokens for names: the cursor every recogniser shares (phrase
tables, brackets, level words, region names with their qualifiers)."""

from __future__ import annotations

from collections.abc import Sequence

from nlp.canonical import LEVELS, resolver
from nlp.dateline import seat_towns
from nlp.gazetteer import Region, gazetteer, in_province, key_of
from nlp.lexicon import lexicon
from nlp.tokens import Token

MAX_REGION_WORDS = 5
MAX_FUZZY_REGION_WORDS = 4
LEVEL_WORDS = LEVELS
DAY_NAMES = {"senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad"}
FUNCTION_WORDS = {"ke", "di", "dari", "dan", "serta", "untuk", "dengan", "pada", "menuju",
                  "kunjungi", "sambangi", "tinjau", "kunker", "kunjungan"}
ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII"]
ROMAN_SET = set(ROMAN[1:])


def commission_number(text: str) -> str | None:
    """A commission's number as written after "Komisi" ("IV", "B", "4"), in the form organ
    names use (a Roman numeral up to XIII or a letter A-E); None for anything else."""
    if text in ROMAN_SET or (len(text) == 1 and text in "ABCDE"):
        return text
    if text.isdecimal() and 0 < int(text) < len(ROMAN):  # not "²": int() refuses it
        return ROMAN[int(text)]
    return None


class Scanner:
    def __init__(self, tokens: Sequence[Token], text: str, offset: int) -> None:
        self.tokens = tokens
        self.low = [t.text.lower() for t in tokens]
        self.text = text
        self.offset = offset
        self.gaz = gazetteer()
        self.lex = lexicon()
        self.names = resolver()
        # words with their spelling variants standardised ("kementrian" -> "kementerian"):
        # what phrase tables are matched on
        self.std = [self.names.standard_word(w) for w in self.low]

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
        if self.std[i] not in first_words(table):
            return None
        for length in range(max_len, 0, -1):
            phrase = tuple(self.std[i:i + length])
            if len(phrase) == length and phrase in table:
                return table[phrase], i + length
        return None

    def longest_listed_name(self, i: int, table: dict[tuple[str, ...], str],
                            max_words: int = 12) -> tuple[str, int] | None:
        """``longest_phrase`` for names whose words a writer may separate by commas or not
        ("Kementerian Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi"): the table's
        keys hold the words alone, and a comma between two words is passed over."""
        if self.std[i] not in first_words(table):
            return None
        words: list[str] = []
        ends: list[int] = []
        j = i
        while j < len(self) and len(words) < max_words:
            if self.low[j] == "," and words and j + 1 < len(self) and self.tokens[j + 1].is_word:
                j += 1
                continue
            if not self.tokens[j].is_word:
                break
            words.append(self.std[j])
            j += 1
            ends.append(j)
        for length in range(len(words), 0, -1):
            name = table.get(tuple(words[:length]))
            if name is not None:
                return name, ends[length - 1]
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

    def region_at(self, i: int, fuzzy: bool = False) -> tuple[tuple[Region, ...], int]:
        """Longest region name (1..5 words, capitalised) starting at ``i``; with ``fuzzy``
        (a region must follow: "Kabupaten ...", "DPRD ..."), capitalised words one letter
        away from a region's name ("Kutai Kertanegara") read as that region."""
        if i >= len(self) or not self.tokens[i].is_word or not self.tokens[i].is_capitalised:
            return (), i
        best: tuple[tuple[Region, ...], int] = ((), i)
        key = ""
        for j in range(i, min(len(self), i + MAX_REGION_WORDS * 2)):
            token = self.tokens[j]
            if not (token.is_word or token.text == "."):
                break
            key += key_of(token.text)
            if not self.names.is_region_prefix(key):
                break
            if token.is_word:
                found = self.names.regions(key)
                if found:
                    best = (found, j + 1)
        if fuzzy:
            end = best[1]
            followed = end < len(self) and self.tokens[end].is_word \
                and self.tokens[end].is_capitalised
            if best[0] and not followed:
                return best  # nothing capitalised follows the name found
            return self._fuzzy_region_at(i, best)
        return best

    def _fuzzy_region_at(self, i: int, exact: tuple[tuple[Region, ...], int]
                         ) -> tuple[tuple[Region, ...], int]:
        """The longest run of capitalised words from ``i``, longer than ``exact``, that is
        one letter away from a region's name; else ``exact``."""
        run = i
        while run < len(self) and run - i < MAX_FUZZY_REGION_WORDS and \
                self.tokens[run].is_word and self.tokens[run].is_capitalised:
            run += 1
        for end in range(run, exact[1], -1):
            found = self.names.regions("".join(t.text for t in self.tokens[i:end]), fuzzy=True)
            if found:
                return found, end
        return exact

    def district_at(self, i: int) -> tuple[tuple[Region, ...], int]:
        for length in range(3, 0, -1):
            j = i + length
            span = self.tokens[i:j]
            if len(span) == length and all(t.is_word and t.is_capitalised for t in span):
                found = self.gaz.lookup_district("".join(t.text for t in span))
                if found:
                    return tuple(found), j
        return (), i

    def qualified_region(self, i: int, fuzzy: bool = False
                         ) -> tuple[tuple[Region, ...], str | None, Region | None, int]:
        """``[level] Name [(alias)] [Provinsi X | (Province)]`` -> candidates, level, hint, end.
        ``fuzzy``: a region must follow (after "DPRD"); a level word written says so too."""
        level = None
        found_level = self.level_at(i)
        start = i
        if found_level:
            level, i = found_level
            i = self.skip_parenthetical(i)
        candidates, j = self.region_at(i, fuzzy=fuzzy or level is not None)
        if not candidates and level is not None:
            candidates, j = self.region_at(start)  # "Kota Baru": a name with a level word
            level = None if candidates else level
        if not candidates and (level is not None or fuzzy):
            # "Kabupaten Tenggarong", "DPRD Sangatta": a regency named by its seat's town
            candidates, j = self.seat_at(i, level)
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
        elif hint is None:
            # "Kabupaten Magetan Jawa Timur": a province written right after one of its regions
            inner, k = self.region_at(j)
            containing = [r for r in inner if r.type == "provinsi" and any(
                in_province(c, r.code) and c.type != "provinsi" for c in candidates)]
            if containing:
                hint, j = containing[0], k
        if hint is not None and not any(in_province(r, hint.code) for r in candidates):
            # "Kabupaten Bandung (Bali)": the province says which name was meant (Badung)
            candidates = self.names.regions_in_province(candidates[0].name, hint) or candidates
        return candidates, level, hint, j


    def seat_at(self, i: int, level: str | None) -> tuple[tuple[Region, ...], int]:
        """The region whose government sits in the town named at ``i`` (of ``level`` when
        one is written), else nothing."""
        towns = seat_towns()
        for length in (3, 2, 1):
            span = self.tokens[i:i + length]
            if len(span) == length and all(t.is_word and t.is_capitalised for t in span):
                found = towns.get(key_of("".join(t.text for t in span)))
                if found is not None and level in (None, found[1].type):
                    return (found[1],), i + length
        return (), i

    def twin_region(self, i: int) -> tuple[tuple[Region, ...], str, str, Region | None, int] | None:
        """"Kota dan Kabupaten Mojokerto", "Kabupaten/Kota Malang": one name with two level
        words -> candidates, first level, second level, hint, end; None otherwise."""
        first = self.level_at(i)
        if first is None or first[1] >= len(self) or self.low[first[1]] not in TWIN_JOINERS:
            return None
        second = self.level_at(first[1] + 1)
        if second is None or second[0] == first[0]:
            return None
        candidates, _, hint, end = self.qualified_region(first[1] + 1, fuzzy=True)
        if not {first[0], second[0]} <= {r.type for r in candidates}:
            return None
        return candidates, first[0], second[0], hint, end


TWIN_JOINERS = {"dan", "&", "/", "serta"}
_FIRST_WORDS: dict[int, frozenset[str]] = {}


def first_words(table: dict[tuple[str, ...], str]) -> frozenset[str]:
    """First words of a phrase table's entries (tables are built once, so cache by id)."""
    found = _FIRST_WORDS.get(id(table))
    if found is None:
        found = _FIRST_WORDS[id(table)] = frozenset(k[0] for k in table if k)
    return found
