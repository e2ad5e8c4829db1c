"""metric: a readability score of the whole article, through textstat, against thresholds.

textstat is imported on first use only: it costs ~150 ms to import, which a
pre-commit run over one file with readability switched off should not pay.
"""
from __future__ import annotations

from ..document import Document
from ..finding import Hit
from ..segment import word_count
from . import Context, Kind, OptionError

METRICS = (
    "flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index",
    "coleman_liau_index", "automated_readability_index", "dale_chall_readability_score",
    "avg_sentence_length",
)


class Metric(Kind):
    name = "metric"
    OPTIONS = {
        "metric": "",
        "above": float("inf"),   # report when the score is above this
        "below": float("-inf"),  # or below this
        "min_words": 100,        # too short to score fairly
    }

    def __init__(self, options: dict):
        super().__init__(options)
        if self.options["metric"] not in METRICS:
            raise OptionError("metric", f"'{self.options['metric']}' is not one of {', '.join(METRICS)}")

    def find(self, doc: Document, ctx: Context):
        prose = prose_text(doc)
        if word_count(prose) < self.options["min_words"]:
            return
        score = score_text(self.options["metric"], prose)
        if score > self.options["above"] or score < self.options["below"]:
            start, end = doc.paragraphs[0] if doc.paragraphs else (0, 0)
            yield Hit(start, end, values=(("score", round(score, 1)),))


def prose_text(doc: Document) -> str:
    """Paragraphs that read as sentences; labels and widgets would skew the score."""
    return "\n".join(doc.text[s:e] for s, e in doc.paragraphs if word_count(doc.text[s:e]) >= 8)


def score_text(metric: str, text: str) -> float:
    import textstat

    if metric == "avg_sentence_length":
        return float(textstat.avg_sentence_length(text))
    return float(getattr(textstat, metric)(text))
