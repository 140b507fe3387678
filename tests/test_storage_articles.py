"""Storing crawled articles: idempotent, updates re-queue extraction, the extraction queue."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from storage.article_sink import DatabaseArticleSink
from storage.articles import articles_to_extract, count_articles_to_extract
from storage.db import session_factory
from storage.migrate import upgrade
from storage.models import Article, Source


def _count(engine, model) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(model)).scalar_one()


def test_storing_the_same_article_twice_changes_nothing(engine, db_url, article_item) -> None:
    sink = DatabaseArticleSink(db_url)
    item = article_item("https://news.example.id/a")
    assert sink.store(item) == "new"
    with engine.connect() as conn:
        before = conn.execute(select(Article.__table__)).all()
    assert sink.store(item) == "unchanged"
    with engine.connect() as conn:
        assert conn.execute(select(Article.__table__)).all() == before
    sink.close()
    assert _count(engine, Article) == 1 and _count(engine, Source) == 1


def test_changed_article_is_updated_and_queued_for_extraction_again(
    engine, db_url, article_item, extract, visit
) -> None:
    sink = DatabaseArticleSink(db_url)
    sink.store(article_item("https://news.example.id/a"))
    with session_factory(engine)() as s:
        (pending,) = articles_to_extract(s, "v1")
    extract(pending.id, [visit()], "v1")
    with session_factory(engine)() as s:
        assert list(articles_to_extract(s, "v1")) == []
    changed = article_item("https://news.example.id/a", text="Teks yang diperbarui redaksi.")
    assert sink.store(changed) == "updated"
    sink.close()
    with session_factory(engine)() as s:
        (again,) = articles_to_extract(s, "v1")
    assert again.text == "Teks yang diperbarui redaksi." and _count(engine, Article) == 1


def test_irrelevant_article_is_kept_as_seen_without_text(engine, db_url, article_item) -> None:
    sink = DatabaseArticleSink(db_url)
    assert sink.store(article_item("https://news.example.id/sport", relevant=False)) == "new"
    assert sink.known_urls(["https://news.example.id/sport", "https://news.example.id/x"]) == {
        "https://news.example.id/sport"
    }
    sink.close()
    with engine.connect() as conn:
        row = conn.execute(select(Article.text, Article.relevant)).one()
    assert row.text is None and row.relevant is False
    with session_factory(engine)() as s:
        assert count_articles_to_extract(s, "v1") == 0


def test_article_that_turns_irrelevant_loses_its_events(
    engine, db_url, article_item, store_article, extract, visit
) -> None:
    article = store_article("https://news.example.id/a")
    extract(article, [visit()])
    sink = DatabaseArticleSink(db_url)
    assert sink.store(article_item("https://news.example.id/a", relevant=False)) == "updated"
    sink.close()
    from storage.models import Event

    assert _count(engine, Event) == 0


def test_sink_refuses_a_database_without_schema(tmp_path, article_item) -> None:
    import pytest

    from storage.errors import SchemaOutdatedError

    sink = DatabaseArticleSink(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    with pytest.raises(SchemaOutdatedError):
        sink.store(article_item())


def test_sink_accepts_plain_postgresql_urls(db_url, article_item) -> None:
    upgrade(db_url)
    plain = db_url.replace("postgresql+psycopg://", "postgresql://")
    sink = DatabaseArticleSink(plain)
    assert sink.store(article_item()) == "new"
    sink.close()


def test_extraction_queue_skips_current_version_and_honours_since(
    engine, store_article, extract
) -> None:
    old = store_article("https://news.example.id/old", published="2024-01-10T08:00:00+07:00")
    new = store_article("https://news.example.id/new", published="2025-03-01T08:00:00+07:00")
    done = store_article("https://news.example.id/done", published="2025-03-02T08:00:00+07:00")
    extract(done, [], "v2")
    with session_factory(engine)() as s:
        assert [a.id for a in articles_to_extract(s, "v2", batch_size=1)] == [old, new]
        assert [a.id for a in articles_to_extract(s, "v2", since=date(2025, 1, 1))] == [new]
        assert [a.id for a in articles_to_extract(s, "v3", since=date(2025, 1, 1))] == [new, done]
        record = next(articles_to_extract(s, "v2")).as_record()
    assert record.id == str(old) and record.published == date(2024, 1, 10)
