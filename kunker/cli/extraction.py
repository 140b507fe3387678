"""Extract stored articles and store their events: the loop behind extract, reprocess, update
and the demo.

Articles are extracted one at a time (``nlp``) and stored a small batch per transaction
(``storage.ingest_extractions``), so an interrupted run keeps all but the last batch and a
concurrent run never waits long. An article the extractor fails on is logged and counted,
not fatal: it stays queued and the next run tries it again.
"""

from __future__ import annotations

import hashlib
import io
import logging
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console

from kunker.cli.output import progress_bar

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

    from storage import ExtractionResult, PendingArticle

logger = logging.getLogger(__name__)
# ``articles_to_extract`` yields articles whose extractor version differs from the one it is
# given; no stored article has the empty version, so this selects every stored article.
EVERY_VERSION = ""
MAX_FAILURES_SHOWN = 5
# Extractions stored per transaction: one commit instead of fifty, and an interrupted run
# loses at most this many articles' extraction work (they stay queued for the next run).
STORE_BATCH = 50


@dataclass(slots=True)
class ExtractTotals:
    """What one extraction run did, summed over articles (see ``ExtractionResult``)."""

    articles: int = 0
    events_found: int = 0
    added: int = 0
    merged: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: int = 0
    failures: list[str] = field(default_factory=list)
    # ``nlp.extract.provenance`` of the annotator used (None when nothing was extracted)
    extracted_by: dict[str, str] | None = None

    def add(self, result: ExtractionResult, found: int) -> None:
        self.articles += 1
        self.events_found += found
        self.added += result.added
        self.merged += result.merged
        self.changed += result.changed
        self.unchanged += result.unchanged
        self.removed += result.removed

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles, "events_found": self.events_found,
            "events_added": self.added, "merged": self.merged, "changed": self.changed,
            "unchanged": self.unchanged, "removed": self.removed, "failed": self.failed,
        }  # fmt: skip


def choose_annotator(no_stanza: bool) -> Any:
    """The rules when asked (flag or ``KUNKER_NO_STANZA``), else Stanza when installed.

    Called only when an article needs it: loading Stanza takes seconds, and a cron run
    that found nothing new should not pay for it.
    """
    from kunker.config import load_settings
    from nlp.linguistic import RuleAnnotator, default_annotator

    settings = load_settings()
    if no_stanza or settings.no_stanza:
        return RuleAnnotator()
    return default_annotator(settings.stanza_dir, settings.torch_threads)


def choose_model() -> Any:
    """The configured decision model (``KUNKER_DECISION_MODEL``, the home's
    ``decision_model.json``), else the bundled one; a broken file is a one-line error."""
    from kunker.config import load_settings
    from kunker.errors import KunkerError
    from nlp.decision import load_model
    from nlp.errors import DecisionModelError

    try:
        return load_model(load_settings().decision_model)
    except DecisionModelError as exc:
        raise KunkerError(str(exc)) from exc


def extract_articles(
    engine: Engine,
    session: Session,
    pending: Iterable[PendingArticle],
    *,
    no_stanza: bool,
    total: int | None,
    label: str = "Extracting",
    limit: int | None = None,
    show_progress: bool = True,
) -> ExtractTotals:
    """Extract and store each of ``pending`` (read through ``session``); returns the totals.

    Extractions are stored ``STORE_BATCH`` articles per transaction
    (``storage.ingest_extractions``). ``session`` is the one ``pending`` streams from: its
    read transaction is closed after each article so a long run does not pin an old snapshot
    (SQLite's WAL could not be checkpointed meanwhile).
    """
    from nlp.extract import EXTRACTOR_VERSION, extract_events, provenance
    from storage import ingest_extractions

    totals = ExtractTotals()
    batch: list[tuple[int, list[Any]]] = []
    annotator: Any = None
    model: Any = None

    def store() -> None:
        results = ingest_extractions(engine, batch, EXTRACTOR_VERSION,
                                     extracted_by=totals.extracted_by)
        for (_, events), result in zip(batch, results, strict=True):
            totals.add(result, len(events))
        batch.clear()

    seen = 0
    # a console on a buffer is never a terminal: no bar (``update --quiet``)
    console = Console(stderr=True) if show_progress else Console(file=io.StringIO())
    with progress_bar(label, total, console=console) as advance:
        for article in pending:
            if limit is not None and seen >= limit:
                break
            seen += 1
            session.commit()
            if annotator is None:
                annotator = choose_annotator(no_stanza)
                model = choose_model()
                totals.extracted_by = provenance(annotator, model)
            try:
                events = extract_events(article.as_record(), annotator, model)
            except Exception as exc:  # one odd article must not stop a cron run
                _record_failure(totals, article, exc)
            else:
                batch.append((article.id, events))
                if len(batch) >= STORE_BATCH:
                    store()
            advance()
        if batch:
            store()
    return totals


def _record_failure(totals: ExtractTotals, article: PendingArticle, exc: Exception) -> None:
    totals.failed += 1
    reason = f"{type(exc).__name__}: {exc}"
    message = f"article {article.id} ({article.url}): extraction failed: {reason}"
    logger.warning("%s", message)
    logger.debug("traceback of the failure", exc_info=exc)
    if len(totals.failures) < MAX_FAILURES_SHOWN:
        totals.failures.append(message)


@contextmanager
def one_extraction_at_a_time(engine: Engine, say: bool = True) -> Iterator[None]:
    """Hold this machine's extraction lock for ``engine``'s database while extracting.

    Two runs streaming the same pending articles would both extract every one of them
    (correct, stored once, but double the work): the second waits for the first, then finds
    only what is left. Across machines the job queue (`kunker worker`) shares the work out.
    """
    from filelock import FileLock, Timeout

    key = hashlib.sha256(engine.url.render_as_string(hide_password=True).encode()).hexdigest()
    lock = FileLock(Path(tempfile.gettempdir()) / f"kunker-extract-{key[:16]}.lock")
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if say:
            logger.warning("another extraction of this database is running; waiting for it")
        lock.acquire()
    try:
        yield
    finally:
        lock.release()


def extract_pending(
    engine: Engine,
    *,
    no_stanza: bool = False,
    since: date | None = None,
    every_version: bool = False,
    limit: int | None = None,
    keep: Callable[[PendingArticle], bool] | None = None,
    label: str = "Extracting",
    show_progress: bool = True,
) -> ExtractTotals:
    """Extract the stored articles the current extractor has not seen (``every_version``:
    all stored articles), optionally only those published since ``since`` or passing
    ``keep``."""
    from nlp.extract import EXTRACTOR_VERSION
    from storage import articles_to_extract, count_articles_to_extract, session_factory

    version = EVERY_VERSION if every_version else EXTRACTOR_VERSION
    with one_extraction_at_a_time(engine, show_progress), session_factory(engine)() as session:
        total: int | None = count_articles_to_extract(session, version, since)
        if keep is not None:
            total = None  # unknown until filtered: a spinner instead of a bar
        elif limit is not None and total is not None:
            total = min(total, limit)
        pending: Iterable[PendingArticle] = articles_to_extract(session, version, since)
        if keep is not None:
            pending = (article for article in pending if keep(article))
        return extract_articles(
            engine, session, pending, no_stanza=no_stanza, total=total, label=label,
            limit=limit, show_progress=show_progress,
        )
