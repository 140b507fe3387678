"""Date expressions of Indonesian news, resolved against the article's publication date (which
day a visit took place is ``nlp.visit_dates``'s question).

Indonesian news dates a visit with "Kamis (9/10/2025)", "Jumat (13/1)" (the year is the
publication's), "pada Jumat, 18 Oktober 2024", "22-24 September 2016" (a range: its start),
or only "Selasa" / "kemarin" (the last such day on or before publication). The ``(dd/mm)``
form is read first: dateparser 1.5 fails on "Sabtu (27/9/2025) malam". Full written dates go
through dateparser (``languages=["id"]``).
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

DAYS = {"senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "sabtu": 5,
        "minggu": 6, "ahad": 6}
MONTH_NUMBERS = {
    "januari": 1, "jan": 1, "februari": 2, "pebruari": 2, "feb": 2, "maret": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "agustus": 8,
    "agu": 8, "agt": 8, "ags": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10,
    "okt": 10, "november": 11, "nopember": 11, "nov": 11, "desember": 12, "des": 12,
}
MONTHS = ("januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober|"
          "november|nopember|desember|jan|feb|mar|apr|jun|jul|agu|agt|ags|sep|sept|okt|"
          "nov|des")
_NUMERIC = re.compile(r"[(\[]\s*(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{2,4}))?\s*[)\]]")
# "Rabu, 10/01/2018", "kamis 7/11.2024": a numeric date right after its weekday, unbracketed;
# not a page's time stamp ("Kamis, 21/03/2019 - 09:45 WIB")
_WEEKDAY_NUMERIC = re.compile(
    r"\b(?:senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad)\s*,?\s*[(\[]?\s*"
    r"(\d{1,2})\s*/\s*(\d{1,2})(?:\s*[/.]\s*(\d{4}|\d{2}(?![\d:])))?(?![\d/])(?!\s*[-|,]?\s*\d{1,2}[:.]\d\d)",
    re.IGNORECASE)
_WRITTEN = re.compile(
    rf"\b(\d{{1,2}})(?:\s*(?:-|–|s\.?d\.?|sampai|hingga|dan)\s*\d{{1,2}})?\s+({MONTHS})\.?"
    rf"(?:\s+(\d{{4}}))?\b", re.IGNORECASE)
_DAY = re.compile(r"\b(senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad)\b", re.IGNORECASE)
_RELATIVE = {"kemarin": -1, "kemarin lusa": -2, "hari ini": 0, "besok": 1, "lusa": 2}
_RELATIVE_RE = re.compile(r"\b(kemarin lusa|kemarin|hari ini|besok|lusa)\b", re.IGNORECASE)
_FUTURE = re.compile(r"\b(akan|dijadwalkan|rencananya|direncanakan|mendatang|depan)\b",
                     re.IGNORECASE)
WEEKDAY_REACH = 16  # "Selasa pagi (16/7)": the weekday a day and month are said with
MAX_DAYS_AFTER_PUBLICATION = 31  # a past visit reported later; beyond this, last year's
# Dates outside these bounds are misread numbers or typos, not dates of a visit: the republic
# (and every legislature kunker knows) is no older than 1945, and a visit is announced at
# most a couple of years ahead. A publication date outside them is no publication date.
EARLIEST_YEAR = 1945
LATEST_YEAR = 2100
YEARS_AHEAD = 2


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int  # character offset in the article
    value: date | None  # None when the text gives no year and there is no publication date
    strength: int  # 2: day and month written; 1: only a weekday or "kemarin"
    is_range: bool = False  # "18 sampai 22 September": the first day of several


_RANGE = re.compile(r"\d\s*(?:-|–|s\.?d\.?|sampai|hingga)\s*\d", re.IGNORECASE)
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_URL_MONTH = re.compile(r"/((?:19|20)\d\d)/(\d{1,2})/")


def find_dates(text: str, offset: int, published: date | None,
               years: frozenset[int] = frozenset(), month: date | None = None
               ) -> list[DateMention]:
    """Every date expression of one sentence, in order. ``years`` are the years the article
    mentions: with no publication date, "Rabu (2/5)" takes the one whose 2 May is a
    Wednesday, if exactly one is. ``month``, the last day of the publication's month when
    only that is known (``publication_month``), gives "(7/10)" its year, but cannot
    resolve a bare "Selasa"."""
    found: list[DateMention] = []
    covered: list[tuple[int, int]] = []
    future = bool(_FUTURE.search(text))
    year_from = published or month
    numeric = sorted([*_NUMERIC.finditer(text), *_WEEKDAY_NUMERIC.finditer(text)],
                     key=lambda m: m.start(1))
    for match in numeric:
        if _overlaps(match.span(1), covered):
            continue
        day, number, year = int(match.group(1)), int(match.group(2)), match.group(3)
        if not (1 <= day <= 31 and 1 <= number <= 12):
            continue  # "(1/25)": a score or a number, not a day and month
        value = _complete(day, number, _year(year), year_from, future)
        if value is None and year is None and year_from is None:
            value = _by_weekday(text[:match.start(1)], day, number, years)
        found.append(DateMention(match.start() + offset, _plausible(value, year_from), 2))
        covered.append(match.span())
    for match in _WRITTEN.finditer(text):
        if _overlaps(match.span(), covered):
            continue
        value = _written(match, year_from, future)
        if value is not None or match.group(3) is None:
            found.append(DateMention(match.start() + offset, _plausible(value, year_from), 2,
                                     bool(_RANGE.search(match.group()))))
            covered.append(match.span())
    for match in _DAY.finditer(text):
        if _overlaps((match.start(), match.end() + 20), covered):
            continue  # "Kamis (9/10/2025)": the weekday belongs to the date after it
        weekday = DAYS[match.group(1).lower().replace("'", "")]
        value = _last_weekday(weekday, published, future) if published else None
        found.append(DateMention(match.start() + offset, _plausible(value, published), 1))
    for match in _RELATIVE_RE.finditer(text):
        if published is None:
            continue
        shift = _RELATIVE[match.group(1).lower()]
        value = published + timedelta(days=shift)
        found.append(DateMention(match.start() + offset, _plausible(value, published), 1))
    return sorted(found, key=lambda d: d.start)


def publication_month(url: str | None) -> date | None:
    """The last day of the month an article URL dates it to (".../2019/10/slug"), for URLs
    that give the year and month but not the day."""
    found = _URL_MONTH.search(url or "")
    if found is None:
        return None
    year, month = int(found.group(1)), int(found.group(2))
    if not 1 <= month <= 12:
        return None
    return plausible_publication(date(year, month, monthrange(year, month)[1]))


def plausible_publication(published: date | None) -> date | None:
    """``published`` when it lies between EARLIEST_YEAR and LATEST_YEAR, else None."""
    if published is None or not EARLIEST_YEAR <= published.year <= LATEST_YEAR:
        return None
    return published


def _plausible(value: date | None, published: date | None) -> date | None:
    """``value`` when it can be a visit's date: from EARLIEST_YEAR to YEARS_AHEAD years
    after the publication (or LATEST_YEAR without one)."""
    latest = published.year + YEARS_AHEAD if published is not None else LATEST_YEAR
    if value is None or not EARLIEST_YEAR <= value.year <= latest:
        return None
    return value


def article_years(text: str) -> frozenset[int]:
    """Years an article names ("Tahun Sidang 2017-2018"), to date a "Rabu (2/5)"."""
    return frozenset(int(y) for y in _YEAR.findall(text))


def _by_weekday(before: str, day: int, month: int, years: frozenset[int]) -> date | None:
    weekday = _DAY.search(before[-WEEKDAY_REACH:])
    if weekday is None or not years:
        return None
    wanted = DAYS[weekday.group(1).lower().replace("'", "")]
    fits = {y for y in years | {y + 1 for y in years}
            if (d := _safe_date(y, month, day)) is not None and d.weekday() == wanted}
    return _safe_date(fits.pop(), month, day) if len(fits) == 1 else None


def _overlaps(span: tuple[int, int], covered: Iterable[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in covered)


def _year(text: str | None) -> int | None:
    if not text:
        return None
    year = int(text)
    return year + 2000 if year < 100 else year


def _complete(day: int, month: int, year: int | None, published: date | None,
              future: bool) -> date | None:
    if year is None:
        if published is None:
            return None
        year = published.year
        guess = _safe_date(year, month, day)
        if guess is not None and not future and \
                guess > published + timedelta(days=MAX_DAYS_AFTER_PUBLICATION):
            year -= 1
    return _safe_date(year, month, day)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _written(match: re.Match[str], published: date | None, future: bool) -> date | None:
    day, month_name, year = int(match.group(1)), match.group(2), match.group(3)
    if year is None and published is None:
        return None
    month = MONTH_NUMBERS.get(month_name.lower().rstrip("."))
    if month is None:  # a spelling the table lacks: let dateparser try
        parsed = _dateparser(f"{day} {month_name} {year or published.year}")  # type: ignore[union-attr]
        if parsed is None:
            return None
        day, month = parsed.day, parsed.month
    return _complete(day, month, _year(year), published, future)


@lru_cache(maxsize=2048)
def _dateparser(text: str) -> date | None:
    import dateparser  # imported lazily: it takes a moment to load its language data

    parsed: datetime | None = dateparser.parse(
        text, languages=["id"], settings={"REQUIRE_PARTS": ["day", "month", "year"]})
    return parsed.date() if parsed else None


def _last_weekday(weekday: int, published: date, future: bool) -> date:
    if future:
        ahead = (weekday - published.weekday()) % 7
        return published + timedelta(days=ahead)
    back = (published.weekday() - weekday) % 7
    return published - timedelta(days=back)


# -- the date of one event ------------------------------------------------------------------
