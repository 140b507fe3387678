"""The operator's overview, shared by ``kunker status`` and the web app's ``/status``: the
last update runs, the database (where, schema, size, counts) and each outlet's recent
articles. One JSON-ready dict, so the command's ``--json`` and the page's twin agree."""

from __future__ import annotations

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


def collect_status(session: Session, engine: Engine) -> dict[str, Any]:
    from storage.migrate import schema_status
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
    return {
        "database": {"url": schema.url, "schema": schema.current, "size_bytes": size,
                     "size": human_size(size)},
        "counts": database_counts(session).to_dict(),
        "last_update": runs[0] if runs else None,
        "recent_updates": runs,
        "recent_days": RECENT_DAYS,
        "outlets": outlets,
        "quiet_outlets": quiet,
    }
