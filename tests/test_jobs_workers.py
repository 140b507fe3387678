"""Worker processes on this machine's PostgreSQL (the queue and the data in one database):
two workers crawl a generated site of several sources and extract it, fetching every page
once and storing every article and event once; a worker killed with SIGKILL in the middle of
an extraction leaves, after the retry, exactly the events of a clean run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from jobs_site import corpus, records, write_outlet
from sqlalchemy import Engine, func, select, text

from kunker.cli import main
from kunker.cli.extraction import extract_pending
from kunker.localsite import LocalSite
from storage import DatabaseArticleSink, iter_event_records, make_engine, session_factory
from storage import upgrade as upgrade_storage
from storage.models import Article, Source
from storage.records import ArticleRecord

pytestmark = [pytest.mark.postgres,
              pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)]
FAST_CRAWL = ["--set", "DOWNLOAD_DELAY=0", "--set", "AUTOTHROTTLE_ENABLED=False",
              "--set", "RETRY_TIMES=0", "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=8"]
HOSTS = 2  # each with two sources (sections): crawls of one host take turns
PER_SOURCE = 45
STALLED_AFTER = "3"  # seconds: a killed worker's job comes back quickly
WORKER_TIMEOUT_S = 240
ORPHANS = {
    "events without a mention": "SELECT count(*) FROM events e WHERE NOT EXISTS "
    "(SELECT 1 FROM event_mentions m WHERE m.event_id = e.id)",
    "events whose count of mentions is wrong": "SELECT count(*) FROM events e WHERE "
    "e.mention_count <> (SELECT count(*) FROM event_mentions m WHERE m.event_id = e.id)",
    "people in no event": "SELECT count(*) FROM people p WHERE NOT EXISTS "
    "(SELECT 1 FROM event_participants ep WHERE ep.person_id = p.id)",
    "relevant articles not extracted": "SELECT count(*) FROM articles "
    "WHERE relevant AND extractor_version IS NULL",
}


@pytest.fixture
def env(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The environment of every kunker command here (in this process and in workers)."""
    values = {"KUNKER_HOME": str(tmp_path / "home"), "KUNKER_DATABASE_URL": db_url,
              "KUNKER_NO_STANZA": "1"}
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("KUNKER_SOURCES", raising=False)
    (tmp_path / "home").mkdir()
    return {**os.environ, **values}


def kunker(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    out, err = capsys.readouterr()
    return int(exited.value.code or 0), out, err


def worker(*options: str) -> list[str]:
    return [sys.executable, "-m", "kunker", "worker", "--no-stanza",
            "--stalled-after", STALLED_AFTER, *options]


def event_signatures(engine: Engine) -> list[str]:
    """Every stored event as its exported record without the database id, sorted."""
    with session_factory(engine)() as session:
        found = [{k: v for k, v in record.items() if k != "id"}
                 for record in iter_event_records(session)]
    return sorted(json.dumps(record, sort_keys=True, ensure_ascii=False) for record in found)


def clean_run(engine: Engine, tmp_path: Path) -> list[str]:
    """The events of the same stored articles extracted in one process, on SQLite."""
    url = f"sqlite:///{tmp_path / 'clean.sqlite'}"
    upgrade_storage(url)
    with session_factory(engine)() as session:
        # in id order: merged fields break ties by article id
        rows = session.execute(select(Article, Source.host).join(Source)
                               .order_by(Article.id)).all()
    sink = DatabaseArticleSink(url)
    sink.store_many([
        ArticleRecord(url=a.url, canonical_url=a.canonical_url, source=host, title=a.title,
                      published_at=a.published_at, author=a.author, text=a.text,
                      language=a.language, content_hash=a.content_hash,
                      fetched_at=a.fetched_at, relevant=a.relevant)
        for a, host in rows
    ])
    sink.close()
    clean = make_engine(url)
    try:
        extract_pending(clean, no_stanza=True, show_progress=False)
        return event_signatures(clean)
    finally:
        clean.dispose()


def orphans(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {name: conn.execute(text(sql)).scalar_one() for name, sql in ORPHANS.items()}


def attempts(engine: Engine) -> list[Any]:
    with engine.connect() as conn:
        return conn.execute(text(
            "SELECT job_id, task_name, worker, outcome, error FROM kunker_job_attempts "
            "ORDER BY id")).all()


def test_two_workers_fetch_every_page_once_and_store_every_article_and_event_once(
    env: dict[str, str], db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    pages = corpus(outlets=2 * HOSTS, per_outlet=PER_SOURCE)
    roots = [tmp_path / f"host{n}" for n in range(HOSTS)]
    sites = [LocalSite(root) for root in roots]
    paths: list[list[str]] = []
    sources = []
    for n, site in enumerate(sites):
        roots[n].mkdir()
        site.start()
        for section in ("politik", "daerah"):
            paths.append(write_outlet(roots[n], section, pages[len(paths)]))
            sources.append(f"[[source]]\nname = 'host{n}-{section}'\n"
                           f"feeds = ['{site.url(section + '/rss.xml')}']\n")
    (tmp_path / "home" / "sources.toml").write_text("\n".join(sources), encoding="utf-8")
    try:
        assert kunker(["db", "upgrade"], capsys)[0] == 0
        code, out, err = kunker(["update", "--queue"], capsys)
        assert (code, err) == (0, "") and out.startswith(
            f"update: queued {2 * HOSTS} crawl jobs"), out
        done = subprocess.run(worker("--processes", "2", "--until-empty", *FAST_CRAWL),
                              env=env, capture_output=True, text=True, timeout=WORKER_TIMEOUT_S)
    finally:
        for site in sites:
            site.stop()
    assert done.returncode == 0, done.stderr

    requested = Counter(path for site in sites for path in site.requests)
    article_paths = [path for outlet in paths for path in outlet]
    assert {path: requested[path] for path in article_paths} == dict.fromkeys(article_paths, 1)
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            stored = conn.execute(select(func.count()).select_from(Article)).scalar_one()
        assert stored == len(article_paths) == 2 * HOSTS * PER_SOURCE
        signatures = event_signatures(engine)
        assert len(signatures) >= 40  # about eighty visits, many reported twice or more
        assert signatures == clean_run(engine, tmp_path)
        assert set(orphans(engine).values()) == {0}
        by_worker = Counter(row.worker for row in attempts(engine) if row.outcome == "succeeded")
    finally:
        engine.dispose()
    assert len(by_worker) == 2, by_worker  # both worker processes did work

    code, out, _ = kunker(["queue", "status", "--json"], capsys)
    jobs = json.loads(out)["jobs"]
    assert jobs["crawl_source"] == {"pending": 0, "running": 0, "failed": 0, "done": 2 * HOSTS}
    assert jobs["extract_batch"]["done"] > 0
    assert jobs["extract_batch"]["failed"] == jobs["extract_batch"]["pending"] == 0


def test_a_worker_killed_mid_extraction_leaves_after_the_retry_the_events_of_a_clean_run(
    env: dict[str, str], db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    from kunker.jobs.enqueue import enqueue_extraction
    from kunker.jobs.queue import make_app

    assert kunker(["db", "upgrade"], capsys)[0] == 0
    sink = DatabaseArticleSink(db_url)
    sink.store_many(records(corpus(outlets=4, per_outlet=100)))
    sink.close()
    engine = make_engine(db_url)
    try:
        relevant = select(func.count()).select_from(Article).where(Article.relevant.is_(True))
        done = relevant.where(Article.extractor_version.is_not(None))
        with make_app(db_url).open() as queue:  # one big job: a long extraction to kill
            assert enqueue_extraction(queue, engine, size=1000).jobs == 1
        first = subprocess.Popen(worker("--queue", "extract"), env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        with engine.connect() as conn:
            total = conn.execute(relevant).scalar_one()
            deadline = time.monotonic() + WORKER_TIMEOUT_S
            extracted = 0
            while extracted == 0 and time.monotonic() < deadline and first.poll() is None:
                time.sleep(0.02)
                extracted = conn.execute(done).scalar_one()
                conn.rollback()
            first.send_signal(signal.SIGKILL)
            first.wait(30)
            extracted = conn.execute(done).scalar_one()
            before = dict(conn.execute(select(Article.id, Article.extracted_at)).all())
        assert 0 < extracted < total, "the worker was not killed in the middle of the job"

        second = subprocess.run(worker("--until-empty"), env=env, capture_output=True,
                                text=True, timeout=WORKER_TIMEOUT_S)
        assert second.returncode == 0, second.stderr
        with engine.connect() as conn:
            assert conn.execute(done).scalar_one() == total
            after = dict(conn.execute(select(Article.id, Article.extracted_at)).all())
        # the retry redid only what the killed attempt had not committed
        assert {i for i, at in before.items() if at is not None and after[i] != at} == set()
        assert event_signatures(engine) == clean_run(engine, tmp_path)
        assert set(orphans(engine).values()) == {0}
        tried = attempts(engine)
    finally:
        engine.dispose()
    assert [row.outcome for row in tried] == ["lost", "succeeded"]
    assert tried[0].worker != tried[1].worker and tried[0].job_id == tried[1].job_id
    assert "worker silent" in tried[0].error


def test_db_upgrade_installs_the_job_queue_and_brings_an_older_one_up_to_date(
    env: dict[str, str], db_url: str, capsys: pytest.CaptureFixture[str],
) -> None:
    from kunker.jobs.schema import package_version

    version = package_version()
    code, out, _ = kunker(["db", "upgrade"], capsys)
    assert code == 0 and f"job queue: installed (procrastinate {version} schema)" in out
    code, out, _ = kunker(["db", "upgrade"], capsys)
    assert code == 0 and f"job queue: procrastinate {version} schema (up to date)" in out
    # as if installed by a kunker with procrastinate 3.5.0 (no schema change since 3.4.0)
    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE kunker_queue_schema SET procrastinate_version = '3.5.0'"))
    engine.dispose()
    code, out, _ = kunker(["db", "status", "--json"], capsys)
    assert code == 1 and json.loads(out)["queue"] == {
        "installed": "3.5.0", "wanted": version, "up_to_date": False}
    code, _, err = kunker(["worker", "--until-empty"], capsys)
    assert code == 1 and err.count("\n") == 1
    assert "stop the workers and run `kunker db upgrade`" in err
    code, out, _ = kunker(["db", "upgrade"], capsys)
    assert code == 0 and f"job queue: upgraded from procrastinate 3.5.0 to {version}" in out
    assert kunker(["db", "status"], capsys)[0] == 0
