"""``/coverage``: the coverage table and the sources that went quiet or broke, as a page and
its JSON twin."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kunker.web import create_app


@pytest.fixture
def client(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from crawler.summary import SourceStats
    from storage.db import make_engine, write_transaction
    from storage.migrate import upgrade
    from storage.source_health import record_runs

    monkeypatch.setenv("KUNKER_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("KUNKER_SOURCES", raising=False)
    upgrade(db_url)
    engine = make_engine(db_url)
    started = datetime.now(UTC) - timedelta(hours=1)
    broken = SourceStats(errors={"feed: HTTP 404": 1},  # type: ignore[arg-type]
                         error_urls={"feed: HTTP 404": "https://bali.antaranews.com/rss"})
    with write_transaction(engine) as session:
        record_runs(session, started, started + timedelta(minutes=2), {"antara-bali": broken})
    engine.dispose()
    with TestClient(create_app(db_url)) as test_client:
        yield test_client


def test_coverage_page_and_twin_list_every_province_and_the_broken_source(
    client: TestClient
) -> None:
    data = client.get("/coverage.json").json()
    assert len(data["provinces"]) == 39
    malut = next(row for row in data["provinces"] if row["province"] == "Maluku Utara")
    assert malut["sources"] >= 4 and malut["gdelt"] is True
    assert [p["source"] for p in data["problems"]] == ["antara-bali"]
    assert data["problems"][0]["status"] == "broken"
    page = client.get("/coverage")
    assert page.status_code == 200
    assert "Maluku Utara" in page.text and "antara-bali" in page.text
    assert "feed: HTTP 404 at https://bali.antaranews.com/rss" in page.text
    assert 'href="/coverage"' in client.get("/stats").text
