"""Rule-based tokens with character offsets, the layer every recogniser scans.

Stanza's tokens (when a model is installed) are aligned to these by offsets; recognisers
themselves always see the same rule tokens, so their behaviour does not depend on the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A word may carry inner hyphens/apostrophes/dots of initials ("Una-Una", "Jum’at", "S.H").
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


# A dateline glued to the first word by a hyphen ("MANADO-Konsul Jenderal ..."): two words;
# a shorter capital part is an acronym of a name ("PDI-Perjuangan").
_GLUED_DATELINE = re.compile(r"([A-Z]{4,})(-)([A-Z][a-z][^\W_]*)")


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split ``text`` into words and single punctuation marks; offsets are shifted by ``offset``."""
    tokens = []
    for m in _TOKEN.finditer(text):
        glued = _GLUED_DATELINE.fullmatch(m.group())
        if glued is None:
            tokens.append(Token(m.group(), m.start() + offset, m.end() + offset))
            continue
        for part in range(1, 4):
            tokens.append(Token(glued.group(part), m.start() + glued.start(part) + offset,
                                m.start() + glued.end(part) + offset))
    return tokens
