"""What the database holds per source and per province: the counts of the coverage report.

Storage does not know the sources catalogue: it counts articles per source name (the crawler
stores each article under its catalogue entry's name) and visits per province code; the
edge maps source names to provinces and puts the report together.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from storage.models import Article, Event, Source


@dataclass(frozen=True, slots=True)
class SourceCounts:
    source: str
    articles: int  # stored (relevant or seen only)
    relevant: int  # kept with text: they mention a legislative body


def articles_per_source(session: Session) -> list[SourceCounts]:
    statement = (
        select(Source.host, func.count(Article.id),
               func.sum(case((Article.relevant.is_(True), 1), else_=0)))
        .join(Article, Article.source_id == Source.id)
        .group_by(Source.host)
        .order_by(Source.host)
    )
    return [SourceCounts(host, int(n), int(r or 0)) for host, n, r in session.execute(statement)]


@dataclass(frozen=True, slots=True)
class ProvinceVisits:
    province: str  # Kemendagri code ("82")
    hosted: int  # visits whose host is in the province
    made: int  # visits by the province's bodies


def visits_per_province(session: Session) -> dict[str, ProvinceVisits]:
    """Each visit counts once per side; a visit within one province counts on both sides."""
    hosted = dict(session.execute(
        select(Event.host_province, func.count(Event.id))
        .where(Event.host_province.is_not(None)).group_by(Event.host_province)
    ).all())
    made = dict(session.execute(
        select(Event.visitor_province, func.count(Event.id))
        .where(Event.visitor_province.is_not(None)).group_by(Event.visitor_province)
    ).all())
    return {code: ProvinceVisits(code, int(hosted.get(code, 0)), int(made.get(code, 0)))
            for code in sorted(set(hosted) | set(made))}
