"""The log of an unattended run (``kunker update``): everything at INFO into one file, and on
the terminal only what the user asked for (``--quiet``: errors only, so cron mails nothing
when all went well)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# the shape of Scrapy's own lines, which the crawl appends to the same file
LOG_FORMAT = "%(asctime)s [%(name)s] %(levelname)s: %(message)s"
DATE_FORMAT = "%Y-%m-%d %H:%M:%S"


@contextmanager
def run_log(path: Path, *, quiet: bool) -> Iterator[None]:
    """Append this process's log records to ``path`` for the duration of the block."""
    path.parent.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    file_handler = logging.FileHandler(path, encoding="utf-8")
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
    try:
        yield
    finally:
        root.removeHandler(file_handler)
        file_handler.close()
        root.setLevel(saved_root_level)
        for handler, level in saved_levels.items():
            handler.setLevel(level)
