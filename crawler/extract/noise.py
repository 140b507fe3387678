"""Removing injected noise from an article body, structurally and textually.

Why this is its own step: a "Baca juga:" teaser mid-body links to another story, often about
another DPRD visit; if its headline stays in the text, event extraction reports a visit that
never happened. Photo captions, related lists, share widgets, tags and "Editor:" lines are
the same kind of noise. ``data/noise.toml`` holds the selectors and patterns.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree
from lxml.html import HtmlElement

from crawler.extract.selectors import select

NOISE_FILE = Path(__file__).resolve().parent.parent / "data" / "noise.toml"
MARKER_ONLY_CHARS = 30  # "<b>Baca juga:</b>" alone: the headline link follows it
TEASER_TAGS = {
    "p", "div", "span", "strong", "b", "em", "i", "u", "li", "table", "td", "h2", "h3",
    "h4", "h5", "h6", "blockquote", "section",
}  # fmt: skip
INLINE_FOLLOWERS = {"a", "strong", "b", "em", "i", "u", "span"}
# "...kata dia. Baca juga: DPRD X kunjungi Y" flattened into one paragraph: cut the teaser.
_INLINE_TEASER_RE = re.compile(
    r"(?<=[.!?\"”’)])\s+(?:baca|simak|lihat)\s+(?:juga|pula)\s*[:：].*$", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class NoiseRules:
    selectors: tuple[str, ...]
    teaser_markers: tuple[re.Pattern[str], ...]
    teaser_max_chars: int
    drop: tuple[re.Pattern[str], ...]
    drop_with_next: tuple[re.Pattern[str], ...]
    stop: tuple[re.Pattern[str], ...]
    line_max_chars: int


@cache
def noise_rules() -> NoiseRules:
    with NOISE_FILE.open("rb") as fh:
        data = tomllib.load(fh)

    def compiled(patterns: Iterable[str]) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p, re.IGNORECASE) for p in patterns)

    structural, lines = data["structural"], data["lines"]
    return NoiseRules(
        selectors=tuple(structural["selectors"]),
        teaser_markers=compiled(structural["teaser_markers"]),
        teaser_max_chars=int(structural["TEASER_MAX_CHARS"]),
        drop=compiled(lines["drop"]),
        drop_with_next=compiled(lines["drop_with_next"]),
        stop=compiled(lines["stop"]),
        line_max_chars=int(lines["LINE_MAX_CHARS"]),
    )


def remove_noise_elements(root: HtmlElement, extra_selectors: Sequence[str] = ()) -> int:
    """Remove noise elements from ``root`` in place; returns how many were removed.

    The text after a removed element (its tail) stays: in <br>-separated bodies (ANTARA) the
    next paragraph is the tail of the teaser span.
    """
    rules = noise_rules()
    removed = 0
    for css in (*rules.selectors, *extra_selectors):
        for element in select(root, css):
            if element is root or element.getparent() is None:
                continue
            element.drop_tree()
            removed += 1
    removed += _remove_teasers(root, rules)
    for comment in root.iter(etree.Comment):
        if comment.getparent() is not None:
            comment.drop_tree()
    return removed


def _remove_teasers(root: HtmlElement, rules: NoiseRules) -> int:
    doomed: list[HtmlElement] = []
    doomed_ids: set[int] = set()
    for element in root.iter(*TEASER_TAGS):
        if element is root or any(id(a) in doomed_ids for a in element.iterancestors()):
            continue
        text = " ".join(element.text_content().split())
        if not text or len(text) > rules.teaser_max_chars:
            continue
        if not any(p.search(text) for p in rules.teaser_markers):
            continue
        group = [element]
        if len(text) <= MARKER_ONLY_CHARS and not (element.tail or "").strip():
            # <b>Baca juga:</b> <a href=...>headline</a>: the headline is a sibling.
            sibling = element.getnext()
            while sibling is not None and (
                sibling.tag in INLINE_FOLLOWERS or _link_only(sibling)
            ):
                group.append(sibling)
                if (sibling.tail or "").strip():
                    break
                sibling = sibling.getnext()
        for item in group:
            doomed.append(item)
            doomed_ids.add(id(item))
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()
    return len(doomed)


def _link_only(element: HtmlElement) -> bool:
    """A block whose whole text is link text: <p><a>headline</a></p> after "Baca juga:"."""
    text = "".join(element.text_content().split())
    links = "".join("".join(a.text_content().split()) for a in element.iter("a"))
    return bool(text) and text == links


def clean_paragraphs(paragraphs: Iterable[str], title: str | None = None) -> list[str]:
    """Drop noise paragraphs ("Baca juga: ...", "Editor: ...", "ADVERTISEMENT"...)."""
    rules = noise_rules()
    title_key = _key(title) if title else None
    kept: list[str] = []
    skip_next = False
    for raw in paragraphs:
        line = " ".join(raw.split())
        if not line:
            continue
        if skip_next:
            skip_next = False
            continue
        if any(p.search(line) for p in rules.stop):
            break
        if any(p.search(line) for p in rules.drop_with_next):
            skip_next = True
            continue
        if len(line) <= rules.line_max_chars and any(p.search(line) for p in rules.drop):
            continue
        line = _INLINE_TEASER_RE.sub("", line).strip()
        if not line:
            continue
        if title_key and not kept and _key(line) == title_key:
            continue  # trafilatura repeats the headline as the first line
        if kept and kept[-1] == line:
            continue
        kept.append(line)
    return kept


def _key(text: str) -> str:
    return re.sub(r"\W+", "", text).lower()
