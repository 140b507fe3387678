"""The app's one engine and its per-request sessions.

The engine is built once per app and never at import time. The schema is checked before the
first session and, once found current, not again: a database that is empty or older answers
503 on every request until someone runs ``kunker db upgrade``, after which the running
server recovers without a restart.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

logger = logging.getLogger(__name__)


class WebDatabase:
    """Read sessions on ``url``; raises ``storage.SchemaOutdatedError`` while the schema is
    not current (the app turns it into a 503)."""

    def __init__(self, url: str) -> None:
        from storage import make_engine, session_factory

        self.engine: Engine = make_engine(url)
        self._sessions: sessionmaker[Session] = session_factory(self.engine)
        self._schema_ok = False

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def check_schema(self) -> None:
        from storage import check_schema

        if not self._schema_ok:
            check_schema(self.engine)
            # Benign race: two first requests may both check; both find the same answer.
            self._schema_ok = True

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session for one request, closed before the page is rendered."""
        self.check_schema()
        with self._sessions() as session:
            yield session

    def dispose(self) -> None:
        logger.debug("disposing of the engine for %s", self.url)
        self.engine.dispose()
