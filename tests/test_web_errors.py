"""The web app's failures, page and JSON alike: any search text is safe, bad parameters are
400 with one line, unknown things 404, and a database without the current schema 503 saying
to run `kunker db upgrade` (until it has run). Never a traceback."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from kunker.web import create_app

ARTICLE_TEXT = ("Komisi II DPRD Provinsi Jambi berkunjung ke DPRD Kalimantan Barat di Pontianak "
                "membahas perlindungan tenaga kerja nelayan.")
NASTY_QUERIES = ['"', "*", "OR", "AND NOT", "NEAR(a b)", "'; DROP TABLE events; --",
                 "sampah OR nelayan", "nelayan*", '"nelayan', "-nelayan", "%", "_", "\\",
                 "<script>alert(1)</script>", "\x00", "tenaga kerja " * 50]


@pytest.fixture
def one_visit(store_article: Any, extract: Any, visit: Any) -> int:
    article = store_article("https://a.example.id/1", text=ARTICLE_TEXT, title="Kunjungan kerja")
    return extract(article, [visit()]).event_ids[0]


@pytest.fixture
def client(db_url: str, one_visit: int) -> Iterator[TestClient]:
    with TestClient(create_app(db_url)) as test_client:
        yield test_client


def assert_error(response: Any, status: int, message: str) -> None:
    """An error page or JSON error with ``message``, and nothing of a traceback."""
    assert response.status_code == status, response.text
    assert "Traceback" not in response.text
    if response.headers["content-type"].startswith("application/json"):
        data = response.json()
        assert (data["ok"], data["status"]) == (False, status)
        assert message in data["error"] and "\n" not in data["error"]
    else:
        assert response.headers["content-type"].startswith("text/html")
        assert message.replace("'", "&#39;") in response.text


def test_any_search_text_finds_matches_or_nothing(client: TestClient, one_visit: int) -> None:
    for query in NASTY_QUERIES:
        page = client.get("/search", params={"q": query})
        assert page.status_code == 200, (query, page.text)
        assert "<script>alert" not in page.text  # what was typed is shown escaped
        data = client.get("/search.json", params={"q": query}).json()
        assert isinstance(data["events"], list) and isinstance(data["articles"], list)
    found = client.get("/search.json", params={"q": "nelayan*"}).json()
    assert [e["id"] for e in found["events"]] == [one_visit]  # "*" is no syntax, not dropped
    assert client.get("/.json").json()["total"] == 1  # nothing was dropped


def test_article_text_is_shown_escaped(
    client: TestClient, store_article: Any, extract: Any, visit: Any
) -> None:
    nasty = "<script>alert(1)</script> [nelayan] Komisi II <b>DPRD</b> nelayan"
    article = store_article("https://a.example.id/2", text=nasty, title=nasty)
    event_id = extract(article, [visit(on="2025-10-01", topic="<i>nelayan</i>")]).event_ids[0]
    for path, shown in [(f"/events/{event_id}", "&lt;script&gt;alert(1)&lt;/script&gt;"),
                        ("/search?q=nelayan", "&lt;script&gt;alert(1)&lt;/script&gt;"),
                        ("/", "&lt;i&gt;nelayan&lt;/i&gt;")]:
        page = client.get(path)
        assert page.status_code == 200
        assert "<script>alert" not in page.text and "<b>DPRD" not in page.text
        assert "<i>nelayan" not in page.text
        assert shown in page.text, path


@pytest.mark.parametrize(
    ("path", "params", "message"),
    [
        ("/", {"kind": "reses"}, "kind 'reses': choose one of kunjungan_kerja"),
        ("/", {"from": "2025-13-01"}, "from '2025-13-01': not a date"),
        ("/", {"to": "kemarin"}, "to 'kemarin': not a date"),
        ("/", {"from": "2025-06", "to": "2025-01"}, "from 2025-06 is after to 2025-01"),
        ("/", {"side": "tamu", "institution": "DPR RI"}, "side 'tamu': choose one of visitor"),
        ("/", {"side": "host"}, "side needs institution or region"),
        ("/", {"region": "Atlantis"}, "region 'Atlantis': no province"),
        ("/", {"institution": "DPRD Atlantis"}, "unknown institution 'DPRD Atlantis'"),
        ("/", {"topic": "olahraga"}, "topic 'olahraga': choose one of"),
        ("/", {"page": "0"}, "page '0': give a whole number from 1"),
        ("/", {"limit": "abc"}, "limit 'abc': give a whole number from 1 to 500"),
        ("/", {"person": "a\x00b"}, "person: contains a NUL character"),
        ("/", {"institution": "x" * 300}, "institution: longer than 200 characters"),
        ("/stats", {"by": "year"}, "by 'year': choose one of month, destination"),
        ("/search", {"q": "x", "order": "random"}, "order 'random': choose one of newest"),
        ("/history", {}, "institution: give an institution's name"),
    ],
)
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # checked before any query
def test_bad_parameters_are_400_with_one_line(
    client: TestClient, path: str, params: dict[str, str], message: str
) -> None:
    twin = "/.json" if path == "/" else path + ".json"
    assert_error(client.get(path, params=params), 400, message)
    assert_error(client.get(twin, params=params), 400, message)


def test_unknown_things_are_404(client: TestClient, one_visit: int) -> None:
    for path, message in [
        ("/events/999999", "no event with id 999999"),
        ("/events/abc", "event id 'abc': ids are whole numbers"),
        ("/events/99999999999999999999999", "no event with id 9999"),  # beyond any integer
        ("/institutions/Dewan Antah Berantah", "unknown institution 'Dewan Antah Berantah'"),
        ("/nowhere", "no page at /nowhere"),
    ]:
        assert_error(client.get(path), 404, message)
        assert_error(client.get(path + ".json"), 404, message)
    assert client.get(f"/events/{one_visit}").status_code == 200


def test_a_database_without_the_schema_is_503_until_it_is_upgraded(db_url: str) -> None:
    from storage import upgrade

    with TestClient(create_app(db_url)) as client:
        for path in ("/", "/.json", "/events/1", "/events/1.json", "/institutions/DPR RI",
                     "/search.json?q=sampah", "/stats", "/stats.json"):
            assert_error(client.get(path), 503, "no kunker schema yet: run `kunker db upgrade`")
        upgrade(db_url)
        assert client.get("/.json").json()["total"] == 0  # the running app recovers


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_an_older_schema_is_503_saying_to_upgrade(db_url: str) -> None:
    from alembic.script import ScriptDirectory

    from storage import upgrade
    from storage.migrate import alembic_config, head_revision

    base = ScriptDirectory.from_config(alembic_config()).get_base()
    if base == head_revision():
        pytest.skip("one migration only: no older schema to test with")
    upgrade(db_url, base)
    with TestClient(create_app(db_url)) as client:
        assert_error(client.get("/.json"), 503, f"is at schema {base}, this kunker needs")
        assert_error(client.get("/"), 503, "run `kunker db upgrade`")


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_database_that_cannot_be_opened_is_503(tmp_path: Any, backend: str) -> None:
    url = (f"sqlite:///{tmp_path / 'no such dir' / 'kunker.sqlite'}" if backend == "sqlite"
           else "postgresql+psycopg://kunker@127.0.0.1:1/kunker")  # nothing listens on port 1
    with TestClient(create_app(url)) as client:
        assert_error(client.get("/.json"), 503, f"the database at {url} cannot be read: ")
        assert_error(client.get("/"), 503, "cannot be read")
