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
    """Everything the steps found in one article (kept for `kunker evaluate --verbose`)."""

    article: Article
    published: date | None
    views: list[SentenceView]
    title_views: int
    drafts: list[DraftEvent]
    dateline: Dateline | None
    cache: dict[str, Any] = field(default_factory=dict)  # per-article results steps share
