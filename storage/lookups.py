"""Get-or-create for the reference rows: sources, institutions, people.

Each insert is ``INSERT ... ON CONFLICT DO NOTHING`` on the row's unique key followed by a
select, so two processes creating the same institution at once both end up with the one row
the database let through, without an IntegrityError to recover from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.models import Institution, Person, Source, utcnow

# Kind/level from the shape of a canonical name, for names the gazetteer does not know
# (a regency spelled in a way it has no alias for, a ministry, an agency...).
NAME_PATTERNS: tuple[tuple[str, str, str | None], ...] = (
    ("DPRD Provinsi ", "dprd", "provinsi"),
    ("DPRD Kabupaten ", "dprd", "kabupaten"),
    ("DPRD Kota ", "dprd", "kota"),
    ("DPRK ", "dprd", None),
    ("DPR Aceh", "dprd", "provinsi"),
    ("DPR Papua", "dprd", "provinsi"),
    ("DPR RI", "dpr", "nasional"),
    ("DPD RI", "dpd", "nasional"),
    ("MPR RI", "mpr", "nasional"),
    ("Pemerintah Provinsi ", "executive", "provinsi"),
    ("Pemerintah Kabupaten ", "executive", "kabupaten"),
    ("Pemerintah Kota ", "executive", "kota"),
    ("Kementerian ", "ministry", "nasional"),
    ("Kemenko", "ministry", "nasional"),
)
REGION_PREFIXES = ("Provinsi ", "Kabupaten ", "Kota ")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class InstitutionDescription:
    kind: str
    level: str | None
    region_code: str | None


def describe(name: str) -> InstitutionDescription:
    """Kind, level and Kemendagri region code of a canonical institution name."""
    from nlp.gazetteer import describe_institution

    info = describe_institution(name)
    if info is not None:
        return InstitutionDescription(info.kind, info.level, info.region_code)
    for prefix, kind, level in NAME_PATTERNS:
        if name.startswith(prefix):
            return InstitutionDescription(kind, level, None)
    return InstitutionDescription("other", None, None)


@lru_cache(maxsize=4096)
def region_code_of_place(region: str | None) -> str | None:
    """Code of a host region named as in the schema ("Provinsi Bali", "Kota Samarinda")."""
    if not region or not region.startswith(REGION_PREFIXES):
        return None
    # The gazetteer resolves regions through their government's canonical name.
    return describe(f"Pemerintah {region}").region_code


TYPE_OF_PREFIX = {"Provinsi ": "provinsi", "Kabupaten ": "kabupaten", "Kab. ": "kabupaten",
                  "Kota ": "kota"}
# a town named alone that is both a kota and a kabupaten ("Semarang"): the meeting is in town
PLACE_PREFERENCE = {"kota": 0, "kabupaten": 1, "provinsi": 2}


@lru_cache(maxsize=4096)
def place_region_code(place: str | None, near: str | None = None) -> str | None:
    """Kemendagri code of where a visit took place ("Semarang", "Provinsi Bali"), or None.

    ``near`` (the host's region code) decides between regions of one name in several
    provinces; a name that stays ambiguous has no code rather than a guessed one.
    """
    from nlp.gazetteer import gazetteer

    if not place:
        return None
    wanted_type = None
    for prefix, region_type in TYPE_OF_PREFIX.items():
        if place.startswith(prefix):
            place, wanted_type = place[len(prefix):], region_type
            break
    candidates = [r for r in gazetteer().lookup(place)
                  if r.type != "negara" and (wanted_type is None or r.type == wanted_type)]
    province = province_of(near)
    if province and len({r.province_code for r in candidates}) > 1:
        candidates = [r for r in candidates if r.province_code == province]
    if len({r.province_code for r in candidates}) != 1:
        return None
    best = min(candidates, key=lambda r: PLACE_PREFERENCE.get(r.type, 3))
    return best.code


@lru_cache(maxsize=4096)
def region_name(code: str | None) -> str | None:
    """"13.71" -> "Kota Padang", "13" -> "Provinsi Sumatera Barat" (None if unknown)."""
    from nlp.gazetteer import gazetteer

    if not code:
        return None
    region = gazetteer().by_code.get(code)
    return region.full_name if region else None


def province_of(region_code: str | None) -> str | None:
    return region_code.split(".", 1)[0] if region_code else None


def insert_ignore(session: Session, model: type[Any], rows: list[dict[str, Any]], key: str) -> None:
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    builder = postgresql.insert if dialect == "postgresql" else sqlite.insert
    # on the Table through the Connection: skips the ORM bulk-insert machinery
    statement = builder(model.__table__).on_conflict_do_nothing(index_elements=[key])
    session.connection().execute(statement, rows)


INSTITUTIONS_BY_NAME = select(Institution.id, Institution.name, Institution.region_code).where(
    Institution.name.in_(bindparam("names", expanding=True))
)
SOURCE_BY_HOST = select(Source.id).where(Source.host == bindparam("host"))


SOURCES_BY_HOST = select(Source.host, Source.id).where(
    Source.host.in_(bindparam("hosts", expanding=True))
)


def source_id(session: Session, host: str) -> int:
    found = session.connection().execute(SOURCE_BY_HOST, {"host": host}).scalar_one_or_none()
    if found is not None:
        return found
    insert_ignore(session, Source, [{"host": host, "created_at": utcnow()}], "host")
    return session.connection().execute(SOURCE_BY_HOST, {"host": host}).scalar_one()


def source_ids(
    session: Session, hosts: Iterable[str], known: Mapping[str, int] | None = None
) -> dict[str, int]:
    """Source ids by host (created when missing); ``known`` ids are trusted without a query."""
    known = known or {}
    found = {host: known[host] for host in hosts if host in known}
    missing = sorted({host for host in hosts if host not in found})
    if not missing:
        return found
    conn = session.connection()
    found.update(conn.execute(SOURCES_BY_HOST, {"hosts": missing}).all())
    absent = [host for host in missing if host not in found]
    if absent:
        now = utcnow()
        insert_ignore(session, Source, [{"host": h, "created_at": now} for h in absent], "host")
        found.update(conn.execute(SOURCES_BY_HOST, {"hosts": absent}).all())
    return found


@dataclass(frozen=True, slots=True)
class InstitutionRef:
    id: int
    name: str
    region_code: str | None


def institutions(session: Session, names: Iterable[str]) -> dict[str, InstitutionRef]:
    """Rows for ``names`` (created when missing), by name."""
    wanted = sorted(set(names))  # sorted: concurrent writers take row locks in one order
    if not wanted:
        return {}
    found = _existing_institutions(session, wanted)
    missing = [name for name in wanted if name not in found]
    if not missing:
        return found  # the usual case: reading, not writing, keeps writers out of each other's way
    rows = []
    for name in missing:
        description = describe(name)
        rows.append(
            {
                "name": name,
                "kind": description.kind,
                "level": description.level,
                "region_code": description.region_code,
            }
        )
    insert_ignore(session, Institution, rows, "name")
    return _existing_institutions(session, wanted)


def _existing_institutions(session: Session, names: list[str]) -> dict[str, InstitutionRef]:
    rows = session.connection().execute(INSTITUTIONS_BY_NAME, {"names": names})
    return {row.name: InstitutionRef(row.id, row.name, row.region_code) for row in rows}


def normalise_name(name: str) -> str:
    return _SPACES.sub(" ", name).strip()


def person_key(name: str, institution_id: int | None) -> str:
    """The identity of a person: same name (any case/spacing) at the same institution."""
    return f"{normalise_name(name).casefold()}|{institution_id or ''}"


PEOPLE_BY_KEY = select(Person.id, Person.match_key).where(
    Person.match_key.in_(bindparam("keys", expanding=True))
)


def people(
    session: Session,
    wanted: Mapping[str, tuple[str, int | None]],
    known: dict[str, int] | None = None,
) -> dict[str, int]:
    """Person ids by match key for ``{match_key: (display name, institution id)}``.

    ``known`` is the caller's cache of ids for this transaction: used, and filled.
    """
    known = {} if known is None else known
    keys = sorted(key for key in wanted if key not in known)
    if keys:
        found = _existing_people(session, keys)
        if len(found) < len(keys):
            insert_ignore(
                session,
                Person,
                [
                    {"match_key": key, "name": wanted[key][0], "institution_id": wanted[key][1]}
                    for key in keys
                ],
                "match_key",
            )
            found = _existing_people(session, keys)
        known.update(found)
    return {key: known[key] for key in wanted}


def _existing_people(session: Session, keys: list[str]) -> dict[str, int]:
    rows = session.connection().execute(PEOPLE_BY_KEY, {"keys": keys})
    return {row.match_key: row.id for row in rows}
