"""Publication dates as Indonesian outlets print them, made timezone-aware.

Understands ISO 8601 (``2025-06-12T14:30:00+07:00``), ``2025/06/12 14:30:00`` (Detik's meta),
and Indonesian text like ``Kamis, 12 Juni 2025 14:30 WIB``, ``12 Jun 2025, 14.30 WITA``,
``Kompas.com, 12 Juni 2025, 14:30 WIB`` or ``12/06/2025 14:30 WIT``. A date without a zone
gets the outlet's zone (WIB unless its config says WITA or WIT).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

ZONES = {
    "WIB": timezone(timedelta(hours=7), "WIB"),
    "WITA": timezone(timedelta(hours=8), "WITA"),
    "WIT": timezone(timedelta(hours=9), "WIT"),
}
MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "pebruari": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "agus": 8, "ags": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nov": 11, "nopember": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}  # fmt: skip
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_ZONE_RE = re.compile(r"\b(WITA|WIB|WIT)\b|(?:GMT|UTC)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?")
_TIME_RE = r"(?P<h>[01]?\d|2[0-3])[:.](?P<mi>[0-5]\d)(?:[:.](?P<s>[0-5]\d))?"
_TEXT_DATE_RE = re.compile(
    rf"\b(?P<d>[0-3]?\d)\s+(?P<mon>{_MONTH_ALT})\.?,?\s+(?P<y>(?:19|20)\d{{2}})"
    rf"(?:\s*[,|/-]?\s*(?:pukul\s+|jam\s+)?{_TIME_RE})?",
    re.IGNORECASE,
)
_NUMERIC_DATE_RE = re.compile(
    rf"\b(?P<d>[0-3]?\d)[/.-](?P<mon>[01]?\d)[/.-](?P<y>(?:19|20)\d{{2}})"
    rf"(?:\s*[,|]?\s*(?:pukul\s+)?{_TIME_RE})?"
)
_ISOISH_RE = re.compile(
    rf"\b(?P<y>(?:19|20)\d{{2}})[/-](?P<mon>[01]\d)[/-](?P<d>[0-3]\d)(?:[ T]{_TIME_RE})?"
)
_MONTH_FIRST_RE = re.compile(
    rf"\b(?P<mon>{_MONTH_ALT})\.?\s+(?P<d>[0-3]?\d),?\s+(?P<y>(?:19|20)\d{{2}})"
    rf"(?:\s*[,|]?\s*{_TIME_RE})?",
    re.IGNORECASE,
)
_RFC2822_RE = re.compile(
    r"^(?:\w{3},\s*)?\d{1,2}\s+\w{3}\s+\d{4}\s+\d{2}:\d{2}(?::\d{2})?\s+(?:[+-]\d{4}|GMT|UT|UTC|Z)$"
)
_ISO_OFFSET_RE = re.compile(r"(Z|[+-]\d{2}:?\d{2})$")


def zone(name: str | None) -> timezone:
    return ZONES.get((name or "WIB").upper(), ZONES["WIB"])


def parse_date(value: str | None, default_zone: str = "WIB") -> datetime | None:
    """A timezone-aware datetime from ``value``, or None when no date is found."""
    if not value:
        return None
    text = " ".join(str(value).split())
    if not text:
        return None
    tz = _zone_in(text) or zone(default_zone)
    iso = _parse_iso(text, tz)
    if iso is not None:
        return iso
    if _RFC2822_RE.match(text):  # RSS pubDate: "Tue, 10 Jun 2025 08:00:00 +0700"
        try:
            return parsedate_to_datetime(text)
        except (TypeError, ValueError):
            pass
    for pattern in (_TEXT_DATE_RE, _ISOISH_RE, _NUMERIC_DATE_RE, _MONTH_FIRST_RE):
        match = pattern.search(text)
        if match is None:
            continue
        parts = match.groupdict()
        month_raw = parts["mon"].lower()
        month = MONTHS.get(month_raw) if not month_raw.isdigit() else int(month_raw)
        if month is None:
            continue
        try:
            return datetime(
                int(parts["y"]),
                month,
                int(parts["d"]),
                int(parts.get("h") or 0),
                int(parts.get("mi") or 0),
                int(parts.get("s") or 0),
                tzinfo=tz,
            )
        except ValueError:  # 31 Juni and the like
            continue
    return None


def _parse_iso(text: str, tz: timezone) -> datetime | None:
    candidate = text.strip()
    if not re.match(r"^\d{4}-\d{2}-\d{2}", candidate):
        return None
    candidate = candidate.replace(" ", "T", 1) if " " in candidate[:11] else candidate
    if candidate.endswith("Z"):
        candidate = candidate[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(candidate)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=tz)
    return parsed


def _zone_in(text: str) -> timezone | None:
    match = _ZONE_RE.search(text)
    if match is None or _ISO_OFFSET_RE.search(text.strip()):
        return None
    if match.group(1):
        return ZONES[match.group(1).upper()]
    sign = -1 if match.group(2) == "-" else 1
    hours, minutes = int(match.group(3)), int(match.group(4) or 0)
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def since_datetime(value: date | datetime | str | None) -> datetime | None:
    """``--since`` as an aware datetime (a bare date means its midnight WIB)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=ZONES["WIB"])
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=ZONES["WIB"])
    parsed = parse_date(value)
    if parsed is None:
        raise ValueError(f"not a date: {value!r} (use YYYY-MM-DD)")
    return parsed
