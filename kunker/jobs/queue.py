"""The procrastinate app over kunker's PostgreSQL database, and what the queue needs first.

The queue lives in the same PostgreSQL database as the articles and events, so there is no
other server to run. procrastinate is imported only when a queue command runs: the
embedded SQLite setup needs none of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from kunker.errors import KunkerError

if TYPE_CHECKING:
    from procrastinate import App

    from crawler.sources import Source

NAMESPACE = "kunker"  # task names are "kunker:<kind>"
CRAWL_QUEUE = "crawl"
EXTRACT_QUEUE = "extract"
MAINTENANCE_QUEUE = "maintenance"
QUEUES = (CRAWL_QUEUE, EXTRACT_QUEUE, MAINTENANCE_QUEUE)
# The jobs a user asks for, by kind (task names carry the namespace: "kunker:crawl_source").
CRAWL_SOURCE = "crawl_source"
EXTRACT_BATCH = "extract_batch"
REPROCESS_BATCH = "reprocess_batch"
UPDATE = "update"
RETRY_STALLED = "retry_stalled_jobs"
PRUNE_JOBS = "prune_jobs"
JOB_KINDS = (CRAWL_SOURCE, EXTRACT_BATCH, REPROCESS_BATCH, UPDATE, RETRY_STALLED, PRUNE_JOBS)
# A worker's pool: one job at a time needs a connection for fetching and one for deferring.
POOL_MIN_SIZE = 1
POOL_MAX_SIZE = 3
GDELT_HOST = "api.gdeltproject.org"
INSTALL_HINT = "install the PostgreSQL extra: pip install 'kunker[postgres]'"
SQLITE_HINT = (
    "the job queue needs PostgreSQL: set KUNKER_DATABASE_URL to a postgresql+psycopg://... "
    "URL and run `kunker db upgrade`; with SQLite, run the same work in one process "
    "without --queue"
)


def task_name(kind: str) -> str:
    return f"{NAMESPACE}:{kind}"


def kind_of(name: str) -> str:
    """``kunker:crawl_source`` -> ``crawl_source`` (other names are kept as they are)."""
    prefix = f"{NAMESPACE}:"
    return name[len(prefix):] if name.startswith(prefix) else name


def require_postgres(url: str) -> None:
    """Raise a one-line ``KunkerError`` unless ``url`` is a PostgreSQL database."""
    from storage.db import normalise_url

    if normalise_url(url).get_backend_name() != "postgresql":
        raise KunkerError(SQLITE_HINT)


def libpq_url(url: str) -> str:
    """The SQLAlchemy URL as the ``postgresql://`` conninfo psycopg's pool takes."""
    from storage.db import normalise_url

    return normalise_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def procrastinate() -> Any:
    """The procrastinate module, or a one-line error saying how to install it."""
    try:
        import procrastinate as module
    except ImportError as exc:
        raise KunkerError(f"the job queue needs procrastinate ({exc}): {INSTALL_HINT}") from exc
    return module


def make_app(url: str, connector: Any | None = None) -> App:
    """The app with kunker's jobs registered, on ``url`` (or on ``connector``: tests pass
    procrastinate's ``InMemoryConnector``). Open it before deferring or running a worker."""
    module = procrastinate()
    from kunker.jobs.tasks import register_jobs

    if connector is None:
        require_postgres(url)
        connector = module.PsycopgConnector(
            conninfo=libpq_url(url), min_size=POOL_MIN_SIZE, max_size=POOL_MAX_SIZE
        )
    app = module.App(connector=connector)
    register_jobs(app)
    return app


def host_of(source: Source) -> str:
    """The host a source is fetched from: crawl jobs of one host run one at a time, so
    several workers never add up to more than one crawl's politeness towards an outlet
    (GDELT entries all ask one API, whose rate limit is per client)."""
    if source.is_gdelt:
        return GDELT_HOST
    for url in source.start_urls:
        netloc = urlsplit(url).netloc.lower()
        if netloc:
            return netloc
    return source.allowed_domains[0] if source.allowed_domains else source.name
