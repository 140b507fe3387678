"""Rule-based tokens with character offsets, the layer every recogniser scans.

Stanza's tokens (when a model is installed) are aligned to these by offsets; recognisers
themselves always see the same rule tokens, so their behaviour does not depend on the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A word may carry inner hyphens/apostrophes/dots of initials ("Una-Una", "Sambolangi’", "S.H").
_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*|\S", re.UNICODE)


@dataclass(slots=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_capitalised(self) -> bool:
        return self.text[0].isupper()

    @property
    def lower(self) -> str:
        return self.text.lower()


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split ``text`` into words and single punctuation marks; offsets are shifted by ``offset``."""
    return [Token(m.group(), m.start() + offset, m.end() + offset) for m in _TOKEN.finditer(text)]
