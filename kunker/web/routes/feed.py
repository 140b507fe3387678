"""``/feed.atom``: an Atom feed of the events of any filter (``institution=``, ``region=``,
``kind=``...) or search (``q=``), the most recently found first, so a journalist subscribes
to an institution's new visits in any feed reader.

Entry ids are the events' permalinks (stable: an event keeps its id when re-extracted) and
``updated`` is when the record last changed, so a reader shows a corrected record again.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from xml.etree import ElementTree as ET

from fastapi import APIRouter, Request
from fastapi.responses import Response

from kunker import __version__
from kunker.web import params
from kunker.web.highlight import label, party, when
from kunker.web.pages import FILTERS, NO_SNIFF, openapi_extra, with_query
from kunker.web.records import summary

router = APIRouter()
ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50
ATOM_MEDIA_TYPE = "application/atom+xml; charset=utf-8"


@router.api_route("/feed.atom", methods=["HEAD"], include_in_schema=False)
@router.api_route("/feed.atom", methods=["GET"], summary="Atom feed of new visits",
                  response_class=Response,
                  openapi_extra=openapi_extra((*FILTERS, "q"), media_type=ATOM_MEDIA_TYPE))
def feed(request: Request) -> Response:
    """The newest-found events of a filter or a search, as Atom."""
    from storage import list_events, search_events

    query = (request.query_params.get("q") or "").strip()[:500]
    args = params.filter_args(request)
    with request.app.state.database.session() as session:
        built = params.filters(session, args)
        if query:
            events = [hit.event for hit in
                      search_events(session, query, built.flt, limit=FEED_SIZE)]
        else:
            events = list_events(session, built.flt, limit=FEED_SIZE, newest_found=True)
    base = str(request.base_url).rstrip("/")
    described = [v for v in (built.institution, built.region, args.kind, args.topic,
                             args.person) if v]
    title = "kunker: " + (f"“{query}”" if query else "") + (
        (" " if query else "") + ", ".join(described) if described else
        ("" if query else "all visits"))
    page = with_query("/search" if query else "/", {"q": query or None,
                                                     **params.filter_data(args, built)
                                                     ["filters"]})
    body = _atom(events, title, base, base + page, base + str(request.url.path) +
                 (f"?{request.url.query}" if request.url.query else ""))
    return Response(body, media_type=ATOM_MEDIA_TYPE, headers=NO_SNIFF)


def _text(parent: ET.Element, tag: str, value: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    element.text = value
    return element


def _atom(events: list[Any], title: str, base: str, alternate: str, self_url: str) -> bytes:
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed")
    _text(root, "title", title)
    _text(root, "id", self_url)
    ET.SubElement(root, f"{{{ATOM}}}link", {"rel": "self", "href": self_url})
    ET.SubElement(root, f"{{{ATOM}}}link", {"rel": "alternate", "href": alternate,
                                              "type": "text/html"})
    newest = max((e.updated_at for e in events), default=datetime(2000, 1, 1, tzinfo=UTC))
    _text(root, "updated", newest.isoformat(timespec="seconds"))
    _text(root, "generator", "kunker", version=__version__)
    author = ET.SubElement(root, f"{{{ATOM}}}author")
    _text(author, "name", "kunker")
    for event in events:
        data = summary(event)
        entry = ET.SubElement(root, f"{{{ATOM}}}entry")
        url = f"{base}/events/{event.id}"
        _text(entry, "id", url)
        _text(entry, "title", f"{party(data['visitor'])} → {party(data['host'])}: "
                              f"{label(event.kind)}, {when(data)}")
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "href": url,
                                                   "type": "text/html"})
        _text(entry, "updated", event.updated_at.isoformat(timespec="seconds"))
        _text(entry, "published", event.created_at.isoformat(timespec="seconds"))
        _text(entry, "category", event.kind, term=event.kind)
        place = event.location or event.host_region or ""
        lines = [f"{label(event.kind)} on {when(data)}" + (f" in {place}" if place else ""),
                 f"topic: {event.topic or '-'} ({label(event.topic_category)})",
                 f"reported by {event.source_count} source(s); date "
                 f"{'as reported' if event.date_precision == 'reported' else 'of the visit'}"]
        _text(entry, "summary", "\n".join(lines))
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
