"""The update log: rotated, and without lines an operator cannot act on."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from kunker.cli import runlog


def test_update_log_rotates_and_leaves_out_alembic_chatter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runlog, "MAX_LOG_BYTES", 2_000)
    path = tmp_path / "logs" / "update.log"
    for run in range(200):
        with runlog.run_log(path, quiet=True):
            logging.getLogger("alembic.runtime.migration").info("Context impl SQLiteImpl.")
            logging.getLogger("kunker.cli.pipeline_commands").info(
                "update: 14 sources, 37 fetched, run %d", run)
    logs = sorted(p.name for p in path.parent.iterdir())
    assert logs == ["update.log", *(f"update.log.{n}" for n in range(1, 6))]
    assert all(p.stat().st_size <= 2_200 for p in path.parent.iterdir())
    text = path.read_text(encoding="utf-8")
    assert "run 199" in text and "SQLiteImpl" not in text
    assert logging.getLogger("alembic.runtime.migration").level == logging.NOTSET


def test_an_unreachable_source_is_one_log_line_naming_the_cause_without_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import socket

    from kunker.cli import main

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    home = tmp_path / "home"
    home.mkdir()
    sources = home / "sources.toml"
    sources.write_text(f"[[source]]\nname = 'mati'\nfeeds = ['http://127.0.0.1:{port}/rss.xml']"
                       "\n", encoding="utf-8")
    monkeypatch.setenv("KUNKER_HOME", str(home))
    monkeypatch.setenv("KUNKER_SOURCES", str(sources))
    monkeypatch.delenv("KUNKER_DATABASE_URL", raising=False)
    with pytest.raises(SystemExit) as exited:
        main(["update", "--quiet", "--set", "DOWNLOAD_DELAY=0", "--set", "RETRY_TIMES=0",
              "--set", "AUTOTHROTTLE_ENABLED=False"])  # no 2 s start delay before the feed
    capsys.readouterr()
    assert exited.value.code == 1
    log = (home / "logs" / "update.log").read_text(encoding="utf-8")
    assert "Traceback" not in log
    assert "mati: feed: connection refused" in log
