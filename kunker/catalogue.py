"""The sources catalogue as users see it: each entry's province resolved like every other
region name kunker reads ("Maluku Utara", "Malut", "13"), and the entries of a province.

The crawler keeps ``province`` as written in the file; this edge module resolves it with the
gazetteer, so a typo in a user's file is one line naming the entry.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from kunker.errors import KunkerError

if TYPE_CHECKING:
    from crawler.sources import Source

NATIONAL = "nasional"
NATIONAL_CODE = "00"
NATIONAL_NAME = "Nasional (national outlets)"


@dataclass(frozen=True, slots=True)
class Province:
    code: str  # Kemendagri code ("82"), NATIONAL_CODE for national outlets
    name: str  # "Maluku Utara"


def national() -> Province:
    return Province(NATIONAL_CODE, NATIONAL_NAME)


def all_provinces() -> list[Province]:
    """The 38 provinces in Kemendagri code order."""
    from nlp.gazetteer import gazetteer

    return [Province(r.code, r.name) for r in gazetteer().regions_of_type("provinsi")]


def resolve_province(text: str, label: str = "--province") -> tuple[Province, str | None]:
    """The province ``text`` names, and a note when it was read as something else first
    (a kabupaten/kota stands for its province)."""
    from kunker.resolve import resolve_region
    from nlp.gazetteer import gazetteer

    typed = " ".join(text.split())
    if typed.casefold() == NATIONAL:
        return national(), None
    region = resolve_region(typed, label)
    if region.type == "provinsi":
        note = None if region.name.casefold() == typed.casefold() else (
            f"{typed!r} -> {region.name}"
        )
        return Province(region.code, region.name), note
    if region.type in ("kabupaten", "kota"):
        parent = gazetteer().province_of(region)
        note = f"{typed!r} is {region.full_name}, in {parent.name}: showing {parent.name}"
        return Province(parent.code, parent.name), note
    raise KunkerError(f"{label} {typed!r}: {region.full_name} is not an Indonesian province")


def province_of(source: Source, where: str = "the sources file") -> Province | None:
    """The province of an entry; None when it names none. ``KunkerError`` naming the entry
    when the name is not a province kunker knows."""
    if source.province is None:
        return None
    try:
        return _province_named(source.province)
    except KunkerError as exc:
        raise KunkerError(f"{where}: source {source.name!r}: {exc}") from None


@lru_cache(maxsize=256)
def _province_named(text: str) -> Province:
    return resolve_province(text, label="province")[0]


def by_province(sources: Iterable[Source], where: str = "the sources file"
                ) -> dict[str, list[Source]]:
    """Entries grouped by province code ("" for entries without a province)."""
    groups: dict[str, list[Source]] = {}
    for source in sources:
        province = province_of(source, where)
        groups.setdefault(province.code if province else "", []).append(source)
    return groups


def in_province(sources: Sequence[Source], province: Province, where: str = "the sources file"
                ) -> list[Source]:
    return by_province(sources, where).get(province.code, [])
