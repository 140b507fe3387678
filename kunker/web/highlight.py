"""Marking text for the eye: search words in snippets, record fields in evidence sentences,
and links that open a source article scrolled to the evidence (URL text fragments).

Everything is HTML-escaped here before any ``<mark>`` is added: article text is untrusted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

# the search's own word splitting and marks, so what is marked is what matched
from storage.search import MARK_END, MARK_START, search_terms

# storage marks a matching word as "[word]"; an article's own brackets look the same, so
# only a bracketed word that is one of the searched words becomes a <mark>.
MARKED_WORD = re.compile(re.escape(MARK_START) + r"([^\s" + re.escape(MARK_START + MARK_END)
                         + r"]+)" + re.escape(MARK_END))
WORD = re.compile(r"\w+")
MIN_PHRASE_LENGTH = 3  # shorter field values ("DI") would mark every other word
FRAGMENT_WORDS = 4  # words at each end of a sentence for a #:~:text= link


def snippet(text: str | None, query: str) -> Markup:
    """A search snippet with the searched words in ``<mark>``."""
    wanted = {t.casefold() for t in search_terms(query)}
    out: list[str] = []
    last = 0
    raw = text or ""
    for match in MARKED_WORD.finditer(raw):
        inner = match.group(1)
        if not any(w.casefold() in wanted for w in WORD.findall(inner)):
            continue
        out.append(str(escape(raw[last:match.start()])))
        out.append(f"<mark>{escape(inner)}</mark>")
        last = match.end()
    out.append(str(escape(raw[last:])))
    return Markup("".join(out))


def mark_phrases(text: str, phrases: Iterable[str | None]) -> Markup:
    """``text`` with every occurrence of ``phrases`` (any case, whole words) in ``<mark>``."""
    wanted = sorted({p.strip() for p in phrases if p and len(p.strip()) >= MIN_PHRASE_LENGTH},
                    key=len, reverse=True)  # longest first: "Komisi IV" before "Komisi"
    if not wanted:
        return Markup(escape(text))
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(p) for p in wanted) + r")(?!\w)",
                         re.IGNORECASE)
    out: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        out.append(str(escape(text[last:match.start()])))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    out.append(str(escape(text[last:])))
    return Markup("".join(out))


def _fragment_part(words: list[str]) -> str:
    # '-', ',' and '&' are syntax in a text directive: percent-encode them too.
    return quote(" ".join(words), safe="").replace("-", "%2D")


def fragment_link(url: str | None, sentence: str) -> str:
    """``url#:~:text=start,end``: browsers that support text fragments open the article
    scrolled to the sentence and highlight it (others just open the article)."""
    if not url:
        return ""
    words = sentence.split()
    base = url.split("#", 1)[0]
    if not words:
        return base
    if len(words) <= FRAGMENT_WORDS * 2:
        return f"{base}#:~:text={_fragment_part(words)}"
    return (f"{base}#:~:text={_fragment_part(words[:FRAGMENT_WORDS])},"
            f"{_fragment_part(words[-FRAGMENT_WORDS:])}")


def when(event: dict[str, Any]) -> str:
    """The visit date, or ``~`` and the first report's date when no article gives one."""
    if event.get("date_precision") == "exact":
        return event["date"]
    return f"~{event['date'] or event['sort_date']}"


def party(side: dict[str, Any]) -> str:
    name = side.get("institution") or side.get("region") or "?"
    return f"{side['unit']}, {name}" if side.get("unit") else name


def label(value: str | None) -> str:
    """"studi_banding" -> "studi banding"."""
    return (value or "").replace("_", " ")


# "DPRD Provinsi Bengkulu" -> "Bengkulu": articles name the region more often than the
# canonical institution ("DPRD Bengkulu", "dewan Bengkulu").
INSTITUTION_REGION = re.compile(
    r"^(?:DPRD|DPRK|DPR|Pemerintah)\s+(?:Provinsi\s+|Kabupaten\s+|Kota\s+)?(?P<region>.+)$"
)
REGION_NAME = re.compile(r"^(?:Provinsi|Kabupaten|Kota)\s+(?P<region>.+)$")


def evidence_phrases(visitor: dict[str, Any], host: dict[str, Any], location: str | None,
                     topic: str | None, people: list[dict[str, Any]]) -> list[str]:
    """The record's values as they may appear in an evidence sentence."""
    phrases = [visitor.get("unit"), host.get("unit"), location, topic,
               *(p["name"] for p in people)]
    for name in (visitor.get("institution"), host.get("institution")):
        if name:
            phrases.append(name)
            match = INSTITUTION_REGION.match(name)
            if match and match.group("region") not in ("RI", "Aceh", "Papua"):
                phrases.append(match.group("region"))
    region = host.get("region")
    if region:
        match = REGION_NAME.match(region)
        phrases.append(match.group("region") if match else region)
    return [p for p in phrases if p]


FILTERS = {
    "snippet": snippet,
    "mark_phrases": mark_phrases,
    "fragment_link": fragment_link,
    "when": when,
    "party": party,
    "label": label,
    "evidence_phrases": evidence_phrases,
}
