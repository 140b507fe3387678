"""`kunker events/search/history/stats/show/export` on a real database (SQLite and
PostgreSQL): aliases resolved, filters applied, exports that round-trip, one-line errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from kunker.cli import main
from tests.conftest import extract_in, make_visit, store_article_in

# Texts written for these tests; events built with the storage fixtures (no extraction).
JAMBI_TEXT = ("Komisi II DPRD Provinsi Jambi berkunjung ke DPRD Kalimantan Barat di Pontianak "
              "membahas perlindungan tenaga kerja nelayan.")
SAMPAH_TEXT = ("DPRD Kalimantan Barat melakukan studi banding pengelolaan sampah ke DPRD Provinsi "
               "Bali di Denpasar.")
BADUNG_TEXT = "DPRD Badung berkonsultasi ke DPRD Kota Pontianak soal rancangan peraturan daerah."
BANDUNG_TEXT = ("DPRD Kota Bandung dan DPRD Kabupaten Bandung masing-masing berkunjung ke "
                "Semarang dan Surabaya.")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    out, err = capsys.readouterr()
    return int(exited.value.code or 0), out, err


def run_json(argv: list[str], capsys: pytest.CaptureFixture[str]) -> Any:
    code, out, err = run([*argv, "--json"], capsys)
    assert code == 0, err
    return json.loads(out)


def store_visits(engine: Any) -> dict[str, int]:
    """Five visits in six articles (one visit reported by two outlets); event ids by name."""
    people = [("Rosmaida Sinaga", "Sekretaris Komisi III DPRD Kalbar", "host")]
    jambi = make_visit("DPRD Provinsi Jambi", "DPRD Provinsi Kalimantan Barat",
                       on="2025-09-18", location="Pontianak", people=people)
    plan = {
        "jambi": [("https://a.example.id/1", JAMBI_TEXT, "a.example.id", [jambi]),
                  ("https://b.example.id/1", JAMBI_TEXT, "b.example.id", [jambi])],
        "sampah": [("https://a.example.id/2", SAMPAH_TEXT, "a.example.id", [make_visit(
            "DPRD Provinsi Kalimantan Barat", "DPRD Provinsi Bali", on="2025-03-10",
            kind="studi_banding", visitor_unit=None, topic="pengelolaan sampah",
            category="lingkungan_energi")])],
        "badung": [("https://a.example.id/3", BADUNG_TEXT, "a.example.id", [make_visit(
            "DPRD Kabupaten Badung", "DPRD Kota Pontianak", on="2025-05-05", kind="konsultasi",
            visitor_unit=None, topic="rancangan peraturan daerah", category="legislasi")])],
        "bandung": [("https://a.example.id/4", BANDUNG_TEXT, "a.example.id", [
            make_visit("DPRD Kota Bandung", "DPRD Kota Semarang", on="2025-07-01",
                       visitor_unit=None),
            make_visit("DPRD Kabupaten Bandung", "DPRD Kota Surabaya", on="2025-07-02",
                       visitor_unit=None)])],
    }
    ids: dict[str, int] = {}
    for name, articles in plan.items():
        for url, text, outlet, events in articles:
            article = store_article_in(engine, url, text=text, title=text[:60], source=outlet)
            ids[name] = extract_in(engine, article, events).event_ids[0]
    return ids


@pytest.fixture(scope="module")
def stored_visits(module_engine: Any) -> dict[str, int]:
    """The five visits, stored once per backend for the tests of this module that only
    read them (queries, exports and statuses write nothing to the database)."""
    return store_visits(module_engine)


@pytest.fixture
def visits(
    stored_visits: dict[str, int], module_db_url: str, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> dict[str, int]:
    """The five visits in the database the commands use (the module's, read only); event
    ids by name. A test that stores more takes ``own_visits``."""
    monkeypatch.setenv("KUNKER_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("KUNKER_DATABASE_URL", module_db_url)
    return dict(stored_visits)


@pytest.fixture
def own_visits(
    db_url: str, engine: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> dict[str, int]:
    """The five visits in a database of the test's own, which it may add to."""
    monkeypatch.setenv("KUNKER_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("KUNKER_DATABASE_URL", db_url)
    return store_visits(engine)


def test_events_lists_newest_first_with_json_for_machines(
    visits: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    data = run_json(["events"], capsys)
    assert data["total"] == 5
    assert [e["date"] for e in data["events"]] == sorted(
        (e["date"] for e in data["events"]), reverse=True)
    jambi = next(e for e in data["events"] if e["id"] == visits["jambi"])
    assert jambi["visitor"] == {"institution": "DPRD Provinsi Jambi", "unit": "Komisi II"}
    assert jambi["source_count"] == 2
    code, out, _ = run(["events"], capsys)
    assert code == 0 and "DPRD Provinsi Jambi" in out and "events 1–5 of 5" in out


def test_events_pages_through_results(
    visits: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    pages = [run_json(["events", "--limit", "2", "--page", str(p)], capsys) for p in (1, 2, 3)]
    paged = [e["id"] for page in pages for e in page["events"]]
    assert paged == [e["id"] for e in run_json(["events"], capsys)["events"]]
    assert [len(page["events"]) for page in pages] == [2, 2, 1]
    assert "next: --page 2" in run(["events", "--limit", "2"], capsys)[1]


def test_institution_alias_is_resolved_and_announced(
    visits: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["events", "--institution", "dprd kalbar", "--json"], capsys)
    assert code == 0
    assert "'dprd kalbar' -> DPRD Provinsi Kalimantan Barat" in err
    assert {e["id"] for e in json.loads(out)["events"]} == {visits["jambi"], visits["sampah"]}
    hosted = run_json(["events", "-i", "DPRD Kalbar", "--as", "host"], capsys)
    assert [e["id"] for e in hosted["events"]] == [visits["jambi"]]


def test_region_filter_takes_names_and_a_province_includes_its_cities(
    visits: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    either = run_json(["events", "--region", "Kalimantan Barat"], capsys)
    assert {e["id"] for e in either["events"]} == {
        visits["jambi"], visits["sampah"], visits["badung"]}
    hosts = run_json(["events", "--region", "Kalbar", "--as", "host"], capsys)
    assert {e["id"] for e in hosts["events"]} == {visits["jambi"], visits["badung"]}
    # a city: visits to its own bodies, and visits held there (Jambi met DPRD Kalbar
    # in Pontianak), by name or by its Kemendagri code
    city = run_json(["events", "--region", "Kota Pontianak"], capsys)
    assert {e["id"] for e in city["events"]} == {visits["badung"], visits["jambi"]}
    coded = run_json(["events", "--region", "61.71", "--as", "host"], capsys)
    assert {e["id"] for e in coded["events"]} == {visits["badung"], visits["jambi"]}


def test_date_kind_topic_and_person_filters(
    visits: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    def ids(*argv: str) -> set[int]:
        return {e["id"] for e in run_json(["events", *argv], capsys)["events"]}

    assert ids("--from", "2025-03", "--to", "2025-05") == {visits["sampah"], visits["badung"]}
    assert ids("--from", "2025-09-18") == {visits["jambi"]}
    assert ids("--kind", "studi_banding") == {visits["sampah"]}
    assert ids("--topic", "legislasi") == {visits["badung"]}
    assert ids("--person", "sinaga") == {visits["jambi"]}


def test_history_accepts_aliases_and_lists_both_directions_in_order(
    visits: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["history", "dprd kalbar", "--json"], capsys)
    assert code == 0 and "DPRD Provinsi Kalimantan Barat" in err
    data = json.loads(out)
    assert [(h["role"], h["id"]) for h in data["history"]] == [
        ("visitor", visits["sampah"]), ("host", visits["jambi"])]
    assert (data["visits_made"], data["visits_received"]) == (1, 1)
    code, out, _ = run(["history", "DPRD Provinsi Kalimantan Barat"], capsys)
    assert code == 0
    assert out.index("DPRD Provinsi Bali") < out.index("DPRD Provinsi Jambi")


def test_an_ambiguous_name_lists_the_candidates(
    visits: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["history", "DPRD Bandung"], capsys)
    assert code == 1 and not out
    assert err.count("\n") == 1
    assert "DPRD Kabupaten Bandung" in err and "DPRD Kota Bandung" in err


def test_stats_count_each_visit_once(
    visits: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    months = run_json(["stats"], capsys)["rows"]
    # every month from the first to the last: a chart of it has no missing months
    assert [(r["key"], r["count"]) for r in months] == [
        ("2025-03", 1), ("2025-04", 0), ("2025-05", 1), ("2025-06", 0), ("2025-07", 2),
        ("2025-08", 0), ("2025-09", 1)]
    destinations = run_json(["stats", "--by", "destination", "--region", "Kalbar"], capsys)
    assert {r["key"]: r["count"] for r in destinations["rows"]} == {
        "DPRD Provinsi Kalimantan Barat": 1, "DPRD Provinsi Bali": 1, "DPRD Kota Pontianak": 1}
    code, out, _ = run(["stats", "--by", "kind"], capsys)
    # not a terminal: plain tab-separated lines (the bars are drawn on a terminal only)
    assert code == 0 and "kunjungan_kerja\t3" in out.splitlines() and "█" not in out


def test_show_prints_every_field_source_and_evidence(
    visits: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    event_id = str(visits["jambi"])
    code, out, _ = run(["show", event_id], capsys)
    assert code == 0
    for expected in ("DPRD Provinsi Jambi", "Komisi II", "DPRD Provinsi Kalimantan Barat",
                     "2025-09-18", "Pontianak", "perlindungan tenaga kerja nelayan",
                     "sosial_ketenagakerjaan", "Rosmaida Sinaga", "https://a.example.id/1",
                     "https://b.example.id/1", "Komisi II berkunjung."):
        assert expected in out, expected
    record = run_json(["show", event_id], capsys)
    assert [s["outlet"] for s in record["sources"]] == ["a.example.id", "b.example.id"]
    assert record["host_region_code"] == "61"


def test_search_finds_events_and_articles(
    visits: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    data = run_json(["search", "sampah"], capsys)
    assert [e["id"] for e in data["events"]] == [visits["sampah"]]
    # the fixture's article URL carries a tracking parameter; the canonical URL does not
    assert [a["url"].split("?")[0] for a in data["articles"]] == ["https://a.example.id/2"]
    code, out, _ = run(["search", "tidak ada kata ini"], capsys)
    assert code == 0 and "nothing found" in out


def test_export_jsonl_round_trips_to_the_same_events(
    visits: dict[str, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from nlp.records import Event

    target = tmp_path / "events.jsonl"
    code, _, err = run(["export", "--format", "jsonl", "-o", str(target)], capsys)
    assert code == 0 and "exported 5 events" in err
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 5
    for line in lines:
        shown = run_json(["show", str(line["id"])], capsys)
        for key in ("provenance", "location_region_code"):  # `show` only
            shown.pop(key)
        assert line == shown
        # the SCHEMA.md part reads back into the extractor's record unchanged
        event = Event.from_dict(line).to_dict()
        for key in ("kind", "visitor", "host", "date", "location", "people", "topic",
                    "topic_category"):
            assert event[key] == line[key]
    assert {s["url"].split("?")[0] for line in lines for s in line["sources"]} == {
        f"https://{host}/{n}" for host, n in [("a.example.id", 1), ("b.example.id", 1),
                                              ("a.example.id", 2), ("a.example.id", 3),
                                              ("a.example.id", 4)]}
    assert not list(tmp_path.glob("*.partial"))


def test_export_csv_json_and_graphml_hold_every_event(
    visits: dict[str, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import networkx as nx

    code, out, _ = run(["export", "-f", "csv", "--from", "2025-05"], capsys)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 4
    jambi = next(r for r in rows if r["id"] == str(visits["jambi"]))
    assert jambi["source_urls"] == (
        "https://a.example.id/1?utm_source=test | https://b.example.id/1?utm_source=test")
    assert jambi["people"] == "Rosmaida Sinaga (host, Sekretaris Komisi III DPRD Kalbar)"
    code, out, _ = run(["export", "-f", "json"], capsys)
    assert code == 0 and len(json.loads(out)) == 5
    graph_file = tmp_path / "visits.graphml"
    assert run(["export", "-f", "graphml", "-o", str(graph_file)], capsys)[0] == 0
    graph = nx.read_graphml(graph_file)
    assert graph.number_of_edges() == 5
    assert graph.has_edge("DPRD Provinsi Jambi", "DPRD Provinsi Kalimantan Barat")
    kalbar = graph.nodes["DPRD Provinsi Kalimantan Barat"]
    assert (kalbar["kind"], kalbar["region_code"], kalbar["visits_made"],
            kalbar["visits_received"]) == ("dprd", "61", 1, 1)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["events", "--institution", "DPRD Atlantis"], "unknown institution 'DPRD Atlantis'"),
        (["history", "Dewan Antah Berantah"], "unknown institution"),
        (["events", "--from", "2025-13-01"], "--from '2025-13-01': not a date"),
        (["events", "--to", "kemarin"], "--to 'kemarin': not a date"),
        (["events", "--region", "Atlantis"], "--region 'Atlantis': no province"),
        (["events", "--as", "tamu", "-i", "DPR RI"], "--as 'tamu': choose one of visitor, host"),
        (["events", "--as", "host"], "--as needs --institution or --region"),
        (["events", "--kind", "reses"], "--kind 'reses': choose one of"),
        (["stats", "--by", "year"], "--by 'year': choose one of"),
        (["show", "999999"], "no event with id 999999"),
        (["show", "abc"], "event id 'abc'"),
        (["export", "--format", "xlsx"], "--format 'xlsx': choose one of csv, jsonl"),
    ],
)
@pytest.mark.parametrize("module_db_url", ["sqlite"], indirect=True)  # checked before a query
def test_bad_input_is_one_line_error_without_traceback(
    visits: dict[str, int], capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(argv, capsys)
    assert code == 1 and not out
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert message in err
    assert "Traceback" not in err


def test_a_database_without_schema_says_to_upgrade(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KUNKER_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("KUNKER_DATABASE_URL", raising=False)
    code, _, err = run(["events"], capsys)
    assert code == 1 and err.count("\n") == 1 and "kunker db upgrade" in err


# -- what a new user saw, and what now happens --------------------------------------------


def test_lists_off_a_terminal_are_plain_unpadded_lines_without_a_needless_legend(
    visits: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["events", "--institution", "dprd kalbar"], capsys)
    lines = out.splitlines()
    assert code == 0 and lines[1].split("\t")[0] == "id"
    assert all(line == line.rstrip() and len(line) < 200 for line in lines)
    assert "~date" not in out  # every listed visit has its own date
    assert err.strip() == "institution: 'dprd kalbar' -> DPRD Provinsi Kalimantan Barat"


def test_the_approximate_date_legend_appears_only_with_such_a_date(
    own_visits: dict[str, int], store_article: Any, extract: Any, visit: Any,
    capsys: pytest.CaptureFixture[str],
) -> None:
    article = store_article("https://c.example.id/9", published="2025-10-02T09:00:00+07:00")
    extract(article, [visit("DPRD Provinsi Bali", None, on=None, region="Kabupaten Buleleng",
                            visitor_unit=None)])
    code, out, _ = run(["events", "--from", "2025-10"], capsys)
    assert code == 0 and "~2025-10-02" in out and "~date: no article gives" in out
    event_id = next(line.split("\t")[0] for line in out.splitlines() if "~2025" in line)
    code, shown, _ = run(["show", event_id], capsys)
    assert "host: Kabupaten Buleleng" in shown.splitlines() and "host: ?" not in shown


def test_history_says_which_unit_of_the_institution_went(
    visits: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["history", "DPRD Jambi"], capsys)
    assert code == 0 and "Komisi II visited\tDPRD Provinsi Kalimantan Barat" in out
    data = run_json(["history", "DPRD Jambi"], capsys)
    assert data["history"][0]["unit"] == "Komisi II"


def test_search_says_where_the_words_were_found(
    visits: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    # "membahas" is in the article only: not in the topic, not in the evidence sentence
    data = run_json(["search", "Pontianak membahas"], capsys)
    hit = next(e for e in data["events"] if e["id"] == visits["jambi"])
    assert hit["matched_in"] == "article" and hit["matched_article"]["url"]
    assert "membahas" in hit["snippet"]
    topic = run_json(["search", "sampah"], capsys)["events"][0]
    assert topic["matched_in"] == "topic"
    _, out, _ = run(["search", "Pontianak membahas"], capsys)
    assert "why each event matched" in out and "the article" in out


def test_help_shows_flags_without_a_type_and_every_topic_category(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from nlp.records import TOPIC_CATEGORIES

    _, out, _ = run(["events", "--help"], capsys)
    assert "<bool>" not in out
    flat = " ".join(out.replace("│", " ").split())
    assert all(category in flat.replace(" ", "") for category in TOPIC_CATEGORIES)
    _, out, _ = run(["--help"], capsys)
    assert "<bool>" not in out and "--debug" in out


def test_stats_by_province_outlet_and_pair(
    visits: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    host = run_json(["stats", "--by", "host_province"], capsys)["rows"]
    assert {"key": "Provinsi Kalimantan Barat", "count": 2, "code": "61"} in host
    pairs = {r["key"]: r["count"] for r in run_json(["stats", "--by", "pair"], capsys)["rows"]}
    assert pairs["DPRD Provinsi Jambi → DPRD Provinsi Kalimantan Barat"] == 1
    outlets = run_json(["stats", "--by", "outlet"], capsys)["rows"]
    assert {r["key"]: r["count"] for r in outlets} == {"a.example.id": 5, "b.example.id": 1}
    code, _, err = run(["stats", "--by", "weather"], capsys)
    assert code == 1 and err.count("\n") == 1 and "pair" in err


def test_status_reports_the_database_and_says_when_no_update_ran(
    visits: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["status"], capsys)
    assert code == 0 and "holds: 5 events" in out
    assert "last update: none recorded" in out and "a.example.id: 4, 0," in out
    assert out.splitlines()[-1] == (
        "quiet: no article in the last 7 days from a.example.id, b.example.id")
    data = run_json(["status"], capsys)
    assert data["counts"]["reports"] == 6 and data["database"]["schema"]


def test_status_gives_each_crawled_sources_health_and_counts_those_never_crawled(
    own_visits: dict[str, int], engine: Any, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from collections import Counter
    from datetime import UTC, datetime, timedelta
    from types import SimpleNamespace

    from storage.articles import store_article
    from storage.db import write_transaction
    from storage.records import ArticleRecord
    from storage.source_health import record_runs

    sources = tmp_path / "sources.toml"
    sources.write_text("".join(
        f"[[source]]\nname = '{name}'\nfeeds = ['https://{name}.example.id/feed']\n\n"
        for name in ("warta", "rusak", "baru")), encoding="utf-8")
    monkeypatch.setenv("KUNKER_SOURCES", str(sources))

    def stats(fetched: int, errors: Counter[str], error_urls: dict[str, str]) -> object:
        return SimpleNamespace(listing_pages=1 if fetched else 0, discovered=fetched,
                               fetched=fetched, with_body=fetched, stored_new=fetched,
                               relevant=0, blocked=0,
                               dropped=Counter(), errors=errors, error_urls=error_urls)

    finished = datetime.now(UTC)
    fresh = ArticleRecord(
        url="https://warta.example.id/1", canonical_url="https://warta.example.id/1",
        source="warta", title="Berita", published_at=None, author=None, text=BADUNG_TEXT,
        language="id", content_hash="warta-1", fetched_at=finished, relevant=True)
    with write_transaction(engine) as session:
        store_article(session, fresh)
        record_runs(session, finished - timedelta(minutes=2), finished, {
            "warta": stats(3, Counter(), {}),
            "rusak": stats(0, Counter({"feed: HTTP 404": 1}),
                           {"feed: HTTP 404": "https://rusak.example.id/feed"})})
    data = run_json(["status"], capsys)
    health = {h["source"]: h for h in data["sources"]}
    assert set(health) == {"warta", "rusak"} and data["sources_never_crawled"] == 1
    assert data["sources"][0]["source"] == "rusak"  # problems first
    assert health["rusak"]["status"] == "broken" and "404" in health["rusak"]["last_error"]
    assert health["warta"]["status"] == "ok" and health["warta"]["last_success"]
    code, out, _ = run(["status"], capsys)
    assert code == 0 and "1 configured sources never crawled" in out
    assert any(line.startswith("  rusak: broken, never, 0, ") and "404" in line
               for line in out.splitlines())


def test_csv_export_dates_every_row_with_its_precision_and_a_permalink(
    visits: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["export", "-f", "csv", "--base-url", "https://kunker.example.org"],
                       capsys)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 5
    assert all(r["date"] and r["date_precision"] == "exact" for r in rows)
    assert rows[0]["permalink"] == f"https://kunker.example.org/events/{rows[0]['id']}"
    assert {r["extractor_version"] for r in rows} == {"v1"}
