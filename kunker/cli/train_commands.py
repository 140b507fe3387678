"""`kunker train-extractor`: retrain the extractor's decision model from gold files."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import typer
from rich.console import Console

from kunker.cli.app import app
from kunker.cli.nlp_commands import BadLine, article_from_record, print_report, read_jsonl
from kunker.cli.output import progress_bar
from kunker.errors import KunkerError


@app.command("train-extractor")
def train_extractor_command(
    gold_files: list[Path] = typer.Argument(..., help="Gold JSONL files in the schema of "
                                            "../shared/eval/SCHEMA.md (articles with events)."),
    output: Path | None = typer.Option(
        None, "-o", "--output", help="Where to write the model (default: decision_model.json "
        "in KUNKER_HOME, which every command then uses)."),
    folds: int = typer.Option(5, "--folds", min=2, help="Folds of the cross-validation."),
    seed: int = typer.Option(0, "--seed", help="Seed of the fold split and the solver."),
    precision_floor: float | None = typer.Option(
        None, "--precision-floor", min=0.0, max=1.0, help="Choose the threshold with the best "
        "held-out F1 among those keeping held-out precision at least this (default 0.8, "
        "nlp.training.PRECISION_FLOOR)."),
    as_json: bool = typer.Option(False, "--json", help="Print the model card as JSON."),
) -> None:
    """Retrain the decision model from gold articles and print cross-validated scores.

    The scores are those of held-out folds: every article is scored by a model trained
    without it. The model is then fitted on every article and written with its card.

    Example: kunker train-extractor ../shared/eval/train.jsonl my-annotations.jsonl
    """
    from kunker.config import load_settings
    from nlp.errors import NlpError
    from nlp.linguistic import RuleAnnotator
    from nlp.training import (
        PRECISION_FLOOR,
        THRESHOLD_SPLITS,
        data_hash,
        fits,
        prepare,
        train,
    )

    records = _read_gold(gold_files)
    target = output or load_settings().home / "decision_model.json"
    err = Console(stderr=True)
    with progress_bar("Analysing", len(records), console=err) as advance:
        examples = prepare(((article_from_record(r), r.get("events") or []) for r in records),
                           RuleAnnotator(), progress=advance)
    err.print(f"cross-validating ({folds} folds, {THRESHOLD_SPLITS} splits) and fitting on "
              f"{len(examples)} articles")
    try:
        with progress_bar("Training", fits(folds), console=err) as fitted:
            model, validation = train(
                examples, data_hash(records), [str(p) for p in gold_files], folds=folds,
                seed=seed, progress=fitted,
                precision_floor=PRECISION_FLOOR if precision_floor is None else precision_floor)
    except NlpError as exc:
        raise KunkerError(str(exc)) from exc
    _write_model(target, model.to_json())
    if as_json:
        typer.echo(json.dumps(model.card, indent=2))
        return
    print_report(validation.report, "rules", len(examples),
                 title=f"{folds}-fold cross-validation on {len(examples)} articles "
                 "(each scored by a model trained without it)")
    card = model.card
    pooled = card["events_over_splits"]
    typer.echo(f"events over {card['threshold_splits']} splits into folds: precision "
               f"{pooled['precision']:.3f}, recall {pooled['recall']:.3f}, F1 {pooled['f1']:.3f}")
    typer.echo(f"threshold {card['threshold']} ({card['threshold_rule']}); "
               f"{card['features']} features; trained in {card['training_seconds']} s")
    if card.get("top_threshold") is not None:
        typer.echo(f"top threshold {card['top_threshold']}: {card['top_threshold_rule']}")
    typer.echo(f"model {card['version']} written to {target}")


def _read_gold(paths: list[Path]) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    for path in paths:
        if not path.is_file():
            raise KunkerError(f"{path}: no such file")
        with path.open(encoding="utf-8", errors="replace") as handle:
            for _, record in read_jsonl(handle):
                if isinstance(record, BadLine):
                    raise KunkerError(f"{path}: {record}")
                if not isinstance(record.get("events"), list):
                    raise KunkerError(f'{path}: article {record.get("id")!r} has no "events" '
                                      "list (gold files need one, empty for a non-visit)")
                records.append(record)
    if not records:
        raise KunkerError("the gold files hold no articles")
    return records


def _write_model(target: Path, data: dict[str, Any]) -> None:
    """Write the model whole or not at all (a half-written model would break extraction)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        partial.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n",
                           encoding="utf-8")
        os.replace(partial, target)
    except OSError as exc:
        raise KunkerError(f"cannot write the model to {target}: {exc.strerror}") from exc
