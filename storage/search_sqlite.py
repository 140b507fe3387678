"""SQLite FTS5 statements for ``storage.search``.

FTS5 keeps each word's documents in rowid order, so "the newest n matches" costs little for
any word. What can cost is ranking, so only the newest ``RELEVANCE_CANDIDATES`` matches are
ranked (the rowid bound below is handed to FTS5, which then skips older entries), and not
with FTS5's ``bm25()``: that first counts every document holding each word (its IDF factor),
some 30 ms per common word at a million articles, however few the candidates. The rank here
is BM25 without that factor (every candidate holds every word anyway): term frequencies from
``highlight()``, title words counted ``TITLE_WEIGHT`` times, saturated and normalised by
length as BM25 does. Snippets are made for the page's rows only.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import TextClause, text

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
