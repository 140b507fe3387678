"""An office of a regional government named without its region, visited by a delegation that
also visited that government, is a unit of it.

"Rombongan diterima Pemkab X ... lalu meninjau Dinas Perhubungan dan Dinas Sosial": the
annotation guide names such a host "Pemerintah Kabupaten X" with the office as its unit, as
the recognisers already do when the office is written with its region ("Dinas Pariwisata
Kabupaten X"). Written alone, the office stays as the article names it, since nothing in its
name says whose it is; the other hosts of the same delegation do, when they hold exactly one
regional government. Each office visited is then its own event with that government as the
host (one per unit, as the guide counts delegations received by several offices), and the
government's own draft with no unit gives way to them.
"""

from __future__ import annotations

from dataclasses import replace

from nlp.drafts import DraftEvent
from nlp.institutions import is_regional_office

GOVERNMENT = "executive"
OFFICE_HOST_KINDS = frozenset({"organisation"})


def offices_as_units(drafts: list[DraftEvent]) -> list[DraftEvent]:
    """``drafts`` with each bare regional office a unit of the one regional government the
    same visitor visited (see the module's docstring)."""
    by_visitor: dict[str, list[DraftEvent]] = {}
    for draft in drafts:
        by_visitor.setdefault(draft.visitor.key, []).append(draft)
    replaced: dict[int, DraftEvent | None] = {}
    for visits in by_visitor.values():
        governments = {d.host.key: d for d in visits if d.host.kind == GOVERNMENT
                       and d.host.region is not None}
        offices = [d for d in visits if d.host.kind in OFFICE_HOST_KINDS
                   and is_regional_office(d.host.institution)]
        if len(governments) != 1 or not offices:
            continue
        government = next(iter(governments.values()))
        units = [replace(office, host=replace(government.host, unit=office.host.institution))
                 for office in offices]
        replaced.update((id(office), unit) for office, unit in zip(offices, units, strict=True))
        for draft in visits:
            if draft.host.key == government.host.key and draft.host.unit is None:
                units[0].frames = [*draft.frames, *units[0].frames]  # the same trip's sentences
                replaced[id(draft)] = None
    kept = []
    for draft in drafts:
        new = replaced.get(id(draft), draft)
        if new is not None:
            kept.append(new)
    return kept
