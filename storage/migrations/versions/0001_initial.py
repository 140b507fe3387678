"""Initial schema: sources, articles, institutions, people, events, participants, mentions,
and full-text search (SQLite FTS5 with triggers, PostgreSQL tsvector + GIN).

Revision ID: 0001
Revises:
Create Date: 2025-11-24
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
TS = sa.DateTime(timezone=True)

# External-content FTS5 tables: the text lives once, in articles/events; triggers keep the
# index in step with every write, whatever code path made it (ingest, bulk loads, manual SQL).
SQLITE_FTS = [
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
    "VALUES ('delete', old.id, old.title, old.text); END",
    # Only a change of title/text re-indexes: marking an article extracted must stay cheap.
    "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
    "VALUES ('delete', old.id, old.title, old.text); "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "CREATE VIRTUAL TABLE events_fts USING fts5(topic, content='events', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN "
    "INSERT INTO events_fts(rowid, topic) VALUES (new.id, new.topic); END",
    "CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN "
    "INSERT INTO events_fts(events_fts, rowid, topic) VALUES ('delete', old.id, old.topic); END",
    "CREATE TRIGGER events_fts_update AFTER UPDATE OF topic ON events BEGIN "
    "INSERT INTO events_fts(events_fts, rowid, topic) VALUES ('delete', old.id, old.topic); "
    "INSERT INTO events_fts(rowid, topic) VALUES (new.id, new.topic); END",
]

# 'simple' configuration: PostgreSQL has no Indonesian stemmer, and an English or other
# stemmer would mangle Indonesian words. Generated columns keep the vectors in step.
POSTGRES_FTS = [
    "ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('simple', coalesce(text, '')), 'B')) STORED",
    "CREATE INDEX ix_articles_search_vector ON articles USING gin (search_vector)",
    "ALTER TABLE events ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "to_tsvector('simple', coalesce(topic, ''))) STORED",
    "CREATE INDEX ix_events_search_vector ON events USING gin (search_vector)",
]


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("host", sa.String(255), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sources"),
        sa.UniqueConstraint("host", name="uq_sources_host"),
    )
    op.create_table(
        "institutions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("level", sa.String(16), nullable=True),
        sa.Column("region_code", sa.String(16), nullable=True),
        sa.CheckConstraint(
            "kind IN ('dprd', 'dpr', 'dpd', 'mpr', 'executive', 'ministry', 'other')",
            name="ck_institutions_kind",
        ),
        sa.CheckConstraint(
            "level IS NULL OR level IN ('nasional', 'provinsi', 'kabupaten', 'kota')",
            name="ck_institutions_level",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_institutions"),
        sa.UniqueConstraint("name", name="uq_institutions_name"),
    )
    op.create_index("ix_institutions_region_code", "institutions", ["region_code"])
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("canonical_url", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(128), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published_at", TS, nullable=True),
        sa.Column("published_date", sa.Date(), nullable=True),
        sa.Column("author", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("relevant", sa.Boolean(), nullable=False),
        sa.Column("language", sa.String(16), nullable=True),
        sa.Column("fetched_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("extractor_version", sa.String(64), nullable=True),
        sa.Column("extracted_at", TS, nullable=True),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name="fk_articles_source_id_sources"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
        sa.UniqueConstraint("canonical_url", name="uq_articles_canonical_url"),
    )
    op.create_index("ix_articles_source_id", "articles", ["source_id"])
    op.create_index("ix_articles_published_date", "articles", ["published_date"])
    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("institution_id", sa.Integer(), nullable=True),
        sa.Column("match_key", sa.String(300), nullable=False),
        sa.ForeignKeyConstraint(
            ["institution_id"], ["institutions.id"], name="fk_people_institution_id_institutions"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_people"),
        sa.UniqueConstraint("match_key", name="uq_people_match_key"),
    )
    op.create_index("ix_people_institution_id", "people", ["institution_id"])
    _create_events()
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_FTS:
            op.execute(statement)
    else:
        for statement in POSTGRES_FTS:
            op.execute(statement)


def _create_events() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("visitor_institution_id", sa.Integer(), nullable=True),
        sa.Column("visitor_unit", sa.String(255), nullable=True),
        sa.Column("host_institution_id", sa.Integer(), nullable=True),
        sa.Column("host_unit", sa.String(255), nullable=True),
        sa.Column("host_region", sa.String(255), nullable=True),
        sa.Column("host_region_code", sa.String(16), nullable=True),
        sa.Column("host_province", sa.String(8), nullable=True),
        sa.Column("visitor_region_code", sa.String(16), nullable=True),
        sa.Column("visitor_province", sa.String(8), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("first_reported", sa.Date(), nullable=False),
        sa.Column("last_reported", sa.Date(), nullable=False),
        sa.Column("sort_date", sa.Date(), nullable=False),
        sa.Column("location", sa.String(255), nullable=True),
        sa.Column("topic", sa.Text(), nullable=True),
        sa.Column("topic_category", sa.String(32), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("provenance", JSON, nullable=False),
        sa.Column("merge_key", sa.String(300), nullable=True),
        sa.Column("mention_count", sa.Integer(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.ForeignKeyConstraint(
            ["visitor_institution_id"], ["institutions.id"],
            name="fk_events_visitor_institution_id_institutions",
        ),
        sa.ForeignKeyConstraint(
            ["host_institution_id"], ["institutions.id"],
            name="fk_events_host_institution_id_institutions",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
        sa.UniqueConstraint("merge_key", "sort_date", name="uq_events_merge_key_sort_date"),
    )
    for name, columns in (
        ("ix_events_kind", ["kind"]),
        ("ix_events_topic_category", ["topic_category"]),
        ("ix_events_host_region_code", ["host_region_code"]),
        ("ix_events_visitor_region_code", ["visitor_region_code"]),
        ("ix_events_sort_date_id", ["sort_date", "id"]),
        ("ix_events_visitor_institution_id_sort_date", ["visitor_institution_id", "sort_date"]),
        ("ix_events_host_institution_id_sort_date", ["host_institution_id", "sort_date"]),
        ("ix_events_host_province_sort_date", ["host_province", "sort_date"]),
        ("ix_events_visitor_province_sort_date", ["visitor_province", "sort_date"]),
    ):
        op.create_index(name, "events", columns)
    op.create_table(
        "event_participants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.Text(), nullable=True),
        sa.Column("side", sa.String(16), nullable=False),
        sa.CheckConstraint(
            "side IN ('visitor', 'host', 'other')", name="ck_event_participants_side"
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name="fk_event_participants_event_id_events",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name="fk_event_participants_person_id_people"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_event_participants"),
        sa.UniqueConstraint(
            "event_id", "person_id", "side", name="uq_event_participants_event_id_person_id_side"
        ),
    )
    op.create_index("ix_event_participants_person_id", "event_participants", ["person_id"])
    op.create_table(
        "event_mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("record", JSON, nullable=False),
        sa.Column("evidence", JSON, nullable=False),
        sa.Column("extractor_version", sa.String(64), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name="fk_event_mentions_article_id_articles",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name="fk_event_mentions_event_id_events",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_event_mentions"),
        sa.UniqueConstraint(
            "article_id", "ordinal", name="uq_event_mentions_article_id_ordinal"
        ),
    )
    op.create_index("ix_event_mentions_event_id", "event_mentions", ["event_id"])


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in ("events_fts", "articles_fts"):
            op.execute(f"DROP TABLE IF EXISTS {name}")
    for table in (
        "event_mentions",
        "event_participants",
        "events",
        "people",
        "articles",
        "institutions",
        "sources",
    ):
        op.drop_table(table)
