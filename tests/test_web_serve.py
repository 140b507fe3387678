"""`kunker serve`: uvicorn on the given address with the app over the configured database;
a port in use is one error line; the templates and stylesheet ship inside the package."""

from __future__ import annotations

import socket
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from kunker.cli import main

TEMPLATES = ("base.html", "_macros.html", "events.html", "event.html", "institution.html",
             "search.html", "stats.html", "error.html")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    out, err = capsys.readouterr()
    return int(exited.value.code or 0), out, err


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KUNKER_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("KUNKER_DATABASE_URL", raising=False)
    return tmp_path / "home"


def test_serve_runs_the_app_with_uvicorn_and_warns_about_the_schema(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import uvicorn
    from fastapi import FastAPI

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append(
        {"app": app, **options}))
    port = free_port()
    code, _, err = run(["serve", "--port", str(port)], capsys)
    assert code == 0, err
    [call] = calls
    assert isinstance(call["app"], FastAPI)
    assert (call["host"], call["port"]) == ("127.0.0.1", port)
    assert call["app"].state.database.url == f"sqlite:///{home / 'kunker.sqlite'}"
    assert "run `kunker db upgrade`" in err  # an empty database: served anyway, with a 503
    assert f"serving http://127.0.0.1:{port}/" in err


def test_serve_on_a_port_in_use_is_one_error_line(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, out, err = run(["serve", "--port", str(port)], capsys)
    assert code == 1 and not out
    assert err.startswith(f"error: cannot listen on 127.0.0.1:{port}") and err.count("\n") == 1


def test_templates_and_stylesheet_are_package_data() -> None:
    package = files("kunker.web")
    for name in TEMPLATES:
        assert package.joinpath("templates", name).is_file(), name
    assert package.joinpath("static", "style.css").is_file()
