"""Legislatures and their organs written in a sentence: "Komisi II DPRD Provinsi Riau",
"Wakil Ketua DPRD Kaltim", "DPR RI", "DPRK Aceh Besar", "Pansus Tatib", coordinated
"DPRD Kota A, Kabupaten B dan Kabupaten C". Each recogniser returns (mention, end index) or
None.
"""

from __future__ import annotations

from collections.abc import Sequence

from nlp.canonical import LEGISLATURE_WORDS, NATIONAL_OF_FAMILY
from nlp.gazetteer import Region, in_province, key_of
from nlp.mention import Mention
from nlp.person_names import people_lexicon
from nlp.scanner import Scanner, commission_number


def _unit_at(s: Scanner, i: int) -> tuple[str, int] | None:
    """An organ written at ``i``: "Komisi IV", "Pansus Tatib", "Badan Anggaran (Banggar)"."""
    if i >= len(s):
        return None  # a role word ended the sentence ("... kata Sekwan")
    low = s.low
    if low[i] in ("komisi", "komite", "komixi") and i + 1 < len(s):
        number = commission_number(s.tokens[i + 1].text)
        label = "Komite" if low[i] == "komite" else "Komisi"
        return (f"{label} {number}", i + 2) if number else None
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
            if j + length > len(s):
                continue  # a party name cut by the sentence's end is read shorter
            if key_of("".join(t.text for t in s.tokens[j:j + length])) in s.lex.parties:
                return "Fraksi " + s.span_text(i + 1, j + length), j + length
        return None
    fallback = None
    for length in range(5, 0, -1):
        phrase = tuple(s.low[i:i + length])
        if len(phrase) == length and phrase in s.lex.organ_names:
            end = s.skip_parenthetical(i + length)
            if legislature_core(s, end) is not None:
                return s.lex.organ_names[phrase], end
            fallback = fallback or (s.lex.organ_names[phrase], end)
    return fallback


def _short_name_in_brackets(s: Scanner, start: int, end: int, label: str) -> str | None:
    """"Panitia Khusus Pembahasan Tata Tertib (Pansus Tatib)": the article's own short name."""
    for k in range(start, end):
        if s.low[k] == "(" and k + 1 < end and s.tokens[k + 1].text == label:
            close = s.skip_parenthetical(k, max_words=6)
            if close > k:
                return " ".join(t.text for t in s.tokens[k + 1:close - 1])
    return None


def _name_words(s: Scanner, i: int, stop_at_core: bool, max_words: int = 8
                ) -> tuple[list[str], int]:
    """Capitalised words of a name from ``i``; "Long Form (ABBR)" contributes its ABBR."""
    words: list[str] = []
    j = i
    while j < len(s) and len(words) < max_words:
        tok = s.tokens[j]
        if stop_at_core and legislature_core(s, j) is not None:
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
        if people_lexicon().is_honorific(s.low[j]):
            break  # "Wakil Ketua Pansus Ir. Hartono": a person's title, not the organ's name
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


def legislature_core(s: Scanner, i: int) -> tuple[str, int] | None:
    """The legislature word at ``i`` -> (family, end): family is dprd, dpr, dpd, mpr, dprk,
    or a short form of a named provincial legislature (dpra, dprp, ...)."""
    if i >= len(s):
        return None
    found = s.longest_phrase(i, LEGISLATURE_WORDS, max_len=4)  # the resolver's words
    if found is not None:
        family, end = found
        inner = _other_family_in_brackets(s, end, family)
        if inner is not None:
            # "Dewan Perwakilan Daerah (DPRD) Kabupaten X": the bracketed family, its name
            # going on after them; "Dewan Perwakilan Rakyat (DPRD Kabupaten X)": none here,
            # the bracketed name is read on its own
            close = s.skip_parenthetical(end, max_words=1)
            return (inner, close) if close > end else None
        return family, s.skip_parenthetical(end)
    word = s.low[i]
    if word in ("dpr-ri", "dpd-ri", "mpr-ri"):
        return word[:3] + "-ri", i + 1
    if word.upper() in s.gaz.legislature_short_forms():
        return word, s.skip_parenthetical(i + 1)
    return None


def _other_family_in_brackets(s: Scanner, i: int, family: str) -> str | None:
    """The family of a regional legislature that brackets at ``i`` open with, after the
    national ``family``: a writer who spelt out a national name for a regional council, or
    mixed up its words, means the council the brackets name (a regional name with a
    national short form in brackets is a slip of the short form, and stays regional)."""
    if family not in NATIONAL_OF_FAMILY or i + 1 >= len(s) or s.low[i] != "(":
        return None
    inner = s.longest_phrase(i + 1, LEGISLATURE_WORDS, max_len=4)
    return inner[0] if inner is not None and inner[0] not in NATIONAL_OF_FAMILY else None


def _national_suffix(s: Scanner, j: int) -> int:
    """Skip "RI", "Republik Indonesia", "-RI", "(DPR RI)" after a national body."""
    if j < len(s) and s.low[j] == "-" and j + 1 < len(s) and s.low[j + 1] == "ri":
        j += 2
    elif j < len(s) and s.low[j] == "ri":
        j += 1
    elif s.words_at(j, ("republik", "indonesia")) > 0:
        j += 2
    return s.skip_parenthetical(j)


def legislature_at(s: Scanner, i: int) -> tuple[Mention, int] | None:
    unit = None
    role_unit = None
    start = i
    found_role = s.longest_phrase(i, s.lex.role_units, max_len=4)
    core_at = i
    if found_role:
        role_unit, core_at = found_role
        core_at = s.skip_parenthetical(core_at)
        if core_at < len(s) and s.low[core_at] == "dewan" and \
                legislature_core(s, core_at) is None:
            core_at = s.skip_parenthetical(core_at + 1)  # "Sekertaris Dewan (Sekwan) DPRD X"
        if _led_by_or_with_members(s.low, i):
            role_unit = None  # "dipimpin Wakil Ketua DPRD X", "anggota dan pimpinan DPRD X"
    found_unit = _unit_at(s, core_at)
    if found_unit and legislature_core(s, found_unit[1]) is not None:
        unit, core_at = found_unit
        role_unit = None
    core = legislature_core(s, core_at)
    if core is None:
        if found_unit and found_unit[0] != "Pimpinan" and not found_role:
            unit, end = found_unit
            place = _place_of_body(s, end, written_level=True) \
                if s.low[end:end + 1] == ["dari"] else None
            if place is not None:
                # "Komisi C dari Kabupaten Indragiri Hulu": that regency's legislature
                return _body_of_place(s, i, place, unit=unit)
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
        candidates, level, hint, j = s.qualified_region(j, fuzzy=True)
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
        place = _place_of_body(s, j, written_level=s.low[j:j + 1] == ["dari"])
        candidates, level, hint, k = s.qualified_region(j, fuzzy=True)
        if place is not None:
            # "DPRD Kota dan Kabupaten Mojokerto", "DPRD dari Kabupaten Pasuruan"
            (mention.candidates, mention.level, mention.twin_level, mention.province_hint,
             j) = place
        elif candidates:
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


BodyPlace = tuple[tuple[Region, ...], str | None, str | None, Region | None, int]


def _place_of_body(s: Scanner, j: int, written_level: bool) -> BodyPlace | None:
    """The region a legislature is named by at ``j``: "[dari] [level] Name" -> candidates,
    level, second level ("Kota dan Kabupaten Mojokerto": both bodies), hint, end; None
    when no region stands there, or ``written_level`` and the region has no level word."""
    k = j + 1 if s.low[j:j + 1] == ["dari"] else j
    twin = s.twin_region(k)
    if twin is not None:
        return twin
    if k == j and not written_level:
        return None  # a plain "DPRD Name" is read by qualified_region
    candidates, level, hint, end = s.qualified_region(k, fuzzy=True)
    if not candidates or (written_level and level is None):
        return None
    return candidates, level, None, hint, end


def _body_of_place(s: Scanner, i: int, place: BodyPlace, unit: str | None = None
                   ) -> tuple[Mention, int]:
    candidates, level, twin, hint, end = place
    return Mention("legislature", s.tokens[i].start, s.tokens[end - 1].end, s.span_text(i, end),
                   unit=unit, candidates=candidates, level=level, twin_level=twin,
                   province_hint=hint), end


def members_at(s: Scanner, i: int) -> tuple[Mention, int] | None:
    """"para wakil rakyat dari Kota Tarakan", "anggota dewan Kabupaten Sleman", "legislator
    dari Jombang", "Dewan Kota Banjarbaru": a legislature named by its members and its
    region. "dewan" alone needs a level word next ("Dewan Pendidikan Kota X" is not one)."""
    found = s.longest_phrase(i, s.lex.members, max_len=4)
    if found is None:
        return None
    j = found[1]
    if j >= len(s) or legislature_core(s, j) is not None:
        return None  # "anggota dewan DPRD ...": the legislature recogniser reads it
    place = _place_of_body(s, j, written_level=False)  # "dari X", "Kota dan Kabupaten X"
    if place is None and s.low[j] != "dari" and s.tokens[j].is_capitalised:
        candidates, level, hint, end = s.qualified_region(j)
        place = (candidates, level, None, hint, end) if candidates else None
    if place is None or (s.std[i:j] == ["dewan"] and s.level_at(j) is None):
        return None
    return _body_of_place(s, i, place)


def _led_by_or_with_members(low: Sequence[str], i: int) -> bool:
    """A role that does not make the whole delegation that organ: its leader ("dipimpin
    Wakil Ketua DPRD X") or leaders together with members ("anggota dan pimpinan DPRD X")."""
    before = low[max(0, i - 3):i]
    after = low[i + 1:i + 3]
    leading = ("dipimpin", "diketuai", "memimpin", "didampingi", "bersama")
    return any(w in leading for w in before) or (
        "anggota" in before and "dan" in before) or (after[:2] == ["dan", "anggota"])


def _named_legislature_codes(s: Scanner) -> set[str]:
    return {r.province_code for r in s.gaz.legislature_short_forms().values()}


COORDINATION = {",", "dan", "serta", "hingga", "&"}


def coordinated_legislatures(s: Scanner, first: Mention, j: int) -> list[tuple[Mention, int]]:
    """"DPRD Kota Probolinggo (Jawa Timur), Kabupaten Gianyar (Bali) dan Kabupaten Belitung Timur",
    "DPRD Kolaka Utara, Kuantan Singingi dan Pesawaran": each region joined by commas or "dan"
    is a legislature of its own; a province after a region says where that region is."""
    found: list[tuple[Mention, int]] = []
    last = first
    while j < len(s) and s.low[j] in COORDINATION:
        k = j + 1
        if k < len(s) and s.low[k] in COORDINATION - {","}:
            k += 1
        candidates, level, hint, end = s.qualified_region(k)
        if not candidates:
            break
        # "Provinsi Bengkulu" also reads as the city of Bengkulu; the level word settles it
        provinces = [r for r in candidates if r.type == "provinsi"]
        only_provinces = len(provinces) == len(candidates)
        if provinces and (level == "provinsi" or (level is None and only_provinces)) \
                and any(in_province(r, c.code) and r.type != "provinsi"
                        for r in last.candidates for c in provinces):
            last.province_hint = provinces[0]  # "DPRD Kabupaten X, Provinsi Y", "..., Bali"
            last.end = s.tokens[end - 1].end
            j = end
            continue
        mention = Mention("legislature", s.tokens[k].start, s.tokens[end - 1].end,
                          s.span_text(k, end), unit=first.unit, candidates=candidates,
                          level=level, province_hint=hint)
        found.append((mention, end))
        last, j = mention, end
    return found
