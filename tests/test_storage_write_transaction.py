"""Extraction commits on PostgreSQL do not wait for the WAL flush; other writes still do."""

from __future__ import annotations

import pytest
from sqlalchemy import event, text

from storage.db import NOT_DURABLE, write_transaction
from storage.events import ingest_extraction
from storage.ingest import ingest_extractions


def _synchronous_commit(session: object) -> str:
    return session.execute(text("SHOW synchronous_commit")).scalar_one()  # type: ignore[attr-defined]


@pytest.fixture
def postgres_engine(engine: object) -> object:
    if engine.dialect.name != "postgresql":  # type: ignore[attr-defined]
        pytest.skip("SQLite's commits are set per connection (synchronous = NORMAL)")
    return engine


def test_a_non_durable_transaction_ends_with_its_commit(postgres_engine) -> None:
    with write_transaction(postgres_engine, durable=False) as s:
        assert _synchronous_commit(s) == "off"
    with write_transaction(postgres_engine) as s:  # the same pooled connection
        assert _synchronous_commit(s) == "on"


def test_extractions_are_stored_without_waiting_for_the_flush(
    postgres_engine, store_article, visit
) -> None:
    sent: list[str] = []
    event.listen(postgres_engine, "before_cursor_execute",
                 lambda conn, cursor, statement, *rest: sent.append(statement))
    one = store_article("https://a.example.id/1")
    two = store_article("https://a.example.id/2")
    ingest_extraction(postgres_engine, one, [visit()], "v1")
    assert sent.count(NOT_DURABLE) == 1
    ingest_extractions(postgres_engine, [(two, [visit(on="2025-05-05")])], "v1")
    assert sent.count(NOT_DURABLE) == 2


def test_sqlite_write_transactions_accept_durable_false(engine, store_article, visit) -> None:
    article = store_article("https://a.example.id/1")
    assert ingest_extraction(engine, article, [visit()], "v1").added == 1
