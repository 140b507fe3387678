"""What the user typed -> what the database stores: institution aliases ("DPRD Bali",
"dprd sumbar") to canonical names, region names ("Sumbar", "Kota Padang") to Kemendagri codes,
and the event filter values (dates, kind, topic, side) to a checked ``storage.EventFilter``.

Shared by the CLI and the web app: messages name the option or query parameter that was
wrong through ``labels`` (``--from`` on the command line, ``from`` in a URL).

Names are read by the same gazetteer and institution scanner the extractor uses, so anything
an article may call an institution, the user may type too. When a name is ambiguous the
candidates are listed instead of guessed.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from kunker.errors import KunkerError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from nlp.gazetteer import Region
    from storage import EventFilter, InstitutionInfo

# Typed in lower case, the scanner would not see names ("dprd sumbar"): these words are
# acronyms, every other all-lowercase word is capitalised.
ACRONYMS = {"dprd", "dpr", "dpd", "mpr", "dprk", "dpra", "dprp", "ri", "ntb", "ntt", "diy",
            "dki", "ri.", "bapemperda", "banggar"}
LEVEL_WORDS = {"provinsi": "provinsi", "propinsi": "provinsi", "prov": "provinsi",
               "kabupaten": "kabupaten", "kab": "kabupaten", "kota": "kota",
               "kotamadya": "kota"}
CODE = re.compile(r"^\d{2}(\.\d{2})?$")
MAX_CANDIDATES_SHOWN = 8
SIDES = ("visitor", "host")
PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?$")

# How each filter value is named in messages; the web app passes its query parameter names.
CLI_LABELS: Mapping[str, str] = {
    "institution": "--institution", "side": "--as", "region": "--region", "date_from": "--from",
    "date_to": "--to", "kind": "--kind", "topic": "--topic",
}


class AmbiguousNameError(KunkerError):
    """A name that could mean several things: ``candidates`` are (value to type, label), and
    ``label`` the option or parameter it was given for (the web links each candidate)."""

    def __init__(self, message: str, label: str, candidates: list[tuple[str, str]]) -> None:
        super().__init__(message)
        self.label = label
        self.candidates = candidates


class UnknownNameError(KunkerError):
    """No institution or region of that name (the web answers 404 for a page about it)."""


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


def _ambiguous(text: str, names: list[str], label: str) -> AmbiguousNameError:
    shown = ", ".join(names[:MAX_CANDIDATES_SHOWN])
    more = f" and {len(names) - MAX_CANDIDATES_SHOWN} more" if len(names) > MAX_CANDIDATES_SHOWN \
        else ""
    return AmbiguousNameError(f"{text!r} may mean {shown}{more}: give one of these names",
                              label, [(name, name) for name in names])


def resolve_institution(
    session: Session, text: str, label: str = "--institution"
) -> ResolvedInstitution:
    """The one canonical institution ``text`` means; a ``KunkerError`` when it is unknown
    (``UnknownNameError``) or ambiguous (``AmbiguousNameError``, listing the candidates)."""
    from storage import find_institutions, get_institution

    typed = " ".join(text.split())
    if not typed:
        raise KunkerError(f"{label}: empty name")
    exact = get_institution(session, typed)
    if exact is not None:
        return ResolvedInstitution(exact.name, exact, None)
    names = institution_names(typed)
    stored = [info for name in names if (info := get_institution(session, name)) is not None]
    if len(stored) == 1:
        return ResolvedInstitution(stored[0].name, stored[0], f"{typed!r} -> {stored[0].name}")
    if len(stored) > 1:
        raise _ambiguous(typed, [info.name for info in stored], label)
    if len(names) == 1:
        return ResolvedInstitution(
            names[0], None, f"{typed!r} -> {names[0]} (no stored event mentions it)"
        )
    if len(names) > 1:
        raise _ambiguous(typed, names, label)
    hits = find_institutions(session, typed, limit=MAX_CANDIDATES_SHOWN + 1)
    same = [h for h in hits if h.name.casefold() == typed.casefold()]
    if len(same) == 1 or len(hits) == 1:
        chosen = (same or hits)[0]
        return ResolvedInstitution(chosen.name, chosen, f"{typed!r} -> {chosen.name}")
    if hits:
        raise _ambiguous(typed, [h.name for h in hits], label)
    raise UnknownNameError(
        f"unknown institution {typed!r}: no stored institution has that name; try a full "
        "name like \"DPRD Provinsi Bali\" or list names with `kunker stats --by visitor`"
    )


def resolve_region(text: str, label: str = "--region") -> Region:
    """The province or kabupaten/kota named ``text`` ("Sumatera Barat", "Sumbar",
    "Kota Padang", "Kab. Gianyar", or a code like "13.71")."""
    from nlp.gazetteer import gazetteer

    gaz = gazetteer()
    typed = " ".join(text.split())
    if CODE.match(typed):
        region = gaz.by_code.get(typed)
        if region is None:
            raise UnknownNameError(f"{label} {typed!r}: no region has that Kemendagri code")
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
        raise UnknownNameError(
            f"{label} {typed!r}: no province, kabupaten or kota of that name "
            "(e.g. \"Sumatera Barat\", \"Sumbar\", \"Kota Padang\", \"13.71\")"
        )
    if len(regions) > 1:
        shown = ", ".join(f"{r.full_name} ({r.code})" for r in regions[:MAX_CANDIDATES_SHOWN])
        raise AmbiguousNameError(f"{label} {typed!r} may mean {shown}: give one of these",
                                 label, [(r.code, f"{r.full_name} ({r.code})") for r in regions])
    return regions[0]


def parse_date(value: str | None, option: str, *, end: bool = False) -> date | None:
    """A day; "2025-06" and "2025" mean the month's/year's first day, or with ``end`` its
    last, so ``--from 2025-06 --to 2025-06`` is June."""
    if value is None:
        return None
    text = value.strip()
    partial = PARTIAL_DATE.match(text)
    try:
        if partial:
            year = int(partial.group(1))
            month = int(partial.group(2)) if partial.group(2) else (12 if end else 1)
            day = calendar.monthrange(year, month)[1] if end else 1
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        raise KunkerError(
            f"{option} {value!r}: not a date; use YYYY-MM-DD, YYYY-MM or YYYY"
        ) from None


def check_choice(value: str | None, option: str, choices: tuple[str, ...]) -> str | None:
    if value is None:
        return None
    wanted = value.strip().lower()
    if wanted not in choices:
        raise KunkerError(f"{option} {value!r}: choose one of {', '.join(choices)}")
    return wanted


@dataclass(frozen=True, slots=True)
class FilterArgs:
    """The filter values as typed."""

    institution: str | None = None
    side: str | None = None
    region: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    kind: str | None = None
    topic: str | None = None
    person: str | None = None


@dataclass(frozen=True, slots=True)
class BuiltFilter:
    flt: EventFilter
    notes: list[str]  # what the aliases were resolved to, for stderr
    institution: str | None
    region: str | None  # "Provinsi Sumatera Barat (13)"
    region_code: str | None = None


def build_filter(
    session: Session, args: FilterArgs, labels: Mapping[str, str] = CLI_LABELS
) -> BuiltFilter:
    """Check every value and resolve names; ``KunkerError`` on the first bad one."""
    from nlp.records import EVENT_KINDS, TOPIC_CATEGORIES
    from storage import EventFilter

    side = check_choice(args.side, labels["side"], SIDES)
    if side and not (args.institution or args.region):
        raise KunkerError(f"{labels['side']} needs {labels['institution']} or {labels['region']} "
                          "(whose side to take)")
    kind = check_choice(args.kind, labels["kind"], EVENT_KINDS)
    topic = check_choice(args.topic, labels["topic"], TOPIC_CATEGORIES)
    date_from = parse_date(args.date_from, labels["date_from"])
    date_to = parse_date(args.date_to, labels["date_to"], end=True)
    if date_from and date_to and date_from > date_to:
        raise KunkerError(f"{labels['date_from']} {args.date_from} is after "
                          f"{labels['date_to']} {args.date_to}")
    notes: list[str] = []
    institution = None
    if args.institution is not None:
        resolved = resolve_institution(session, args.institution, labels["institution"])
        institution = resolved.name
        if resolved.note:
            notes.append(f"institution: {resolved.note}")
    region_code = region_label = None
    if args.region is not None:
        region = resolve_region(args.region, labels["region"])
        region_code, region_label = region.code, f"{region.full_name} ({region.code})"
        notes.append(f"region: {region_label}")
    person = args.person.strip() if args.person and args.person.strip() else None
    flt = EventFilter(
        institution=institution, side=side or "any", region=region_code,  # type: ignore[arg-type]
        date_from=date_from, date_to=date_to, kind=kind, topic_category=topic, person=person,
    )
    return BuiltFilter(flt, notes, institution, region_label, region_code)
