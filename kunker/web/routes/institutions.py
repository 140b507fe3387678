"""``/institutions/{name}``: an institution's visits, made and received, oldest first, with a
CSV download of all of them and an Atom feed of its new visits.

The name may be an alias ("DPRD Bali", "dprd sumbar"): the page says which canonical
institution it chose; a name that could mean several lists them (400). ``/history?
institution=...`` (what a search form sends) redirects here.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from kunker.errors import KunkerError
from kunker.resolve import ResolvedInstitution, UnknownNameError, resolve_institution
from kunker.web import params, records
from kunker.web.errors import NotFoundError
from kunker.web.pages import (
    JSON_SUFFIX,
    csv_response,
    page_link,
    respond,
    twin,
    twin_url,
    wants_csv,
    wants_json,
    with_query,
)

router = APIRouter()
HISTORY_LIMIT = 200  # a year of a busy DPRD's visits on one page


def _resolve(session: Any, name: str) -> ResolvedInstitution:
    try:
        return resolve_institution(session, params.checked(name, "institution"), "institution")
    except UnknownNameError as exc:
        raise NotFoundError(str(exc)) from None


@twin(router, "/institutions/{name:path}", ("page", "limit"), csv=True)
def institution_page(request: Request, name: str) -> Response:
    """An institution's visits, made and received, oldest first."""
    from storage import EventFilter, count_events, institution_history

    if wants_csv(request):
        return _history_csv(request, name)
    page = params.whole_number(request, "page", 1, params.MAX_PAGE)
    limit = params.whole_number(request, "limit", HISTORY_LIMIT, params.MAX_LIMIT)
    with request.app.state.database.session() as session:
        resolved = _resolve(session, name)
        made = count_events(session, EventFilter(institution=resolved.name, side="visitor"))
        received = count_events(session, EventFilter(institution=resolved.name, side="host"))
        total = count_events(session, EventFilter(institution=resolved.name))
        entries = institution_history(session, resolved.name, limit=limit,
                                      offset=(page - 1) * limit)
    info = resolved.info
    pages = max(1, -(-total // limit))
    data = {
        "query": name,
        "institution": resolved.name,
        "note": resolved.note,
        "kind": info.kind if info else None,
        "level": info.level if info else None,
        "region_code": info.region_code if info else None,
        "visits_made": made,
        "visits_received": received,
        "total": total,
        "page": page,
        "pages": pages,
        "limit": limit,
        "history": [records.history_entry(entry) for entry in entries],
        "next_url": page_link(request, page=page + 1) if page < pages else None,
        "previous_url": page_link(request, page=page - 1) if page > 1 else None,
    }
    return respond(request, "institution.html", data, html_only={
        "csv_url": twin_url(request, ".csv").split("?", 1)[0],
        "feed_url": with_query("/feed.atom", {"institution": resolved.name})})


def _history_csv(request: Request, name: str) -> Response:
    """Every visit of the institution (made and received), oldest first."""
    from kunker.export_rows import event_csv_lines
    from storage import EventFilter, iter_event_records

    database = request.app.state.database
    database.check_schema()  # a 503 now, not a broken download later
    with database.session() as session:
        resolved = _resolve(session, name)
    flt = EventFilter(institution=resolved.name)

    def lines() -> Any:
        with database.session() as session:
            yield from event_csv_lines(iter_event_records(session, flt), str(request.base_url))

    slug = "".join(c if c.isalnum() else "-" for c in resolved.name.lower()).strip("-")
    return csv_response(lines(), f"kunker-{slug}.csv")


@router.api_route("/history", methods=["GET", "HEAD"], include_in_schema=False)
@router.api_route("/history.json", methods=["GET", "HEAD"], include_in_schema=False)
def history_redirect(request: Request) -> Response:
    """The history form's target: on to the institution's page (or its JSON)."""
    name = params.text(request, "institution")
    if name is None:
        raise KunkerError("institution: give an institution's name, e.g. DPRD Provinsi Bali")
    target = records.institution_url(name) + (JSON_SUFFIX if wants_json(request) else "")
    return RedirectResponse(target, status_code=303)
