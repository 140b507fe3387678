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
STRONG_WEIGHT = 3.0  # a [strong] word of the lexicon against one of the subject it concerns
HOST_WEIGHT = 3.0  # the host's name ("RSUD ...", "Dinas Pariwisata") says much of the subject
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
_WORD_CHAR = re.compile(r"\w")
OCCASIONS = {"reses", "masa reses", "kunjungan kerja", "kunjungan", "studi banding", "kunker"}
ARTICLE_WEIGHT = 0.3
# A visit whose words give no category this much (a hit in its sentences counts 1, in the
# rest of the article ARTICLE_WEIGHT) is about no subject the lexicon knows: "lainnya", as
# the annotators chose for 101 of train's 680 events (gathering aspirations, a purpose left
# unsaid). With the model then bundled, category accuracy rose on train from 0.566 to 0.584 (0.580
# at 1, 0.569 at 2, where the bar was read) and on dev from 0.848 to 0.891.
MIN_SCORE = 1.5
SHORT_KEYWORD = 4  # the rest of the article still hints at the subject


@dataclass(frozen=True, slots=True)
class TopicLexicon:
    markers: tuple[str, ...]
    empty: frozenset[str]
    categories: dict[str, tuple[tuple[str, ...], ...]]
    # keyword index: first word -> (keyword, category, strong); a keyword's last word matches
    # as a prefix ("perda" matches "perdanya"), so one-word keywords are looked up by prefix.
    by_first_word: dict[str, list[tuple[tuple[str, ...], str, bool]]]
    strong_order: tuple[str, ...]  # which [strong] subject wins when a phrase names several
    marker_start: re.Pattern[str]  # where some marker starts (one scan instead of one each)


@lru_cache(maxsize=1)
def topic_lexicon() -> TopicLexicon:
    data = read_toml("topic_lexicon.toml")
    markers = sorted(data["markers"]["before_topic"], key=len, reverse=True)
    categories = {c: tuple(phrase_key(w) for w in words)
                  for c, words in data["categories"].items()}
    strong = {c: {phrase_key(w) for w in words} for c, words in data["strong"].items()}
    index: dict[str, list[tuple[tuple[str, ...], str, bool]]] = {}
    for category, keywords in categories.items():
        for keyword in dict.fromkeys((*keywords, *strong.get(category, ()))):
            if keyword:
                index.setdefault(keyword[0], []).append(
                    (keyword, category, keyword in strong.get(category, ())))
    return TopicLexicon(
        markers=tuple(markers),
        empty=frozenset(data["markers"]["empty_topics"]),
        categories=categories,
        by_first_word=index,
        strong_order=tuple(strong),
        marker_start=re.compile(
            r"\b(?=(?:" + "|".join(re.escape(m) for m in markers) + r")\b)"),
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


def event_topic(analysis: ArticleAnalysis, context: Sequence[SentenceView],
                draft: DraftEvent | None = None) -> tuple[str | None, str]:
    """Topic phrase and category of a visit from its ``event_context`` sentences; the
    host's name, when the host is not a legislature ("RSUD ...", "Dinas Pariwisata"),
    hints at the subject too."""
    # the body says it in full; the headline only in short
    ordered = sorted(context, key=lambda v: v.index < analysis.title_views)
    phrase = None
    for view in ordered:
        phrase = topic_phrase(view.sentence.text)
        if phrase:
            break
    if phrase is None and draft is not None:
        phrase = _article_topic(analysis, draft)
    chosen = {v.index for v in context}
    rest = [v.sentence.text for v in analysis.views if v.index not in chosen]
    hints: list[str] = []
    if draft is not None and draft.host.kind != "legislature":
        hints = [name for name in (draft.host.institution, draft.host.unit) if name]
    return phrase, categorise(phrase, [v.sentence.text for v in context], rest, hints)


def _article_topic(analysis: ArticleAnalysis, draft: DraftEvent) -> str | None:
    """The first topic phrase of the article's body, for a visit whose own sentences state
    none: an article about a visit says what it was about somewhere ("Dalam pertemuan itu
    dibahas ..."). Sentences that name another legislature speak of another visit."""
    own = {draft.visitor.institution, draft.host.institution} - {None}
    phrases = analysis.cache.setdefault("topic_phrases", {})  # every visit reads them
    for view in analysis.views[analysis.title_views:]:
        if any(m.institution and m.legislative and m.institution not in own
               for m in view.mentions):
            continue
        if view.index not in phrases:
            phrases[view.index] = topic_phrase(view.sentence.text)
        if phrases[view.index]:
            return phrases[view.index]
    return None


def topic_phrase(text: str) -> str | None:
    """The phrase after the first topic marker that says something ("dalam rangka studi
    banding terkait pengelolaan air bersih" -> "pengelolaan air bersih")."""
    lex = topic_lexicon()
    lowered = text.lower()
    candidates = []
    for found in lex.marker_start.finditer(lowered):
        start = found.start()
        for marker in lex.markers:
            end = start + len(marker)
            if lowered.startswith(marker, start) and _WORD_CHAR.match(lowered, end) is None:
                candidates.append((start, end))
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


def categorise(phrase: str | None, sentences: Sequence[str], rest: Sequence[str] = (),
               hints: Sequence[str] = ()) -> str:
    """The category of a visit. A topic phrase naming a [strong] subject (a raperda, the
    APBD, the LKPJ, the DPRD's own rules) takes the first such category of the lexicon's
    [strong] table; otherwise the category whose words the phrase (TOPIC_WEIGHT), the
    visit's sentences, the host's name (``hints``, HOST_WEIGHT) and, weakly, the rest of
    the article use most, if it reaches MIN_SCORE; else "lainnya"."""
    lex = topic_lexicon()
    if phrase:
        found = _strong_hits(phrase)
        if found:
            return min(found, key=lex.strong_order.index)
    scores: Counter[str] = Counter()
    for texts, weight in (([phrase] if phrase else [], TOPIC_WEIGHT), (sentences, 1.0),
                          (hints, HOST_WEIGHT), (rest, ARTICLE_WEIGHT)):
        for text in texts:
            for category, hits in _hits_of(text):
                scores[category] += weight * hits
    if not scores or max(scores.values()) < MIN_SCORE:
        return "lainnya"
    order = list(lex.categories)
    return max(scores, key=lambda c: (scores[c], -order.index(c)))


def _strong_hits(text: str) -> set[str]:
    return {category for category, strong in _matches(text) if strong}


@lru_cache(maxsize=8192)
def _hits_of(text: str) -> tuple[tuple[str, float], ...]:
    """Keyword hits per category in ``text``, a [strong] word counting STRONG_WEIGHT
    (cached: every event of an article scores the same sentences)."""
    hits: Counter[str] = Counter()
    for category, strong in _matches(text):
        hits[category] += STRONG_WEIGHT if strong else 1.0
    return tuple(hits.items())


def _matches(text: str) -> tuple[tuple[str, bool], ...]:
    """The lexicon's keywords in ``text``, left to right, each word read once: the longest
    keyword starting at a word wins ("pemerintahan desa" is one hit, not three)."""
    words = phrase_key(text)
    index = topic_lexicon().by_first_word
    found: list[tuple[str, bool]] = []
    i = 0
    while i < len(words):
        best: tuple[int, str, bool] | None = None
        word = words[i]
        # one-word keywords match a prefix of the word ("perda" in "perdanya"), short ones
        # (up to 4 letters: "pad", "dak", "kua") only the whole word, or "pad" hits "pada";
        # longer keywords start with the whole word
        for end in range(2, len(word) + 1):
            for keyword, category, strong in index.get(word[:end], ()):
                if len(keyword) == 1:
                    fits = end == len(word) or end > SHORT_KEYWORD
                else:
                    fits = end == len(word) and _rest_matches(words, i, keyword)
                if fits and (best is None or len(keyword) > best[0]):
                    best = (len(keyword), category, strong)
        if best is None:
            i += 1
            continue
        found.append((best[1], best[2]))
        i += best[0]
    return tuple(found)


def _rest_matches(words: Sequence[str], i: int, keyword: tuple[str, ...]) -> bool:
    n = len(keyword)
    if i + n > len(words):
        return False
    middle = all(words[i + k] == keyword[k] for k in range(1, n - 1))
    last = words[i + n - 1]
    return middle and (last == keyword[-1] or (len(keyword[-1]) > SHORT_KEYWORD
                                               and last.startswith(keyword[-1])))
