"""Every page has a JSON twin (datasette's convention): ``/path`` is HTML, ``/path.json`` the
same data as JSON. A view builds one JSON-ready dict; the HTML template renders that very
dict, so the two cannot drift apart.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

JSON_SUFFIX = ".json"
JSON_MEDIA_TYPE = "application/json"
# JSON echoes what was typed (a query may hold "<script>"): browsers must not guess HTML.
NO_SNIFF = {"X-Content-Type-Options": "nosniff"}

View = Callable[..., Response]


def twin(router: APIRouter, path: str) -> Callable[[View], View]:
    """Register a GET view on ``path`` and on ``path.json`` (the JSON twin first: a path
    parameter would otherwise swallow the suffix, ``/events/5.json`` as event "5.json")."""

    def register(view: View) -> View:
        for route in (path + JSON_SUFFIX, path):
            router.add_api_route(route, view, methods=["GET", "HEAD"], include_in_schema=False)
        return view

    return register


def wants_json(request: Request) -> bool:
    return request.url.path.endswith(JSON_SUFFIX)


def html_path(request: Request) -> str:
    path = request.url.path
    return path[: -len(JSON_SUFFIX)] if path.endswith(JSON_SUFFIX) else path


def json_path(request: Request) -> str:
    path = html_path(request)
    return path + JSON_SUFFIX if path != "/" else "/" + JSON_SUFFIX


def with_query(path: str, params: dict[str, Any]) -> str:
    """``path?a=1&b=2`` without the empty values (the filter form sends every field)."""
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{path}?{urlencode(kept)}" if kept else path


def page_link(request: Request, **changes: Any) -> str:
    """This page (HTML or JSON, as requested) with some query parameters changed."""
    params: dict[str, Any] = dict(request.query_params)
    params.update(changes)
    return with_query(request.url.path, params)


def _json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, default=_json_default, indent=2)


def form_choices() -> dict[str, tuple[str, ...]]:
    """The values the filter form offers in its drop-down lists."""
    from kunker.resolve import SIDES
    from kunker.web.params import SEARCH_ORDERS
    from nlp.records import EVENT_KINDS, TOPIC_CATEGORIES
    from storage.stats import STAT_KEYS

    return {"kind": EVENT_KINDS, "topic": TOPIC_CATEGORIES, "side": SIDES,
            "stat": STAT_KEYS, "order": SEARCH_ORDERS}


@lru_cache(maxsize=1)
def templates() -> Environment:
    from kunker.web import highlight, records

    env = Environment(
        loader=PackageLoader("kunker.web", "templates"),
        autoescape=select_autoescape(["html"], default=True),
        undefined=StrictUndefined,  # a typo in a template fails the tests, not silently
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(highlight.FILTERS)
    env.filters["institution_url"] = records.institution_url
    env.globals["choices"] = form_choices()
    return env


def respond(request: Request, template: str, data: dict[str, Any], status: int = 200) -> Response:
    """``data`` as JSON for a ``.json`` path, else rendered by ``template``."""
    if wants_json(request):
        return Response(to_json(data), status_code=status, media_type=JSON_MEDIA_TYPE,
                        headers=NO_SNIFF)
    query = request.url.query
    context = {
        **data,
        "json_url": json_path(request) + (f"?{query}" if query else ""),
    }
    return HTMLResponse(templates().get_template(template).render(context), status_code=status,
                        headers=NO_SNIFF)
