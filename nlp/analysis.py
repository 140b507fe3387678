"""What the steps found in one article, shared by the steps that read a visit's details."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from nlp.dateline import Dateline
from nlp.drafts import DraftEvent
from nlp.records import Article
from nlp.sentence_view import SentenceView


@dataclass(slots=True)
class ArticleAnalysis:
    """Everything the steps found in one article (kept for `kunker evaluate --verbose`).
    ``article`` is what was read: its text is cut at ``nlp.extract.MAX_TEXT_CHARS``."""

    article: Article
    published: date | None
    views: list[SentenceView]
    title_views: int
    drafts: list[DraftEvent]  # the visits decided (by the model when one is given)
    dateline: Dateline | None
    cache: dict[str, Any] = field(default_factory=dict)  # per-article results steps share
    text_length: int | None = None  # of the text given (None: all of article.text)
    rule_drafts: list[DraftEvent] = field(default_factory=list)  # the word-order rules' own

    @property
    def truncated(self) -> bool:
        """True when only the first ``len(article.text)`` characters were read."""
        return self.text_length is not None and self.text_length > len(self.article.text)
