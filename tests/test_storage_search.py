"""Full-text search: finds words in titles, texts and topics; user input is never syntax."""

from __future__ import annotations

import pytest

from storage.db import session_factory
from storage.search import fts5_match, search_articles, search_events, search_terms
from tests.conftest import extract_in, make_visit, store_article_in

HOSTILE = ['"', "*", "OR", "'; DROP TABLE articles; --", "NEAR(a b)", "sampah*", '"sampah',
           "-sampah", "AND OR NOT", "a:b", "(", "^", "%_\\"]


@pytest.fixture(scope="module")
def corpus(module_engine) -> dict[str, int]:
    """Two articles and their events, stored once per backend; the tests that take it only
    search (and check that a search changed nothing)."""
    ids = {
        "sampah": store_article_in(
            module_engine, "https://a.example.id/1", title="Studi banding pengelolaan sampah",
            text="Komisi III DPRD Kota Padang belajar pengelolaan sampah ke Surabaya.",
        ),
        "jalan": store_article_in(
            module_engine, "https://a.example.id/2", title="Kunjungan kerja soal jalan",
            text="Komisi IV meninjau perbaikan jalan provinsi bersama dinas.",
        ),
    }
    extract_in(module_engine, ids["sampah"], [make_visit(topic="pengelolaan sampah")])
    extract_in(module_engine, ids["jalan"],
               [make_visit(on="2025-06-01", topic="perbaikan jalan provinsi")])
    return ids


def test_search_finds_articles_by_title_and_text_with_marked_snippet(module_engine, corpus) -> None:
    with session_factory(module_engine)() as s:
        hits = search_articles(s, "SAMPAH surabaya")
    assert [h.id for h in hits] == [corpus["sampah"]]
    assert "[sampah]" in hits[0].snippet.lower() and hits[0].outlet == "news.example.id"


def test_search_requires_every_word(module_engine, corpus) -> None:
    with session_factory(module_engine)() as s:
        assert search_articles(s, "sampah jalan") == []


def test_search_events_matches_topic_and_article_text(module_engine, corpus) -> None:
    with session_factory(module_engine)() as s:
        by_topic = search_events(s, "perbaikan")
        by_text = search_events(s, "Surabaya")
    assert [h.event.topic for h in by_topic] == ["perbaikan jalan provinsi"]
    assert [h.event.topic for h in by_text] == ["pengelolaan sampah"]
    assert "[perbaikan]" in by_topic[0].snippet


def test_search_newest_order_returns_latest_stored_first(module_engine, corpus) -> None:
    with session_factory(module_engine)() as s:
        hits = search_articles(s, "komisi", order="newest")
    assert [h.id for h in hits] == [corpus["jalan"], corpus["sampah"]]


@pytest.mark.parametrize("query", HOSTILE)
def test_search_input_is_literal_and_never_errors(module_engine, corpus, query: str) -> None:
    with session_factory(module_engine)() as s:
        articles = search_articles(s, query)
        events = search_events(s, query)
        still_there = search_articles(s, "sampah")
    assert len(still_there) == 1  # nothing was dropped
    words = search_terms(query)
    if not words or any(w.lower() not in ("sampah",) for w in words):
        assert articles == [] and events == []
    else:
        assert [a.id for a in articles] == [corpus["sampah"]]


def test_fts5_terms_are_quoted_strings() -> None:
    assert fts5_match(search_terms('studi "banding" OR *')) == '"studi" "banding" "OR"'


def test_events_found_through_their_articles_each_name_their_own_article(
    engine, store_article, extract, visit
) -> None:
    urls = [f"https://a.example.id/laut{day}" for day in range(3)]
    for day, url in enumerate(urls):
        article = store_article(url, title=f"Kunjungan {day}",
                                text=f"Rombongan membahas rumput laut hari ke-{day}.")
        extract(article, [visit(on=f"2025-03-{1 + 7 * day:02d}", topic=f"perikanan {day}")])
    with session_factory(engine)() as s:
        hits = search_events(s, "rumput laut")
    # the fixture stores each article under its URL with a tracking parameter added
    assert [(h.matched_in, (h.article_url or "").split("?")[0], h.event.topic)
            for h in hits] == [
        ("article", urls[day], f"perikanan {day}") for day in (2, 1, 0)
    ]
    assert all("[rumput]" in h.snippet for h in hits)
