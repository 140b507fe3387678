"""Where the crawl pipeline puts articles: the contract between the crawler and storage.

The crawler only knows this protocol. ``DatabaseSink`` is the real one (SQLite or
PostgreSQL, through ``storage.article_sink``, handed storage's own ``ArticleRecord``);
``JsonlSink`` writes JSON lines for ad-hoc use and tests.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from crawler.errors import CrawlerError, StorageGoneError
from crawler.items import ArticleItem
from crawler.urls import canonical_url

if TYPE_CHECKING:
    from storage.records import ArticleRecord

StoreOutcome = Literal["new", "unchanged", "updated"]


class ArticleSink(Protocol):
    def known_urls(self, canonical_urls: Iterable[str]) -> set[str]:
        """The subset of ``canonical_urls`` already stored (relevant or only seen)."""
        ...

    def store(self, item: ArticleItem) -> StoreOutcome:
        """Store one article idempotently; an irrelevant item keeps no text."""
        ...

    def close(self) -> None: ...


JSONL_PREFIX = "jsonl:"
NULL_TARGET = "null:"


class JsonlSink:
    """Articles as JSON lines in one file: ad-hoc crawls and tests.

    The file is append-only; the latest line of a canonical URL wins. ``known_urls`` reads
    what earlier runs wrote, so a second crawl into the same file fetches nothing again.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._hashes: dict[str, tuple[str, bool]] = {}
        self._aliases: set[str] = set()
        if self.path.is_file():
            with self.path.open(encoding="utf-8") as fh:
                for line_number, line in enumerate(fh, start=1):
                    if not line.strip():
                        continue
                    try:
                        row = json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise CrawlerError(
                            f"{self.path}:{line_number}: not a JSON line ({exc.msg}); "
                            "use a new --jsonl file"
                        ) from exc
                    self._hashes[row["canonical_url"]] = (
                        row["content_hash"],
                        bool(row.get("relevant", True)),
                    )
                    if row.get("found_url"):  # the link it was found by is known too
                        self._aliases.add(canonical_url(row["found_url"]))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fh = self.path.open("a", encoding="utf-8")

    def known_urls(self, canonical_urls: Iterable[str]) -> set[str]:
        return {url for url in canonical_urls if url in self._hashes or url in self._aliases}

    def store(self, item: ArticleItem) -> StoreOutcome:
        if item.found_url:
            self._aliases.add(canonical_url(item.found_url))
        before = self._hashes.get(item.canonical_url)
        now = (item.content_hash, item.relevant)
        if before == now:
            return "unchanged"
        try:
            self._fh.write(json.dumps(item_to_dict(item), ensure_ascii=False) + "\n")
            self._fh.flush()
        except OSError as exc:  # disk full, file gone read-only: no later line fits either
            raise StorageGoneError(f"cannot write {self.path}: {exc.strerror or exc}") from exc
        self._hashes[item.canonical_url] = now
        return "new" if before is None else "updated"

    def close(self) -> None:
        if not self._fh.closed:
            self._fh.close()


class NullSink:
    """Stores nothing and knows nothing: `kunker sources check` looks without keeping."""

    def known_urls(self, canonical_urls: Iterable[str]) -> set[str]:
        return set()

    def store(self, item: ArticleItem) -> StoreOutcome:
        return "new"

    def close(self) -> None:
        return None


def item_to_dict(item: ArticleItem) -> dict[str, Any]:
    row = asdict(item)
    for key in ("published_at", "fetched_at"):
        value = row[key]
        row[key] = value.isoformat() if isinstance(value, datetime) else value
    return row


def open_sink(target: str) -> ArticleSink:
    """``jsonl:PATH`` → ``JsonlSink``; ``null:`` → ``NullSink``; a database URL → a
    ``DatabaseSink`` over the storage package (imported only then, so ad-hoc crawls need no
    database).
    """
    if target.startswith(JSONL_PREFIX):
        path = target[len(JSONL_PREFIX) :]
        if not path:
            raise CrawlerError("jsonl: target needs a file path, e.g. jsonl:articles.jsonl")
        return JsonlSink(path)
    if target == NULL_TARGET:
        return NullSink()
    return DatabaseSink(target)


class DatabaseSink:
    """The storage package's database sink, handed storage's own article record.

    Storage knows nothing of crawling: it defines the record it stores
    (``storage.records.ArticleRecord``) and this is where a crawled item becomes one.
    """

    def __init__(self, url: str) -> None:
        try:
            from storage.article_sink import DatabaseArticleSink
        except ImportError as exc:
            raise CrawlerError(
                f"cannot store into {url!r}: the storage package is not available ({exc}); "
                "use --jsonl PATH"
            ) from exc
        self._sink = DatabaseArticleSink(url)

    def known_urls(self, canonical_urls: Iterable[str]) -> set[str]:
        from storage.errors import StorageError, database_problem

        try:
            return self._sink.known_urls(canonical_urls)
        except StorageError:
            raise  # already one line (e.g. "run `kunker db upgrade`")
        except Exception as exc:  # the driver's error: cannot connect, cannot open the file
            raise StorageGoneError(
                f"cannot read the database {self._sink.where()}: {database_problem(exc)}"
            ) from exc

    def store(self, item: ArticleItem) -> StoreOutcome:
        from storage.errors import StorageUnavailableError

        try:
            return self._sink.store(storage_record(item))
        except StorageUnavailableError as exc:
            raise StorageGoneError(str(exc)) from exc

    def record_crawl(self, summary: Any, started_at: datetime, finished_at: datetime) -> None:
        """What the crawl counted per source, kept for source health (``CrawlSummary``)."""
        self._sink.record_crawl(summary, started_at, finished_at)

    def close(self) -> None:
        self._sink.close()


def storage_record(item: ArticleItem) -> ArticleRecord:
    """``item`` as the ``storage.records.ArticleRecord`` storage keeps: the link it was found
    by becomes an alias in its canonical form; crawl-only extras stay behind."""
    from storage.records import ArticleRecord

    alias = canonical_url(item.found_url) if item.found_url else None
    return ArticleRecord(
        url=item.url, canonical_url=item.canonical_url, source=item.source, title=item.title,
        published_at=item.published_at, author=item.author, text=item.text,
        language=item.language, content_hash=item.content_hash, fetched_at=item.fetched_at,
        relevant=item.relevant, alias=alias if alias != item.canonical_url else None,
        found_query=item.found_query,
    )
