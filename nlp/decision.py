"""The learned decision: which candidate pairs are visits.

Boosted trees over ``nlp.pair_features`` score every candidate of ``nlp.candidates``; a
second stage of trees rescores each from the same features and the first stage's scores of
the article's other candidates (``nlp.context_features``), and a logistic regression over the
same features is averaged in (``LINEAR_WEIGHT``); those at or above the model's
threshold become drafts, whose date, place, people and topic the later steps read. What is
certain stays a rule: a place visited gives way to an institution the same delegation
visited inside it (``events.without_subsumed_places``).

The model is a JSON file (the trees of both stages, the kind and unit models, the threshold,
and a card describing its training) read in a fraction of a second with no machine-learning
library; ``nlp.training`` builds it. ``load_model()`` reads the one bundled in
``nlp/decision_model``; a caller may pass another file (``kunker train-extractor`` writes
one).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from nlp.analysis import ArticleAnalysis
from nlp.candidates import PLACE, Candidate, Entity, find_candidates, received_by_legislature
from nlp.context_features import with_context
from nlp.coordination import list_heads, listed_together
from nlp.drafts import DraftEvent, Side
from nlp.dropped_pairs import never_a_visit
from nlp.errors import DecisionModelError
from nlp.events import side_of, without_subsumed_places
from nlp.frames import Frame
from nlp.office_hosts import offices_as_units
from nlp.organ_split import split_by_organ
from nlp.other_agents import told_of_another
from nlp.pair_features import FEATURES_VERSION, article_facts, pair_features
from nlp.scorers import BoostedTrees, Logistic, Softmax
from nlp.triggers import Trigger
from nlp.unit_choice import choose_unit, unit_options

BUNDLED_MODEL = Path(__file__).resolve().parent / "decision_model" / "model.json"
MODEL_FORMAT = "kunker-decision/1"
RETRAIN_HINT = "retrain it with `kunker train-extractor GOLD.jsonl`"
LISTED_PARTNER_SHARE = 0.5
# A headline with a visit word says the article reports a visit: its best pair is kept at
# this lower bar when none reaches the threshold, with or without a top threshold. Over five
# fold splits of train.jsonl this raised held-out event F1 in each (+0.001 to +0.003, mean
# 0.671 -> 0.674 at threshold 0.4), and with no top threshold 0.7353 -> 0.7368 (4 of 5).
HEADLINE_TOP_THRESHOLD = 0.15
# A host named only as a place is the least specific host and the largest source of false
# visits (63 of 133 held-out false events in train.jsonl): its probability counts for this
# share against every bar above, that is it needs 0.5 to pass a threshold of 0.4. Over five
# fold splits of train this raised held-out precision from 0.764 to 0.779 (mean), event F1
# 0.674 -> 0.672.
PLACE_WEIGHT = 0.8
# Words that introduce the places a trip goes to: "tiga provinsi yang dikunjungi yaitu Riau,
# NTB dan Gorontalo", or the bodies it calls on: "tiga perusahaan yang dikunjungi yakni PT A,
# PT B dan PT C" (train.jsonl, 10 held-out splits: +1.4 right events a split, none false).
DESTINATION_CUES = frozenset({"tujuan", "dikunjungi", "disambangi", "yakni", "yaitu", "adalah"})
CUE_REACH = 6  # tokens before a list where its cue stands
LISTED_HOSTS = (PLACE, "organisation")  # the kinds of host such a list names
# A place in such a list joins a visitor already chosen when the model gives it this much:
# over 15 runs of held-out probabilities of train.jsonl, 0.05 to 0.2 all raised event F1 by
# 0.002-0.004 at the same precision; with no bar, precision fell by 0.04.
DESTINATION_FLOOR = 0.1
# A pair the rules read as a legislature receiving the visitor ("menerima kunjungan") is kept
# from this probability up: 76 of 79 such pairs of train.jsonl are visits (held out, no count
# changed at floors 0.05-0.3), and the model doubts rare visitors (an envoy, a union).
RECEIVED_FLOOR = 0.1
# The share of the logistic regression (``DecisionModel.linear``) in a pair's probability, the
# trees having the rest. Trees and a linear model err on different pairs: on the same held-out
# probabilities of five fold splits of train.jsonl, averaging the two raised event F1 in every
# split (mean 0.722 at the trees' best threshold -> 0.729 at the blend's), and shares of 0.35
# to 0.5 and inverse strengths of 0.03 to 0.3 scored alike; the linear model alone scored 0.70.
LINEAR_WEIGHT = 0.5
LINEAR_C = 0.1  # its inverse L2 strength (nlp.training fits it)
# A frame made for a pair the rules never linked: it has no visit word of its own.
NO_TRIGGER = Trigger(0, 0, "noun", "", "")


@dataclass(frozen=True, slots=True)
class DecisionModel:
    """Is a candidate a visit (``pair``, then ``context``, averaged with ``linear``, at
    ``threshold``), and of the visits chosen, which kind (``kind``) and which organ on each
    side (``unit``); None: the rules say (no ``context``: ``pair`` decides alone; no
    ``linear``: the trees do)."""

    pair: BoostedTrees | Logistic
    threshold: float
    kind: Softmax | None = None
    unit: Logistic | None = None  # scores the organs a side is named with (nlp.unit_choice)
    card: dict[str, Any] = field(default_factory=dict)
    # An article none of whose candidates reaches ``threshold`` still reports its most likely
    # visit when that reaches this: a short report of one visit gives the model little to go
    # on (chosen by cross-validation; an article with no visit word gets none, which keeps
    # general news from false alarms).
    top_threshold: float | None = None
    # The second stage: scores a pair from its features and ``pair``'s probabilities of the
    # article's pairs (``nlp.context_features``).
    context: BoostedTrees | None = None
    # A logistic regression over the pair's features, averaged in (``LINEAR_WEIGHT``).
    linear: Logistic | None = None

    @property
    def version(self) -> str:
        """Short name of this model for provenance: its training data hash and seed."""
        return str(self.card.get("version", "untrained"))

    def probabilities(self, candidates: list[Candidate],
                      features: list[dict[str, float]]) -> list[float]:
        """The probability that each of an article's candidates (with its features) is a
        visit."""
        first = [self.pair.probability(f) for f in features]
        trees = first if self.context is None else [
            self.context.probability(row) for row in with_context(candidates, features, first)]
        if self.linear is None:
            return trees
        return [(1.0 - LINEAR_WEIGHT) * p + LINEAR_WEIGHT * self.linear.probability(f)
                for p, f in zip(trees, features, strict=True)]

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"format": MODEL_FORMAT, "features_version": FEATURES_VERSION,
                                "threshold": self.threshold, "pair": self.pair.to_json()}
        if self.top_threshold is not None:
            data["top_threshold"] = self.top_threshold
        if self.kind is not None:
            data["kind"] = self.kind.to_json()
        if self.unit is not None:
            data["unit"] = self.unit.to_json()
        if self.context is not None:
            data["context"] = self.context.to_json()
        if self.linear is not None:
            data["linear"] = self.linear.to_json()
        data["card"] = self.card
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any], source: str = "model") -> DecisionModel:
        if not isinstance(data, dict) or data.get("format") != MODEL_FORMAT:
            raise DecisionModelError(f"{source}: not a kunker decision model; {RETRAIN_HINT}")
        if data.get("features_version") != FEATURES_VERSION:
            raise DecisionModelError(
                f"{source}: made for features version {data.get('features_version')}, this "
                f"kunker computes version {FEATURES_VERSION}; {RETRAIN_HINT}")
        try:
            pair = data["pair"]
            scorer = (BoostedTrees.from_json(pair) if pair.get("type") == "boosted_trees"
                      else Logistic.from_json(pair))
            return cls(scorer, float(data["threshold"]),
                       Softmax.from_json(data["kind"]) if "kind" in data else None,
                       Logistic.from_json(data["unit"]) if "unit" in data else None,
                       dict(data.get("card", {})),
                       float(data["top_threshold"]) if "top_threshold" in data else None,
                       BoostedTrees.from_json(data["context"]) if "context" in data else None,
                       Logistic.from_json(data["linear"]) if "linear" in data else None)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise DecisionModelError(f"{source}: unreadable model ({exc!r}); {RETRAIN_HINT}"
                                     ) from exc


@lru_cache(maxsize=4)
def load_model(path: Path | None = None) -> DecisionModel:
    """The model in ``path`` (default: the bundled one), read once per path."""
    path = path or BUNDLED_MODEL
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        hint = ("reinstall kunker" if path == BUNDLED_MODEL else RETRAIN_HINT)
        raise DecisionModelError(f"no decision model at {path}; {hint}") from exc
    except (OSError, ValueError) as exc:
        raise DecisionModelError(f"{path}: unreadable decision model ({exc}); "
                                 f"{RETRAIN_HINT}") from exc
    return DecisionModel.from_json(data, str(path))


def candidate_features(analysis: ArticleAnalysis
                       ) -> list[tuple[Candidate, dict[str, float]]]:
    """Every candidate of the article with its features, in a stable order."""
    candidates = find_candidates(analysis)
    if not candidates:
        return []
    facts = article_facts(analysis, analysis.cache["entities"], candidates)
    return [(c, pair_features(analysis, c, facts)) for c in candidates]


def scored_candidates(analysis: ArticleAnalysis, model: DecisionModel
                      ) -> list[tuple[Candidate, float]]:
    scored = candidate_features(analysis)
    candidates = [c for c, _ in scored]
    return list(zip(candidates, model.probabilities(candidates, [f for _, f in scored]),
                    strict=True))


def decide(analysis: ArticleAnalysis, model: DecisionModel) -> list[DraftEvent]:
    """The article's visits: candidates the model scores at or above its threshold (or the
    best one at or above ``top_threshold`` when none does)."""
    return chosen_drafts(analysis, scored_candidates(analysis, model), model)


def chosen_drafts(analysis: ArticleAnalysis, scored: list[tuple[Candidate, float]],
                  model: DecisionModel) -> list[DraftEvent]:
    """Drafts of the candidates at or above the threshold, and of those listed beside one
    (``with_listed_partners``); one for each of the visitor's commissions named as going to
    the host when there are several (``nlp.organ_split``); a regional office named alone is a
    unit of the one regional government its visitor visited (``nlp.office_hosts``). An
    article with no visit word anywhere reports no visit the rules can read, whatever a
    pair's score: a DPR member quoted on gas exports "ke Korea Selatan" is not a trip (in
    train.jsonl such articles held no visit the model found).
    Nor is a pair every sentence of which that names both tells of a video meeting ("secara
    virtual melalui zoom"): no one travelled, as the rules read it too (too rare in
    train.jsonl, 5 candidates, for the model to learn). Nor a place visited in a sentence
    about a member's recess with the constituency ("reses ... menyerap aspirasi
    konstituen"), which the schema says is no visit and the rules drop (2 candidates in
    train.jsonl), nor a place inside the visitor's own region in an article about such a
    recess, nor a host only named as a trip called off (``nlp.dropped_pairs``)."""
    if not any(view.triggers for view in analysis.views):
        return []
    scored = [(c, p) for c, p in scored if not never_a_visit(analysis, c)]
    chosen = with_listed_partners(analysis, scored, model.threshold, model.top_threshold)
    return without_subsumed_places(offices_as_units([
        split for candidate, probability in chosen for split in split_by_organ(
            analysis, candidate, draft_of(analysis, candidate, probability, model.unit))]))


def with_listed_partners(analysis: ArticleAnalysis, scored: list[tuple[Candidate, float]],
                         threshold: float, top_threshold: float | None = None
                         ) -> list[tuple[Candidate, float]]:
    """The candidates at or above ``threshold``, and with them each candidate whose visitor
    is listed beside a chosen one's visitor for the same host ("DPRD Kota Kediri, Kabupaten
    Gresik dan Kabupaten Lamongan melakukan kunjungan ke ..."), or whose host is listed
    beside a chosen one's host for the same visitor ("ke Lombok, Makassar dan Manado"): the
    items of a list share their role. Such a partner needs a probability of its own of at
    least ``LISTED_PARTNER_SHARE`` of the threshold; a place or body in a list of destinations
    ("tiga provinsi yang dikunjungi yaitu Riau, NTB dan Gorontalo") joins a chosen visitor at
    ``DESTINATION_FLOOR``, as each is a stop of its trip; a pair the rules read as a
    legislature receiving the visitor joins at ``RECEIVED_FLOOR``. When no candidate reaches
    ``threshold``, the best-scored one counts as chosen if it reaches ``top_threshold``
    (``HEADLINE_TOP_THRESHOLD`` when the headline has a visit word, even with none). A
    place-only host's probability counts for ``PLACE_WEIGHT`` of itself against each bar.
    Of a pair chosen both ways, only the likelier direction stays (``_one_direction``)."""
    # (candidate, probability, the probability weighed against the bars)
    weighed = [(c, p, p * PLACE_WEIGHT if c.host.kind == PLACE else p) for c, p in scored]
    chosen = [(c, p) for c, p, w in weighed if w >= threshold]
    if not chosen and _headline_tells_a_visit(analysis):
        top_threshold = HEADLINE_TOP_THRESHOLD if top_threshold is None else min(
            top_threshold, HEADLINE_TOP_THRESHOLD)
    if not chosen and top_threshold is not None:
        # ties: the first in article order
        best = max(weighed, key=lambda item: item[2], default=None)
        if best is not None and best[2] >= top_threshold:
            chosen = [(best[0], best[1])]
    keys = {c.key for c, _ in chosen}
    visitors = {c.visitor.key for c, _ in chosen}
    for candidate, probability, _ in weighed:
        # "kunjungan kerja ke tiga provinsi, yaitu Riau, NTB dan Gorontalo": each destination
        if candidate.key in keys:
            continue
        destination = (candidate.visitor.key in visitors and candidate.host.kind in LISTED_HOSTS
                       and probability >= DESTINATION_FLOOR
                       and _destination_list(analysis, candidate.host))
        # "Ketua DPRD menerima kunjungan ...": the receiving body acts as such
        received = probability >= RECEIVED_FLOOR and received_by_legislature(candidate)
        if destination or received:
            chosen.append((candidate, probability))
            keys.add(candidate.key)
    for candidate, probability, weight in weighed:
        if candidate.key in keys or weight < threshold * LISTED_PARTNER_SHARE:
            continue
        if any((_listed(analysis, candidate.visitor, other.visitor) and
               candidate.host.key == other.host.key) or
               (_listed(analysis, candidate.host, other.host) and
               candidate.visitor.key == other.visitor.key) for other, _ in chosen):
            chosen.append((candidate, probability))
            keys.add(candidate.key)
    return _one_direction(chosen)


def _headline_tells_a_visit(analysis: ArticleAnalysis) -> bool:
    """Whether the headline has a visit word whose traveller is not another actor: "Menteri
    Kunjungi Pasar, Anggota DPR Minta Harga Stabil" tells of the minister's trip, and the
    legislature quoted below made none."""
    return any(not told_of_another(view, trigger)
               for view in analysis.views[:analysis.title_views] for trigger in view.triggers)


def _one_direction(chosen: list[tuple[Candidate, float]]) -> list[tuple[Candidate, float]]:
    """A visit goes one way: of two bodies chosen as each other's visitor and host, the
    likelier pair stands (the first chosen on a tie). No article of train.jsonl has both
    directions in its gold; over 15 runs of held-out probabilities this raised event F1 at
    threshold 0.45 by 0.0007 +- 0.0003 (12 runs of 15), precision 0.816 -> 0.818."""
    best: dict[frozenset[str], int] = {}
    for k, (candidate, probability) in enumerate(chosen):
        pair = frozenset(candidate.key)
        if pair not in best or probability > chosen[best[pair]][1]:
            best[pair] = k
    return [item for k, item in enumerate(chosen) if best[frozenset(item[0].key)] == k]


def _destination_list(analysis: ArticleAnalysis, host: Entity) -> bool:
    """Whether the host is named in a list of two or more that a destination word
    introduces."""
    for occurrence in host.occurrences:
        view = analysis.views[occurrence.sentence]
        heads = list_heads(view)
        head = heads.get(occurrence.first, occurrence.first)
        if sum(h == head for h in heads.values()) >= 2 and not DESTINATION_CUES.isdisjoint(
                view.low[max(0, head - CUE_REACH):head]):
            return True
    return False


def _listed(analysis: ArticleAnalysis, a: Entity, b: Entity) -> bool:
    if a is b:
        return False
    for x in a.occurrences:
        for y in b.occurrences:
            if x.sentence == y.sentence and listed_together(analysis.views[x.sentence],
                                                             x.first, y.first):
                return True
    return False


def draft_of(analysis: ArticleAnalysis, candidate: Candidate, probability: float,
             unit_model: Logistic | None = None) -> DraftEvent:
    """A draft for a chosen pair: the rules' own when they made one, else one whose frames
    are the sentences that tell of the pair; with a ``unit_model``, it chooses each side's
    organ."""
    if candidate.draft is not None:
        draft = replace(candidate.draft, visitor=replace(candidate.draft.visitor),
                        host=replace(candidate.draft.host), frames=list(candidate.draft.frames),
                        confidence=probability)
    else:
        draft = DraftEvent(_side_of(candidate.visitor), _side_of(candidate.host),
                           _frames_of(analysis, candidate), confidence=probability)
    if unit_model is not None:
        for side, entity, other, prefix in (
                (draft.visitor, candidate.visitor, candidate.host, "v"),
                (draft.host, candidate.host, candidate.visitor, "h")):
            side.unit = choose_unit(unit_model, unit_options(
                analysis, entity, other, prefix, draft.sentences, side.unit))
    return draft


def _side_of(entity: Entity) -> Side:
    unit = entity.units.most_common(1)[0][0] if entity.units else entity.side.unit
    return replace(entity.side, unit=unit)


def _frames_of(analysis: ArticleAnalysis, candidate: Candidate) -> list[Frame]:
    """Frames that name both sides, else those naming the host as visited, else one made
    for the sentence where the two stand closest."""
    home = analysis.cache["home"]
    frames: list[Frame] = analysis.cache.get("frames", [])
    v, h = candidate.key

    def keys(mentions: list) -> set[str]:  # type: ignore[type-arg]
        sides = (side_of(m, home) for m in mentions)
        return {s.key for s in sides if s is not None}

    both = [f for f in frames if v in keys(f.visitors) and h in keys(f.hosts)]
    if both:
        return both
    hosted = [f for f in frames if h in keys(f.hosts)]
    if hosted:
        return hosted
    return [_made_frame(analysis, candidate)]


def _made_frame(analysis: ArticleAnalysis, candidate: Candidate) -> Frame:
    visitor, host = candidate.visitor, candidate.host
    shared = sorted(visitor.sentences & host.sentences)
    sentence = shared[0] if shared else min(host.sentences)
    view = analysis.views[sentence]
    visitor_mention = next((o.mention for o in visitor.occurrences if o.sentence == sentence),
                           visitor.occurrences[0].mention)
    host_mention = next(o.mention for o in host.occurrences if o.sentence == sentence)
    trigger = view.triggers[0] if view.triggers else NO_TRIGGER
    return Frame(sentence, trigger, [visitor_mention], [host_mention])
