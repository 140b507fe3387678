"""Which day a visit took place: the date written nearest its visit word, else the date of
a sentence about the same trip, of a statement made at the host, or of the article's lead
(``nlp.dates`` reads the date expressions themselves)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from nlp.datafiles import read_toml
from nlp.dates import article_years, find_dates, publication_month
from nlp.events import side_of
from nlp.gazetteer import within

if TYPE_CHECKING:
    from nlp.analysis import ArticleAnalysis
    from nlp.dates import DateMention
    from nlp.drafts import DraftEvent, Side
    from nlp.frames import Frame
    from nlp.gazetteer import Region
    from nlp.sentence_view import SentenceView

LEAD_SENTENCES = 6  # a visit first told this far into the body is not the lead's story
LEAD_READ_AFTER = 3  # the lead's date may come a few sentences after the pair is named
_WORD = re.compile(r"\w+")


def event_date(analysis: ArticleAnalysis, draft: DraftEvent) -> date | None:
    """The date written in the sentences that report the visit, nearest its visit word;
    else the date so written of delegations received with it (``_met_together_date``); else a
    date of a statement made at the host's place (the article's dateline or a "di <place>"
    in that sentence names the host's region)."""
    told, value = _written_date(analysis, draft)
    if told:
        return value
    shared = _met_together_date(analysis, draft)
    if shared is not None:
        return shared
    return _date_of_the_trip(analysis, draft)


def _written_date(analysis: ArticleAnalysis, draft: DraftEvent) -> tuple[bool, date | None]:
    """Whether the sentences that report the visit settle its date, and the date: the one
    written nearest its visit word, or None when they say which day is unsaid."""
    views = analysis.views
    several_stops = _several_stops(analysis, draft)
    first_frames: dict[int, Frame] = {}  # sentence -> the draft's first frame in it
    for frame in draft.frames:
        first_frames.setdefault(frame.sentence, frame)
    for index in draft.sentences:
        view = views[index]
        if view.index < analysis.title_views:
            continue
        frame = first_frames[index]
        trigger_at = view.tokens[frame.trigger.first].start if view.tokens else 0
        found = sentence_dates(analysis, view)
        # a written day and month first; a bare weekday ("..., Selasa.") only without one
        dated = [d for d in found if d.strength == 2] or [d for d in found if d.value]
        if dated:
            best = min(dated, key=lambda d: (abs(d.start - trigger_at), d.start))
            if best.is_range and len(frame.hosts) > 1:
                return True, None  # "ke Sultra dan NTB, 7-11 Oktober": which day where
            if several_stops and _hosts_apart(frame):
                return True, None  # "ke Kediri dan Malang, Kamis (9/8)": the same
            return True, best.value
    return False, None


def _met_together_date(analysis: ArticleAnalysis, draft: DraftEvent) -> date | None:
    """The date written for the other delegations the same host received, when they are
    named in one sentence with this one and agree on it: "DPRD A dan DPRD B studi banding
    ke DPRD C. Rombongan DPRD A diterima Ketua DPRD C, Kamis (5/3/2026)" dates both. Of
    the hosts in train.jsonl that received two or more delegations with a date, 16 have one
    date for all, 2 one for the first and none for the rest."""
    together = _named_with(analysis, draft.visitor.institution)
    found = set()
    for other in analysis.drafts:
        if other.host.institution != draft.host.institution or other.host.region != \
                draft.host.region or other.visitor.institution not in together:
            continue
        told, value = _written_date(analysis, other)
        if told and value is not None:
            found.add(value)
    return found.pop() if len(found) == 1 else None


def _named_with(analysis: ArticleAnalysis, institution: str | None) -> set[str]:
    """The institutions named in a body sentence with ``institution`` (not itself)."""
    named_by_sentence: list[set[str]] | None = analysis.cache.get(  # type: ignore[assignment]
        "institutions_by_sentence")
    if named_by_sentence is None:  # read once for all of an article's drafts
        home = analysis.cache.get("home", {})
        named_by_sentence = analysis.cache["institutions_by_sentence"] = [
            {side.institution for side in (side_of(m, home) for m in view.mentions)
             if side is not None and side.institution} for view in _body_views(analysis)]
    together: set[str] = set()
    for named in named_by_sentence:
        if institution in named:
            together |= named
    together.discard(institution or "")
    return together


def _date_of_the_trip(analysis: ArticleAnalysis, draft: DraftEvent) -> date | None:
    """A date of the trip told elsewhere: a sentence about the delegation's trip that names
    no host, the one visit an article tells, a statement made at the host, the lead's."""
    views = analysis.views
    several_stops = _several_stops(analysis, draft)
    # "Dua komisi DPRD Jatim melakukan kunjungan kerja ..., Senin (23/6/2025)": a sentence
    # about the same delegation's trip that names no host dates its visits
    frames = analysis.cache.get("frames", [])
    naming_a_host = {f.sentence for f in frames if f.hosts and not f.hosts_borrowed}
    for frame in frames:
        same_visitor = any(v.institution == draft.visitor.institution for v in frame.visitors)
        if frame.sentence in naming_a_host or frame.sentence < analysis.title_views \
                or not same_visitor or several_stops:
            continue
        view = views[frame.sentence]
        dated = [d for d in sentence_dates(analysis, view) if d.strength == 2]
        if dated and dated[0].value:
            return dated[0].value
    # one council's trip (its commissions may go each to one place of their own)
    if not several_stops and all(other.visitor.institution == draft.visitor.institution
                                 for other in analysis.drafts):
        told = _date_of_unnamed_visit(analysis)
        if told is not None:
            return told
    for view in _body_views(analysis):
        if not _said_at_host(view, analysis, draft):
            continue
        dated = sentence_dates(analysis, view)
        if dated and dated[0].value:
            return dated[0].value
    # a trip to several places has no start day per stop
    return None if several_stops else _lead_date(analysis, draft)


def _date_of_unnamed_visit(analysis: ArticleAnalysis) -> date | None:
    """In an article that reports one council's trip, the day and month written in a body
    sentence whose visit word names no body ("Kunjungan pada Kamis (14/3) siang ...").
    A line that is only a date is not read: it dates the page or the article's main story,
    which is not always the visit."""
    for view in analysis.views[analysis.title_views:]:
        if not view.triggers or any(m.institution for m in view.mentions):
            continue
        told = _told_date(analysis, view)
        if told is not None:
            return told
    return None


def _told_date(analysis: ArticleAnalysis, view: SentenceView) -> date | None:
    """The first day and month written in the sentence, unless a word of speech comes
    before it (then it is the day of a statement)."""
    text = view.sentence.text
    for found in sentence_dates(analysis, view):
        if found.strength == 2 and found.value is not None and \
                not _after_statement(text[:found.start - view.sentence.start]):
            return found.value
    return None


def sentence_dates(analysis: ArticleAnalysis, view: SentenceView) -> list[DateMention]:
    """The dates of one sentence of the article (computed once per article and sentence:
    every visit of the article reads them)."""
    cache = analysis.cache.setdefault("dates", {})
    found = cache.get(view.index)
    if found is None:
        if "years" not in analysis.cache:
            analysis.cache["years"] = article_years(analysis.article.text)
            analysis.cache["month"] = publication_month(analysis.article.url)
        found = cache[view.index] = find_dates(
            view.sentence.text, view.sentence.start, analysis.published,
            analysis.cache["years"], analysis.cache["month"])
    return found


def _lead_date(analysis: ArticleAnalysis, draft: DraftEvent) -> date | None:
    """The date of the article's lead, for the visit the lead is about: news leads date
    their story ("Komisi B DPRD X menerima kunjungan ..., Rabu (12/3)") and the sentences
    that name the pair often do not. Only when the visit is reported within the first
    LEAD_SENTENCES body sentences and the date is not the day of a statement ("kata Y, Senin
    (2/3)"); a sentence naming another legislature tells of another visit. ``event_date``
    asks only for a delegation that went to this one place."""
    body = [i for i in draft.sentences if i >= analysis.title_views]
    first = body[0] if body else analysis.title_views
    if first - analysis.title_views >= LEAD_SENTENCES:
        return None
    names = {draft.visitor.institution, draft.host.institution} - {None}
    home = draft.visitor.region
    for view in analysis.views[analysis.title_views:first + LEAD_READ_AFTER + 1]:
        if any(m.institution and m.institution not in names and m.legislative
               and not _within(m.region, home) for m in view.mentions):
            continue
        told = _told_date(analysis, view)
        if told is not None:
            return told
    return None


def _several_stops(analysis: ArticleAnalysis, draft: DraftEvent) -> bool:
    """True when the article has the same delegation visiting another place too (another
    commission of the same council on its own trip is another delegation)."""
    unit = draft.visitor.unit
    return any(other.visitor.institution == draft.visitor.institution
               and (unit is None or other.visitor.unit is None or other.visitor.unit == unit)
               and other.host.key != draft.host.key and _apart(other.host, draft.host)
               for other in analysis.drafts)


def _apart(a: Side, b: Side) -> bool:
    """True when two hosts lie in places known to be in different regencies (two factories
    of one regency, or of unsaid place, may be seen the same day)."""
    return _regencies_apart([side.region or side.mention.located_in for side in (a, b)])


def _hosts_apart(frame: Frame) -> bool:
    """True when one sentence sends the delegation to hosts in different regencies ("ke
    Kediri dan Malang"): the guide leaves each stop undated when the order is unsaid."""
    return _regencies_apart([m.region or m.located_in for m in frame.hosts])


def _regencies_apart(places: list[Region | None]) -> bool:
    areas = [".".join(p.code.split(".")[:2]) for p in places if p is not None]
    return any(not (within(x, y) or within(y, x)) for i, x in enumerate(areas)
               for y in areas[i + 1:])


def _within(region: Region | None, home: Region | None) -> bool:
    """True when ``region`` lies in ``home``: "wakil rakyat dari Banjarmasin" in a lead about
    the Kalimantan Selatan council's trip names where the delegation comes from, not
    another visit."""
    if region is None or home is None:
        return False
    return region.within(home)


def _after_statement(before: str) -> bool:
    """True when a word of speech comes before the date in its sentence."""
    return bool(_statement_words() & set(_WORD.findall(before.lower())))


@lru_cache(maxsize=1)
def _statement_words() -> frozenset[str]:
    return frozenset(read_toml("date_cues.toml")["statement"]["words"])


def _said_at_host(view: SentenceView, analysis: ArticleAnalysis, draft: DraftEvent) -> bool:
    """A statement made at the host's place dates the visit: the article's dateline lies in
    the host's region, or the sentence itself says "di <place in the host's region>"."""
    if _reported_at_host(analysis, draft):
        return True
    host = draft.host.region
    if host is None:
        return False
    for k, mention in enumerate(view.mentions):
        first = view.spans[k][0]
        if mention.kind == "place" and mention.region is not None and first > 0 and \
                view.low[first - 1] == "di" and mention.region.code.startswith(host.code):
            return True
    return False


def _body_views(analysis: ArticleAnalysis) -> Iterable[SentenceView]:
    first_event_sentence = min(
        (f.sentence for d in analysis.drafts for f in d.frames
         if f.sentence >= analysis.title_views), default=analysis.title_views)
    yield from analysis.views[first_event_sentence:]


def _reported_at_host(analysis: ArticleAnalysis, draft: DraftEvent) -> bool:
    host = draft.host.region
    dateline = analysis.dateline
    if host is None or dateline is None or dateline.region is None:
        return False
    return dateline.region.code.startswith(host.code) or (host.code.startswith(
        dateline.region.code) and dateline.region.type != "provinsi")
