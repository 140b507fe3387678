"""Scrapy settings for kunker: polite by default.

Read once by Scrapy at crawler construction. ``crawler.run.run_crawl`` starts from these and
applies its overrides (tests turn the delays off and shorten the timeout).
"""

BOT_NAME = "kunker"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

PROJECT_URL = "https://github.com/kunker-id/kunker"
# Honest: who we are and where to complain. kunker.config's KUNKER_CONTACT replaces the URL.
USER_AGENT_TEMPLATE = "kunker/0.1 (+{contact}; research crawler for Indonesian legislative news)"
USER_AGENT = USER_AGENT_TEMPLATE.format(contact=PROJECT_URL)

# --- politeness ------------------------------------------------------------------------------
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
DOWNLOAD_DELAY_JITTER = 0.5  # ±50 %: not a metronome
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False  # no remote consoles on a cron crawler
REMOTE_CONTROL_ENABLED = False

# --- limits and retries --------------------------------------------------------------------
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024  # a news page is < 2 MB; bigger is a broken or hostile page
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
RETRY_BACKOFF_BASE = 2.0  # seconds before the first retry; doubles each time
RETRY_BACKOFF_MAX = 60.0
REDIRECT_MAX_TIMES = 5

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.BackoffRetryMiddleware": 550,
}
ITEM_PIPELINES = {
    "crawler.pipelines.ValidatePipeline": 100,
    "crawler.pipelines.RelevancePipeline": 200,
    "crawler.pipelines.StorePipeline": 300,
}

# --- development -----------------------------------------------------------------------------
# `kunker crawl --http-cache` turns this on: pages are served from .scrapy/httpcache on the
# next run, so selector work does not hit the outlets again. Off by default: a cron crawl
# must see new feed entries.
HTTPCACHE_ENABLED = False
HTTPCACHE_DIR = "httpcache"
HTTPCACHE_EXPIRATION_SECS = 0
HTTPCACHE_IGNORE_HTTP_CODES = [403, 429, 500, 502, 503, 504]

# --- kunker ----------------------------------------------------------------------------------
KUNKER_SINK = None  # "jsonl:PATH" or a database URL; set by crawler.run
KUNKER_GDELT_API = None  # None: the endpoint of crawler/data/gdelt.toml (tests: a local one)
# GDELT's API asks for one request every 5 s: its requests share this slot whatever the host,
# one at a time, no jitter (crawler/data/gdelt.toml: delay_seconds).
DOWNLOAD_SLOTS = {"gdelt": {"concurrency": 1, "delay": 5.0, "jitter": 0}}

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
