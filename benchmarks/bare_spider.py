"""The reference crawler: a bare Scrapy spider that reads the feed and fetches every page it
lists, with the concurrency kunker's benchmark crawl uses, and keeps nothing.

    python -m benchmarks.bare_spider FEED_URL CONCURRENCY

Prints the number of article pages it fetched on its last line.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, feed: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_urls = [feed]
        self.fetched = 0

    def parse(self, response: Response) -> Iterator[scrapy.Request]:
        response.selector.remove_namespaces()
        for link in response.xpath("//item/link/text()").getall():
            yield scrapy.Request(link.strip(), callback=self.page)

    def page(self, response: Response) -> None:
        self.fetched += 1


def settings(concurrency: int) -> dict[str, Any]:
    """What kunker's benchmark crawl also sets (benchmarks.crawl_bench.FAST)."""
    return {
        "CONCURRENT_REQUESTS": concurrency, "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency,
        "DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "ROBOTSTXT_OBEY": False,
        "COOKIES_ENABLED": False, "TELNETCONSOLE_ENABLED": False, "LOG_LEVEL": "WARNING",
        "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
    }


def main() -> None:
    feed, concurrency = sys.argv[1], int(sys.argv[2])
    process = CrawlerProcess(settings(concurrency))
    crawler = process.create_crawler(BareSpider)
    process.crawl(crawler, feed=feed)
    process.start()
    print(crawler.spider.fetched)


if __name__ == "__main__":
    main()
