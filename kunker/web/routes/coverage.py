"""``/coverage``: per province, the sources configured, articles stored and visits found, and
the sources that went quiet or broke (``kunker stats --coverage``, ``kunker sources health``)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from kunker.web.pages import respond, twin

router = APIRouter()
PROBLEMS = ("broken", "degraded", "quiet")


@twin(router, "/coverage")
def coverage_page(request: Request) -> Response:
    from crawler.sources import load_sources
    from kunker.config import load_settings
    from kunker.coverage import coverage
    from storage.source_health import source_health

    path = str(load_settings().sources_file)
    sources = load_sources(path)
    with request.app.state.database.session() as session:
        rows = coverage(session, sources, path)
        health = source_health(session, [s.name for s in sources])
    counts = {status: sum(h.status == status for h in health)
              for status in ("ok", *PROBLEMS, "never crawled")}
    data = {
        "sources_file": path,
        "provinces": [row.to_dict() for row in rows],
        "health_counts": counts,
        "problems": [h.to_dict() for h in health if h.status in PROBLEMS],
    }
    return respond(request, "coverage.html", data)
