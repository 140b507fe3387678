"""The web app in a real browser (Debian's chromium driven by Selenium): a journalist searches
for a body, opens an event, follows a source link to the article, opens the institution's
page, downloads its CSV (as many rows as the page counts) and reads its Atom feed; on a
desktop and on a 390 px phone screen, where nothing may run off the side.

Needs /usr/bin/chromium and /usr/bin/chromedriver (``scripts/setup --dev`` installs them with
apt-get). Without them the tests skip, unless KUNKER_REQUIRE_BROWSER=1 (CI), which fails.
A failing test leaves a screenshot in KUNKER_BROWSER_ARTIFACTS (default: the test's tmp dir).
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
REQUIRE_ENV = "KUNKER_REQUIRE_BROWSER"
ARTIFACTS_ENV = "KUNKER_BROWSER_ARTIFACTS"
WAIT_S = 10
VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}
JAMBI = "DPRD Provinsi Jambi"
KALBAR = "DPRD Provinsi Kalimantan Barat"
# Written for this test (invented people and wording).
ARTICLE = ("Komisi II DPRD Provinsi Jambi berkunjung ke DPRD Kalimantan Barat "
           "di Pontianak untuk membahas perlindungan pekerja nelayan. Rombongan dipimpin Ketua "
           "Komisi II, Wira Santoso.")


def _browser_or_skip() -> None:
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("the selenium package")
    if missing:
        reason = f"browser tests need {', '.join(missing)} (./scripts/setup --dev installs them)"
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"{REQUIRE_ENV}=1 but {reason}")
        pytest.skip(reason)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """SQLite only: the browser sees the same pages either way (storage tests cover both)."""
    return f"sqlite:///{tmp_path / 'kunker.sqlite'}"


@pytest.fixture
def site(local_site: Any, store_article: Any, extract: Any, visit: Any) -> Any:
    """Three visits, the first reported by an article the local site serves."""
    local_site.root.joinpath("berita").mkdir()
    local_site.root.joinpath("berita", "1.html").write_text(
        f"<html><head><title>Komisi II DPRD Jambi ke Kalbar</title></head><body>"
        f"<h1>Komisi II DPRD Jambi ke Kalbar</h1><p>{ARTICLE}</p></body></html>",
        encoding="utf-8")
    article_url = local_site.url("berita/1.html")
    plan = [
        (article_url, visit(JAMBI, KALBAR, on="2025-09-18", location="Pontianak",
                            people=[("Wira Santoso", "Ketua Komisi II", "visitor")])),
        ("https://b.example.id/2", visit(JAMBI, "DPRD Provinsi Bali", on="2025-06-10",
                                         kind="studi_banding", topic="pariwisata",
                                         category="pariwisata_budaya")),
        ("https://c.example.id/3", visit("DPRD Kota Pontianak", JAMBI, on=None,
                                         topic="rancangan peraturan daerah",
                                         category="legislasi")),
    ]
    for n, (url, record) in enumerate(plan):
        article = store_article(url, text=ARTICLE, title=f"Kunjungan {n}",
                                published=f"2025-0{6 + n}-1{n}T09:00:00+07:00")
        extract(article, [record])
    return local_site


@pytest.fixture
def server(site: Any, engine: Any, db_url: str) -> Iterator[str]:
    import uvicorn

    from kunker.web.app import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(db_url), host="127.0.0.1", port=port,
                            log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + WAIT_S
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(WAIT_S)


@pytest.fixture
def chrome(tmp_path: Path) -> Iterator[Any]:
    _browser_or_skip()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {
        "download.default_directory": str(downloads), "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.implicitly_wait(2)
    driver.downloads = downloads  # type: ignore[attr-defined]
    try:
        yield driver
    finally:
        driver.quit()


def _no_sideways_scroll(driver: Any, page: str) -> None:
    overflow = driver.execute_script(
        "return document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{page} runs {overflow}px off the side of the screen"


def _downloaded(folder: Path) -> Path:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        done = [p for p in folder.glob("*.csv")]
        if done and not list(folder.glob("*.crdownload")):
            return done[0]
        time.sleep(0.1)
    raise AssertionError(f"no CSV downloaded into {folder}")


@pytest.mark.parametrize("screen", list(VIEWPORTS))
def test_a_journalist_checks_an_institution_in_the_browser(
        chrome: Any, server: str, site: Any, screen: str, tmp_path: Path,
        request: pytest.FixtureRequest) -> None:
    import feedparser
    from selenium.webdriver.common.by import By

    width, height = VIEWPORTS[screen]
    chrome.set_window_size(width, height)
    if screen == "phone":  # the window's frame is not the page: set the page width itself
        chrome.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": True})
    try:
        chrome.get(server + "/")
        assert chrome.find_element(By.CSS_SELECTOR, "svg.chart").is_displayed()
        _no_sideways_scroll(chrome, "the list of visits")

        # search for a body and open the event the search found
        chrome.get(server + "/search")
        box = chrome.find_element(By.NAME, "q")
        box.send_keys("Jambi Pontianak")
        box.submit()
        chrome.find_element(By.CSS_SELECTOR, "table.events tbody a[href^='/events/']").click()
        assert chrome.find_element(By.TAG_NAME, "h1").text.startswith("Event ")
        assert "Wira Santoso" in chrome.page_source
        _no_sideways_scroll(chrome, "the event page")

        # the source link leads to the article itself
        event_url = chrome.current_url
        chrome.find_element(By.CSS_SELECTOR, f"ol.sources a[href^='{site.base_url}']").click()
        assert chrome.find_element(By.TAG_NAME, "h1").text == "Komisi II DPRD Jambi ke Kalbar"
        chrome.get(event_url)

        # the visitor's page, its CSV (every visit it counts) and its feed
        chrome.find_element(By.CSS_SELECTOR, "p.lead a[href*='Jambi']").click()
        assert chrome.find_element(By.TAG_NAME, "h1").text == JAMBI
        _no_sideways_scroll(chrome, "the institution page")
        total = int(chrome.find_element(By.CSS_SELECTOR, "p strong").text) + int(
            chrome.find_elements(By.CSS_SELECTOR, "p strong")[1].text)
        feed_url = chrome.find_element(By.LINK_TEXT, "Atom feed").get_attribute("href")
        chrome.find_element(By.LINK_TEXT, "Download CSV").click()
        rows = list(csv.DictReader(io.StringIO(
            _downloaded(chrome.downloads).read_text(encoding="utf-8"))))
        assert len(rows) == total == 3
        assert {r["date_precision"] for r in rows} == {"exact", "reported"}
        assert all(r["permalink"].startswith(server + "/events/") for r in rows)

        with urllib.request.urlopen(feed_url, timeout=WAIT_S) as answer:  # a feed reader
            feed = feedparser.parse(answer.read())
        assert not feed.bozo and len(feed.entries) == total
        assert all(e.link.startswith(server + "/events/") for e in feed.entries)
    except BaseException:
        folder = Path(os.environ.get(ARTIFACTS_ENV) or tmp_path)
        folder.mkdir(parents=True, exist_ok=True)
        shot = folder / f"{request.node.name}.png"
        chrome.save_screenshot(str(shot))
        print(f"screenshot of the failure: {shot}")
        raise
    if os.environ.get(ARTIFACTS_ENV):  # screenshots of a passing run, to look at
        chrome.get(server + "/")
        chrome.save_screenshot(str(Path(os.environ[ARTIFACTS_ENV]) / f"home-{screen}.png"))
    shutil.rmtree(chrome.downloads, ignore_errors=True)
