"""The database schema: sources, articles, institutions, people, events and their links.

One ``DeclarativeBase`` with a naming convention so constraint names are stable across SQLite
and PostgreSQL (alembic batch mode on SQLite needs named constraints to alter them).

Full-text search objects (SQLite FTS5 tables and triggers, PostgreSQL tsvector columns and GIN
indexes) are dialect-specific and live only in the migrations; ``storage.search`` queries them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

INSTITUTION_KINDS = ("dprd", "dpr", "dpd", "mpr", "executive", "ministry", "other")
INSTITUTION_LEVELS = ("nasional", "provinsi", "kabupaten", "kota")
SIDES = ("visitor", "host", "other")
# Integer primary keys are 32-bit on PostgreSQL (SERIAL): a larger id is no row, and asking
# for one makes the query fail instead of finding nothing.
MAX_ROW_ID = 2**31 - 1

# JSONB on PostgreSQL (smaller, indexable), plain JSON text on SQLite.
JsonType = JSON().with_variant(JSONB(), "postgresql")


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware datetime stored as UTC.

    SQLite has no timezone type and SQLAlchemy's SQLite DateTime drops the offset, so values
    are normalised to UTC on the way in and marked UTC on the way out; PostgreSQL keeps
    ``timestamptz`` and returns aware values anyway.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: kunker stores timezone-aware times")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Source(Base):
    """A news outlet, identified by its host (``kalsel.antaranews.com``)."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    host: Mapped[str] = mapped_column(String(255), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Article(Base):
    """One fetched page. ``text`` is NULL for an irrelevant article kept only as "seen"."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    canonical_url: Mapped[str] = mapped_column(Text, unique=True)
    url: Mapped[str] = mapped_column(Text)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    content_hash: Mapped[str] = mapped_column(String(128))
    title: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The publication date as the outlet dated it (its own timezone): what merging and
    # display use; published_at in UTC can fall on the previous day.
    published_date: Mapped[date | None] = mapped_column(Date, index=True)
    author: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)
    relevant: Mapped[bool] = mapped_column(Boolean, default=True)
    language: Mapped[str | None] = mapped_column(String(16))
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    extractor_version: Mapped[str | None] = mapped_column(String(64))
    extracted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # What produced the last extraction (``nlp.extract.provenance``): extractor version,
    # annotator, and any key a later extractor adds. NULL: extracted before it was recorded.
    extracted_by: Mapped[dict[str, Any] | None] = mapped_column(JsonType)


class Institution(Base):
    """A body by its canonical name (../shared/eval/SCHEMA.md), described by the gazetteer."""

    __tablename__ = "institutions"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('dprd', 'dpr', 'dpd', 'mpr', 'executive', 'ministry', 'other')",
            name="kind",
        ),
        CheckConstraint(
            "level IS NULL OR level IN ('nasional', 'provinsi', 'kabupaten', 'kota')",
            name="level",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    level: Mapped[str | None] = mapped_column(String(16))
    # Kemendagri code: "13" for a province, "13.71" for a kota/kabupaten in it.
    region_code: Mapped[str | None] = mapped_column(String(16), index=True)


class Person(Base):
    """A named person; one row per (normalised name, institution)."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    institution_id: Mapped[int | None] = mapped_column(
        ForeignKey("institutions.id"), index=True
    )
    # casefolded name + institution id: a UNIQUE over (name, institution_id) would let
    # duplicates through when institution_id is NULL (NULLs are distinct in both databases).
    match_key: Mapped[str] = mapped_column(String(300), unique=True)


class Event(Base):
    """One real visit, folded from every mention that reports it (see ``storage.merge``)."""

    __tablename__ = "events"
    __table_args__ = (
        # Two events of the same visitor/host pair on the same day are the same visit: the
        # database refuses the second one even if two processes race past the Python check.
        UniqueConstraint("merge_key", "sort_date"),
        Index("ix_events_sort_date_id", "sort_date", "id"),
        Index("ix_events_visitor_institution_id_sort_date", "visitor_institution_id", "sort_date"),
        Index("ix_events_host_institution_id_sort_date", "host_institution_id", "sort_date"),
        Index("ix_events_host_province_sort_date", "host_province", "sort_date"),
        Index("ix_events_visitor_province_sort_date", "visitor_province", "sort_date"),
        # kind and category filters walk this newest first instead of fetching every event
        # of a region to test them (migration 0005)
        Index("ix_events_topic_category_kind_sort_date", "topic_category", "kind", "sort_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    visitor_institution_id: Mapped[int | None] = mapped_column(ForeignKey("institutions.id"))
    visitor_unit: Mapped[str | None] = mapped_column(String(255))
    host_institution_id: Mapped[int | None] = mapped_column(ForeignKey("institutions.id"))
    host_unit: Mapped[str | None] = mapped_column(String(255))
    host_region: Mapped[str | None] = mapped_column(String(255))
    # Region codes denormalised from the institutions / host region so a region filter is
    # one indexed equality (province) instead of a join.
    host_region_code: Mapped[str | None] = mapped_column(String(16), index=True)
    host_province: Mapped[str | None] = mapped_column(String(8))
    visitor_region_code: Mapped[str | None] = mapped_column(String(16), index=True)
    visitor_province: Mapped[str | None] = mapped_column(String(8))
    date: Mapped[date | None] = mapped_column(Date)
    first_reported: Mapped[date] = mapped_column(Date)
    last_reported: Mapped[date] = mapped_column(Date)
    # The visit date when known, else the first report's date: what lists sort and filter on.
    sort_date: Mapped[date] = mapped_column(Date)
    location: Mapped[str | None] = mapped_column(String(255))
    # where the meeting was, as a code: a region filter matches the place of the visit too
    location_region_code: Mapped[str | None] = mapped_column(String(16), index=True)
    topic: Mapped[str | None] = mapped_column(Text)
    topic_category: Mapped[str] = mapped_column(String(32))
    confidence: Mapped[float] = mapped_column(Float)
    # field -> article id the merged value came from
    provenance: Mapped[dict[str, Any]] = mapped_column(JsonType, default=dict)
    # "<visitor institution id>><host institution id | r:region>"; NULL = never merged
    merge_key: Mapped[str | None] = mapped_column(String(300))
    mention_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class EventParticipant(Base):
    __tablename__ = "event_participants"
    __table_args__ = (
        UniqueConstraint("event_id", "person_id", "side"),
        CheckConstraint("side IN ('visitor', 'host', 'other')", name="side"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    role: Mapped[str | None] = mapped_column(Text)
    side: Mapped[str] = mapped_column(String(16))


class EventMention(Base):
    """One extracted event in one article: the evidence that a visit happened.

    ``record`` keeps the extractor's event (schema JSON) so an event can be re-folded from its
    remaining mentions when an article is re-extracted.
    """

    __tablename__ = "event_mentions"
    __table_args__ = (UniqueConstraint("article_id", "ordinal"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    ordinal: Mapped[int] = mapped_column(Integer)
    record: Mapped[dict[str, Any]] = mapped_column(JsonType)
    # [{"text": sentence, "start": offset, "end": offset}] into articles.text
    evidence: Mapped[list[dict[str, Any]]] = mapped_column(JsonType, default=list)
    extractor_version: Mapped[str] = mapped_column(String(64))
    # ``nlp.extract.provenance`` of the extraction that found this report (see Article)
    extracted_by: Mapped[dict[str, Any] | None] = mapped_column(JsonType)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class UpdateRun(Base):
    """One ``kunker update``: when, what it did, and what went wrong (``kunker status``)."""

    __tablename__ = "update_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    finished_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sources: Mapped[int] = mapped_column(Integer)
    fetched: Mapped[int] = mapped_column(Integer)
    new_articles: Mapped[int] = mapped_column(Integer)
    new_events: Mapped[int] = mapped_column(Integer)
    merged: Mapped[int] = mapped_column(Integer)
    errors: Mapped[int] = mapped_column(Integer)
    # {source name: why it failed}, the crawl's own error, extraction failures
    problems: Mapped[dict[str, Any]] = mapped_column(JsonType, default=dict)
    extracted_by: Mapped[dict[str, Any] | None] = mapped_column(JsonType)


class UrlAlias(Base):
    """A link an article was found by whose page declares another canonical URL.

    ``url`` is the canonical form of the discovered link (``crawler.urls.canonical_url``):
    the crawler asks whether a link is known before fetching it, and without the alias a
    page whose rel=canonical differs from its link would be fetched again on every run.
    """

    __tablename__ = "url_aliases"

    url: Mapped[str] = mapped_column(Text, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ArticleQuery(Base):
    """Which search found an article (a GDELT query), per source that searched."""

    __tablename__ = "article_queries"
    __table_args__ = (UniqueConstraint("article_id", "source"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(String(100))
    query: Mapped[str] = mapped_column(Text)
    found_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class SourceRun(Base):
    """What one crawl did with one configured source: the history ``sources health`` reads.

    ``source`` is the entry's name in the sources file (not a host: one outlet can have
    several entries, and one entry several hosts). ``dropped`` and ``errors`` map a reason
    ("not an article: empty body", "feed: HTTP 404") to how often it happened.
    """

    __tablename__ = "source_runs"
    __table_args__ = (Index("ix_source_runs_source_started_at", "source", "started_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(100))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime] = mapped_column(UTCDateTime())
    listing_pages: Mapped[int] = mapped_column(Integer, default=0)
    discovered: Mapped[int] = mapped_column(Integer, default=0)
    fetched: Mapped[int] = mapped_column(Integer, default=0)
    with_body: Mapped[int] = mapped_column(Integer, default=0)
    stored_new: Mapped[int] = mapped_column(Integer, default=0)
    relevant: Mapped[int] = mapped_column(Integer, default=0)
    blocked: Mapped[int] = mapped_column(Integer, default=0)
    dropped: Mapped[dict[str, Any]] = mapped_column(JsonType, default=dict)
    errors: Mapped[dict[str, Any]] = mapped_column(JsonType, default=dict)
    last_error: Mapped[str | None] = mapped_column(Text)
