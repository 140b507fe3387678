"""``/stats?by=...``: visit counts with a chart (a time series for months, bars for the
rest), each visit once, with the filters of the event list (no ``person``, as in ``kunker
stats``); ``/stats.csv`` the same rows; ``/stats/matrix``: who visits whom, visitor
province x host province."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from kunker.web import charts, params, records
from kunker.web.pages import (
    FILTERS,
    csv_response,
    respond,
    twin,
    twin_url,
    wants_csv,
    with_query,
)
from kunker.web.routes.events import month_points

if TYPE_CHECKING:
    from storage import EventFilter, StatRow

router = APIRouter()
REGION_PREFIXES = ("Provinsi ", "Kabupaten ", "Kota ")  # a destination that is a region
STAT_FILTERS = tuple(f for f in FILTERS if f != "person")
MATRIX_SIZE = 15  # busiest provinces on each side


def _events_link(by: str, row: StatRow, filters: dict[str, str | None], flt: EventFilter
                 ) -> str | None:
    """Where a row leads: the events it counts, or the institution's page."""
    from storage.stats import UNKNOWN

    key = row.key
    if key == UNKNOWN:
        return None
    if by in ("visitor", "destination"):
        return None if key.startswith(REGION_PREFIXES) else records.institution_url(key)
    if by in ("kind", "topic"):
        return with_query("/", {**filters, "kind" if by == "kind" else "topic": key})
    if by in ("visitor_province", "host_province") and row.code:
        side = "visitor" if by == "visitor_province" else "host"
        return with_query("/", {**filters, "region": row.code, "side": side})
    return None


def _stat_rows(request: Request) -> tuple[str, int | None, dict[str, Any], Any, list[Any], int]:
    from storage import count_events, event_stats
    from storage.stats import STAT_KEYS

    by = params.choice(request, "by", STAT_KEYS, "month")
    limit = params.whole_number(request, "limit", 0, params.MAX_LIMIT) or None
    args = params.filter_args(request, person=False)
    with request.app.state.database.session() as session:
        built = params.filters(session, args)
        rows = event_stats(session, by, built.flt, limit=limit)  # type: ignore[arg-type]
        total = count_events(session, built.flt)
    return by, limit, params.filter_data(args, built), built.flt, rows, total


@twin(router, "/stats", ("by", "limit", *STAT_FILTERS), csv=True)
def stats_page(request: Request) -> Response:
    """Visit counts by month, destination, visitor, kind, topic, province, outlet or pair."""
    by, limit, filter_data, flt, rows, total = _stat_rows(request)
    if wants_csv(request):
        from kunker.export_rows import csv_lines

        return csv_response(csv_lines((by, "code", "visits"),
                                      ((r.key, r.code or "", r.count) for r in rows)),
                            f"kunker-stats-by-{by}.csv")
    biggest = max((row.count for row in rows), default=0)
    table: list[dict[str, Any]] = [
        {"key": row.key, "code": row.code, "count": row.count,
         "url": _events_link(by, row, filter_data["filters"], flt)}
        for row in rows
    ]
    if by == "month":
        table = [{**row, "url": point.url if row["count"] else None} for row, point in
                 zip(table, month_points(rows, filter_data["filters"], flt), strict=True)]
    data = {**filter_data, "by": by, "limit": limit, "total": total, "max_count": biggest,
            "rows": table}
    return respond(request, "stats.html", data, html_only={
        "chart": _chart(by, table, total), "csv_url": twin_url(request, ".csv")})


def _chart(by: str, table: list[dict[str, Any]], total: int) -> Any:
    if not table:
        return None
    if by == "month":
        points = [charts.Point(r["key"], r["count"], r["url"]) for r in table]
        return charts.time_series(points, f"Visits per month: {total} in all")
    label = "reports" if by == "outlet" else "visits"
    points = [charts.Point(r["key"], r["count"], r["url"],
                           r["key"].replace("_", " ") if by in ("kind", "topic") else None)
              for r in table]
    return charts.bars(points, f"Visits by {by}", unit=label)


@twin(router, "/stats/matrix", ("limit", *STAT_FILTERS), csv=True)
def matrix_page(request: Request) -> Response:
    """Who visits whom: visits from each visitor province to each host province."""
    from storage import count_events
    from storage.stats import province_matrix

    limit = params.whole_number(request, "limit", MATRIX_SIZE, params.MAX_LIMIT)
    args = params.filter_args(request, person=False)
    with request.app.state.database.session() as session:
        built = params.filters(session, args)
        found = province_matrix(session, built.flt, limit=limit)
        total = count_events(session, built.flt)
    cells = [{"visitor_province": v_name, "visitor_code": v, "host_province": h_name,
              "host_code": h, "visits": found.count(v, h)}
             for v, v_name in found.visitors for h, h_name in found.hosts if found.count(v, h)]
    if wants_csv(request):
        from kunker.export_rows import csv_lines

        columns = ("visitor_province", "visitor_code", "host_province", "host_code", "visits")
        return csv_response(csv_lines(columns, ([c[k] or "" for k in columns] for c in cells)),
                            "kunker-province-matrix.csv")
    filter_data = params.filter_data(args, built)

    chart = charts.matrix(found.visitors, found.hosts, found.count,
                          "Visits by visitor province (rows) and host province (columns)")
    data = {**filter_data, "total": total, "limit": limit,
            "visitor_provinces": [{"code": c, "name": n} for c, n in found.visitors],
            "host_provinces": [{"code": c, "name": n} for c, n in found.hosts],
            "cells": cells}
    return respond(request, "matrix.html", data, html_only={
        "chart": chart, "csv_url": twin_url(request, ".csv")})
