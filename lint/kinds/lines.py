"""Line shapes the block kinds share: what reads as prose and what as a label."""
from __future__ import annotations

import re

from ..document import Document
from ..segment import word_count

_SENTENCE_END = re.compile(r"""[.!?…]['"”’)\]]*\s*$""")


def is_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


def is_short(text: str, max_words: int) -> bool:
    """A label, number or headline-sized line: few words and no sentence ending."""
    return word_count(text) <= max_words and not is_sentence(text)


def nonblank_lines(doc: Document) -> list[int]:
    return [i for i, (s, e) in enumerate(doc.lines) if doc.text[s:e].strip()]


def line_matches(doc: Document, index: int, matcher) -> bool:
    start, end = doc.lines[index]
    return matcher.search(doc.text, doc.lowered, start, end)
