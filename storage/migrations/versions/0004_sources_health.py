"""Source health and URL aliases: ``source_runs`` (what each crawl did per configured source,
read by ``kunker sources health``), ``url_aliases`` (links whose page declares another
canonical URL, so they are not fetched again), ``article_queries`` (which GDELT query found
an article).

Revision ID: 0004
Revises: 0003
Create Date: 2025-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "url_aliases",
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE",
                                name="fk_url_aliases_article_id_articles"),
        sa.PrimaryKeyConstraint("url", name="pk_url_aliases"),
    )
    op.create_index("ix_url_aliases_article_id", "url_aliases", ["article_id"])
    op.create_table(
        "article_queries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(100), nullable=False),
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("found_at", TS, nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE",
                                name="fk_article_queries_article_id_articles"),
        sa.PrimaryKeyConstraint("id", name="pk_article_queries"),
        sa.UniqueConstraint("article_id", "source", name="uq_article_queries_article_id_source"),
    )
    op.create_table(
        "source_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(100), nullable=False),
        sa.Column("started_at", TS, nullable=False),
        sa.Column("finished_at", TS, nullable=False),
        sa.Column("listing_pages", sa.Integer(), nullable=False),
        sa.Column("discovered", sa.Integer(), nullable=False),
        sa.Column("fetched", sa.Integer(), nullable=False),
        sa.Column("with_body", sa.Integer(), nullable=False),
        sa.Column("stored_new", sa.Integer(), nullable=False),
        sa.Column("relevant", sa.Integer(), nullable=False),
        sa.Column("blocked", sa.Integer(), nullable=False),
        sa.Column("dropped", JSON, nullable=False),
        sa.Column("errors", JSON, nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_source_runs"),
    )
    op.create_index("ix_source_runs_source_started_at", "source_runs", ["source", "started_at"])


def downgrade() -> None:
    op.drop_index("ix_source_runs_source_started_at", table_name="source_runs")
    op.drop_table("source_runs")
    op.drop_table("article_queries")
    op.drop_index("ix_url_aliases_article_id", table_name="url_aliases")
    op.drop_table("url_aliases")
