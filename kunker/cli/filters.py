"""The event filter options shared by events, stats and export, and their checking.

Values arrive as plain strings and are checked here, so a bad value is one ``error:`` line
that says what would be accepted (Typer's own checks print a usage box instead).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import typer

from kunker.errors import KunkerError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from storage import EventFilter

SIDES = ("visitor", "host")
PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?$")

INSTITUTION = typer.Option(
    None, "--institution", "-i",
    help='Visitor or host; aliases work ("DPRD Bali", "dprd sumbar").',
)
SIDE = typer.Option(
    None, "--as", metavar="visitor|host",
    help="With --institution/--region: only as the visitor, or only as the host.",
)
REGION = typer.Option(
    None, "--region", "-r",
    help='Region of either side ("Sumatera Barat", "Sumbar", "Kota Padang" or a code like '
    '"13.71"); a province includes its kabupaten/kota.',
)
DATE_FROM = typer.Option(
    None, "--from", help="Visits on or after this date (YYYY-MM-DD, YYYY-MM or YYYY)."
)
DATE_TO = typer.Option(
    None, "--to", help="Visits on or before this date (YYYY-MM-DD, YYYY-MM or YYYY)."
)
KIND = typer.Option(
    None, "--kind", "-k",
    help="kunjungan_kerja, studi_banding, konsultasi or audiensi.",
)
TOPIC = typer.Option(
    None, "--topic", "-t",
    help="Topic category, e.g. legislasi, anggaran_keuangan, infrastruktur "
    "(all: see `kunker stats --by topic`).",
)
PERSON = typer.Option(None, "--person", "-p", help="Part of a participant's name.")


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
    """The filter options as typed."""

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


def build_filter(session: Session, args: FilterArgs) -> BuiltFilter:
    """Check every option and resolve names; ``KunkerError`` on the first bad one."""
    from kunker.cli.resolve import resolve_institution, resolve_region
    from nlp.records import EVENT_KINDS, TOPIC_CATEGORIES
    from storage import EventFilter

    side = check_choice(args.side, "--as", SIDES)
    if side and not (args.institution or args.region):
        raise KunkerError("--as needs --institution or --region (whose side to take)")
    kind = check_choice(args.kind, "--kind", EVENT_KINDS)
    topic = check_choice(args.topic, "--topic", TOPIC_CATEGORIES)
    date_from = parse_date(args.date_from, "--from")
    date_to = parse_date(args.date_to, "--to", end=True)
    if date_from and date_to and date_from > date_to:
        raise KunkerError(f"--from {args.date_from} is after --to {args.date_to}")
    notes: list[str] = []
    institution = None
    if args.institution is not None:
        resolved = resolve_institution(session, args.institution)
        institution = resolved.name
        if resolved.note:
            notes.append(f"institution: {resolved.note}")
    region_code = region_label = None
    if args.region is not None:
        region = resolve_region(args.region)
        region_code, region_label = region.code, f"{region.full_name} ({region.code})"
        notes.append(f"region: {region_label}")
    person = args.person.strip() if args.person and args.person.strip() else None
    flt = EventFilter(
        institution=institution, side=side or "any", region=region_code,  # type: ignore[arg-type]
        date_from=date_from, date_to=date_to, kind=kind, topic_category=topic, person=person,
    )
    return BuiltFilter(flt, notes, institution, region_label)
