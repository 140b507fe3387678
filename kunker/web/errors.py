"""Library exceptions -> HTTP errors with one-line messages, as a page or JSON (by path).

- ``KunkerError`` (a bad parameter, an unknown or ambiguous name): 400; an ambiguous name
  lists its candidates as links.
- ``NotFoundError`` (no such event or institution) and unknown paths: 404.
- ``SchemaOutdatedError`` (empty or older database): 503 saying to run ``kunker db upgrade``.
- A database that cannot be reached: 503. Anything else: 500, logged, no traceback shown.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException

from kunker.errors import KunkerError
from kunker.resolve import AmbiguousNameError
from kunker.web.pages import page_link, respond
from kunker.web.records import institution_url
from storage import SchemaOutdatedError

logger = logging.getLogger(__name__)

TITLES = {400: "Bad request", 404: "Not found", 405: "Method not allowed",
          500: "Internal error", 503: "Database unavailable"}


class NotFoundError(KunkerError):
    """No event or institution of that id or name (404)."""


# Library messages are written for the command line; a web user gets the page to open
# instead of the command to type. (The 503's `kunker db upgrade` stays: it is addressed to
# whoever runs the site, and the page says so.)
WEB_WORDING = (
    ("list names with `kunker stats --by visitor`",
     "see the visiting bodies on /stats?by=visitor"),
    ("find ids with `kunker events`", "find ids in the list of visits"),
    ("(see `kunker events --help`)", ""),
)


def for_web(message: str) -> str:
    for cli, web in WEB_WORDING:
        message = message.replace(cli, web)
    return message.strip()


def error_response(request: Request, status: int, message: str,
                   candidates: list[dict[str, str]] | None = None) -> Response:
    message = for_web(message)
    # datasette's error shape: {"ok": false, "error": ..., "status": ...}
    data: dict[str, Any] = {"ok": False, "status": status, "title": TITLES.get(status, "Error"),
                            "error": message, "candidates": candidates or []}
    return respond(request, "error.html", data, status=status)


def _candidate_links(request: Request, exc: AmbiguousNameError) -> list[dict[str, str]]:
    on_page = request.url.path.startswith("/institutions/")
    links = []
    for value, label in exc.candidates:
        url = (institution_url(value) if on_page
               else page_link(request, **{exc.label: value, "page": None}))
        links.append({"value": value, "label": label, "url": url})
    return links


async def _kunker_error(request: Request, exc: Exception) -> Response:
    if isinstance(exc, NotFoundError):
        return error_response(request, 404, str(exc))
    if isinstance(exc, AmbiguousNameError):
        return error_response(request, 400, str(exc), _candidate_links(request, exc))
    return error_response(request, 400, str(exc))


async def _schema_error(request: Request, exc: Exception) -> Response:
    return error_response(request, 503, str(exc))


async def _unreachable(request: Request, exc: Exception) -> Response:
    logger.warning("database error on %s: %s", request.url.path, exc)
    url = request.app.state.database.url
    reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
    return error_response(request, 503, f"the database at {url} cannot be read: {reason}")


async def _http_error(request: Request, exc: HTTPException) -> Response:
    message = (f"no page at {request.url.path}" if exc.status_code == 404
               else str(exc.detail))
    return error_response(request, exc.status_code, message)


async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
    problems = "; ".join(
        f"{'.'.join(str(p) for p in error.get('loc', ()))}: {error.get('msg')}"
        for error in exc.errors()
    )
    return error_response(request, 400, problems or "bad request")


async def _unexpected(request: Request, exc: Exception) -> Response:
    logger.exception("error on %s", request.url.path)
    return error_response(request, 500, f"{type(exc).__name__}: something went wrong on this "
                          "page; the server log has the details")


def install(app: FastAPI) -> None:
    app.add_exception_handler(KunkerError, _kunker_error)
    app.add_exception_handler(SchemaOutdatedError, _schema_error)
    app.add_exception_handler(OperationalError, _unreachable)
    app.add_exception_handler(HTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unexpected)
