"""lint/syllables.py must give textstat's (pyphen's) syllable count, word for word."""
import os
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from lint.kinds import metric
from lint.syllables import (LEFT, RIGHT, Patterns, SyllableCounter, UnsupportedDictionary, parse_pattern,
                            pyphen_dictionary)

pyphen = pytest.importorskip("pyphen")


@pytest.fixture(scope="module")
def hyphenator():
    return pyphen.Pyphen(lang="en_US")   # what textstat 0.7.4 uses


def _vocabulary() -> list[str]:
    stats = metric._textstat()
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*")))
    text += "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "rules").glob("*.yaml")))
    words = set(stats.remove_punctuation(text.lower()).split())
    # Edges: one letter, apostrophes, digits, accents, hyphen-free compounds, long words.
    words |= {"a", "i", "o'clock", "don't", "1970s", "café", "naïve", "übermensch", "x", "",
              "antidisestablishmentarianism", "pneumonoultramicroscopicsilicovolcanoconiosis"}
    return sorted(words)


def test_the_dictionary_reads_as_pyphen_reads_it(hyphenator):
    patterns = Patterns.read(pyphen_dictionary())
    ours = {key: patterns.get(key) for key in patterns.keys()}
    assert {k: v for k, v in ours.items() if v is not None} == hyphenator.hd.patterns
    assert patterns.maxlen == hyphenator.hd.maxlen
    assert (LEFT, RIGHT) == (hyphenator.left, hyphenator.right)
    assert parse_pattern(".ach4") == (4, (4,)) and parse_pattern("a0b0") is None


@pytest.mark.parametrize("line", [".ach4", "a0b0", "1a", "a1", "4y3t", "12ab", "a12b", "a1b2c3", "٣ab", "é2é", ""])
def test_a_pattern_parses_as_pyphens_findall_does(line):
    # pyphen.HyphDict: values from re.findall(r"(\d?)(\D?)", pattern), then trimmed of zeros.
    values = [int(digit or 0) for digit, _ in re.findall(r"(\d?)(\D?)", line)]
    if max(values) == 0:
        assert parse_pattern(line) is None
        return
    start = next(i for i, v in enumerate(values) if v)
    end = len(values) - next(i for i, v in enumerate(reversed(values)) if v)
    assert parse_pattern(line) == (start, tuple(values[start:end]))


@pytest.mark.parametrize("indexed", [False, True], ids=["word by word", "indexed"])
def test_the_pattern_walk_counts_as_pyphen_does(hyphenator, indexed):
    counter = SyllableCounter(Patterns.read(pyphen_dictionary()))
    words = _vocabulary()
    assert len(words) > SyllableCounter.INDEX_AFTER
    if indexed:
        counter.known = dict.fromkeys(map(str, range(SyllableCounter.INDEX_AFTER)), 1)
    else:
        counter.INDEX_AFTER = len(words) + 1
    counted = {w: counter.count(w) for w in words}
    assert (counter.trie is not None) == indexed
    assert counted == {w: len(hyphenator.positions(w)) + 1 for w in words}


def test_textstat_scores_are_unchanged():
    text = (ROOT / "seeds" / "000_ad989706a9c6ca24.txt").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", text)
    code = (
        "import sys, json; from textstat.textstat import textstatistics as T\n"   # textstat as shipped
        "text = sys.stdin.read(); t = T()\n"
        "print(json.dumps([t.syllable_count(text), t.flesch_kincaid_grade(text), t.avg_sentence_length(text)]))\n"
    )
    import json
    shipped = json.loads(subprocess.run([sys.executable, "-c", code], input=text, capture_output=True,
                                        text=True, check=True).stdout)
    stats = metric._textstat()
    assert [stats.syllable_count(text), stats.flesch_kincaid_grade(text), stats.avg_sentence_length(text)] == shipped


def test_textstat_imports_without_pkg_resources_or_pyphen():
    code = (
        "import sys; from lint.kinds import metric\n"
        "stats = metric._textstat()\n"
        "print(stats.difficult_words('another animal every morning'),"  # long, but on the easy list
        " stats.difficult_words('antidisestablishmentarianism prevails'),"
        " stats.syllable_count('hyphenation'),"
        " 'pkg_resources' in sys.modules, 'pyphen' in sys.modules)\n"
        "print(stats.pyphen.positions('hyphenation'), 'pyphen' in sys.modules)\n"   # made when used
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[:2] == ["0 2 3 False False", "[2, 6] True"]


def test_comments_settings_and_padded_lines_read_as_pyphen_reads_them(tmp_path):
    dic = tmp_path / "hyph_xx.dic"
    dic.write_text("UTF-8\nLEFTHYPHENMIN 2\n% a comment 4\n#another\n.ach4\n  1ba \n\t2bc1\n\nab0c\nNEXTLEVEL\nx1y\r\n",
                   encoding="utf-8")
    patterns = Patterns.read(dic)
    ours = {key: patterns.get(key) for key in patterns.keys()}
    assert {k: v for k, v in ours.items() if v is not None} == pyphen.HyphDict(dic).patterns


def test_a_dictionary_only_pyphen_reads_right_is_refused(tmp_path):
    dic = tmp_path / "hyph_xx.dic"
    for body in (".ab1c\nab1c\nab0c\n", "a^^e9b1\n", "1ff/f=f,1,1\n"):
        dic.write_text("UTF-8\n" + body, encoding="utf-8")
        with pytest.raises(UnsupportedDictionary):
            Patterns.read(dic)


@pytest.fixture
def kept_beside(tmp_path, monkeypatch):
    """A dictionary, with the kept table sent under tmp_path (as PYTHONPYCACHEPREFIX would)."""
    monkeypatch.setattr(sys, "pycache_prefix", str(tmp_path / "pycache"))
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    dic = tmp_path / "hyph_xx.dic"
    dic.write_text("UTF-8\n.ach4\n1ba\n2bc1\n", encoding="utf-8")
    return dic, tmp_path / "pycache"


def _stored(folder):
    return sorted(p.name for p in folder.rglob("*.marshal"))


def test_the_pattern_table_is_kept_and_read_back(kept_beside, monkeypatch):
    dic, folder = kept_beside
    first = Patterns.kept(str(dic))
    assert _stored(folder) == [f"syllables.{sys.implementation.cache_tag}.hyph_xx.dic.marshal"]

    def unread(cls, path):
        raise AssertionError("the dictionary was read again")

    monkeypatch.setattr(Patterns, "read", classmethod(unread))
    again = Patterns.kept(str(dic))
    assert again._lines == first._lines and again.get(".ach") == (4, (4,))


def test_a_kept_table_is_made_again_when_the_dictionary_changes_or_it_is_damaged(kept_beside):
    dic, folder = kept_beside
    Patterns.kept(str(dic))
    (store,) = folder.rglob("*.marshal")
    store.write_bytes(b"\x00damaged")
    assert Patterns.kept(str(dic)).get(".ach") == (4, (4,))
    assert store.read_bytes() != b"\x00damaged"   # written afresh
    dic.write_text("UTF-8\n.ach3\n", encoding="utf-8")
    os.utime(dic, ns=(1, 1))   # another file: its size and time differ from the kept one's
    assert Patterns.kept(str(dic)).get(".ach") == (4, (3,))


def test_no_table_is_kept_under_pythondontwritebytecode(kept_beside, monkeypatch):
    dic, folder = kept_beside
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    assert Patterns.kept(str(dic)).get("ba") == (0, (1,))
    assert _stored(folder) == []


SENTENCE_PARTS = ["word", "Two", "x", "-", "—", "'", "’s", "...", "!", "?", ".", " ", "  ", "\n", "\t", "_", "é", "٣",
                  "\u00a0", "\u2009", "(", ")", "\"", "a.b", "U.S.", "--"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(SENTENCE_PARTS), max_size=40).map("".join))
def test_the_sentence_and_word_counts_are_textstats(text):
    from textstat.textstat import textstatistics

    shipped, fast = textstatistics(), metric._textstat()
    assert fast.lexicon_count(text) == shipped.lexicon_count(text)
    assert fast.remove_punctuation(text) == shipped.remove_punctuation(text)
    assert fast.sentence_count(text) == shipped.sentence_count(text)
