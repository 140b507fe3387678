"""A download failure in a few words, for the log and the crawl summary."""

from __future__ import annotations

from twisted.python.failure import Failure

from crawler.extract.pagekind import block_reason

BLOCK_STATUSES = {403, 429, 503}
TIMEOUT_NAMES = {"DownloadTimeoutError", "TimeoutError", "TCPTimedOutError", "UserTimeoutError"}
CONNECTION_NAMES = {
    "DownloadConnectionRefusedError": "connection refused",
    "ConnectionRefusedError": "connection refused",
    "CannotResolveHostError": "DNS lookup failed",
    "DNSLookupError": "DNS lookup failed",
    "ResponseDataLossError": "connection lost mid-page",
    "ConnectionLost": "connection lost",
    "ResponseNeverReceived": "no response",
    "ResponseFailed": "connection lost",
    "DownloadFailedError": "download failed",
}


def describe_failure(failure: Failure) -> str:
    """ "HTTP 404", "timeout", "redirect loop", "page too large", "blocked: HTTP 403"..."""
    error = failure.value
    name = type(error).__name__
    response = getattr(error, "response", None)
    if name == "HttpError" and response is not None:
        status = response.status
        if status in BLOCK_STATUSES and _is_block_page(response, status):
            return f"blocked: HTTP {status}"
        return f"HTTP {status}"
    message = str(error)
    if name in TIMEOUT_NAMES:
        return "timeout"
    if name == "DownloadCancelledError" or "max size" in message or "maxsize" in message:
        # Scrapy cancels a download only past DOWNLOAD_MAXSIZE (timeouts have their own
        # error); a page streamed without Content-Length is cancelled with no message
        return "page too large"
    if name == "IgnoreRequest":
        lowered = message.lower()
        if "download_maxsize" in lowered:  # a gzip bomb: too large once decompressed
            return "page too large"
        if "redirect" in lowered:
            return "redirect loop (too many redirects)"
        if "robots.txt" in lowered:
            return "forbidden by robots.txt"
        if "offsite" in lowered:
            return "offsite"
        return f"ignored: {message}" if message else "ignored"
    if name in CONNECTION_NAMES:
        return CONNECTION_NAMES[name]
    return f"{name}: {message}" if message else name


def _is_block_page(response: object, status: int) -> bool:
    """403 is always a block; 429/503 only with a challenge page or Cloudflare headers (a
    plain 503 is an overloaded server, reported as an error)."""
    if status == 403:
        return True
    headers = getattr(response, "headers", {})
    if headers.get(b"cf-mitigated") or headers.get(b"cf-chl-bypass"):
        return True
    try:
        import lxml.html

        text = response.text  # type: ignore[attr-defined]
        return block_reason(lxml.html.document_fromstring(text), text) is not None
    except Exception:  # not text, unreadable: not a recognisable challenge page
        return False
