"""Article extraction from a fetched page: no network, no storage.

``parse_article(response, source)`` returns an ``ArticleItem`` or a ``Rejected`` with the
reason the page is not kept (block page, tag page, video, empty body...).
"""

from crawler.extract.article import Rejected, parse_article

__all__ = ["Rejected", "parse_article"]
