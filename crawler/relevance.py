"""Does an article mention a legislative body (DPR, DPRD, DPD, MPR, their commissions...)?

Only those keep their text for extraction; the rest are stored as seen, without text. The
terms are data: ``data/legislative_terms.toml``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TERMS_FILE = Path(__file__).resolve().parent / "data" / "legislative_terms.toml"


@dataclass(frozen=True, slots=True)
class _Terms:
    include: tuple[re.Pattern[str], ...]
    exclude: tuple[re.Pattern[str], ...]


@cache
def _terms() -> _Terms:
    with TERMS_FILE.open("rb") as fh:
        data = tomllib.load(fh)
    include = [re.compile(p) for p in data["case_sensitive"]]
    include += [re.compile(p, re.IGNORECASE) for p in data["case_insensitive"]]
    exclude = [re.compile(p) for p in data.get("exclude", [])]
    return _Terms(include=tuple(include), exclude=tuple(exclude))


def legislative_mention(*texts: str | None) -> str | None:
    """The first legislative term found in ``texts``, or None."""
    terms = _terms()
    for text in texts:
        if not text:
            continue
        for pattern in terms.exclude:
            text = pattern.sub(" ", text)
        for pattern in terms.include:
            match = pattern.search(text)
            if match:
                return match.group(0)
    return None


def is_relevant(title: str | None, text: str | None) -> bool:
    return legislative_mention(title, text) is not None
