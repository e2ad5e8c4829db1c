"""metric: a readability score of the whole article, through textstat, against thresholds.

textstat computes every score; its syllable count, the slow part, comes from
lint/syllables.py: the same answer (pyphen's patterns, read from pyphen's own
dictionary file), each distinct word once. textstat is imported on first use
only, without loading pyphen (see _import_textstat): ~15 ms instead of ~130.
"""
from __future__ import annotations

import operator
import re
from collections import Counter
from functools import lru_cache

from ..document import Document
from ..finding import Hit
from ..syllables import Patterns, SyllableCounter, UnsupportedDictionary, pyphen_dictionary
from . import Context, Kind, OptionError

METRICS = (
    "flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index",
    "coleman_liau_index", "automated_readability_index", "dale_chall_readability_score",
    "avg_sentence_length",
)


class Metric(Kind):
    name = "metric"
    FIELDS = ("score",)
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


class _LazyPyphen:
    """pyphen.Pyphen, made when first used: textstat makes one as it imports, but its
    only use, the syllable count, is computed by lint/syllables.py."""

    def __init__(self, **options):
        self._options, self._real = options, None

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        if self._real is None:
            from pyphen import Pyphen

            self._real = Pyphen(**self._options)
        return getattr(self._real, name)


def _import_textstat():
    """textstat's class, imported without pkg_resources and without loading pyphen.

    textstat 0.7.4 imports pkg_resources (setuptools) for one call, reading its
    easy-word list (~100 ms, and Python 3.12+ virtual environments have no
    setuptools at all), and pyphen, whose import and en_US dictionary were
    ~110 ms. While textstat imports, stand-ins take those two names: one that
    does that one call, and _LazyPyphen. They leave sys.modules once textstat
    holds them: an `import pyphen` elsewhere gets the real one, while textstat
    keeps a Pyphen that becomes the real one when first used.
    """
    import sys
    import types

    shims = {}
    if "pkg_resources" not in sys.modules:
        def resource_stream(package: str, name: str):
            from importlib.resources import files

            return files(package).joinpath(name).open("rb")

        shims["pkg_resources"] = types.ModuleType("pkg_resources")
        shims["pkg_resources"].resource_stream = resource_stream
    if "pyphen" not in sys.modules and "textstat.textstat" not in sys.modules:
        shims["pyphen"] = types.ModuleType("pyphen")
        shims["pyphen"].Pyphen = _LazyPyphen
    sys.modules.update(shims)
    try:
        from textstat.textstat import textstatistics
    finally:
        for name, shim in shims.items():
            if sys.modules.get(name) is shim:
                del sys.modules[name]
    return textstatistics


@lru_cache(maxsize=1)
def _textstat():
    textstatistics = _import_textstat()
    try:
        counter = SyllableCounter(Patterns.kept(pyphen_dictionary()))
    except (OSError, UnicodeError, UnsupportedDictionary):  # a pyphen laid out otherwise
        return textstatistics()   # textstat's own count: slower, the same

    punctuation = re.compile(r"[^\w\s]")          # textstat's, as it removes every mark (its default)
    sentence = re.compile(r"\b[^.!?]+[.!?]*")      # textstat's sentence
    if not getattr(textstatistics(), "_textstatistics__rm_apostrophe", False):
        punctuation = None

    class FastSyllables(textstatistics):
        # textstat's counts, with the patterns compiled once: it called re.sub with a
        # pattern's text (a cache lookup each time) once per sentence, through lru_caches.
        if punctuation is not None:
            def remove_punctuation(self, text: str) -> str:
                return punctuation.sub("", text)

            def lexicon_count(self, text: str, removepunct: bool = True) -> int:
                return len((punctuation.sub("", text) if removepunct else text).split())

            def sentence_count(self, text: str) -> int:
                sentences = sentence.findall(text)
                return max(1, len(sentences) - sum(1 for s in sentences if _words_up_to_three(s) <= 2))

        def syllable_count(self, text: str, lang=None) -> int:
            # textstat's own count (see lint/syllables.py), each distinct word once.
            words = Counter(self.remove_punctuation(text.lower()).split())
            syllables = list(map(known.get, words))   # looked up in C; misses are counted once
            if None in syllables:
                syllables = [counter.count(w) if n is None else n for w, n in zip(words, syllables)]
            return sum(map(operator.mul, words.values(), syllables))

    known = counter.known
    return FastSyllables()


def _words_up_to_three(sentence: str) -> int:
    """textstat's lexicon_count of a sentence, counted up to 3: the whitespace-separated
    tokens that keep a word character once punctuation is removed."""
    count = 0
    for token in sentence.split():
        if token[0].isalnum() or _WORD_CHAR.search(token):
            count += 1
            if count == 3:
                break
    return count


_WORD_CHAR = re.compile(r"\w")


def score_text(metric: str, text: str) -> float:
    return float(getattr(_textstat(), metric)(text))
