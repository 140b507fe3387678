"""What a visit was about: a phrase in the article's words and a category from a lexicon.

The phrase follows a topic marker ("terkait", "dalam rangka", "membahas", "untuk
mempelajari", ...) in the sentences that report the visit or speak of it ("Kunjungan ini
bertujuan ..."). The category is the one whose words (``data/topic_lexicon.toml``) the
phrase, and then those sentences, use most.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from nlp.datafiles import read_toml
from nlp.lexicon import phrase_key

if TYPE_CHECKING:
    from nlp.analysis import ArticleAnalysis
    from nlp.drafts import DraftEvent
    from nlp.sentence_view import SentenceView

MAX_TOPIC_WORDS = 16
MAX_CONTEXT_SENTENCES = 5
TOPIC_WEIGHT = 3
_REFERS_TO_VISIT = re.compile(
    r"\b(kunjungan|kunker|studi banding|study banding|kedatangan|konsultasi|rombongan)"
    r"(nya)?\s+(ini|tersebut|itu|kali ini)\b|\b(tujuan(nya)?|bertujuan|dalam rangka)\b",
    re.IGNORECASE)
_PHRASE_END = re.compile(
    r"[.;:“”\"!?]|,\s+(kata|ujar|ungkap|jelas|tutur|sebut)|,\s+[A-Z]"
    r"|\s+(sehingga|agar|supaya|karena|kata|ujar|ungkap|pada|di gedung|di ruang|sekaligus|"
    r"bersama|yang dipimpin|dipimpin|melakukan|melaksanakan|menggelar|mengadakan|berkunjung|"
    r"mengunjungi|selama|senin|selasa|rabu|kamis|jumat|sabtu|minggu|ke provinsi|ke kabupaten|"
    r"ke kota|ke dprd)\b", re.IGNORECASE)
OCCASIONS = {"reses", "masa reses", "kunjungan kerja", "kunjungan", "studi banding", "kunker"}
ARTICLE_WEIGHT = 0.3
SHORT_KEYWORD = 4  # the rest of the article still hints at the subject


@dataclass(frozen=True, slots=True)
class TopicLexicon:
    markers: tuple[str, ...]
    empty: frozenset[str]
    categories: dict[str, tuple[tuple[str, ...], ...]]
    # keyword index: first word -> (keyword, category); a keyword's last word matches as a
    # prefix ("perda" matches "perdanya"), so one-word keywords are looked up by prefix.
    by_first_word: dict[str, list[tuple[tuple[str, ...], str]]]


@lru_cache(maxsize=1)
def topic_lexicon() -> TopicLexicon:
    data = read_toml("topic_lexicon.toml")
    markers = sorted(data["markers"]["before_topic"], key=len, reverse=True)
    categories = {c: tuple(phrase_key(w) for w in words)
                  for c, words in data["categories"].items()}
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for category, keywords in categories.items():
        for keyword in keywords:
            if keyword:
                index.setdefault(keyword[0], []).append((keyword, category))
    return TopicLexicon(
        markers=tuple(markers),
        empty=frozenset(data["markers"]["empty_topics"]),
        categories=categories,
        by_first_word=index,
    )


def event_context(views: Sequence[SentenceView], draft: DraftEvent) -> list[SentenceView]:
    """The sentences that report the visit, and those after them that speak of it."""
    reported = draft.sentences
    chosen = [views[i] for i in reported]
    if not reported:
        return chosen
    first, last = reported[0], reported[-1]
    names = {draft.visitor.institution, draft.host.institution} - {None}
    reported_set = set(reported)
    for view in views[first + 1:last + 1 + MAX_CONTEXT_SENTENCES]:
        if view.index in reported_set:
            continue
        other_visit = any(m.institution and m.institution not in names and m.legislative
                          for m in view.mentions)
        if _REFERS_TO_VISIT.search(view.sentence.text) and not other_visit:
            chosen.append(view)
    return chosen


def event_topic(analysis: ArticleAnalysis, context: Sequence[SentenceView]
                ) -> tuple[str | None, str]:
    """Topic phrase and category of a visit from its ``event_context`` sentences."""
    # the body says it in full; the headline only in short
    ordered = sorted(context, key=lambda v: v.index < analysis.title_views)
    phrase = None
    for view in ordered:
        phrase = topic_phrase(view.sentence.text)
        if phrase:
            break
    chosen = {v.index for v in context}
    rest = [v.sentence.text for v in analysis.views if v.index not in chosen]
    return phrase, categorise(phrase, [v.sentence.text for v in context], rest)


def topic_phrase(text: str) -> str | None:
    """The phrase after the first topic marker that says something ("dalam rangka studi
    banding terkait penataan lingkungan" -> "penataan lingkungan")."""
    lex = topic_lexicon()
    lowered = text.lower()
    candidates = []
    for marker in lex.markers:
        for found in re.finditer(r"\b" + re.escape(marker) + r"\b", lowered):
            candidates.append((found.start(), found.end()))
    for _, end in sorted(candidates):
        rest = text[end:]
        stop = _PHRASE_END.search(rest)
        phrase = rest[:stop.start()] if stop else rest
        words = phrase.split()
        phrase = " ".join(words[:MAX_TOPIC_WORDS]).strip(" ,–-")
        if phrase and not _says_nothing(phrase, lex) and len(phrase) > 3 \
                and not _is_only_markers(phrase, lex):
            return phrase
    return None


def _says_nothing(phrase: str, lex: TopicLexicon) -> bool:
    """"kunjungan kerja", "Masa Reses Persidangan Pertama": the occasion, not the subject."""
    low = phrase.lower().strip()
    return low in lex.empty or any(low.startswith(e + " ") and e in OCCASIONS for e in lex.empty)


def _is_only_markers(phrase: str, lex: TopicLexicon) -> bool:
    low = phrase.lower()
    return any(low.startswith(m) for m in lex.markers) and len(low.split()) <= 3


def categorise(phrase: str | None, sentences: Sequence[str], rest: Sequence[str] = ()) -> str:
    """The category whose words the topic phrase, the visit's sentences and (weakly) the
    rest of the article use most."""
    scores: Counter[str] = Counter()
    lex = topic_lexicon()
    if phrase:
        for category, hits in _hits(phrase, lex).items():
            scores[category] += TOPIC_WEIGHT * hits
    for sentence in sentences:
        for category, hits in _hits(sentence, lex).items():
            scores[category] += hits
    for sentence in rest:
        for category, hits in _hits(sentence, lex).items():
            scores[category] += ARTICLE_WEIGHT * hits
    if not scores:
        return "lainnya"
    order = list(lex.categories)
    return max(scores, key=lambda c: (scores[c], -order.index(c)))


def _hits(text: str, lex: TopicLexicon) -> Counter[str]:
    return Counter(dict(_hits_of(text)))


@lru_cache(maxsize=8192)
def _hits_of(text: str) -> tuple[tuple[str, int], ...]:
    """Keyword hits per category in ``text`` (cached: every event of an article scores the
    same sentences)."""
    lex = topic_lexicon()
    words = phrase_key(text)
    hits: Counter[str] = Counter()
    index = lex.by_first_word
    for i, word in enumerate(words):
        # one-word keywords match a prefix of the word ("perda" in "perdanya"), short ones
        # (up to 4 letters: "pad", "dak", "kua") only the whole word, or "pad" hits "pada";
        # longer keywords start with the whole word
        for end in range(2, len(word) + 1):
            for keyword, category in index.get(word[:end], ()):
                if len(keyword) == 1:
                    if end == len(word) or end > SHORT_KEYWORD:
                        hits[category] += 1
                elif end == len(word) and _rest_matches(words, i, keyword):
                    hits[category] += 1
    return tuple(hits.items())


def _rest_matches(words: Sequence[str], i: int, keyword: tuple[str, ...]) -> bool:
    n = len(keyword)
    if i + n > len(words):
        return False
    middle = all(words[i + k] == keyword[k] for k in range(1, n - 1))
    last = words[i + n - 1]
    return middle and (last == keyword[-1] or (len(keyword[-1]) > SHORT_KEYWORD
                                               and last.startswith(keyword[-1])))
