"""Splits the shared UD treebanks and NERGrit into the files Stanza's trainers read.

UD split (documented in MODELS.md):
  train: CSUI train + GSD dev + 700 PUD sentences
  dev:   100 PUD sentences (early stopping only)
  test:  CSUI test, GSD test, 200 PUD sentences (never trained on, scored separately)
XPOS is blanked because the three treebanks use three different XPOS tag sets.
NER: NERGrit train / valid (early stopping) / test (held out).
"""

from __future__ import annotations

import argparse
import logging
from dataclasses import dataclass
from pathlib import Path

from nlp.errors import NlpError
from nlp.train.config import (
    PUD_DEV_REMAINDER,
    PUD_TEST_REMAINDERS,
    SHORT_NAME,
    TREEBANK,
    Budget,
)

log = logging.getLogger(__name__)

CSUI = ("UD_Indonesian-CSUI", "id_csui-ud")
GSD = ("UD_Indonesian-GSD", "id_gsd-ud")
PUD = ("UD_Indonesian-PUD", "id_pud-ud")
XPOS_COLUMN = 4
NER_FILES = {"train": "train_preprocess.txt", "dev": "valid_preprocess.txt",
             "test": "test_preprocess.txt"}


@dataclass(frozen=True, slots=True)
class Prepared:
    """Paths of everything the trainers read, all under the work directory."""

    udbase: Path
    tokenize_dir: Path
    mwt_dir: Path
    ud_train: Path
    ud_dev: Path
    ud_tests: dict[str, Path]  # test set name -> gold CoNLL-U
    ner_train: Path
    ner_dev: Path
    ner_test_bio: Path
    text_for_vectors: Path


def read_conllu_blocks(path: Path) -> list[str]:
    """Sentences as raw CoNLL-U blocks (comments included), without the blank separator."""
    if not path.is_file():
        raise NlpError(f"treebank file not found: {path} (pass --ud-dir)")
    text = path.read_text(encoding="utf-8")
    return [block.strip("\n") for block in text.split("\n\n") if block.strip()]


def _blank_xpos(block: str) -> str:
    lines = []
    for line in block.split("\n"):
        cols = line.split("\t")
        if len(cols) == 10 and not line.startswith("#"):
            cols[XPOS_COLUMN] = "_"
        lines.append("\t".join(cols))
    return "\n".join(lines)


def _write_conllu(path: Path, blocks: list[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(_blank_xpos(b) + "\n\n" for b in blocks), encoding="utf-8")
    return path


def split_ud(ud_dir: Path) -> tuple[list[str], list[str], dict[str, list[str]]]:
    def load(treebank: tuple[str, str], part: str) -> list[str]:
        folder, prefix = treebank
        return read_conllu_blocks(ud_dir / folder / f"{prefix}-{part}.conllu")

    pud = load(PUD, "test")
    pud_test = [b for i, b in enumerate(pud) if i % 10 in PUD_TEST_REMAINDERS]
    pud_dev = [b for i, b in enumerate(pud) if i % 10 == PUD_DEV_REMAINDER]
    pud_train = [
        b for i, b in enumerate(pud)
        if i % 10 not in PUD_TEST_REMAINDERS and i % 10 != PUD_DEV_REMAINDER
    ]
    train = load(CSUI, "train") + load(GSD, "dev") + pud_train
    tests = {"csui": load(CSUI, "test"), "gsd": load(GSD, "test"), "pud": pud_test}
    return train, pud_dev, tests


def _sample(blocks: list[str], every: int) -> list[str]:
    return blocks[::every] if every > 1 else blocks


def _limit(blocks: list[str], limit: int | None) -> list[str]:
    return blocks if limit is None else blocks[:limit]


def _prepare_tokenizer_and_mwt(udbase: Path, tokenize_dir: Path, mwt_dir: Path) -> None:
    """Runs Stanza's own dataset preparation (punctuation augmentation, labels, MWT json)."""
    from stanza.utils.datasets import common, prepare_mwt_treebank, prepare_tokenizer_treebank

    parser = common.build_argparse()
    prepare_tokenizer_treebank.add_specific_args(parser)
    args: argparse.Namespace = parser.parse_args([TREEBANK])
    paths = {
        "UDBASE": str(udbase),
        "TOKENIZE_DATA_DIR": str(tokenize_dir),
        "MWT_DATA_DIR": str(mwt_dir),
        "HANDPARSED_DIR": str(udbase / "handparsed"),
    }
    prepare_tokenizer_treebank.process_treebank(
        TREEBANK, common.ModelType.TOKENIZER, paths, args
    )
    prepare_mwt_treebank.process_treebank(TREEBANK, common.ModelType.MWT, paths, args)


def _prepare_ner(ner_dir: Path, out_dir: Path, budget: Budget) -> dict[str, Path]:
    from stanza.utils.datasets.ner.prepare_ner_file import process_dataset

    out_dir.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    for part, name in NER_FILES.items():
        source = ner_dir / name
        if not source.is_file():
            raise NlpError(f"NER file not found: {source} (pass --ner-dir)")
        bio = out_dir / f"{part}.bio"
        sentences = [s for s in source.read_text(encoding="utf-8").split("\n\n") if s.strip()]
        if part == "train":
            sentences = _sample(sentences, budget.sample_every)
        else:
            sentences = _limit(sentences, None if budget.eval_limit is None
                               else budget.eval_limit * 2)
        bio.write_text("".join(s.strip("\n") + "\n\n" for s in sentences), encoding="utf-8")
        json_path = out_dir / f"{SHORT_NAME}.{part}.json"
        process_dataset(str(bio), str(json_path))
        paths[part] = json_path
        paths[f"{part}_bio"] = bio
    return paths


def _training_text(ud_train: list[str], ner_train_bio: Path, out: Path) -> Path:
    """One sentence per line, tokens separated by spaces: the corpus for the word vectors."""
    lines: list[str] = []
    for block in ud_train:
        words = [
            cols[1] for cols in (line.split("\t") for line in block.split("\n"))
            if len(cols) == 10 and cols[0].isdigit()
        ]
        lines.append(" ".join(words))
    for sentence in ner_train_bio.read_text(encoding="utf-8").split("\n\n"):
        tokens = [line.split("\t")[0] for line in sentence.split("\n") if line.strip()]
        if tokens:
            lines.append(" ".join(tokens))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def prepare(ud_dir: Path, ner_dir: Path, work: Path, budget: Budget) -> Prepared:
    train, dev, tests = split_ud(ud_dir)
    train = _sample(train, budget.sample_every)
    dev = _limit(dev, budget.eval_limit)
    tests = {name: _limit(blocks, budget.eval_limit) for name, blocks in tests.items()}
    log.info("UD split: %d train, %d dev, %s test sentences", len(train), len(dev),
             {k: len(v) for k, v in tests.items()})

    udbase = work / "udbase"
    folder = udbase / TREEBANK
    ud_train = _write_conllu(folder / f"{SHORT_NAME}-ud-train.conllu", train)
    ud_dev = _write_conllu(folder / f"{SHORT_NAME}-ud-dev.conllu", dev)
    # Stanza's preparation wants a test file too; CSUI test is the first held-out set.
    _write_conllu(folder / f"{SHORT_NAME}-ud-test.conllu", tests["csui"])
    ud_tests = {
        name: _write_conllu(work / "heldout" / f"{name}.gold.conllu", blocks)
        for name, blocks in tests.items()
    }
    tokenize_dir, mwt_dir = work / "tokenize", work / "mwt"
    _prepare_tokenizer_and_mwt(udbase, tokenize_dir, mwt_dir)
    ner = _prepare_ner(ner_dir, work / "ner", budget)
    return Prepared(
        udbase=udbase,
        tokenize_dir=tokenize_dir,
        mwt_dir=mwt_dir,
        ud_train=ud_train,
        ud_dev=ud_dev,
        ud_tests=ud_tests,
        ner_train=ner["train"],
        ner_dev=ner["dev"],
        ner_test_bio=ner["test_bio"],
        text_for_vectors=_training_text(train, ner["train_bio"], work / "vectors.txt"),
    )
