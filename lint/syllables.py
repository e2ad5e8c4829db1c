"""textstat's syllable count, with the same answer, without loading pyphen.

textstat 0.7.4 counts a word's syllables as the number of pyphen's
hyphenation points plus one, found by Liang's algorithm over the patterns of
pyphen's en_US dictionary. Loading pyphen the usual way was most of a one-file
run: importing it lists its ~100 dictionaries (through importlib.resources and
zipfile, ~30 ms) and parsing the 11,000 en_US patterns took ~80 ms. This
module reads the same file of the installed pyphen itself: one pass splits it
into lines and their letters (a pattern's key), and a pattern's digits are
parsed only when a word meets it. The table of lines is kept beside the
bytecode (Patterns.kept), so a later run loads it instead of reading the file.

The walk: at each position of ".word." every substring up to the longest
pattern is looked up (pyphen's way; a longer substring is no key, and
stopping there keeps a 10,000-letter token linear). On an archive, once many words have been
counted, every pattern is parsed into a trie of letters, and a walk follows
it from each position, stopping at the first letter no pattern continues
with: usually after one or two letters, one dictionary lookup a letter.
Same patterns, same maximum rule, same limits (pyphen's defaults, which
textstat uses), so the same count: tests/test_syllables.py checks it word by
word against pyphen.
"""
from __future__ import annotations

import functools
import os
import re

from . import compiled_regex, pycache
from .hashing import seal, unseal

LEFT = RIGHT = 2   # pyphen.Pyphen's defaults: no point before the 2nd or after the 2nd-last letter
_IGNORED = ("%", "#", "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN")
_ALTERNATIVE = compiled_regex.compile(r"^[^\n]*/[^\n]*=", re.MULTILINE)   # nonstandard hyphenation: pyphen only
# Comments and settings, which pyphen skips; searched as "\n" + the text: a literal
# newline is found in C, where ^ under MULTILINE is tried at every position.
_SKIPPED_LINE = compiled_regex.compile(r"\n([%#A-Z][^\n]*)")
_PADDED_LINE = compiled_regex.compile(r"^[^\n]*[^\S\n][^\n]*$", re.MULTILINE)   # white space: pyphen strips it
_NO_DIGITS = str.maketrans("", "", "0123456789")


class UnsupportedDictionary(ValueError):
    """A dictionary only pyphen reads right (^^hex letters, nonstandard hyphenation, repeated keys)."""


def pyphen_dictionary(lang: str = "en_US") -> str:
    """The installed pyphen's hyph_<lang>.dic, found without importing pyphen."""
    from importlib.util import find_spec

    spec = find_spec("pyphen")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("pyphen is not installed")
    return os.path.join(next(iter(spec.submodule_search_locations)), "dictionaries", f"hyph_{lang}.dic")


def parse_pattern(line: str) -> tuple[int, tuple[int, ...]] | None:
    """(offset, values) of one pattern line, as pyphen.HyphDict stores it; None if it has no point."""
    # pyphen reads (digit?, letter?) pairs with re.findall(r"(\d?)(\D?)"): a value per
    # letter, a digit alone when two come in a row, and 0 for the empty match at the end.
    # The same walk by hand is 3x faster, and a one-file run parses ~700 patterns.
    values, digit = [], None
    for char in line:
        if char.isdecimal():   # what \d matches
            if digit is not None:
                values.append(digit)
            digit = int(char)
        else:
            values.append(digit or 0)
            digit = None
    if digit is not None:
        values.append(digit)
    values.append(0)
    if max(values) == 0:
        return None
    start, end = 0, len(values)
    while not values[start]:
        start += 1
    while not values[end - 1]:
        end -= 1
    return start, tuple(values[start:end])


class Patterns:
    """pyphen's HyphDict.patterns of one dictionary file, each parsed on first lookup."""

    def __init__(self, lines: dict[str, str]):
        self._lines = lines   # a pattern's letters -> its line, unparsed
        self._parsed: dict[str, tuple | None] = {}
        self.line = lines.get   # key -> its unparsed line, or None: in C, as most lookups miss

    @classmethod
    def kept(cls, path: str) -> Patterns:
        """The patterns of `path`, from the table kept beside this module's bytecode
        (lint/pycache.py) while it is still that file's: loading it is ~1.5 ms, where
        reading the dictionary is ~5 ms of a one-file run."""
        import marshal

        try:
            store = pycache.path_beside(__file__, f".{os.path.basename(path)}.marshal")
            dictionary, code = os.stat(path), os.stat(__file__)
        except (OSError, NotImplementedError):   # NotImplementedError: an interpreter without bytecode files
            return cls.read(path)
        stamp = (marshal.version, os.path.abspath(path), dictionary.st_size, dictionary.st_mtime_ns,
                 code.st_size, code.st_mtime_ns)
        try:
            with open(store, "rb") as handle:
                # Sealed (lint/hashing.py): a damaged table would still load, and count wrong.
                kept_stamp, lines = marshal.loads(unseal(handle.read()) or b"N")
            if kept_stamp == stamp and type(lines) is dict:
                return cls(lines)
        except (OSError, ValueError, EOFError, TypeError):
            pass   # missing, damaged or another layout: read the dictionary
        patterns = cls.read(path)
        pycache.write(store, seal(marshal.dumps((stamp, patterns._lines))))
        return patterns

    @classmethod
    def read(cls, path: str) -> Patterns:
        """The patterns of the dictionary file at `path`, as pyphen reads it."""
        with open(path, "rb") as handle:
            raw = handle.read()
        first, _, body = raw.partition(b"\n")
        encoding = first.decode().strip()
        if encoding.lower() == "microsoft-cp1251":
            encoding = "cp1251"
        text = body.decode(encoding)
        if "^^" in text or ("/" in text and _ALTERNATIVE.search(text)):
            raise UnsupportedDictionary(str(path))
        # Digits are ASCII in every encoding pyphen reads: drop them from the bytes, in C.
        keys = body.translate(None, b"0123456789").decode(encoding).split("\n")
        lines = dict(zip(keys, text.split("\n")))
        if len(lines) + max(keys.count("") - 1, 0) != len(keys):
            # A key twice: pyphen keeps the last line that has a point, this table the last line.
            raise UnsupportedDictionary(f"{path}: a pattern appears twice")
        # The few lines pyphen skips (comments, settings) or strips are fixed up one
        # by one; a line-by-line loop over all 11,000 cost more than the rest.
        odd_lines = _SKIPPED_LINE.findall("\n" + text)
        if any(space in body for space in (b" \n", b"\n ", b"\t", b"\r", b"\x0b", b"\x0c")):
            odd_lines += _PADDED_LINE.findall(text)
        for odd in odd_lines:
            key = odd.translate(_NO_DIGITS)
            if lines.get(key) == odd:
                del lines[key]
            line = odd.strip()
            if line and not line.startswith(_IGNORED):
                lines[line.translate(_NO_DIGITS)] = line
        return cls(lines)

    @functools.cached_property
    def maxlen(self) -> int:
        """The longest pattern (pyphen bounds its walk by it; a longer substring is never a key)."""
        return max(map(len, self._lines), default=1)

    def get(self, key: str) -> tuple[int, tuple[int, ...]] | None:
        line = self._lines.get(key)
        if line is None:
            return None
        if key not in self._parsed:
            self._parsed[key] = parse_pattern(line)
        return self._parsed[key]

    def keys(self):
        return self._lines.keys()

    def parsed(self) -> dict[str, tuple[int, tuple[int, ...]]]:
        """Every pattern parsed: pyphen's own table, for the trie."""
        table = {key: self.get(key) for key in self._lines}
        return {key: found for key, found in table.items() if found is not None}


_END = ""   # a trie node's key for the pattern ending there (no letter is empty)


def _trie(table: dict[str, tuple[int, tuple[int, ...]]]) -> dict:
    root: dict = {}
    for key, found in table.items():
        node = root
        for letter in key:
            node = node.setdefault(letter, {})
        node[_END] = found
    return root


class SyllableCounter:
    # Parsing every pattern into a trie costs ~50 ms; a single article has
    # too few distinct words to earn it back.
    INDEX_AFTER = 2_000

    def __init__(self, patterns: Patterns):
        self.patterns = patterns
        self.trie: dict | None = None
        self.known: dict[str, int] = {}

    def count(self, word: str) -> int:
        """len(pyphen.Pyphen().positions(word)) + 1, for a lowercased word."""
        known = self.known.get(word)
        if known is None:
            if len(self.known) > 100_000:  # bounded: an archive's vocabulary is not kept
                self.known.clear()
            if self.trie is None and len(self.known) >= self.INDEX_AFTER:
                self.trie = _trie(self.patterns.parsed())
            points = self._trie_points(word) if self.trie is not None else self._points(word)
            # pyphen's point at index k is the position k - 1 of the word.
            last = len(word) - RIGHT
            known = self.known[word] = 1 + sum(1 for k, p in enumerate(points) if p % 2 and LEFT <= k - 1 <= last)
        return known

    def _points(self, word: str) -> list[int]:
        """Liang's points of ".word.", every substring looked up in the unparsed lines."""
        pointed = f".{word}."
        size = len(pointed)
        points = [0] * (size + 1)
        line, parse = self.patterns.line, self.patterns.get
        # No key is longer than the longest pattern: looking further would make a
        # long token quadratic (an 8,000-letter one took 24 s) and find nothing.
        longest = self.patterns.maxlen
        for i in range(size - 1):
            for j in range(i + 1, min(i + longest, size) + 1):
                if line(pointed[i:j]) is not None:
                    found = parse(pointed[i:j])
                    if found is not None:
                        _apply(points, i, found)
        return points

    def _trie_points(self, word: str) -> list[int]:
        """The same points, each position's substrings followed down the trie."""
        pointed = f".{word}."
        size = len(pointed)
        points = [0] * (size + 1)
        for i in range(size - 1):
            node = self.trie
            for j in range(i, size):
                node = node.get(pointed[j])
                if node is None:
                    break
                found = node.get(_END)
                if found is not None:
                    _apply(points, i, found)
        return points


def _apply(points: list[int], i: int, found: tuple[int, tuple[int, ...]]) -> None:
    """The maximum rule: each value of a pattern found at `i` raises the point under it."""
    start, values = found
    at = i + start
    for value in values[: len(points) - at]:
        if value > points[at]:
            points[at] = value
        at += 1
