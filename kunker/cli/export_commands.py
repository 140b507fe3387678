"""``kunker export``: every matching event, no row cap, as CSV, JSON lines, JSON or GraphML.

CSV, JSONL and JSON are written while the events stream from the database
(``storage.iter_event_records`` pages by keyset), so memory stays flat however many there are.
GraphML needs the whole network at once, but holds one edge per visit, no texts.
A file given with ``-o`` appears only when complete (written beside it, then renamed).
"""

from __future__ import annotations

import contextlib
import csv
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

FORMATS = ("csv", "jsonl", "json", "graphml")
CSV_COLUMNS = (
    "id", "kind", "date", "visitor", "visitor_unit", "host", "host_unit", "host_region",
    "location", "topic", "topic_category", "confidence", "people", "source_count",
    "source_urls", "outlets", "first_published", "evidence",
)
LIST_SEPARATOR = " | "  # inside one CSV cell: people, URLs, outlets, evidence sentences


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
                written = WRITERS[fmt](records, handle)
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
    partial = path.with_name(path.name + ".partial")
    try:
        with partial.open("wb") if binary else partial.open("w", encoding="utf-8",
                                                              newline="") as handle:
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


def csv_row(record: dict[str, Any]) -> dict[str, Any]:
    sources = record["sources"]
    published = sorted(s["published"] for s in sources if s["published"])
    return {
        "id": record["id"], "kind": record["kind"], "date": record["date"] or "",
        "visitor": record["visitor"]["institution"] or "",
        "visitor_unit": record["visitor"]["unit"] or "",
        "host": record["host"]["institution"] or "", "host_unit": record["host"]["unit"] or "",
        "host_region": record["host"]["region"] or "", "location": record["location"] or "",
        "topic": record["topic"] or "", "topic_category": record["topic_category"],
        "confidence": record["confidence"],
        "people": LIST_SEPARATOR.join(
            f"{p['name']} ({p['side']}{', ' + p['role'] if p['role'] else ''})"
            for p in record["people"]
        ),
        "source_count": len(sources),
        "source_urls": LIST_SEPARATOR.join(s["url"] for s in sources),
        "outlets": LIST_SEPARATOR.join(dict.fromkeys(s["outlet"] for s in sources)),
        "first_published": published[0] if published else "",
        "evidence": LIST_SEPARATOR.join(e["text"] for e in record["evidence"]),
    }  # fmt: skip


def write_csv(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow(csv_row(record))
        count += 1
    return count


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
