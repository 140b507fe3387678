"""PostgreSQL full-text statements for ``storage.search``, and the choice between two plans.

An article row is large (its text plus a ~1.5 KB tsvector), so every row read costs, about
8 µs each on the 1M-article benchmark. "The newest n matches" can be had two ways:

- walk articles newest-first until n match: cost grows with n / (share of articles matching);
- take every match from the GIN index, then sort: cost grows with the number of matches.

A common word makes the walk cheap and the index dear, a rare one the reverse, and picking
the wrong one costs seconds (walking the whole table for a word no article has). The planner
knows how common the words are from the column statistics (migration 0002 keeps enough of
them), so ``match_share`` asks it, and each statement below comes in a walking and an
indexed form. The planner alone picks badly here: with LIMIT it assumes matches are spread
evenly and trusts a guess for words it has no statistics for.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Integer, any_, bindparam, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from storage.models import Event
from storage.search_terms import (
    ELLIPSIS,
    MARK_END,
    MARK_START,
    RELEVANCE_CANDIDATES,
    SNIPPET_WORDS,
)

# At this share of matching articles, walking the newest rows for a page of 20 matches reads
# 4,000 rows, as many as the index path fetches: above it walk, below it use the index.
WALK_SHARE = 0.005
# Relevance for common words ranks the matches among this many newest articles (reading
# them all costs ~40 ms); rare words rank the newest RELEVANCE_CANDIDATES matches instead.
RELEVANCE_WINDOW = 5_000
# Events found through their articles' text, rare words: the newest this many matches.
EVENT_ARTICLE_CANDIDATES = 5_000

QUERY = "plainto_tsquery('simple', :query)"
ESTIMATE = text(f"EXPLAIN (FORMAT JSON) SELECT 1 FROM articles WHERE search_vector @@ {QUERY}")
ARTICLE_COUNT = text("SELECT reltuples FROM pg_class WHERE oid = 'articles'::regclass")

_NEWEST_WALK = f"""
SELECT id, 0 AS rank FROM articles WHERE search_vector @@ {QUERY}
ORDER BY id DESC LIMIT :limit OFFSET :offset
"""
_NEWEST_INDEXED = f"""
SELECT id, 0 AS rank FROM (
    SELECT id FROM articles WHERE search_vector @@ {QUERY} OFFSET 0  -- no walking plan
) matches
ORDER BY id DESC LIMIT :limit OFFSET :offset
"""
_RANKED_WALK = f"""
SELECT id, ts_rank(search_vector, {QUERY}) AS rank FROM (
    SELECT id, search_vector FROM articles ORDER BY id DESC LIMIT :window
) recent
WHERE search_vector @@ {QUERY}
ORDER BY rank DESC, id DESC LIMIT :limit OFFSET :offset
"""
_RANKED_INDEXED = f"""
SELECT a.id, ts_rank(a.search_vector, {QUERY}) AS rank FROM (
    SELECT id FROM (
        SELECT id FROM articles WHERE search_vector @@ {QUERY} OFFSET 0  -- no walking plan
    ) matches ORDER BY id DESC LIMIT :candidates
) newest JOIN articles a ON a.id = newest.id
ORDER BY rank DESC, a.id DESC LIMIT :limit OFFSET :offset
"""
# The page is chosen first and only its rows get a headline: ts_headline re-parses the text.
_ARTICLES = f"""
WITH page AS MATERIALIZED ({{page}})
SELECT a.id, a.url, a.title, a.published_date, s.host,
       ts_headline('simple', coalesce(a.text, a.title, ''), {QUERY}, :options) AS snippet
FROM page JOIN articles a ON a.id = page.id JOIN sources s ON s.id = a.source_id
ORDER BY page.rank DESC, page.id DESC
"""
# LATERAL with OFFSET 0: one index lookup per matching article, where the planner, with
# its default costs, prefers reading all of event_mentions into a hash. The matches are
# fenced (OFFSET 0) before they are sorted: otherwise the planner splits the fetch and sort
# of a few thousand rows over a parallel worker, whose start-up costs more than the work
# (search events 'hominogi' at 1M: 46 -> 21 ms, far more on a busy machine).
RARE_WORD_EVENTS = text(f"""
SELECT id FROM events WHERE search_vector @@ {QUERY}
UNION
SELECT mentioned.event_id FROM (
    SELECT id FROM (
        SELECT id FROM articles WHERE search_vector @@ {QUERY} OFFSET 0  -- not parallel
    ) found ORDER BY id DESC LIMIT :candidates
) matches
CROSS JOIN LATERAL (
    SELECT m.event_id FROM event_mentions m WHERE m.article_id = matches.id OFFSET 0
) mentioned
""")
HEADLINE_OPTIONS = (
    f"MaxWords={SNIPPET_WORDS}, MinWords={SNIPPET_WORDS // 2}, StartSel={MARK_START}, "
    f"StopSel={MARK_END}, MaxFragments=1, FragmentDelimiter={ELLIPSIS}"
)


def match_share(session: Session, query: str) -> float:
    """The planner's estimate of the share of articles containing every word of ``query``."""
    plan = session.execute(ESTIMATE, {"query": query}).scalar_one()
    matches = float(plan[0]["Plan"]["Plan Rows"])
    articles = float(session.execute(ARTICLE_COUNT).scalar_one() or 0)
    # never analysed: a new, small database, where either plan is cheap
    return matches / articles if articles > 0 else 1.0


def articles(
    session: Session, query: str, relevance: bool, limit: int, offset: int
) -> tuple[str, dict[str, Any]]:
    """SQL and parameters for one page of matching articles (id, url, title, published_date,
    host, snippet)."""
    common = match_share(session, query) >= WALK_SHARE
    if relevance:
        page = _RANKED_WALK if common else _RANKED_INDEXED
    else:
        page = _NEWEST_WALK if common else _NEWEST_INDEXED
    return _ARTICLES.format(page=page), {
        "query": query, "limit": limit, "offset": offset, "window": RELEVANCE_WINDOW,
        "candidates": RELEVANCE_CANDIDATES, "options": HEADLINE_OPTIONS,
    }


def event_condition(session: Session, query: str) -> ColumnElement[bool]:
    """A WHERE clause on ``events``: the topic, or one of the event's articles, has every word.

    Common words: checked event by event while walking the (filtered) events newest-first,
    which finds a page after a few hundred events. Rare words: the events of the newest
    ``EVENT_ARTICLE_CANDIDATES`` matching articles (all of them, for words this rare), read
    first, so that the page query sees the few ids as values and fetches them by key.
    """
    if match_share(session, query) >= WALK_SHARE:
        # OFFSET 0: otherwise PostgreSQL turns the EXISTS into a hashed set of every
        # matching article's events, the very reading of all matches this branch avoids
        return text(
            f"(events.search_vector @@ {QUERY} OR EXISTS ("
            "SELECT 1 FROM event_mentions m JOIN articles a ON a.id = m.article_id "
            f"WHERE m.event_id = events.id AND a.search_vector @@ {QUERY} OFFSET 0))"
        ).bindparams(query=query)  # type: ignore[return-value]
    ids = list(session.execute(
        RARE_WORD_EVENTS, {"query": query, "candidates": EVENT_ARTICLE_CANDIDATES}
    ).scalars())
    return Event.id == any_(bindparam("matched_ids", ids, type_=postgresql.ARRAY(Integer)))
