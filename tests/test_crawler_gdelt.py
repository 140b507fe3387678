"""Cross-outlet discovery through the GDELT DOC 2.0 API, against answers in the API's
recorded shape (written for kunker) served by a local server: the query, the answer's
links, the API's error lines, the rate limit, and the query kept with each article."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from crawler.discovery import DiscoveryError
from crawler.gdelt import build_query, parse_artlist
from crawler.run import LOCAL_SITE_SETTINGS, run_crawl
from crawler.sources import Source, default_sources
from kunker.localsite import LocalSite

FIXTURES = Path(__file__).parent / "fixtures" / "gdelt"
GOVID_SITE = Path(__file__).parent / "fixtures" / "shapes" / "govid"
API_PATH = "/api/v2/doc/doc"
MALUT = Source(name="gdelt-maluku-utara", kind="gdelt", province="Maluku Utara",
               gdelt_query='("Maluku Utara" OR Malut)', timezone="WIT", optional=True)
FAST = {**LOCAL_SITE_SETTINGS, "DOWNLOAD_TIMEOUT": 10, "RETRY_TIMES": 0}


def fixture(name: str, base_url: str = "http://gdelt.test") -> bytes:
    return (FIXTURES / name).read_bytes().replace(b"{{BASE_URL}}", base_url.encode())


def test_query_asks_for_indonesian_visit_reports_naming_the_province() -> None:
    query = build_query(MALUT, api="http://gdelt.test/api/v2/doc/doc")
    parts = urlsplit(query.url)
    params = parse_qs(parts.query)
    assert parts.path == API_PATH
    assert params["mode"] == ["artlist"] and params["format"] == ["json"]
    assert params["maxrecords"] == ["250"] and params["timespan"] == ["3d"]
    searched = params["query"][0]
    assert searched == query.text
    for part in ('"kunjungan kerja"', '"studi banding"', "DPRD", '("Maluku Utara" OR Malut)',
                 "sourcecountry:ID", "sourcelang:ind"):
        assert part in searched
    assert "%22Maluku%20Utara%22" in query.url  # encoded, not raw spaces and quotes


def test_a_province_without_its_own_query_is_searched_by_name() -> None:
    source = Source(name="gdelt-bali", kind="gdelt", province="Bali")
    text = build_query(source).text
    assert '(DPRD OR DPR OR DPD OR DPRK OR DPRA) "Bali" sourcecountry:ID' in text


def test_artlist_answer_gives_links_with_seen_dates_and_the_query() -> None:
    links = parse_artlist(fixture("artlist.json"), "application/json; charset=utf-8",
                          "http://gdelt.test/api", "the query")
    assert len(links) == 3
    first = links[0]
    assert first.url.startswith("http://gdelt.test/berita/detail/317/")
    assert first.title == "Pimpinan DPRD Provinsi Maluku Utara Terima Kunjungan DPRD Kota Bitung"
    assert first.published == datetime(2025, 6, 16, 3, 15, tzinfo=UTC)
    assert {link.query for link in links} == {"the query"}


def test_an_empty_answer_has_no_links() -> None:
    assert parse_artlist(fixture("empty.json"), "application/json", "http://g.test/", "q") == []


def test_malformed_json_from_the_api_is_repaired() -> None:
    links = parse_artlist(fixture("malformed.json"), "application/json", "http://g.test/", "q")
    assert [link.url for link in links] == ["https://kabar.example.id/a"]


@pytest.mark.parametrize(("name", "said"), [
    ("rate_limited.txt", "rate limited by GDELT (Please limit requests to one every 5 seconds"),
    ("bad_query.txt", "GDELT refused the query: The specified phrase is too short."),
])
def test_the_apis_text_answers_are_one_line_errors(name: str, said: str) -> None:
    with pytest.raises(DiscoveryError) as error:
        parse_artlist(fixture(name), "text/html; charset=utf-8", "http://g.test/", "q")
    assert str(error.value).startswith(said) and "\n" not in str(error.value)


def test_gdelt_sources_are_left_out_of_a_crawl_of_every_source() -> None:
    news = Source(name="kabar", feeds=("https://kabar.example.id/feed/",))
    assert default_sources([news, MALUT]) == [news]


@pytest.fixture
def gdelt_site(local_site: LocalSite) -> LocalSite:
    """The API answering with artlist.json, and the articles it names on the same server."""
    assert local_site.root is not None
    shutil.copytree(GOVID_SITE, local_site.root, dirs_exist_ok=True)
    local_site.set_body(API_PATH, fixture("artlist.json", local_site.base_url),
                        "application/json; charset=utf-8")
    return local_site


def test_gdelt_crawl_stores_the_articles_with_the_query_that_found_them(
    gdelt_site: LocalSite, db_url: str
) -> None:
    from sqlalchemy import select

    from storage.db import make_engine, session_factory
    from storage.migrate import upgrade
    from storage.models import Article
    from storage.url_aliases import queries_of

    upgrade(db_url)
    settings = {**FAST, "KUNKER_GDELT_API": gdelt_site.url(API_PATH)}
    summary = run_crawl([MALUT], db_url, settings=settings, timeout=120)
    stats = summary.sources[MALUT.name]
    assert stats.discovered == 3 and stats.stored_new == 2
    assert stats.errors == {"HTTP 404": 1}  # the removed page GDELT still lists
    engine = make_engine(db_url)
    try:
        with session_factory(engine)() as session:
            articles = session.execute(select(Article.id, Article.title)).all()
            assert len(articles) == 2
            for article_id, _ in articles:
                [(source, query)] = queries_of(session, article_id)
                assert source == MALUT.name
                assert '("Maluku Utara" OR Malut)' in query and "sourcelang:ind" in query
    finally:
        engine.dispose()
    second = run_crawl([MALUT], db_url, settings=settings, timeout=120)
    assert second.sources[MALUT.name].skipped_known == 2  # known: not fetched again


def test_gdelt_requests_keep_the_rate_limit(gdelt_site: LocalSite, tmp_path: Path) -> None:
    delay = 1.0
    bali = Source(name="gdelt-bali", kind="gdelt", province="Bali", optional=True)
    settings = {**FAST, "KUNKER_GDELT_API": gdelt_site.url(API_PATH),
                "DOWNLOAD_SLOTS": {"gdelt": {"concurrency": 1, "delay": delay, "jitter": 0}}}
    run_crawl([MALUT, bali], f"jsonl:{tmp_path / 'a.jsonl'}", settings=settings, timeout=120)
    api_calls = [(at, unquote(path)) for at, path in gdelt_site.timed_requests
                 if path.startswith(API_PATH)]
    assert len(api_calls) == 2
    assert api_calls[1][0] - api_calls[0][0] >= delay * 0.95
    assert any('"Bali"' in path for _, path in api_calls)
    rows = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text().splitlines()]
    assert rows and all(row["found_query"] for row in rows)
