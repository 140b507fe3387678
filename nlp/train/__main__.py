"""``python -m nlp.train``: rebuild the bundled Stanza models from the shared treebanks.

Example: python -m nlp.train --tiny --out /tmp/models --work /tmp/work
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from nlp.errors import NlpError
from nlp.train.config import BUNDLED_DIR, DEFAULT_NER_DIR, DEFAULT_UD_DIR, FULL, TINY


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m nlp.train",
        description="Train kunker's bundled Stanza models (tokenize, mwt, pos, lemma, "
        "depparse, ner) with Stanza's own trainers, score them on held-out data and write "
        "them in Stanza's directory layout.",
        epilog="Example: python -m nlp.train --tiny --out /tmp/models",
    )
    parser.add_argument("--out", type=Path, default=BUNDLED_DIR,
                        help=f"model directory to write (default: {BUNDLED_DIR})")
    parser.add_argument("--work", type=Path, default=None,
                        help="directory for intermediate files (default: a temporary one)")
    parser.add_argument("--tiny", action="store_true",
                        help="a very short run (about two minutes) that checks the plumbing")
    parser.add_argument("--ud-dir", type=Path, default=DEFAULT_UD_DIR,
                        help="folder with the UD_Indonesian-* treebanks")
    parser.add_argument("--ner-dir", type=Path, default=DEFAULT_NER_DIR,
                        help="folder with NERGrit's *_preprocess.txt files")
    parser.add_argument("--threads", type=int, default=None,
                        help="torch threads (default: up to 2; 1 on a busy machine)")
    return parser


def run(out: Path, work: Path | None = None, tiny: bool = False,
        ud_dir: Path = DEFAULT_UD_DIR, ner_dir: Path = DEFAULT_NER_DIR,
        torch_threads: int | None = None) -> dict:
    """Train everything into ``out``; returns the scores written to ``scores.json``."""
    from nlp.train.run import train_all

    budget = TINY if tiny else FULL
    if work is not None:
        return train_all(out, work, budget, ud_dir, ner_dir, torch_threads)
    with tempfile.TemporaryDirectory(prefix="kunker-train-") as tmp:
        return train_all(out, Path(tmp), budget, ud_dir, ner_dir, torch_threads)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    started = time.perf_counter()
    try:
        scores = run(args.out, args.work, args.tiny, args.ud_dir, args.ner_dir, args.threads)
    except NlpError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"models written to {args.out} in {time.perf_counter() - started:.0f} s")
    for line in scores["targets"]:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
