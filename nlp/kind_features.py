"""What the learned kind of a visit reads: named features of the words the article uses for
it.

The annotators choose the kind by precedence over every word the article uses for that visit
(studi banding > konsultasi > audiensi > kunjungan kerja), so the features are the kind cue
words found in the visit's own sentences, the sentences that speak of it, the headline and
the whole article, and the kind the rules alone would choose. (Words beyond the cues, tried
too, made the cross-validated kind accuracy worse: 0.80 against 0.82.)
"""

from __future__ import annotations

from collections.abc import Sequence

from nlp.analysis import ArticleAnalysis
from nlp.drafts import DraftEvent
from nlp.sentence_view import SentenceView
from nlp.triggers import kinds_said, strongest_kind


def kind_features(analysis: ArticleAnalysis, draft: DraftEvent,
                  context: Sequence[SentenceView]) -> dict[str, float]:
    features: dict[str, float] = {}
    views = analysis.views
    reported = [views[i] for i in draft.sentences]
    kinds = {f.trigger.kind for f in draft.frames if f.trigger.kind}
    for scope, chosen in (("pair", reported), ("context", context),
                          ("title", views[:analysis.title_views]), ("article", views)):
        said = set().union(*(said_in(v) for v in chosen)) if chosen else set()
        for kind in said:
            features[f"cue:{kind}@{scope}"] = 1
        if scope == "context":
            kinds |= said
    features[f"rule:kind={strongest_kind(kinds)}"] = 1
    # a group, a school or a consulate received by a legislature pays it a call (the guide:
    # "kind usually audiensi"); a legislature's own trip is told by its words
    features[f"sides={draft.visitor.kind}>{draft.host.kind}"] = 1
    return features


def said_in(view: SentenceView) -> set[str]:
    """``kinds_said`` of the sentence, read once: every event of the article asks."""
    said = view.cache.get("kinds_said")
    if said is None:
        said = view.cache["kinds_said"] = kinds_said(view.low)
    return said  # type: ignore[no-any-return]
