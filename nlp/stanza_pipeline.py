"""The one way kunker loads Stanza for Indonesian: local models only, never a download.

The caller says where the models are (``model_dir``); without one, the small models bundled
in ``nlp/stanza_models`` (rebuilt by ``python -m nlp.train``) are used. Settings are not read
here: the edge (``kunker.config``) resolves ``KUNKER_STANZA_DIR``, ``stanza_dir`` in
``config.toml`` and ``$KUNKER_HOME/stanza`` and passes the directory in, with the number of
torch threads (``KUNKER_TORCH_THREADS``).

A directory is usable when its ``resources.json`` names a default package for every
requested processor and each model file (and the word vectors it depends on) exists.
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import shutil
import threading
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nlp.errors import ModelMissingError

if TYPE_CHECKING:
    import stanza

log = logging.getLogger(__name__)

LANG = "id"
BUNDLED_DIR = Path(__file__).resolve().parent / "stanza_models"
RESOURCES_FILE = "resources.json"
SCORES_FILE = "scores.json"
# Written by `kunker models download` so `status` can tell official models from custom ones.
ORIGIN_FILE = "kunker-origin.json"
# "mwt?" = the multi-word-token expander when the tokenizer's package has one.
DEFAULT_PROCESSORS = "tokenize,mwt?,pos,lemma,depparse,ner"
OFFICIAL_PROCESSORS = "tokenize,mwt,pos,lemma,depparse"
BUNDLED_NER_PACKAGE = "kunker_nergrit"
# One intra-op thread unless the caller asks for more (KUNKER_TORCH_THREADS at the edge):
# Stanza's small matrices gain little from a second thread, and on a machine busy with
# other work torch's threads spin waiting for each other. Measured by `kunker bench --only
# nlp` on 2 shared cores: 1.37 articles/s with 1 thread, 0.11 with 2 (benchmarks/RESULTS.md).
# Several worker processes (`kunker worker --processes N`) use the cores instead.
MAX_TORCH_THREADS = 1
FIX_BUNDLED = "reinstall kunker (pip install --force-reinstall kunker) or run `kunker models train`"
FIX_DOWNLOADED = "run `kunker models download`"
# What a broken model file raises while loading; anything else is a bug and propagates.
LOAD_ERRORS = (OSError, RuntimeError, KeyError, ValueError, EOFError, pickle.UnpicklingError,
               zipfile.BadZipFile)


@dataclass(slots=True)
class ModelInfo:
    """One row of ``kunker models status``."""

    processor: str
    package: str
    source: str  # "bundled", "bundled (copied)", "official (downloaded)", "custom dir"
    path: str
    size_bytes: int | None
    metric: str | None = None
    scores: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def resolve_model_dir(model_dir: Path | None = None) -> Path:
    """``model_dir`` when given, else the bundled models."""
    return Path(model_dir).expanduser() if model_dir is not None else BUNDLED_DIR


def _fix_for(directory: Path) -> str:
    return FIX_BUNDLED if directory.resolve() == BUNDLED_DIR else FIX_DOWNLOADED


def read_resources(directory: Path) -> dict[str, Any]:
    """The ``id`` entry of ``resources.json``; ModelMissingError when absent or unreadable."""
    resources_file = directory / RESOURCES_FILE
    if not resources_file.is_file():
        raise ModelMissingError(
            f"no Stanza models in {directory} ({RESOURCES_FILE} missing); {_fix_for(directory)}"
        )
    try:
        resources = json.loads(resources_file.read_text(encoding="utf-8"))
        lang = resources[LANG]
        if not isinstance(lang["packages"]["default"], dict):  # Stanza resolves "default" here
            raise TypeError("packages.default is not an object")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelMissingError(
            f"broken {resources_file} (no usable '{LANG}' default package: {exc!r}); "
            f"{_fix_for(directory)}"
        ) from exc
    return lang


def expand_processors(lang: dict[str, Any], processors: str) -> list[str]:
    """Drops ``mwt?`` unless the default package has an MWT expander."""
    default = lang["packages"]["default"]
    names = []
    for name in (p.strip() for p in processors.split(",") if p.strip()):
        if name.endswith("?"):
            if name[:-1] in default:
                names.append(name[:-1])
        else:
            names.append(name)
    return names


def model_files(directory: Path, lang: dict[str, Any], processors: list[str]
                ) -> list[tuple[str, str, Path]]:
    """(processor, package, file) for each processor and the pretrains it depends on."""
    default = lang["packages"]["default"]
    files: list[tuple[str, str, Path]] = []
    for processor in processors:
        package = default.get(processor)
        if not isinstance(package, str):
            raise ModelMissingError(
                f"{directory / RESOURCES_FILE} has no '{processor}' model for '{LANG}'; "
                f"{_fix_for(directory)}"
            )
        files.append((processor, package, directory / LANG / processor / f"{package}.pt"))
        for dep in lang.get(processor, {}).get(package, {}).get("dependencies", []):
            dep_file = directory / LANG / dep["model"] / f"{dep['package']}.pt"
            files.append((dep["model"], dep["package"], dep_file))
    return files


def check_model_dir(directory: Path, processors: str = DEFAULT_PROCESSORS) -> list[str]:
    """The processors to load from ``directory``; ModelMissingError naming the fix if not."""
    lang = read_resources(directory)
    names = expand_processors(lang, processors)
    for processor, _, path in model_files(directory, lang, names):
        if not path.is_file():
            raise ModelMissingError(
                f"Stanza {processor} model missing: {path}; {_fix_for(directory)}"
            )
    return names


def set_torch_threads(threads: int | None = None) -> None:
    """Torch's intra-op threads: ``threads`` (at least 1), else up to MAX_TORCH_THREADS."""
    import torch

    if threads is None:
        threads = min(MAX_TORCH_THREADS, os.cpu_count() or 1)
    torch.set_num_threads(max(1, threads))


def load_pipeline(model_dir: Path | None = None, processors: str = DEFAULT_PROCESSORS,
                  torch_threads: int | None = None, **kwargs: Any) -> stanza.Pipeline:
    """A Stanza pipeline for Indonesian from ``model_dir`` (default: the bundled models);
    raises ModelMissingError."""
    directory = resolve_model_dir(model_dir)
    names = check_model_dir(directory, processors)
    try:
        import stanza
    except ImportError as exc:
        raise ModelMissingError(
            "Stanza is not installed; pip install 'stanza>=1.9' (kunker depends on it)"
        ) from exc
    set_torch_threads(torch_threads)
    try:
        return stanza.Pipeline(
            LANG,
            dir=str(directory),
            processors=",".join(names),
            download_method=None,
            use_gpu=False,
            logging_level="WARN",
            **kwargs,
        )
    except LOAD_ERRORS as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ModelMissingError(
            f"Stanza models in {directory} cannot be loaded ({reason}); {_fix_for(directory)}"
        ) from exc


_cache_lock = threading.Lock()
_cached: dict[Path, stanza.Pipeline | None] = {}


def get_pipeline(model_dir: Path | None = None, torch_threads: int | None = None
                 ) -> stanza.Pipeline | None:
    """The process-wide pipeline of ``model_dir`` (default: the bundled models), loaded on
    first use; None (and one warning) without models."""
    directory = resolve_model_dir(model_dir)
    with _cache_lock:
        if directory not in _cached:
            try:
                _cached[directory] = load_pipeline(directory, torch_threads=torch_threads)
            except ModelMissingError as exc:
                log.warning("Stanza disabled, extraction runs on the rule-based tokenizer: %s",
                            exc)
                _cached[directory] = None
        return _cached[directory]


def clear_pipeline_cache() -> None:
    """Forget the cached pipeline (tests, or after `kunker models download`)."""
    with _cache_lock:
        _cached.clear()


def _read_json(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def model_status(model_dir: Path | None = None) -> list[ModelInfo]:
    """Which model each processor of ``model_dir`` (default: the bundled models) uses, from
    where, its size and held-out scores."""
    directory = resolve_model_dir(model_dir)
    check_model_dir(directory)
    lang = read_resources(directory)
    names = expand_processors(lang, DEFAULT_PROCESSORS)
    bundled_scores = _read_json(BUNDLED_DIR / SCORES_FILE).get("models", {})
    local_scores = _read_json(directory / SCORES_FILE).get("models", {})
    official = (directory / ORIGIN_FILE).is_file()
    rows = []
    for processor, package, path in model_files(directory, lang, names):
        if any(r.processor == processor and r.package == package for r in rows):
            continue  # the shared word vectors are listed once
        entry = local_scores.get(processor) or {}
        bundled = bundled_scores.get(processor) or {}
        if entry.get("package") == package:
            source = "bundled" if directory.resolve() == BUNDLED_DIR else "custom dir"
        elif bundled.get("package") == package:
            source, entry = "bundled (copied)", bundled
        else:
            source, entry = ("official (downloaded)" if official else "custom dir"), {}
        rows.append(ModelInfo(
            processor=processor,
            package=package,
            source=source,
            path=str(path),
            size_bytes=path.stat().st_size if path.is_file() else None,
            metric=entry.get("metric"),
            scores=dict(entry.get("scores", {})),
        ))
    return rows


def add_bundled_ner(target: Path) -> None:
    """Copies the bundled NER model and its word vectors into a downloaded model dir.

    Stanza publishes no Indonesian NER, so after ``stanza.download`` the directory gets
    ours: the files under their own package names (no clash with the official ones) and
    entries in its ``resources.json``, so one ``stanza.Pipeline(dir=target)`` loads both.
    """
    bundled = read_resources(BUNDLED_DIR)
    package = bundled["packages"]["default"]["ner"]
    deps = bundled["ner"][package].get("dependencies", [])
    for model, name in [("ner", package)] + [(d["model"], d["package"]) for d in deps]:
        destination = target / LANG / model / f"{name}.pt"
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(BUNDLED_DIR / LANG / model / f"{name}.pt", destination)
    resources_file = target / RESOURCES_FILE
    resources = json.loads(resources_file.read_text(encoding="utf-8"))
    lang = resources[LANG]
    lang.setdefault("ner", {})[package] = bundled["ner"][package]
    for dep in deps:
        lang.setdefault(dep["model"], {})[dep["package"]] = bundled[dep["model"]][dep["package"]]
    lang["packages"]["default"]["ner"] = package
    lang.setdefault("default_processors", {})["ner"] = package
    resources_file.write_text(json.dumps(resources, indent=1), encoding="utf-8")
