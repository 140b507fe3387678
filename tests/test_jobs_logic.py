"""Job logic on procrastinate's InMemoryConnector (no queue server) over a SQLite database:
what gets queued once, what a job stores, how failures are retried or recorded, how the jobs
of a dead worker come back; and the one-line errors of the queue commands on SQLite."""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from jobs_site import corpus, records
from procrastinate.testing import InMemoryConnector
from sqlalchemy import func, select

from crawler.sources import Source
from kunker.cli import main
from kunker.config import load_settings
from kunker.jobs.enqueue import enqueue_crawls, enqueue_extraction
from kunker.jobs.queue import EXTRACT_BATCH, make_app, task_name
from kunker.jobs.runtime import CONTEXT_KEY, JobRuntime
from kunker.jobs.schema import migrations_between
from kunker.jobs.stalled import MAX_LOST_ATTEMPTS, recover_stalled_jobs
from kunker.jobs.tasks import ExtractionFailed, SourceUnreachable
from kunker.localsite import LocalSite
from storage import DatabaseArticleSink, make_engine, upgrade
from storage.models import Article, Event, EventMention


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'kunker.sqlite'}"
    upgrade(url)
    return url


@pytest.fixture
def runtime(sqlite_url: str, tmp_path: Path) -> Iterator[JobRuntime]:
    settings = load_settings({"KUNKER_HOME": str(tmp_path / "home"), "KUNKER_NO_STANZA": "1"})
    engine = make_engine(sqlite_url)
    yield JobRuntime(settings=settings, url=sqlite_url, engine=engine, crawl_settings={},
                     no_stanza=True)
    engine.dispose()


SITE = Path(__file__).parent / "fixtures" / "crawler" / "site"
FAST = {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False", "RETRY_TIMES": "0"}


@pytest.fixture
def queue(runtime: JobRuntime) -> Any:
    connector = InMemoryConnector()
    return make_app(runtime.url, connector=connector)


def store(url: str, outlets: int = 2, per_outlet: int = 30) -> list[int]:
    sink = DatabaseArticleSink(url)
    sink.store_many(records(corpus(outlets, per_outlet)))
    sink.close()
    engine = make_engine(url)
    with engine.connect() as conn:
        ids = list(conn.execute(select(Article.id).where(Article.relevant.is_(True))
                                .order_by(Article.id)).scalars())
    engine.dispose()
    return ids


def run_jobs(queue: Any, runtime: JobRuntime) -> None:
    asyncio.run(queue.run_worker_async(
        wait=False, install_signal_handlers=False, listen_notify=False,
        additional_context={CONTEXT_KEY: runtime},
    ))


def jobs(queue: Any, kind: str) -> list[dict[str, Any]]:
    rows = queue.connector.jobs.values()
    return [row for row in rows if row["task_name"] == task_name(kind)]


def extracted_at(engine: Any) -> dict[int, Any]:
    with engine.connect() as conn:
        return dict(conn.execute(select(Article.id, Article.extracted_at)).all())


def count(engine: Any, model: Any) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(model)).scalar_one()


def configure_sources(runtime: JobRuntime, tmp_path: Path, entries: str) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text(entries, encoding="utf-8")
    runtime.settings = load_settings({"KUNKER_HOME": str(tmp_path / "home"),
                                      "KUNKER_SOURCES": str(sources)})
    runtime.crawl_settings = dict(FAST)


def test_a_crawl_job_stores_its_source_and_queues_the_extraction_of_what_it_stored(
    queue: Any, runtime: JobRuntime, tmp_path: Path,
) -> None:
    with LocalSite(SITE) as site:
        configure_sources(runtime, tmp_path, f"[[source]]\nname = 'warta'\n"
                                             f"feeds = ['{site.url('rss.xml')}']\n")
        enqueue_crawls(queue, runtime.sources())
        # the crawl runs, queues the extraction, and the same worker then runs that
        run_jobs(queue, runtime)
    assert [row["status"] for row in jobs(queue, "crawl_source")] == ["succeeded"]
    extraction = jobs(queue, EXTRACT_BATCH)
    with runtime.engine.connect() as conn:
        relevant = list(conn.execute(select(Article.id).where(Article.relevant.is_(True))
                                     .order_by(Article.id)).scalars())
        waiting = conn.execute(select(func.count()).select_from(Article).where(
            Article.relevant.is_(True), Article.extractor_version.is_(None))).scalar_one()
    assert len(relevant) == 3 and waiting == 0
    assert [row["args"]["article_ids"] for row in extraction] == [relevant]
    assert [row["status"] for row in extraction] == ["succeeded"]


def test_a_source_that_cannot_be_read_is_retried_later(
    queue: Any, runtime: JobRuntime, tmp_path: Path,
) -> None:
    with LocalSite(SITE) as site:
        configure_sources(runtime, tmp_path, f"[[source]]\nname = 'rusak'\n"
                                             f"feeds = ['{site.url('tidak-ada.xml')}']\n")
        enqueue_crawls(queue, runtime.sources())
        before = datetime.now(UTC)
        run_jobs(queue, runtime)
    [row] = jobs(queue, "crawl_source")
    assert (row["status"], row["attempts"]) == ("todo", 1)
    assert row["scheduled_at"] - before >= timedelta(seconds=4)


def test_a_long_running_worker_sees_a_source_added_to_the_file(
    runtime: JobRuntime, tmp_path: Path,
) -> None:
    configure_sources(runtime, tmp_path, "[[source]]\nname = 'satu'\n"
                                         "feeds = ['https://satu.example.id/rss']\n")
    assert [s.name for s in runtime.sources()] == ["satu"]
    sources = tmp_path / "sources.toml"
    sources.write_text(sources.read_text() + "[[source]]\nname = 'dua'\n"
                       "feeds = ['https://dua.example.id/rss']\n", encoding="utf-8")
    os.utime(sources, ns=(time.time_ns(), time.time_ns() + 10**9))
    assert runtime.source("dua").feeds == ("https://dua.example.id/rss",)


def test_one_crawl_job_per_source_and_none_more_while_it_waits(queue: Any) -> None:
    sources = [Source(name="warta-politik", feeds=("https://warta.example.id/politik.xml",)),
               Source(name="warta-daerah", feeds=("https://warta.example.id/daerah.xml",)),
               Source(name="kabar", sitemaps=("https://kabar.example.id/sitemap.xml",))]
    first = enqueue_crawls(queue, sources)
    again = enqueue_crawls(queue, sources)
    assert (first.jobs, first.already_queued) == (3, 0)
    assert (again.jobs, again.already_queued) == (0, 3)
    queued = {row["args"]["name"]: row["lock"] for row in jobs(queue, "crawl_source")}
    # crawls of one host run one after the other, whatever the number of workers
    assert queued == {"warta-politik": "crawl-host:warta.example.id",
                      "warta-daerah": "crawl-host:warta.example.id",
                      "kabar": "crawl-host:kabar.example.id"}


def test_articles_are_queued_for_extraction_once_in_batches(
    queue: Any, runtime: JobRuntime
) -> None:
    ids = store(runtime.url)
    first = enqueue_extraction(queue, runtime.engine, size=25)
    again = enqueue_extraction(queue, runtime.engine, size=25)
    batches = [row["args"]["article_ids"] for row in jobs(queue, EXTRACT_BATCH)]
    assert sorted(i for batch in batches for i in batch) == ids
    assert [len(b) for b in batches[:-1]] == [25] * (len(batches) - 1)
    assert (first.jobs, first.articles) == (len(batches), len(ids))
    assert (again.jobs, again.articles) == (0, 0)  # every article is held by a waiting job


def test_an_extraction_job_stores_the_events_and_running_it_again_stores_nothing_more(
    queue: Any, runtime: JobRuntime
) -> None:
    ids = store(runtime.url, outlets=2, per_outlet=12)
    enqueue_extraction(queue, runtime.engine)
    run_jobs(queue, runtime)
    assert {row["status"] for row in queue.connector.jobs.values()} == {"succeeded"}
    events, mentions = count(runtime.engine, Event), count(runtime.engine, EventMention)
    assert events > 0 and mentions == len(ids)
    extracted = extracted_at(runtime.engine)
    # the same batch again, as a retry after a crash would: everything is done already
    queue.configure_task(task_name(EXTRACT_BATCH)).defer(article_ids=ids)
    run_jobs(queue, runtime)
    assert extracted_at(runtime.engine) == extracted  # no article was extracted again
    assert (count(runtime.engine, Event), count(runtime.engine, EventMention)) == (
        events, mentions)


def test_a_poison_article_fails_its_job_naming_it_and_the_queue_goes_on(
    queue: Any, runtime: JobRuntime, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    import nlp.extract

    ids = store(runtime.url, outlets=1, per_outlet=8)
    poison = ids[2]
    real = nlp.extract.extract_events

    def extract_events(article: Any, *args: Any) -> Any:
        if article.id == str(poison):
            raise ValueError("unreadable sentence")
        return real(article, *args)

    monkeypatch.setattr(nlp.extract, "extract_events", extract_events)
    enqueue_extraction(queue, runtime.engine, size=4)
    with caplog.at_level(logging.ERROR, logger="procrastinate"):
        run_jobs(queue, runtime)
    statuses = [row["status"] for row in jobs(queue, EXTRACT_BATCH)]
    assert statuses == ["failed", "succeeded"]  # not retried, and the next job ran
    errors = [r.exc_info[1] for r in caplog.records if r.exc_info]
    assert len(errors) == 1 and isinstance(errors[0], ExtractionFailed)
    assert f"article {poison} " in str(errors[0]) and "unreadable sentence" in str(errors[0])
    with runtime.engine.connect() as conn:
        waiting = set(conn.execute(select(Article.id).where(
            Article.relevant.is_(True), Article.extractor_version.is_(None))).scalars())
    assert waiting == {poison}  # the rest of its batch is stored; it stays queued


def test_network_failures_are_retried_with_growing_waits_and_bad_articles_are_not(
    queue: Any,
) -> None:
    from procrastinate.jobs import Job
    from sqlalchemy.exc import OperationalError

    crawl = queue.tasks[task_name("crawl_source")]
    extract = queue.tasks[task_name(EXTRACT_BATCH)]

    def wait(task: Any, error: Exception, attempts: int) -> float | None:
        job = Job(id=1, queue="crawl", lock=None, queueing_lock=None,
                  task_name=task.name, attempts=attempts)
        retry = task.get_retry_exception(exception=error, job=job)
        if retry is None:
            return None
        return (retry.retry_decision.retry_at - datetime.now(UTC)).total_seconds()

    unreachable = SourceUnreachable("source warta failed completely: feed: HTTP 503 ×1")
    waits = [wait(crawl, unreachable, attempts) for attempts in range(5)]
    assert [round(w) if w is not None else None for w in waits] == [4, 16, 64, 256, None]
    dropped = OperationalError("SELECT 1", {}, Exception("server closed the connection"))
    assert wait(extract, dropped, 0) is not None
    assert wait(extract, ExtractionFailed("article 7 could not be extracted"), 0) is None


def test_the_job_of_a_dead_worker_goes_back_to_the_queue_and_fails_after_three(
    queue: Any,
) -> None:
    job_id = queue.configure_task(task_name(EXTRACT_BATCH)).defer(article_ids=[1, 2])
    row = queue.connector.jobs[job_id]
    outcomes = []
    for _ in range(MAX_LOST_ATTEMPTS):
        row.update(status="doing", worker_id=None)  # its worker was pruned: no heartbeat
        done = asyncio.run(recover_stalled_jobs(queue, seconds=30))
        outcomes.append((done["retried"], done["failed"], row["status"]))
    assert outcomes == [(1, 0, "todo"), (1, 0, "todo"), (0, 1, "failed")]
    assert row["attempts"] == MAX_LOST_ATTEMPTS


def test_a_live_workers_job_is_left_running(queue: Any) -> None:
    job_id = queue.configure_task(task_name(EXTRACT_BATCH)).defer(article_ids=[1])
    queue.connector.workers[7] = datetime.now(UTC) - timedelta(seconds=5)
    queue.connector.jobs[job_id].update(status="doing", worker_id=7)
    assert asyncio.run(recover_stalled_jobs(queue, seconds=30)) == {"retried": 0, "failed": 0}
    assert queue.connector.jobs[job_id]["status"] == "doing"


@pytest.mark.parametrize("argv", [
    ["update", "--queue"], ["reprocess", "--queue"], ["worker", "--until-empty"],
    ["queue", "status"],
])
def test_the_queue_on_sqlite_is_one_clear_line(
    argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("KUNKER_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("KUNKER_DATABASE_URL", raising=False)
    with pytest.raises(SystemExit) as exited:
        main(argv)
    _, err = capsys.readouterr()
    assert exited.value.code == 1
    assert err.startswith("error: the job queue needs PostgreSQL") and err.count("\n") == 1


def test_queue_migrations_are_the_releases_after_the_installed_one(tmp_path: Path) -> None:
    for name in ("02.00.00_01_pre_x.sql", "03.00.00_01_pre_a.sql", "03.00.00_50_post_a.sql",
                 "03.04.00_01_pre_b.sql", "03.10.00_01_pre_c.sql", "03.11.00_01_pre_d.sql",
                 "notes.txt"):
        (tmp_path / name).write_text("-- sql\n")
    chosen = [p.name for p in migrations_between(tmp_path, "3.0.0", "3.10.0")]
    assert chosen == ["03.04.00_01_pre_b.sql", "03.10.00_01_pre_c.sql"]
    assert migrations_between(tmp_path, "3.10.0", "3.10.0") == []
