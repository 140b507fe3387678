"""One CSV row per event, the same for ``kunker export --format csv`` and every CSV download
of the web app: the columns researchers ask for (ids, dates with their precision, first and
last report, both sides with unit and region name and code, kind, topic, category, people,
sources, confidence, what extracted it, and a permalink to the event's page)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import IO, Any

CSV_COLUMNS = (
    "id", "permalink", "date", "date_precision", "first_reported", "last_reported", "kind",
    "visitor", "visitor_unit", "visitor_region", "visitor_region_code",
    "host", "host_unit", "host_region", "host_region_code", "location",
    "topic", "topic_category", "people", "source_count", "source_urls", "source_titles",
    "outlets", "confidence", "extractor_version", "annotator", "evidence",
)
LIST_SEPARATOR = " | "  # inside one CSV cell: people, URLs, titles, outlets, sentences


def _joined(values: Iterable[Any]) -> str:
    return LIST_SEPARATOR.join(dict.fromkeys(str(v) for v in values if v))


def csv_row(record: dict[str, Any], base_url: str = "") -> dict[str, Any]:
    """``record`` (``storage.iter_event_records``) as a row of ``CSV_COLUMNS``;
    ``base_url`` is where the web app runs (the permalink is ``base_url/events/ID``)."""
    from storage.lookups import region_name

    sources = record["sources"]
    made_by = record.get("extracted_by") or []
    visitor, host = record["visitor"], record["host"]
    visitor_code = record.get("visitor_region_code")
    return {
        "id": record["id"],
        "permalink": f"{base_url.rstrip('/')}/events/{record['id']}",
        "date": record["date"] or "", "date_precision": record["date_precision"],
        "first_reported": record["first_reported"], "last_reported": record["last_reported"],
        "kind": record["kind"],
        "visitor": visitor["institution"] or "", "visitor_unit": visitor["unit"] or "",
        "visitor_region": region_name(visitor_code) or "",
        "visitor_region_code": visitor_code or "",
        "host": host["institution"] or "", "host_unit": host["unit"] or "",
        "host_region": host["region"] or region_name(record.get("host_region_code")) or "",
        "host_region_code": record.get("host_region_code") or "",
        "location": record["location"] or "",
        "topic": record["topic"] or "", "topic_category": record["topic_category"],
        "people": LIST_SEPARATOR.join(
            f"{p['name']} ({p['side']}{', ' + p['role'] if p['role'] else ''})"
            for p in record["people"]
        ),
        "source_count": len(sources),
        "source_urls": LIST_SEPARATOR.join(s["url"] for s in sources),
        "source_titles": LIST_SEPARATOR.join((s["title"] or "").replace("|", "/")
                                             for s in sources),
        "outlets": _joined(s["outlet"] for s in sources),
        "confidence": record["confidence"],
        "extractor_version": _joined(m.get("extractor_version") for m in made_by),
        "annotator": _joined(m.get("annotator") for m in made_by),
        "evidence": LIST_SEPARATOR.join(e["text"] for e in record["evidence"]),
    }  # fmt: skip


def write_csv(records: Iterable[dict[str, Any]], out: IO[str], base_url: str = "") -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow(csv_row(record, base_url))
        count += 1
    return count


def csv_lines(header: Iterable[str], rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """CSV text a few rows at a time, for a streaming HTTP response."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(list(header))
    for n, row in enumerate(rows, 1):
        writer.writerow(list(row))
        if n % 100 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def event_csv_lines(records: Iterable[dict[str, Any]], base_url: str = "") -> Iterator[str]:
    return csv_lines(CSV_COLUMNS, ([csv_row(r, base_url)[c] for c in CSV_COLUMNS]
                                   for r in records))
