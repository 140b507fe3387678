"""The operator's overview, shared by ``kunker status`` and the web app's ``/status``: the
last update runs, the database (where, schema, size, counts), each outlet's recent
articles, and the health of each configured source that has been crawled (last success,
new articles in 7 days, last error; ``storage.source_health``). One JSON-ready dict, so
the command's ``--json`` and the page's twin agree."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

RECENT_RUNS = 5
UNITS = ("B", "KB", "MB", "GB", "TB")


def human_size(size: int | None) -> str:
    if size is None:
        return "unknown"
    value = float(size)
    for unit in UNITS:
        if value < 1024 or unit == UNITS[-1]:
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def collect_status(session: Session, engine: Engine, source_names: Sequence[str] = ()
                   ) -> dict[str, Any]:
    """``source_names``: the configured sources, whose health is reported."""
    from storage.migrate import schema_status
    from storage.source_health import source_health
    from storage.status import (
        RECENT_DAYS,
        database_counts,
        database_size,
        last_update_runs,
        outlet_activity,
    )

    runs = [run.to_dict() for run in last_update_runs(session, RECENT_RUNS)]
    size = database_size(engine)
    schema = schema_status(engine)
    outlets = [o.to_dict() for o in outlet_activity(session)]
    quiet = [o["outlet"] for o in outlets if not o[f"fetched_last_{RECENT_DAYS}_days"]]
    health = source_health(session, list(source_names)) if source_names else []
    crawled = [h for h in health if h.last_run is not None]
    return {
        "database": {"url": schema.url, "schema": schema.current, "size_bytes": size,
                     "size": human_size(size)},
        "counts": database_counts(session).to_dict(),
        "last_update": runs[0] if runs else None,
        "recent_updates": runs,
        "recent_days": RECENT_DAYS,
        "outlets": outlets,
        "quiet_outlets": quiet,
        # problems first, then by name; sources never crawled are only counted
        "sources": [h.to_dict() for h in sorted(
            crawled, key=lambda h: (h.status == "ok", h.source))],
        "sources_never_crawled": len(health) - len(crawled),
    }


def configured_source_names() -> list[str]:
    """The sources file's names; none when it cannot be read (``kunker sources list`` says
    why), so the rest of the status still shows."""
    from crawler.sources import SourcesConfigError
    from kunker.cli.sources import configured

    try:
        sources, _ = configured()
    except (SourcesConfigError, OSError):
        return []
    return [s.name for s in sources]
