"""The words of a search and how they are shown: shared by both databases' search SQL.

The user's text is never passed as query syntax: it is cut into words, and each word becomes
a quoted FTS5 string (SQLite) or goes through ``plainto_tsquery`` (PostgreSQL), both of which
treat ``"``, ``*``, ``OR``, ``NEAR``, ``-`` or ``'; DROP TABLE`` as plain words or nothing.
"""

from __future__ import annotations

import re

WORD = re.compile(r"\w+")
MAX_TERMS = 16  # a pasted paragraph is not a query; keeps the index work bounded
SNIPPET_WORDS = 16
MARK_START, MARK_END, ELLIPSIS = "[", "]", "…"
TITLE_WEIGHT = 4.0  # a word in the headline says more about an article than one in the text
# Relevance order ranks only recent matches: scoring every match of a common word would
# read a good part of the corpus (see storage.search_sqlite / storage.search_postgres).
RELEVANCE_CANDIDATES = 2_000


def search_terms(query: str) -> list[str]:
    """The words of ``query`` (letters and digits only), at most ``MAX_TERMS``."""
    return [w for w in WORD.findall(query) if w.strip("_")][:MAX_TERMS]


def fts5_match(terms: list[str]) -> str:
    """An FTS5 MATCH string where every term is a quoted string: literal, never syntax."""
    return " ".join('"' + term.replace('"', '""') + '"' for term in terms)
