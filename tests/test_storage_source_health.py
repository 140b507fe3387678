"""Source health over time: runs recorded per source, and the sources that went quiet, broke
or started rejecting pages (a changed layout) told apart from the healthy ones."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from storage.source_health import record_runs, source_health

NOW = datetime(2025, 6, 30, 12, 0, tzinfo=UTC)


@dataclass
class Stats:
    listing_pages: int = 1
    discovered: int = 5
    fetched: int = 5
    with_body: int = 5
    stored_new: int = 5
    relevant: int = 2
    blocked: int = 0
    dropped: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    error_urls: dict[str, str] = field(default_factory=dict)


def crawl(session, days_ago: float, **stats_by_source: Stats) -> None:
    started = NOW - timedelta(days=days_ago)
    record_runs(session, started, started + timedelta(minutes=5), stats_by_source)


def store_article(session, source: str, days_ago: float, n: int) -> None:
    from storage.articles import store_articles
    from storage.records import ArticleRecord

    fetched = NOW - timedelta(days=days_ago)
    items = [ArticleRecord(url=f"https://{source}.id/{days_ago}/{i}",
                           canonical_url=f"https://{source}.id/{days_ago}/{i}", source=source,
                           title="t", published_at=fetched, author=None, text="x" * 300,
                           language="id", content_hash=f"{source}{days_ago}{i}",
                           fetched_at=fetched) for i in range(n)]
    store_articles(session, items)


def by_name(session, *names: str) -> dict:
    return {h.source: h for h in source_health(session, names, now=NOW)}


def test_a_healthy_source_counts_its_new_articles(session) -> None:
    for day in (20, 10, 3, 1):
        crawl(session, day, kabar=Stats())
    store_article(session, "kabar", 20, 4)
    store_article(session, "kabar", 2, 3)
    health = by_name(session, "kabar")["kabar"]
    assert health.status == "ok"
    assert (health.new_7d, health.new_30d, health.runs_30d) == (3, 7, 4)
    assert health.last_success == NOW - timedelta(days=1)


def test_a_source_whose_feed_fails_is_broken_with_the_error(session) -> None:
    crawl(session, 5, kabar=Stats())
    crawl(session, 1, kabar=Stats(listing_pages=0, discovered=0, fetched=0, with_body=0,
                                  errors=Counter({"feed: HTTP 404": 1}),
                                  error_urls={"feed: HTTP 404": "https://kabar.id/feed/"}))
    health = by_name(session, "kabar")["kabar"]
    assert health.status == "broken"
    assert "feed: HTTP 404 at https://kabar.id/feed/" in health.why
    assert health.last_success == NOW - timedelta(days=5)


def test_a_changed_layout_shows_as_broken_then_degraded(session) -> None:
    crawl(session, 1, layout=Stats(with_body=0, stored_new=0,
                                   dropped=Counter({"not an article: empty body": 5})))
    broken = by_name(session, "layout")["layout"]
    assert broken.status == "broken" and "empty body" in broken.why
    for day in (25, 20, 15):
        crawl(session, day, slipping=Stats(dropped=Counter({"not an article: no title": 0})))
    crawl(session, 3, slipping=Stats(fetched=10, with_body=2,
                                     dropped=Counter({"not an article: no title": 8})))
    degraded = by_name(session, "slipping")["slipping"]
    assert degraded.status == "degraded"
    assert degraded.rejected_share_7d == 0.8 and degraded.rejected_share_before == 0.0
    assert degraded.rejections_7d == [("not an article: no title", 8)]


def test_a_source_crawled_for_a_week_without_news_went_quiet(session) -> None:
    for day in (12, 6, 4, 1):
        crawl(session, day, sepi=Stats(discovered=3, fetched=0, with_body=0, stored_new=0))
    store_article(session, "sepi", 12, 2)
    health = by_name(session, "sepi")["sepi"]
    assert health.status == "quiet" and health.new_7d == 0 and health.new_30d == 2


def test_blocked_and_never_crawled_sources(session) -> None:
    crawl(session, 1, diblok=Stats(with_body=0, stored_new=0, blocked=3))
    health = by_name(session, "diblok", "baru")
    assert health["diblok"].status == "broken" and "blocked" in health["diblok"].why
    assert health["baru"].status == "never crawled"
    assert health["baru"].to_dict()["last_run"] is None


def test_old_runs_are_dropped(session) -> None:
    from sqlalchemy import func, select

    from storage.models import SourceRun

    crawl(session, 200, lama=Stats())
    crawl(session, 1, lama=Stats())
    assert session.execute(select(func.count()).select_from(SourceRun)).scalar_one() == 1
