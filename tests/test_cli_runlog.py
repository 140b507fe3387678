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
