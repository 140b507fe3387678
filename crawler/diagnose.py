"""Why a source gave nothing, in one line that names the real cause.

``kunker sources check`` and ``kunker sources health`` say what an operator must do next,
which depends on the cause: no network (nothing to fix in the entry), a moved feed (fix its
URL), a site that blocks crawlers, or a page layout that the extraction no longer reads (fix
the selectors). The crawl summary keeps, per reason, how often it happened and the first URL.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from crawler.summary import SourceStats

NETWORK_REASONS = {
    "DNS lookup failed": "dns",
    "connection refused": "network",
    "connection lost": "network",
    "connection lost mid-page": "network",
    "no response": "network",
    "timeout": "network",
    "download failed": "network",
}
DISCOVERY_KINDS = ("feed", "sitemap", "listing", "gdelt")


@dataclass(frozen=True, slots=True)
class Diagnosis:
    """``cause`` is one of: ok, dns, network, http, blocked, robots, discovery, pattern,
    extraction, error."""

    cause: str
    message: str

    @property
    def ok(self) -> bool:
        return self.cause == "ok"


def diagnose(name: str, stats: SourceStats | None, config: str = "the sources file") -> Diagnosis:
    """What went wrong with source ``name`` in one crawl (``ok`` when an article came out)."""
    if stats is None:
        return Diagnosis("error", f"{name}: the crawl gave no report for it (see the log)")
    if stats.with_body:
        return Diagnosis("ok", f"{name}: {stats.with_body} article(s) extracted")
    for reason, url in _errors_discovery_first(stats):
        found = _from_error(name, reason, url, config)
        if found is not None:
            return found
    if stats.listing_pages and stats.discovered == 0:
        return Diagnosis(
            "pattern",
            f"{name}: no article links found in its feeds, sitemaps or listing pages: the "
            f"discovery URL or article_pattern needs fixing in {config}",
        )
    if stats.dropped:
        reasons = ", ".join(f"{r} ×{n}" for r, n in stats.dropped.most_common(3))
        example = next(iter(stats.dropped_urls.values()), "")
        return Diagnosis(
            "extraction",
            f"{name}: {stats.fetched} page(s) fetched, none gave an article ({reasons}; e.g. "
            f"{example}): the page layout may have changed; fix the selectors in {config}",
        )
    if stats.discovered and not stats.fetched:
        return Diagnosis("ok", f"{name}: {stats.discovered} links found, all already stored")
    return Diagnosis("error", f"{name}: nothing was fetched (see the log)")


def _errors_discovery_first(stats: SourceStats) -> list[tuple[str, str]]:
    """Errors of feeds/sitemaps/listings before those of article pages, most frequent first."""
    ranked = sorted(
        stats.errors.items(),
        key=lambda item: (not item[0].startswith(DISCOVERY_KINDS), -item[1]),
    )
    return [(reason, stats.error_urls.get(reason, "")) for reason, _ in ranked]


def _from_error(name: str, reason: str, url: str, config: str) -> Diagnosis | None:
    kind, sep, detail = reason.partition(": ")
    if not sep or kind not in DISCOVERY_KINDS:
        kind, detail = "article page", reason
    host = urlsplit(url).hostname or "the site"
    where = f"{kind} {url}" if url else kind
    network = NETWORK_REASONS.get(detail)
    if network == "dns":
        return Diagnosis(
            "dns",
            f"{name}: cannot reach {host}: DNS lookup failed (no network, or the host name "
            "is wrong)",
        )
    if network:
        return Diagnosis("network", f"{name}: cannot reach {host}: {detail} (network or site down)")
    if detail.startswith("blocked"):
        return Diagnosis(
            "blocked", f"{name}: {where} is {detail} (the site refuses crawlers; see the log)"
        )
    if detail.startswith("HTTP "):
        fix = "" if kind == "article page" else f"; fix its URL in {config}"
        return Diagnosis("http", f"{name}: {where} answered {detail}{fix}")
    if detail == "forbidden by robots.txt":
        return Diagnosis("robots", f"{name}: robots.txt of {host} forbids {where}")
    if kind in DISCOVERY_KINDS:
        return Diagnosis("discovery", f"{name}: {where}: {detail}; fix the entry in {config}")
    return None
