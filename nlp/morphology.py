"""Which visit-word family a word belongs to and in what form ("mengunjungi" -> kunjung, me_i).

Stanza's lemma names the root when a model is installed; otherwise a small rule stemmer
strips Indonesian affixes, guided by the roots that ``data/visit_triggers.toml`` knows.
"""

from __future__ import annotations

from functools import lru_cache

# Initial consonant of a root and how it sounds after meN-/peN- ("kunjung" -> "ngunjung").
_NASAL = {"k": "ng", "t": "n", "s": "ny", "p": "m"}
_PREFIXES = {
    "": "", "ber": "ber", "be": "ber", "me": "me", "mem": "me", "men": "me", "meng": "me",
    "meny": "me", "di": "di", "ke": "ke", "pe": "pe", "pem": "pe", "pen": "pe", "peng": "pe",
    "peny": "pe",
}
_SUFFIXES = ("kan", "an", "i", "")
_CLITICS = ("nya", "lah", "kah")


def analyse(word: str, roots: frozenset[str], lemma: str | None = None) -> tuple[str, str] | None:
    """(root, form) of ``word`` when it belongs to one of ``roots``; form is e.g. "me_i"."""
    return _analyse(word.lower(), roots, (lemma or "").lower())


# A crawl meets tens of thousands of distinct words; each miss tries every root.
@lru_cache(maxsize=1 << 16)
def _analyse(word: str, roots: frozenset[str], lemma: str) -> tuple[str, str] | None:
    for clitic in _CLITICS:
        if word.endswith(clitic) and len(word) > len(clitic) + 3:
            word = word[: -len(clitic)]
            break
    candidates = [(lemma, _variants(lemma))] if lemma in roots else _longest_first(roots)
    for root, variants in candidates:
        for variant in variants:
            at = word.find(variant)
            if at < 0:
                continue
            prefix = word[:at]
            suffix = word[at + len(variant):]
            if prefix not in _PREFIXES or suffix not in _SUFFIXES:
                continue
            if variant != root and _PREFIXES[prefix] not in ("me", "pe"):
                continue  # a nasalised root only follows meN-/peN-
            return root, _form(_PREFIXES[prefix], suffix)
    return None


@lru_cache(maxsize=4)
def _longest_first(roots: frozenset[str]) -> list[tuple[str, list[str]]]:
    """Each root with its written variants, longest roots first."""
    return [(root, _variants(root)) for root in sorted(roots, key=len, reverse=True)]


def _variants(root: str) -> list[str]:
    nasal = _NASAL.get(root[0])
    return [root, nasal + root[1:]] if nasal else [root]


def _form(prefix: str, suffix: str) -> str:
    if not prefix:
        return suffix or "base"
    return f"{prefix}_{suffix}" if suffix else prefix
