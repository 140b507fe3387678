"""Errors raised by the crawler package."""


class CrawlerError(Exception):
    """Base class; the message is one line a user can act on (it names the URL or file)."""


class SourcesConfigError(CrawlerError):
    """The sources config cannot be read or has an invalid entry."""


class StorageGoneError(CrawlerError):
    """The sink takes no more articles (database read-only, full or unreachable, output file
    not writable): the crawl stops instead of downloading pages it cannot keep."""
