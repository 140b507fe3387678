"""What the user typed -> what the database stores: institution aliases ("DPRD Bali",
"dprd sumbar") to canonical names, region names ("Sumbar", "Kota Padang") to Kemendagri codes.

Names are read by the same gazetteer and institution scanner the extractor uses, so anything
an article may call an institution, the user may type too. When a name is ambiguous the
candidates are listed instead of guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from kunker.errors import KunkerError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from nlp.gazetteer import Region
    from storage import InstitutionInfo

# Typed in lower case, the scanner would not see names ("dprd sumbar"): these words are
# acronyms, every other all-lowercase word is capitalised.
ACRONYMS = {"dprd", "dpr", "dpd", "mpr", "dprk", "dpra", "dprp", "ri", "ntb", "ntt", "diy",
            "dki", "ri.", "bapemperda", "banggar"}
LEVEL_WORDS = {"provinsi": "provinsi", "propinsi": "provinsi", "prov": "provinsi",
               "kabupaten": "kabupaten", "kab": "kabupaten", "kota": "kota",
               "kotamadya": "kota"}
CODE = re.compile(r"^\d{2}(\.\d{2})?$")
MAX_CANDIDATES_SHOWN = 8


def _cased(text: str) -> str:
    words = []
    for word in text.split():
        if word.islower():
            word = word.upper() if word in ACRONYMS else word[:1].upper() + word[1:]
        words.append(word)
    return " ".join(words)


def institution_names(text: str) -> list[str]:
    """Canonical names ``text`` may stand for, per the gazetteer (several when ambiguous)."""
    from nlp.institutions import find_mentions

    mentions = [m for m in find_mentions(_cased(text.strip())) if m.kind != "place"]
    if not mentions:
        return []
    mention = mentions[0]
    if mention.kind in ("ministry", "organisation"):
        return [mention.name] if mention.name else []
    if mention.national:
        return [mention.national]
    regions = list(mention.candidates)
    if mention.level in ("provinsi", "kabupaten", "kota"):
        regions = [r for r in regions if r.type == mention.level] or regions
    if mention.regency_legislature:
        regions = [r for r in regions if r.type != "provinsi"] or regions
    if mention.level is None and sum(r.type == "provinsi" for r in regions) == 1:
        # SCHEMA.md: "DPRD Sumbar" is the provincial DPRD
        regions = [r for r in regions if r.type == "provinsi"]
    names = [replace(mention, region=region).institution for region in regions]
    return list(dict.fromkeys(n for n in names if n))


@dataclass(frozen=True, slots=True)
class ResolvedInstitution:
    name: str
    info: InstitutionInfo | None  # None: a valid name no stored event mentions
    note: str | None  # what was chosen, when it differs from what was typed


def _ambiguous(text: str, names: list[str]) -> KunkerError:
    shown = ", ".join(names[:MAX_CANDIDATES_SHOWN])
    more = f" and {len(names) - MAX_CANDIDATES_SHOWN} more" if len(names) > MAX_CANDIDATES_SHOWN \
        else ""
    return KunkerError(f"{text!r} may mean {shown}{more}: give one of these names")


def resolve_institution(session: Session, text: str) -> ResolvedInstitution:
    """The one canonical institution ``text`` means; a ``KunkerError`` when it is unknown
    or ambiguous (the message lists the candidates)."""
    from storage import find_institutions, get_institution

    typed = " ".join(text.split())
    if not typed:
        raise KunkerError("--institution: empty name")
    exact = get_institution(session, typed)
    if exact is not None:
        return ResolvedInstitution(exact.name, exact, None)
    names = institution_names(typed)
    stored = [info for name in names if (info := get_institution(session, name)) is not None]
    if len(stored) == 1:
        return ResolvedInstitution(stored[0].name, stored[0], f"{typed!r} -> {stored[0].name}")
    if len(stored) > 1:
        raise _ambiguous(typed, [info.name for info in stored])
    if len(names) == 1:
        return ResolvedInstitution(
            names[0], None, f"{typed!r} -> {names[0]} (no stored event mentions it)"
        )
    if len(names) > 1:
        raise _ambiguous(typed, names)
    hits = find_institutions(session, typed, limit=MAX_CANDIDATES_SHOWN + 1)
    same = [h for h in hits if h.name.casefold() == typed.casefold()]
    if len(same) == 1 or len(hits) == 1:
        chosen = (same or hits)[0]
        return ResolvedInstitution(chosen.name, chosen, f"{typed!r} -> {chosen.name}")
    if hits:
        raise _ambiguous(typed, [h.name for h in hits])
    raise KunkerError(
        f"unknown institution {typed!r}: no stored institution has that name; try a full "
        "name like \"DPRD Provinsi Bali\" or list names with `kunker stats --by visitor`"
    )


def resolve_region(text: str) -> Region:
    """The province or kabupaten/kota named ``text`` ("Sumatera Barat", "Sumbar",
    "Kota Padang", "Kab. Gianyar", or a code like "13.71")."""
    from nlp.gazetteer import gazetteer

    gaz = gazetteer()
    typed = " ".join(text.split())
    if CODE.match(typed):
        region = gaz.by_code.get(typed)
        if region is None:
            raise KunkerError(f"--region {typed!r}: no region has that Kemendagri code")
        return region
    words = typed.split(" ")
    level = LEVEL_WORDS.get(words[0].lower().rstrip("."))
    name = " ".join(words[1:]) if level and len(words) > 1 else typed
    regions = gaz.lookup(name)
    if level:
        regions = [r for r in regions if r.type == level]
    elif sum(r.type == "provinsi" for r in regions) == 1:
        regions = [r for r in regions if r.type == "provinsi"]  # a bare name: the province
    if not regions:
        raise KunkerError(
            f"--region {typed!r}: no province, kabupaten or kota of that name "
            "(e.g. \"Sumatera Barat\", \"Sumbar\", \"Kota Padang\", \"13.71\")"
        )
    if len(regions) > 1:
        shown = ", ".join(f"{r.full_name} ({r.code})" for r in regions[:MAX_CANDIDATES_SHOWN])
        raise KunkerError(f"--region {typed!r} may mean {shown}: give one of these")
    return regions[0]
