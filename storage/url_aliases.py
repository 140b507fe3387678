"""URL aliases and discovery queries: what the crawler learns about an article besides its page.

An article found by a link whose page declares another rel=canonical is stored under the
canonical URL; the link becomes an alias, so ``known_urls`` knows it and the next crawl does
not fetch the page again. An article found by a search (a GDELT query) keeps the query.
Both are written in the transaction that stores the article.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import bindparam, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.models import Article, ArticleQuery, UrlAlias, utcnow
from storage.records import ArticleRecord

URL_CHUNK = 500
ALIASES_BY_URL = select(UrlAlias.url).where(UrlAlias.url.in_(bindparam("urls", expanding=True)))
IDS_BY_CANONICAL = select(Article.canonical_url, Article.id).where(
    Article.canonical_url.in_(bindparam("urls", expanding=True))
)


def known_aliases(session: Session, urls: Iterable[str]) -> set[str]:
    """The subset of ``urls`` (canonical forms of links) stored as aliases."""
    wanted = list(dict.fromkeys(urls))
    found: set[str] = set()
    for start in range(0, len(wanted), URL_CHUNK):
        chunk = wanted[start:start + URL_CHUNK]
        found.update(session.connection().execute(ALIASES_BY_URL, {"urls": chunk}).scalars())
    return found


def alias_of(item: ArticleRecord) -> str | None:
    """The other URL ``item`` is known by (the producer canonicalised it), if any."""
    return item.alias if item.alias and item.alias != item.canonical_url else None


def record_discovery(session: Session, items: Sequence[ArticleRecord]) -> None:
    """Aliases and queries of the stored ``items`` (each stored in this transaction)."""
    wanted = [item for item in items if alias_of(item) or item.found_query]
    if not wanted:
        return
    ids = dict(session.connection().execute(
        IDS_BY_CANONICAL, {"urls": sorted({item.canonical_url for item in wanted})}
    ).all())
    now = utcnow()
    aliases = {
        alias: {"url": alias, "article_id": ids[item.canonical_url], "created_at": now}
        for item in wanted
        if (alias := alias_of(item)) and item.canonical_url in ids
    }
    queries = {
        (ids[item.canonical_url], item.source): {
            "article_id": ids[item.canonical_url], "source": item.source,
            "query": item.found_query, "found_at": now,
        }
        for item in wanted
        if item.found_query and item.canonical_url in ids
    }
    _insert_ignore(session, UrlAlias, list(aliases.values()), ["url"])
    _insert_ignore(session, ArticleQuery, list(queries.values()), ["article_id", "source"])


def queries_of(session: Session, article_id: int) -> list[tuple[str, str]]:
    """(source, query) pairs that found an article."""
    rows = session.execute(
        select(ArticleQuery.source, ArticleQuery.query)
        .where(ArticleQuery.article_id == article_id)
        .order_by(ArticleQuery.source)
    )
    return [(row.source, row.query) for row in rows]


def _insert_ignore(session: Session, model: type, rows: list[dict[str, object]],
                   keys: list[str]) -> None:
    if not rows:
        return
    builder = postgresql.insert if session.get_bind().dialect.name == "postgresql" else (
        sqlite.insert
    )
    statement = builder(model.__table__).on_conflict_do_nothing(  # type: ignore[attr-defined]
        index_elements=keys
    )
    session.connection().execute(statement, rows)
