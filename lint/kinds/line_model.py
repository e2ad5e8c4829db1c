"""line-model: runs of lines a learned classifier scores as page chrome (or off-topic material).

A safety net under the hand rules, not a replacement: it runs after them and
reports only lines no rule of its category found (Context.findings), so a menu
the hand rules named keeps their finding and message. What it scores is the
shape of each line and its neighbours (lint/line_features.py), weighed by a
logistic regression trained on the labelled pages and cross-validated by outlet
(scripts/train_line_model.py, lint/line_model.json).

A run is consecutive nonblank lines scoring at least `threshold` (one line below
it may sit inside); it is reported when its best line scores at least `min_top`
and below `max_top`, so one rule can report the confident runs as warnings and
another the rest as info.
"""
from __future__ import annotations

from .. import line_model
from ..document import Document
from ..finding import Hit
from . import Context, Kind, OptionError


class LineModel(Kind):
    name = "line-model"
    reads_findings = True
    OPTIONS = {
        "scores": "chrome",   # which of the model's categories: chrome or off-topic
        "threshold": 0.9,     # a line at or above this score joins a run
        "min_top": 0.0,       # a run is reported when its best line scores at least this ...
        "max_top": 1.01,      # ... and below this
    }
    FIELDS = ("score",)

    def __init__(self, options: dict):
        super().__init__(options)
        try:
            self.model = line_model.load()
        except line_model.ModelError as err:
            raise OptionError("scores", str(err)) from None
        if self.options["scores"] not in self.model.categories:
            known = ", ".join(sorted(self.model.categories))
            raise OptionError("scores", f"'{self.options['scores']}' is not one of the model's categories ({known})")
        for key in ("threshold", "min_top", "max_top"):
            if not 0.0 <= self.options[key] <= 1.01:
                raise OptionError(key, "expected a score between 0 and 1 (1.01: never)")

    def find(self, doc: Document, ctx: Context):
        category = self.options["scores"]
        indexes, scores = self.model.scores(doc, ctx, category)
        if not indexes:
            return
        runs = line_model.runs(indexes, scores, self.options["threshold"],
                               _covered(doc, indexes, ctx.findings, category), line_model.MAX_GAP)
        for first, last, top in runs:
            if self.options["min_top"] <= top < self.options["max_top"]:
                start = doc.lines[first][0]
                start += len(doc.line_text(first)) - len(doc.line_text(first).lstrip())
                end = doc.lines[last][0] + len(doc.line_text(last).rstrip())
                yield Hit(start, end, values=(("score", f"{top:.2f}"),))


def _covered(doc: Document, indexes: list[int], findings, category: str) -> frozenset[int]:
    """The view lines inside a finding of this category (findings count source lines).

    One sweep over the merged spans: a page of thousands of menu findings stays linear."""
    merged: list[list[int]] = []
    for first, last in sorted((f.line, f.end_line) for f in findings if f.category == category):
        if merged and first <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], last)
        else:
            merged.append([first, last])
    out = set()
    at = 0
    for index in indexes:   # in order, so their source lines rise too
        line = doc.position(doc.lines[index][0])[0]
        while at < len(merged) and merged[at][1] < line:
            at += 1
        if at == len(merged):
            break
        if merged[at][0] <= line:
            out.add(index)
    return frozenset(out)
