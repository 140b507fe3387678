"""``/``: the latest events with the filter form and a chart of them per month;
``/events.csv``: every event the form selects, as CSV; ``/events/{id}``: one event in full."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from kunker.web import charts, params, records
from kunker.web.errors import NotFoundError
from kunker.web.pages import (
    FILTERS,
    csv_response,
    page_link,
    respond,
    twin,
    twin_url,
    wants_csv,
    with_query,
)

router = APIRouter()


def month_points(rows: list[Any], filters: dict[str, str | None], flt: Any) -> list[charts.Point]:
    """Chart points of ``storage.event_stats(..., "month")`` rows, each linking to its
    month's events (as far as the filter's own dates reach into it)."""
    from storage.stats import month_bounds

    points = []
    for row in rows:
        first, last = month_bounds(row.key)
        first = max(first, flt.date_from) if flt.date_from else first
        last = min(last, flt.date_to) if flt.date_to else last
        url = with_query("/", {**filters, "from": first.isoformat(), "to": last.isoformat(),
                               "page": None})
        points.append(charts.Point(row.key, row.count, url))
    return points


@twin(router, "/", (*FILTERS, "page", "limit"))
@twin(router, "/events", (*FILTERS, "page", "limit"), csv=True)
def latest_events(request: Request) -> Response:
    """Events newest first, ``limit`` per page, filtered like ``kunker events``."""
    from storage import count_events, event_stats, list_events

    if wants_csv(request):
        return events_csv(request)
    page = params.whole_number(request, "page", 1, params.MAX_PAGE)
    limit = params.whole_number(request, "limit", params.DEFAULT_LIMIT, params.MAX_LIMIT)
    args = params.filter_args(request)
    with request.app.state.database.session() as session:
        built = params.filters(session, args)
        total = count_events(session, built.flt)
        found = list_events(session, built.flt, limit=limit, offset=(page - 1) * limit)
        months = event_stats(session, "month", built.flt) if total else []
    pages = max(1, -(-total // limit))
    filter_data = params.filter_data(args, built)
    data = {
        **filter_data,
        "total": total,
        "page": page,
        "pages": pages,
        "limit": limit,
        "first": (page - 1) * limit + 1 if found else 0,
        "events": [records.summary(event) for event in found],
        "next_url": page_link(request, page=page + 1) if page < pages else None,
        "previous_url": page_link(request, page=page - 1) if page > 1 else None,
    }
    points = month_points(months, filter_data["filters"], built.flt)
    chart = charts.time_series(points, f"Visits per month: {total} in all") if points else None
    return respond(request, "events.html", data, html_only={
        "chart": chart, "csv_url": twin_url(request, ".csv"),
        "feed_url": with_query("/feed.atom", {**filter_data["filters"]})})


def events_csv(request: Request) -> Response:
    """Every event the filters select (all pages), oldest first: the page's ``total`` rows."""
    from kunker.export_rows import event_csv_lines
    from storage import iter_event_records

    args = params.filter_args(request)
    database = request.app.state.database
    database.check_schema()  # a 503 now, not a broken download later
    with database.session() as session:
        built = params.filters(session, args)  # a bad filter is a 400 before streaming

    def lines() -> Any:
        with database.session() as session:
            yield from event_csv_lines(iter_event_records(session, built.flt),
                                       str(request.base_url))

    return csv_response(lines(), "kunker-events.csv")


@twin(router, "/events/{event_id}")
def event_page(request: Request, event_id: str) -> Response:
    """Every field, the people, every source and the evidence sentences of one event."""
    from kunker.ids import is_whole_number, parse_row_id
    from storage import get_event

    if not is_whole_number(event_id):
        raise NotFoundError(f"event id {event_id!r}: ids are whole numbers, as in the list "
                            "of events")
    row_id = parse_row_id(event_id)
    found = None
    if row_id is not None:  # past the id column's range: no such event, not a failed query
        with request.app.state.database.session() as session:
            found = get_event(session, row_id)
    if found is None:
        raise NotFoundError(f"no event with id {event_id.strip()}")
    return respond(request, "event.html", records.detail(found))
