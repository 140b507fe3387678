"""Database faults (issue 12): a read-only or full SQLite file stops the crawl early with
one line naming the cause and loses nothing stored; a database held by another writer is
waited for, then one line; a missing or read-only folder, PostgreSQL down, no schema: one
line, exit 1, never a traceback.

Read-only and full disks are small tmpfs mounts (root only: the tests skip with the reason
elsewhere). Being root, a chmod would not stop SQLite from writing; a read-only mount does.
"""

from __future__ import annotations

import socket
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.run import LOCAL_SITE_SETTINGS, run_crawl
from crawler.sources import Source
from kunker.cli import main
from kunker.localsite import LocalSite
from tests.jobs_site import corpus, write_outlet

pytestmark = pytest.mark.reliability

FAST = ["--set", "DOWNLOAD_DELAY=0", "--set", "AUTOTHROTTLE_ENABLED=False",
        "--set", "RETRY_TIMES=0", "--set", "ROBOTSTXT_OBEY=False"]
ARTICLES = 60


@pytest.fixture
def site(tmp_path: Path) -> Iterator[LocalSite]:
    root = tmp_path / "site"
    write_outlet(root, "warta", corpus(1, ARTICLES)[0])
    with LocalSite(root) as served:
        yield served


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("KUNKER_HOME", str(home))
    monkeypatch.setenv("KUNKER_NO_STANZA", "1")
    monkeypatch.delenv("KUNKER_DATABASE_URL", raising=False)
    monkeypatch.delenv("KUNKER_SOURCES", raising=False)
    return home


def mount_tmpfs(where: Path, size: str) -> None:
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (root needed): {done.stderr.strip()}")


def read_only_view(of: Path) -> Path:
    """The same folder seen through a read-only bind mount (files open elsewhere keep a
    plain remount from going read-only)."""
    view = of.parent / f"{of.name}-ro"
    view.mkdir()
    subprocess.run(["mount", "--bind", str(of), str(view)], check=True)
    subprocess.run(["mount", "-o", "remount,ro,bind", str(view)], check=True)
    return view


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """An empty 320 KB tmpfs: room for the schema and a few articles."""
    where = tmp_path / "disk"
    mount_tmpfs(where, "320k")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    """A 32 MB tmpfs; ``read_only_view(disk)`` shows it read-only."""
    where = tmp_path / "mount"
    mount_tmpfs(where, "32m")
    try:
        yield where
    finally:
        view = tmp_path / "mount-ro"
        if view.is_dir():
            subprocess.run(["umount", "-l", str(view)], check=False)
        subprocess.run(["umount", "-l", str(where)], check=False)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    out, err = capsys.readouterr()
    return int(exited.value.code or 0), out, err


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert "Traceback" not in err
    assert lines and lines[-1].startswith("error: "), err
    return lines[-1]


def article_count(path: Path) -> int:
    with sqlite3.connect(path) as db:
        return int(db.execute("SELECT count(*) FROM articles").fetchone()[0])


def integrity(path: Path) -> str:
    with sqlite3.connect(path) as db:
        return str(db.execute("PRAGMA integrity_check").fetchone()[0])


def test_a_database_opened_read_only_stops_the_crawl_early_with_one_line(
    home: Path, site: LocalSite, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    database = tmp_path / "kunker.sqlite"
    monkeypatch.setenv("KUNKER_DATABASE_URL", f"sqlite:///{database}")
    feed = ["--feed", site.url("warta/rss.xml")]
    assert run(["db", "upgrade"], capsys)[0] == 0
    code, _, err = run(["crawl", *feed, "--max-articles", "10", *FAST], capsys)
    assert code == 0, err
    before = article_count(database)
    assert before == 10
    fetched_before = len(site.requests)

    # opened read-only, as a chmod 444 file is for its non-root owner (root ignores the
    # mode); a read-only folder or disk is in the test below
    url = f"sqlite:///file:{database}?mode=ro&uri=true"
    cause = "attempt to write a readonly database"
    monkeypatch.setenv("KUNKER_DATABASE_URL", url)
    code, _, err = run(["crawl", *feed, *FAST], capsys)
    assert code == 1
    line = one_error_line(err)
    assert cause in line, line
    # stopped early: of the 50 articles left, only those already in flight were fetched
    assert len(site.requests) - fetched_before - 1 < 30, len(site.requests)

    monkeypatch.setenv("KUNKER_DATABASE_URL", f"sqlite:///{database}")
    assert integrity(database) == "ok" and article_count(database) == before
    code, _, err = run(["crawl", *feed, *FAST], capsys)  # the next run does the work
    assert code == 0, err
    assert article_count(database) == ARTICLES


def test_a_full_disk_stops_the_crawl_and_loses_no_article_it_reported_stored(
    site: LocalSite, small_disk: Path, tmp_path: Path,
) -> None:
    from storage.migrate import upgrade

    database = small_disk / "kunker.sqlite"
    upgrade(f"sqlite:///{database}")
    summary = run_crawl([Source(name="warta", feeds=(site.url("warta/rss.xml"),))],
                        f"sqlite:///{database}", settings=LOCAL_SITE_SETTINGS,
                        log_file=tmp_path / "crawl.log", timeout=120)
    stats = summary.sources["warta"]
    assert summary.stopped is not None and "full" in summary.stopped, summary.stopped
    assert stats.stored_new < ARTICLES
    assert stats.fetched < ARTICLES  # it did not download everything only to throw it away
    assert integrity(database) == "ok"
    assert article_count(database) == stats.stored_new  # each one reported stored is there


def test_a_database_held_by_another_writer_is_waited_for_then_one_line(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import time

    import storage.db
    from storage.article_sink import DatabaseArticleSink
    from storage.migrate import upgrade
    from tests.conftest import make_article_item

    database = tmp_path / "kunker.sqlite"
    url = f"sqlite:///{database}"
    upgrade(url)
    sink = DatabaseArticleSink(url)
    sink.store(make_article_item())  # type: ignore[arg-type]
    sink.close()
    monkeypatch.setenv("KUNKER_DATABASE_URL", url)
    monkeypatch.setattr(storage.db, "SQLITE_BUSY_TIMEOUT_MS", 500)  # 60 s in real runs
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process writing, not letting go
    try:
        started = time.monotonic()
        code, out, err = run(["extract"], capsys)
        waited = time.monotonic() - started
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 1
    line = one_error_line(err)
    assert line.startswith("error: could not store the events of article 1 after ")
    assert line.endswith(": database is locked")
    assert waited >= 0.5 * 2  # it waited its turn, more than once, before giving up
    code, out, err = run(["extract"], capsys)  # the lock gone, the work is done
    assert code == 0, err
    assert out.startswith("extracted 1 articles: 1 new events")


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def unreachable_databases(tmp_path: Path, disk: Path) -> dict[str, tuple[str, str]]:
    """name -> (URL, words the one line must hold; "|" between alternatives)."""
    from storage.migrate import upgrade

    (tmp_path / "no-schema").mkdir()
    (disk / "full").mkdir()
    upgrade(f"sqlite:///{disk}/full/kunker.sqlite")
    view = read_only_view(disk)
    return {
        "database on a read-only disk": (f"sqlite:///{view}/full/kunker.sqlite",
                                         "unable to open database file"),
        "missing folder": (f"sqlite:///{tmp_path}/tidak/ada/kunker.sqlite",
                           "tidak/ada does not exist"),
        # readers say there is no database yet; writers that SQLite cannot create it
        "read-only folder": (f"sqlite:///{view}/kunker.sqlite",
                             "unable to open database file|no database at"),
        "no schema": (f"sqlite:///{tmp_path}/no-schema/kunker.sqlite", "kunker db upgrade"),
        "postgresql down": (f"postgresql+psycopg://postgres@127.0.0.1:{closed_port()}/kunker",
                            "Connection refused"),
    }


@pytest.mark.parametrize("command", [
    ["events"], ["show", "1"], ["search", "dprd"], ["status"], ["extract"],
    ["crawl", "--feed", "http://127.0.0.1:9/feed.xml"], ["update"],
])
def test_a_database_that_cannot_be_opened_is_one_line_for_every_command(
    command: list[str], home: Path, tmp_path: Path, disk: Path,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    home.mkdir()
    (home / "sources.toml").write_text("[[source]]\nname = 'x'\n"
                                       "feeds = ['http://127.0.0.1:9/feed.xml']\n")
    for name, (url, words) in unreachable_databases(tmp_path, disk).items():
        if command[0] in ("extract", "update", "crawl") and name == "no schema":
            continue  # these create the schema of an empty database: not an error
        monkeypatch.setenv("KUNKER_DATABASE_URL", url)
        code, out, err = run(command, capsys)
        assert code == 1, (name, out, err)
        line = one_error_line(err)
        assert err.count("\n") <= 2, (name, err)  # update adds its summary's line
        assert any(alternative in line for alternative in words.split("|")), (name, line)
