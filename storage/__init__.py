"""Storage: SQLAlchemy models, migrations, idempotent ingest, queries and search."""
