"""The log of an unattended run (``kunker update``): everything at INFO into one file, and on
the terminal only what the user asked for (``--quiet``: errors only, so cron mails nothing
when all went well)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from logging.handlers import RotatingFileHandler
from pathlib import Path

# the shape of Scrapy's own lines, which the crawl appends to the same file
LOG_FORMAT = "%(asctime)s [%(name)s] %(levelname)s: %(message)s"
DATE_FORMAT = "%Y-%m-%d %H:%M:%S"
# A run every half hour for months: the file is rotated at this size, keeping this many old
# ones (update.log.1 ... .5), so the logs never take more than ~6 MB.
MAX_LOG_BYTES = 1_000_000
LOG_BACKUPS = 5
# Loggers whose INFO lines say nothing an operator acts on (alembic's "context impl
# SQLiteImpl", "will assume transactional DDL" on every run): warnings only.
QUIET_LOGGERS = ("alembic", "alembic.runtime.migration")


@contextmanager
def run_log(path: Path, *, quiet: bool) -> Iterator[None]:
    """Append this process's log records to ``path`` for the duration of the block."""
    path.parent.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    file_handler = RotatingFileHandler(path, maxBytes=MAX_LOG_BYTES, backupCount=LOG_BACKUPS,
                                       encoding="utf-8")
    file_handler.setFormatter(logging.Formatter(LOG_FORMAT, DATE_FORMAT))
    file_handler.setLevel(logging.INFO)
    saved_root_level = root.level
    terminal_level = root.getEffectiveLevel()  # WARNING, or DEBUG with --debug
    if quiet and terminal_level > logging.DEBUG:
        terminal_level = logging.ERROR
    saved_levels = {}
    for handler in root.handlers:
        if isinstance(handler, logging.StreamHandler) and not isinstance(
            handler, logging.FileHandler
        ):
            saved_levels[handler] = handler.level
            handler.setLevel(max(handler.level, terminal_level))
    root.addHandler(file_handler)
    root.setLevel(min(saved_root_level or logging.WARNING, logging.INFO))
    quiet_levels = {name: logging.getLogger(name).level for name in QUIET_LOGGERS}
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    try:
        yield
    finally:
        root.removeHandler(file_handler)
        file_handler.close()
        root.setLevel(saved_root_level)
        for name, level in quiet_levels.items():
            logging.getLogger(name).setLevel(level)
        for handler, level in saved_levels.items():
            handler.setLevel(level)
