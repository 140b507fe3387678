"""Scorers over named features, stored as plain JSON: boosted trees (is this candidate a
visit?), a logistic model (which organ?) and a softmax model (which kind?).

Reading and applying them needs nothing but the standard library, so extraction loads a
model in milliseconds; ``nlp.training`` fits them with LightGBM and scikit-learn.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

LOWEST_SCORE = -30.0  # below this exp() underflows; the probability is 0 for our purposes


@dataclass(frozen=True, slots=True)
class Logistic:
    weights: dict[str, float]
    bias: float

    def score(self, features: dict[str, float]) -> float:
        weights = self.weights
        return self.bias + sum(value * weights.get(name, 0.0) for name, value in features.items())

    def probability(self, features: dict[str, float]) -> float:
        score = self.score(features)
        return 0.0 if score < LOWEST_SCORE else 1.0 / (1.0 + math.exp(-score))

    def to_json(self) -> dict[str, Any]:
        return {"bias": self.bias, "weights": dict(sorted(self.weights.items()))}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Logistic:
        return cls({str(k): float(v) for k, v in data["weights"].items()}, float(data["bias"]))


@dataclass(frozen=True, slots=True)
class Softmax:
    """One linear score per label; the label with the highest score wins."""

    labels: tuple[str, ...]
    weights: dict[str, dict[str, float]]  # label -> feature -> weight
    bias: dict[str, float]

    def predict(self, features: dict[str, float]) -> str:
        def score(label: str) -> float:
            weights = self.weights.get(label, {})
            return self.bias.get(label, 0.0) + sum(
                value * weights.get(name, 0.0) for name, value in features.items())

        return max(self.labels, key=score)

    def to_json(self) -> dict[str, Any]:
        return {"labels": list(self.labels), "bias": self.bias,
                "weights": {label: dict(sorted(w.items())) for label, w in self.weights.items()}}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Softmax:
        return cls(tuple(str(label) for label in data["labels"]),
                   {str(label): {str(k): float(v) for k, v in w.items()}
                    for label, w in data["weights"].items()},
                   {str(label): float(b) for label, b in data["bias"].items()})


@dataclass(frozen=True, slots=True)
class BoostedTrees:
    """A sum of regression trees (LightGBM's, flattened) whose total is a log-odds.

    Each tree is four parallel lists over its split nodes (the feature index, the threshold,
    where a value at or under it goes, where a greater one goes) and its leaf values; a child
    below zero is leaf ``~child``. Features not named are 0, as they were in training's
    sparse rows (LightGBM compares zeros like any value unless told to treat them as missing,
    which kunker never does).
    """

    names: tuple[str, ...]
    trees: tuple[tuple[tuple[int, ...], tuple[float, ...], tuple[int, ...], tuple[int, ...],
                       tuple[float, ...]], ...]
    index: dict[str, int] = field(init=False, repr=False, compare=False)
    total: Callable[[list[float]], float] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", {name: k for k, name in enumerate(self.names)})
        object.__setattr__(self, "total", _compiled(self.trees))

    def score(self, features: dict[str, float]) -> float:
        row = [0.0] * len(self.names)
        index = self.index
        for name, value in features.items():
            k = index.get(name)
            if k is not None:
                row[k] = value
        return self.total(row)

    def probability(self, features: dict[str, float]) -> float:
        score = self.score(features)
        return 0.0 if score < LOWEST_SCORE else 1.0 / (1.0 + math.exp(-score))

    def to_json(self) -> dict[str, Any]:
        return {"type": "boosted_trees", "names": list(self.names),
                "trees": [[list(part) for part in tree] for tree in self.trees]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BoostedTrees:
        names = tuple(str(n) for n in data["names"])
        trees = []
        for feature, threshold, left, right, leaves in data["trees"]:
            tree = (tuple(int(f) for f in feature), tuple(float(t) for t in threshold),
                    tuple(int(k) for k in left), tuple(int(k) for k in right),
                    tuple(float(v) for v in leaves))
            if any(not 0 <= f < len(names) for f in tree[0]) or not tree[4]:
                raise ValueError("a tree names a feature that is not listed, or has no leaf")
            trees.append(tree)
        return cls(names, tuple(trees))

    @classmethod
    def from_lightgbm(cls, dump: dict[str, Any], names: list[str]) -> BoostedTrees:
        """From ``Booster.dump_model()`` of a model trained on columns ``names``; only the
        features some split uses are kept."""
        trees = [_flatten(info["tree_structure"]) for info in dump["tree_info"]]
        used = sorted({f for tree in trees for f in tree[0]})
        position = {f: k for k, f in enumerate(used)}
        return cls(tuple(names[f] for f in used),
                   tuple((tuple(position[f] for f in tree[0]), *tree[1:]) for tree in trees))


def _flatten(root: dict[str, Any]) -> tuple[tuple[int, ...], tuple[float, ...], tuple[int, ...],
                                             tuple[int, ...], tuple[float, ...]]:
    """One LightGBM tree as the parallel lists ``BoostedTrees`` reads."""
    feature: list[int] = []
    threshold: list[float] = []
    left: list[int] = []
    right: list[int] = []
    leaves: list[float] = []

    def walk(node: dict[str, Any]) -> int:
        if "leaf_value" in node:
            leaves.append(float(node["leaf_value"]))
            return ~(len(leaves) - 1)
        if node.get("decision_type") != "<=" or node.get("missing_type") != "None":
            raise ValueError(f"unsupported split {node.get('decision_type')} "
                             f"(missing values: {node.get('missing_type')})")
        index = len(feature)
        feature.append(int(node["split_feature"]))
        threshold.append(float(node["threshold"]))
        left.append(0)
        right.append(0)
        left[index] = walk(node["left_child"])
        right[index] = walk(node["right_child"])
        return index

    top = walk(root)
    if top < 0:  # a tree of one leaf: a split that every value passes to that leaf
        feature.append(0)
        threshold.append(math.inf)
        left.append(top)
        right.append(top)
    return tuple(feature), tuple(threshold), tuple(left), tuple(right), tuple(leaves)


def _compiled(trees: Sequence[tuple[Sequence[int], Sequence[float], Sequence[int],
                                    Sequence[int], Sequence[float]]]
              ) -> Callable[[list[float]], float]:
    """The trees as one Python expression of nested conditionals over a dense row,
    compiled once (about 0.1 s for 300 trees): a tree is then a few comparisons, with no
    loop or lookups (0.08 against 0.25 ms a candidate for walking the lists by name). The
    source holds only integers and floats written from the model, so evaluating it runs
    nothing else."""

    def node(tree: tuple[Sequence[int], Sequence[float], Sequence[int], Sequence[int],
                         Sequence[float]], k: int) -> str:
        feature, threshold, left, right, leaves = tree
        if k < 0:
            return _number(leaves[~k])
        return (f"({node(tree, left[k])} if row[{int(feature[k])}] <= "
                f"{_number(threshold[k])} else {node(tree, right[k])})")

    body = " + ".join(node(tree, 0) for tree in trees) or "0.0"
    code = compile(f"lambda row: {body}", "<kunker decision trees>", "eval")
    return eval(code, {"__builtins__": {}})  # type: ignore[no-any-return]


def _number(value: float) -> str:
    """``value`` as a Python literal (an infinite threshold too: 1e999 reads as infinity)."""
    value = float(value)
    if math.isnan(value):
        raise ValueError("a tree holds NaN")
    if math.isinf(value):
        return "1e999" if value > 0 else "-1e999"
    return repr(value)
