"""Story features: what the cross-file checks keep of one article, and their JSON form.

No full text: hashed terms for grouping (4-byte arrays), years and quantities with
the words around them, names, direct quotes with their speaker, hashed sentence
fingerprints, credited outlets, inline suppressions. Made by lint/corpus/extract.py
in the worker that linted the file; small, picklable and JSON-serialisable, so it
travels to the parent and into the store (lint/corpus/store.py) as JSON text.
"""
from __future__ import annotations

import binascii
import sys
from array import array
from typing import Iterable, NamedTuple

from ..mentions import NumberMention

FEATURES_VERSION = 3


# Hashed terms are kept as 4-byte arrays, not tuples of ints: 2,225 articles
# hold ~3 million of them, 116 MB as Python ints and 12 MB as arrays. In JSON
# (the cache, the trip back from a worker) an array is its bytes in base64.
def _term_array(values: Iterable[int]) -> array:
    return array("I", sorted(values))


def _encode_terms(terms: array) -> str:
    if sys.byteorder == "big":
        terms = array("I", terms)
        terms.byteswap()
    return binascii.b2a_base64(terms.tobytes(), newline=False).decode("ascii")


def _decode_terms(raw) -> array:
    if not isinstance(raw, str):
        return array("I", raw)
    terms = array("I")
    terms.frombytes(binascii.a2b_base64(raw))
    if sys.byteorder == "big":
        terms.byteswap()
    return terms


# ---------------------------------------------------------------------------
# Story features (the mentions themselves: lint/mentions.py)
# ---------------------------------------------------------------------------

class NameMention(NamedTuple):
    form: str       # as written, spaces normalised
    line: int
    count: int = 1
    column: int = 1


class QuoteMention(NamedTuple):
    speaker: str                 # full name as the article gives it ("Haroon Akhtar Khan")
    words: tuple[str, ...]       # the quoted words, lowercased
    excerpt: str
    line: int
    column: int = 1


class SentencePrint(NamedTuple):
    line: int
    terms: array                 # hashed content stems, names and numbers of one sentence
    exact: int = 0               # hash of the sentence's words, for verbatim repeats


TERM_FIELDS = ("terms", "phrases", "surnames", "name_terms")


class StoryFeatures(NamedTuple):
    """What the cross-file checks need from one file (no full text)."""

    path: str
    title: str = ""
    digest: str = ""                          # of the normalised prose: exact duplicates
    words: int = 0
    # Hashed terms for grouping, by weight class: content stems; word pairs and
    # numbers; capitalised single words (surnames, places); multiword names.
    # The empty default is shared: features are never changed once made.
    terms: array = array("I")
    phrases: array = array("I")
    surnames: array = array("I")
    name_terms: array = array("I")
    numbers: tuple[NumberMention, ...] = ()
    names: tuple[NameMention, ...] = ()
    quotes: tuple[QuoteMention, ...] = ()
    sentences: tuple[SentencePrint, ...] = ()
    credits: tuple[str, ...] = ()             # outlets the file credits for its text
    date: str = ""                            # front matter date, when given
    source: str = ""                          # front matter source/publisher, when given
    skip: bool = False                        # newslint: disable-file
    suppressions: tuple[tuple[str, int, int], ...] = ()   # (selector, first line, last line; 0 = end)
    version: int = FEATURES_VERSION

    def to_json(self) -> dict:
        # NamedTuple._asdict would keep the records as tuples: JSON wants their
        # field names. Features hold only flat records and tuples.
        out = {}
        for name in self._fields:
            value = getattr(self, name)
            if name in TERM_FIELDS:
                value = _encode_terms(value)
            elif name == "sentences":
                value = [[s.line, _encode_terms(s.terms), s.exact] for s in value]
            elif isinstance(value, tuple) and value and hasattr(value[0], "_fields"):
                value = [item._asdict() for item in value]
            out[name] = value
        return out

    @classmethod
    def from_json(cls, data: dict) -> "StoryFeatures":
        data = dict(data)
        data["numbers"] = tuple(NumberMention(**{**n, "context": tuple(n["context"])}) for n in data.get("numbers", ()))
        data["names"] = tuple(NameMention(**n) for n in data.get("names", ()))
        data["quotes"] = tuple(QuoteMention(**{**q, "words": tuple(q["words"])}) for q in data.get("quotes", ()))
        data["sentences"] = tuple(SentencePrint(line, _decode_terms(terms), exact)
                                  for line, terms, exact in data.get("sentences", ()))
        data["suppressions"] = tuple(tuple(s) for s in data.get("suppressions", ()))
        for key in TERM_FIELDS:
            data[key] = _decode_terms(data.get(key, ()))
        data["credits"] = tuple(data.get("credits", ()))
        return cls(**data)
