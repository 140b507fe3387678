"""What an operator checks: the last update runs, how big the database is, what it holds,
and what each outlet delivered lately (from the articles table)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, case, func, select, text
from sqlalchemy.orm import Session

from storage.models import (
    Article,
    Event,
    EventMention,
    Institution,
    Person,
    Source,
    UpdateRun,
    utcnow,
)

RECENT_DAYS = 7


@dataclass(frozen=True, slots=True)
class RunRecord:
    started_at: datetime
    finished_at: datetime
    sources: int
    fetched: int
    new_articles: int
    new_events: int
    merged: int
    errors: int
    problems: dict[str, Any] = field(default_factory=dict)
    extracted_by: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "started_at": self.started_at.isoformat(timespec="seconds"),
            "finished_at": self.finished_at.isoformat(timespec="seconds"),
            "seconds": round((self.finished_at - self.started_at).total_seconds(), 1),
            "sources": self.sources, "fetched": self.fetched,
            "new_articles": self.new_articles, "new_events": self.new_events,
            "merged": self.merged, "errors": self.errors, "problems": self.problems,
            "extracted_by": self.extracted_by,
        }  # fmt: skip


def record_update_run(session: Session, run: RunRecord) -> None:
    """Keep one ``kunker update``'s outcome (the caller commits)."""
    session.add(UpdateRun(
        started_at=run.started_at, finished_at=run.finished_at, sources=run.sources,
        fetched=run.fetched, new_articles=run.new_articles, new_events=run.new_events,
        merged=run.merged, errors=run.errors, problems=run.problems,
        extracted_by=run.extracted_by,
    ))  # fmt: skip


def last_update_runs(session: Session, limit: int = 5) -> list[RunRecord]:
    """The latest update runs, newest first."""
    rows = session.execute(
        select(UpdateRun).order_by(UpdateRun.started_at.desc(), UpdateRun.id.desc())
        .limit(max(1, limit))
    ).scalars()
    return [
        RunRecord(r.started_at, r.finished_at, r.sources, r.fetched, r.new_articles,
                  r.new_events, r.merged, r.errors, dict(r.problems or {}), r.extracted_by)
        for r in rows
    ]


@dataclass(frozen=True, slots=True)
class DatabaseCounts:
    articles: int
    articles_with_text: int
    articles_not_extracted: int
    events: int
    events_with_exact_date: int
    reports: int
    institutions: int
    people: int
    outlets: int

    def to_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in self.__slots__}


def database_counts(session: Session) -> DatabaseCounts:
    articles = session.execute(select(
        func.count(Article.id),
        func.count(Article.text),
        func.count(case((Article.extracted_at.is_(None) & Article.text.is_not(None), 1))),
    )).one()
    events = session.execute(select(func.count(Event.id), func.count(Event.date))).one()

    def count(model: Any) -> int:
        return session.execute(select(func.count()).select_from(model)).scalar_one()

    return DatabaseCounts(
        articles=articles[0], articles_with_text=articles[1], articles_not_extracted=articles[2],
        events=events[0], events_with_exact_date=events[1], reports=count(EventMention),
        institutions=count(Institution), people=count(Person), outlets=count(Source),
    )


def database_size(engine: Engine) -> int | None:
    """Bytes the database takes (SQLite: the file's pages; PostgreSQL: the database)."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            pages = conn.execute(text("PRAGMA page_count")).scalar_one()
            size = conn.execute(text("PRAGMA page_size")).scalar_one()
            return int(pages) * int(size)
        if engine.dialect.name == "postgresql":
            return int(conn.execute(
                text("SELECT pg_database_size(current_database())")).scalar_one())
    return None


@dataclass(frozen=True, slots=True)
class OutletActivity:
    """What the articles table says about one outlet (host)."""

    outlet: str
    articles: int
    recent: int  # fetched in the last RECENT_DAYS days
    last_fetched: datetime | None
    last_published: Any  # date | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "outlet": self.outlet, "articles": self.articles,
            f"fetched_last_{RECENT_DAYS}_days": self.recent,
            "last_fetched": self.last_fetched.isoformat(timespec="seconds")
            if self.last_fetched else None,
            "last_published": self.last_published.isoformat() if self.last_published else None,
        }  # fmt: skip


def outlet_activity(session: Session, now: datetime | None = None) -> list[OutletActivity]:
    """Per outlet: articles stored, fetched in the last week, last fetch and publication;
    the quietest first (an outlet that stopped delivering is what an operator looks for)."""
    since = (now or utcnow()) - timedelta(days=RECENT_DAYS)
    recent = func.count(case((Article.fetched_at >= since, 1)))
    rows = session.execute(
        select(Source.host, func.count(Article.id), recent, func.max(Article.fetched_at),
               func.max(Article.published_date))
        .outerjoin(Article, Article.source_id == Source.id)
        .group_by(Source.host)
        .order_by(recent, Source.host)
    ).all()
    return [OutletActivity(*row) for row in rows]
