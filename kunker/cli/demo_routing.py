"""One stable address for the demo news site, whatever port its server gets.

Article URLs are their identity in storage. Served as ``http://127.0.0.1:<random port>``,
every ``kunker demo`` run would store the same pages again under new URLs. So the demo site
is published under a fixed name in the reserved ``.test`` domain (it never resolves, so a
mistake cannot reach the internet) and the crawl reaches it through the local server acting
as an HTTP proxy: Scrapy sends ``GET http://demo.kunker.test/page`` to 127.0.0.1:<port>, and
the server answers from the folder. Nothing about the spiders or the stored pages changes
except the host name, and the port stays random and free.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, Any

from kunker.localsite import LocalSite

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler

DEMO_BASE_URL = "http://demo.kunker.test"
DEMO_HOST = "demo.kunker.test"
PROXY_SETTING = "KUNKER_DEMO_PROXY"
# Before Scrapy's HttpProxyMiddleware (750), which turns meta["proxy"] into the connection.
MIDDLEWARE_PRIORITY = 740


class DemoSite(LocalSite):
    """``LocalSite`` whose pages link to ``DEMO_BASE_URL`` when fetched through the proxy.

    A browser that opens the server's own address (``kunker demo --keep``) gets pages linking
    to that address instead, so the site can be read as well as crawled.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._request = threading.local()  # one handler thread per request

    @property
    def address(self) -> str:
        """Where the server really listens (``http://127.0.0.1:PORT``)."""
        return LocalSite.base_url.fget(self)  # type: ignore[attr-defined,no-any-return]

    @property
    def base_url(self) -> str:
        return DEMO_BASE_URL if getattr(self._request, "proxied", False) else self.address

    def _handle(self, handler: BaseHTTPRequestHandler, head: bool = False) -> None:
        # A proxy request names the whole URL ("GET http://demo.kunker.test/x HTTP/1.1").
        self._request.proxied = handler.path.startswith(DEMO_BASE_URL)
        try:
            super()._handle(handler, head)
        finally:
            self._request.proxied = False


def crawl_settings(site: DemoSite) -> dict[str, Any]:
    """Scrapy settings that route requests for the demo host to ``site``."""
    from crawler.run import LOCAL_SITE_SETTINGS
    from crawler.settings import DOWNLOADER_MIDDLEWARES

    middlewares = dict(DOWNLOADER_MIDDLEWARES)  # a setting replaces the whole project dict
    middlewares[f"{__name__}.DemoProxyMiddleware"] = MIDDLEWARE_PRIORITY
    return {
        **LOCAL_SITE_SETTINGS,
        "DOWNLOADER_MIDDLEWARES": middlewares,
        PROXY_SETTING: site.address,
    }


class DemoProxyMiddleware:
    """Scrapy downloader middleware: requests for ``DEMO_HOST`` go through the demo server."""

    def __init__(self, proxy: str) -> None:
        self.proxy = proxy

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        from scrapy.exceptions import NotConfigured

        proxy = crawler.settings.get(PROXY_SETTING)
        if not proxy:
            raise NotConfigured(f"{PROXY_SETTING} is not set")
        return cls(proxy)

    def process_request(self, request: Request) -> None:
        from urllib.parse import urlsplit

        if urlsplit(request.url).hostname == DEMO_HOST:
            request.meta["proxy"] = self.proxy
