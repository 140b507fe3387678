"""The web app's pages and their JSON twins on a real database (SQLite and PostgreSQL):
the same events on both, filters, aliases with a note, candidates for an ambiguous name,
event detail with sources and evidence, history, search and statistics."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import lxml.html
import pytest
from fastapi.testclient import TestClient

from kunker.web import create_app
from tests.conftest import extract_in, make_visit, store_article_in

# Texts written for these tests; events built with the storage fixtures (no extraction).
JAMBI_TEXT = ("Komisi II DPRD Provinsi Jambi berkunjung ke DPRD Kalimantan Barat di Pontianak "
              "membahas perlindungan tenaga kerja nelayan.")
SAMPAH_TEXT = ("DPRD Kalimantan Barat melakukan studi banding pengelolaan sampah ke DPRD Provinsi "
               "Bali di Denpasar.")
BADUNG_TEXT = "DPRD Badung berkonsultasi ke DPRD Kota Pontianak soal rancangan peraturan daerah."
BANDUNG_TEXT = ("DPRD Kota Bandung dan DPRD Kabupaten Bandung masing-masing berkunjung ke "
                "Semarang dan Surabaya.")


@pytest.fixture(scope="module")
def visits(module_engine: Any) -> dict[str, int]:
    """Five visits in six articles (one visit reported by two outlets); event ids by name
    ("bandung2": the second visit of the Bandung article). Stored once per backend: the
    web app only reads."""
    visit = make_visit
    people = [("Rosmaida Sinaga", "Sekretaris Komisi III DPRD Kalbar", "host")]
    jambi = visit("DPRD Provinsi Jambi", "DPRD Provinsi Kalimantan Barat", on="2025-09-18",
                  location="Pontianak", people=people)
    plan = {
        "jambi": [("https://a.example.id/1", JAMBI_TEXT, "a.example.id", [jambi]),
                  ("https://b.example.id/1", JAMBI_TEXT, "b.example.id", [jambi])],
        "sampah": [("https://a.example.id/2", SAMPAH_TEXT, "a.example.id", [visit(
            "DPRD Provinsi Kalimantan Barat", "DPRD Provinsi Bali", on=None,
            kind="studi_banding", visitor_unit=None, topic="pengelolaan sampah",
            category="lingkungan_energi")])],
        "badung": [("https://a.example.id/3", BADUNG_TEXT, "a.example.id", [visit(
            "DPRD Kabupaten Badung", "DPRD Kota Pontianak", on="2025-05-05", kind="konsultasi",
            visitor_unit=None, topic="rancangan peraturan daerah", category="legislasi")])],
        "bandung": [("https://a.example.id/4", BANDUNG_TEXT, "a.example.id", [
            visit("DPRD Kota Bandung", "DPRD Kota Semarang", on="2025-07-01", visitor_unit=None),
            visit("DPRD Kabupaten Bandung", "DPRD Kota Surabaya", on="2025-07-02",
                  visitor_unit=None)])],
    }
    published = {"sampah": "2025-03-10T09:00:00+07:00"}  # no visit date: sorted by this one
    ids: dict[str, int] = {}
    for name, articles in plan.items():
        for url, text, outlet, events in articles:
            article = store_article_in(
                module_engine, url, text=text, title=text[:60], source=outlet,
                published=published.get(name, "2025-09-18T10:00:00+07:00"))
            for n, event_id in enumerate(extract_in(module_engine, article, events).event_ids):
                ids[name if n == 0 else f"{name}{n + 1}"] = event_id
    return ids


@pytest.fixture
def client(module_db_url: str, visits: dict[str, int]) -> Iterator[TestClient]:
    with TestClient(create_app(module_db_url)) as test_client:  # runs the lifespan: engine disposed
        yield test_client


def both(client: TestClient, path: str, **params: Any) -> tuple[Any, Any]:
    """The page (parsed) and its JSON twin, both answered 200."""
    page = client.get(path, params=params)
    twin_path = "/.json" if path == "/" else path + ".json"
    twin = client.get(twin_path, params=params)
    assert page.status_code == 200, page.text
    assert twin.status_code == 200, twin.text
    assert page.headers["content-type"].startswith("text/html")
    assert twin.headers["content-type"].startswith("application/json")
    return lxml.html.fromstring(page.text), twin.json()


def event_ids(html: Any) -> list[int]:
    """Ids of the events listed in the page's event table, in order."""
    return [int(a.text) for a in
            html.xpath("//table[contains(@class, 'events')]//tr/td[1]/a")]


def ids_of(data: dict[str, Any], key: str = "events") -> list[int]:
    return [e["id"] for e in data[key]]


def test_event_list_and_its_json_twin_show_the_same_events_newest_first(
    client: TestClient, visits: dict[str, int]
) -> None:
    html, data = both(client, "/")
    assert data["total"] == 5
    assert ids_of(data) == event_ids(html) == [
        visits["jambi"], visits["bandung2"], visits["bandung"], visits["badung"],
        visits["sampah"]]
    assert "events 1–5 of 5" in html.xpath("string(//caption)")
    jambi = data["events"][0]
    assert jambi["visitor"] == {"institution": "DPRD Provinsi Jambi", "unit": "Komisi II"}
    assert (jambi["source_count"], jambi["confidence"]) == (2, 0.8)
    sampah = data["events"][-1]
    # the date it is counted under, and how it is known (no article gave the visit date)
    assert (sampah["date"], sampah["date_precision"]) == ("2025-03-10", "reported")
    assert "~2025-03-10" in html.text_content()
    assert ids_of(client.get("/events.json").json()) == ids_of(data)  # /events is / too


def test_pages_link_to_each_other_in_their_own_format(
    client: TestClient, visits: dict[str, int]
) -> None:
    seen: list[int] = []
    url: str | None = "/.json?limit=2"
    while url:
        data = client.get(url).json()
        seen += ids_of(data)
        url = data["next_url"]
        assert url is None or url.startswith("/.json?")
    assert seen == ids_of(client.get("/.json").json())
    html, data = both(client, "/", limit=2, page=2)
    assert (data["page"], data["pages"]) == (2, 3)
    assert html.xpath("//a[@rel='next']/@href") == ["/?limit=2&page=3"]
    assert html.xpath("//a[@rel='prev']/@href") == ["/?limit=2&page=1"]


def test_filters_narrow_the_list_and_say_what_an_alias_resolved_to(
    client: TestClient, visits: dict[str, int]
) -> None:
    def ids(**params: str) -> set[int]:
        html, data = both(client, "/", **params)
        assert set(event_ids(html)) == set(ids_of(data))
        return set(ids_of(data))

    assert ids(institution="dprd kalbar") == {visits["jambi"], visits["sampah"]}
    assert ids(institution="DPRD Kalbar", side="host") == {visits["jambi"]}
    assert ids(region="Kalimantan Barat") == {visits["jambi"], visits["sampah"],
                                            visits["badung"]}
    # the city's own bodies, and the visit held there (Jambi met DPRD Kalbar in Pontianak)
    assert ids(region="Kota Pontianak") == {visits["badung"], visits["jambi"]}
    assert ids(**{"from": "2025-03", "to": "2025-05"}) == {visits["sampah"], visits["badung"]}
    assert ids(kind="studi_banding") == {visits["sampah"]}
    assert ids(topic="legislasi") == {visits["badung"]}
    assert ids(person="sinaga") == {visits["jambi"]}
    # an empty form field is no filter; "either" side is no side
    assert len(ids(institution="", side="", region="", kind="", person="")) == 5
    html, data = both(client, "/", institution="dprd kalbar", region="61")
    assert data["resolved"]["institution"] == "DPRD Provinsi Kalimantan Barat"
    assert data["filters"]["institution"] == "dprd kalbar"  # as typed, to refill the form
    assert "institution: 'dprd kalbar' -> DPRD Provinsi Kalimantan Barat" in data["notes"]
    assert html.xpath("string(//ul[@class='notes'])").count("DPRD Provinsi Kalimantan Barat") == 1
    assert html.xpath("//input[@name='institution']/@value")[0] == "dprd kalbar"


def test_event_page_shows_every_field_source_and_evidence_for_checking(
    client: TestClient, visits: dict[str, int]
) -> None:
    html, data = both(client, f"/events/{visits['jambi']}")
    assert data["id"] == visits["jambi"]
    assert data["visitor"] == {"institution": "DPRD Provinsi Jambi", "unit": "Komisi II"}
    assert data["host"]["institution"] == "DPRD Provinsi Kalimantan Barat"
    assert data["host_region_code"] == "61"
    assert data["people"] == [{"name": "Rosmaida Sinaga",
                               "role": "Sekretaris Komisi III DPRD Kalbar", "side": "host"}]
    assert [s["outlet"] for s in data["sources"]] == ["a.example.id", "b.example.id"]
    assert data["provenance"]["date"] == data["sources"][0]["url"]
    text = html.text_content()
    for expected in ("DPRD Provinsi Jambi", "Komisi II", "DPRD Provinsi Kalimantan Barat",
                     "2025-09-18", "Pontianak", "perlindungan tenaga kerja nelayan",
                     "sosial ketenagakerjaan", "0.80", "Rosmaida Sinaga",
                     "Sekretaris Komisi III DPRD Kalbar"):
        assert expected in text, expected
    hrefs = html.xpath("//ol[@class='sources']//a/@href")
    for source in data["sources"]:
        assert source["url"] in hrefs and source["title"] in text
    quotes = html.xpath("//blockquote[@class='evidence']")
    assert len(quotes) == len(data["evidence"]) == 2
    assert [q.xpath("string(p)") for q in quotes] == [e["text"] for e in data["evidence"]]
    assert quotes[0].xpath("p/mark/text()") == ["Komisi II"]  # the record's unit, marked
    fragment = quotes[0].xpath(".//a/@href")[0]
    assert fragment.startswith(data["sources"][0]["url"] + "#:~:text=Komisi%20II")


def test_history_resolves_an_alias_with_a_note_and_lists_both_directions_in_order(
    client: TestClient, visits: dict[str, int]
) -> None:
    html, data = both(client, "/institutions/dprd kalbar")
    assert data["institution"] == "DPRD Provinsi Kalimantan Barat"
    assert data["note"] == "'dprd kalbar' -> DPRD Provinsi Kalimantan Barat"
    assert [(h["role"], h["id"]) for h in data["history"]] == [
        ("visitor", visits["sampah"]), ("host", visits["jambi"])]
    assert (data["visits_made"], data["visits_received"]) == (1, 1)
    assert event_ids(html) == ids_of(data, "history")
    assert data["note"] in html.xpath("string(//ul[@class='notes'])")
    text = html.text_content()
    assert text.index("DPRD Provinsi Bali") < text.index("DPRD Provinsi Jambi")
    canonical = client.get("/institutions/DPRD%20Provinsi%20Kalimantan%20Barat.json").json()
    assert canonical["note"] is None and canonical["history"] == data["history"]
    # the history form sends a query string: redirected to the page, or to its twin
    assert client.get("/history", params={"institution": "dprd kalbar"}).url.path == (
        "/institutions/dprd kalbar")
    assert client.get("/history.json", params={"institution": "dprd kalbar"}).json() == data


def test_an_ambiguous_name_lists_the_candidates_as_links(
    client: TestClient, visits: dict[str, int]
) -> None:
    page = client.get("/institutions/DPRD Bandung")
    twin = client.get("/institutions/DPRD Bandung.json")
    assert page.status_code == twin.status_code == 400
    candidates = {c["value"]: c["url"] for c in twin.json()["candidates"]}
    assert candidates == {
        "DPRD Kabupaten Bandung": "/institutions/DPRD%20Kabupaten%20Bandung",
        "DPRD Kota Bandung": "/institutions/DPRD%20Kota%20Bandung"}
    html = lxml.html.fromstring(page.text)
    assert set(html.xpath("//main//li/a/@href")) == set(candidates.values())
    # in the list's filter, a candidate link keeps the other filters
    listed = client.get("/.json", params={"institution": "DPRD Bandung", "kind": "konsultasi"})
    assert listed.status_code == 400
    links = [c["url"] for c in listed.json()["candidates"]]
    assert "/.json?institution=DPRD+Kota+Bandung&kind=konsultasi" in links


def test_search_finds_events_and_articles_with_the_words_marked(
    client: TestClient, visits: dict[str, int]
) -> None:
    html, data = both(client, "/search", q="sampah")
    assert ids_of(data) == event_ids(html) == [visits["sampah"]]
    assert [a["url"].split("?")[0] for a in data["articles"]] == ["https://a.example.id/2"]
    assert html.xpath("//ol[@class='articles']/li/a/@href") == [
        a["url"] for a in data["articles"]]
    assert "sampah" in [m.text.lower() for m in html.xpath("//main//mark")]
    html, data = both(client, "/search", q="tidak ada kata ini")
    assert data["events"] == data["articles"] == []
    assert "No events match" in html.text_content()


@pytest.mark.parametrize("by", ["month", "destination", "visitor", "kind", "topic"])
def test_stats_tables_match_their_json(
    client: TestClient, visits: dict[str, int], by: str
) -> None:
    html, data = both(client, "/stats", by=by)
    rows = [(r.xpath("string(td[1])").strip(), int(r.xpath("string(td[2])")))
            for r in html.xpath("//table[@class='stats']/tbody/tr")]
    assert [count for _, count in rows] == [r["count"] for r in data["rows"]]
    assert sum(count for _, count in rows) == 5  # each visit once, however many sources
    if by == "month":  # every month in the span; an empty one counts 0 and links nowhere
        assert [(r["key"], r["count"], r["url"]) for r in data["rows"]] == [
            ("2025-03", 1, "/?from=2025-03-01&to=2025-03-31"), ("2025-04", 0, None),
            ("2025-05", 1, "/?from=2025-05-01&to=2025-05-31"), ("2025-06", 0, None),
            ("2025-07", 2, "/?from=2025-07-01&to=2025-07-31"), ("2025-08", 0, None),
            ("2025-09", 1, "/?from=2025-09-01&to=2025-09-30")]
    # each row's link leads to the events it counts
    for row in data["rows"]:
        if row["url"] and row["url"].startswith("/?"):
            listed = client.get("/.json" + row["url"][1:]).json()
            assert listed["total"] == row["count"], row


def test_stats_take_the_list_filters(client: TestClient, visits: dict[str, int]) -> None:
    _, data = both(client, "/stats", by="destination", region="Kalbar")
    assert {r["key"]: r["count"] for r in data["rows"]} == {
        "DPRD Provinsi Kalimantan Barat": 1, "DPRD Provinsi Bali": 1, "DPRD Kota Pontianak": 1}
    assert data["resolved"]["region_code"] == "61"


def test_the_stylesheet_is_served(client: TestClient) -> None:
    response = client.get("/static/style.css")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/css")
    assert "mark" in response.text
