"""Page layout read from the shape of its lines: where the article body is, what each line looks like.

A browser copy-paste of a page ("full" rendering) puts every text node on its
own line: menus, galleries and lists of other stories come out as runs of
short lines with no tell-tale word. What gives them away is their shape and
where they sit. The article body is the densest stretch of prose (lines of
many words that end like sentences); menus and headline lists live outside it,
and a line inside it needs much stronger evidence before it is called either.

This module only describes the page; the kinds in page_runs.py decide what
to report. The description is computed once per document and shared by every
rule that asks for the same parameters (Context.store).
"""
from __future__ import annotations

from typing import NamedTuple

from .. import compiled_regex
from ..document import Document
from . import lines
from .lines import is_sentence

# Line shapes.
BLANK, PROSE, NAV, COUNTER, HEADLINE, FRAGMENT, OTHER = range(7)

# Digits, punctuation and symbols only ("1", "/", "»", "1.8K", "(23)"), or a
# count and its unit ("222 retweets", "1,826 likes", "5 minutes ago").
_COUNTER = compiled_regex.compile(
    r"^(?:[\W\d_]{1,12}|\d[\d.,]*[KkMm]?|\(?\d[\d.,]*[KkMm]?\)?\s+[a-z]+(?:\s+ago)?|of)$"
)
# A list item's marker: the article's own bullet or numbered list, not a menu.
_LIST_ITEM = compiled_regex.compile(r"^(?:[-–—•·*▪・]\s*\S|\d{1,3}[.)]\s)")
# Sentence punctuation alone on a line: the end of a sentence broken by inline links.
_PUNCTUATION = compiled_regex.compile(r"^[\s.;:()\[\]?!\"“”'’,]*[.;:()?!\"“”][\s.;:()?!\"“”'’]*$")
_CJK_END = ("。", "！", "？")
# Function words that may be lowercase inside a capitalised menu label or headline.
_MINOR = frozenset("a an and & + of the for in on at to by or with from vs".split())


class Line(NamedTuple):
    index: int      # view line
    shape: int
    words: int
    caps: bool      # every letter upper case (a shouted headline, a label)
    lead_in: bool   # a clause of four words or more ending in a colon: it introduces the lines under it


class Layout(NamedTuple):
    lines: list[Line]          # the nonblank lines, in order
    body: tuple[int, int]      # first and last view line of the article body; (-1, -1) when none
    body_text: str             # the body's prose lines
    flow: frozenset[int]       # view lines inside a sentence broken by inline links
    paragraphed: bool          # the text is written in blank-line separated paragraphs
    prose_text: str            # every prose line, for topic overlap

    def in_body(self, index: int) -> bool:
        return self.body[0] <= index <= self.body[1]

    def apart(self, pos: int) -> bool:
        """A blank line separates lines[pos] from the line before it, in a paragraphed text."""
        return self.paragraphed and pos > 0 and self.lines[pos].index > self.lines[pos - 1].index + 1

    def alone(self, pos: int) -> bool:
        """A paragraph of one line in a paragraphed text: it can be part of no run."""
        return self.apart(pos) and (pos + 1 == len(self.lines) or self.apart(pos + 1))


def _capitalised(tokens: list[str]) -> float:
    """Share of the line's words that start with a capital (or a digit, or a non-Latin letter)."""
    counted = capital = 0
    for token in tokens:
        if token.lower() in _MINOR:
            continue
        first = token.lstrip("'\"‘“(#@[-–—")[:1]
        if not first:
            continue
        counted += 1
        if not first.islower():
            capital += 1
    return capital / counted if counted else 0.0


def shape_of(text: str, words: int, prose_words: int, nav_words: int, headline_words: int) -> int:
    text = text.strip()
    if not text:
        return BLANK
    sentence = is_sentence(text) or text.endswith(_CJK_END)
    if (words >= prose_words and sentence) or words > headline_words:
        return PROSE
    if _PUNCTUATION.match(text):
        return FRAGMENT
    if _COUNTER.match(text):
        # "(1761)." ends a sentence broken by links; "1,826" or "(23)" is a count.
        return FRAGMENT if text.endswith((".", ";")) else COUNTER
    if _LIST_ITEM.match(text):
        return OTHER
    tokens = text.split()
    first = text.lstrip("'\"‘“(¿¡[")[:1]
    if not first or first.islower() or first in ",.;:)]}{\\" or text.endswith(","):
        # A lowercase start, or a trailing comma, is a sentence broken across lines by inline links.
        return FRAGMENT
    if words == 0 or (len(text) == 1 and text.isalpha()):
        # A lone letter is a variable, an initial or a close button's "X": no label.
        return COUNTER
    caps = _capitalised(tokens)
    ellipsis = text.endswith(("...", "…"))
    # "U.S." and "Washington D.C." end in a full stop but are labels.
    abbreviation = text.endswith(".") and "." in tokens[-1][:-1]
    if words <= nav_words and len(text) <= 40 and caps >= 1 / 3 and (not sentence or abbreviation or ellipsis):
        # A four-word line in sentence case ("Elizabeth Hurley doesn't age") is a headline, not a label.
        lowercase = sum(1 for t in tokens if t[:1].islower() and t.lower() not in _MINOR)
        if not (words == nav_words and lowercase >= 2):
            return NAV
    if nav_words <= words <= headline_words and (not sentence or ellipsis):
        return HEADLINE
    return OTHER


# Function words and reporting verbs carry no topic. This kind's own, shorter list:
# the layout rules' overlap thresholds were set with it.
_STOP = frozenset(
    """the and for that with from this have has had was were are been being its their there
    they them then than also into over under after before about against between during
    without within while which who whom whose what when where why how said says say told
    according would could should will may might must can not but our your his her him she
    you all any each more most other some such only own same very just one two three new
    last year years day days week month time first second""".split()
)


def topic_words(text: str) -> set[str]:
    """A text's content words, crudely stemmed (lines.topic_words, with this kind's stop words)."""
    return set(lines.topic_words(text, _STOP))


def is_caps(text: str) -> bool:
    # str.isupper: every cased letter upper case, and at least one of them.
    return len(text) >= 10 and text.isupper()


def layout(doc: Document, ctx, prose_words: int = 12, nav_words: int = 4, headline_words: int = 18,
           body_gap: int = 4) -> Layout:
    """The page's lines and its body, once per document and parameters."""
    key = ("layout", prose_words, nav_words, headline_words, body_gap)
    if ctx is not None and key in ctx.store:
        return ctx.store[key]
    lines = []
    for i in doc.nonblank:
        text = doc.line_text(i)
        words = doc.line_words[i]
        lead_in = words >= 4 and text.rstrip().endswith(":")
        lines.append(Line(i, shape_of(text, words, prose_words, nav_words, headline_words), words, is_caps(text), lead_in))
    # A fragment ("and", ", the company said") continues a sentence; the line before it is
    # the link text that broke the sentence there. Neither is a label or a headline.
    flow = frozenset(
        line.index for pos, line in enumerate(lines)
        if line.shape == FRAGMENT or (pos + 1 < len(lines) and lines[pos + 1].shape == FRAGMENT)
    )
    # A browser copy-paste puts text nodes on consecutive lines; an edited text
    # separates its paragraphs (and its list items) with blank lines. In the latter a
    # blank line ends a run: a list there was written, not scraped.
    spaced = sum(1 for a, b in zip(lines, lines[1:]) if b.index > a.index + 1)
    paragraphed = len(lines) > 1 and spaced >= 0.6 * (len(lines) - 1)
    prose_text = "\n".join(doc.line_text(l.index) for l in lines if l.shape == PROSE)
    result = Layout(lines, *_body(doc, lines, body_gap, flow), flow, paragraphed, prose_text)
    if ctx is not None:
        ctx.store[key] = result
    return result


def _body(doc: Document, lines: list[Line], gap: int, flow: frozenset[int]) -> tuple[tuple[int, int], str]:
    """The cluster of prose lines with the most words; up to `gap` other lines may sit between two of them.

    Lines of a sentence broken by links do not count toward the gap: they are prose too.
    """
    best, best_words = None, 0
    start = last = None
    words = 0
    since = 0
    for pos, line in enumerate(lines + [None]):
        if line is not None and line.shape == PROSE:
            if start is None or since > gap:
                if start is not None and words > best_words:
                    best, best_words = (start, last), words
                start, words = pos, 0
            last, since = pos, 0
            words += line.words
        elif line is None:
            if start is not None and words > best_words:
                best, best_words = (start, last), words
        elif line.index not in flow:
            since += 1
    if best is None:
        return (-1, -1), ""
    first, end = best
    text = "\n".join(doc.line_text(l.index) for l in lines[first:end + 1] if l.shape == PROSE)
    return (lines[first].index, lines[end].index), text
