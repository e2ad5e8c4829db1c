"""Line shapes the block kinds share: what reads as prose and what as a label."""
from __future__ import annotations

from .. import compiled_regex
from ..document import Document
from ..segment import strip_span

_SENTENCE_END = compiled_regex.compile(r"""[.!?…]['"”’)\]]*\s*$""")


def is_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


def is_short(doc: Document, index: int, max_words: int) -> bool:
    """A label, number or headline-sized line: few words and no sentence ending."""
    return doc.line_words[index] <= max_words and not is_sentence(doc.line_text(index))


def matching_lines(doc: Document, matcher) -> set[int]:
    """Lines where the matcher finds something: one pass over the whole text, not one per line."""
    lines = set()
    for start, end in matcher.finditer(doc.text, doc.lowered):
        # ^\s* may start on a blank line above; the match belongs to its first character.
        lines.add(doc.line_index(strip_span(doc.text, start, end)[0]))
    return lines
