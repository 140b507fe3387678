"""The event filter options shared by events, stats and export.

Values arrive as plain strings and are checked by ``kunker.resolve.build_filter``, so a bad
value is one ``error:`` line that says what would be accepted (Typer's own checks print a
usage box instead).
"""

from __future__ import annotations

import typer

# The checking lives in kunker.resolve, shared with the web app; re-exported for the commands.
from kunker.resolve import (
    SIDES,
    BuiltFilter,
    FilterArgs,
    build_filter,
    check_choice,
    parse_date,
)
from nlp.records import TOPIC_CATEGORIES

__all__ = [
    "DATE_FROM", "DATE_TO", "INSTITUTION", "KIND", "PERSON", "REGION", "SIDE", "SIDES", "TOPIC",
    "BuiltFilter", "FilterArgs", "build_filter", "check_choice", "parse_date",
]

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
    help='Region of either side, or where the visit was held ("Sumatera Barat", "Sumbar", '
    '"Kota Padang" or a code like "13.71"); a province includes its kabupaten/kota.',
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
    None, "--topic", "-t", metavar="CATEGORY",
    help="Topic category, one of: " + ", ".join(TOPIC_CATEGORIES) + ".",
)
PERSON = typer.Option(None, "--person", "-p", help="Part of a participant's name.")
