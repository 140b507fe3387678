"""``/search?q=...``: events (by topic and by their articles' text) and articles; each event
says where the words were found. ``/search.csv?q=...``: every matching event as CSV.

Any text is safe to type: storage's search turns the query into plain words, never query
syntax, so ``"``, ``*``, ``OR`` or ``'; DROP TABLE`` find matches or nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from kunker.web import params, records
from kunker.web.pages import csv_response, page_link, respond, twin, twin_url, wants_csv

router = APIRouter()
SEARCH_LIMIT = 20
MAX_QUERY_LENGTH = 500  # longer is a pasted text, not a query (storage keeps 16 words anyway)
CSV_BATCH = 500


def _query(request: Request) -> str:
    # storage makes any text safe to search; only its length is capped here
    return (request.query_params.get("q") or "").strip()[:MAX_QUERY_LENGTH]


@twin(router, "/search", ("q", "order", "page", "limit"), csv=True)
def search_page(request: Request) -> Response:
    """Events and articles containing every word of ``q``."""
    from storage import search_articles, search_events
    from storage.search import count_search_events

    if wants_csv(request):
        return _search_csv(request)
    query = _query(request)
    order = params.choice(request, "order", params.SEARCH_ORDERS, "newest")
    page = params.whole_number(request, "page", 1, params.MAX_PAGE)
    limit = params.whole_number(request, "limit", SEARCH_LIMIT, params.MAX_LIMIT)
    offset = (page - 1) * limit
    events: list[dict[str, object]] = []
    articles: list[dict[str, object]] = []
    total = 0
    if query:
        with request.app.state.database.session() as session:
            total = count_search_events(session, query)
            events = [records.event_hit(hit) for hit in
                      search_events(session, query, limit=limit, offset=offset)]
            articles = [records.article_hit(hit) for hit in search_articles(
                session, query, limit=limit, offset=offset, order=order)]  # type: ignore[arg-type]
    more = len(events) == limit or len(articles) == limit  # either list may go on
    data = {
        "q": query,
        "order": order,
        "page": page,
        "limit": limit,
        "events_total": total,
        "events": events,
        "articles": articles,
        "next_url": page_link(request, page=page + 1) if more else None,
        "previous_url": page_link(request, page=page - 1) if page > 1 else None,
    }
    return respond(request, "search.html", data, html_only={
        "csv_url": twin_url(request, ".csv"),
        "feed_url": f"/feed.atom?q={query}" if query else None})


def _search_csv(request: Request) -> Response:
    """Every event the search finds (all pages), newest first."""
    from kunker.export_rows import event_csv_lines
    from storage import search_events
    from storage.export import event_records

    query = _query(request)
    database = request.app.state.database
    database.check_schema()  # a 503 now, not a broken download later

    def records_of_all_pages() -> Iterator[dict[str, Any]]:
        if not query:
            return
        with database.session() as session:
            offset = 0
            while True:
                hits = search_events(session, query, limit=CSV_BATCH, offset=offset)
                yield from event_records(session, [hit.event for hit in hits])
                if len(hits) < CSV_BATCH:
                    return
                offset += CSV_BATCH

    return csv_response(event_csv_lines(records_of_all_pages(), str(request.base_url)),
                        "kunker-search.csv")
