"""``/status``: what an operator checks: the last update runs, the database's size and
counts, and what each outlet delivered lately."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from kunker.web.pages import respond, twin

router = APIRouter()


@twin(router, "/status")
def status_page(request: Request) -> Response:
    """The last update runs, database size and counts, and each outlet's recent articles."""
    from kunker.status import collect_status, configured_source_names

    database = request.app.state.database
    with database.session() as session:
        report = collect_status(session, database.engine, configured_source_names())
    return respond(request, "status.html", report)
