"""`kunker update` killed mid-crawl and mid-extraction, with SIGKILL and SIGTERM, then run
again (issue 12): every article stored before the kill is there exactly once, no event is
left without a source, no mention without its event, and the next run finishes the work.

The update runs as a subprocess (its crawl in a child of that) against a local generated
site whose pages answer slowly enough to be caught mid-crawl; the whole process group gets
the signal, as from systemd or a terminal. PostgreSQL backends killed mid-update are here too.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from kunker.cli.extraction import STORE_BATCH
from kunker.localsite import LocalSite
from tests.jobs_site import corpus, write_outlet

pytestmark = pytest.mark.reliability

# 180 articles: after the second extraction commit (100 articles) some 80 remain, so a kill
# sent then lands mid-extraction and not after the run has finished
OUTLETS, PER_OUTLET = 2, 90
PAGE_DELAY = 0.15  # seconds per article page: the crawl lasts a few seconds
FAST = ["--set", "DOWNLOAD_DELAY=0", "--set", "AUTOTHROTTLE_ENABLED=False",
        "--set", "RETRY_TIMES=0", "--set", "ROBOTSTXT_OBEY=False",
        "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=4"]
RUN_TIMEOUT = 120


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalSite]:
    root = tmp_path_factory.mktemp("site")
    paths: list[str] = []
    for n, pages in enumerate(corpus(OUTLETS, PER_OUTLET, seed=12)):
        paths += write_outlet(root, f"outlet{n}", pages)
    with LocalSite(root) as served:
        for path in paths:
            served.set_slow(path, PAGE_DELAY)
        yield served


@contextlib.contextmanager
def full_speed(site: LocalSite) -> Iterator[None]:
    """The slow pages are there to catch a run mid-crawl; a run that nobody kills (the
    baseline, the run that finishes the work) gets the same pages without the wait."""
    slow = dict(site.overrides)
    site.overrides.clear()
    try:
        yield
    finally:
        site.overrides.update(slow)


def environment(tmp_path: Path, site: LocalSite, url: str) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    (home / "sources.toml").write_text("".join(
        f"[[source]]\nname = 'outlet{n}'\nfeeds = ['{site.url(f'outlet{n}/rss.xml')}']\n\n"
        for n in range(OUTLETS)))
    env = {k: v for k, v in os.environ.items() if not k.startswith("KUNKER_")}
    return {**env, "KUNKER_HOME": str(home), "KUNKER_NO_STANZA": "1",
            "KUNKER_DATABASE_URL": url}


def start_update(env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "kunker", "update", *FAST], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def finish_update(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kunker", "update", *FAST], env=env,
                          capture_output=True, text=True, timeout=RUN_TIMEOUT)


def scalar(url: str, sql: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text(sql)).scalar_one())
    finally:
        engine.dispose()


def wait_for(condition: Callable[[], bool], process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + RUN_TIMEOUT
    while not condition():
        assert process.poll() is None, ("finished before the kill", process.communicate())
        assert time.monotonic() < deadline, "the moment to kill never came"
        time.sleep(0.05)


def check_invariants(url: str) -> dict[str, int]:
    """The counts that must hold after any kill; returns the article and event counts."""
    assert scalar(url, "SELECT count(*) - count(DISTINCT canonical_url) FROM articles") == 0
    assert scalar(url, "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM "
                       "event_mentions m WHERE m.event_id = e.id)") == 0  # event, no source
    assert scalar(url, "SELECT count(*) FROM event_mentions m WHERE NOT EXISTS (SELECT 1 "
                       "FROM events e WHERE e.id = m.event_id)") == 0  # mention, no event
    assert scalar(url, "SELECT count(*) FROM event_mentions m WHERE NOT EXISTS (SELECT 1 "
                       "FROM articles a WHERE a.id = m.article_id)") == 0
    assert scalar(url, "SELECT count(*) FROM articles WHERE extracted_at IS NOT NULL AND "
                       "extractor_version IS NULL") == 0
    return {"articles": scalar(url, "SELECT count(*) FROM articles"),
            "events": scalar(url, "SELECT count(*) FROM events")}


def stored_urls(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return set(conn.execute(text("SELECT canonical_url FROM articles")).scalars())
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def uninterrupted(site: LocalSite, tmp_path_factory: pytest.TempPathFactory) -> dict[str, int]:
    """What one run that nobody kills stores: the counts every killed-and-rerun run must
    reach."""
    tmp_path = tmp_path_factory.mktemp("baseline")
    url = f"sqlite:///{tmp_path / 'kunker.sqlite'}"
    with full_speed(site):
        done = finish_update(environment(tmp_path, site, url))
    assert done.returncode == 0, done.stderr
    counts = check_invariants(url)
    assert counts["articles"] == OUTLETS * PER_OUTLET and counts["events"] > 10
    return counts


EXTRACTED = "SELECT count(*) >= {n} FROM articles WHERE extracted_at IS NOT NULL"
# One database, killed again and again, each run picking up what the last one left. The
# extraction commits every 50 articles (kunker.cli.extraction.STORE_BATCH): the moments
# after the first and second commits fall inside the next batch.
KILLS = [
    ("SIGKILL mid-crawl", signal.SIGKILL, "SELECT count(*) >= 8 FROM articles"),
    ("SIGTERM mid-crawl", signal.SIGTERM, "SELECT count(*) >= 40 FROM articles"),
    ("SIGKILL mid-extraction", signal.SIGKILL, EXTRACTED.format(n=STORE_BATCH)),
    ("SIGTERM mid-extraction", signal.SIGTERM, EXTRACTED.format(n=2 * STORE_BATCH)),
]
MID_CRAWL = KILLS[0][2]


def kill_at(url: str, env: dict[str, str], moment: str, signal_: signal.Signals) -> tuple[
        int, str]:
    """Start an update; send ``signal_`` to its process group once ``moment`` holds."""
    process = start_update(env)
    try:
        wait_for(lambda: _holds(url, moment), process)
        os.killpg(process.pid, signal_)
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    time.sleep(0.3)  # the crawl's child, killed with the group, is gone
    return process.returncode, err


def test_update_killed_loses_nothing_stores_nothing_twice_and_the_next_run_finishes(
    site: LocalSite, tmp_path: Path, uninterrupted: dict[str, int],
) -> None:
    url = f"sqlite:///{tmp_path / 'kunker.sqlite'}"
    env = environment(tmp_path, site, url)
    for name, signal_, moment in KILLS:
        before = stored_urls(url) if (tmp_path / "kunker.sqlite").exists() else set()
        code, err = kill_at(url, env, moment, signal_)
        if signal_ == signal.SIGTERM:  # stopped cleanly: one line, the lock released
            assert code == 128 + signal.SIGTERM, (name, err)
            assert err.strip().splitlines()[-1].startswith("error: stopped by SIGTERM"), err
            assert "Traceback" not in err
        else:
            assert code == -signal.SIGKILL, (name, err)
        assert before <= stored_urls(url), name  # nothing stored before the kill is lost
        check_invariants(url)

    with full_speed(site):
        done = finish_update(env)
    assert done.returncode == 0, done.stderr
    assert check_invariants(url) == uninterrupted
    assert all_extracted(url)


def all_extracted(url: str) -> bool:
    """Every stored article with text has events from the current extractor."""
    from nlp.extract import EXTRACTOR_VERSION

    return scalar(url, "SELECT count(*) FROM articles WHERE relevant AND (extractor_version "
                       f"IS NULL OR extractor_version <> '{EXTRACTOR_VERSION}')") == 0


def _holds(url: str, condition: str) -> bool:
    """``condition`` (SQL) over what is stored now; False while there is no schema yet."""
    try:
        return bool(scalar(url, condition))
    except Exception:  # the schema is still being created
        return False


@pytest.mark.postgres
def test_postgresql_backends_terminated_mid_update_leave_no_partial_rows(
    site: LocalSite, tmp_path: Path, db_url: str, uninterrupted: dict[str, int],
) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("terminating backends is a PostgreSQL fault")
    env = environment(tmp_path, site, db_url)
    database = db_url.rsplit("/", 1)[1]
    admin = create_engine(db_url, isolation_level="AUTOCOMMIT")
    terminated = 0
    process = start_update(env)
    try:
        wait_for(lambda: _holds(db_url, MID_CRAWL), process)
        for _ in range(3):  # three times during the run: crawl, then extraction
            with admin.connect() as conn:
                terminated += int(conn.execute(text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = :db AND pid <> pg_backend_pid()"), {"db": database}
                ).scalar_one())
            time.sleep(0.7)
        _, err = process.communicate(timeout=RUN_TIMEOUT)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        admin.dispose()
    assert terminated >= 1
    assert "Traceback" not in err
    assert process.returncode in (0, 1), err  # went on, or failed with its error lines
    check_invariants(db_url)
    with full_speed(site):
        done = finish_update(env)
    assert done.returncode == 0, done.stderr
    assert check_invariants(db_url) == uninterrupted
    assert all_extracted(db_url)


def test_two_extract_runs_at_once_extract_each_article_once(tmp_path: Path) -> None:
    from storage.article_sink import DatabaseArticleSink
    from storage.migrate import upgrade
    from tests.jobs_site import records

    url = f"sqlite:///{tmp_path / 'kunker.sqlite'}"
    upgrade(url)
    sink = DatabaseArticleSink(url)
    articles = records(corpus(2, 40, seed=5))
    sink.store_many(articles)
    sink.close()
    relevant = sum(1 for article in articles if article.relevant)
    env = {k: v for k, v in os.environ.items() if not k.startswith("KUNKER_")}
    env.update(KUNKER_HOME=str(tmp_path / "home"), KUNKER_DATABASE_URL=url,
               KUNKER_NO_STANZA="1")
    runs = [subprocess.Popen([sys.executable, "-m", "kunker", "extract"], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    outputs = [run.communicate(timeout=RUN_TIMEOUT) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    extracted = 0
    for out, _ in outputs:
        if out.startswith("extracted "):
            extracted += int(out.split()[1])
        else:
            assert out.startswith("nothing to extract"), out
    assert extracted == relevant  # not twice that: the second run waited, then found none
    check_invariants(url)
