"""A named institution or place in a sentence, as the recognisers find it and the article's
context later resolves it (``region`` chosen among ``candidates``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from nlp.canonical import resolver
from nlp.gazetteer import Region

MentionKind = Literal["legislature", "executive", "ministry", "organisation", "place"]


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
    twin_level: str | None = None  # "DPRD Kota dan Kabupaten X": the second body's level
    province_hint: Region | None = None
    region: Region | None = None
    role_unit: str | None = None  # "Wakil Ketua DPRD X" -> Pimpinan
    bare: bool = False  # a place named without a level word
    special_legislature: str | None = None  # DPRA, DPRP: a named provincial legislature
    regency_legislature: bool = False  # written DPRK
    qualifier: bool = False  # a place that only says where the mention before it is
    located_in: Region | None = None  # "Sekretariat DPRP Papua Selatan di Merauke"
    local: bool = False  # "DPRD Provinsi setempat": the legislature of the place visited
    from_place: bool = False  # a legislature inferred from the places an article names
    # places listed with this one ("ke Kulon Progo, Gunungkidul dan Yogyakarta"): for each,
    # "province" when it can only be a province, "town" when it cannot be one, else "either"
    listed_with: tuple[str, ...] = ()

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
        names = resolver()
        if self.kind == "legislature":
            if self.national:
                return self.national
            if self.region is not None:
                return names.legislature_name(self.region,
                                              "dprk" if self.regency_legislature else None)
            return None
        if self.kind == "executive":
            return names.government_name(self.region) if self.region is not None else None
        if self.kind in ("ministry", "organisation"):
            return self.name
        return None
