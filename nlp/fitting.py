"""The learners behind the decision model: LightGBM's gradient-boosted trees, flattened into
``nlp.scorers.BoostedTrees``, and scikit-learn's logistic regressions, copied into
``Logistic`` and ``Softmax``. Only training imports them; extraction reads the JSON.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from nlp.errors import NlpError
from nlp.scorers import BoostedTrees, Logistic, Softmax

# Gradient-boosted trees for the pair decision. Chosen by 5-fold cross-validation on
# train.jsonl (event F1 of held-out probabilities, mean of 5 fold splits) among 7-63 leaves,
# 150-600 rounds, 5-40 rows a leaf, 0.3-0.8 of the features a tree and L2 1-10: 31 leaves
# of at least 10 rows gave the best curve (F1 0.677 at precision 0.79, against 0.672 at
# 0.78 for 15 leaves of 20 rows seeing half the features); a logistic regression over the
# same features scored well below the trees. Every tree sees every feature: LightGBM
# samples feature columns by their index, so with a share of them any change to the
# feature list (one feature renamed) made every tree another draw and moved held-out
# probabilities by up to 0.07; seeing all, the renamed model is the same (the other features
# keep their order, which breaks ties between equal splits), and held-out event F1 was the
# same (15 paired runs at threshold 0.45: +0.0013 +- 0.0016 against 0.8).
TREE_PARAMETERS: dict[str, Any] = {
    "objective": "binary", "learning_rate": 0.05, "num_leaves": 31, "min_data_in_leaf": 10,
    "feature_fraction": 1.0, "bagging_fraction": 0.8, "bagging_freq": 1, "lambda_l2": 1.0,
    "verbose": -1, "num_threads": 1, "deterministic": True,
}  # fmt: skip
TREE_ROUNDS = 300
MIN_LEAF_ROWS = 3
CHECKED_ROWS = 200  # rows on which the flattened trees must give LightGBM's probabilities
LABEL_C = 1.0  # inverse L2 strength of the kind model
LABEL_MIN_COUNT = 2
INSTALL_HINT = "training needs scikit-learn and LightGBM: pip install scikit-learn lightgbm"


def sparse_matrix(rows: Sequence[dict[str, float]], min_count: int) -> tuple[Any, list[str]]:
    """Sparse matrix of the rows over the features seen at least ``min_count`` times."""
    from sklearn.feature_extraction import DictVectorizer

    counts = Counter(name for row in rows for name in row)
    kept = {name for name, n in counts.items() if n >= min_count}
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([{k: v for k, v in r.items() if k in kept}
                                       for r in rows]).tocsr()
    # DictVectorizer gives 64-bit indices here, which liblinear refuses
    matrix.indices = matrix.indices.astype("int32")
    matrix.indptr = matrix.indptr.astype("int32")
    return matrix, list(vectorizer.get_feature_names_out())


def fit_logistic(rows: Sequence[tuple[dict[str, float], int]], seed: int,
                 strength: float = LABEL_C, min_count: int = 1) -> Logistic | None:
    """A logistic regression over option rows (features seen at least ``min_count`` times,
    inverse L2 strength ``strength``), or None without both labels among them."""
    from sklearn.linear_model import LogisticRegression

    if len({label for _, label in rows}) < 2:
        return None
    matrix, names = sparse_matrix([f for f, _ in rows], min_count)
    classifier = LogisticRegression(C=strength, solver="liblinear", random_state=seed)
    classifier.fit(matrix, [label for _, label in rows])
    return Logistic({n: float(w) for n, w in zip(names, classifier.coef_[0], strict=True) if w},
                    float(classifier.intercept_[0]))


def fit_boosted_trees(matrix: Any, names: list[str], labels: list[int], seed: int
                      ) -> BoostedTrees:
    """LightGBM's gradient-boosted trees, flattened into ``BoostedTrees`` and checked to give
    LightGBM's own probabilities."""
    try:
        import lightgbm
    except ImportError as exc:
        raise NlpError(INSTALL_HINT) from exc
    # a leaf needs TREE_PARAMETERS' rows on a full gold set, fewer on a small one
    leaf_rows = min(TREE_PARAMETERS["min_data_in_leaf"], max(MIN_LEAF_ROWS, len(labels) // 50))
    booster = lightgbm.train({**TREE_PARAMETERS, "seed": seed, "min_data_in_leaf": leaf_rows},
                             lightgbm.Dataset(matrix.astype("float32"), label=labels),
                             num_boost_round=TREE_ROUNDS)
    trees = BoostedTrees.from_lightgbm(booster.dump_model(), names)
    expected = booster.predict(matrix[:CHECKED_ROWS].astype("float32"))
    rows = matrix[:CHECKED_ROWS].tocsr()
    for k, want in enumerate(expected):
        row = rows.getrow(k)
        got = trees.probability({names[j]: float(v) for j, v in zip(row.indices, row.data,
                                                                     strict=True)})
        if abs(got - want) > 1e-6:
            raise NlpError(f"the flattened trees disagree with LightGBM ({got} vs {want}); "
                           "this LightGBM version writes trees kunker cannot read")
    return trees


def fit_softmax(rows: Sequence[tuple[dict[str, float], str]], seed: int) -> Softmax | None:
    """A multinomial logistic regression, or None when the rows hold fewer than two labels
    (the rules then decide)."""
    try:
        from sklearn.linear_model import LogisticRegression
    except ImportError as exc:
        raise NlpError(INSTALL_HINT) from exc

    labels = [label for _, label in rows]
    if len(set(labels)) < 2:
        return None
    matrix, names = sparse_matrix([f for f, _ in rows], LABEL_MIN_COUNT)
    classifier = LogisticRegression(C=LABEL_C, max_iter=2000, random_state=seed)
    classifier.fit(matrix, labels)
    classes = [str(c) for c in classifier.classes_]
    coefficients = classifier.coef_
    intercepts = classifier.intercept_
    if len(classes) == 2:  # one row of weights: for the second label against the first
        coefficients = [[0.0] * len(names), coefficients[0]]
        intercepts = [0.0, intercepts[0]]
    weights = {label: {n: float(w) for n, w in zip(names, row, strict=True) if w}
               for label, row in zip(classes, coefficients, strict=True)}
    bias = {label: float(b) for label, b in zip(classes, intercepts, strict=True)}
    return Softmax(tuple(classes), weights, bias)
