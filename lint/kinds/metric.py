"""metric: a readability score of the whole article, through textstat, against thresholds.

textstat is imported on first use only (~100 ms, most of it loading pyphen's
dictionary), and its syllable count is computed by lint/syllables.py: the
same answer, each distinct word once and ~2x faster than pyphen per word.
"""
from __future__ import annotations

import operator
from collections import Counter
from functools import lru_cache

from ..document import Document
from ..finding import Hit
from ..syllables import SyllableCounter
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
        prose = [(s, e) for s, e in doc.paragraphs if _is_prose(doc, s, e)]
        if sum(doc.text.count(" ", s, e) + 1 for s, e in prose) < self.options["min_words"]:
            return
        score = score_text(self.options["metric"], "\n".join(doc.text[s:e] for s, e in prose))
        if score > self.options["above"] or score < self.options["below"]:
            start, end = prose[0]
            yield Hit(start, end, values=(("score", round(score, 1)),))


def _is_prose(doc: Document, start: int, end: int) -> bool:
    """Paragraphs that read as sentences; labels and widgets would skew the score."""
    return doc.text.count(" ", start, end) >= 7


def _import_textstat():
    """textstat's class, imported without pkg_resources.

    textstat 0.7.4 imports pkg_resources (setuptools) for one call, reading its
    easy-word list. That import was ~100 ms of every run, and Python 3.12+
    virtual environments do not have setuptools at all. textstat gets a
    stand-in for that one call, removed again once textstat holds it, so
    nothing else in the process ever sees it.
    """
    import sys
    import types

    if "pkg_resources" in sys.modules:
        from textstat.textstat import textstatistics

        return textstatistics
    shim = types.ModuleType("pkg_resources")

    def resource_stream(package: str, name: str):
        from importlib.resources import files

        return files(package).joinpath(name).open("rb")

    shim.resource_stream = resource_stream
    sys.modules["pkg_resources"] = shim
    try:
        from textstat.textstat import textstatistics
    finally:
        if sys.modules.get("pkg_resources") is shim:
            del sys.modules["pkg_resources"]
    return textstatistics


@lru_cache(maxsize=1)
def _textstat():
    textstatistics = _import_textstat()

    class FastSyllables(textstatistics):
        def syllable_count(self, text: str, lang=None) -> int:
            # textstat's own count (see lint/syllables.py), each distinct word once.
            words = Counter(self.remove_punctuation(text.lower()).split())
            syllables = list(map(known.get, words))   # looked up in C; misses are counted once
            if None in syllables:
                syllables = [counter.count(w) if n is None else n for w, n in zip(words, syllables)]
            return sum(map(operator.mul, words.values(), syllables))

    stats = FastSyllables()
    counter = SyllableCounter(stats.pyphen)
    known = counter.known
    return stats


def score_text(metric: str, text: str) -> float:
    return float(getattr(_textstat(), metric)(text))
