"""The crawl log says what an operator needs: a page that could not be fetched is one line
naming the URL and the cause, not the traceback Scrapy and Twisted attach to it (a dead
server or a DNS failure is news about the network, not a bug; tracebacks of anything else
stay)."""

from __future__ import annotations

import logging

# Exceptions that only say a fetch failed, by module prefix.
NETWORK_MODULES = ("twisted.internet.error", "twisted.web._newclient", "scrapy.exceptions",
                   "OpenSSL.SSL")


class OneLineNetworkErrors(logging.Filter):
    """Drops the traceback of a record whose exception (or its cause) is a network error,
    keeping the message and the error's own words."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.exc_info or record.exc_info[1] is None:
            return True
        error = record.exc_info[1]
        if not (_is_network(error) or _is_network(error.__cause__)):
            return True
        cause = error.__cause__ if _is_network(error.__cause__) else error
        record.msg = f"{record.getMessage()}: {type(cause).__name__}: {cause}"
        record.args = ()
        record.exc_info = None
        record.exc_text = None
        return True


def _is_network(error: BaseException | None) -> bool:
    return error is not None and type(error).__module__.startswith(NETWORK_MODULES)


def install(logger: logging.Logger | None = None) -> None:
    """Put the filter on every handler of ``logger`` (default: the root logger)."""
    for handler in (logger or logging.getLogger()).handlers:
        if not any(isinstance(f, OneLineNetworkErrors) for f in handler.filters):
            handler.addFilter(OneLineNetworkErrors())


def install_on_open(*_args: object, **_kwargs: object) -> None:
    """``install`` as a Scrapy signal handler (spider_opened)."""
    install()
