"""What the training command builds: data splits, model sizes and step counts.

Sizes are small on purpose: Stanza's default dimensions cost ~34 s per POS step on the
2-core CPU machines kunker is built on, and the whole bundle must stay under ~25 MB.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

LANG = "id"
# Stanza derives "id_kunker" from this name; the prepare_* scripts need a UD-style name.
TREEBANK = "UD_Indonesian-Kunker"
SHORT_NAME = "id_kunker"

UD_PACKAGE = "kunker"  # tokenize, mwt, pos, lemma, depparse and the word vectors
NER_PACKAGE = "kunker_nergrit"
PRETRAIN_PACKAGE = "kunker"

SHARED_DIR = Path(__file__).resolve().parents[3] / "shared"
DEFAULT_UD_DIR = SHARED_DIR / "ud"
DEFAULT_NER_DIR = SHARED_DIR / "ner" / "nergrit"
BUNDLED_DIR = Path(__file__).resolve().parent.parent / "stanza_models"

# PUD has one file only: sentence i goes to test when i % 10 is in PUD_TEST_REMAINDERS,
# to dev when it is PUD_DEV_REMAINDER, to train otherwise (700 / 100 / 200 sentences).
PUD_TEST_REMAINDERS = (0, 5)
PUD_DEV_REMAINDER = 3


@dataclass(frozen=True, slots=True)
class Budget:
    """Steps and dimensions for one run; ``FULL`` ships, ``TINY`` checks the plumbing."""

    name: str
    sample_every: int  # keep every n-th training sentence (1 = all)
    eval_limit: int | None  # held-out sentences scored per test set (None = all)
    vector_dim: int
    vector_min_count: int
    tokenize_steps: int
    mwt_epochs: int
    pos_steps: int
    lemma_epochs: int
    depparse_steps: int
    ner_steps: int
    eval_interval: int
    # extra command-line flags per trainer, so the sizes are visible in one place
    tokenize_args: tuple[str, ...] = ()
    mwt_args: tuple[str, ...] = ()
    pos_args: tuple[str, ...] = ()
    lemma_args: tuple[str, ...] = ()
    depparse_args: tuple[str, ...] = ()
    ner_args: tuple[str, ...] = ()


_POS_SIZE = (
    "--hidden_dim", "96", "--char_hidden_dim", "64", "--deep_biaff_hidden_dim", "96",
    "--composite_deep_biaff_hidden_dim", "32", "--word_emb_dim", "50", "--char_emb_dim", "32",
    "--tag_emb_dim", "16", "--transformed_dim", "64", "--batch_size", "32",
)
_LEMMA_SIZE = ("--hidden_dim", "96", "--emb_dim", "32", "--pos_dim", "32", "--batch_size", "64")
_DEPPARSE_SIZE = (
    "--hidden_dim", "128", "--char_hidden_dim", "64", "--deep_biaff_hidden_dim", "100",
    "--deep_biaff_output_dim", "64", "--word_emb_dim", "50", "--char_emb_dim", "32",
    "--tag_emb_dim", "16", "--transformed_dim", "64", "--num_layers", "2",
    "--batch_size", "1500",
)
_NER_SIZE = (
    "--hidden_dim", "128", "--char_hidden_dim", "64", "--char_emb_dim", "32",
    "--word_emb_dim", "50", "--batch_size", "32",
)
_MWT_SIZE = ("--hidden_dim", "64", "--emb_dim", "32", "--batch_size", "32")

FULL = Budget(
    name="full",
    sample_every=1,
    eval_limit=None,
    vector_dim=50,
    vector_min_count=2,
    tokenize_steps=300,
    mwt_epochs=10,
    pos_steps=1200,
    lemma_epochs=6,
    depparse_steps=1500,
    ner_steps=1500,
    eval_interval=100,
    tokenize_args=(),
    mwt_args=_MWT_SIZE,
    pos_args=_POS_SIZE,
    lemma_args=_LEMMA_SIZE,
    depparse_args=_DEPPARSE_SIZE,
    ner_args=_NER_SIZE,
)

# Enough to run every trainer, package the result and load it, in about two minutes.
TINY = Budget(
    name="tiny",
    sample_every=10,
    eval_limit=15,
    vector_dim=16,
    vector_min_count=2,
    tokenize_steps=20,
    mwt_epochs=1,
    pos_steps=20,
    lemma_epochs=1,
    depparse_steps=20,
    ner_steps=20,
    eval_interval=10,
    tokenize_args=(),
    mwt_args=_MWT_SIZE,
    pos_args=_POS_SIZE,
    lemma_args=_LEMMA_SIZE,
    depparse_args=(*_DEPPARSE_SIZE, "--batch_size", "300"),  # the last flag wins
    ner_args=_NER_SIZE,
)
