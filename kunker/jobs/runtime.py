"""What a worker process opens once and every job it runs uses: the settings, the database
engine, the crawl settings, the sources, the attempt log.

Settings are read once, when the worker starts (as every kunker command does); jobs find
the runtime in their context (``runtime_of``).
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from crawler.sources import Source
    from kunker.config import Settings
    from kunker.jobs.attempts import AttemptLog

CONTEXT_KEY = "kunker"
STALLED_AFTER_S = 30.0  # procrastinate's default: a worker silent this long is gone


@dataclass(slots=True)
class JobRuntime:
    settings: Settings
    url: str
    engine: Engine
    crawl_settings: dict[str, str]
    log_path: Path | None = None
    no_stanza: bool = False
    stalled_after: float = STALLED_AFTER_S
    attempts: AttemptLog | None = None
    _sources: list[Source] | None = field(default=None, repr=False)
    _sources_stamp: int | None = field(default=None, repr=False)

    @classmethod
    def open(
        cls, settings: Settings, *, set_: list[str] | None = None, no_stanza: bool = False,
        log_path: Path | None = None, stalled_after: float = STALLED_AFTER_S,
    ) -> JobRuntime:
        """Open the configured PostgreSQL database (current schema, queue installed)."""
        from kunker.cli.database import database_url
        from kunker.cli.pipeline_commands import _crawl_overrides
        from kunker.jobs.attempts import AttemptLog
        from kunker.jobs.schema import open_queue_database

        url = database_url(settings)
        engine = open_queue_database(url)
        return cls(
            settings=settings, url=url, engine=engine,
            crawl_settings=_crawl_overrides(settings, list(set_ or [])), log_path=log_path,
            no_stanza=no_stanza or settings.no_stanza, stalled_after=stalled_after,
            attempts=AttemptLog(engine, worker_label()),
        )

    def sources(self) -> list[Source]:
        """The configured sources (every machine must share the file), read again when the
        file changed: a long-running worker crawls a source added after it started."""
        from crawler.sources import load_sources

        path = self.settings.sources_file
        stamp = path.stat().st_mtime_ns if path.is_file() else None
        if self._sources is None or stamp != self._sources_stamp:
            self._sources = load_sources(path)
            self._sources_stamp = stamp
        return self._sources

    def source(self, name: str) -> Source:
        from crawler.sources import find_source

        return find_source(self.sources(), name, self.settings.sources_file)

    def close(self) -> None:
        self.engine.dispose()


def worker_label() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def runtime_of(context: Any) -> JobRuntime:
    """The runtime a worker put in its jobs' context (``additional_context``)."""
    return context.additional_context[CONTEXT_KEY]
