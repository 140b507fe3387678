"""The ``kunker`` command: a thin edge over crawler, nlp and storage.

Every library error becomes one line on stderr and a non-zero exit; ``--debug`` shows the
traceback instead.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import typer

from kunker.cli.app import app
from kunker.errors import KunkerError

# Command modules register themselves on ``app`` when imported.
from kunker.cli import commands  # noqa: F401  isort: skip

EXIT_ERROR = 1


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
