"""Storage's dataclasses as the JSON the pages show (and render from).

An event in a listing has the shape of ``kunker events --json`` (SCHEMA.md fields, ``id``,
``confidence``, ``source_count``) plus ``sort_date`` (the first report's date, shown as
``~date`` when no article gives the visit date) and its page's ``url``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

if TYPE_CHECKING:
    from storage import ArticleHit, EventDetail, EventHit, EventSummary, HistoryEntry


def event_url(event_id: int) -> str:
    return f"/events/{event_id}"


def institution_url(name: str) -> str:
    return "/institutions/" + quote(name, safe="")


def summary(event: EventSummary) -> dict[str, Any]:
    """A listing row: the event's JSON plus its sort date and its page."""
    return {**event.to_dict(), "sort_date": event.sort_date.isoformat(),
            "url": event_url(event.id)}

def detail(found: EventDetail) -> dict[str, Any]:
    """``kunker show --json`` plus the institutions' kinds, ``sort_date``, and provenance as
    the URL of the article each field came from (what a journalist checks)."""
    record = found.to_record()
    urls = {s.article_id: s.url for s in found.sources}
    return {
        **record,
        "sort_date": found.summary.sort_date.isoformat(),
        "visitor_kind": found.visitor_kind,
        "host_kind": found.host_kind,
        "host_region_code": found.host_region_code,
        "first_reported": found.first_reported.isoformat(),
        "last_reported": found.last_reported.isoformat(),
        "provenance": {name: urls.get(article_id) for name, article_id
                       in sorted(found.provenance.items())},
        "place_region_code": found.location_region_code,
        "url": event_url(found.summary.id),
    }


def history_entry(entry: HistoryEntry) -> dict[str, Any]:
    """A visit in an institution's history: its ``role``, its own ``unit`` on that visit
    (Komisi II went), and the counterpart."""
    event = entry.event
    own_unit = event.visitor_unit if entry.role == "visitor" else event.host_unit
    return {"role": entry.role, "unit": own_unit, "counterpart": entry.counterpart,
            **summary(event)}


def event_hit(hit: EventHit) -> dict[str, Any]:
    return {**summary(hit.event), "snippet": hit.snippet, "matched_in": hit.matched_in,
            "matched_article": ({"title": hit.article_title, "url": hit.article_url}
                                if hit.article_url else None)}


def article_hit(hit: ArticleHit) -> dict[str, Any]:
    return {"id": hit.id, "url": hit.url, "title": hit.title,
            "published": hit.published.isoformat() if hit.published else None,
            "outlet": hit.outlet, "snippet": hit.snippet}
