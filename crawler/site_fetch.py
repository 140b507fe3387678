"""Fetching for ``kunker sources add``: a few pages of one site, with kunker's User-Agent,
outside Scrapy (a one-off look at a homepage, its feeds and sitemaps, not a crawl).

``SiteFetcher.get`` turns network failures into ``SiteFetchError`` with the cause in one line
(DNS, refused, timeout); ``UspWebClient`` lets ultimate-sitemap-parser fetch through it.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
from usp.web_client.abstract_client import AbstractWebClient, AbstractWebClientResponse
from usp.web_client.requests_client import (
    RequestsWebClientErrorResponse,
    RequestsWebClientSuccessResponse,
)

from crawler.errors import CrawlerError
from crawler.settings import USER_AGENT

TIMEOUT_SECONDS = 20
MAX_BYTES = 5 * 1024 * 1024  # a homepage or feed bigger than this is not one
RETRYABLE = {429, 500, 502, 503, 504}


class SiteFetchError(CrawlerError):
    """A page of the site could not be fetched; the message names the URL and the cause."""


@dataclass(frozen=True, slots=True)
class Page:
    url: str  # after redirects
    status: int
    body: bytes
    content_type: str

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


class SiteFetcher:
    def __init__(self, user_agent: str = USER_AGENT, timeout: float = TIMEOUT_SECONDS) -> None:
        self.session = requests.Session()
        self.session.headers["User-Agent"] = user_agent
        self.timeout = timeout
        self.fetched: list[str] = []

    def raw(self, url: str) -> requests.Response:
        self.fetched.append(url)
        try:
            response = self.session.get(url, timeout=self.timeout, stream=True)
            response._content = response.raw.read(MAX_BYTES + 1, decode_content=True)
        except requests.exceptions.RequestException as exc:
            raise SiteFetchError(f"cannot fetch {url}: {_cause(exc, url)}") from exc
        return response

    def get(self, url: str) -> Page:
        response = self.raw(url)
        return Page(response.url, response.status_code, response.content[:MAX_BYTES],
                    response.headers.get("Content-Type", ""))

    def close(self) -> None:
        self.session.close()


def _cause(exc: requests.exceptions.RequestException, url: str) -> str:
    host = urlsplit(url).hostname or url
    text = str(exc)
    if isinstance(exc, requests.exceptions.Timeout):
        return f"no answer from {host} within {TIMEOUT_SECONDS}s (network or site down)"
    if isinstance(exc, requests.exceptions.TooManyRedirects):
        return "redirect loop"
    if isinstance(exc, requests.exceptions.ConnectionError):
        lowered = text.lower()
        if "name or service not known" in lowered or "nodename nor servname" in lowered or (
            "failed to resolve" in lowered or "name resolution" in lowered
        ):
            return f"DNS lookup of {host} failed (no network, or the host name is wrong)"
        if "refused" in lowered:
            return f"{host} refused the connection (site down, or wrong port)"
        return f"cannot connect to {host} (network or site down)"
    return type(exc).__name__


class UspWebClient(AbstractWebClient):
    """ultimate-sitemap-parser's web client interface over a ``SiteFetcher``."""

    def __init__(self, fetcher: SiteFetcher) -> None:
        self.fetcher = fetcher
        self.max_length: int | None = None

    def set_max_response_data_length(self, max_response_data_length: int | None) -> None:
        self.max_length = max_response_data_length

    def get(self, url: str) -> AbstractWebClientResponse:
        try:
            response = self.fetcher.raw(url)
        except SiteFetchError as exc:
            return RequestsWebClientErrorResponse(message=str(exc), retryable=False)
        if 200 <= response.status_code < 300:
            return RequestsWebClientSuccessResponse(response, self.max_length)
        return RequestsWebClientErrorResponse(message=f"HTTP {response.status_code}",
                                      retryable=response.status_code in RETRYABLE)
