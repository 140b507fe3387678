"""``kunker export``: every matching event, no row cap, as CSV, JSON lines, JSON or GraphML.

CSV, JSONL and JSON are written while the events stream from the database
(``storage.iter_event_records`` pages by keyset), so memory stays flat however many there are.
GraphML needs the whole network at once, but holds one edge per visit, no texts.
A file given with ``-o`` appears only when complete (written beside it, then renamed).
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import typer
from rich.console import Console

from kunker.cli import filters as opt
from kunker.cli.app import app
from kunker.cli.output import progress_bar
from kunker.cli.render import print_notes
from kunker.errors import KunkerError

FORMATS = ("csv", "jsonl", "json", "graphml")
DEFAULT_BASE_URL = "http://127.0.0.1:8000"  # where `kunker serve` answers by default


@app.command("export")
def export(
    format_: str = typer.Option(..., "--format", "-f", metavar="csv|jsonl|json|graphml",
                                help="csv (one row per event), jsonl (one event per line), "
                                "json (an array), graphml (the visit network)."),
    output: Path | None = typer.Option(None, "-o", "--output",
                                       help="Write here (default: standard output)."),
    institution: str | None = opt.INSTITUTION,
    side: str | None = opt.SIDE,
    region: str | None = opt.REGION,
    date_from: str | None = opt.DATE_FROM,
    date_to: str | None = opt.DATE_TO,
    kind: str | None = opt.KIND,
    topic: str | None = opt.TOPIC,
    person: str | None = opt.PERSON,
    base_url: str = typer.Option(
        DEFAULT_BASE_URL, "--base-url", metavar="URL",
        help="Where `kunker serve` runs: CSV permalinks are URL/events/ID.",
    ),
) -> None:
    """Export every matching event (oldest first), with its people, sources and evidence.

    A JSON line is the SCHEMA.md event plus id, sources (url, title, date, outlet), evidence.
    GraphML is the visit network: institutions as nodes, visits as edges (Gephi, networkx).

    Example: kunker export --format csv --region "Jawa Timur" -o jatim.csv

    Example: kunker export --format graphml --from 2025 -o visits.graphml
    """
    from kunker.cli.database import reading
    from storage import count_events, iter_event_records

    fmt = opt.check_choice(format_, "--format", FORMATS)
    args = opt.FilterArgs(institution, side, region, date_from, date_to, kind, topic, person)
    with reading() as session:
        built = opt.build_filter(session, args)
        print_notes(built.notes)
        total = count_events(session, built.flt)
        # a bar only when the events go to a file: on stdout it would mix with them
        console = Console(stderr=True) if output else Console(file=io.StringIO())
        with progress_bar("Exporting", total, console=console) as advance:
            records = _counted(iter_event_records(session, built.flt), advance)
            with _destination(output, binary=fmt == "graphml") as handle:
                writer = WRITERS[fmt]
                if fmt == "csv":
                    writer = functools.partial(write_csv, base_url=base_url)
                written = writer(records, handle)
    if output:
        typer.echo(f"exported {written} events to {output}", err=True)


def _counted(records: Iterable[dict[str, Any]], advance: Callable[[], None]
             ) -> Iterator[dict[str, Any]]:
    for record in records:
        advance()
        yield record


@contextlib.contextmanager
def _destination(path: Path | None, *, binary: bool) -> Iterator[IO[Any]]:
    if path is None:
        try:
            yield sys.stdout.buffer if binary else sys.stdout
            (sys.stdout.buffer if binary else sys.stdout).flush()
        except BrokenPipeError:
            # `kunker export ... | head`: the reader has what it wanted, like any Unix tool.
            # Point stdout at /dev/null so the interpreter's final flush fails no more.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return
    if not path.parent.is_dir():
        raise KunkerError(f"cannot write {path}: the folder {path.parent} does not exist")
    partial = path.with_name(path.name + ".partial")  # the export appears whole or not at all
    try:
        try:
            handle = partial.open("wb") if binary else partial.open("w", encoding="utf-8",
                                                                   newline="")
        except OSError as exc:
            raise KunkerError(f"cannot write {path}: {exc.strerror}") from exc
        with handle:
            yield handle
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def write_jsonl(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_json(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """A JSON array written item by item (valid JSON without holding the list)."""
    count = 0
    out.write("[")
    for record in records:
        out.write(("," if count else "") + "\n" + json.dumps(record, ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def write_csv(records: Iterable[dict[str, Any]], out: IO[str], base_url: str = "") -> int:
    from kunker.export_rows import write_csv as write

    return write(records, out, base_url)


def write_graphml(records: Iterable[dict[str, Any]], out: IO[bytes]) -> int:
    import networkx as nx

    from kunker.cli.network import visit_network

    graph, edges, skipped = visit_network(records)
    nx.write_graphml(graph, out)
    if skipped:
        typer.echo(f"{skipped} events without a known visitor or destination are not in "
                   "the network", err=True)
    return edges


WRITERS: dict[str, Callable[[Iterable[dict[str, Any]], Any], int]] = {
    "csv": write_csv, "jsonl": write_jsonl, "json": write_json, "graphml": write_graphml,
}
