"""Stanza's annotations (lemma, UPOS, dependency tree), aligned to kunker's rule tokens.

Only sentences that can matter are sent to Stanza: those naming a legislative body or an
institution next to a visit word. They go in one batch per article. Without an installed
model ``RuleAnnotator`` stands in and annotates nothing: lemmas then come from the rule
stemmer and roles from word order (``nlp.stanza_pipeline`` logs once what is missing).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from nlp.mention import Mention
from nlp.segment import Sentence
from nlp.tokens import Token, tokenize

log = logging.getLogger(__name__)

# A sentence can report a visit only if it names something and has a visit-ish word.
_VISIT_HINT = re.compile(
    r"kunj|kunker|kunlap|studi|study|konsult|sidak|tinjau|terima|sambut|datang|sambang|"
    r"tandang|audiensi|silaturah|rombongan|berguru|belajar|koordinasi|jamu", re.IGNORECASE)


@dataclass(slots=True)
class Notes:
    """Per rule token: Stanza's lemma, UPOS, head (rule-token index, -1 root) and relation."""

    lemmas: list[str | None]
    upos: list[str | None]
    heads: list[int]
    deprels: list[str]
    ner: list[str]  # BIO tags (PERSON, PLACE, ORGANISATION) of the bundled NER model


class Annotator(Protocol):
    name: str

    def annotate(self, sentences: Sequence[Sentence], mentions: Sequence[Sequence[Mention]]
                 ) -> dict[int, Notes]: ...


class RuleAnnotator:
    """No model: nothing to add; the recognisers' own rules decide."""

    name = "rules"

    def annotate(self, sentences: Sequence[Sentence], mentions: Sequence[Sequence[Mention]]
                 ) -> dict[int, Notes]:
        return {}


class StanzaAnnotator:
    """Annotates the sentences that can matter with a loaded ``stanza.Pipeline``."""

    name = "stanza"

    def __init__(self, pipeline: Any) -> None:
        self.pipeline = pipeline

    def annotate(self, sentences: Sequence[Sentence], mentions: Sequence[Sequence[Mention]]
                 ) -> dict[int, Notes]:
        import stanza

        wanted = [i for i, s in enumerate(sentences) if worth_parsing(s.text, mentions[i])]
        if not wanted:
            return {}
        documents = [stanza.Document([], text=sentences[i].text) for i in wanted]
        processed = self.pipeline(documents)
        notes: dict[int, Notes] = {}
        for i, document in zip(wanted, processed, strict=True):
            notes[i] = align(tokenize(sentences[i].text), document)
        return notes


def worth_parsing(text: str, mentions: Sequence[Mention]) -> bool:
    return bool(mentions) and bool(_VISIT_HINT.search(text))


def align(tokens: Sequence[Token], document: Any) -> Notes:
    """Map Stanza's words onto rule tokens by character offset (the first word that starts
    inside a token speaks for it; heads are mapped the same way)."""
    n = len(tokens)
    lemmas: list[str | None] = [None] * n
    upos: list[str | None] = [None] * n
    heads = [-1] * n
    deprels = ["dep"] * n
    ner = ["O"] * n
    word_token: dict[tuple[int, int], int] = {}
    flat: list[tuple[int, Any, int]] = []  # (sentence index, word, rule token)
    for s_index, sentence in enumerate(document.sentences):
        for token in sentence.tokens:
            rule = _token_at(tokens, token.start_char)
            tag = getattr(token, "ner", None)
            if rule >= 0 and tag and ner[rule] == "O":
                ner[rule] = tag
            for word in token.words:
                word_token[(s_index, word.id)] = rule
                flat.append((s_index, word, rule))
    for s_index, word, rule in flat:
        if rule < 0 or lemmas[rule] is not None:
            continue
        lemmas[rule] = word.lemma
        upos[rule] = word.upos
        deprels[rule] = word.deprel or "dep"
        heads[rule] = word_token.get((s_index, word.head), -1) if word.head else -1
        if heads[rule] == rule:
            heads[rule] = -1
    return Notes(lemmas, upos, heads, deprels, ner)


def _token_at(tokens: Sequence[Token], char: int | None) -> int:
    if char is None:
        return -1
    for k, token in enumerate(tokens):
        if token.start <= char < token.end:
            return k
    return -1


@lru_cache(maxsize=4)
def default_annotator(model_dir: Path | None = None, torch_threads: int | None = None
                      ) -> Annotator:
    """Stanza over the models in ``model_dir`` (default: the bundled ones) when they load,
    else the rules (said once). The edge passes the configured directory and threads."""
    try:
        from nlp.stanza_pipeline import get_pipeline
    except ImportError as exc:  # stanza not importable in this environment
        log.warning("Stanza is not available (%s); extraction runs on rules only", exc)
        return RuleAnnotator()
    pipeline = get_pipeline(model_dir, torch_threads)
    return StanzaAnnotator(pipeline) if pipeline is not None else RuleAnnotator()
