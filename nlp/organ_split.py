"""Several organs of one legislature, each on its own trip to the same host: one event each.

"Komisi I dan III dijadwalkan mengunjungi Mataram", "Komisi B dan D kunker ke Palembang": the
annotation guide counts one event per delegation, and the commissions (or special committees,
or boards) of a council travel as delegations of their own, each with its agenda, even when
they share a destination. A pair of bodies is one candidate (``nlp.candidates``), so the
decision finds one event; this step reads which organs of the visitor are named as going to
the host and gives each its own. An organ counts when it stands before the host (or before
the list the host stands in) in a sentence naming the host, with no other name between but
a place around the host ("... beberapa daerah di NTB seperti Mataram"): "Komisi A ke
Palembang, Komisi B dan D ke Pekanbaru" sends A to Palembang and B and D to Pekanbaru.
Only organs of one family split a trip: numbered commissions ("Komisi I", "Komite II"),
boards ("Badan Anggaran", "Badan Musyawarah") or special committees ("Pansus I", "Pansus
LKPj"). Leadership, secretariat and party groups are no delegations of their own ("Ketua
DPRD bersama Komisi II" is one delegation), and a commission's working group is part of it
("Panja Komisi II"). One special committee written two ways ("Pansus LKPj", "Pansus Ranperda
LKPj") would be split wrongly, but only organs named before the host in a sentence naming it
count, and there two names are two committees ("Pansus Pajak Daerah dan Pansus Cagar
Budaya ke DPRD X"; in train.jsonl, held-out: one right event more a split and no false one).
"""

from __future__ import annotations

from dataclasses import replace

from nlp.analysis import ArticleAnalysis
from nlp.candidates import LEGISLATURE, PLACE, Candidate
from nlp.coordination import list_heads
from nlp.drafts import DraftEvent
from nlp.gazetteer import within
from nlp.mention import Mention
from nlp.scanner import commission_number
from nlp.sentence_view import SentenceView

NOT_DELEGATIONS = ("Pimpinan", "Sekretariat", "Fraksi")
NUMBERED = ("Komisi", "Komite", "Pansus")
FAMILIES = (("Komisi ", "Komite "), ("Badan ",), ("Pansus ",))
# Words joining an abbreviated list of numbered organs: "Komisi I, II dan IV".
LIST_JOINERS = frozenset({",", "dan", "serta", "&"})


def split_by_organ(analysis: ArticleAnalysis, candidate: Candidate, draft: DraftEvent
                   ) -> list[DraftEvent]:
    """The draft, or one copy of it for each organ of one family named as going to the
    host when there are several."""
    organs = trip_organs(analysis, candidate)
    for family in FAMILIES:
        delegations = [organ for organ in organs if organ.startswith(family)]
        if len(delegations) >= 2:
            return [replace(draft, visitor=replace(draft.visitor, unit=organ),
                            host=replace(draft.host), frames=list(draft.frames))
                    for organ in delegations]
    return [draft]


def trip_organs(analysis: ArticleAnalysis, candidate: Candidate) -> list[str]:
    """The distinct organs of the visitor named as going to the host, in article order."""
    visitor = candidate.visitor
    if visitor.kind != LEGISLATURE:
        return []
    organs: list[str] = []
    for occurrence in candidate.host.occurrences:
        view = analysis.views[occurrence.sentence]
        own = {o.first: o.mention.unit for o in visitor.occurrences
               if o.sentence == occurrence.sentence}
        head = list_heads(view).get(occurrence.first, occurrence.first)
        start = max((end for (first, end), mention in zip(view.spans, view.mentions,
                                                          strict=True)
                     if end <= head and first not in own
                     and not _around(mention, candidate.host.where)), default=0)
        for first in sorted(own):
            unit = own[first]
            if start <= first < head and unit and not unit.startswith(NOT_DELEGATIONS):
                for organ in (unit, *_listed_numbers(view, first, unit)):
                    if organ not in organs:
                        organs.append(organ)
    return organs


def _around(mention: Mention, code: str | None) -> bool:
    """A place around the host's region, which only says where the host lies ("mengunjungi
    beberapa daerah di NTB seperti Mataram dan Bima"): it does not end the clause."""
    region = mention.region
    return (mention.kind == PLACE and region is not None and code is not None
            and code != region.code and within(code, region.code))


def _listed_numbers(view: SentenceView, first: int, unit: str) -> list[str]:
    """The organs an abbreviated list adds after a numbered one: "Komisi I , II dan IV"
    gives Komisi II and Komisi IV; "komisi 1 dan 3" gives Komisi III."""
    label, _, number = unit.partition(" ")
    if label not in NUMBERED or not number:
        return []
    found = []
    k = first + 2  # past "komisi" and its number
    tokens = view.tokens
    while k + 1 < len(tokens) and tokens[k].text.lower() in LIST_JOINERS:
        following = tokens[k + 1].text
        if following.lower() in LIST_JOINERS:
            k += 1
            continue
        numeral = _numeral(following)
        if numeral is None:
            break
        found.append(f"{label} {numeral}")
        k += 2
    return found


def _numeral(text: str) -> str | None:
    """A commission's number in a list, "iii" too (not a lone "i")."""
    return commission_number(text.upper() if len(text) > 1 else text)
