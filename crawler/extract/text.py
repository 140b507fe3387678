"""Body text from HTML: paragraphs from a chosen element, or trafilatura for unknown layouts.

Paragraphs are separated by a blank line ("\\n\\n") in the stored text. Both paths remove
noise elements first (``noise.remove_noise_elements``) and noise lines after
(``noise.clean_paragraphs``).
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Sequence

from lxml.html import HtmlElement

from crawler.extract.noise import clean_paragraphs, remove_noise_elements

logger = logging.getLogger(__name__)

PARAGRAPH_SEPARATOR = "\n\n"
BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6",
    "ul", "ol", "li", "blockquote", "pre", "table", "tbody", "thead", "tr", "figure",
    "dl", "dt", "dd", "address", "center", "hr",
}  # fmt: skip
_BREAK = "\x00"


def element_paragraphs(element: HtmlElement) -> list[str]:
    """The text of ``element`` split into paragraphs at block elements and <br>."""
    chunks: list[str] = []

    def walk(node: HtmlElement) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        block = tag in BLOCK_TAGS
        if block or tag == "br":
            chunks.append(_BREAK)
        if tag and node.text:
            chunks.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                chunks.append(child.tail)
        if block:
            chunks.append(_BREAK)

    walk(element)
    lines = "".join(chunks).split(_BREAK)
    return [" ".join(line.split()) for line in lines if line.strip()]


def body_from_element(
    element: HtmlElement, noise_selectors: Sequence[str], title: str | None
) -> list[str]:
    """Clean paragraphs of a configured body element (the element itself is not changed)."""
    body = copy.deepcopy(element)
    remove_noise_elements(body, noise_selectors)
    return clean_paragraphs(element_paragraphs(body), title)


def body_from_trafilatura(
    root: HtmlElement, noise_selectors: Sequence[str], title: str | None
) -> list[str]:
    """The generic path: noise removed from the whole page, then trafilatura finds the body."""
    import trafilatura  # heavy import; only the generic path needs it

    page = copy.deepcopy(root)
    remove_noise_elements(page, noise_selectors)
    try:
        # the tree itself, not its serialisation: trafilatura would parse the page again
        text = trafilatura.extract(
            page,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            # not deduplicate=True: its cache lives for the whole process and drops
            # paragraphs seen on earlier pages, so the same page parsed twice came back
            # shorter (and a re-crawl reported it "updated")
            deduplicate=False,
        )
    except Exception as exc:  # trafilatura raises a variety of parser errors
        logger.warning("trafilatura failed: %s", exc)
        return []
    if not text:
        return []
    return clean_paragraphs(text.splitlines(), title)


def paragraphs_from_text(text: str, title: str | None) -> list[str]:
    """A flat body (JSON-LD ``articleBody``) split on its line breaks and cleaned."""
    return clean_paragraphs(text.replace("\r", "\n").split("\n"), title)


def join_paragraphs(paragraphs: Sequence[str]) -> str:
    return PARAGRAPH_SEPARATOR.join(paragraphs)
