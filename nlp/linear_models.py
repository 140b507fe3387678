"""Linear scorers over named features, stored as plain JSON: a logistic model (is this
candidate a visit?) and a softmax model (which of several labels?).

Reading and applying them needs nothing but the standard library, so extraction loads a
model in milliseconds; ``nlp.training`` fits them with scikit-learn.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
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
