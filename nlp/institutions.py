"""Institutions and places named in a sentence: legislatures with their organs, regional
governments, ministries, other organisations, and regions.

``find_mentions`` reads one sentence with the recognisers of ``nlp.legislatures`` and
``nlp.organisations`` (places are read here); names whose region is ambiguous ("DPRD
Bandung": the kabupaten or the kota?) keep their candidates until
``nlp.region_context.resolve`` sees the whole article.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from itertools import pairwise

from nlp.canonical import resolver
from nlp.datafiles import read_lines
from nlp.foreign_names import english_organisation_at, foreign_body_at, foreign_party_at
from nlp.gazetteer import region_inside
from nlp.legislatures import coordinated_legislatures, legislature_at, members_at
from nlp.lexicon import lexicon, phrase_key
from nlp.mention import Mention
from nlp.organisations import executive_at, ministry_at, organisation_at
from nlp.scanner import FUNCTION_WORDS, LEVEL_WORDS, Scanner, first_words
from nlp.tokens import Token, tokenize


def _place_at(s: Scanner, i: int) -> tuple[Mention, int] | None:
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
    twin = s.twin_region(i)
    if twin is not None:  # "ke Kabupaten/Kota Malang": both places
        candidates, first, second, hint, end = twin
        return Mention("place", s.tokens[i].start, s.tokens[end - 1].end, s.span_text(i, end),
                       candidates=candidates, level=first, twin_level=second,
                       province_hint=hint), end
    candidates, written_level, hint, end = s.qualified_region(i)
    if not candidates:
        if i > 0 and s.low[i - 1] == "di":
            districts, end = s.district_at(i)  # "di Tanjung Pandan": a town
            if districts:
                return Mention("place", s.tokens[i].start, s.tokens[end - 1].end,
                               s.span_text(i, end), candidates=districts, level="kecamatan",
                               bare=True), end
            seat, end = s.seat_at(i, None)  # "di Sangatta": the regency's seat
            if seat:
                return Mention("place", s.tokens[i].start, s.tokens[end - 1].end,
                               s.span_text(i, end), candidates=seat, bare=True), end
        return None
    if written_level is None and i > 0 and s.low[i - 1] in _currencies() \
            and all(r.type == "negara" for r in candidates):
        return None  # "dolar Singapura": money, not a place
    if written_level:
        candidates = tuple(r for r in candidates if r.type == written_level) or candidates
    return Mention("place", s.tokens[i].start, s.tokens[end - 1].end, s.span_text(i, end),
                   candidates=candidates, level=written_level, province_hint=hint,
                   bare=written_level is None), end


@lru_cache(maxsize=1)
def _currencies() -> frozenset[str]:
    return frozenset(word.lower() for word in read_lines("currencies.txt"))


@lru_cache(maxsize=1)
def _lowercase_starts() -> frozenset[str]:
    """Lowercase words a mention may start with ("pimpinan DPRD", "ke provinsi Bali",
    "gubernur Jawa Barat"); any other lowercase word starts none, so it is skipped fast."""
    lex = lexicon()
    names = resolver()
    words = set(LEVEL_WORDS) | {"kecamatan", "komisi", "komite", "pansus", "panja", "panitia",
                                "fraksi", "dprd", "dpr", "dpd", "mpr", "dewan", "majelis",
                                "kementerian"}
    for table in (lex.organ_names, lex.role_units, names.ministries, lex.executive_roles,
                  lex.governments, lex.members, lex.foreign_bodies):
        words |= first_words(table)
    words |= {head[0] for head in lex.lowercase_heads}
    # a word is matched through its standard spelling ("kementrian" starts a ministry)
    words |= {variant for variant, standard in names.spellings.items() if standard in words}
    return frozenset(words)


def find_mentions(text: str, offset: int = 0, tokens: Sequence[Token] | None = None
                  ) -> list[Mention]:
    """Institutions and places named in ``text`` (one sentence), in order, not overlapping.
    ``tokens`` are its rule tokens when the caller has them already."""
    if tokens is None:
        tokens = tokenize(text, offset)
    s = Scanner(tokens, text, offset)
    starts = _lowercase_starts()
    mentions: list[Mention] = []
    i = 0
    while i < len(s):
        found = None
        token = s.tokens[i]
        if token.is_word and (token.text[0].isupper() or s.low[i] in starts):
            found = (members_at(s, i) or legislature_at(s, i) or executive_at(s, i)
                     or ministry_at(s, i) or foreign_body_at(s, i) or foreign_party_at(s, i)
                     or organisation_at(s, i) or english_organisation_at(s, i)
                     or _place_at(s, i))
        if found is None:
            i += 1
            continue
        mention, end = found
        mentions.append(mention)
        if mention.twin_level:  # "DPRD Kota dan Kabupaten Mojokerto": two bodies
            mentions.append(replace(mention, level=mention.twin_level, twin_level=None))
            mention.twin_level = None
        if mention.kind == "legislature" and mention.candidates:
            for extra, extra_end in coordinated_legislatures(s, mention, end):
                mentions.append(extra)
                end = extra_end
        i = max(end, i + 1)
    mentions = _attach_ministry_units(mentions, text, offset)
    _offices_of_governments(mentions, text, offset)
    _mark_qualifiers(mentions, s)
    _mark_lists(mentions, s)
    return mentions


def _attach_ministry_units(mentions: list[Mention], text: str, offset: int) -> list[Mention]:
    """"Direktorat Jenderal Otonomi Daerah Kemendagri": a directorate right before its
    ministry is that ministry's unit; "Ditjen Perkebunan" alone is the unit of the ministry
    the resolver knows it belongs to."""
    merged: list[Mention] = []
    for mention in mentions:
        previous = merged[-1] if merged else None
        if (mention.kind == "ministry" and previous is not None
                and previous.kind == "organisation" and previous.name
                and previous.name.startswith(("Direktorat", "Ditjen", "Dirjen", "Badan", "Balai"))
                and not text[previous.end - offset:mention.start - offset].strip(" ,")):
            known = resolver().directorate(previous.name)
            merged[-1] = replace(mention, start=previous.start,
                                 unit=known[1] if known else previous.name,
                                 text=text[previous.start - offset:mention.end - offset])
            continue
        merged.append(mention)
    for k, mention in enumerate(merged):
        known = resolver().directorate(mention.name or "") \
            if mention.kind == "organisation" else None
        if known is not None and known[0] is not None:
            merged[k] = replace(mention, kind="ministry", name=known[0], unit=known[1])
    return merged


OFFICE_JOINERS = {",", "dan", "serta", ", dan", ", serta", "&"}


def _offices_of_governments(mentions: list[Mention], text: str, offset: int) -> None:
    """"Dinas Perikanan dan Dinas Perhubungan Kabupaten Buton": offices listed before
    one written with its region are units of that government too; "Dinas PUPR Pemkab
    Buton": an office right before its government is that government's unit."""
    for k in range(len(mentions) - 2, -1, -1):
        office, after = mentions[k], mentions[k + 1]
        if office.kind != "organisation" or office.candidates \
                or not is_regional_office(office.name) \
                or after.kind != "executive" or not after.candidates:
            continue
        between = " ".join(text[office.end - offset:after.start - offset].split()).lower()
        if after.unit and between in OFFICE_JOINERS:
            mentions[k] = replace(after, start=office.start, end=office.end, text=office.text,
                                  unit=office.name, role_unit=None)
        elif after.unit is None and after.role_unit is None and not between:
            mentions[k] = replace(after, start=office.start, unit=office.name,
                                  text=text[office.start - offset:after.end - offset])
            del mentions[k + 1]


def is_regional_office(name: str | None) -> bool:
    """Whether ``name`` starts with the head of a regional government's office ("Dinas",
    "Biro", "Satpol PP"...; ``regional_offices`` in organisations.toml)."""
    words = phrase_key(name or "")
    if words[:1] == ("kantor",):
        words = words[1:]
    offices = lexicon().regional_offices
    return any(words[:length] in offices for length in range(1, 6))


def _contains(outer: Mention, inner: Mention) -> bool:
    """"Tokyo, Jepang", "Makassar, Sulawesi Selatan": the second place contains the first."""
    return any(region_inside(i, o) for o in outer.candidates for i in inner.candidates) or any(
        i.code == o.code for o in outer.candidates for i in inner.candidates
        if o.type == "negara")


def _mark_qualifiers(mentions: list[Mention], s: Scanner) -> None:
    """A place right after an institution, alone or after "di" or a comma, says where that
    institution is ("PT Cahaya Rajut Kecamatan Adiwerna", "RSUD X, Kabupaten Belitung",
    "Sekretariat DPRP Papua Selatan di Merauke"); it is not a second place visited."""
    text, offset = s.text, s.offset
    for previous, mention in pairwise(mentions):
        if mention.kind != "place" or (previous.kind == "place" and not _contains(
                mention, previous)):
            continue  # a place after a place qualifies it only when it contains it
        between = text[previous.end - offset:mention.start - offset].strip()
        if between not in ("", ",", "di", ", di"):
            continue
        mention.qualifier = True
        # "Kabupaten Bantul, Yogyakarta": the qualifier is the region that contains it
        containing = tuple(o for o in mention.candidates if any(
            region_inside(i, o) for i in previous.candidates))
        if containing:
            mention.candidates = containing
        if previous.kind == "organisation" and not previous.candidates:
            previous.candidates = mention.candidates
        if between in ("di", ", di") or previous.kind in ("legislature", "organisation"):
            previous.located_in = mention.candidates[0] if mention.candidates else None


LIST_WORDS = {",", "dan", "serta", "hingga", "sampai", "atau", "&"}


def _mark_lists(mentions: list[Mention], s: Scanner) -> None:
    """Places joined by commas and "dan" ("ke Kulon Progo, Gunungkidul, dan Yogyakarta")
    form a list: each member learns what the others are, which tells a bare "Yogyakarta"
    (province or city) which it is. A place's qualifier ("Tabanan, Bali") does not break
    its list."""
    groups: list[list[Mention]] = []
    last_end: int | None = None
    for mention in mentions:
        if mention.kind != "place":
            last_end = None
            continue
        if mention.qualifier:
            last_end = mention.end if last_end is not None else None
            continue
        if last_end is not None and _joins(s.text[last_end - s.offset:mention.start - s.offset]):
            groups[-1].append(mention)
        else:
            groups.append([mention])
        last_end = mention.end
    for group in groups:
        if len(group) < 2:
            continue
        for member in group:
            member.listed_with = tuple(_place_class(other) for other in group
                                       if other is not member)


def _joins(between: str) -> bool:
    words = between.replace(",", " , ").lower().split()
    return bool(words) and all(w in LIST_WORDS for w in words)


def _place_class(mention: Mention) -> str:
    types = {r.type for r in mention.candidates}
    if types == {"provinsi"}:
        return "province"
    return "either" if "provinsi" in types else "town"
