"""Source health over time: what each crawl did per configured source, and which sources went
quiet or broke.

``record_runs`` keeps one ``source_runs`` row per source per crawl (the crawler's database
sink writes them when a crawl ends). ``source_health`` reads them with the articles stored
per source and returns plain records (``SourceHealth``) for ``kunker sources health``,
``kunker status`` and the web app. Sources are named as in the sources file: the crawler
stores each article under its entry's name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import case, delete, func, insert, select
from sqlalchemy.orm import Session

from storage.models import Article, Source, SourceRun, utcnow

WINDOW_DAYS = 30  # the history health looks at
RECENT_DAYS = 7  # "lately": articles, rejections
QUIET_DAYS = 7  # crawled this long without a new article: quiet
DEGRADED_SHARE = 0.5  # rejecting at least this share of fetched pages lately...
DEGRADED_RISE = 0.25  # ...and this much more than before: a layout change, probably
RUN_RETENTION_DAYS = 90
TOP_REASONS = 3
STATUSES = ("broken", "degraded", "quiet", "ok", "never crawled")


class RunStats(Protocol):
    """What a crawl counted for one source (``crawler.summary.SourceStats`` is one)."""

    listing_pages: int
    discovered: int
    fetched: int
    with_body: int
    stored_new: int
    relevant: int
    blocked: int
    dropped: Mapping[str, int]
    errors: Mapping[str, int]
    error_urls: Mapping[str, str]


def record_runs(
    session: Session, started_at: datetime, finished_at: datetime,
    stats_by_source: Mapping[str, RunStats],
) -> None:
    """One row per source for a crawl that ran from ``started_at`` to ``finished_at``; rows
    older than ``RUN_RETENTION_DAYS`` are dropped."""
    rows = [
        {
            "source": name, "started_at": started_at, "finished_at": finished_at,
            "listing_pages": s.listing_pages, "discovered": s.discovered, "fetched": s.fetched,
            "with_body": s.with_body, "stored_new": s.stored_new, "relevant": s.relevant,
            "blocked": s.blocked, "dropped": dict(s.dropped), "errors": dict(s.errors),
            "last_error": _last_error(s),
        }
        for name, s in stats_by_source.items()
    ]
    if rows:
        session.execute(insert(SourceRun), rows)
    cutoff = finished_at - timedelta(days=RUN_RETENTION_DAYS)
    session.execute(delete(SourceRun).where(SourceRun.started_at < cutoff))


def _last_error(stats: RunStats) -> str | None:
    if not stats.errors:
        return None
    reason, _ = Counter(stats.errors).most_common(1)[0]
    url = stats.error_urls.get(reason)
    return f"{reason} at {url}" if url else reason


@dataclass(frozen=True, slots=True)
class SourceHealth:
    """How one source has been doing; ``status`` is one of ``STATUSES``, ``why`` says why."""

    source: str
    status: str
    why: str
    last_run: datetime | None = None
    last_success: datetime | None = None  # last crawl that got an article or found only known
    runs_30d: int = 0
    new_7d: int = 0  # new articles stored
    new_30d: int = 0
    fetched_7d: int = 0
    rejected_7d: int = 0  # fetched pages that gave no article
    rejected_share_7d: float | None = None
    rejected_share_before: float | None = None  # days 8-30
    rejections_7d: list[tuple[str, int]] = field(default_factory=list)  # reason, count
    last_error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("last_run", "last_success"):
            value = data[key]
            data[key] = value.isoformat() if value else None
        data["rejections_7d"] = [{"reason": r, "count": n} for r, n in self.rejections_7d]
        return data


def source_health(
    session: Session, names: Iterable[str], now: datetime | None = None
) -> list[SourceHealth]:
    """Health of each source in ``names`` (the configured ones), in the order given."""
    now = now or utcnow()
    wanted = list(dict.fromkeys(names))
    new = _new_articles(session, wanted, now)
    last = _last_runs(session, wanted)
    window = _window(session, wanted, now)
    return [_assess(name, new.get(name, (0, 0)), last.get(name), window.get(name), now)
            for name in wanted]


def _new_articles(session: Session, names: list[str], now: datetime
                  ) -> dict[str, tuple[int, int]]:
    week, month = now - timedelta(days=RECENT_DAYS), now - timedelta(days=WINDOW_DAYS)
    statement = (
        select(Source.host,
               func.sum(case((Article.fetched_at >= week, 1), else_=0)),
               func.count(Article.id))
        .join(Article, Article.source_id == Source.id)
        .where(Source.host.in_(names), Article.fetched_at >= month)
        .group_by(Source.host)
    )
    return {host: (int(w or 0), int(m or 0)) for host, w, m in session.execute(statement)}


def _succeeded() -> Any:
    return (SourceRun.with_body > 0) | (
        (SourceRun.listing_pages > 0) & (SourceRun.discovered > 0) & (SourceRun.fetched == 0)
    )


def _last_runs(session: Session, names: list[str]) -> dict[str, tuple[datetime, datetime | None]]:
    statement = (
        select(SourceRun.source, func.max(SourceRun.started_at),
               func.max(case((_succeeded(), SourceRun.started_at), else_=None)))
        .where(SourceRun.source.in_(names))
        .group_by(SourceRun.source)
    )
    return {source: (last, success) for source, last, success in session.execute(statement)}


@dataclass(slots=True)
class _Window:
    runs: int = 0
    recent_runs: int = 0
    fetched_recent: int = 0
    rejected_recent: int = 0
    fetched_before: int = 0
    rejected_before: int = 0
    reasons_recent: Counter[str] = field(default_factory=Counter)
    latest: Any = None  # the newest run row
    latest_error: str | None = None


def _window(session: Session, names: list[str], now: datetime) -> dict[str, _Window]:
    week, month = now - timedelta(days=RECENT_DAYS), now - timedelta(days=WINDOW_DAYS)
    rows = session.execute(
        select(SourceRun).where(SourceRun.source.in_(names), SourceRun.started_at >= month)
        .order_by(SourceRun.started_at)
    ).scalars()
    windows: dict[str, _Window] = {}
    for run in rows:
        w = windows.setdefault(run.source, _Window())
        w.runs += 1
        rejected = sum(int(n) for n in (run.dropped or {}).values())
        if run.started_at >= week:
            w.recent_runs += 1
            w.fetched_recent += run.fetched
            w.rejected_recent += rejected
            w.reasons_recent.update({k: int(v) for k, v in (run.dropped or {}).items()})
        else:
            w.fetched_before += run.fetched
            w.rejected_before += rejected
        w.latest = run
        w.latest_error = run.last_error or w.latest_error
    return windows


def _share(rejected: int, fetched: int) -> float | None:
    return round(rejected / fetched, 3) if fetched else None


def _assess(name: str, new: tuple[int, int], last: tuple[datetime, datetime | None] | None,
            w: _Window | None, now: datetime) -> SourceHealth:
    if last is None:
        return SourceHealth(name, "never crawled", "no crawl has read this source yet",
                            new_7d=new[0], new_30d=new[1])
    w = w or _Window()
    recent = _share(w.rejected_recent, w.fetched_recent)
    before = _share(w.rejected_before, w.fetched_before)
    facts = {
        "last_run": last[0], "last_success": last[1], "runs_30d": w.runs, "new_7d": new[0],
        "new_30d": new[1], "fetched_7d": w.fetched_recent, "rejected_7d": w.rejected_recent,
        "rejected_share_7d": recent, "rejected_share_before": before,
        "rejections_7d": w.reasons_recent.most_common(TOP_REASONS),
        "last_error": w.latest_error,
    }
    status, why = _status(w, recent, before, new[0], last[1], now)
    return SourceHealth(name, status, why, **facts)


def _status(w: _Window, recent: float | None, before: float | None, new_7d: int,
            last_success: datetime | None, now: datetime) -> tuple[str, str]:
    run = w.latest
    reasons = ", ".join(f"{r} ×{n}" for r, n in w.reasons_recent.most_common(TOP_REASONS))
    if run is not None and run.listing_pages == 0 and run.errors:
        return "broken", f"last crawl could not read a feed, sitemap or listing ({run.last_error})"
    if run is not None and run.blocked and not run.with_body:
        return "broken", f"last crawl was blocked {run.blocked}× (challenge page or HTTP 403)"
    if run is not None and run.fetched and not run.with_body:
        dropped = ", ".join(f"{r} ×{n}" for r, n in Counter(run.dropped or {}).most_common(2))
        return "broken", (f"last crawl fetched {run.fetched} page(s) and none gave an article"
                          + (f" ({dropped})" if dropped else "") + ": layout changed?")
    if recent is not None and recent >= DEGRADED_SHARE and (
        before is None or recent - before >= DEGRADED_RISE
    ):
        was = f", was {before:.0%}" if before is not None else ""
        return "degraded", f"{recent:.0%} of pages rejected in {RECENT_DAYS} days{was} ({reasons})"
    if w.recent_runs and not new_7d:
        since = f"last success {last_success:%Y-%m-%d}" if last_success else "never succeeded"
        if last_success is None or now - last_success >= timedelta(days=QUIET_DAYS):
            return "quiet", f"no new article in {QUIET_DAYS} days of crawling ({since})"
        return "quiet", f"no new article in {QUIET_DAYS} days (links found were all known)"
    return "ok", f"{new_7d} new article(s) in {RECENT_DAYS} days"
