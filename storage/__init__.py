"""Storage: SQLAlchemy models, migrations, idempotent ingest, queries and search.

The edge (CLI, web) opens an engine with ``open_database(url)`` (which refuses an outdated
schema with a one-line ``SchemaOutdatedError``), sessions with ``session_factory(engine)``,
and calls the functions below, each taking a Session it owns.
"""

from storage.article_sink import DatabaseArticleSink
from storage.articles import (
    PendingArticle,
    articles_by_ids,
    articles_to_extract,
    count_articles_to_extract,
    known_urls,
    pending_article_ids,
    store_article,
    store_articles,
)
from storage.db import make_engine, session_factory, write_transaction
from storage.errors import SchemaOutdatedError, StorageError
from storage.events import (
    ExtractionResult,
    forget_article_events,
    ingest_extraction,
    store_extraction,
)
from storage.export import iter_event_records
from storage.filters import EventFilter
from storage.ingest import ingest_extractions
from storage.migrate import check_schema, open_database, schema_status, upgrade
from storage.queries import (
    EventDetail,
    EventSummary,
    HistoryEntry,
    InstitutionInfo,
    count_events,
    find_institutions,
    get_event,
    get_institution,
    institution_history,
    list_events,
)
from storage.records import ArticleRecord
from storage.search import ArticleHit, EventHit, search_articles, search_events
from storage.stats import (
    StatRow,
    event_stats,
    top_destinations,
    top_visitors,
    visits_per_month,
)

__all__ = [
    "ArticleHit",
    "ArticleRecord",
    "DatabaseArticleSink",
    "EventDetail",
    "EventFilter",
    "EventHit",
    "EventSummary",
    "ExtractionResult",
    "HistoryEntry",
    "InstitutionInfo",
    "PendingArticle",
    "SchemaOutdatedError",
    "StatRow",
    "StorageError",
    "articles_by_ids",
    "articles_to_extract",
    "check_schema",
    "count_articles_to_extract",
    "count_events",
    "event_stats",
    "find_institutions",
    "forget_article_events",
    "get_event",
    "get_institution",
    "ingest_extraction",
    "ingest_extractions",
    "institution_history",
    "iter_event_records",
    "known_urls",
    "list_events",
    "make_engine",
    "open_database",
    "pending_article_ids",
    "schema_status",
    "search_articles",
    "search_events",
    "session_factory",
    "store_article",
    "store_articles",
    "store_extraction",
    "top_destinations",
    "top_visitors",
    "upgrade",
    "visits_per_month",
    "write_transaction",
]
