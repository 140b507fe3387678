"""One function per processor, each a call into Stanza's own trainer ``main``.

The ``stanza.utils.training.run_*`` wrappers look for data under fixed environment paths
and fetch default word vectors and charlms from the model hub; calling the trainer mains
with explicit files keeps every input under the work directory and offline.
"""

from __future__ import annotations

import logging
import math
from pathlib import Path

from nlp.train.config import LANG, SHORT_NAME, Budget
from nlp.train.data import Prepared

log = logging.getLogger(__name__)

# run_tokenizer.py sizes the tokenizer window at three average sentences
SEQLEN_SENTENCES = 3
MWT_DEC_LEN_MARGIN = 1.1  # as run_mwt.py: room over the longest expansion seen
# Keep a model only after the dev score stopped improving for this share of its steps.
PATIENCE_SHARE = 0.4


def _patience(budget: Budget, steps: int) -> str:
    # never shorter than a few dev evaluations: the parser reloads its best saved model
    # when patience runs out, and there is none before the first evaluation
    return str(max(int(steps * PATIENCE_SHARE), 3 * budget.eval_interval))


def train_tokenizer(data: Prepared, budget: Budget, out: Path) -> Path:
    from stanza.models import tokenizer
    from stanza.utils.avg_sent_len import avg_sent_len

    tok = data.tokenize_dir
    labels = tok / f"{SHORT_NAME}-ud-train.toklabels"
    seqlen = math.ceil(avg_sent_len(str(labels)) * SEQLEN_SENTENCES / 100) * 100
    tokenizer.main([
        "--mode", "train", "--lang", LANG, "--shorthand", SHORT_NAME,
        "--label_file", str(labels), "--txt_file", str(tok / f"{SHORT_NAME}.train.txt"),
        "--dev_txt_file", str(tok / f"{SHORT_NAME}.dev.txt"),
        "--dev_label_file", str(tok / f"{SHORT_NAME}-ud-dev.toklabels"),
        "--dev_conll_gold", str(tok / f"{SHORT_NAME}.dev.gold.conllu"),
        "--mwt_json_file", str(tok / f"{SHORT_NAME}-ud-dev-mwt.json"),
        "--max_seqlen", str(seqlen),
        "--steps", str(budget.tokenize_steps),
        "--eval_steps", str(budget.eval_interval),
        "--max_steps_before_stop", _patience(budget, budget.tokenize_steps),
        "--save_dir", str(out.parent), "--save_name", out.name,
        *budget.tokenize_args,
    ])
    return out


def train_mwt(data: Prepared, budget: Budget, out: Path) -> Path:
    from stanza.models import mwt_expander
    from stanza.utils.max_mwt_length import max_mwt_length

    mwt = data.mwt_dir
    jsons = [str(mwt / f"{SHORT_NAME}-ud-{part}-mwt.json") for part in ("train", "dev")]
    max_len = math.ceil(max_mwt_length(jsons) * MWT_DEC_LEN_MARGIN + 1)
    mwt_expander.main([
        "--mode", "train", "--lang", LANG, "--shorthand", SHORT_NAME,
        "--train_file", str(mwt / f"{SHORT_NAME}.train.in.conllu"),
        "--eval_file", str(mwt / f"{SHORT_NAME}.dev.in.conllu"),
        "--gold_file", str(mwt / f"{SHORT_NAME}.dev.gold.conllu"),
        "--max_dec_len", str(max_len),
        "--num_epoch", str(budget.mwt_epochs),
        "--save_dir", str(out.parent), "--save_name", out.name,
        *budget.mwt_args,
    ])
    return out


def train_pos(data: Prepared, budget: Budget, pretrain: Path, out: Path, work: Path) -> Path:
    from stanza.models import tagger

    tagger.main([
        "--mode", "train", "--lang", LANG, "--shorthand", SHORT_NAME,
        "--wordvec_pretrain_file", str(pretrain),
        "--train_file", str(data.ud_train), "--eval_file", str(data.ud_dev),
        "--output_file", str(work / "pos.dev.pred.conllu"),
        "--max_steps", str(budget.pos_steps),
        "--eval_interval", str(budget.eval_interval), "--fix_eval_interval",
        "--max_steps_before_stop", _patience(budget, budget.pos_steps),
        "--save_dir", str(out.parent), "--save_name", out.name,
        *budget.pos_args,
    ])
    return out


def train_lemma(data: Prepared, budget: Budget, out: Path, work: Path) -> Path:
    from stanza.models import lemmatizer

    lemmatizer.main([
        "--mode", "train", "--shorthand", SHORT_NAME,
        "--train_file", str(data.ud_train), "--eval_file", str(data.ud_dev),
        "--output_file", str(work / "lemma.dev.pred.conllu"),
        "--num_epoch", str(budget.lemma_epochs),
        "--save_dir", str(out.parent), "--save_name", out.name,
        *budget.lemma_args,
    ])
    return out


def train_depparse(data: Prepared, budget: Budget, pretrain: Path, out: Path,
                   work: Path) -> Path:
    from stanza.models import parser

    parser.main([
        "--mode", "train", "--lang", LANG, "--shorthand", SHORT_NAME,
        "--wordvec_pretrain_file", str(pretrain),
        "--train_file", str(data.ud_train), "--eval_file", str(data.ud_dev),
        "--output_file", str(work / "depparse.dev.pred.conllu"),
        "--max_steps", str(budget.depparse_steps),
        "--eval_interval", str(budget.eval_interval),
        "--max_steps_before_stop", _patience(budget, budget.depparse_steps),
        # switch from AdaDelta to Adam for the last third, as Stanza does once it stalls
        "--second_optim_start_step", str(budget.depparse_steps * 2 // 3),
        "--no_checkpoint",
        "--save_dir", str(out.parent), "--save_name", out.name,
        *budget.depparse_args,
    ])
    return out


def train_ner(data: Prepared, budget: Budget, pretrain: Path, out: Path) -> Path:
    from stanza.models import ner_tagger

    ner_tagger.main([
        "--mode", "train", "--shorthand", SHORT_NAME,
        "--wordvec_pretrain_file", str(pretrain),
        "--train_file", str(data.ner_train), "--eval_file", str(data.ner_dev),
        "--max_steps", str(budget.ner_steps),
        "--eval_interval", str(budget.eval_interval),
        "--max_steps_no_improve", _patience(budget, budget.ner_steps),
        "--save_dir", str(out.parent), "--save_name", out.name,
        *budget.ner_args,
    ])
    return out
