"""lint/syllables.py must give textstat's (pyphen's) syllable count, word for word."""
import re

import pytest

from conftest import ROOT
from lint.kinds import metric
from lint.syllables import SyllableCounter


@pytest.fixture(scope="module")
def stats():
    return metric._textstat()


def _vocabulary(stats) -> list[str]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*")))
    text += "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "rules").glob("*.yaml")))
    words = set(stats.remove_punctuation(text.lower()).split())
    # Edges: one letter, apostrophes, digits, accents, hyphen-free compounds, long words.
    words |= {"a", "i", "o'clock", "don't", "1970s", "café", "naïve", "übermensch", "x", "",
              "antidisestablishmentarianism", "pneumonoultramicroscopicsilicovolcanoconiosis"}
    return sorted(words)


def test_the_pattern_walk_counts_as_pyphen_does(stats):
    counter = SyllableCounter(stats.pyphen)
    words = _vocabulary(stats)
    assert len(words) > SyllableCounter.INDEX_AFTER  # the walk, not only pyphen, is exercised
    expected = {w: len(stats.pyphen.positions(w)) + 1 for w in words}
    walked = {w: counter._walk(w) for w in words}
    assert walked == expected
    assert {w: counter.count(w) for w in words} == expected


def test_textstat_scores_are_unchanged(stats):
    original = metric._import_textstat()()   # textstat's own counting, through pyphen

    text = (ROOT / "seeds" / "000_ad989706a9c6ca24.txt").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", text)
    assert stats.syllable_count(text) == original.syllable_count(text)
    assert stats.flesch_kincaid_grade(text) == original.flesch_kincaid_grade(text)


def test_without_pyphens_patterns_every_word_goes_through_pyphen(stats):
    class Hyphenator:   # a pyphen that keeps its patterns elsewhere
        left, right = stats.pyphen.left, stats.pyphen.right
        positions = staticmethod(stats.pyphen.positions)

    counter = SyllableCounter(Hyphenator())
    words = _vocabulary(stats)
    assert [counter.count(w) for w in words] == [len(stats.pyphen.positions(w)) + 1 for w in words]
    assert counter.prefixes is None


def test_textstat_reads_its_easy_words_without_pkg_resources():
    import subprocess
    import sys

    code = (
        "import sys; from lint.kinds import metric\n"
        "stats = metric._textstat()\n"
        "print(stats.difficult_words('another animal every morning'),"  # long, but on the easy list
        " stats.difficult_words('antidisestablishmentarianism prevails'),"
        " 'pkg_resources' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["0", "2", "False"]
