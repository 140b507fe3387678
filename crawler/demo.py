"""The demo news site's sources: real outlet selectors pointed at a local copy.

``kunker/demo_site`` holds article pages written for the demo in the page shapes of
supported outlets (ANTARA, Detik, Kompas, WordPress/Utamapost, an official DPRD site), with
feeds, sitemaps and listing pages. Serve it with ``kunker.localsite.LocalSite`` and crawl
``demo_sources(site.base_url)``::

    with LocalSite(demo_site_root()) as site:
        summary = run_crawl(demo_sources(site.base_url), "jsonl:demo.jsonl",
                            settings=LOCAL_SITE_SETTINGS)
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from crawler.errors import CrawlerError
from crawler.sources import Source, load_sources

DEMO_SITE = Path(__file__).resolve().parent.parent / "kunker" / "demo_site"
DEMO_SOURCES_FILE = DEMO_SITE / "sources.toml"


def demo_site_root() -> Path:
    """The folder to serve; an error if this install lacks it (package data missing)."""
    if not DEMO_SOURCES_FILE.is_file():
        raise CrawlerError(f"demo site not found at {DEMO_SITE}; reinstall kunker")
    return DEMO_SITE


def demo_sources(base_url: str) -> list[Source]:
    """The demo sources with ``{{BASE_URL}}``/``{{HOST}}`` set to the local server's address."""
    host = urlsplit(base_url).hostname
    if not host:
        raise CrawlerError(f"demo: {base_url!r} is not a base URL like http://127.0.0.1:8000")
    text = demo_site_root().joinpath("sources.toml").read_text(encoding="utf-8")
    text = text.replace("{{BASE_URL}}", base_url.rstrip("/")).replace("{{HOST}}", host)
    return load_sources(DEMO_SOURCES_FILE, text=text)
