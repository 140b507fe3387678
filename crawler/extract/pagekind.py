"""Is this page an article at all? Block/challenge pages, tag pages, videos, index pages.

Markers come from ``data/page_rules.toml``. A block page (Cloudflare "Just a moment...") is
reported as blocked and never stored: storing it would mark the article as seen forever.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from functools import cache

from lxml.html import HtmlElement

from crawler.urls import RULES_FILE, non_article_reason

BLOCK_PAGE_MAX_CHARS = 3000  # a challenge page is short; a long article quoting one is not
INDEX_MIN_HEADLINE_LINKS = 15  # links with a headline-like text (4+ words)
INDEX_MAX_BODY_CHARS = 1000
_WORD_RE = re.compile(r"\w+")
_ID_STOPWORDS = frozenset({
    "yang", "dan", "di", "ke", "dari", "dengan", "untuk", "ini", "itu", "dalam", "tidak",
    "akan", "pada", "juga", "oleh", "karena", "sebagai", "telah", "kata", "bahwa", "atau",
    "mereka", "kami", "kita", "saat", "para",
})  # fmt: skip
_EN_STOPWORDS = frozenset({
    "the", "and", "of", "to", "in", "is", "that", "for", "on", "with", "as", "was", "by",
    "at", "from", "are", "this", "be", "have", "it",
})  # fmt: skip


@cache
def _block_markers() -> tuple[tuple[str, ...], tuple[str, ...]]:
    with RULES_FILE.open("rb") as fh:
        data = tomllib.load(fh)["blocked"]
    return tuple(data["titles"]), tuple(m.lower() for m in data["body_markers"])


def block_reason(root: HtmlElement, raw_html: str) -> str | None:
    """``"blocked: <what>"`` for an anti-bot challenge or block page, else None."""
    titles, markers = _block_markers()
    title = " ".join((root.findtext(".//title") or "").split()).lower()
    text_length = len(" ".join(root.text_content().split()))
    is_challenge_title = bool(title) and any(t in title for t in titles)
    if is_challenge_title and text_length <= BLOCK_PAGE_MAX_CHARS:
        return f"blocked: challenge page ({title[:40]})"
    lowered = raw_html[:200_000].lower()
    for marker in markers:
        if marker in lowered and text_length <= BLOCK_PAGE_MAX_CHARS:
            return f"blocked: challenge page ({marker})"
    return None


def url_reason(url: str) -> str | None:
    """Not an article by its URL alone (tag page, category page, video...)."""
    return non_article_reason(url)


def looks_like_index(root: HtmlElement, paragraphs: Sequence[str]) -> bool:
    """Many headline links and little prose of its own: a listing page, not an article.

    Prose of its own: paragraphs that are not just the text of a link (trafilatura happily
    returns a list of headlines as the "body" of an index page).
    """
    headlines: set[str] = set()
    for anchor in root.iter("a"):
        text = " ".join(anchor.text_content().split())
        if len(_WORD_RE.findall(text)) >= 4:
            headlines.add(text)
    if len(headlines) < INDEX_MIN_HEADLINE_LINKS:
        return False
    prose = [p for p in paragraphs if p not in headlines]
    return sum(len(p) for p in prose) <= INDEX_MAX_BODY_CHARS


def detect_language(declared: str | None, text: str, default: str | None) -> str | None:
    """The page's language: what it declares ("id-ID", "id_ID"), else a stopword count."""
    if declared:
        code = re.split(r"[-_]", declared.strip().lower())[0]
        if code == "in":  # the old ISO code some CMSs still print for Indonesian
            code = "id"
        if re.fullmatch(r"[a-z]{2,3}", code):
            return code
    words = [w.lower() for w in _WORD_RE.findall(text[:5000])]
    if len(words) >= 20:
        indonesian = sum(w in _ID_STOPWORDS for w in words)
        english = sum(w in _EN_STOPWORDS for w in words)
        if indonesian > english:
            return "id"
        if english > indonesian:
            return "en"
    return default
