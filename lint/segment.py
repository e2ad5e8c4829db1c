"""Split prose into lines, paragraphs, sentences and quotations.

Every function returns (start, end) spans of 0-based offsets into the text it
was given, so rules never lose their place in the file.
"""
from __future__ import annotations

import re

from . import compiled_regex

Span = tuple[int, int]

# A line longer than this is a whole paragraph typed on one line (the way
# news CMSs export copy); shorter lines are treated as hard-wrapped prose.
UNWRAPPED_LINE = 100


def line_spans(text: str) -> list[Span]:
    spans, start = [], 0
    for match in re.finditer(r"\n", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def paragraph_spans(text: str, lines: list[Span]) -> list[Span]:
    """Blank lines separate paragraphs; in unwrapped copy, so does every newline."""
    blocks: list[list[Span]] = [[]]
    for start, end in lines:
        if text[start:end].strip():
            blocks[-1].append((start, end))
        elif blocks[-1]:
            blocks.append([])
    paragraphs = []
    for block in blocks:
        if not block:
            continue
        if any(end - start > UNWRAPPED_LINE for start, end in block):
            paragraphs.extend(strip_span(text, s, e) for s, e in block)
        else:
            paragraphs.append(strip_span(text, block[0][0], block[-1][1]))
    return paragraphs


def strip_span(text: str, start: int, end: int) -> Span:
    """The span without the whitespace at its ends."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# Words that end with a full stop without ending the sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep gov gen col lt sgt capt maj cmdr adm st jr sr
    inc ltd co corp plc bros vs etc al approx dept est fig govt no nos vol
    jan feb mar apr jun jul aug sep sept oct nov dec mt ft
    u.s u.k u.n e.u a.m p.m e.g i.e""".split()
)
_BOUNDARY = compiled_regex.compile(r"""[.!?…]+['"”’)\]]*\s+(?=['"“‘(\[]?[A-Z0-9])""")
_WORD_BEFORE = compiled_regex.compile(r"([\w.]+)[.!?…]*['\"”’)\]]*\s*$")


def sentence_spans(text: str, paragraphs: list[Span]) -> list[Span]:
    sentences = []
    for p_start, p_end in paragraphs:
        start = p_start
        for match in _BOUNDARY.finditer(text, p_start, p_end):
            # The word before the stop is all that matters: look at the last 40
            # characters, not the whole sentence so far (half the cost, same spans).
            end = match.start() + 1
            if _is_abbreviation(text[max(start, end - 40):end]):
                continue
            sentences.append(strip_span(text, start, match.end()))
            start = match.end()
        if start < p_end:
            sentences.append(strip_span(text, start, p_end))
    return [s for s in sentences if s[0] < s[1]]


def _is_abbreviation(before: str) -> bool:
    if not before.endswith("."):
        return False
    # Ending with a stop, a match holds no whitespace: it lies in the last token, and a
    # search from each character of the 40 was most of the sentence splitter's time.
    match = _WORD_BEFORE.search(before.rsplit(None, 1)[-1])
    if not match:
        return False
    word = match.group(1).lower().rstrip(".")
    # A single capital letter is an initial ("Gohar A. Khan"), not a sentence end.
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


# Double quotes pair up; a single curly quote counts only where it cannot be an
# apostrophe (an opening ‘ after a space, its ’ before a non-letter). A quote
# left open runs to the end of its paragraph: news style closes a quote that
# spans paragraphs only at the end of its last one.
_QUOTE = compiled_regex.compile(
    r"“[^“”\"]*(?:[”\"]|\Z)|\"[^\"\n]*(?:\"|\Z)|(?<![\w])‘[^‘’\n]*’(?![\w])"
)


def quote_spans(text: str, paragraphs: list[Span]) -> list[Span]:
    """Quoted stretches, searched paragraph by paragraph so a stray mark cannot run on."""
    spans = []
    for p_start, p_end in paragraphs:
        spans.extend(m.span() for m in _QUOTE.finditer(text, p_start, p_end))
    return spans


_WORD = compiled_regex.compile(r"[\w’'-]+")


def word_count(text: str) -> int:
    return len(_WORD.findall(text))
