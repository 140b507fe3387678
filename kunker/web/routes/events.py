"""``/``: the latest events with the filter form; ``/events/{id}``: one event in full."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from kunker.web import params, records
from kunker.web.errors import NotFoundError
from kunker.web.pages import page_link, respond, twin

router = APIRouter()


MAX_EVENT_ID = 2**63 - 1  # larger ids overflow the database's integer, and cannot exist


@twin(router, "/")
@twin(router, "/events")
def latest_events(request: Request) -> Response:
    """Events newest first, ``limit`` per page, filtered like ``kunker events``."""
    from storage import count_events, list_events

    page = params.whole_number(request, "page", 1, params.MAX_PAGE)
    limit = params.whole_number(request, "limit", params.DEFAULT_LIMIT, params.MAX_LIMIT)
    args = params.filter_args(request)
    with request.app.state.database.session() as session:
        built = params.filters(session, args)
        total = count_events(session, built.flt)
        found = list_events(session, built.flt, limit=limit, offset=(page - 1) * limit)
    pages = max(1, -(-total // limit))
    data = {
        **params.filter_data(args, built),
        "total": total,
        "page": page,
        "pages": pages,
        "limit": limit,
        "first": (page - 1) * limit + 1 if found else 0,
        "events": [records.summary(event) for event in found],
        "next_url": page_link(request, page=page + 1) if page < pages else None,
        "previous_url": page_link(request, page=page - 1) if page > 1 else None,
    }
    return respond(request, "events.html", data)


@twin(router, "/events/{event_id}")
def event_page(request: Request, event_id: str) -> Response:
    """Every field, the people, every source and the evidence sentences of one event."""
    from storage import get_event

    if not event_id.isdigit() or int(event_id) > MAX_EVENT_ID:
        raise NotFoundError(f"event id {event_id!r}: ids are whole numbers, as in the list "
                            "of events")
    with request.app.state.database.session() as session:
        found = get_event(session, int(event_id))
    if found is None:
        raise NotFoundError(f"no event with id {int(event_id)}")
    return respond(request, "event.html", records.detail(found))
