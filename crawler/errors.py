"""Errors raised by the crawler package."""


class CrawlerError(Exception):
    """Base class; the message is one line a user can act on (it names the URL or file)."""


class SourcesConfigError(CrawlerError):
    """The sources config cannot be read or has an invalid entry."""
