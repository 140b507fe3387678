"""Where a visit took place: a city or regency, or None.

In order: a place the reporting sentences put the meeting in ("di Tanjung Pandan",
"Kantor Gubernur, Kota Mataram", "ke Kemendagri Jakarta"); the dateline ("SOLOK, (Utamapost) —")
when it lies in the host's region; the host's own kabupaten/kota. A province alone is not a
location (it does not say where the meeting was), except DKI Jakarta, which is one city.
"""

from __future__ import annotations

import re
from functools import lru_cache

from nlp.analysis import ArticleAnalysis
from nlp.dateline import CITY_PROVINCES, place_display, region_seats
from nlp.drafts import DraftEvent, Side
from nlp.gazetteer import Region, gazetteer, key_of
from nlp.mention import Mention

MINISTRIES_SEAT = "Jakarta"  # where a delegation meets a ministry, unless the text says
_JAKARTA = re.compile(r"\bJakarta\b", re.IGNORECASE)
# A seat is a town, not the start of another name ("Tanjung Priok"), unless a level word or a
# weekday follows it ("di Sidikalang Kabupaten Dairi", "di Sampit Senin").
_NEXT_WORD = re.compile(r"\s+([A-Z][\w'-]*)")
SEAT_INTRODUCERS = "[Dd]i|[Kk]e|[Kk]ota|[Dd]ari|[Mm]enuju"
SEAT_FOLLOWERS = {"kabupaten", "kab", "kota", "provinsi", "prov", "kecamatan", "senin", "selasa",
                  "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad"}
VENUE_WORDS = {"ruang", "ruangan", "pertemuan", "gedung", "aula", "kantor", "rumah", "jabatan",
               "hotel", "balai", "pendopo", "kompleks", "komplek", "jalan", "jl", "rapat"}


def place_name(mention: Mention) -> str | None:
    """A place mention as a location name; None for a province (too wide)."""
    region = mention.region
    if region is None or (region.type == "provinsi" and region.code not in CITY_PROVINCES):
        return None
    if region.type == "negara":  # abroad: the city named ("Pyongyang"), not the country
        written = mention.text.strip(" .,")
        return written if key_of(written) in gazetteer().foreign_cities else None
    if region.type == "kecamatan" and not mention.bare:
        # "PT X Kecamatan Adiwerna": a sub-district says the regency
        region = gazetteer().regency_of(region)
        return place_display(region.name, region)
    written = re.sub(r"\s*\(.*?\)", "", mention.text)
    written = re.sub(r"^(Kabupaten|Kab\.?|Kota|Kecamatan|Provinsi)\s+", "", written).strip(" .,")
    if region.type in ("kabupaten", "kota") and key_of(written) != key_of(region.name) \
            and gazetteer().lookup_district(written):
        return place_display(written, gazetteer().lookup_district(written)[0])  # a town: "Wamena"
    return place_display(written, region)


def event_location(analysis: ArticleAnalysis, draft: DraftEvent) -> str | None:
    host = draft.host
    named = _place_named(analysis, draft)
    # a regency named as the place says less than its seat named elsewhere ("ke Kabupaten
    # Dairi ... di Kantor Bupati Dairi, Sidikalang")
    if named is not None and not _is_host_regency(named, host):
        return place_name(named)
    seat = _seat_named(analysis, host)
    if seat is not None:
        return seat
    if named is not None:
        return place_name(named)
    if host.kind == "place" and host.region is not None:
        name = place_name(host.mention)
        if name:
            return name
    if host.kind == "ministry":
        # the ministries sit in Jakarta, but an article that never says so does not say
        # where the delegation met them (a regional office, a call, a meeting elsewhere)
        return MINISTRIES_SEAT if _JAKARTA.search(analysis.article.text) else None
    dateline = analysis.dateline
    if dateline is not None and _inside(dateline.region, host.region) and (
            dateline.region.type != "provinsi" or dateline.region.code in CITY_PROVINCES):
        return dateline.name
    region = host.region
    if region is not None:
        region = gazetteer().regency_of(region)
    if region is not None and (region.type in ("kabupaten", "kota")
                               or region.code in CITY_PROVINCES):
        return place_display(region.name, region)
    return None


def _place_named(analysis: ArticleAnalysis, draft: DraftEvent) -> Mention | None:
    """A place the reporting sentences put the meeting in, inside the host's region."""
    host = draft.host
    # a town the delegation went to ("bertolak ke Makassar dan diterima DPRD Sulsel")
    for frame in draft.frames:
        for mention in frame.hosts:
            if mention.kind == "place" and mention is not host.mention and \
                    _inside(mention.region, host.region) and place_name(mention):
                return mention
    for wanted in ("di", "after host"):
        for index in draft.sentences:
            view = analysis.views[index]
            anchor = _host_position(view, host.institution)
            found = [
                mention for k, mention in enumerate(view.mentions)
                if mention.kind == "place" and mention is not host.mention
                and _meeting_place(view, k, host.institution) == wanted
                and _inside(mention.region, host.region) and place_name(mention)
            ]
            if found:
                # the place nearest after the host ("meninjau RSUD X di Tanjung Pandan")
                return min(found, key=lambda m: (m.start < anchor, abs(m.start - anchor)))
    return None


def _is_host_regency(mention: Mention, host: Side) -> bool:
    region = mention.region
    return region is not None and host.region is not None and \
        region.type == "kabupaten" and region.code == host.region.code


def _seat_named(analysis: ArticleAnalysis, host: Side) -> str | None:
    """The seat of the host's regency, or of its province when an institution of the
    province is visited, when the article names it as a place ("di Sampit", "Kantor Bupati
    Dairi, Sidikalang, Kamis", "ke Ruteng Kabupaten Manggarai"): a regency's council or
    government meets in its seat. A trip "ke Provinsi X" alone says no town."""
    region = host.region
    if region is None or region.type not in ("provinsi", "kabupaten") or (
            region.type == "provinsi" and host.kind == "place"):
        return None
    text = analysis.article.text
    for seat in region_seats().get(region.code, ()):
        for name in seat.names:
            for written in (name, name.upper()):
                for match in _seat_pattern(written).finditer(text):
                    after = _NEXT_WORD.match(text, match.end())
                    if after is None or after.group(1).lower() in SEAT_FOLLOWERS:
                        return seat.display
    return None


@lru_cache(maxsize=1024)
def _seat_pattern(name: str) -> re.Pattern[str]:
    # introduced as a place: after "di", "ke", "dari", "menuju", "kota", a comma, or opening
    # a line (a dateline)
    return re.compile(rf"(?:^|\n|\b(?:{SEAT_INTRODUCERS})\s+|,\s*){re.escape(name)}\b")


def _host_position(view, host: str | None) -> int:  # type: ignore[no-untyped-def]
    for mention in view.mentions:
        if host is not None and mention.institution == host:
            return mention.start
    return view.sentence.start


def _meeting_place(view, k: int, host: str | None) -> str | None:  # type: ignore[no-untyped-def]
    """A place is where the meeting was when "di" introduces it, maybe through a venue
    ("di ruang rapat Melati, Kantor Gubernur, Kota Mataram"), or when it follows the
    host directly ("Kemendagri Jakarta", "DPRD Kota Makassar, Sulawesi Selatan")."""
    first, _ = view.spans[k]
    j = first - 1
    while j >= 0 and first - j <= 10:
        word = view.low[j]
        if word == "di":
            return "di"
        token = view.tokens[j]
        if not (word in (",", ".", "(", ")") or word in VENUE_WORDS or token.is_capitalised):
            break
        j -= 1
    mention = view.mentions[k]
    if mention.qualifier and k > 0 and host is not None and \
            view.mentions[k - 1].institution == host:
        return "after host"
    return None


def _inside(place: Region | None, host: Region | None) -> bool:
    """True when ``place`` lies in ``host``'s region (or the host has no region)."""
    if place is None:
        return False
    if host is None:
        return True
    host = gazetteer().regency_of(host)
    return place.within(host) or (
        host.code.startswith(place.code + ".") and place.type != "provinsi")
