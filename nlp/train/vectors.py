"""Small word vectors from the training text, saved in Stanza's pretrain ``.pt`` format.

No Indonesian vectors can be downloaded here, and POS, depparse and NER want a pretrain.
Positive PMI over a +/-WINDOW co-occurrence count, reduced with a randomised SVD, is the
classic count-based recipe (Levy & Goldberg 2014) and needs nothing beyond torch. Stanza
looks pretrained words up lowercased, so the vocabulary is lowercased too.
"""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path

import torch

log = logging.getLogger(__name__)

WINDOW = 4
CONTEXT_SMOOTHING = 0.75  # raise context counts to this power: less weight on rare contexts
SVD_OVERSAMPLE = 10
SVD_ITERATIONS = 4
SEED = 1234


def _sentences(corpus: Path) -> list[list[str]]:
    lines = corpus.read_text(encoding="utf-8").splitlines()
    return [line.lower().split() for line in lines if line.strip()]


def build_vectors(sentences: list[list[str]], dim: int, min_count: int) -> tuple[list[str],
                                                                                torch.Tensor]:
    counts = Counter(word for sentence in sentences for word in sentence)
    vocab = [w for w, c in counts.most_common() if c >= min_count]
    index = {w: i for i, w in enumerate(vocab)}
    size = len(vocab)
    cooc = torch.zeros(size, size, dtype=torch.float32)
    for sentence in sentences:
        ids = [index.get(w, -1) for w in sentence]
        for pos, left in enumerate(ids):
            if left < 0:
                continue
            for dist in range(1, WINDOW + 1):
                if pos + dist >= len(ids):
                    break
                right = ids[pos + dist]
                if right >= 0:
                    # closer words count more, as in GloVe's weighting
                    cooc[left, right] += 1.0 / dist
                    cooc[right, left] += 1.0 / dist
    total = cooc.sum()
    word_p = cooc.sum(dim=1, keepdim=True) / total
    context = cooc.sum(dim=0, keepdim=True) ** CONTEXT_SMOOTHING
    context_p = context / context.sum()
    with torch.no_grad():
        pmi = torch.log((cooc / total).clamp_min(1e-12) / (word_p * context_p).clamp_min(1e-12))
        ppmi = torch.where(cooc > 0, pmi.clamp_min(0.0), torch.zeros_like(pmi))
        torch.manual_seed(SEED)
        q = min(dim + SVD_OVERSAMPLE, size)
        u, s, _ = torch.svd_lowrank(ppmi, q=q, niter=SVD_ITERATIONS)
        emb = u[:, :dim] * s[:dim].sqrt()
        emb = emb / emb.norm(dim=1, keepdim=True).clamp_min(1e-6)
    return vocab, emb


def write_pretrain(corpus: Path, out_pt: Path, dim: int, min_count: int) -> Path:
    """Writes word2vec text beside ``out_pt`` and lets Stanza's Pretrain convert it."""
    from stanza.models.common.pretrain import Pretrain

    vocab, emb = build_vectors(_sentences(corpus), dim, min_count)
    text_file = out_pt.with_suffix(".vec.txt")
    out_pt.parent.mkdir(parents=True, exist_ok=True)
    with text_file.open("w", encoding="utf-8") as fh:
        fh.write(f"{len(vocab)} {dim}\n")
        for word, row in zip(vocab, emb.tolist(), strict=True):
            fh.write(word + " " + " ".join(f"{x:.5f}" for x in row) + "\n")
    if out_pt.exists():
        out_pt.unlink()
    Pretrain(filename=str(out_pt), vec_filename=str(text_file)).load()
    log.info("word vectors: %d words x %d dims -> %s", len(vocab), dim, out_pt)
    return out_pt
