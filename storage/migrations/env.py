"""Alembic environment, run programmatically by ``storage.migrate`` (no alembic.ini needed).

``storage.migrate`` passes an open connection in ``config.attributes["connection"]``; the
``alembic`` command line works too when given ``-x url=...`` (for writing new revisions).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from storage.migrate import include_object
from storage.models import Base


def run_with_connection(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        include_object=include_object,
        # SQLite cannot ALTER most things: batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        run_with_connection(connection)
        return
    from storage.db import make_engine

    url = context.get_x_argument(as_dictionary=True).get("url")
    if not url:
        raise SystemExit("give the database with: alembic -x url=sqlite:///path ...")
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            run_with_connection(conn)
            conn.commit()
    finally:
        engine.dispose()


main()
