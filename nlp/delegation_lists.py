"""Sentences that only list the delegations just told of: "DPRD Kota X menerima tiga
rombongan kunjungan kerja. Mereka adalah Komisi A DPRD Y, Komisi C DPRD Z dan Badan
Anggaran DPRD W." Such a sentence has no visit word, so no frame of its own, yet it names
the visitors of the visit told beside it; the annotation guide makes each delegation
received at one meeting an event of its own.
"""

from __future__ import annotations

from nlp.mention import Mention
from nlp.sentence_view import SentenceView

# How such a sentence opens: the delegations as the subject of "adalah"/"yakni"/"yaitu".
LIST_OPENINGS = (("mereka", "adalah"), ("mereka", "yakni"), ("mereka", "yaitu"),
                 ("rombongan", "tersebut", "adalah"), ("rombongan", "itu", "adalah"),
                 ("ketiganya", "adalah"), ("keduanya", "adalah"))
MIN_LISTED = 2  # one body after "Mereka adalah" is as often a role as a delegation


def listed_delegations(view: SentenceView) -> list[Mention]:
    """The bodies a sentence with no visit word lists after "Mereka adalah" (places left
    out); empty for any other sentence."""
    if view.triggers or not any(tuple(view.low[:len(opening)]) == opening
                                for opening in LIST_OPENINGS):
        return []
    bodies = [m for m in view.mentions if m.kind != "place"]
    return bodies if len(bodies) >= MIN_LISTED else []
