"""Downloader middleware: retries with exponential backoff (Scrapy's own retries at once).

A server that answers 429 or 5xx is usually overloaded; hitting it again immediately makes
that worse and gets the crawler banned. The retry waits ``RETRY_BACKOFF_BASE * 2**(n-1)``
seconds (at most ``RETRY_BACKOFF_MAX``), or the server's ``Retry-After`` when it sends one.
The wait delays only the retried request, not the rest of the crawl.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request, Response

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)


class BackoffRetryMiddleware(RetryMiddleware):
    def __init__(self, settings: BaseSettings):
        super().__init__(settings)
        self.backoff_base = settings.getfloat("RETRY_BACKOFF_BASE", 2.0)
        self.backoff_max = settings.getfloat("RETRY_BACKOFF_MAX", 60.0)

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        result = super().process_response(request, response)
        if isinstance(result, Request):
            await self._wait(result, response.headers.get(b"Retry-After"))
        return result

    async def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception
    ) -> Request | Response | None:
        result = super().process_exception(request, exception)
        if isinstance(result, Request):
            await self._wait(result, None)
        return result

    async def _wait(self, retry: Request, retry_after: bytes | None) -> None:
        attempt = int(retry.meta.get("retry_times", 1))
        delay = self.backoff_base * 2 ** (attempt - 1)
        if retry_after:
            # an HTTP date instead of seconds: keep the computed backoff
            with contextlib.suppress(ValueError):
                delay = max(delay, float(retry_after.decode().strip()))
        delay = min(delay, self.backoff_max)
        if delay > 0:
            logger.debug("waiting %.1fs before retry %d of %s", delay, attempt, retry.url)
            await asyncio.sleep(delay)
