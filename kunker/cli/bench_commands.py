"""``kunker bench``: run the benchmark suite of a source checkout (``python -m benchmarks``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import typer

from kunker.cli.app import app
from kunker.errors import KunkerError

CHECKOUT = Path(__file__).resolve().parent.parent.parent


@app.command("bench")
def bench(
    smoke: bool = typer.Option(False, "--smoke", help="A few items per section: checks that "
                               "the suite runs (seconds); its numbers mean nothing."),
    scale: float = typer.Option(1.0, "--scale", min=0.0001, help="Storage and memory sizes "
                                "times this (1: 1M articles, 10,000 crawled pages)."),
    only: list[str] = typer.Option([], "--only", help="Run only this section (repeatable): "
                                   "crawl, html, nlp, storage, memory."),
    output: Path | None = typer.Option(None, "--output", help="Where RESULTS.md and the "
                                       "plots go (default: benchmarks/ of the checkout)."),
    postgres_url: str | None = typer.Option(None, "--postgres-url", help="Admin URL of a "
                                            "PostgreSQL server to measure too."),
) -> None:
    """Measure kunker beside bare Scrapy, trafilatura and the hardware; rewrite RESULTS.md.

    Runs `python -m benchmarks` of the source checkout kunker is installed from (an
    editable install); a wheel carries no benchmarks. The full suite takes about 15 minutes
    on two cores and its storage databases are kept in benchmarks/out/ for the next run.

    Example: kunker bench --only crawl --only html
    """
    if not (CHECKOUT / "benchmarks" / "__main__.py").is_file():
        raise KunkerError("the benchmarks live in kunker's source checkout, not in this "
                          "installation: clone the repository and run `pip install -e .`")
    argv = [sys.executable, "-m", "benchmarks", "--scale", str(scale)]
    if smoke:
        argv.append("--smoke")
    for section in only:
        argv += ["--only", section]
    if output is not None:
        argv += ["--output", str(output.resolve())]
    if postgres_url:
        argv += ["--postgres-url", postgres_url]
    code = subprocess.run(argv, cwd=CHECKOUT).returncode
    if code:
        raise KunkerError(f"a benchmark section failed (exit {code}); see the output above "
                          "and RESULTS.md")
