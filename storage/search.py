"""Full-text search over article titles/texts and event topics, safe for any user input.

The user's text is never passed as query syntax (see ``storage.search_terms``). All words
must match (AND). Matching ignores case and, on SQLite, diacritics. The statements live in
``storage.search_sqlite`` and ``storage.search_postgres``: the two engines are fast at
different things, and each module says how it keeps every search quick at a million articles.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from sqlalchemy import Date, Integer, String, column, func, select, text
from sqlalchemy.orm import Session

from storage import search_postgres, search_sqlite
from storage.filters import EventFilter, apply
from storage.models import Article, Event, EventMention
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
    "ELLIPSIS",
    "MARK_END",
    "MARK_START",
    "MAX_TERMS",
    "RELEVANCE_CANDIDATES",
    "SNIPPET_WORDS",
    "TITLE_WEIGHT",
    "WORD",
    "ArticleHit",
    "EventHit",
    "Order",
    "count_search_events",
    "fts5_match",
    "highlight",
    "search_articles",
    "search_events",
    "search_terms",
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
    """A matching event and why it matched: ``matched_in`` is "topic", "evidence" (a
    sentence the record was read from) or "article" (elsewhere in a reporting article, named
    by ``article_title``/``article_url``); ``snippet`` shows the words there."""

    event: EventSummary
    snippet: str
    matched_in: str = "topic"
    article_title: str | None = None
    article_url: str | None = None


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
    limit, offset = max(1, limit), max(0, offset)
    # A person filter has no index to lead the plan: walking the events for a rare name
    # would read them all, so the matches are fetched by key whatever the words.
    by_person = flt is not None and flt.person is not None
    condition = _event_condition(
        session, terms, rows_wanted=None if by_person else offset + limit)
    statement = (
        apply(summaries_query(), flt).where(condition)
        .order_by(Event.sort_date.desc(), Event.id.desc())
        .limit(limit).offset(offset)
    )
    events = [summary_of(row) for row in session.execute(statement)]
    evidence = sources_of(session, [e.id for e in events]) if events else {}
    found = {event.id: _in_topic_or_evidence(event, evidence.get(event.id, ([], []))[1], terms)
             for event in events}
    # the events matched only through an article's text: their articles in one query,
    # not one per event (a page of rare-word hits is mostly these)
    articles = _articles_of(session, [e.id for e in events if found[e.id] is None])
    return [found[event.id] or _in_articles(event, evidence.get(event.id, ([], []))[1],
                                            articles.get(event.id, []), terms)
            for event in events]


def _has_all(text_value: str | None, terms: list[str]) -> bool:
    words = {w.casefold() for w in WORD.findall(text_value or "")}
    return all(t.casefold() in words for t in terms)


def _has_any(text_value: str | None, terms: list[str]) -> bool:
    words = {w.casefold() for w in WORD.findall(text_value or "")}
    return any(t.casefold() in words for t in terms)


def _in_topic_or_evidence(event: EventSummary, evidence: list[Any], terms: list[str]
                          ) -> EventHit | None:
    """Where the words are, when in the topic or an evidence sentence."""
    if _has_any(event.topic, terms):
        return EventHit(event, highlight(event.topic or "", terms), "topic")
    sentences = [e.text for e in evidence]
    sentence = next((t for t in sentences if _has_all(t, terms)), None) or next(
        (t for t in sentences if _has_any(t, terms)), None)
    if sentence is not None:
        return EventHit(event, highlight(sentence, terms), "evidence")
    return None


def _articles_of(session: Session, event_ids: list[int]
                 ) -> dict[int, list[tuple[str | None, str | None, str]]]:
    """(title, text, url) of each event's reporting articles, in article order."""
    found: dict[int, list[tuple[str | None, str | None, str]]] = {}
    if not event_ids:
        return found
    rows = session.execute(
        select(EventMention.event_id, Article.title, Article.text, Article.url)
        .join(EventMention, EventMention.article_id == Article.id)
        .where(EventMention.event_id.in_(event_ids))
        .order_by(EventMention.event_id, Article.id)
    )
    for event_id, title, body, url in rows:
        found.setdefault(event_id, []).append((title, body, url))
    return found


def _in_articles(event: EventSummary, evidence: list[Any],
                 articles: list[tuple[str | None, str | None, str]], terms: list[str]
                 ) -> EventHit:
    """The first reporting article holding every word; else the topic, unmarked."""
    for title, body, url in articles:
        if _has_all(f"{title or ''} {body or ''}", terms):
            where = body if _has_any(body, terms) else title
            return EventHit(event, highlight(where or "", terms), "article", title, url)
    sentences = [e.text for e in evidence]
    return EventHit(event, highlight(event.topic or (sentences[0] if sentences else ""),
                                     terms), "topic")


def _event_condition(session: Session, terms: list[str], rows_wanted: int | None = None
                     ) -> Any:
    if session.get_bind().dialect.name == "sqlite":
        return search_sqlite.event_condition(session, terms, rows_wanted)
    return search_postgres.event_condition(session, " ".join(terms))


def count_search_events(session: Session, query: str, flt: EventFilter | None = None) -> int:
    """How many events ``search_events`` finds for ``query`` over all its pages."""
    terms = search_terms(query)
    if not terms:
        return 0
    statement = apply(select(func.count()).select_from(Event), flt).where(
        _event_condition(session, terms))
    return session.execute(statement).scalar_one()
