"""Visits told without a visit word: "Komisi I ke Garut, Komisi II ke Kuningan".

Reports of a council's trips often list where each organ went, the verb said once before the
list or not at all. An organ of a legislature written right before "ke"/"menuju" and a
named place or body is read as a visit word there (``Trigger`` with role "visit" on the
"ke"), in an article that already tells of a visit: the frames then make the organ the
visitor and what follows the host, and the learned decision weighs the pair like any other.
"""

from __future__ import annotations

from nlp.sentence_view import SentenceView
from nlp.triggers import DIRECTIONS, Trigger

HOST_WITHIN = 3  # tokens after "ke" where the host's name must start ("ke kantor PT X")
# A visit word this close before the organ already tells the trip ("kunjungan Komisi XI ke")
OWN_TRIGGER_REACH = 3


def organ_trips(view: SentenceView) -> list[Trigger]:
    """A "visit" trigger on each "ke" that follows an organ and leads to a name."""
    low = view.low
    found = []
    for k, mention in enumerate(view.mentions):
        if mention.kind != "legislature" or not mention.unit:
            continue
        first, last = view.spans[k]
        if last >= len(low) or low[last] not in DIRECTIONS:
            continue
        if any(0 <= first - t.last <= OWN_TRIGGER_REACH or first <= t.first <= last
               for t in view.triggers):
            continue
        if any(view.mention_starting(j) is not None
               for j in range(last + 1, min(last + 1 + HOST_WITHIN, len(low)))):
            found.append(Trigger(last, last + 1, "visit", "", low[last]))
    return found
