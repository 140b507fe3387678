"""CSS selectors compiled once per process.

``element.cssselect(css)`` translates the CSS to XPath and compiles it on every call: with
the ~100 noise selectors run on every page, that translation was a fifth of a crawl's CPU
(benchmarks/RESULTS.md). The same selector strings recur on every page, so they are
compiled once and the compiled XPath is reused.
"""

from __future__ import annotations

from functools import lru_cache

from lxml.cssselect import CSSSelector
from lxml.html import HtmlElement

MAX_CACHED_SELECTORS = 4096  # the bundled sources and noise rules have a few hundred


@lru_cache(maxsize=MAX_CACHED_SELECTORS)
def compiled(css: str) -> CSSSelector:
    """``css`` as lxml compiles it for HTML (what ``HtmlElement.cssselect`` does)."""
    return CSSSelector(css, translator="html")


def select(root: HtmlElement, css: str) -> list[HtmlElement]:
    """The elements under ``root`` (itself included) matching ``css``, in document order."""
    return compiled(css)(root)
