"""Where a visit took place: a city or regency, or None.

In order: a place the reporting sentences put the meeting in ("di Tanjung Pandan",
"Gedung Sate, Kota Bandung", "ke Kemendagri Jakarta"); the dateline ("PADANG, (Utamapost) —")
when it lies in the host's region; the host's own kabupaten/kota. A province alone is not a
location (it does not say where the meeting was), except DKI Jakarta, which is one city.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from nlp.gazetteer import Region, gazetteer, key_of
from nlp.segment import Sentence

if TYPE_CHECKING:
    from nlp.events import DraftEvent
    from nlp.extract import ArticleAnalysis
    from nlp.institutions import Mention

# "PADANG, (Utamapost) —", "REPUBLIKA.CO.ID, JAKARTA --", "Lebak, CINEWS.ID –"
_DATELINE = re.compile(r"^\s*(?P<head>[^–—\n]{2,70}?)\s*(?:–|—|--|-)\s+\S")
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
                return Dateline(_display(part, region), region)
    return None


def _prefer_city(regions: list[Region]) -> Region:
    order = {"kota": 0, "kabupaten": 1, "kecamatan": 2, "provinsi": 3}
    return sorted(regions, key=lambda r: order[r.type])[0]


def _display(written: str, region: Region) -> str:
    """How a place is named as a location: the region's own name ("BOLSEL" -> "Bolaang
    Mongondow Selatan"), a kecamatan or town as written, Jakarta's cities as "Jakarta"."""
    if region.administrative or (region.type == "provinsi" and region.code in CITY_PROVINCES):
        return "Jakarta"
    if region.type in ("kabupaten", "kota"):
        return region.name
    return written.title() if written.isupper() else written


def place_name(mention: Mention) -> str | None:
    """A place mention as a location name; None for a province (too wide)."""
    region = mention.region
    if region is None or (region.type == "provinsi" and region.code not in CITY_PROVINCES):
        return None
    written = re.sub(r"\s*\(.*?\)", "", mention.text)
    written = re.sub(r"^(Kabupaten|Kab\.?|Kota|Kecamatan|Provinsi)\s+", "", written).strip(" .,")
    if region.type in ("kabupaten", "kota") and key_of(written) != key_of(region.name) \
            and gazetteer().lookup_district(written):
        return _display(written, gazetteer().lookup_district(written)[0])  # a town: "Wamena"
    return _display(written, region)


def event_location(analysis: ArticleAnalysis, draft: DraftEvent) -> str | None:
    host = draft.host
    for index in draft.sentences:
        view = analysis.views[index]
        for k, mention in enumerate(view.mentions):
            if mention.kind != "place" or mention is host.mention:
                continue
            if not _is_meeting_place(view, k, host.mention):
                continue
            if _inside(mention.region, host.region):
                name = place_name(mention)
                if name:
                    return name
    if host.kind == "place" and host.region is not None:
        name = place_name(host.mention)
        if name:
            return name
    dateline = analysis.dateline
    if dateline is not None and _inside(dateline.region, host.region) and (
            dateline.region.type != "provinsi" or dateline.region.code in CITY_PROVINCES):
        return dateline.name
    region = host.region
    if region is not None and region.type in ("kabupaten", "kota"):
        return _display(region.name, region)
    if region is not None and region.type == "kecamatan":
        return region.name
    return None


def _is_meeting_place(view, k: int, host: Mention) -> bool:  # type: ignore[no-untyped-def]
    """A place is where the meeting was when "di" precedes it, or when it follows the host
    directly ("Kemendagri Jakarta", "DPRD Kota Makassar, Sulawesi Selatan")."""
    first, _ = view.spans[k]
    before = view.low[max(0, first - 2):first]
    if "di" in before:
        return True
    if host in view.mentions:
        host_index = view.mentions.index(host)
        between = view.low[view.spans[host_index][1]:first]
        return host_index < k and all(w in (",", "(", ")") for w in between) and len(between) <= 2
    return False


def _inside(place: Region | None, host: Region | None) -> bool:
    """True when ``place`` lies in ``host``'s region (or the host has no region)."""
    if place is None:
        return False
    if host is None:
        return True
    if host.type == "kecamatan":
        host = gazetteer().by_code[host.code.rsplit(".", 1)[0]]
    return place.code == host.code or place.code.startswith(host.code + ".") or (
        host.code.startswith(place.code + ".") and place.type != "provinsi")
