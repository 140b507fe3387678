"""``/search?q=...``: events (by topic and by their articles' text) and articles.

Any text is safe to type: storage's search turns the query into plain words, never query
syntax, so ``"``, ``*``, ``OR`` or ``'; DROP TABLE`` find matches or nothing.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from kunker.web import params, records
from kunker.web.pages import page_link, respond, twin

router = APIRouter()
SEARCH_LIMIT = 20
MAX_QUERY_LENGTH = 500  # longer is a pasted text, not a query (storage keeps 16 words anyway)


@twin(router, "/search")
def search_page(request: Request) -> Response:
    from storage import search_articles, search_events

    # storage makes any text safe to search; only its length is capped here
    query = (request.query_params.get("q") or "").strip()[:MAX_QUERY_LENGTH]
    order = params.choice(request, "order", params.SEARCH_ORDERS, "newest")
    page = params.whole_number(request, "page", 1, params.MAX_PAGE)
    limit = params.whole_number(request, "limit", SEARCH_LIMIT, params.MAX_LIMIT)
    offset = (page - 1) * limit
    events: list[dict[str, object]] = []
    articles: list[dict[str, object]] = []
    if query:
        with request.app.state.database.session() as session:
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
        "events": events,
        "articles": articles,
        "next_url": page_link(request, page=page + 1) if more else None,
        "previous_url": page_link(request, page=page - 1) if page > 1 else None,
    }
    return respond(request, "search.html", data)
