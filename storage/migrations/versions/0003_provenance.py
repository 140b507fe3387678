"""Provenance of extractions and the record of update runs.

- ``articles.extracted_by`` and ``event_mentions.extracted_by``: what produced the extraction
  (``nlp.extract.provenance``: extractor version, annotator "rules"/"stanza", and any key a
  later extractor adds), so every stored event can say which annotator found it.
- ``events.location_region_code``: the Kemendagri code of where the visit took place, so
  ``--region 13.71`` finds a visit held in Padang whose host is the province's DPRD. Filled
  here for stored events from their location (``storage.lookups.place_region_code``).
- ``update_runs``: one row per ``kunker update`` (``kunker status`` shows the last one).

Revision ID: 0003
Revises: 0002
Create Date: 2025-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _json() -> sa.types.TypeEngine[object]:
    return sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _utc() -> sa.types.TypeEngine[object]:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("extracted_by", _json(), nullable=True))
    with op.batch_alter_table("event_mentions") as batch:
        batch.add_column(sa.Column("extracted_by", _json(), nullable=True))
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("location_region_code", sa.String(16), nullable=True))
        batch.create_index(batch.f("ix_events_location_region_code"), ["location_region_code"])
    _fill_location_codes()
    op.create_table(
        "update_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", _utc(), nullable=False),
        sa.Column("finished_at", _utc(), nullable=False),
        sa.Column("sources", sa.Integer(), nullable=False),
        sa.Column("fetched", sa.Integer(), nullable=False),
        sa.Column("new_articles", sa.Integer(), nullable=False),
        sa.Column("new_events", sa.Integer(), nullable=False),
        sa.Column("merged", sa.Integer(), nullable=False),
        sa.Column("errors", sa.Integer(), nullable=False),
        sa.Column("problems", _json(), nullable=False),
        sa.Column("extracted_by", _json(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_update_runs")),
    )
    op.create_index(op.f("ix_update_runs_started_at"), "update_runs", ["started_at"])


def _fill_location_codes() -> None:
    from storage.lookups import place_region_code

    events = sa.table("events", sa.column("id", sa.Integer), sa.column("location", sa.String),
                      sa.column("host_region_code", sa.String),
                      sa.column("location_region_code", sa.String))
    conn = op.get_bind()
    places = conn.execute(
        sa.select(events.c.location, events.c.host_region_code).distinct()
        .where(events.c.location.is_not(None))
    ).all()
    for place, near in places:
        code = place_region_code(place, near)
        if code is None:
            continue
        conn.execute(
            events.update()
            .where(events.c.location == place)
            .where(events.c.host_region_code.is_(None) if near is None
                   else events.c.host_region_code == near)
            .values(location_region_code=code)
        )


def downgrade() -> None:
    op.drop_index(op.f("ix_update_runs_started_at"), table_name="update_runs")
    op.drop_table("update_runs")
    with op.batch_alter_table("events") as batch:
        batch.drop_index(batch.f("ix_events_location_region_code"))
        batch.drop_column("location_region_code")
    with op.batch_alter_table("event_mentions") as batch:
        batch.drop_column("extracted_by")
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("extracted_by")
