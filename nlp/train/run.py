"""Builds every bundled model in order, scores it on held-out data and packages it.

Models are trained into ``<work>/staging`` and only copied over ``--out`` once all of them
trained and scored, so an interrupted run never leaves a half-replaced model directory.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import platform
import shutil
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

from nlp.train import data as data_mod
from nlp.train import evaluate, package, trainers, vectors
from nlp.train.config import PRETRAIN_PACKAGE, Budget

log = logging.getLogger(__name__)

TRAIN_WORKERS = 2

# (metric key in the "all" UD scores or "ner", label, floor, what it would take to reach it)
TARGETS = (
    ("tokens_f1", "token F1", 97.0, "more tokenizer steps; the tokenizer is cheap"),
    ("upos", "UPOS", 85.0, "more POS steps or the GSD train file (97K words) as training data"),
    ("las", "LAS", 60.0, "the GSD train file, retagged training data and more parser steps"),
    ("ner", "NER F1", 65.0, "vectors from a large unlabelled corpus and a charlm"),
)


def split_description(budget: Budget) -> list[str]:
    lines = [
        "UD train: UD_Indonesian-CSUI train (656 sentences) + UD_Indonesian-GSD dev (559) + "
        "UD_Indonesian-PUD sentences whose index i (0-based, file order) has i % 10 not in "
        "{0, 3, 5} (700); XPOS blanked (three different tag sets).",
        "UD dev (early stopping only): PUD sentences with i % 10 == 3 (100).",
        "UD held-out test: CSUI test (374), GSD test (557), PUD i % 10 in {0, 5} (200).",
        "NER: NERGrit train (1,672 sentences), valid for early stopping (209), test held "
        "out (209).",
        f"Word vectors: {budget.vector_dim}-dim PPMI+SVD vectors of the lowercased UD train "
        f"and NERGrit train text (words seen at least {budget.vector_min_count} times), "
        "trained here.",
    ]
    if budget.sample_every > 1 or budget.eval_limit is not None:
        lines.append(
            f"Budget '{budget.name}': only every {budget.sample_every}th training sentence and "
            f"the first {budget.eval_limit} dev/test sentences of each set (NER: "
            f"{2 * (budget.eval_limit or 0)}) were used."
        )
    return lines


def _timed(step: Callable[[], Path]) -> tuple[Path, float]:
    started = time.perf_counter()
    path = step()
    return path, time.perf_counter() - started


def _single_threaded() -> None:
    import torch

    torch.set_num_threads(1)


def _run_parallel(steps: dict[str, Callable[[], Path]]) -> dict[str, float]:
    """Runs the trainers TRAIN_WORKERS at a time, each on one thread; wall seconds each.

    These models are small: one thread per trainer and two trainers at once keeps both
    cores busy, where two threads inside one trainer mostly wait on each other. Jobs are
    submitted longest first so the short ones fill in beside the parser.
    """
    workers = max(1, min(TRAIN_WORKERS, os.cpu_count() or 1))
    # spawn, not fork: a forked child inherits torch's thread pool in an undefined state
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context,
                             initializer=_single_threaded) as pool:
        futures = {name: pool.submit(_timed, step) for name, step in steps.items()}
        seconds = {}
        for name, future in futures.items():
            _, seconds[name] = future.result()
            log.info("%s done in %.0f s", name, seconds[name])
    return seconds


def _targets(ud_all: dict[str, float], ner_f1: float) -> list[str]:
    lines = []
    for key, label, floor, need in TARGETS:
        value = ner_f1 if key == "ner" else ud_all[key]
        if value >= floor:
            lines.append(f"{label} {value:.2f} (target {floor:.0f}): met.")
        else:
            lines.append(f"{label} {value:.2f} (target {floor:.0f}): missed; needs {need}.")
    return lines


def train_all(out: Path, work: Path, budget: Budget, ud_dir: Path, ner_dir: Path,
              torch_threads: int | None = None) -> dict[str, Any]:
    import stanza

    from nlp.stanza_pipeline import set_torch_threads

    set_torch_threads(torch_threads)
    work.mkdir(parents=True, exist_ok=True)
    staging = work / "staging"
    if staging.exists():
        shutil.rmtree(staging)
    prepared = data_mod.prepare(ud_dir, ner_dir, work, budget)

    def path(processor: str) -> Path:
        return package.model_path(staging, processor, package.PROCESSOR_PACKAGES[processor])

    pretrain, vec_seconds = _timed(lambda: vectors.write_pretrain(
        prepared.text_for_vectors, package.model_path(staging, "pretrain", PRETRAIN_PACKAGE),
        budget.vector_dim, budget.vector_min_count))
    pretrain.with_suffix(".vec.txt").rename(work / "vectors.vec.txt")  # not shipped
    ud_data = "UD train split"
    jobs: dict[str, tuple[Callable[[], Path], str, str]] = {
        "depparse": (partial(trainers.train_depparse, prepared, budget, pretrain,
                             path("depparse"), work),
                     ud_data + " (gold tags)", f"{budget.depparse_steps} steps"),
        "ner": (partial(trainers.train_ner, prepared, budget, pretrain, path("ner")),
                "NERGrit train", f"{budget.ner_steps} steps"),
        "pos": (partial(trainers.train_pos, prepared, budget, pretrain, path("pos"), work),
                ud_data, f"{budget.pos_steps} steps"),
        "lemma": (partial(trainers.train_lemma, prepared, budget, path("lemma"), work),
                  ud_data, f"{budget.lemma_epochs} epochs"),
        "tokenize": (partial(trainers.train_tokenizer, prepared, budget, path("tokenize")),
                     ud_data, f"{budget.tokenize_steps} steps"),
        "mwt": (partial(trainers.train_mwt, prepared, budget, path("mwt")),
                ud_data, f"{budget.mwt_epochs} epochs"),
    }
    seconds = _run_parallel({name: job[0] for name, job in jobs.items()})
    models: dict[str, dict[str, Any]] = {}
    for processor in package.PROCESSOR_PACKAGES:
        model = path(processor)
        _, data_name, steps = jobs[processor]
        models[processor] = {
            "package": package.PROCESSOR_PACKAGES[processor],
            "file": str(model.relative_to(staging)),
            "size_bytes": model.stat().st_size,
            "data": data_name,
            "steps": steps + " max",
            "train_seconds": round(seconds[processor], 1),
        }
    models["pretrain"] = {
        "package": PRETRAIN_PACKAGE,
        "file": str(pretrain.relative_to(staging)),
        "size_bytes": pretrain.stat().st_size,
        "data": "UD train + NERGrit train text",
        "steps": f"{budget.vector_dim}-dim PPMI+SVD",
        "train_seconds": round(vec_seconds, 1),
    }
    package.write_resources(staging)

    ud_eval = evaluate.score_ud(staging, prepared.ud_tests, work)
    ner_eval = evaluate.score_ner(staging, prepared.ner_test_bio)
    ud_all = ud_eval["scores"]["all"]
    for processor, (metric, key) in {
        "tokenize": ("token F1", "tokens_f1"), "mwt": ("word F1", "words_f1"),
        "pos": ("UPOS", "upos"), "lemma": ("lemma", "lemma"), "depparse": ("LAS", "las"),
    }.items():
        models[processor]["metric"] = metric
        models[processor]["scores"] = {name: s[key] for name, s in ud_eval["scores"].items()}
    models["ner"]["metric"] = "entity F1"
    models["ner"]["scores"] = ner_eval["scores"]
    scores = {
        "budget": budget.name,
        "stanza_version": stanza.__version__,
        "machine": f"{os.cpu_count()} CPU cores, {platform.machine()}, torch "
                   f"{__import__('torch').__version__}",
        "split": split_description(budget),
        "models": models,
        "ud_eval": ud_eval,
        "ner_eval": ner_eval,
        "targets": _targets(ud_all, ner_eval["scores"]["nergrit_test"]),
    }
    package.write_scores(staging, scores)
    package.write_models_md(staging, scores)
    _replace(staging, out)
    return scores


def _replace(staging: Path, out: Path) -> None:
    """Swaps the new models in; files in ``out`` that are not models (code) stay."""
    out.mkdir(parents=True, exist_ok=True)
    lang_dir = out / "id"
    if lang_dir.exists():
        shutil.rmtree(lang_dir)
    shutil.copytree(staging / "id", lang_dir)
    for name in ("resources.json", "scores.json", "MODELS.md"):
        shutil.copyfile(staging / name, out / name)
