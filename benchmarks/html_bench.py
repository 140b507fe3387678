"""HTML to events: CPU milliseconds per page for kunker's whole path (page parsing, then
extraction) against ``trafilatura.extract()`` alone on the same pages. Target: the whole
path (rules and the learned decision stage, the default) <= 3x trafilatura. Stanza's path
is reported on its own: it is a model, not parsing.

CPU time of this process (``time.process_time``) is what one core does, whatever else the
machine runs; every page is parsed once per path (a page parsed twice in one process must
not be taken from a cache).
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.results import Figure, Report
from benchmarks.site import write_site

SECTION = "HTML to events"
TARGET_RATIO = 3.0
BASE = "http://bench.example.id/"


def _cpu_ms(pages: list[tuple[str, bytes]], work: Callable[[str, bytes], Any]) -> float:
    started = time.process_time()
    for url, body in pages:
        work(url, body)
    return (time.process_time() - started) * 1000 / len(pages)


def measure(report: Report, count: int, stanza_pages: int) -> None:
    import trafilatura
    from scrapy.http import HtmlResponse

    from crawler.extract import Rejected, parse_article
    from crawler.sources import adhoc_source
    from nlp.decision import load_model
    from nlp.extract import analyse, extract_events
    from nlp.linguistic import RuleAnnotator
    from nlp.records import Article

    with tempfile.TemporaryDirectory(prefix="kunker-bench-html-") as tmp:
        root = Path(tmp)
        paths = write_site(root, count)
        pages = [(BASE + p.lstrip("/"), (root / p.lstrip("/")).read_bytes()) for p in paths]
    source = adhoc_source("feed", BASE + "rss.xml")
    rules, model = RuleAnnotator(), load_model()
    parsed: dict[str, Any] = {}

    def parse(url: str, body: bytes) -> Any:
        item = parse_article(HtmlResponse(url, body=body, encoding="utf-8"), source)
        parsed[url] = item
        return item

    def article(url: str) -> Article | None:
        item = parsed.get(url)
        if item is None or isinstance(item, Rejected):
            return None
        published = item.published_at.date() if item.published_at else None
        return Article(text=item.text, title=item.title, published=published, url=url)

    def rules_only(url: str, body: bytes) -> Any:
        found = article(url)
        return analyse(found, rules, None).drafts if found else []

    def learned(url: str, body: bytes) -> Any:
        found = article(url)
        return extract_events(found, rules, model) if found else []

    # warm up: tables, models and lazy imports load outside the timing
    warm = [(BASE + "warm.html", pages[0][1])]
    _cpu_ms(warm, lambda u, b: trafilatura.extract(b.decode()))
    _cpu_ms(warm, parse)
    _cpu_ms(warm, rules_only)
    _cpu_ms(warm, learned)
    parsed.clear()
    reference = _cpu_ms(pages, lambda u, b: trafilatura.extract(b.decode()))
    parsing = _cpu_ms(pages, parse)
    rejected = sum(isinstance(v, Rejected) for v in parsed.values())
    rule_ms = _cpu_ms(pages, rules_only)
    learned_ms = _cpu_ms(pages, learned)
    events = sum(len(learned(u, b)) for u, b in pages[:50])
    name = "trafilatura.extract()"
    report.add(Figure(SECTION, "page parsing (parse_article)", parsing, "ms/page", reference,
                      name))
    report.add(Figure(SECTION, "whole path, rules only", parsing + rule_ms, "ms/page",
                      reference, name, ("<=", TARGET_RATIO)))
    report.add(Figure(SECTION, "whole path, rules + learned stage (default)",
                      parsing + learned_ms, "ms/page", reference, name, ("<=", TARGET_RATIO)))
    report.note(SECTION, f"{len(pages)} generated pages (~{len(pages[0][1]) // 1024} KB each), "
                f"CPU time of one process; {rejected} pages rejected by kunker's parser; "
                f"{events} events on the first 50 pages.")
    if rejected:
        report.note(SECTION, "a rejected page costs less than a kept one: the ratio is then "
                    "flattered")
    _stanza(report, pages[:stanza_pages], article, parse, reference)


def _stanza(report: Report, pages: list[tuple[str, bytes]], article: Callable[[str], Any],
            parse: Callable[[str, bytes], Any], reference: float) -> None:
    from nlp.errors import NlpError
    from nlp.extract import extract_events
    from nlp.linguistic import default_annotator

    if not pages:
        return
    try:
        annotator = default_annotator()
    except (NlpError, ImportError) as exc:
        report.note(SECTION, f"Stanza path not measured: {exc}")
        return
    if annotator.name != "stanza":
        report.note(SECTION, "Stanza path not measured: no Stanza models")
        return
    extract_events(article(pages[0][0]) or _fallback(), annotator)  # load the models
    started = time.perf_counter()
    for url, body in pages:
        parse(url, body)
        found = article(url)
        if found:
            extract_events(found, annotator)
    wall = (time.perf_counter() - started) * 1000 / len(pages)
    report.add(Figure(SECTION, "whole path with Stanza (wall)", wall, "ms/page", reference,
                      "trafilatura.extract()", note=f"{len(pages)} pages"))


def _fallback() -> Any:
    from nlp.records import Article

    return Article(text="DPRD Kota Padang melakukan kunjungan kerja ke DPRD Kota Medan.")
