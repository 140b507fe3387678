"""The coverage report: per province, the sources configured, the articles stored and the
visits found, so a researcher sees where counts are thin. Shared by ``kunker stats
--coverage`` and the web page ``/coverage``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from kunker.catalogue import NATIONAL_CODE, all_provinces, by_province, national

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from crawler.sources import Source

OTHER_CODE = ""
OTHER_NAME = "(not in the catalogue)"


@dataclass(frozen=True, slots=True)
class CoverageRow:
    code: str
    province: str
    sources: int  # news entries (GDELT searches not counted)
    unchecked: int  # of those, written without fetching the site
    gdelt: bool  # a GDELT search covers the province
    articles: int  # stored from the province's sources
    relevant: int  # of those, mentioning a legislative body
    visits_hosted: int  # visits to the province
    visits_made: int  # visits by the province's bodies

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def coverage(session: Session, sources: Sequence[Source], where: str) -> list[CoverageRow]:
    """One row per province (Kemendagri order), then national outlets, then articles of
    sources no longer in the catalogue (when there are any)."""
    from storage.coverage import articles_per_source, visits_per_province

    groups = by_province(sources, where)
    province_of_source = {s.name: code for code, members in groups.items() for s in members}
    articles: dict[str, list[int]] = {}
    for counts in articles_per_source(session):
        code = province_of_source.get(counts.source, OTHER_CODE)
        total = articles.setdefault(code, [0, 0])
        total[0] += counts.articles
        total[1] += counts.relevant
    visits = visits_per_province(session)
    rows = []
    for province in [*all_provinces(), national()]:
        members = groups.get(province.code, [])
        news = [s for s in members if not s.is_gdelt]
        stored = articles.get(province.code, [0, 0])
        seen = visits.get(province.code)
        rows.append(CoverageRow(
            code=province.code, province=province.name, sources=len(news),
            unchecked=sum(not s.checked for s in news),
            gdelt=any(s.is_gdelt for s in members), articles=stored[0], relevant=stored[1],
            visits_hosted=seen.hosted if seen else 0, visits_made=seen.made if seen else 0,
        ))
    unattributed = articles.get(OTHER_CODE)
    if unattributed:
        rows.append(CoverageRow(OTHER_CODE, OTHER_NAME, len(groups.get(OTHER_CODE, [])), 0,
                                False, unattributed[0], unattributed[1], 0, 0))
    return rows


def is_national(row: CoverageRow) -> bool:
    return row.code == NATIONAL_CODE
