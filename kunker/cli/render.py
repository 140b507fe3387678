"""How events look on a terminal (rich tables) and to machines (JSON)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import typer
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from storage import EventSummary

PIPE_WIDTH = 160
MIN_TABLE_WIDTH = 110  # below this, events print as blocks (see print_events)
BLOCK_INDENT = 6
APPROX_NOTE = "~date: no article gives the visit date; the first report's date"


def echo_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, default=_json_default))


def _json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def kind_label(kind: str) -> str:
    """"studi banding": a space lets a narrow table wrap the column."""
    return kind.replace("_", " ")


def when(event: EventSummary) -> str:
    return event.date.isoformat() if event.date else f"~{event.sort_date.isoformat()}"


def party(institution: str | None, unit: str | None) -> str:
    name = institution or "?"
    return f"{unit}, {name}" if unit else name


def place(event: EventSummary) -> str:
    """Where the meeting was: the town when known, else the region visited."""
    return event.location or event.host_region or ""


def visit(event: EventSummary) -> str:
    """"visitor\n→ host" (two lines: the names are long, and narrow terminals are common)."""
    return f"{party(event.visitor, event.visitor_unit)}\n→ {host_of(event)}"


def events_table(
    events: Iterable[EventSummary],
    title: str,
    caption: str | None = None,
    sources: Mapping[int, str] | None = None,
) -> Table:
    """One row per event; with ``sources`` (event id -> outlets) a source column too."""
    table = Table(title=title, caption=caption, box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("visitor → host", min_width=20, ratio=3)
    table.add_column("kind", ratio=1)
    table.add_column("date", no_wrap=True)
    table.add_column("place", ratio=1)
    table.add_column("topic", ratio=2)
    if sources is not None:
        table.add_column("source", ratio=1)
    for event in events:
        row = [str(event.id), escape(visit(event)), kind_label(event.kind), when(event),
               escape(place(event)), escape(event.topic or f"({event.topic_category})")]
        if sources is not None:
            row.append(escape(sources.get(event.id, "")))
        table.add_row(*row)
    return table


def approx_note(events: Iterable[EventSummary]) -> str | None:
    """The ``~date`` legend, only under a list that has such a date."""
    return APPROX_NOTE if any(e.date is None for e in events) else None


def _plain(cell: Any, joiner: str) -> str:
    text = Text.from_markup(cell) if isinstance(cell, str) else cell
    plain = text.plain if isinstance(text, Text) else str(text)
    return joiner.join(part.strip() for part in plain.splitlines() if part.strip())


def print_table(out: Console, table: Table, joiner: str = " ") -> None:
    """On a terminal, the table; elsewhere (a pipe, a file, cron mail) plain lines: the
    title, then one tab-separated line per row, nothing wrapped or padded."""
    if out.is_terminal:
        out.print(table)
        return
    if table.title:
        typer.echo(_plain(table.title, " "))
    typer.echo("\t".join(_plain(c.header, " ") for c in table.columns))
    cells = [list(c.cells) for c in table.columns]
    for row in zip(*cells, strict=True):
        typer.echo("\t".join(_plain(cell, joiner) for cell in row))
    if table.caption:
        typer.echo(_plain(table.caption, " "))


def print_events(
    out: Console,
    events: Sequence[EventSummary],
    title: str,
    caption: str | None = APPROX_NOTE,
    sources: Mapping[int, str] | None = None,
) -> None:
    """A table on a wide console; on a narrow one (a 80-column terminal) each event as a
    three-line block, which stays readable where seven columns would not; plain lines when
    not on a terminal. The ``~date`` legend only when a date is approximate."""
    if caption == APPROX_NOTE:
        caption = approx_note(events)
    if not out.is_terminal or out.width >= MIN_TABLE_WIDTH:
        print_table(out, events_table(events, title, caption, sources))
        return
    out.print(f"[bold]{escape(title)}[/bold]")
    for event in events:
        facts = [kind_label(event.kind), when(event), place(event)]
        if sources is not None:
            facts.append(sources.get(event.id, ""))
        out.print(f"[bold]{event.id:>4}[/bold]  " + escape(" · ".join(f for f in facts if f)),
                  highlight=False)
        out.print(Padding(Text(visit(event).replace("\n", " ")), (0, 0, 0, BLOCK_INDENT),
                          expand=False))
        if event.topic:
            out.print(Padding(Text(event.topic, style="dim"), (0, 0, 0, BLOCK_INDENT),
                              expand=False))
    if caption:
        out.print(caption, style="dim", highlight=False)


def console(stderr: bool = False) -> Console:
    """A console; when output is not a terminal, one that never wraps (tables go through
    ``print_table`` as plain lines there, and long lines stay whole)."""
    found = Console(stderr=stderr)
    if found.is_terminal:
        return found
    return Console(stderr=stderr, width=PIPE_WIDTH, soft_wrap=True, highlight=False)


def print_notes(notes: Iterable[str]) -> None:
    """Resolution notes go to stderr, one plain line each: stdout stays clean for --json."""
    for note in notes:
        typer.echo(note, err=True)


def host_of(event: EventSummary) -> str:
    """The host as lists show it: the institution, else the region visited."""
    if event.host:
        return party(event.host, event.host_unit)
    return event.host_region or "(not named)"
