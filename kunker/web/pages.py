"""Every page has a JSON twin (datasette's convention): ``/path`` is HTML, ``/path.json`` the
same data as JSON. A view builds one JSON-ready dict; the HTML template renders that very
dict, so the two cannot drift apart.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import date
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

JSON_SUFFIX = ".json"
JSON_MEDIA_TYPE = "application/json"
# JSON echoes what was typed (a query may hold "<script>"): browsers must not guess HTML.
NO_SNIFF = {"X-Content-Type-Options": "nosniff"}
# The pages load only the site's own stylesheet and run no script: a value that slipped past
# escaping could still not run, and no other site may frame a page or learn its query from
# the Referer.
PAGE_HEADERS = {
    **NO_SNIFF,
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; "
                               "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}

View = Callable[..., Response]


# Query parameters the pages share, for the OpenAPI description of their JSON twins
# (the views read them from the request themselves, to answer a bad one with one line).
PARAMETERS: dict[str, str] = {
    "institution": 'Visitor or host institution; aliases work ("DPRD Bali").',
    "side": "With institution/region: visitor or host (default: either).",
    "region": 'Region of either side, or where the visit was held ("Sumbar", "Kota '
              'Padang", "13.71"); a province includes its kabupaten/kota.',
    "from": "Visits on or after this date (YYYY-MM-DD, YYYY-MM or YYYY).",
    "to": "Visits on or before this date (YYYY-MM-DD, YYYY-MM or YYYY).",
    "kind": "kunjungan_kerja, studi_banding, konsultasi or audiensi.",
    "topic": "A topic category (see /stats?by=topic).",
    "person": "Part of a participant's name.",
    "page": "Page number, from 1.",
    "limit": "Items per page.",
    "q": "Words to find (all must appear); any text is safe.",
    "order": "Articles: newest or relevance.",
    "by": "What to count by: month, destination, visitor, kind, topic, visitor_province, "
          "host_province, outlet, pair.",
}
FILTERS = ("institution", "side", "region", "from", "to", "kind", "topic", "person")
CSV_SUFFIX = ".csv"
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"


def openapi_extra(parameters: tuple[str, ...], path_parameter: str | None = None,
                  media_type: str = JSON_MEDIA_TYPE) -> dict[str, Any]:
    described = [{"name": name, "in": "query", "required": False,
                  "schema": {"type": "string"}, "description": PARAMETERS[name]}
                 for name in parameters]
    if path_parameter:
        described.insert(0, {"name": path_parameter, "in": "path", "required": True,
                             "schema": {"type": "string"}})
    return {"parameters": described,
            "responses": {"200": {"description": "OK", "content": {media_type: {}}},
                          "400": {"description": "A bad parameter: {ok, status, error}"},
                          "404": {"description": "No such page, event or institution"},
                          "503": {"description": "The database is not ready"}}}


def twin(router: APIRouter, path: str, parameters: tuple[str, ...] = (),
         csv: bool = False) -> Callable[[View], View]:
    """Register a GET view on ``path`` and on ``path.json`` (the JSON twin first: a path
    parameter would otherwise swallow the suffix, ``/events/5.json`` as event "5.json"),
    and with ``csv`` on ``path.csv``. The twins are described in /openapi.json."""
    path_parameter = path.split("{", 1)[1].split("}")[0].split(":")[0] if "{" in path else None

    def register(view: View) -> View:
        summary = (view.__doc__ or "").strip().splitlines()[0] if view.__doc__ else None
        suffixes = [(JSON_SUFFIX, JSON_MEDIA_TYPE)]
        if csv:
            suffixes.insert(0, (CSV_SUFFIX, CSV_MEDIA_TYPE))
        for suffix, media_type in suffixes:
            route = path.rstrip("/") + suffix if path != "/" else "/" + suffix
            router.add_api_route(
                route, view, methods=["GET"], summary=summary, response_class=Response,
                include_in_schema=path != "/",  # "/.json" is "/events.json" again
                openapi_extra=openapi_extra(parameters, path_parameter, media_type))
            router.add_api_route(route, view, methods=["HEAD"], include_in_schema=False)
        router.add_api_route(path, view, methods=["GET", "HEAD"], include_in_schema=False)
        return view

    return register


def wants_json(request: Request) -> bool:
    return request.url.path.endswith(JSON_SUFFIX)


def wants_csv(request: Request) -> bool:
    return request.url.path.endswith(CSV_SUFFIX)


def html_path(request: Request) -> str:
    path = request.url.path
    for suffix in (JSON_SUFFIX, CSV_SUFFIX):
        if path.endswith(suffix):
            return path[: -len(suffix)] or "/"
    return path


def json_path(request: Request) -> str:
    path = html_path(request)
    return path + JSON_SUFFIX if path != "/" else "/" + JSON_SUFFIX


def twin_url(request: Request, suffix: str) -> str:
    """This page's ``suffix`` twin (".csv", ".json") with the same query."""
    path = html_path(request)
    path = path + suffix if path != "/" else "/events" + suffix
    query = request.url.query
    return path + (f"?{query}" if query else "")


def csv_response(lines: Iterable[str], filename: str) -> Response:
    """A CSV download streamed as it is written (no cap: memory stays flat)."""
    return StreamingResponse(
        iter(lines), media_type=CSV_MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{filename}"', **NO_SNIFF})


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


STAT_LABELS = {"month": "month", "destination": "destination", "visitor": "visitor",
               "kind": "kind", "topic": "topic category", "visitor_province": "visitor's province",
               "host_province": "host's province", "outlet": "outlet",
               "pair": "visitor → destination"}


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
    env.globals["stat_labels"] = STAT_LABELS
    return env


def respond(request: Request, template: str, data: dict[str, Any], status: int = 200,
            html_only: dict[str, Any] | None = None) -> Response:
    """``data`` as JSON for a ``.json`` path, else rendered by ``template`` (with
    ``html_only`` too: charts and links that have no place in the JSON)."""
    if wants_json(request):
        return Response(to_json(data), status_code=status, media_type=JSON_MEDIA_TYPE,
                        headers=NO_SNIFF)
    query = request.url.query
    context = {
        **data,
        **(html_only or {}),
        "json_url": json_path(request) + (f"?{query}" if query else ""),
    }
    return HTMLResponse(templates().get_template(template).render(context), status_code=status,
                        headers=PAGE_HEADERS)
