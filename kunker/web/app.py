"""The read-only web app: ``create_app(database_url)`` for uvicorn (``kunker serve``) or tests.

One engine per app (built here, disposed of at shutdown), one session per request (opened
by each view around its queries, closed before the page renders).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import lru_cache
from importlib.resources import files

from fastapi import FastAPI
from fastapi.responses import Response
from fastapi_offline import FastAPIOffline

from kunker import __version__
from kunker.web import errors
from kunker.web.database import WebDatabase
from kunker.web.routes import coverage, events, feed, institutions, search, stats, status

CSS_MAX_AGE = 3600  # seconds browsers may keep the stylesheet
API_DESCRIPTION = (
    "Legislative visits found in Indonesian news. Every page of the site has a JSON twin "
    "(the same path with `.json`); lists and statistics also have a CSV twin (`.csv`, every "
    "matching row, streamed) and `/feed.atom` follows any filter or search. Errors are JSON "
    "`{ok: false, status, error}` with the HTTP status (400 bad parameter, 404 unknown, "
    "503 database not ready)."
)


@lru_cache(maxsize=1)
def _stylesheet() -> bytes:
    return files("kunker.web").joinpath("static", "style.css").read_bytes()


def create_app(database_url: str | None = None) -> FastAPI:
    """The app over the database at ``database_url`` (default: the configured one).

    Nothing connects yet: a database that is missing its schema answers every page with 503
    and a line saying to run ``kunker db upgrade``, and recovers once that has run.
    """
    if database_url is None:
        from kunker.config import load_settings

        database_url = load_settings().database_url
    database = WebDatabase(database_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        database.dispose()

    # The JSON, CSV and Atom twins of the pages are described at /openapi.json and browsable
    # at /docs, whose Swagger UI files come from the fastapi-offline package (no CDN).
    app = FastAPIOffline(
        title="kunker", version=__version__, lifespan=lifespan, redoc_url=None,
        description=API_DESCRIPTION, static_url="/static/docs",
        favicon_url="/static/style.css",  # no favicon fetch from anywhere else
    )
    app.state.database = database
    errors.install(app)
    for module in (stats, events, institutions, search, feed, status, coverage):
        app.include_router(module.router)

    @app.api_route("/static/style.css", methods=["GET", "HEAD"], include_in_schema=False)
    def stylesheet() -> Response:
        return Response(_stylesheet(), media_type="text/css",
                        headers={"Cache-Control": f"max-age={CSS_MAX_AGE}"})

    return app
