"""The extractor: an article in, its legislative visit events out (no network, no database).

Steps, in order: clean sentences (``segment``) -> Stanza annotations for the sentences that
can matter (``linguistic``) -> institutions and places (``institutions``, with
``legislatures`` and ``organisations``; names made one by ``organisation_names``, regions
chosen by ``region_context``) -> visit words (``triggers``) -> frames per sentence
(``frames``/``syntax``) -> visits per article (``events``, as ``drafts``) -> date, place,
people, topic of each visit (``dates``, ``location``, ``people``, ``topics``). What the
steps found is one ``analysis.ArticleAnalysis``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from datetime import date

from nlp import dates, location, people, topics, visit_dates
from nlp.analysis import ArticleAnalysis
from nlp.coordination import share_listed_bodies
from nlp.dateline import find_dateline
from nlp.decision import DecisionModel, decide, load_model
from nlp.drafts import DraftEvent
from nlp.events import assemble, home_legislature
from nlp.frames import Frame
from nlp.gazetteer import gazetteer
from nlp.institutions import find_mentions
from nlp.kind_features import kind_features, said_in
from nlp.linguistic import Annotator, default_annotator
from nlp.organ_trips import organ_trips
from nlp.organisation_names import unify_organisations
from nlp.records import Article, Event, Evidence, Party
from nlp.region_context import RegionContext, resolve, supported_town
from nlp.segment import Sentence, split_sentences
from nlp.sentence_view import SentenceView
from nlp.tokens import tokenize
from nlp.triggers import find_triggers, strongest_kind

log = logging.getLogger(__name__)

# Bump when extraction changes in a way that should make `kunker reprocess` redo articles.
EXTRACTOR_VERSION = "2026.12.17"
URL_DATE = re.compile(r"/(20\d{2}|19\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|-|$)")
BASE_CONFIDENCE = 0.6
# Extraction reads at most this much of an article's text: the longest of the 4,001 real
# articles in ../shared (eval/train, eval/dev, corpus/indosum-dev) has 8,837 characters, the
# median about 1,950. Work grows faster than the text (every name is compared with every
# other, every visit looks at every person), so an unbounded page would take minutes.
MAX_TEXT_CHARS = 50_000
MAX_TITLE_CHARS = 1_000  # headlines: the longest real one has 128


def provenance(annotator: Annotator | None = None, model: DecisionModel | None = None
               ) -> dict[str, str]:
    """What produced an extraction, for storage and display: the extractor version, the
    annotator in use ("rules" or "stanza") and the decision model's version. Keys may be
    added; readers should show every key they are given."""
    annotator = annotator or default_annotator()
    model = model or load_model()
    return {"extractor_version": EXTRACTOR_VERSION, "annotator": annotator.name,
            "decision_model": model.version}


def extract_events(article: Article, annotator: Annotator | None = None,
                   model: DecisionModel | None = None) -> list[Event]:
    """The visit events of ``article``, each with evidence sentences and a confidence (the
    decision model's probability). ``model`` defaults to the bundled one."""
    model = model or load_model()
    analysis = analyse(article, annotator, model)
    return [to_event(analysis, draft, model) for draft in analysis.drafts]


def rule_events(article: Article, annotator: Annotator | None = None) -> list[Event]:
    """The visits the word-order rules alone find (``nlp.frames``/``nlp.events``), with the
    same dates, places, people and topics: what tests of those steps read, so that they do
    not hang on a learned probability near its threshold; kunker stores
    ``extract_events``'s."""
    analysis = analyse(article, annotator)
    return [to_event(analysis, draft) for draft in analysis.drafts]


def chars_read(text: str) -> int:
    """How many characters of ``text`` extraction reads: all of them up to MAX_TEXT_CHARS,
    else up to the last whitespace before that limit (a word is not cut in two)."""
    if len(text) <= MAX_TEXT_CHARS:
        return len(text)
    if text[MAX_TEXT_CHARS].isspace():
        return MAX_TEXT_CHARS
    space = max(text.rfind(c, 0, MAX_TEXT_CHARS) for c in (" ", "\n", "\t"))
    return space if space > MAX_TEXT_CHARS // 2 else MAX_TEXT_CHARS


def analyse(article: Article, annotator: Annotator | None = None,
            model: DecisionModel | None = None) -> ArticleAnalysis:
    """What the steps find in ``article``; only its first ``chars_read`` characters are
    read (``ArticleAnalysis.truncated`` says so, and a warning names the article). With a
    ``model`` the visits are those it decides among the candidates; without one, the
    word-order rules' drafts (what training reads as one feature among others)."""
    annotator = annotator or default_annotator()
    full_length = len(article.text)
    read = chars_read(article.text)
    if read < full_length:
        log.warning("article %s: read the first %d of %d characters (MAX_TEXT_CHARS)",
                    article.id or article.url or "without id", read, full_length)
    if read < full_length or len(article.title or "") > MAX_TITLE_CHARS:
        article = replace(article, text=article.text[:read],
                          title=article.title[:MAX_TITLE_CHARS] if article.title else None)
    published = (dates.plausible_publication(article.published)
                 or dates.plausible_publication(date_from_url(article.url)))
    sentences = split_sentences(article.text)
    title_sentences = _title_sentences(article, sentences)
    all_sentences = title_sentences + sentences
    dateline = find_dateline(article.text, sentences)
    sentence_tokens = [tokenize(s.text, s.start) for s in all_sentences]
    mentions = [find_mentions(s.text, s.start, tokens)
                for s, tokens in zip(all_sentences, sentence_tokens, strict=True)]
    context = RegionContext.from_mentions(
        (m for ms in mentions for m in ms), dateline.region if dateline else None)
    unify_organisations([m for ms in mentions[len(title_sentences):] for m in ms],
                        [m for ms in mentions[:len(title_sentences)] for m in ms])
    for sentence_mentions in mentions:
        for mention in sentence_mentions:
            resolve(mention, context)
    mentions = [share_listed_bodies(s.text, s.start, [m for m in ms if supported_town(m, context)])
                for s, ms in zip(all_sentences, mentions, strict=True)]
    annotations = annotator.annotate(all_sentences, mentions)
    views: list[SentenceView] = []
    after_visit = False  # the article already told of a visit
    for index, (sentence, sentence_mentions) in enumerate(zip(all_sentences, mentions,
                                                              strict=True)):
        tokens = sentence_tokens[index]
        notes = annotations.get(index)
        lemmas = notes.lemmas if notes else None
        view = SentenceView(index, sentence, tokens, sentence_mentions,
                            find_triggers(tokens, lemmas, after_visit), lemmas=lemmas,
                            heads=notes.heads if notes else None,
                            deprels=notes.deprels if notes else None,
                            upos=notes.upos if notes else None,
                            ner=notes.ner if notes else None)
        if after_visit or view.triggers:
            told = organ_trips(view)  # "Komisi I ke Garut, Komisi II ke Kuningan"
            if told:
                view.triggers = sorted(view.triggers + told, key=lambda t: t.first)
        views.append(view)
        after_visit = after_visit or bool(view.triggers)
    frames: list[Frame] = []
    home = home_legislature(views)
    drafts = assemble(views, home, title_sentences=len(title_sentences), frames_out=frames)
    analysis = ArticleAnalysis(article, published, views, len(title_sentences), drafts, dateline,
                               text_length=full_length, rule_drafts=drafts)
    analysis.cache["frames"] = frames
    analysis.cache["home"] = home
    if model is not None:
        analysis.drafts = decide(analysis, model)
    return analysis


def to_event(analysis: ArticleAnalysis, draft: DraftEvent,
             model: DecisionModel | None = None) -> Event:
    """The event record of a draft; the model's kind model (when it has one) chooses the
    kind, else the rules do."""
    views = analysis.views
    sentences = [views[i] for i in draft.sentences]
    kinds = {f.trigger.kind for f in draft.frames if f.trigger.kind}
    context = topics.event_context(views, draft)
    for view in context:
        kinds |= said_in(view)
    host_region = draft.host.region
    if host_region is not None:
        host_region = gazetteer().regency_of(host_region)
    event = Event(
        kind=strongest_kind(kinds),  # type: ignore[arg-type]
        visitor=Party(draft.visitor.institution, draft.visitor.unit),
        host=Party(draft.host.institution, draft.host.unit,
                   host_region.full_name if host_region else None),
        date=visit_dates.event_date(analysis, draft),
        location=location.event_location(analysis, draft),
        people=people.event_people(analysis, draft),
        evidence=[Evidence(v.sentence.text, v.sentence.start, v.sentence.end)
                  for v in sentences if v.index >= analysis.title_views],
        confidence=_confidence(draft),
    )
    event.topic, event.topic_category = topics.event_topic(analysis, context, draft)
    if model is not None and model.kind is not None:
        event.kind = model.kind.predict(  # type: ignore[assignment]
            kind_features(analysis, draft, context))
    return event


def _confidence(draft: DraftEvent) -> float:
    if draft.confidence is not None:
        return draft.confidence
    score = BASE_CONFIDENCE
    score += 0.1 * min(len(draft.frames) - 1, 2)
    verdicts = {f.syntax for f in draft.frames}
    if "agrees" in verdicts:
        score += 0.1
    elif "disagrees" in verdicts:
        score -= 0.1
    if draft.host.kind == "place":
        score -= 0.1
    return max(0.05, min(0.95, score))


def _title_sentences(article: Article, sentences: list[Sentence]) -> list[Sentence]:
    """The headline as a sentence of its own; body lines that repeat it (pages often print
    the headline twice) are taken out of ``sentences``."""
    title = (article.title or "").strip()
    if not title:
        return []
    repeats = [s for s in sentences if s.text.strip() == title]
    for repeat in repeats:
        sentences.remove(repeat)
    first = repeats[0] if repeats else Sentence(title, -len(title) - 1, -1, -1)
    return [first]


def date_from_url(url: str | None) -> date | None:
    """Publication date written in an article URL (".../2021/04/17/slug")."""
    if not url:
        return None
    found = URL_DATE.search(url)
    if not found:
        return None
    try:
        return date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    except ValueError:
        return None
