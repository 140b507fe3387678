"""The dateline: the place an article says it was written in ("SOLOK, (Utamapost) —"),
and how a place is named as a location."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from nlp.datafiles import read_tsv
from nlp.gazetteer import Region, gazetteer, key_of
from nlp.segment import Sentence

# "SOLOK, (Utamapost) —", "REPUBLIKA.CO.ID, JAKARTA --", "Serang, CINEWS.ID –"
_DATELINE = re.compile(r"^\s*(?P<head>[^–—\n]{2,70}?)\s*(?:(?:–|—)\s*|(?:--|-)\s+)\S")
CITY_PROVINCES = {"31"}  # DKI Jakarta: a province that is one city
MAX_DATELINE_PARAGRAPH = 3


@dataclass(frozen=True, slots=True)
class Dateline:
    name: str
    region: Region


def find_dateline(text: str, sentences: list[Sentence]) -> Dateline | None:
    """The place at the head of the article's first paragraphs, if one is a known region."""
    gaz = gazetteer()
    seen_paragraphs = set()
    for sentence in sentences:
        if sentence.paragraph in seen_paragraphs:
            continue
        seen_paragraphs.add(sentence.paragraph)
        if len(seen_paragraphs) > MAX_DATELINE_PARAGRAPH:
            break
        match = _DATELINE.match(sentence.text)
        if not match:
            continue
        for part in re.split(r"[,(]", match.group("head")):
            part = part.strip(" )")
            if not part or "." in part:
                continue
            regions = gaz.lookup(part) or gaz.lookup_district(part)
            if regions:
                region = _prefer_city(regions)
                return Dateline(place_display(part, region), region)
            seat = seat_towns().get(key_of(part))
            if seat is not None:  # "SANGATTA -": the seat of Kutai Timur
                return Dateline(seat[0], seat[1])
    return None


@dataclass(frozen=True, slots=True)
class Seat:
    """A town where a region's government sits (``data/region_seats.tsv``): how it is
    written as a location, and every way of writing it."""

    display: str
    names: tuple[str, ...]


@lru_cache(maxsize=1)
def region_seats() -> dict[str, tuple[Seat, ...]]:
    """Region code -> the towns its government sits or sat in (provinces, and regencies
    whose seat is not named like them)."""
    by_name = {r.full_name: r for r in gazetteer().by_code.values()
               if r.type in ("provinsi", "kabupaten")}
    seats = {}
    for row in read_tsv("region_seats.tsv"):
        region = by_name.get(row[0])
        if region is None:
            raise ValueError(f"region_seats.tsv: unknown region {row[0]!r}")
        towns = []
        for town in row[1].split(";"):
            names = tuple(n.strip() for n in town.split(",") if n.strip())
            towns.append(Seat(names[0], names))
        seats[region.code] = tuple(towns)
    return seats


@lru_cache(maxsize=1)
def seat_towns() -> dict[str, tuple[str, Region]]:
    """Key of a seat's name -> (its display name, the region it is the seat of); a town
    that seats a regency and its province ("Tanjung Selor") stands for the regency."""
    towns: dict[str, tuple[str, Region]] = {}
    by_code = gazetteer().by_code
    for code, seats in sorted(region_seats().items(), key=lambda item: -len(item[0])):
        for seat in seats:
            for name in seat.names:
                towns.setdefault(key_of(name), (seat.display, by_code[code]))
    return towns


def _prefer_city(regions: list[Region]) -> Region:
    order = {"kota": 0, "kabupaten": 1, "kecamatan": 2, "provinsi": 3, "negara": 4}
    return sorted(regions, key=lambda r: order[r.type])[0]


def place_display(written: str, region: Region) -> str:
    """How a place is named as a location: the region's own name ("BOLSEL" -> "Bolaang
    Mongondow Selatan"), a kecamatan or town as written, Jakarta's cities as "Jakarta"."""
    if region.administrative or (region.type == "provinsi" and region.code in CITY_PROVINCES):
        return "Jakarta"
    if region.type in ("kabupaten", "kota"):
        return region.name  # already the official spelling (gazetteer.official_name)
    return written.title() if written.isupper() else written

