"""Search answers the same whichever plan it picks for common or rare words, and relevance
puts the article most about the words first."""

from __future__ import annotations

import pytest

from storage import search_postgres, search_sqlite
from storage.db import session_factory
from storage.filters import EventFilter
from storage.search import search_articles, search_events


@pytest.fixture
def corpus(store_article, extract, visit) -> dict[str, int]:
    ids = {
        "passing": store_article(
            "https://a.example.id/1", title="Rapat paripurna",
            text="Dalam rapat itu sampah disebut sekali di antara banyak hal lain yang dibahas "
                 "anggota dewan bersama pemerintah daerah selama hampir sepanjang hari penuh.",
        ),
        "headline": store_article(
            "https://a.example.id/2", title="Studi banding sampah ke Surabaya",
            text="Komisi III belajar mengelola sampah.",
        ),
        "other": store_article(
            "https://a.example.id/3", title="Kunjungan kerja soal jalan",
            text="Komisi IV meninjau perbaikan jalan provinsi.",
        ),
    }
    extract(ids["headline"], [visit(topic="pengelolaan sampah")])
    extract(ids["other"], [visit(on="2025-06-01", topic="perbaikan jalan provinsi")])
    return ids


def test_relevance_puts_the_article_most_about_the_words_first(engine, corpus) -> None:
    with session_factory(engine)() as s:
        ranked = [hit.id for hit in search_articles(s, "sampah", order="relevance")]
        newest = [hit.id for hit in search_articles(s, "sampah")]
    assert ranked == [corpus["headline"], corpus["passing"]]  # the word in its headline
    assert newest == [corpus["headline"], corpus["passing"]]  # stored last


@pytest.mark.parametrize("share", [0.0, 2.0], ids=["walk", "index"])
def test_postgresql_plans_for_common_and_rare_words_agree(
    engine, corpus, monkeypatch, share: float
) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("the plan choice is PostgreSQL's")
    # share 0: every word counts as common (walk); share 2: as rare (index)
    monkeypatch.setattr(search_postgres, "WALK_SHARE", share)
    with session_factory(engine)() as s:
        assert [h.id for h in search_articles(s, "sampah")] == [
            corpus["headline"], corpus["passing"]
        ]
        assert search_articles(s, "sampah", order="relevance")[0].id == corpus["headline"]
        assert search_articles(s, "zzzz") == []
        assert [h.event.topic for h in search_events(s, "Surabaya")] == ["pengelolaan sampah"]
        assert [h.event.topic for h in search_events(s, "perbaikan")] == [
            "perbaikan jalan provinsi"
        ]
        assert search_events(s, "sampah", EventFilter(kind="studi_banding")) == []
        assert search_events(s, "zzzz") == []


def test_match_share_is_an_estimate_between_zero_and_one(engine, corpus) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL asks its planner")
    with session_factory(engine)() as s:
        assert 0.0 < search_postgres.match_share(s, "sampah") <= 1.0


@pytest.fixture
def visits(store_article, extract, visit) -> list[str]:
    """Six visits, days apart (none merge), half about waste, half hosted in West Sumatra."""
    hosts = ("DPRD Provinsi Sumatera Barat", "DPRD Provinsi Jawa Timur")
    topics = ("pengelolaan sampah", "perbaikan jalan")
    for day in range(6):
        article = store_article(f"https://a.example.id/v{day}", title=f"Kunjungan {day}",
                                text="Rombongan berkunjung.")
        extract(article, [visit(host=hosts[day % 2], on=f"2025-03-{1 + 4 * day:02d}",
                                topic=f"{topics[day // 3]} {day}")])
    return [f"{topics[day // 3]} {day}" for day in range(6)]


@pytest.mark.parametrize("walk_events", [0, 10**9], ids=["by-key", "walk"])
def test_sqlite_plans_for_common_and_rare_event_words_agree(
    engine, visits, monkeypatch, walk_events: int
) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("the plan choice is SQLite's")
    # 0: no walk is ever short enough (matches fetched by key); 10**9: every walk is
    monkeypatch.setattr(search_sqlite, "WALK_EVENTS", walk_events)
    west = EventFilter(region="13")  # Sumatera Barat
    with session_factory(engine)() as s:
        assert [h.event.topic for h in search_events(s, "sampah")] == [
            visits[2], visits[1], visits[0]]
        assert [h.event.topic for h in search_events(s, "sampah", west)] == [
            visits[2], visits[0]]
        assert [h.event.topic for h in search_events(s, "sampah", west, offset=1)] == [
            visits[0]]
        assert [h.event.topic for h in search_events(s, "jalan", limit=2)] == [
            visits[5], visits[4]]
        assert search_events(s, "zzzz", west) == []


def test_sqlite_walks_the_events_only_for_words_in_many_topics(engine, visits) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("the plan choice is SQLite's")
    with session_factory(engine)() as s:
        # 3 of 6 topics: a page of 2 is found within 4 events, far under WALK_EVENTS
        assert search_sqlite._walk_is_short(s, ["sampah"], rows_wanted=2)
        assert not search_sqlite._walk_is_short(s, ["zzzz"], rows_wanted=2)
        # 3 of 6 events hold the word: a page ending at row 20,000 would mean a 40,000-event
        # walk, were there that many
        assert not search_sqlite._walk_is_short(
            s, ["sampah"], rows_wanted=search_sqlite.WALK_EVENTS)
