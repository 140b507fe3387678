"""One sentence as the later steps see it: its rule tokens, the institutions and places it
names (with their token ranges), its visit words and, when Stanza parsed it, the tree."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field

from nlp.mention import Mention
from nlp.segment import Sentence
from nlp.tokens import Token
from nlp.triggers import Trigger


@dataclass(slots=True)
class SentenceView:
    """One sentence with its tokens, named things and visit words."""

    index: int
    sentence: Sentence
    tokens: list[Token]
    mentions: list[Mention]
    triggers: list[Trigger]
    spans: list[tuple[int, int]] = field(default_factory=list)  # token range of each mention
    lemmas: list[str | None] | None = None
    heads: list[int] | None = None  # Stanza: head token index (-1 = root), aligned to tokens
    deprels: list[str] | None = None
    upos: list[str | None] | None = None
    ner: list[str] | None = None  # BIO tags

    low: list[str] = field(default_factory=list)  # lowercased token texts
    _starting: dict[int, int] = field(default_factory=dict)  # first token -> mention index
    cache: dict[str, object] = field(default_factory=dict)  # what later steps derive once

    def __post_init__(self) -> None:
        if not self.spans:
            starts = [t.start for t in self.tokens]  # ascending
            self.spans = [_token_range(starts, m) for m in self.mentions]
        if not self.low:
            self.low = [t.text.lower() for t in self.tokens]
        for k, (first, _) in reversed(list(enumerate(self.spans))):
            self._starting[first] = k  # the first mention wins, as the scan used to

    def mention_starting(self, token: int) -> int | None:
        return self._starting.get(token)

    def mention_covering(self, token: int) -> int | None:
        for k, (first, last) in enumerate(self.spans):
            if first <= token < last:
                return k
        return None


def _token_range(starts: Sequence[int], mention: Mention) -> tuple[int, int]:
    """The tokens from the first starting at or after the mention's start to the first
    starting at or after its end."""
    return bisect_left(starts, mention.start), bisect_left(starts, mention.end)
