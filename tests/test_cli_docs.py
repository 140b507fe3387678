"""Docs that are tested: every command and sub-command has help with an example, and the
README documents each one (after sqlite-utils' tests/test_docs.py)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import typer.main

from kunker.cli import main
from kunker.cli.app import app

README = Path(__file__).resolve().parent.parent / "README.md"


def leaf_commands() -> list[tuple[str, Any]]:
    """("db upgrade", command), ("events", command), ... for every runnable command.

    Groups are recognised by their ``commands`` (Typer ships its own click classes).
    """
    found: list[tuple[str, Any]] = []

    def walk(group: Any, prefix: str) -> None:
        for name, command in sorted(group.commands.items()):
            path = f"{prefix} {name}".strip()
            if hasattr(command, "commands"):
                walk(command, path)
            else:
                found.append((path, command))

    walk(typer.main.get_command(app), "")
    return found


COMMANDS = leaf_commands()


def test_the_cli_has_the_commands_the_issues_ask_for() -> None:
    names = {path for path, _ in COMMANDS}
    assert {"update", "crawl", "extract", "reprocess", "evaluate", "events", "search",
            "history", "stats", "show", "export", "demo", "db upgrade", "db status",
            "models download", "models status", "sources list", "sources check"} <= names


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[p for p, _ in COMMANDS])
def test_every_command_has_help_with_an_example(
    path: str, command: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    assert command.help and re.search(r"^\s*Example: kunker " + re.escape(path), command.help,
                                      re.MULTILINE), f"`kunker {path}` help lacks an example"
    with pytest.raises(SystemExit) as exited:
        main([*path.split(), "--help"])
    out, _ = capsys.readouterr()
    assert exited.value.code == 0 and "Example:" in out


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS])
def test_every_command_is_documented_in_the_readme(path: str) -> None:
    readme = README.read_text(encoding="utf-8")
    assert re.search(rf"\bkunker {re.escape(path)}\b", readme), f"README lacks `kunker {path}`"


def test_readme_starts_with_the_two_commands() -> None:
    commands = re.findall(r"^```(?:sh|bash)?\n(.+?)\n```", README.read_text(encoding="utf-8"),
                          re.MULTILINE | re.DOTALL)
    assert commands[:2] == [
        "./scripts/setup && .venv/bin/kunker demo",
        "./scripts/setup --dev && .venv/bin/ruff check . && .venv/bin/python -m pytest",
    ]


def test_a_usage_error_is_one_line_with_a_non_zero_exit() -> None:
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "kunker", "events", "--limit", "abc"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert result.stderr.strip().startswith("error:")
    assert result.stderr.strip().count("\n") == 0
