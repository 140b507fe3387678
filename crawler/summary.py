"""Per-source crawl counts and the health report printed at the end of every crawl.

Counters are plain dataclasses so the child process that runs Scrapy can send them back to
the caller (``run.run_crawl``) as a dict.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True)
class SourceStats:
    discovered: int = 0  # unique article URLs found in feeds, sitemaps and listing pages
    skipped_known: int = 0  # already stored: not fetched
    skipped_old: int = 0  # older than --since: not fetched
    skipped_offsite: int = 0  # outside allowed_domains: not fetched
    fetched: int = 0  # article pages downloaded
    stored_new: int = 0
    stored_updated: int = 0
    stored_unchanged: int = 0
    relevant: int = 0  # stored with text (mentions a legislative body)
    with_body: int = 0  # pages where a body was extracted (selector health)
    blocked: int = 0  # challenge / 403 pages
    listing_pages: int = 0  # feeds, sitemaps and listing pages read
    dropped: Counter[str] = field(default_factory=Counter)  # reason -> count
    errors: Counter[str] = field(default_factory=Counter)  # reason -> count
    error_urls: dict[str, str] = field(default_factory=dict)  # reason -> first URL it hit
    dropped_urls: dict[str, str] = field(default_factory=dict)  # reason -> first page dropped

    @property
    def stored(self) -> int:
        return self.stored_new + self.stored_updated + self.stored_unchanged

    @property
    def dropped_total(self) -> int:
        return sum(self.dropped.values())

    @property
    def errors_total(self) -> int:
        return sum(self.errors.values())

    def health(self) -> list[str]:
        """What a maintainer should look at; empty when the source looks healthy."""
        flags: list[str] = []
        if self.blocked:
            flags.append(f"blocked {self.blocked}x (challenge page or HTTP 403)")
        if self.listing_pages == 0 and self.errors_total:
            flags.append("no feed, sitemap or listing page could be read")
        elif self.discovered == 0:
            flags.append("no article links discovered (discovery URL or pattern broken?)")
        if self.fetched and self.with_body == 0:
            flags.append("0 articles with a body: selectors stopped matching?")
        return flags


@dataclass(slots=True)
class CrawlSummary:
    sources: dict[str, SourceStats] = field(default_factory=dict)
    samples: dict[str, dict[str, Any]] = field(default_factory=dict)  # `sources check`
    log_file: str | None = None
    # why the crawl ended before its work was done (storage gone); None when it ran through
    stopped: str | None = None

    def of(self, source: str) -> SourceStats:
        if source not in self.sources:
            self.sources[source] = SourceStats()
        return self.sources[source]

    @property
    def total(self) -> SourceStats:
        total = SourceStats()
        for stats in self.sources.values():
            for name in SourceStats.__dataclass_fields__:
                value = getattr(stats, name)
                if isinstance(value, Counter):
                    getattr(total, name).update(value)
                elif isinstance(value, dict):
                    getattr(total, name).update({k: v for k, v in value.items()
                                                 if k not in getattr(total, name)})
                else:
                    setattr(total, name, getattr(total, name) + value)
        return total

    @property
    def flagged(self) -> dict[str, list[str]]:
        return {name: s.health() for name, s in self.sources.items() if s.health()}

    def to_dict(self) -> dict[str, Any]:
        return {
            "sources": {
                name: {
                    **asdict(stats),
                    "dropped": dict(stats.dropped),
                    "errors": dict(stats.errors),
                }
                for name, stats in self.sources.items()
            },
            "samples": self.samples,
            "log_file": self.log_file,
            "stopped": self.stopped,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CrawlSummary:
        summary = cls(samples=dict(data.get("samples") or {}), log_file=data.get("log_file"),
                      stopped=data.get("stopped"))
        for name, values in (data.get("sources") or {}).items():
            values = dict(values)
            values.setdefault("error_urls", {})
            values.setdefault("dropped_urls", {})
            dropped = Counter(values.pop("dropped", {}))
            errors = Counter(values.pop("errors", {}))
            summary.sources[name] = SourceStats(**values, dropped=dropped, errors=errors)
        return summary

    def lines(self) -> list[str]:
        """The summary as plain text lines, for the run log."""
        out = ["crawl summary:"] + ([f"  STOPPED: {self.stopped}"] if self.stopped else [])
        for name, s in sorted(self.sources.items()):
            out.append(
                f"  {name}: discovered={s.discovered} fetched={s.fetched} "
                f"stored={s.stored} (new={s.stored_new} updated={s.stored_updated} "
                f"unchanged={s.stored_unchanged}) relevant={s.relevant} "
                f"skipped_known={s.skipped_known} skipped_old={s.skipped_old} "
                f"dropped={s.dropped_total} errors={s.errors_total} blocked={s.blocked}"
            )
            for reason, count in sorted(s.dropped.items()):
                out.append(f"    dropped {count}x: {reason}")
            for reason, count in sorted(s.errors.items()):
                out.append(f"    error {count}x: {reason}")
            for flag in s.health():
                out.append(f"    HEALTH: {flag}")
        return out
