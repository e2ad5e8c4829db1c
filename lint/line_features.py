"""Shape features of a page's lines, for the learned line classifier (lint/line_model.py).

Every feature describes how a line looks and where it sits, never which words it
holds: a model over the pages' own vocabulary would learn the development set's
sites, not menus and footers. The only words it reads are a few families from the
packs' lexicons (calls to action, platforms, widget headings), shipped inside the
model file so a model always sees the words it was trained with, and the line's
overlap with the article body's topic words.

The same function builds the features for training (scripts/train_line_model.py)
and at run time, so the two cannot drift apart. Pure Python, linear in the text.
"""
from __future__ import annotations

import math
from collections import Counter

from . import compiled_regex
from .document import Document
from .kinds import lines as line_shapes
from .kinds.layout import COUNTER, FRAGMENT, HEADLINE, NAV, OTHER, PROSE, Layout, layout

VERSION = 1
SHAPES = (PROSE, NAV, COUNTER, HEADLINE, FRAGMENT, OTHER)
SHAPE_NAMES = ("prose", "nav", "counter", "headline", "fragment", "other")

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = compiled_regex.compile(
    rf"(?i)\b(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}}\b|\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}\b|"
    r"\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b)"
)
_TIME = compiled_regex.compile(r"(?i)\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\b)?|\b\d{1,2}\s*[ap]\.?m\.?(?!\w)")
_YEAR = compiled_regex.compile(r"\b(?:19|20)\d\d\b")
_LINKISH = compiled_regex.compile(r"(?i)https?://|www\.|\.com\b|@\w|#\w")
_RIGHTS = compiled_regex.compile(r"(?i)©|\(c\)\s*\d|\bcopyright\b|\ball\s+rights\s+reserved\b")
_SEPARATOR = compiled_regex.compile(r"\s[|•·/»›>]\s|\s[|•·]|[|•·]\s")
_WORD = compiled_regex.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_QUOTE_START = ("\"", "“", "‘", "'", "«")


def _ratio(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def _log(value: float) -> float:
    return math.log1p(max(value, 0.0))


class Lexicons:
    """The word families a line is tested for: sets of lowercase phrases, from the model file."""

    FAMILIES = ("platform", "share_target", "cta_verb", "subscription", "fresh_modifier", "related_modifier",
                "widget_noun")

    def __init__(self, families: dict[str, list[str]]):
        self.single = {}
        self.multi = {}
        for name in self.FAMILIES:
            words = [" ".join(w.lower().split()) for w in families.get(name, ())]
            self.single[name] = frozenset(w for w in words if " " not in w)
            self.multi[name] = tuple(w for w in words if " " in w)

    def hits(self, words: frozenset[str], joined: str, name: str) -> int:
        """How many of the family's words (or phrases) the line holds."""
        count = len(words & self.single[name])
        return count + sum(1 for phrase in self.multi[name] if f" {phrase} " in joined)

    def starts(self, tokens: list[str], joined: str, name: str) -> bool:
        """The line opens with a member of the family ("Follow", "Sign up")."""
        if tokens and tokens[0] in self.single[name]:
            return True
        return any(joined.startswith(f" {phrase} ") for phrase in self.multi[name])


# Per-line features: the line itself, then (under the same names, prefixed) its neighbours.
OWN = (
    *(f"shape_{s}" for s in SHAPE_NAMES), "words", "chars", "caps", "capitalised", "sentence_end", "colon_end",
    "lead_in", "list_item", "quoted", "heading", "flow", "in_body", "before_body", "after_body", "body_distance",
    "position", "digits", "date", "time", "year", "linkish", "rights", "separators", "repeats", "topic_words",
    "topic_overlap", "no_topic_words", "platform", "share_targets", "cta_start", "cta", "subscription",
    "widget_heading", "blank_before", "blank_after", "letters",
)
NEIGHBOUR = (*(f"shape_{s}" for s in SHAPE_NAMES), "words", "sentence_end", "in_body", "cta", "widget_heading",
             "platform", "topic_overlap")
OFFSETS = (-2, -1, 1, 2)
CONTEXT = ("near_short", "near_prose", "near_words", "near_lexicon", "near_flow", "near_headline", "near_overlap",
           "run_length", "run_position", "prose_above", "prose_below")
PAGE = ("page_short", "page_lines", "page_paragraphed", "page_body_share", "page_has_body")
NAMES = (
    *OWN,
    *(f"{'prev' if o < 0 else 'next'}{abs(o)}_{n}" for o in OFFSETS for n in NEIGHBOUR),
    *CONTEXT,
    *PAGE,
)
_NEIGHBOUR_AT = tuple(OWN.index(n) for n in NEIGHBOUR)
_NEAR = 5  # lines either side counted for the context features


def page_layout(doc: Document, ctx) -> Layout:
    """The layout the shape rules read (the nav-run defaults), shared through ctx.store."""
    return layout(doc, ctx)


def features(doc: Document, ctx, lexicons: Lexicons) -> tuple[list[int], list[list[float]]]:
    """The view index of every nonblank line and its feature row (in NAMES order)."""
    page = page_layout(doc, ctx)
    rows = page.lines
    n = len(rows)
    if not n:
        return [], []
    texts = [doc.line_text(line.index).strip() for line in rows]
    normalised = [" ".join(t.lower().split()) for t in texts]
    seen = Counter(normalised)
    # Each line's topic words (from its first HEAD characters); the body's are its prose lines' together.
    topics = [line_shapes.topic_words(text[:HEAD]) for text in texts]
    body_words: Counter = Counter()
    body_first = body_last = -1
    for pos, line in enumerate(rows):
        if page.in_body(line.index):
            body_first = pos if body_first < 0 else body_first
            body_last = pos
            if line.shape == PROSE:
                body_words.update(topics[pos])
    own = []
    for pos, (line, text) in enumerate(zip(rows, texts)):
        own.append(_own(doc, page, pos, line, text, topics[pos], normalised[pos], seen, body_words, body_first,
                        body_last, n, lexicons))
    short = [1.0 if line.words <= 4 and line.shape != PROSE else 0.0 for line in rows]
    prose = [1.0 if line.shape == PROSE else 0.0 for line in rows]
    logwords = [_log(line.words) for line in rows]
    lexical = [1.0 if (f[OWN.index("cta")] or f[OWN.index("widget_heading")] or f[OWN.index("platform")]
                       or f[OWN.index("rights")]) else 0.0 for f in own]
    flow = [f[OWN.index("flow")] for f in own]
    headline = [1.0 if line.shape == HEADLINE else 0.0 for line in rows]
    overlap = [f[OWN.index("topic_overlap")] for f in own]
    sums = [_prefix(v) for v in (short, prose, logwords, lexical, flow, headline, overlap)]
    runs = _non_prose_runs(rows)
    above, below = _prose_distances(rows)
    page_row = [
        _ratio(sum(short), n),
        _log(n),
        1.0 if page.paragraphed else 0.0,
        _ratio(body_last - body_first + 1, n) if body_first >= 0 else 0.0,
        1.0 if body_first >= 0 else 0.0,
    ]
    empty = [0.0] * len(NEIGHBOUR)
    out = []
    for pos in range(n):
        row = list(own[pos])
        for offset in OFFSETS:
            other = pos + offset
            row.extend([own[other][i] for i in _NEIGHBOUR_AT] if 0 <= other < n else empty)
        lo, hi = max(0, pos - _NEAR), min(n, pos + _NEAR + 1)
        span = hi - lo - 1  # the neighbours, not the line itself
        near = [(total[hi] - total[lo] - (total[pos + 1] - total[pos])) / span if span else 0.0 for total in sums]
        start, length = runs[pos]
        row.extend(near)
        row.extend([_log(length), _ratio(pos - start, length) if length else 0.0, _log(above[pos]), _log(below[pos])])
        row.extend(page_row)
        out.append(row)
    return [line.index for line in rows], out


def _prefix(values: list[float]) -> list[float]:
    total = [0.0]
    for v in values:
        total.append(total[-1] + v)
    return total


def _prose_distances(rows) -> tuple[list[int], list[int]]:
    """For each line, how many lines up and down the nearest prose line is (the page's length when none is)."""
    n = len(rows)
    above, below = [n] * n, [n] * n
    last = None
    for pos, line in enumerate(rows):
        above[pos] = pos - last if last is not None else n
        if line.shape == PROSE:
            last = pos
    last = None
    for pos in range(n - 1, -1, -1):
        below[pos] = last - pos if last is not None else n
        if rows[pos].shape == PROSE:
            last = pos
    return above, below


def _non_prose_runs(rows) -> list[tuple[int, int]]:
    """For each line, where the run of non-prose lines holding it starts and how long it is (0 for prose)."""
    out = [(0, 0)] * len(rows)
    pos = 0
    while pos < len(rows):
        if rows[pos].shape == PROSE:
            pos += 1
            continue
        end = pos
        while end < len(rows) and rows[end].shape != PROSE:
            end += 1
        for i in range(pos, end):
            out[i] = (pos, end - pos)
        pos = end
    return out


# A long line's shape shows in its first characters; reading no further keeps a page of
# long paragraphs cheap (the features of a 40-word line are those of a 400-word one).
# Dates, links, copyright signs and separators are looked for in the first CUES.
HEAD = 300
CUES = 120


def _own(doc, page, pos, line, text, mine, normalised, seen, body_words, body_first, body_last, n,
         lexicons) -> list[float]:
    chars, full, text, cues = len(text), text, text[:HEAD], text[:CUES]
    cased = _WORD.findall(text)
    tokens = [w.lower() for w in cased]
    words = frozenset(tokens)
    joined = f" {' '.join(tokens)} "
    shape = line.shape
    capital = sum(1 for t in cased if t[:1].isupper())
    digits = sum(map(str.isdigit, text))
    in_body = page.in_body(line.index)
    distance = 0 if in_body or body_first < 0 else (body_first - pos if pos < body_first else pos - body_last)
    if in_body and mine:
        # Leave the line out of the body it is compared with, or every body line overlaps itself.
        shared = sum(1 for w, c in mine.items() if body_words.get(w, 0) > c)
    else:
        shared = sum(1 for w in mine if w in body_words)
    cta_start = lexicons.starts(tokens, joined, "cta_verb")
    platform = lexicons.hits(words, joined, "platform")
    subscription = lexicons.hits(words, joined, "subscription")
    widget = (line.words <= 6 and lexicons.hits(words, joined, "widget_noun") > 0
              and (lexicons.hits(words, joined, "fresh_modifier") + lexicons.hits(words, joined, "related_modifier")) > 0)
    blank_before = pos > 0 and line.index > page.lines[pos - 1].index + 1
    blank_after = pos + 1 < n and page.lines[pos + 1].index > line.index + 1
    return [
        *(1.0 if shape == s else 0.0 for s in SHAPES),
        _log(line.words),
        _log(chars),
        1.0 if line.caps else 0.0,
        _ratio(capital, len(tokens)),
        1.0 if line_shapes.is_sentence(full) else 0.0,
        1.0 if full.endswith(":") else 0.0,
        1.0 if line.lead_in else 0.0,
        1.0 if text[:1] in "-–—•·*▪" or text[:3].rstrip(".) ").isdigit() else 0.0,
        1.0 if text.startswith(_QUOTE_START) else 0.0,
        1.0 if line.index in doc.headings else 0.0,
        1.0 if line.index in page.flow else 0.0,
        1.0 if in_body else 0.0,
        1.0 if body_first >= 0 and pos < body_first else 0.0,
        1.0 if body_first >= 0 and pos > body_last else 0.0,
        _log(distance),
        _ratio(pos, n - 1) if n > 1 else 0.0,
        _ratio(digits, len(text)),
        1.0 if _DATE.search(cues) else 0.0,
        1.0 if _TIME.search(cues) else 0.0,
        1.0 if _YEAR.search(cues) else 0.0,
        1.0 if _LINKISH.search(cues) else 0.0,
        1.0 if _RIGHTS.search(cues) else 0.0,
        _log(len(_SEPARATOR.findall(cues))),
        _log(seen[normalised] - 1),
        _log(len(mine)),
        _ratio(shared, len(mine)),
        0.0 if mine else 1.0,
        1.0 if platform else 0.0,
        _log(lexicons.hits(words, joined, "share_target")),
        1.0 if cta_start else 0.0,
        1.0 if cta_start and (platform or subscription) and line.words <= 16 else 0.0,
        1.0 if subscription else 0.0,
        1.0 if widget else 0.0,
        1.0 if blank_before else 0.0,
        1.0 if blank_after else 0.0,
        _ratio(sum(map(str.isalpha, text)), len(text)),
    ]

