"""CSV twins with the page's counts, Atom feeds a reader parses, the offline API docs, the
status page, charts, and error pages written for web users (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import io
from typing import Any

import feedparser
import pytest
from fastapi.testclient import TestClient

from kunker.export_rows import CSV_COLUMNS
from tests import test_web_pages

# the seeded database and client of the page tests
visits = test_web_pages.visits
client = test_web_pages.client


def rows_of(client: TestClient, path: str, **params: Any) -> list[dict[str, str]]:
    answer = client.get(path, params=params)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/csv")
    assert "attachment" in answer.headers["content-disposition"]
    return list(csv.DictReader(io.StringIO(answer.text)))


@pytest.mark.parametrize("params", [{}, {"region": "Kalbar"}, {"kind": "studi_banding"},
                                    {"limit": "2", "page": "2"}])
def test_list_csv_has_every_event_the_page_counts(client: TestClient, params: dict) -> None:
    page = client.get("/.json", params=params).json()
    rows = rows_of(client, "/events.csv", **params)
    assert len(rows) == page["total"]  # every page, not just the one shown
    assert list(rows[0]) == list(CSV_COLUMNS) if rows else True
    assert {int(r["id"]) for r in rows} >= {e["id"] for e in page["events"]}


def test_csv_rows_carry_what_researchers_need(client: TestClient, visits: dict) -> None:
    rows = {int(r["id"]): r for r in rows_of(client, "/events.csv")}
    jambi = rows[visits["jambi"]]
    assert jambi["permalink"] == f"http://testserver/events/{visits['jambi']}"
    assert (jambi["date"], jambi["date_precision"]) == ("2025-09-18", "exact")
    assert jambi["visitor_region_code"] == "15" and jambi["host_region_code"] == "61"
    assert jambi["visitor_region"] == "Provinsi Jambi"
    assert jambi["source_count"] == "2" and jambi["source_titles"]
    sampah = rows[visits["sampah"]]
    assert (sampah["date"], sampah["date_precision"]) == ("2025-03-10", "reported")


def test_institution_search_and_stats_csv_match_their_pages(client: TestClient) -> None:
    history = client.get("/institutions/DPRD Kalbar.json").json()
    assert len(rows_of(client, "/institutions/DPRD Kalbar.csv")) == history["total"]
    search = client.get("/search.json", params={"q": "Kalimantan"}).json()
    assert len(rows_of(client, "/search.csv", q="Kalimantan")) == search["events_total"] > 0
    for by in ("month", "destination", "host_province", "outlet", "pair"):
        stats = client.get("/stats.json", params={"by": by}).json()
        rows = rows_of(client, "/stats.csv", by=by)
        assert [(r[by], int(r["visits"])) for r in rows] == [
            (row["key"], row["count"]) for row in stats["rows"]]
    matrix = client.get("/stats/matrix.json").json()
    assert sum(int(r["visits"]) for r in rows_of(client, "/stats/matrix.csv")) == sum(
        c["visits"] for c in matrix["cells"]) == matrix["total"]


def test_a_bad_filter_is_a_400_line_before_any_csv_is_sent(client: TestClient) -> None:
    answer = client.get("/events.csv", params={"kind": "picnic"})
    assert answer.status_code == 400 and "kind" in answer.text


def test_feeds_of_an_institution_and_a_search_parse_in_a_reader(
        client: TestClient, visits: dict) -> None:
    answer = client.get("/feed.atom", params={"institution": "dprd kalbar"})
    assert answer.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(answer.content)
    assert not feed.bozo
    assert {e.link for e in feed.entries} == {
        f"http://testserver/events/{visits[n]}" for n in ("jambi", "sampah")}
    assert "DPRD Provinsi Kalimantan Barat" in feed.feed.title
    searched = feedparser.parse(client.get("/feed.atom", params={"q": "sampah"}).content)
    assert [e.link for e in searched.entries] == [f"http://testserver/events/{visits['sampah']}"]
    assert client.get("/feed.atom", params={"kind": "picnic"}).status_code == 400


def test_openapi_describes_the_twins_and_docs_need_no_cdn(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/events.json", "/events.csv", "/events/{event_id}.json", "/stats.json",
                 "/stats.csv", "/search.json", "/feed.atom", "/status.json"):
        assert path in spec["paths"], path
    names = {p["name"] for p in spec["paths"]["/events.json"]["get"]["parameters"]}
    assert {"institution", "region", "from", "to", "kind", "topic", "page"} <= names
    docs = client.get("/docs").text
    assert "cdn" not in docs.lower() and "/static/docs/swagger-ui-bundle.js" in docs
    assert client.get("/static/docs/swagger-ui-bundle.js").status_code == 200
    error = client.get("/events.json", params={"limit": "0"})
    assert error.status_code == 400 and error.json()["ok"] is False


def test_status_page_counts_what_the_database_holds(client: TestClient) -> None:
    data = client.get("/status.json").json()
    assert data["counts"]["events"] == client.get("/.json").json()["total"]
    assert data["database"]["size_bytes"] > 0 and data["last_update"] is None
    assert {o["outlet"] for o in data["outlets"]} == {"a.example.id", "b.example.id"}
    assert "No update has run" in client.get("/status").text


def test_pages_draw_charts_as_svg_and_error_pages_talk_to_web_users(
        client: TestClient) -> None:
    home = client.get("/").text
    assert '<svg class="chart"' in home and "month (visit date" in home
    for by in ("month", "destination", "kind", "host_province"):
        assert '<svg class="chart"' in client.get("/stats", params={"by": by}).text
    assert '<svg class="chart"' in client.get("/stats/matrix").text
    missing = client.get("/institutions/DPRD Atlantis")
    assert missing.status_code == 404
    assert "kunker stats" not in missing.text and 'name="q"' in missing.text
    assert 'placeholder="e.g. DPRD Bali"' in home
