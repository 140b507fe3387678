"""Visitor and host from Stanza's dependency tree, when a model parsed the sentence.

Universal Dependencies gives the subject (``nsubj``, ``nsubj:pass``), the object (``obj``)
and obliques with their preposition (``obl`` + ``case``: "ke", "di", "oleh"). A visit noun
("kunjungan") is usually the object of a light verb ("melakukan kunjungan"), whose subject is
then the visitor. Returns None when there is no tree or it names neither side, so the
word-order rules in ``nlp.frames`` decide.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nlp.mention import Mention
    from nlp.sentence_view import SentenceView
    from nlp.triggers import Trigger

LIGHT_VERB_LEMMAS = {"laku", "lakukan", "melakukan", "ada", "adakan", "gelar", "laksana",
                     "laksanakan", "jalan", "jalankan"}
DESTINATION_CASES = {"ke", "kepada", "di", "menuju"}
AGENT_CASES = {"oleh", "dari"}


def roles_from_tree(view: SentenceView, trigger: Trigger
                    ) -> tuple[list[Mention], list[Mention]] | None:
    if view.heads is None or view.deprels is None:
        return None
    word = trigger.first
    verb = word
    head = view.heads[word]
    lemma = (view.lemmas[head] or "").lower() if view.lemmas and head >= 0 else ""
    if trigger.role == "noun" and head >= 0 and view.deprels[word] in ("obj", "xcomp") and \
            (lemma in LIGHT_VERB_LEMMAS or view.low[head].startswith("melaku")):
        verb = head
    subject = _child(view, verb, ("nsubj", "nsubj:pass"))
    obj = _child(view, verb, ("obj",))
    destination = _oblique(view, (verb, word), DESTINATION_CASES)
    agent = _oblique(view, (verb,), AGENT_CASES)
    role = trigger.role
    visitors: list[Mention] = []
    hosts: list[Mention] = []
    if role in ("go", "noun"):
        possessor = _possessor(view, word) if role == "noun" else None
        visitors = _mentions(view, possessor if possessor is not None else subject)
        hosts = _mentions(view, destination)
    elif role == "visit":
        visitors, hosts = _mentions(view, subject), _mentions(view, obj)
    elif role == "receive":
        hosts = _mentions(view, subject)
        visitors = _mentions(view, obj)
    elif role == "received":
        visitors = _mentions(view, subject)
        hosts = _mentions(view, agent if agent is not None else obj)
    elif role == "visited":
        hosts = _mentions(view, subject)
        visitors = _mentions(view, agent if agent is not None else obj)
    if not visitors and not hosts:
        return None
    return visitors, hosts


def _possessor(view: SentenceView, noun: int) -> int | None:
    """"kunjungan [DPRD X]": a nominal modifier of the visit noun without a preposition
    ("konsultasi dengan DPRD Sulawesi Barat" names the host, not the visitor)."""
    assert view.deprels is not None
    for k in _children(view, noun):
        if view.deprels[k] in ("nmod", "nmod:poss", "compound") and not any(
                view.deprels[c] == "case" for c in _children(view, k)):
            return k
    return None


def _children(view: SentenceView, head: int) -> list[int]:
    assert view.heads is not None
    return [k for k, h in enumerate(view.heads) if h == head]


def _child(view: SentenceView, head: int, relations: tuple[str, ...]) -> int | None:
    assert view.deprels is not None
    for k in _children(view, head):
        if view.deprels[k] in relations:
            return k
    return None


def _oblique(view: SentenceView, heads: tuple[int, ...], cases: set[str]) -> int | None:
    assert view.deprels is not None
    for head in heads:
        for k in _children(view, head):
            if view.deprels[k].split(":")[0] not in ("obl", "nmod", "advcl"):
                continue
            if any(view.low[c] in cases and view.deprels[c] == "case"
                   for c in _children(view, k)):
                return k
    return None


def _subtree(view: SentenceView, root: int) -> set[int]:
    assert view.heads is not None
    members = {root}
    changed = True
    while changed:
        changed = False
        for k, h in enumerate(view.heads):
            if h in members and k not in members:
                members.add(k)
                changed = True
    return members


def _mentions(view: SentenceView, token: int | None) -> list[Mention]:
    """The mention the token heads: the one covering it, else the first in its subtree."""
    if token is None:
        return []
    covering = view.mention_covering(token)
    if covering is not None:
        return [view.mentions[covering]]
    members = _subtree(view, token)
    for k, (first, last) in enumerate(view.spans):
        if any(first <= t < last for t in members):
            return [view.mentions[k]]
    return []
