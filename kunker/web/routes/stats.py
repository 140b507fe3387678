"""``/stats?by=month|destination|visitor|kind|topic``: visit counts, each visit once, with
the filters of the event list (no ``person``, as in ``kunker stats``)."""

from __future__ import annotations

import calendar
from datetime import date
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from kunker.web import params, records
from kunker.web.pages import respond, twin, with_query

if TYPE_CHECKING:
    from storage import EventFilter

router = APIRouter()
REGION_PREFIXES = ("Provinsi ", "Kabupaten ", "Kota ")  # a destination that is a region


def _events_link(by: str, key: str, filters: dict[str, str | None], flt: EventFilter
                 ) -> str | None:
    """Where a row leads: the events it counts, or the institution's page."""
    from storage.stats import UNKNOWN

    if key == UNKNOWN:
        return None
    if by == "month":
        year, month = (int(part) for part in key.split("-"))
        first = date(year, month, 1)
        last = date(year, month, calendar.monthrange(year, month)[1])
        # the month as far as the filter's own dates reach into it
        first = max(first, flt.date_from) if flt.date_from else first
        last = min(last, flt.date_to) if flt.date_to else last
        return with_query("/", {**filters, "from": first.isoformat(), "to": last.isoformat()})
    if by in ("visitor", "destination"):
        return None if key.startswith(REGION_PREFIXES) else records.institution_url(key)
    return with_query("/", {**filters, "kind" if by == "kind" else "topic": key})


@twin(router, "/stats")
def stats_page(request: Request) -> Response:
    from storage import event_stats
    from storage.stats import STAT_KEYS

    by = params.choice(request, "by", STAT_KEYS, "month")
    limit = params.whole_number(request, "limit", 0, params.MAX_LIMIT) or None
    args = params.filter_args(request, person=False)
    with request.app.state.database.session() as session:
        built = params.filters(session, args)
        rows = event_stats(session, by, built.flt, limit=limit)  # type: ignore[arg-type]
    filter_data = params.filter_data(args, built)
    biggest = max((row.count for row in rows), default=0)
    table: list[dict[str, Any]] = [
        {"key": row.key, "count": row.count,
         "url": _events_link(by, row.key, filter_data["filters"], built.flt)}
        for row in rows
    ]
    data = {**filter_data, "by": by, "limit": limit, "max_count": biggest, "rows": table}
    return respond(request, "stats.html", data)
