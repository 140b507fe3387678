"""Article-level choice of each mention's region: what the article says about regions
("DPRD Bandung" is the kabupaten or the kota depending on the rest of the text). What a
name means when the article does not decide is the resolver's rule (``choose_bare``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from nlp.canonical import choose_bare
from nlp.gazetteer import Region, in_province, key_of
from nlp.mention import Mention

MIN_PROVINCE_LIST = 2  # "ke Jambi, Riau, dan Lampung": a list of at least two provinces


@dataclass(slots=True)
class RegionContext:
    """What the article says about regions, to choose among a name's candidates."""

    explicit: dict[str, set[str]] = field(default_factory=dict)  # key -> region types written
    provinces: dict[str, int] = field(default_factory=dict)  # province code -> mentions
    named: set[str] = field(default_factory=set)  # codes of regions named unambiguously

    @classmethod
    def from_mentions(cls, mentions: Iterable[Mention], dateline: Region | None = None
                      ) -> RegionContext:
        context = cls()
        for mention in mentions:
            if mention.candidates and mention.level in ("provinsi", "kabupaten", "kota"):
                for region in mention.candidates:
                    if region.type == mention.level:
                        context.explicit.setdefault(key_of(region.name), set()).add(region.type)
            typed = [r for r in mention.candidates
                     if mention.level not in ("provinsi", "kabupaten", "kota")
                     or r.type == mention.level]
            if len(typed) == 1:
                context.named.add(typed[0].code)  # "DIY", "Provinsi Bengkulu", "Kota Batu"
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
        hinted = [r for r in candidates if in_province(r, mention.province_hint.code)]
        candidates = hinted or candidates
    if len(candidates) > 1:
        candidates = _by_context(candidates, context, mention)
    mention.region = candidates[0]


def _by_context(candidates: list[Region], context: RegionContext, mention: Mention
                ) -> list[Region]:
    bare = mention.level is None
    if bare and mention.kind == "place" and {r.type for r in candidates} >= {"provinsi", "kota"}:
        return _province_or_city(candidates, context, mention)
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
    return choose_bare(close, for_place=mention.kind == "place")


def _province_or_city(candidates: list[Region], context: RegionContext, mention: Mention
                      ) -> list[Region]:
    """A place written without a level that names both a province and its capital ("ke
    Yogyakarta", "ke Bengkulu"): the city (the annotation guide's rule), unless the article
    names the province itself ("Daerah Istimewa Yogyakarta (DIY)") and not the city, or the
    place stands in a list of provinces; a list with towns keeps it a town."""
    cities = [r for r in candidates if r.type == "kota"]
    provinces = [r for r in candidates if r.type == "provinsi"]
    listed = mention.listed_with
    if any(r.code in context.named for r in cities) or "town" in listed:
        return cities
    if len(listed) >= MIN_PROVINCE_LIST and all(kind == "province" for kind in listed):
        return provinces
    if any(r.code in context.named for r in provinces):
        return provinces
    return cities
