"""The Typer application every command module registers on."""

from __future__ import annotations

import logging

import typer
from typer.core import TyperOption

from kunker import __version__


def _flag_has_no_type(option: TyperOption, ctx: object) -> str | None:
    """A flag takes no value: the help shows ``--json``, not ``--json <bool>`` (typer
    prints a ``<type>`` for every option)."""
    if option.is_flag:
        return None
    return _typed(option, ctx)  # type: ignore[arg-type]


_typed = TyperOption.display_type_rich
TyperOption.display_type_rich = _flag_has_no_type  # type: ignore[method-assign,assignment]

app = typer.Typer(
    name="kunker",
    help="Legislative visit events (kunjungan kerja, studi banding, konsultasi) "
    "from Indonesian news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kunker {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks and debug logs."),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """kunker: who visited whom, when and about what, from Indonesian news."""
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
