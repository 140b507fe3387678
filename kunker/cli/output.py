"""Terminal output shared by the commands: progress bars only on a terminal."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)


@contextmanager
def progress_bar(label: str, total: int | None, console: Console | None = None
                 ) -> Iterator[Callable[[], None]]:
    """Yields ``advance()``; draws a bar (or a spinner without a total) on a terminal and
    nothing when output goes to a file or a pipe (cron logs stay clean)."""
    console = console or Console(stderr=True)
    if not console.is_terminal:
        yield lambda: None
        return
    columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
               MofNCompleteColumn(), TimeElapsedColumn()]
    if total:
        columns.append(TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task(label, total=total)
        yield lambda: progress.advance(task)
