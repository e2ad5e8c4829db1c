"""The learned line classifier at run time: a small JSON file of weights, read in pure Python.

scripts/train_line_model.py trains it (numpy, at development time only) on
the shape features of lint/line_features.py and writes lint/line_model.json: the
feature names it was trained on, the word families it tested, one logistic
regression per category (page chrome, off-topic material) and the figures of its
grouped cross-validation. Here it is only read: a line's score is a weighted sum
of its features through the logistic function. No numpy, nothing fetched.
"""
from __future__ import annotations

import json
import math
import os
from operator import mul

from . import line_features

MODEL_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "line_model.json")
FORMAT = 1
MAX_GAP = 1   # a run bridges one line below its threshold: menus have the odd longer label


class ModelError(ValueError):
    """The model file is missing, damaged or was trained on other features."""


class Weights:
    """One category's logistic regression over the features and their products with a few of them."""

    def __init__(self, data: dict):
        names = line_features.NAMES
        self.bias = float(data["bias"])
        self.weights = [float(w) for w in data["weights"]]
        # A cross is the product of every feature with one of them ("in the body" x each shape): one
        # dot product, scaled by that feature's value.
        self.crosses = [(names.index(name), [float(w) for w in weights]) for name, weights in data["crosses"].items()]
        if len(self.weights) != len(names) or any(len(w) != len(names) for _, w in self.crosses):
            raise ModelError("weights do not match the features")

    def score(self, row: list[float]) -> float:
        """The probability that the line belongs to this category."""
        total = self.bias + sum(map(mul, self.weights, row))
        for feature, weights in self.crosses:
            if row[feature]:
                total += row[feature] * sum(map(mul, weights, row))
        if total < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-total))


class LineModel:
    def __init__(self, data: dict):
        if data.get("format") != FORMAT:
            raise ModelError(f"model format {data.get('format')!r}, expected {FORMAT}")
        if tuple(data.get("features", ())) != line_features.NAMES:
            raise ModelError("the model was trained on other features than lint/line_features.py computes; "
                             "retrain it with scripts/train_line_model.py")
        self.data = data
        self.lexicons = line_features.Lexicons(data["lexicons"])
        self.categories = {name: Weights(weights) for name, weights in data["models"].items()}
        self.thresholds = data["thresholds"]

    def scores(self, doc, ctx, category: str) -> tuple[list[int], list[float]]:
        """The nonblank view lines and each one's probability of being in `category`.

        The features are computed once per document (ctx.store), each category's scores when asked."""
        key = ("line-model", id(self))
        store = ctx.store if ctx is not None else {}
        if key not in store:
            # A text written in blank-line paragraphs is no copied page: the model was never seen to
            # fire there (0 of 2,225 BBC articles, no paragraphed labelled file), so skip its features.
            page = line_features.page_layout(doc, ctx)
            store[key] = (([], []) if page.paragraphed else line_features.features(doc, ctx, self.lexicons)), {}
        (indexes, rows), scored = store[key]
        if category not in scored:
            model = self.categories[category]
            scored[category] = [model.score(row) for row in rows]
        return indexes, scored[category]


_LOADED: dict[str, LineModel] = {}


def load(path: str = MODEL_PATH) -> LineModel:
    """The model at `path`, read once per process."""
    if path not in _LOADED:
        try:
            with open(path, encoding="utf-8") as handle:
                data = json.load(handle)
        except (OSError, ValueError) as err:
            raise ModelError(f"{path}: {err}") from None
        try:
            _LOADED[path] = LineModel(data)
        except (KeyError, TypeError) as err:
            raise ModelError(f"{path}: not a line model ({err})") from None
    return _LOADED[path]


def runs(indexes: list[int], scores: list[float], threshold: float, covered: frozenset[int] = frozenset(),
         max_gap: int = 0) -> list[tuple[int, int, float]]:
    """Runs of consecutive nonblank lines scoring at or above `threshold`: (first, last view line, top score).

    A line in `covered` (found already by a hand rule of the same category) is never
    part of a run and ends one; up to `max_gap` lines below the threshold may sit
    inside a run when lines above it follow.
    """
    out = []
    start = last = None
    top = 0.0
    gap = 0
    for index, score in zip(indexes, scores):
        if index not in covered and score >= threshold:
            if start is None:
                start, top = index, score
            last, gap, top = index, 0, max(top, score)
            continue
        if start is not None and index not in covered and gap < max_gap:
            gap += 1
            continue
        if start is not None:
            out.append((start, last, top))
        start, gap = None, 0
    if start is not None:
        out.append((start, last, top))
    return out
