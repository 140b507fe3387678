"""``kunker models``: which Stanza models are in use, fetch the official ones, retrain ours."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from kunker.cli.app import app
from kunker.errors import KunkerError

OFFICIAL_PROCESSORS = "tokenize,mwt,pos,lemma,depparse"
PARTIAL_SUFFIX = ".partial"

models_app = typer.Typer(
    name="models",
    help="Stanza models for Indonesian: status, download of the official ones, retraining.",
    no_args_is_help=True,
)
app.add_typer(models_app, name="models")


def _default_download_dir() -> Path:
    from kunker.config import load_settings

    return load_settings().home / "stanza"


@models_app.command("download")
def download(
    directory: Path | None = typer.Option(
        None, "--dir", help="Where to put the models (default: $KUNKER_HOME/stanza)."
    ),
) -> None:
    """Download Stanza's official Indonesian models (needs internet).

    Fetches tokenize, mwt, pos, lemma and depparse and copies kunker's NER model beside them.

    The default directory is used from then on; for another --dir set KUNKER_STANZA_DIR.

    Example: kunker models download --dir ~/stanza-id
    """
    import stanza

    from nlp.stanza_pipeline import LANG, ORIGIN_FILE, add_bundled_ner, check_model_dir

    target = (directory or _default_download_dir()).expanduser()
    # Download next to the target and swap it in only when complete: a half-downloaded
    # resources.json in $KUNKER_HOME/stanza would otherwise shadow the bundled models.
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    shutil.rmtree(partial, ignore_errors=True)
    try:
        stanza.download(LANG, model_dir=str(partial), processors=OFFICIAL_PROCESSORS,
                        logging_level="WARN")
    except Exception as exc:  # requests, OSError, ...: all mean "could not fetch"
        shutil.rmtree(partial, ignore_errors=True)
        reason = (str(exc).splitlines() or [type(exc).__name__])[0][:200]
        raise KunkerError(
            f"could not download Stanza's Indonesian models ({type(exc).__name__}: {reason}); "
            "check the network, the bundled models stay in use"
        ) from exc
    add_bundled_ner(partial)
    (partial / ORIGIN_FILE).write_text(
        json.dumps({"source": "stanza.download", "stanza_version": stanza.__version__,
                    "processors": OFFICIAL_PROCESSORS}) + "\n",
        encoding="utf-8",
    )
    check_model_dir(partial)
    if target.exists():
        shutil.rmtree(target)
    partial.rename(target)
    typer.echo(f"official Stanza models for Indonesian (with kunker's NER) in {target}")


def _size(size: int | None) -> str:
    return "missing" if size is None else f"{size / 1e6:.1f} MB"


@models_app.command("status")
def status(
    directory: Path | None = typer.Option(
        None, "--dir", help="Model directory to inspect (default: the one kunker uses)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """Show which Stanza model each processor uses, where from, its size and scores.

    Scores are held-out F1 / accuracy in percent, from the training run's scores.json.

    Example: kunker models status --json
    """
    from kunker.config import load_settings
    from nlp.stanza_pipeline import model_status, resolve_model_dir

    model_dir = resolve_model_dir(directory or load_settings().stanza_dir)
    rows = model_status(model_dir)
    if as_json:
        typer.echo(json.dumps({"model_dir": str(model_dir),
                               "models": [r.to_dict() for r in rows]}, indent=1))
        return
    table = Table(title=f"Stanza models in {model_dir}")
    for column in ("processor", "package", "source", "size", "held-out score"):
        table.add_column(column)
    for row in rows:
        score = row.scores.get("all", row.scores.get("nergrit_test"))
        shown = f"{row.metric} {score:.1f}" if score is not None and row.metric else "-"
        table.add_row(row.processor, row.package, row.source, _size(row.size_bytes), shown)
    Console().print(table)


@models_app.command("train")
def train(
    out: Path | None = typer.Option(
        None, "--out", help="Model directory to write (default: the bundled nlp/stanza_models)."
    ),
    work: Path | None = typer.Option(
        None, "--work", help="Directory for intermediate files (default: a temporary one)."
    ),
    tiny: bool = typer.Option(False, "--tiny", help="A two-minute run that checks the plumbing."),
) -> None:
    """Retrain the bundled models from the shared UD treebanks and NERGrit (up to an hour).

    Same as python -m nlp.train; also writes resources.json, scores.json and MODELS.md.

    Example: kunker models train --tiny --out /tmp/kunker-models
    """
    from kunker.config import load_settings
    from nlp.train.__main__ import run
    from nlp.train.config import BUNDLED_DIR

    scores = run(out or BUNDLED_DIR, work, tiny, torch_threads=load_settings().torch_threads)
    for line in scores["targets"]:
        typer.echo(line)
