"""The ``kunker`` command: a thin edge over crawler, nlp and storage.

Every library error becomes one line on stderr and a non-zero exit; ``--debug`` shows the
traceback instead.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import typer

from kunker.cli.app import app
from kunker.errors import KunkerError

# Command modules register themselves on ``app`` when imported.
from kunker.cli import commands  # noqa: F401  isort: skip

EXIT_ERROR = 1
EXIT_TERMINATED = 128 + signal.SIGTERM


class Terminated(BaseException):
    """SIGTERM (systemd stopping a unit, ``kill``): unwinds like Ctrl-C, so transactions
    roll back, the update lock is released and the crawl's child process is stopped."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated


@contextmanager
def _sigterm_unwinds() -> Iterator[None]:
    """While a command runs (and only then: tests call ``main`` in their own process)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _user_errors() -> tuple[type[BaseException], ...]:
    errors: list[type[BaseException]] = [KunkerError]
    for module_name, class_name in (
        ("crawler.errors", "CrawlerError"),
        ("nlp.errors", "NlpError"),
        ("storage.errors", "StorageError"),
    ):
        module = sys.modules.get(module_name)
        if module is not None:
            errors.append(getattr(module, class_name))
    return tuple(errors)


def _is_database_error(exc: BaseException) -> bool:
    module = sys.modules.get("sqlalchemy.exc")
    return module is not None and isinstance(exc, module.DBAPIError)


def main(argv: Sequence[str] | None = None) -> None:
    with _sigterm_unwinds():
        _main(argv)


def _main(argv: Sequence[str] | None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        result = app(args=args, prog_name="kunker", standalone_mode=False)
    except typer.TyperException as exc:  # usage errors: bad option, missing argument
        show = getattr(exc, "show", None)
        if type(exc).__name__ == "NoArgsIsHelpError" and callable(show):
            show()  # "kunker" alone: the help is the answer
        else:
            ctx = getattr(exc, "ctx", None)
            command = ctx.command_path if ctx is not None else "kunker"
            typer.echo(f"error: {exc.format_message()} (see: {command} --help)", err=True)
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("Aborted.", err=True)
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        typer.echo("Interrupted.", err=True)
        sys.exit(130)
    except Terminated:
        typer.echo("error: stopped by SIGTERM; what was stored is kept, the next run does "
                   "the rest", err=True)
        sys.exit(EXIT_TERMINATED)
    except Exception as exc:
        if debug:
            raise
        if isinstance(exc, _user_errors()):
            typer.echo(f"error: {exc}", err=True)
        elif _is_database_error(exc):  # cannot connect, read-only, locked: the driver's line
            from storage.errors import database_problem

            typer.echo(f"error: database: {database_problem(exc)}", err=True)
        else:
            typer.echo(
                f"error: {type(exc).__name__}: {exc} (run with --debug for the traceback)",
                err=True,
            )
        sys.exit(EXIT_ERROR)
    sys.exit(result if isinstance(result, int) else 0)
