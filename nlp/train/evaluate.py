"""Held-out scores of a finished model directory, through the production loader.

UD scores are end to end: the raw text of each held-out sentence goes through
``load_pipeline`` (tokenize, mwt, pos, lemma, depparse) and the output is compared with the
gold CoNLL-U by the CoNLL 2018 shared-task evaluator bundled with Stanza. NER is scored on
gold NERGrit tokens with Stanza's entity-level scorer (exact span and type).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from nlp.stanza_pipeline import load_pipeline
from nlp.train.data import read_conllu_blocks

log = logging.getLogger(__name__)

UD_METRICS = {"Tokens": "tokens_f1", "Words": "words_f1", "UPOS": "upos", "Lemmas": "lemma",
              "UAS": "uas", "LAS": "las"}
TEXT_PREFIX = "# text = "


def _raw_text(blocks: list[str]) -> str:
    texts = []
    for block in blocks:
        for line in block.split("\n"):
            if line.startswith(TEXT_PREFIX):
                texts.append(line[len(TEXT_PREFIX):].strip())
                break
    # a blank line is a paragraph break for Stanza's tokenizer, as between gold sentences
    return "\n\n".join(texts)


def score_ud(model_dir: Path, tests: dict[str, Path], work: Path) -> dict[str, Any]:
    """Per test set and for all sets together: percentages, plus speed on this machine."""
    from stanza.models.common.utils import ud_scores

    started = time.perf_counter()
    nlp = load_pipeline(model_dir, processors="tokenize,mwt?,pos,lemma,depparse")
    load_seconds = time.perf_counter() - started
    scores: dict[str, dict[str, float]] = {}
    gold_all, pred_all = [], []
    sentences, seconds = 0, 0.0
    for name, gold in tests.items():
        blocks = read_conllu_blocks(gold)
        started = time.perf_counter()
        doc = nlp(_raw_text(blocks))
        seconds += time.perf_counter() - started
        sentences += len(blocks)
        predicted = f"{doc:C}\n\n"
        pred_file = work / f"{name}.pred.conllu"
        pred_file.write_text(predicted, encoding="utf-8")
        gold_all.append(gold.read_text(encoding="utf-8"))
        pred_all.append(predicted)
        scores[name] = _metrics(ud_scores(str(gold), str(pred_file)))
    (work / "all.gold.conllu").write_text("".join(gold_all), encoding="utf-8")
    (work / "all.pred.conllu").write_text("".join(pred_all), encoding="utf-8")
    scores["all"] = _metrics(ud_scores(str(work / "all.gold.conllu"),
                                       str(work / "all.pred.conllu")))
    return {
        "scores": scores,
        "sentences": {name: len(read_conllu_blocks(p)) for name, p in tests.items()},
        "load_seconds": round(load_seconds, 2),
        "sentences_per_second": round(sentences / seconds, 1) if seconds else None,
    }


def _metrics(evaluation: dict[str, Any]) -> dict[str, float]:
    return {key: round(100 * evaluation[name].f1, 2) for name, key in UD_METRICS.items()}


def _read_bio(path: Path) -> list[tuple[list[str], list[str]]]:
    sentences = []
    for chunk in path.read_text(encoding="utf-8").split("\n\n"):
        rows = [line.split("\t") for line in chunk.split("\n") if line.strip()]
        if rows:
            sentences.append(([r[0] for r in rows], [r[-1] for r in rows]))
    return sentences


def score_ner(model_dir: Path, test_bio: Path) -> dict[str, Any]:
    from stanza.models.ner.scorer import score_by_entity
    from stanza.models.ner.utils import bio2_to_bioes, to_bio2

    sentences = _read_bio(test_bio)
    nlp = load_pipeline(model_dir, processors="tokenize,ner", tokenize_pretokenized=True)
    doc = nlp([tokens for tokens, _ in sentences])
    predicted = [[token.ner for token in sentence.tokens] for sentence in doc.sentences]
    gold = [bio2_to_bioes(to_bio2(tags)) for _, tags in sentences]
    precision, recall, f1, _ = score_by_entity(predicted, gold, verbose=False)
    return {
        "scores": {"nergrit_test": round(100 * f1, 2)},
        "precision": round(100 * precision, 2),
        "recall": round(100 * recall, 2),
        "sentences": len(sentences),
    }
