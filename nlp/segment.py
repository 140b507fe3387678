"""Article text -> clean sentences with offsets into the original text.

Noise lines (teasers, credits, related-article lists; see ``data/noise.toml``) are skipped,
never rewritten, so every sentence's ``start``/``end`` still points into the article text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from nlp.datafiles import read_lines, read_toml

_SENTENCE_END = re.compile(
    r"[.!?]+[\"”’')]*(?=\s+[\"“‘'(]?\s?[A-Z0-9])"  # ". Next" / ". “Next" / '. " Next'
    r"|[.!?]+(?=[\"“]?[A-Z][a-z])"  # a missing space: "tersebut.Kunjungan"
    # words glued by a page's markup ("JakartaMasukan"); a short part before the capital is
    # one name written in camel case ("KahaTex", "AusPayNet"), not two sentences
    r"|(?<=[a-z]{4})(?=[A-Z][a-z]{2,})"
)
_LINE = re.compile(r"[^\n]+")
SENTENCE_ENDINGS = frozenset('.!?:;"”’)')
# A page whose lines go on in lowercase after this many line breaks wraps at a fixed width;
# there a long line not ending a sentence goes on in the next, whatever its first letter.
WRAP_EVIDENCE = 3
# Characters of a line that can be a wrapped one: such pages wrap at about 60 to 80; a
# headline or a dateline ("Denpasar", "Kunker Komisi X ke Bali") is shorter.
WRAPPED_LINE = 40
# Words no sentence ends with: a line ending in one was broken by the page, whatever case
# the next line starts with ("... juga mengirim dua tim lainnya ke" / "Provinsi Jambi").
OPEN_WORDS = frozenset({"ke", "di", "dari", "dan", "yang", "untuk", "oleh", "dengan", "pada",
                        "serta", "atau", "bersama", "menuju", "kepada", "dalam", "antara"})


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    end: int
    paragraph: int  # index among kept paragraphs (0 = first)


@dataclass(frozen=True, slots=True)
class NoiseRules:
    drop_line: tuple[re.Pattern[str], ...]
    end_of_article: tuple[re.Pattern[str], ...]
    inline_teaser: re.Pattern[str]


@lru_cache(maxsize=1)
def noise_rules() -> NoiseRules:
    data = read_toml("noise.toml")
    flags = re.IGNORECASE
    return NoiseRules(
        drop_line=tuple(re.compile(p, flags) for p in data["drop_line"]),
        end_of_article=tuple(re.compile(p, flags) for p in data["end_of_article"]),
        inline_teaser=re.compile(data["inline_teaser"], flags),
    )


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every kept line, in order; noise lines and the tail after an
    end-of-article marker are left out."""
    rules = noise_rules()
    kept: list[tuple[int, int]] = []
    lines = list(_LINE.finditer(text))
    skip_next_short = False
    for index, match in enumerate(lines):
        line = match.group().strip()
        if not line:
            continue
        # Only a marker in the second half of the text ends the article; near the top it is
        # a site's navigation block.
        past_middle = match.start() > len(text) * 0.4 or index > len(lines) // 2
        if past_middle and any(p.fullmatch(line) for p in rules.end_of_article):
            break
        if any(p.fullmatch(line) for p in rules.drop_line):
            # "Baca juga:" alone on its line announces a teaser headline on the next one.
            skip_next_short = line.rstrip().endswith(":")
            continue
        if skip_next_short and _looks_like_headline(line):
            skip_next_short = False
            continue
        skip_next_short = False
        start = match.start() + (len(match.group()) - len(match.group().lstrip()))
        end = match.start() + len(match.group().rstrip())
        kept.extend(_cut_inline_teasers(text, start, end, rules.inline_teaser))
    return _rejoin_broken_lines(text, kept)


def _rejoin_broken_lines(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a line to the next when the page broke a sentence across them: the first line
    ends without a sentence's end and the next, right after it, goes on in lowercase
    ("... akan berangkat ke Kendari dan Baubau untuk melakukan study" / "banding ..."), or
    the first ends with a word no sentence ends with (``OPEN_WORDS``), or the page wraps
    its lines at a fixed width (``_hard_wrapped``) and the first is a long line."""
    wrapped = _hard_wrapped(text, spans)
    joined: list[tuple[int, int]] = []
    line_start = 0  # of the physical line before this one
    for start, end in spans:
        if joined:
            previous_start, previous_end = joined[-1]
            gap = text[previous_end:start]
            if (gap.strip() == "" and "\n" in gap
                    and text[previous_end - 1] not in SENTENCE_ENDINGS
                    and (text[start].islower()
                         or _last_word(text, previous_start, previous_end) in OPEN_WORDS
                         or (wrapped and previous_end - line_start >= WRAPPED_LINE))):
                joined[-1] = (previous_start, end)
                line_start = start
                continue
        joined.append((start, end))
        line_start = start
    return joined


def _hard_wrapped(text: str, spans: list[tuple[int, int]]) -> bool:
    """Whether the page wraps its lines at a fixed width, breaking sentences (and names:
    "rektor Universitas" / "Udayana") anywhere: several lines go on in lowercase after a
    line break."""
    breaks = 0
    for (_, previous_end), (start, _) in pairwise(spans):
        if text[previous_end - 1].isalnum() and text[start].islower() and \
                text[previous_end:start].count("\n") == 1:
            breaks += 1
    return breaks >= WRAP_EVIDENCE


def _last_word(text: str, start: int, end: int) -> str:
    """The line's last word as written (an upper-case "OLEH" ends a credit line)."""
    words = text[start:end].split()
    return words[-1] if words else ""


def _looks_like_headline(line: str) -> bool:
    return len(line) < 160 and not line.rstrip().endswith((".", "”", '"', "!", "?"))


def _cut_inline_teasers(
    text: str, start: int, end: int, marker: re.Pattern[str]
) -> list[tuple[int, int]]:
    """Drop "Baca juga: <headline>" glued inside a paragraph; the headline ends where the
    next real sentence begins (a lowercase letter directly followed by a capital)."""
    pieces: list[tuple[int, int]] = []
    cursor = start
    for found in marker.finditer(text, start, end):
        pieces.append((cursor, found.start()))
        glue = re.compile(r"[a-z)][A-Z]|[.!?]\s").search(text, found.end(), end)
        cursor = glue.start() + 1 if glue else end
    pieces.append((cursor, end))
    return [(s, e) for s, e in pieces if text[s:e].strip()]


MAX_INITIALS = 3  # "WZ", "HM": initials written together
_TITLE_BEFORE = re.compile(r"(\w+)\.\s+$")


def split_sentences(text: str) -> list[Sentence]:
    """Clean sentences of ``text`` with offsets into it."""
    sentences: list[Sentence] = []
    for number, (start, end) in enumerate(paragraphs(text)):
        for s, e in _split_paragraph(text, start, end):
            stripped = text[s:e]
            left = len(stripped) - len(stripped.lstrip())
            right = len(stripped.rstrip())
            if right > left:
                sentences.append(Sentence(text[s + left:s + right], s + left, s + right, number))
    return sentences


def _split_paragraph(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _SENTENCE_END.finditer(text, start, end):
        if _is_abbreviation(text, cursor, match.start()):
            continue
        spans.append((cursor, match.end()))
        cursor = match.end()
    spans.append((cursor, end))
    return spans


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Words whose period does not end a sentence ("Dr. Amalia", "Kab. Bandung")."""
    return frozenset(read_lines("abbreviations.txt"))


def _is_abbreviation(text: str, sentence_start: int, period: int) -> bool:
    if text[period] != ".":
        return False
    word = re.search(r"([\w.]+)$", text[sentence_start:period])
    if word is None:
        return False
    token = word.group(1).lower().strip(".")
    if len(token) == 1 and token.isalpha():
        return True  # an initial: "M. Aras", "H. Ali"
    if token in abbreviations():
        return True
    # initials after a title: "RSUD Prof. WZ. Johannes" (an acronym ending a sentence, "ke
    # KPK.", has no title before it)
    if len(token) > MAX_INITIALS or not word.group(1).strip(".").isupper():
        return False
    title = _TITLE_BEFORE.search(text, sentence_start, period - len(word.group(1)))
    return title is not None and title.group(1).lower() in abbreviations()
