"""Full-text search over article titles/texts and event topics, safe for any user input.

The user's text is never passed as query syntax: it is cut into words, and each word becomes
a quoted FTS5 string (SQLite) or goes through ``plainto_tsquery`` (PostgreSQL), both of which
treat ``"``, ``*``, ``OR``, ``NEAR``, ``-`` or ``'; DROP TABLE`` as plain words or nothing.
All words must match (AND). Matching ignores case and, on SQLite, diacritics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from sqlalchemy import Date, Integer, String, and_, column, select, text
from sqlalchemy.orm import Session

from storage.filters import EventFilter, apply
from storage.models import Event
from storage.queries import EventSummary, sources_of, summaries_query, summary_of

Order = Literal["relevance", "newest"]
WORD = re.compile(r"\w+")
MAX_TERMS = 16  # a pasted paragraph is not a query; keeps the index work bounded
SNIPPET_WORDS = 16
MARK_START, MARK_END, ELLIPSIS = "[", "]", "…"
RELEVANCE_CANDIDATES = 2_000  # PostgreSQL: rank within the newest this many matches
TITLE_WEIGHT = 4.0  # a word in the headline says more about an article than one in the text
# Events found through their articles' text: only the newest this many matching articles are
# looked at, so a word in half the corpus costs the same as a rare one. Topics: all searched.
EVENT_ARTICLE_CANDIDATES = 5_000


def search_terms(query: str) -> list[str]:
    """The words of ``query`` (letters and digits only), at most ``MAX_TERMS``."""
    return [w for w in WORD.findall(query) if w.strip("_")][:MAX_TERMS]


def fts5_match(terms: list[str]) -> str:
    """An FTS5 MATCH string where every term is a quoted string: literal, never syntax."""
    return " ".join('"' + term.replace('"', '""') + '"' for term in terms)


@dataclass(frozen=True, slots=True)
class ArticleHit:
    id: int
    url: str
    title: str | None
    published: date | None
    outlet: str
    snippet: str


SQLITE_ARTICLES = """
SELECT a.id, a.url, a.title, a.published_date, s.host,
       snippet(articles_fts, -1, :mark_start, :mark_end, :ellipsis, :words) AS snippet
FROM articles_fts
JOIN articles a ON a.id = articles_fts.rowid
JOIN sources s ON s.id = a.source_id
WHERE articles_fts MATCH :match
ORDER BY {order}
LIMIT :limit OFFSET :offset
"""

# The page is chosen first and only its rows get a headline: ts_headline re-parses the text.
POSTGRES_ARTICLES = """
WITH q AS (SELECT plainto_tsquery('simple', :query) AS query),
matches AS (
    SELECT a.id, a.search_vector FROM articles a, q
    WHERE a.search_vector @@ q.query
    ORDER BY a.id DESC
    LIMIT :candidates
),
page AS (
    SELECT m.id, {rank} AS rank
    FROM matches m, q
    ORDER BY {order}
    LIMIT :limit OFFSET :offset
)
SELECT a.id, a.url, a.title, a.published_date, s.host,
       ts_headline('simple', coalesce(a.text, a.title, ''), q.query, :options) AS snippet
FROM page JOIN articles a ON a.id = page.id JOIN sources s ON s.id = a.source_id, q
ORDER BY {outer_order}
"""


def search_articles(
    session: Session, query: str, *, limit: int = 20, offset: int = 0, order: Order = "newest"
) -> list[ArticleHit]:
    """Articles whose title or text contain every word of ``query``, with a snippet.

    ``newest`` (default) lists the most recently stored first and stays fast for any word;
    ``relevance`` ranks by BM25 (SQLite) or ts_rank among the newest matches (PostgreSQL).
    """
    terms = search_terms(query)
    if not terms:
        return []
    params: dict[str, Any] = {"limit": max(1, limit), "offset": max(0, offset)}
    if session.get_bind().dialect.name == "sqlite":
        sql = SQLITE_ARTICLES.format(
            order=f"bm25(articles_fts, {TITLE_WEIGHT}, 1.0)"
            if order == "relevance" else "articles_fts.rowid DESC"
        )
        params.update(
            match=fts5_match(terms), mark_start=MARK_START, mark_end=MARK_END,
            ellipsis=ELLIPSIS, words=SNIPPET_WORDS,
        )
    else:
        relevance = order == "relevance"
        sql = POSTGRES_ARTICLES.format(
            rank="ts_rank(m.search_vector, q.query)" if relevance else "0",
            order="rank DESC, m.id DESC" if relevance else "m.id DESC",
            outer_order="page.rank DESC, a.id DESC" if relevance else "a.id DESC",
        )
        # ts_rank reads every match's vector: rank only the newest RELEVANCE_CANDIDATES
        params["candidates"] = (
            RELEVANCE_CANDIDATES if relevance else max(1, limit) + max(0, offset)
        )
        params.update(
            query=" ".join(terms),
            options=f"MaxWords={SNIPPET_WORDS}, MinWords={SNIPPET_WORDS // 2}, "
            f"StartSel={MARK_START}, StopSel={MARK_END}, MaxFragments=1, "
            f"FragmentDelimiter={ELLIPSIS}",
        )
    # typed columns: SQLite hands back raw text SQL's dates as strings otherwise
    statement = text(sql).columns(
        column("id", Integer), column("url", String), column("title", String),
        column("published_date", Date), column("host", String), column("snippet", String),
    )
    return [ArticleHit(*row) for row in session.execute(statement, params)]


@dataclass(frozen=True, slots=True)
class EventHit:
    event: EventSummary
    snippet: str


def _matching_event_ids(session: Session, terms: list[str]) -> Any:
    """A subquery of event ids whose topic, or one of whose articles, has every term."""
    if session.get_bind().dialect.name == "sqlite":
        match = fts5_match(terms)
        topic = text("SELECT rowid AS id FROM events_fts WHERE events_fts MATCH :match")
        article = text(
            "SELECT m.event_id AS id FROM event_mentions m WHERE m.article_id IN "
            "(SELECT rowid FROM articles_fts WHERE articles_fts MATCH :match "
            "ORDER BY rowid DESC LIMIT :candidates)"
        )
        params = {"match": match, "candidates": EVENT_ARTICLE_CANDIDATES}
    else:
        topic = text(
            "SELECT id FROM events WHERE search_vector @@ plainto_tsquery('simple', :query)"
        )
        article = text(
            "SELECT m.event_id AS id FROM event_mentions m WHERE m.article_id IN "
            "(SELECT a.id FROM articles a "
            "WHERE a.search_vector @@ plainto_tsquery('simple', :query) "
            "ORDER BY a.id DESC LIMIT :candidates)"
        )
        params = {"query": " ".join(terms), "candidates": EVENT_ARTICLE_CANDIDATES}
    union = text(f"{topic.text} UNION {article.text}").bindparams(**params)
    return union.columns(id=Event.id.type).subquery("matched")


def highlight(text_value: str, terms: list[str], words: int = SNIPPET_WORDS) -> str:
    """A short window of ``text_value`` around the first matching word, words marked."""
    tokens = text_value.split()
    wanted = {t.casefold() for t in terms}

    def hit(token: str) -> bool:
        return any(w.casefold() in wanted for w in WORD.findall(token))

    first = next((i for i, token in enumerate(tokens) if hit(token)), 0)
    start = max(0, first - words // 3)
    window = tokens[start:start + words]
    marked = [f"{MARK_START}{t}{MARK_END}" if hit(t) else t for t in window]
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if start + words < len(tokens) else ""
    return prefix + " ".join(marked) + suffix


def search_events(
    session: Session,
    query: str,
    flt: EventFilter | None = None,
    *,
    limit: int = 20,
    offset: int = 0,
) -> list[EventHit]:
    """Events whose topic or articles contain every word of ``query``, newest first."""
    terms = search_terms(query)
    if not terms:
        return []
    matched = _matching_event_ids(session, terms)
    statement = apply(summaries_query(), flt).where(
        and_(Event.id.in_(select(matched.c.id)))
    ).order_by(Event.sort_date.desc(), Event.id.desc()).limit(max(1, limit)).offset(max(0, offset))
    events = [summary_of(row) for row in session.execute(statement)]
    evidence = sources_of(session, [e.id for e in events]) if events else {}
    hits = []
    for event in events:
        sentences = [e.text for e in evidence.get(event.id, ([], []))[1]]
        candidates = [event.topic or "", *sentences]
        best = next(
            (c for c in candidates if any(w.casefold() in {t.casefold() for t in terms}
                                          for w in WORD.findall(c))),
            candidates[0] if candidates[0] else (sentences[0] if sentences else ""),
        )
        hits.append(EventHit(event, highlight(best, terms)))
    return hits

