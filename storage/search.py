"""Full-text search over article titles/texts and event topics, safe for any user input.

The user's text is never passed as query syntax (see ``storage.search_terms``). All words
must match (AND). Matching ignores case and, on SQLite, diacritics. The statements live in
``storage.search_sqlite`` and ``storage.search_postgres``: the two engines are fast at
different things, and each module says how it keeps every search quick at a million articles.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from sqlalchemy import Date, Integer, String, column, select, text
from sqlalchemy.orm import Session

from storage import search_postgres, search_sqlite
from storage.filters import EventFilter, apply
from storage.models import Event
from storage.queries import EventSummary, sources_of, summaries_query, summary_of
from storage.search_terms import (
    ELLIPSIS,
    MARK_END,
    MARK_START,
    MAX_TERMS,
    RELEVANCE_CANDIDATES,
    SNIPPET_WORDS,
    TITLE_WEIGHT,
    WORD,
    fts5_match,
    search_terms,
)

Order = Literal["relevance", "newest"]

# The words and marks are defined in storage.search_terms; callers import them from here.
__all__ = [
    "ELLIPSIS", "MARK_END", "MARK_START", "MAX_TERMS", "RELEVANCE_CANDIDATES", "SNIPPET_WORDS",
    "TITLE_WEIGHT", "WORD", "ArticleHit", "EventHit", "Order", "fts5_match", "highlight",
    "search_articles", "search_events", "search_terms",
]


@dataclass(frozen=True, slots=True)
class ArticleHit:
    id: int
    url: str
    title: str | None
    published: date | None
    outlet: str
    snippet: str


def search_articles(
    session: Session, query: str, *, limit: int = 20, offset: int = 0, order: Order = "newest"
) -> list[ArticleHit]:
    """Articles whose title or text contain every word of ``query``, with a snippet.

    ``newest`` (default) lists the most recently stored first. ``relevance`` ranks recent
    matches, title words weighing more: on SQLite by BM25 among the newest
    ``RELEVANCE_CANDIDATES`` matches; on PostgreSQL by ts_rank among the matches in the
    newest ``RELEVANCE_WINDOW`` articles when the words are common, else among the newest
    ``RELEVANCE_CANDIDATES`` matches.
    """
    terms = search_terms(query)
    if not terms:
        return []
    relevance = order == "relevance"
    limit, offset = max(1, limit), max(0, offset)
    if session.get_bind().dialect.name == "sqlite":
        sql, params = search_sqlite.articles(terms, relevance, limit, offset)
    else:
        sql, params = search_postgres.articles(session, " ".join(terms), relevance, limit, offset)
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
    if session.get_bind().dialect.name == "sqlite":
        matched = search_sqlite.matching_event_ids(terms).columns(id=Event.id.type).subquery()
        condition = Event.id.in_(select(matched.c.id))
    else:
        condition = search_postgres.event_condition(session, " ".join(terms))
    statement = (
        apply(summaries_query(), flt).where(condition)
        .order_by(Event.sort_date.desc(), Event.id.desc())
        .limit(max(1, limit)).offset(max(0, offset))
    )
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

