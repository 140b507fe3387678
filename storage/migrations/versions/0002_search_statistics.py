"""PostgreSQL: finer word statistics for the full-text columns, so search can tell rare words
from common ones.

``storage.search`` asks the planner how many articles contain the searched words and picks
its plan from that: walk the newest rows when the words are common, use the GIN index when
they are rare. With the default statistics target the planner knows only the ~1,000 most
common words and guesses 0.5% for every other one, so a word found nowhere looked as common
as a frequent one (and the newest-first walk for it read the whole table). A target of 1,000
keeps ~10,000 words, and everything rarer is known to be rare. SQLite: nothing to do (FTS5
answers both kinds of query from its own index).

Revision ID: 0002
Revises: 0001
Create Date: 2025-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEARCH_STATISTICS_TARGET = 1000
DEFAULT_TARGET = -1  # the server's default_statistics_target
COLUMNS = (("articles", "search_vector"), ("events", "search_vector"))


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column in COLUMNS:
        op.execute(
            f"ALTER TABLE {table} ALTER COLUMN {column} "
            f"SET STATISTICS {SEARCH_STATISTICS_TARGET}"
        )
        # Now rather than at autovacuum's leisure (never, on a database that stopped
        # growing). It samples a fixed number of rows: seconds even on a large database.
        op.execute(f"ANALYZE {table} ({column})")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column in COLUMNS:
        op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET STATISTICS {DEFAULT_TARGET}")
