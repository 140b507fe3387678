"""Lists of names in a sentence ("DPRD Kota Kediri, Kabupaten Gresik dan Kabupaten Lamongan",
"ke Lombok, Makassar, Manado hingga Ambon"): which mentions stand in one list.

The items of a list share their role in the sentence, so a list's later items inherit the
words before its first item (``nlp.pair_features``), and a body listed beside a chosen
visitor (or a place beside a chosen host) is chosen with it (``nlp.decision``).
"""

from __future__ import annotations

from dataclasses import replace

from nlp.mention import Mention
from nlp.scanner import commission_number
from nlp.sentence_view import SentenceView

# Words that may stand between two items of a list ...
LIST_WORDS = frozenset({",", "dan", "serta", "hingga", "sampai", "&", "seperti", "yakni",
                        "yaitu", "antara", "lain", "juga", "maupun", "atau", "kemudian",
                        "lalu", "ke", "di"})
# ... of which at least one must join them.
JOINERS = frozenset({",", "dan", "serta", "hingga", "sampai", "&", "maupun"})


def list_heads(view: SentenceView) -> dict[int, int]:
    """For each mention's first token, the first token of the list it stands in (itself when
    it starts one or stands alone), cached on the view."""
    cached = view.cache.get("list_heads")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    heads: dict[int, int] = {}
    spans = sorted(view.spans)
    for position, (first, _) in enumerate(spans):
        head = first
        if position > 0:
            previous_first, previous_end = spans[position - 1]
            between = view.low[previous_end:first]
            if between and all(w in LIST_WORDS for w in between) and set(between) & JOINERS:
                head = heads[previous_first]
        heads[first] = head
    view.cache["list_heads"] = heads
    return heads


def list_head(view: SentenceView, first: int) -> int | None:
    """The first token of the list the mention starting at ``first`` continues, None when it
    stands alone or starts the list."""
    head = list_heads(view).get(first, first)
    return head if head != first else None


def listed_together(view: SentenceView, a: int, b: int) -> bool:
    """Whether the mentions starting at tokens ``a`` and ``b`` stand in one list."""
    heads = list_heads(view)
    return a != b and a in heads and heads.get(a) == heads.get(b)


def share_listed_bodies(text: str, offset: int, mentions: list[Mention]) -> list[Mention]:
    """"Komisi A dan Komisi B DPRD Kota Manado", "Komisi I, II dan IV DPRD Wonogiri": an
    organ written without its body, listed right before an organ of a named legislature, is
    an organ of that legislature (not of the article's own). ``text`` is the sentence,
    starting at character ``offset``; the mentions are its own, in order."""
    shared = list(mentions)
    for k in range(len(shared) - 2, -1, -1):
        organ, named = shared[k], shared[k + 1]
        if not (organ.kind == named.kind == "legislature" and organ.unit and organ.generic
                and not named.generic):
            continue
        between = text[organ.end - offset:named.start - offset].replace(",", " , ").split()
        numbers = [w for w in between if _is_number(w)]
        if not between or not set(between) & JOINERS or not all(
                w in JOINERS or _is_number(w) for w in between):
            continue
        if named.unit or numbers:
            shared[k] = replace(organ, candidates=named.candidates, region=named.region,
                                national=named.national, level=named.level,
                                special_legislature=named.special_legislature,
                                regency_legislature=named.regency_legislature)
    return shared


def _is_number(word: str) -> bool:
    """A commission's number in an abbreviated list: "III", "B", "4"."""
    return commission_number(word) is not None
