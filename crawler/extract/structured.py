"""What a page says about itself: JSON-LD (schema.org NewsArticle) and meta tags.

These come first because publishers fill them for search engines and they survive layout
changes; the configured CSS selectors are the next step (see ``article.py``).
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from lxml.html import HtmlElement

logger = logging.getLogger(__name__)

ARTICLE_TYPES = {
    "NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting",
    "OpinionNewsArticle", "BackgroundNewsArticle", "LiveBlogPosting", "Report",
}  # fmt: skip
VIDEO_TYPES = {"VideoObject", "VideoGallery"}
# Meta tags in the order they are trusted. (attribute, value) pairs.
DATE_META = (
    ("property", "article:published_time"),
    ("name", "article:published_time"),
    ("itemprop", "datePublished"),
    ("name", "content_PublishedDate"),  # Kompas
    ("name", "publishdate"),  # Detik: "2025/06/12 14:30:00"
    ("name", "dtk:publishdate"),
    ("name", "pubdate"),
    ("property", "og:published_time"),
    ("name", "DC.date.issued"),
    ("name", "date"),
)
AUTHOR_META = (
    ("name", "author"),
    ("name", "content_author"),  # Kompas
    ("name", "dtk:author"),  # Detik
    ("property", "article:author"),
)
TITLE_META = (("property", "og:title"), ("name", "twitter:title"))


@dataclass(slots=True)
class Structured:
    """Fields found in JSON-LD and meta tags; each is None when the page does not say."""

    headline: str | None = None  # JSON-LD headline
    meta_title: str | None = None  # og:title / twitter:title (may carry a site suffix)
    published: str | None = None
    author: str | None = None
    body: str | None = None  # JSON-LD articleBody (flat; the last resort)
    language: str | None = None
    canonical: str | None = None
    site_name: str | None = None
    og_type: str | None = None
    types: set[str] = field(default_factory=set)

    @property
    def is_article(self) -> bool:
        return bool(self.types & ARTICLE_TYPES) or (self.og_type or "") == "article"

    @property
    def is_video(self) -> bool:
        if (self.og_type or "").startswith("video"):
            return True
        return bool(self.types & VIDEO_TYPES) and not self.types & ARTICLE_TYPES


def read_structured(root: HtmlElement) -> Structured:
    found = Structured()
    nodes = list(_jsonld_nodes(root))
    by_id = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}
    for node in nodes:
        found.types |= _types(node)
    article = next((n for n in nodes if _types(n) & ARTICLE_TYPES), None)
    if article is not None:
        found.headline = _clean(_first_str(article.get("headline") or article.get("name")))
        found.published = _first_str(article.get("datePublished") or article.get("dateCreated"))
        found.author = _author_names(article.get("author"), by_id)
        found.body = _first_str(article.get("articleBody"))
        found.language = _first_str(article.get("inLanguage"))
    found.meta_title = _clean(_meta(root, TITLE_META))
    found.published = found.published or _meta(root, DATE_META) or _time_datetime(root)
    found.author = found.author or _meta_author(root)
    found.site_name = _clean(_meta(root, (("property", "og:site_name"),)))
    found.og_type = (_meta(root, (("property", "og:type"),)) or "").lower() or None
    found.language = (
        found.language
        or root.get("lang")
        or _meta(root, (("http-equiv", "content-language"), ("property", "og:locale")))
    )
    canonical = root.xpath("//link[@rel='canonical']/@href")
    found.canonical = str(canonical[0]).strip() if canonical else None
    return found


def _jsonld_nodes(root: HtmlElement) -> Any:
    for script in root.xpath("//script[@type='application/ld+json']"):
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw, strict=False)  # raw newlines inside strings are common
        except json.JSONDecodeError:
            try:  # trailing commas, the other common publisher mistake
                data = json.loads(re.sub(r",\s*([}\]])", r"\1", raw), strict=False)
            except json.JSONDecodeError:
                logger.debug("unreadable JSON-LD block skipped")
                continue
        yield from _flatten(data)


def _flatten(data: Any) -> Any:
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _flatten(data["@graph"])
        main = data.get("mainEntity")
        if isinstance(main, dict):
            yield from _flatten(main)


def _types(node: dict[str, Any]) -> set[str]:
    value = node.get("@type")
    if isinstance(value, str):
        return {value}
    if isinstance(value, list):
        return {v for v in value if isinstance(v, str)}
    return set()


def _first_str(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _author_names(value: Any, by_id: dict[str, dict[str, Any]]) -> str | None:
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        if isinstance(item, dict) and "name" not in item and isinstance(item.get("@id"), str):
            item = by_id.get(item["@id"], item)  # Yoast: {"@id": "#/schema/person/..."}
        name = item.get("name") if isinstance(item, dict) else item
        name = clean_author(_first_str(name))
        if name and name not in names:
            names.append(name)
    return ", ".join(names) or None


def _meta(root: HtmlElement, keys: tuple[tuple[str, str], ...]) -> str | None:
    for attribute, value in keys:
        for content in root.xpath(f"//meta[@{attribute}=$v]/@content", v=value):
            content = str(content).strip()
            if content:
                return content
    return None


def _meta_author(root: HtmlElement) -> str | None:
    for attribute, value in AUTHOR_META:
        for content in root.xpath(f"//meta[@{attribute}=$v]/@content", v=value):
            name = clean_author(str(content))
            if name:
                return name
    return None


def _time_datetime(root: HtmlElement) -> str | None:
    values = root.xpath("//time[@itemprop='datePublished']/@datetime") or root.xpath(
        "//article//time[@datetime]/@datetime"
    )
    return str(values[0]).strip() if values else None


_AUTHOR_LABEL_RE = re.compile(
    r"^(?:penulis|reporter|oleh|pewarta|wartawan|kontributor|by|laporan wartawan[^:]*)\s*[:：]?\s*",
    re.IGNORECASE,
)
_AUTHOR_SUFFIX_RE = re.compile(r"\s*[-–|]\s*(?:detik\w*|kompas\.com|tribun\w*(?:\.com)?)\s*$", re.I)


def clean_author(value: str | None) -> str | None:
    """ "Penulis: Nama" / "Nama - detikNews" → "Nama"; URLs and empty values → None."""
    if not value:
        return None
    text = " ".join(value.split())
    if text.startswith(("http://", "https://")):
        return None
    text = _AUTHOR_LABEL_RE.sub("", text)
    text = _AUTHOR_SUFFIX_RE.sub("", text).strip(" -|,")
    return text or None


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    text = " ".join(value.split())
    return text or None
