"""Article-level choice of each mention's region: what the article says about regions
("DPRD Bandung" is the kabupaten or the kota depending on the rest of the text)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from nlp.gazetteer import Region, key_of
from nlp.mention import Mention


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
