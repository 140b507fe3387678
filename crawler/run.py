"""Run a crawl from Python: ``run_crawl(sources, sink_target) -> CrawlSummary``.

Scrapy runs on the Twisted reactor, which cannot be restarted in a process; so each crawl
runs in a fresh child process (multiprocessing "spawn": no forked copies of the caller's
database connections or threads). The child sends progress events and, at the end, the
summary back through a queue. ``run_crawl`` can therefore be called any number of times from
one process: the CLI, ``kunker update``, the demo and the tests.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import queue
import sys
import threading
import traceback
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from crawler.errors import CrawlerError
from crawler.sources import Source
from crawler.summary import CrawlSummary

logger = logging.getLogger(__name__)

_MAIN_LOCK = threading.Lock()
POLL_SECONDS = 0.2
CHILD_EXIT_GRACE_SECONDS = 10.0
# Settings that make a crawl of a local site fast: tests and the demo.
LOCAL_SITE_SETTINGS: dict[str, Any] = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "DOWNLOAD_DELAY_JITTER": 0,
    "RETRY_BACKOFF_BASE": 0,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
}


@dataclass(frozen=True, slots=True)
class ProgressEvent:
    event: str  # "fetched" or "error"
    source: str
    url: str


def run_crawl(
    sources: Sequence[Source],
    sink_target: str,
    since: date | datetime | str | None = None,
    *,
    settings: Mapping[str, Any] | None = None,
    log_file: Path | str | None = None,
    max_articles: int | None = None,
    keep_samples: bool = False,
    http_cache: bool = False,
    on_progress: Callable[[ProgressEvent], None] | None = None,
    timeout: float | None = None,
) -> CrawlSummary:
    """Crawl ``sources`` into ``sink_target`` (``jsonl:PATH``, ``null:`` or a database URL).

    ``since`` skips articles older than it and stops paging listing pages that are older;
    ``settings`` override ``crawler.settings`` (e.g. ``{"DOWNLOAD_TIMEOUT": 2}``);
    ``log_file`` receives Scrapy's log at INFO (otherwise warnings go to stderr);
    ``max_articles`` caps the articles fetched per source; ``keep_samples`` puts the first
    extracted article of each source into ``summary.samples`` (``kunker sources check``).
    Raises ``CrawlerError`` when the crawl cannot run at all (bad sink, child died).
    """
    if not sources:
        raise CrawlerError("nothing to crawl: no sources given")
    overrides = dict(settings or {})
    overrides["KUNKER_SINK"] = sink_target
    if http_cache:
        overrides["HTTPCACHE_ENABLED"] = True
    job = {
        "sources": list(sources),
        "since": since.isoformat() if isinstance(since, date | datetime) else since,
        "settings": overrides,
        "log_file": str(log_file) if log_file else None,
        "max_articles": max_articles,
        "keep_samples": keep_samples,
        # a pickled message per page is work for nobody when no one listens
        "progress": on_progress is not None,
    }
    context = multiprocessing.get_context("spawn")
    messages: multiprocessing.Queue[tuple[str, Any]] = context.Queue()
    process = context.Process(target=_child, args=(job, messages), name="kunker-crawl")
    with _main_module_hidden():
        process.start()
    try:
        result = _wait(process, messages, on_progress, timeout)
    except BaseException:
        if process.is_alive():
            process.terminate()
        process.join(CHILD_EXIT_GRACE_SECONDS)
        raise
    process.join(CHILD_EXIT_GRACE_SECONDS)
    summary = CrawlSummary.from_dict(result)
    summary.log_file = job["log_file"]
    return summary


@contextlib.contextmanager
def _main_module_hidden() -> Iterator[None]:
    """Keep "spawn" from re-running the caller's main script in the child.

    The child needs only ``crawler.run._child``. Re-importing ``__main__`` there costs time
    (pytest, the CLI) and breaks outright for ``python -`` or a script without an
    ``if __name__ == "__main__"`` guard; multiprocessing skips it when ``__main__`` has
    neither ``__spec__`` nor ``__file__`` (as in the interactive interpreter).
    """
    main = sys.modules.get("__main__")
    if main is None:
        yield
        return
    saved = {key: main.__dict__[key] for key in ("__spec__", "__file__") if key in main.__dict__}
    with _MAIN_LOCK:
        try:
            main.__dict__.pop("__file__", None)
            main.__dict__["__spec__"] = None
            yield
        finally:
            main.__dict__.pop("__spec__", None)
            main.__dict__.update(saved)


def _wait(
    process: multiprocessing.process.BaseProcess,
    messages: multiprocessing.Queue[tuple[str, Any]],
    on_progress: Callable[[ProgressEvent], None] | None,
    timeout: float | None,
) -> dict[str, Any]:
    import time

    deadline = time.monotonic() + timeout if timeout else None
    while True:
        try:
            kind, payload = messages.get(timeout=POLL_SECONDS)
        except queue.Empty:
            if not process.is_alive():
                raise CrawlerError(
                    f"the crawl process exited with code {process.exitcode} before reporting; "
                    "run with --debug or read the crawl log"
                ) from None
            if deadline is not None and time.monotonic() > deadline:
                raise CrawlerError(f"the crawl did not finish within {timeout:.0f}s") from None
            continue
        if kind == "progress" and on_progress is not None:
            on_progress(ProgressEvent(*payload))
        elif kind == "result":
            return dict(payload)
        elif kind == "error":
            raise CrawlerError(str(payload))


def _child(job: dict[str, Any], messages: multiprocessing.Queue[tuple[str, Any]]) -> None:
    """Entry point of the crawl process."""
    try:
        summary = _crawl_here(job, messages)
    except CrawlerError as exc:
        messages.put(("error", str(exc)))
        return
    except Exception as exc:  # report anything else as one line; the log has the traceback
        _log_traceback(job.get("log_file"))
        if type(exc).__module__.split(".")[0] in {"crawler", "storage"}:
            message = str(exc)  # our own errors already say what to do
        else:
            message = f"crawl failed: {type(exc).__name__}: {exc}"
        messages.put(("error", message))
        return
    messages.put(("result", summary.to_dict()))


def _log_traceback(log_file: str | None) -> None:
    """The failure's traceback into the crawl log. Not through ``logging``: before Scrapy
    starts nothing handles it, and Python's fallback would print it on the terminal."""
    if not log_file:
        return
    with contextlib.suppress(OSError), open(log_file, "a", encoding="utf-8") as fh:
        fh.write(f"{datetime.now().isoformat()} crawl failed:\n{traceback.format_exc()}")


def _crawl_here(
    job: dict[str, Any], messages: multiprocessing.Queue[tuple[str, Any]]
) -> CrawlSummary:
    from scrapy.crawler import AsyncCrawlerProcess
    from scrapy.settings import Settings

    from crawler import settings as default_settings
    from crawler.spiders.news import NewsSpider

    settings = Settings()
    settings.setmodule(default_settings, priority="project")
    log_file = job["log_file"]
    if log_file:
        Path(log_file).parent.mkdir(parents=True, exist_ok=True)
        settings.set("LOG_FILE", log_file, priority="cmdline")
        settings.set("LOG_LEVEL", "INFO", priority="cmdline")
    else:
        settings.set("LOG_LEVEL", "WARNING", priority="cmdline")
    for key, value in job["settings"].items():
        settings.set(key, value, priority="cmdline")
    # Open the sink here, before Scrapy starts, so a bad target (no database, schema not
    # upgraded) is one clear error instead of a traceback inside the crawl.
    from crawler.sink import open_sink

    sink = open_sink(str(settings.get("KUNKER_SINK")))
    try:
        sink.known_urls([])
    finally:
        sink.close()

    def progress(event: str, source: str, url: str) -> None:
        messages.put(("progress", (event, source, url)))

    process = AsyncCrawlerProcess(settings)
    wants_progress = job.get("progress", True)
    crawler = process.create_crawler(NewsSpider)
    process.crawl(
        crawler,
        sources=job["sources"],
        since=job["since"],
        max_articles=job["max_articles"],
        keep_samples=job["keep_samples"],
        progress=progress if wants_progress else None,
    )
    process.start()
    spider = crawler.spider
    if not isinstance(spider, NewsSpider):
        raise CrawlerError("the crawl did not start; see the crawl log")
    return spider.summary
