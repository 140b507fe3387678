"""What a user sees when the database cannot be used or a crawl reads nothing: one line that
names the cause, a non-zero exit, and no file left behind that looks like a result."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from kunker.cli import main


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    out, err = capsys.readouterr()
    return int(exited.value.code or 0), out, err


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("KUNKER_HOME", str(home))
    monkeypatch.delenv("KUNKER_DATABASE_URL", raising=False)
    monkeypatch.delenv("KUNKER_SOURCES", raising=False)
    return home


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_reading_command_on_a_fresh_install_says_so_and_creates_no_database(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["events"], capsys)
    assert code == 1 and err.count("\n") == 1
    assert err.startswith("error: no database at ") and "kunker update" in err
    assert not (home / "kunker.sqlite").exists()


@pytest.mark.parametrize("argv", [["events"], ["db", "upgrade"], ["db", "status"]])
def test_a_sqlite_file_in_a_missing_folder_is_named_with_its_folder(
        home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    missing = tmp_path / "nowhere" / "kunker.sqlite"
    monkeypatch.setenv("KUNKER_DATABASE_URL", f"sqlite:///{missing}")
    code, _, err = run(argv, capsys)
    assert code == 1 and err.count("\n") == 1, err
    assert "does not exist" in err and str(missing.parent) in err
    assert "sqlalche.me" not in err and "Traceback" not in err


def test_a_database_kind_without_a_driver_says_which_kinds_work(
        home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("KUNKER_DATABASE_URL", "mysql://someone@127.0.0.1/kunker")
    code, _, err = run(["db", "upgrade"], capsys)
    assert code == 1 and err.count("\n") == 1
    assert "no driver" in err and "postgresql+psycopg://" in err and "sqlite:///" in err


def test_a_postgresql_server_that_refuses_is_one_line_naming_the_refusal(
        home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("KUNKER_DATABASE_URL",
                       f"postgresql+psycopg://postgres@127.0.0.1:{closed_port()}/kunker")
    code, _, err = run(["events"], capsys)
    assert code == 1 and err.count("\n") == 1
    assert err.startswith("error: cannot open the database ") and "refused" in err


def test_a_crawl_that_reads_no_source_fails_and_leaves_no_empty_jsonl(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = home / "articles.jsonl"
    feed = f"http://127.0.0.1:{closed_port()}/rss.xml"
    code, _, err = run(["crawl", "--feed", feed, "--jsonl", str(out),
                        "--set", "DOWNLOAD_DELAY=0", "--set", "RETRY_TIMES=0",
                        "--set", "AUTOTHROTTLE_ENABLED=False"], capsys)
    assert code == 1
    assert err.strip().splitlines()[-1].startswith("error: no source could be read (")
    assert "connection refused" in err
    assert not out.exists()


def test_a_crawl_into_a_database_in_a_missing_folder_fetches_nothing(
        home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("KUNKER_DATABASE_URL", f"sqlite:///{tmp_path / 'nowhere' / 'k.sqlite'}")
    code, out, err = run(["crawl", "--feed", "http://127.0.0.1:9/rss.xml"], capsys)
    assert code == 1 and err.count("\n") == 1 and "does not exist" in err
    assert "crawl summary" not in out


def test_an_export_into_a_missing_folder_is_one_line_and_leaves_no_partial_file(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["db", "upgrade"], capsys)[0] == 0
    target = tmp_path / "nowhere" / "visits.csv"
    code, _, err = run(["export", "-f", "csv", "-o", str(target)], capsys)
    assert code == 1 and err.count("\n") == 1
    assert err.startswith(f"error: cannot write {target}: the folder ") and "partial" not in err
    assert not target.parent.exists()
