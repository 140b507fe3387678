"""The date of a visit, resolved against the article's publication date.

Indonesian news dates a visit with "Kamis (25/9/2025)", "Jumat (13/1)" (the year is the
publication's), "pada Jumat, 18 Oktober 2024", "22-24 September 2016" (a range: its start),
or only "Selasa" / "kemarin" (the last such day on or before publication). The ``(dd/mm)``
form is read first: dateparser 1.5 fails on "Sabtu (27/9/2025) malam". Full written dates go
through dateparser (``languages=["id"]``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nlp.events import DraftEvent
    from nlp.extract import ArticleAnalysis
    from nlp.frames import SentenceView

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
_NUMERIC = re.compile(r"\(\s*(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{2,4}))?\s*\)")
_WRITTEN = re.compile(
    rf"\b(\d{{1,2}})(?:\s*(?:-|–|s\.?d\.?|sampai|hingga|dan)\s*\d{{1,2}})?\s+({MONTHS})\.?"
    rf"(?:\s+(\d{{4}}))?\b", re.IGNORECASE)
_DAY = re.compile(r"\b(senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad)\b", re.IGNORECASE)
_RELATIVE = {"kemarin": -1, "kemarin lusa": -2, "hari ini": 0, "besok": 1, "lusa": 2}
_RELATIVE_RE = re.compile(r"\b(kemarin lusa|kemarin|hari ini|besok|lusa)\b", re.IGNORECASE)
_FUTURE = re.compile(r"\b(akan|dijadwalkan|rencananya|direncanakan|mendatang|depan)\b",
                     re.IGNORECASE)
MAX_DAYS_AFTER_PUBLICATION = 31  # a past visit reported later; beyond this, last year's


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int  # character offset in the article
    value: date | None  # None when the text gives no year and there is no publication date
    strength: int  # 2: day and month written; 1: only a weekday or "kemarin"


def find_dates(text: str, offset: int, published: date | None) -> list[DateMention]:
    """Every date expression of one sentence, in order."""
    found: list[DateMention] = []
    covered: list[tuple[int, int]] = []
    future = bool(_FUTURE.search(text))
    for match in _NUMERIC.finditer(text):
        day, month, year = int(match.group(1)), int(match.group(2)), match.group(3)
        value = _complete(day, month, _year(year), published, future)
        found.append(DateMention(match.start() + offset, value, 2))
        covered.append(match.span())
    for match in _WRITTEN.finditer(text):
        if _overlaps(match.span(), covered):
            continue
        value = _written(match, published, future)
        if value is not None or match.group(3) is None:
            found.append(DateMention(match.start() + offset, value, 2))
            covered.append(match.span())
    for match in _DAY.finditer(text):
        if _overlaps((match.start(), match.end() + 20), covered):
            continue  # "Kamis (25/9/2025)": the weekday belongs to the date after it
        weekday = DAYS[match.group(1).lower().replace("'", "")]
        value = _last_weekday(weekday, published, future) if published else None
        found.append(DateMention(match.start() + offset, value, 1))
    for match in _RELATIVE_RE.finditer(text):
        if published is None:
            continue
        shift = _RELATIVE[match.group(1).lower()]
        found.append(DateMention(match.start() + offset, published + timedelta(days=shift), 1))
    return sorted(found, key=lambda d: d.start)


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

def event_date(analysis: ArticleAnalysis, draft: DraftEvent) -> date | None:
    """The date written in the sentences that report the visit, nearest its visit word;
    else a date of a statement made at the host's place (the article's dateline or a
    "di <place>" in that sentence names the host's region)."""
    views = analysis.views
    for index in draft.sentences:
        view = views[index]
        if view.index < analysis.title_views:
            continue
        frame = next(f for f in draft.frames if f.sentence == index)
        trigger_at = view.tokens[frame.trigger.first].start if view.tokens else 0
        found = find_dates(view.sentence.text, view.sentence.start, analysis.published)
        # a written day and month first; a bare weekday ("..., Selasa.") only without one
        dated = [d for d in found if d.strength == 2] or [d for d in found if d.value]
        if dated:
            best = min(dated, key=lambda d: (abs(d.start - trigger_at), d.start))
            return best.value
    if not _reported_at_host(analysis, draft):
        return None
    for view in _body_views(analysis):
        dated = find_dates(view.sentence.text, view.sentence.start, analysis.published)
        if dated:
            return dated[0].value
    return None


def _body_views(analysis: ArticleAnalysis) -> Iterable[SentenceView]:
    first_event_sentence = min(
        (f.sentence for d in analysis.drafts for f in d.frames
         if f.sentence >= analysis.title_views), default=analysis.title_views)
    for view in analysis.views[first_event_sentence:]:
        yield view


def _reported_at_host(analysis: ArticleAnalysis, draft: DraftEvent) -> bool:
    host = draft.host.region
    dateline = analysis.dateline
    if host is None or dateline is None or dateline.region is None:
        return False
    return dateline.region.code.startswith(host.code) or (host.code.startswith(
        dateline.region.code) and dateline.region.type != "provinsi")
