"""Storage defines the article record it stores and imports nothing that fetches: the
crawler hands it a ``storage.records.ArticleRecord``."""

from __future__ import annotations

import ast
from datetime import UTC, datetime
from pathlib import Path

from crawler.items import ArticleItem
from crawler.sink import storage_record
from storage.records import ArticleRecord

STORAGE = Path(__file__).resolve().parent.parent / "storage"


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_no_storage_module_imports_the_crawler_or_the_edge() -> None:
    offenders = {
        str(path.relative_to(STORAGE.parent)): sorted(imported_packages(path) & {"crawler",
                                                                                  "kunker"})
        for path in STORAGE.rglob("*.py")
    }
    assert {name: found for name, found in offenders.items() if found} == {}


def test_a_crawled_item_becomes_the_storage_record_field_for_field() -> None:
    fetched = datetime(2025, 9, 26, tzinfo=UTC)
    item = ArticleItem(
        url="https://warta.example.id/a?utm_source=x", canonical_url="https://warta.example.id/a",
        source="warta.example.id", title="Judul", published_at=None, author="Redaksi",
        text="Isi.", language="id", content_hash="h", fetched_at=fetched, relevant=False,
        extra={"crawl-only": "not stored"},
        found_url="https://warta.example.id/berita/a?utm_source=rss", found_query="kunjungan kerja",
    )
    assert storage_record(item) == ArticleRecord(
        url="https://warta.example.id/a?utm_source=x", canonical_url="https://warta.example.id/a",
        source="warta.example.id", title="Judul", published_at=None, author="Redaksi",
        text="Isi.", language="id", content_hash="h", fetched_at=fetched, relevant=False,
        alias="https://warta.example.id/berita/a", found_query="kunjungan kerja",
    )


def test_an_item_found_by_its_own_url_has_no_alias() -> None:
    item = ArticleItem(
        url="https://warta.example.id/a", canonical_url="https://warta.example.id/a",
        source="warta.example.id", title="Judul", published_at=None, author=None, text="Isi.",
        language="id", content_hash="h", fetched_at=datetime(2025, 9, 26, tzinfo=UTC),
        found_url="https://warta.example.id/a?utm_source=rss",
    )
    assert storage_record(item).alias is None
