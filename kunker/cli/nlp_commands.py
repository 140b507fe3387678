"""`kunker extract` (JSONL in, JSONL with events out) and `kunker evaluate` (scores on gold)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, TextIO

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from kunker.cli.app import app
from kunker.cli.extraction import choose_model
from kunker.cli.output import progress_bar
from kunker.errors import KunkerError

ARTICLE_KEYS = ("text",)
OPTIONAL_STRINGS = ("title", "url")  # read by the extractor: present means a string


class BadLine(Exception):
    def __init__(self, number: int, reason: str) -> None:
        super().__init__(f"line {number}: {reason}")
        self.number = number


def read_jsonl(handle: TextIO) -> Iterator[tuple[int, dict[str, Any] | BadLine]]:
    """(line number, record) for every non-empty line; a line that is not a JSON object with
    a "text" string comes back as a ``BadLine`` so the caller can report it and go on."""
    for number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, BadLine(number, f"invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        except RecursionError:  # thousands of nested brackets: no article is shaped so
            yield number, BadLine(number, "invalid JSON (nested too deeply)")
            continue
        if not isinstance(record, dict):
            yield number, BadLine(number, "not a JSON object")
        elif not isinstance(record.get("text"), str):
            yield number, BadLine(number, 'missing "text" string')
        elif wrong := [key for key in OPTIONAL_STRINGS if not isinstance(record.get(key),
                                                                         str | None)]:
            yield number, BadLine(number, f'"{wrong[0]}" is not a string')
        else:
            yield number, record


def json_line(record: dict[str, Any]) -> str:
    """``record`` as one JSON line; text with a lone surrogate (``"\\ud800"`` in the input)
    cannot be UTF-8, so that record is written with ASCII escapes, which read back the same."""
    line = json.dumps(record, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(record)
    return line + "\n"


def article_from_record(record: dict[str, Any]) -> Any:
    from nlp.records import Article

    published = record.get("published")
    try:
        published_date = date.fromisoformat(str(published)[:10]) if published else None
    except ValueError:
        published_date = None  # an unreadable date is no date, not a lost article
    return Article(text=record["text"], title=record.get("title"), published=published_date,
                   url=record.get("url"), id=record.get("id"))


def _count_lines(path: Path) -> int | None:
    try:
        with path.open("rb") as fh:
            return sum(1 for _ in fh)
    except OSError:
        return None


def _open_input(path: Path) -> TextIO:
    if str(path) == "-":
        return sys.stdin
    if not path.is_file():
        raise KunkerError(f"{path}: no such file")
    return path.open(encoding="utf-8", errors="replace")


@app.command("extract")
def extract_command(
    input_file: Path | None = typer.Argument(
        None, help="JSONL of articles (id, url, title, published, text); '-' for stdin. "
        "Without it, extracts the stored articles that are not extracted yet."),
    output: Path | None = typer.Option(None, "-o", "--output", help="Write JSONL here "
                                       "(default: standard output)."),
    no_stanza: bool = typer.Option(False, "--no-stanza", help="Use the rules only, even "
                                   "when Stanza models are installed."),
    limit: int | None = typer.Option(None, "--limit", help="Database mode: at most this "
                                     "many articles."),
) -> None:
    """Extract visit events from articles.

    Example: kunker extract articles.jsonl -o events.jsonl
    """
    if input_file is None:
        from kunker.cli.pipeline_commands import extract_stored

        extract_stored(no_stanza=no_stanza, limit=limit)
        return
    if str(input_file) != "-" and not input_file.is_file():
        raise KunkerError(f"{input_file}: no such file")
    annotator = _annotator(no_stanza)
    model = choose_model()
    from nlp.extract import extract_events

    bad = 0
    written = 0
    total = _count_lines(input_file) if str(input_file) != "-" else None
    out: TextIO = output.open("w", encoding="utf-8") if output else sys.stdout
    err = Console(stderr=True)
    try:
        with _open_input(input_file) as handle, progress_bar(
                "Extracting", total, console=err) as advance:
            for number, record in read_jsonl(handle):
                advance()
                if not isinstance(record, BadLine):
                    try:
                        events = extract_events(article_from_record(record), annotator, model)
                    except Exception as exc:  # one odd article must not lose the others
                        record = BadLine(number, f"extraction failed: {type(exc).__name__}: "
                                                 f"{exc}")
                if isinstance(record, BadLine):
                    bad += 1
                    err.print(f"[yellow]skipped[/] {escape(str(input_file))}: "
                              f"{escape(str(record))}", highlight=False, soft_wrap=True)
                    continue
                record["events"] = [e.to_dict() for e in events]
                out.write(json_line(record))
                written += 1
    finally:
        if output:
            out.close()
    if bad:
        raise KunkerError(f"{bad} line(s) skipped (each named above); {written} article(s) "
                          "written")


def _annotator(no_stanza: bool) -> Any:
    from kunker.cli.extraction import choose_annotator  # the configured models, read once

    return choose_annotator(no_stanza)


@app.command("evaluate")
def evaluate_command(
    gold_file: Path = typer.Argument(..., help="Gold JSONL (../shared/eval/SCHEMA.md shape)."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List every miss."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
    no_stanza: bool = typer.Option(False, "--no-stanza", help="Score the rules only."),
) -> None:
    """Score extraction against hand-made gold events.

    Example: kunker evaluate ../shared/eval/dev.jsonl --verbose
    """
    from nlp.evaluate import evaluate
    from nlp.extract import extract_events

    if not gold_file.is_file():
        raise KunkerError(f"{gold_file}: no such file")
    annotator = _annotator(no_stanza)
    model = choose_model()
    triples = []
    bad = 0
    err = Console(stderr=True)
    with _open_input(gold_file) as handle, progress_bar(
            "Scoring", _count_lines(gold_file), console=err) as advance:
        for number, record in read_jsonl(handle):
            advance()
            if isinstance(record, BadLine):
                bad += 1
                err.print(f"[yellow]skipped[/] {gold_file}: {record}")
                continue
            found = [e.to_dict() for e in extract_events(article_from_record(record),
                                                         annotator, model)]
            triples.append((str(record.get("id", number)), record.get("events") or [], found))
    report = evaluate(triples)
    if as_json:
        data = report.as_dict()
        data["annotator"] = annotator.name
        data["articles_scored"] = len(triples)
        typer.echo(json.dumps(data, indent=2))
    else:
        print_report(report, annotator.name, len(triples))
    if verbose:
        for miss in report.misses:
            typer.echo(miss)
    if bad:
        raise KunkerError(f"{bad} malformed line(s) skipped")


def print_report(report: Any, annotator: str, articles: int, title: str | None = None) -> None:
    console = Console()
    table = Table(title=title or f"kunker evaluate: {articles} articles, annotator: {annotator}")
    table.add_column("measure")
    table.add_column("precision", justify="right")
    table.add_column("recall", justify="right")
    table.add_column("F1", justify="right")
    for label, counts in (("events", report.events), ("articles", report.articles),
                          ("people", report.people)):
        table.add_row(label, f"{counts.precision:.3f}", f"{counts.recall:.3f}",
                      f"{counts.f1:.3f}")
    console.print(table)
    accuracy = Table(title="accuracy on matched events")
    accuracy.add_column("field")
    accuracy.add_column("accuracy", justify="right")
    accuracy.add_column("matched", justify="right")
    for name, (right, total) in report.attributes.items():
        accuracy.add_row(name, f"{(right / total if total else 1.0):.3f}", str(total))
    console.print(accuracy)
