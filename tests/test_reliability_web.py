"""Hostile requests to the web app and `kunker show` (issue 12): ids no row can have are 404
or one line, never a 500; every page escapes what it echoes; HTML pages forbid scripts,
framing and leaking their query; the OpenAPI schema holds under generated requests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from kunker.cli import main
from kunker.web import create_app

pytestmark = pytest.mark.reliability

ARTICLE_TEXT = ("Komisi II DPRD Provinsi Jambi berkunjung ke DPRD Kalimantan Barat di Pontianak "
                "membahas perlindungan tenaga kerja nelayan.")
SCRIPT = "<script>alert(1)</script>"
# digits str.isdigit() accepts and int() refuses; the first id PostgreSQL's integer cannot
# hold; the largest it can; far past any integer
NOT_IDS = ["²", "③", "١٢", "𝟙"]
PAST_THE_COLUMN = ["2147483648", "9223372036854775807", "9" * 5000]


@pytest.fixture
def one_visit(store_article: Any, extract: Any, visit: Any) -> int:
    article = store_article("https://a.example.id/1", text=ARTICLE_TEXT, title="Kunjungan kerja")
    return extract(article, [visit()]).event_ids[0]


@pytest.fixture
def client(db_url: str, one_visit: int) -> Iterator[TestClient]:
    with TestClient(create_app(db_url), raise_server_exceptions=False) as test_client:
        yield test_client


def test_unicode_digits_and_ids_past_the_id_column_are_404_not_500(
    client: TestClient, one_visit: int
) -> None:
    for event_id in [*NOT_IDS, *PAST_THE_COLUMN, "0", "-1"]:
        for path in (f"/events/{event_id}", f"/events/{event_id}.json"):
            page = client.get(path)
            assert page.status_code == 404, (path, page.status_code, page.text[:200])
    assert client.get(f"/events/{one_visit}.json").json()["id"] == one_visit
    assert client.get(f"/events/0{one_visit}.json").status_code == 200  # leading zero


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # refused before any query
def test_unicode_digits_as_page_numbers_are_400_not_500(client: TestClient) -> None:
    for value in [*NOT_IDS, "9" * 5000]:
        for path in ("/", "/.json", "/search.json"):
            page = client.get(path, params={"page": value, "q": "nelayan"})
            assert page.status_code == 400, (path, value, page.status_code)
            assert "give a whole number" in page.text or "longer than" in page.text


def test_show_with_an_id_no_row_can_have_is_one_line(
    db_url: str, one_visit: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("KUNKER_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("KUNKER_DATABASE_URL", db_url)
    for event_id in [*NOT_IDS, *PAST_THE_COLUMN[:2]]:
        with pytest.raises(SystemExit) as exited:
            main(["show", event_id])
        out, err = capsys.readouterr()
        assert exited.value.code == 1 and out == "", event_id
        assert err.startswith("error: ") and err.count("\n") == 1, err
        assert "ValueError" not in err and "DataError" not in err


SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@SQLITE_ONLY  # what is checked does not touch the database
def test_html_pages_forbid_scripts_framing_and_referrers(client: TestClient,
                                                         one_visit: int) -> None:
    for path in ("/", f"/events/{one_visit}", "/search?q=nelayan", "/stats", "/status",
                 "/events/999999"):
        page = client.get(path)
        assert page.headers["content-type"].startswith("text/html"), path
        policy = page.headers["content-security-policy"]
        assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
        assert "script-src" not in policy  # no script may run at all
        assert page.headers["x-frame-options"] == "DENY"
        assert page.headers["referrer-policy"] == "same-origin"
        assert "<script" not in page.text.lower(), path  # the policy breaks nothing
    assert client.get("/docs").status_code == 200  # Swagger UI keeps its own scripts


@SQLITE_ONLY  # escaping is the templates' business (the web error tests run both)
def test_script_in_titles_names_topics_and_queries_is_shown_escaped(
    client: TestClient, store_article: Any, extract: Any, visit: Any
) -> None:
    article = store_article("https://a.example.id/xss", text=ARTICLE_TEXT + SCRIPT,
                            title=f"Judul {SCRIPT}")
    event_id = extract(article, [visit(
        visitor=f"DPRD Kota {SCRIPT}", on="2025-10-01", topic=f"topik {SCRIPT}",
        people=[(f"Budi {SCRIPT}", "Ketua", "visitor")])]).event_ids[0]
    pages = [f"/events/{event_id}", "/", f"/search?q={SCRIPT}", "/search?q=topik",
             f"/?institution={SCRIPT}", f"/events/{SCRIPT}", f"/institutions/{SCRIPT}",
             f"/stats?by=visitor&topic={SCRIPT}"]
    for path in pages:
        page = client.get(path)
        assert page.status_code in (200, 400, 404), (path, page.status_code)
        assert "<script>alert" not in page.text, path
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get(f"/events/{event_id}").text


SCHEMATHESIS_EXAMPLES = int(os.environ.get("KUNKER_SCHEMATHESIS_EXAMPLES", "15"))


@SQLITE_ONLY
def test_generated_requests_to_the_openapi_schema_get_no_500_and_fit_the_schema(
    db_url: str, one_visit: int
) -> None:
    schemathesis = pytest.importorskip("schemathesis")
    from hypothesis import HealthCheck, given, settings

    checks = [schemathesis.checks.not_a_server_error,
              schemathesis.checks.content_type_conformance,
              schemathesis.checks.response_schema_conformance]
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(db_url))
    tried: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=SCHEMATHESIS_EXAMPLES, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def check(case: Any) -> None:
            tried.append(case.formatted_path)
            case.validate_response(case.call(), checks=checks)

        check()  # raises, naming the request, on a 500 or a response outside the schema
    assert len(tried) >= SCHEMATHESIS_EXAMPLES
