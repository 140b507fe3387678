"""SQLite FTS5 statements for ``storage.search``.

FTS5 keeps each word's documents in rowid order, so "the newest n matches" costs little for
any word. What can cost is ranking, so only the newest ``RELEVANCE_CANDIDATES`` matches are
ranked (the rowid bound below is handed to FTS5, which then skips older entries), and not
with FTS5's ``bm25()``: that first counts every document holding each word (its IDF factor),
some 30 ms per common word at a million articles, however few the candidates. The rank here
is BM25 without that factor (every candidate holds every word anyway): term frequencies from
``highlight()``, title words counted ``TITLE_WEIGHT`` times, saturated and normalised by
length as BM25 does. Snippets are made for the page's rows only.

Events are searched through their topics and articles: a page of events for common words is
found by reading the events newest first (or through a filter's index) and checking each,
for rare words by fetching the few matches by key (``event_condition``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, TextClause, literal_column, select, text
from sqlalchemy.orm import Session

from storage.models import Event
from storage.search_terms import (
    ELLIPSIS,
    MARK_END,
    MARK_START,
    RELEVANCE_CANDIDATES,
    SNIPPET_WORDS,
    TITLE_WEIGHT,
    fts5_match,
)

# Events found through their articles' text: only the newest this many matching articles are
# looked at, so a word in half the corpus costs the same as a rare one. Topics: all searched.
EVENT_ARTICLE_CANDIDATES = 5_000
BM25_K1, BM25_B = 1.2, 0.75
# Events are read newest first, each checked against the matches, when a page is expected
# within this many (see ``event_condition``). search_events at 200,000 events: a word in
# 21,600 topics takes 40 ms by key, 15 ms walking; one in 1,600, 19 and 14 ms; one in 63
# (expected walk: 63,000 events) is fetched by key.
WALK_EVENTS = 20_000
TOPIC_MATCH_CAP = 5_000
_TOPIC_MATCHES = text("SELECT count(*) FROM (SELECT 1 FROM events_fts "
                      "WHERE events_fts MATCH :match LIMIT :cap)")
_EVENT_COUNT = text("SELECT max(id) FROM events")  # ids are dense enough, and this is free

# Newest first streams: FTS5 yields matches newest first and stops after the page, making
# snippets for those rows only.
_NEWEST = """
SELECT a.id, a.url, a.title, a.published_date, s.host,
       snippet(articles_fts, -1, :mark_start, :mark_end, :ellipsis, :words) AS snippet
FROM articles_fts
JOIN articles a ON a.id = articles_fts.rowid
JOIN sources s ON s.id = a.source_id
WHERE articles_fts MATCH :match
ORDER BY articles_fts.rowid DESC
LIMIT :limit OFFSET :offset
"""
# highlight() puts char(1) before every matching word: the length it adds is the count.
_TERM_COUNT = "coalesce(length(highlight(articles_fts, {column}, char(1), '')) - length({name}), 0)"
_PAGE_RANKED = f"""
WITH candidates AS (
    SELECT rowid AS id,
        {TITLE_WEIGHT} * {_TERM_COUNT.format(column=0, name="title")}
        + {_TERM_COUNT.format(column=1, name="text")} AS tf,
        coalesce(length(text), 0) + 1 AS size
    FROM articles_fts
    -- from the oldest of the newest RELEVANCE_CANDIDATES matches (all, if fewer match)
    WHERE articles_fts MATCH :match AND rowid >= coalesce(
        (SELECT rowid FROM articles_fts WHERE articles_fts MATCH :match
         ORDER BY rowid DESC LIMIT 1 OFFSET :candidates - 1), 0)
), sized AS (
    SELECT id, tf, size / avg(size) OVER () AS relative_size FROM candidates
)
SELECT id, -tf * {BM25_K1 + 1} / (tf + {BM25_K1} * ({1 - BM25_B} + {BM25_B} * relative_size))
    AS score
FROM sized
ORDER BY score, id DESC LIMIT :limit OFFSET :offset
"""
# Ranked: the page is chosen first (ranking needs every candidate), then its snippets made.
# CROSS JOIN keeps the page as the outer loop: each of its rows is one FTS5 lookup by rowid,
# where SQLite would otherwise read every match and probe the page.
_RANKED = """
WITH page AS MATERIALIZED ({page})
SELECT a.id, a.url, a.title, a.published_date, s.host,
       snippet(articles_fts, -1, :mark_start, :mark_end, :ellipsis, :words) AS snippet
FROM page
CROSS JOIN articles_fts ON articles_fts.rowid = page.id AND articles_fts MATCH :match
JOIN articles a ON a.id = page.id
JOIN sources s ON s.id = a.source_id
ORDER BY page.score, page.id DESC
"""


def articles(
    terms: list[str], relevance: bool, limit: int, offset: int
) -> tuple[str, dict[str, Any]]:
    """SQL and parameters for one page of matching articles (id, url, title, published_date,
    host, snippet)."""
    sql = _RANKED.format(page=_PAGE_RANKED) if relevance else _NEWEST
    return sql, {
        "match": fts5_match(terms), "limit": limit, "offset": offset,
        "candidates": RELEVANCE_CANDIDATES, "mark_start": MARK_START, "mark_end": MARK_END,
        "ellipsis": ELLIPSIS, "words": SNIPPET_WORDS,
    }


def matching_event_ids(terms: list[str]) -> TextClause:
    """Ids of events whose topic, or one of the newest matching articles, has every term."""
    return text(
        "SELECT rowid AS id FROM events_fts WHERE events_fts MATCH :match "
        "UNION SELECT m.event_id AS id FROM event_mentions m WHERE m.article_id IN "
        "(SELECT rowid FROM articles_fts WHERE articles_fts MATCH :match "
        "ORDER BY rowid DESC LIMIT :candidates)"
    ).bindparams(match=fts5_match(terms), candidates=EVENT_ARTICLE_CANDIDATES)


def event_condition(session: Session, terms: list[str], rows_wanted: int | None
                    ) -> ColumnElement[bool]:
    """A WHERE clause on ``events``: the event is one of ``matching_event_ids``.

    ``rows_wanted``: the page's offset + limit when the caller reads events newest first and
    stops after a page; None when it reads every match (a count) or its filter cannot lead
    the plan (a person's name), so a walk could read every event. SQLite plans an ``id IN
    (matches)`` by fetching every match by key, then filtering and sorting: for a word in
    one event topic in ten that is 22,000 fetches at 200,000 events, to show 20. When the
    words are that common (``_walk_is_short``) the id is hidden from the planner
    (``id + 0``), so it reads the events as an unsearched listing would (through the
    filter's index, else newest first) and checks each against the matches, gathered once.
    """
    matched = matching_event_ids(terms).columns(id=Event.id.type).subquery()
    ids = select(matched.c.id)
    if rows_wanted is not None and _walk_is_short(session, terms, rows_wanted):
        return (Event.id + literal_column("0")).in_(ids)
    return Event.id.in_(ids)


def _walk_is_short(session: Session, terms: list[str], rows_wanted: int) -> bool:
    """Would reading events newest first find ``rows_wanted`` matches within
    ``WALK_EVENTS`` events? Judged from the topic matches alone (counted up to
    ``TOPIC_MATCH_CAP``, a few ms): matches through articles only make the walk shorter."""
    topics = session.execute(_TOPIC_MATCHES, {
        "match": fts5_match(terms), "cap": TOPIC_MATCH_CAP}).scalar_one()
    if not topics:
        return False
    events = session.execute(_EVENT_COUNT).scalar_one() or 0
    return rows_wanted * events / topics <= WALK_EVENTS
