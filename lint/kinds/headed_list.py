"""headed-list: a widget heading ("TRENDING", "Related stories") and the list under it.

The list runs over short, headline-like lines and stops at the first line of
prose or where another block rule sees something begin, so a TRENDING widget
and the site footer under it stay two findings.

The same words head menus and breadcrumbs too ("Latest News" as a menu entry,
"Home » Latest News » this article"). With the opt-in shape options a rule
asks for what makes a list of *other stories*: it stops before a run of
label-sized lines (a menu: "Germany / Brexit / World"), needs headline-sized
items (`headline_words`), and skips a heading that follows a breadcrumb or
category label (`not_after`). Fillers (dates, "By", numbers, separators) may
sit between the headlines without counting either way, and so may one short
teaser sentence under each headline (`teaser_words`); a line cut at a link
("... created by", `not_item`) is the article's prose and ends the list. In
this mode a second heading of the same rule ("Previous story ... Next story")
continues the widget instead of ending it.
"""
from __future__ import annotations

from .. import compiled_regex
from ..document import Document
from ..finding import Hit
from . import Context, Kind, OptionError
from .lines import is_short, matching_lines
from .phrase import _matcher

_FULL_STOP = compiled_regex.compile(r"""(?<!\.)\.['"”’)\]]*\s*$""")
FILLER, LABEL, HEADLINE, OTHER, TEASER = "filler", "label", "headline", "other", "teaser"


class HeadedList(Kind):
    name = "headed-list"
    OPTIONS = {
        "start": [],            # patterns for the heading line
        "header_max_words": 6,  # a heading is a label, not a sentence
        "max_words": 20,        # list items are headline-sized
        "min_items": 1,
        # Shape checks, off by default (0 / empty):
        "headline_words": 0,    # > 0: an item of this many words or more is a headline
        "min_headlines": 1,     # ... and the list needs this many, and no more than 2 labels per headline
        "nav_run": 0,           # > 0: the list stops before this many label-sized items in a row
        "label_words": 3,       # an item of at most this many words is label-sized (a menu entry)
        "filler": [],           # patterns: items that count neither way (dates, "By", separators)
        "not_headline": [],     # patterns: long items that are still labels ("Watch the latest videos")
        "not_after": [],        # patterns: a heading right after such a line is a breadcrumb, not a widget
        "not_item": [],         # patterns: a line that ends the list (a sentence cut at a link: "... created by")
        "teaser_words": 0,      # > 0: one sentence this short may follow each headline (its teaser)
    }

    def __init__(self, options: dict):
        super().__init__(options)
        self.start = _matcher([], self.options["start"], False, key="start")
        if not self.start:
            raise OptionError("start", "give at least one heading pattern")
        for key in ("min_items", "headline_words", "nav_run", "label_words", "teaser_words"):
            if self.options[key] < 0:
                raise OptionError(key, "must be 0 or more")
        self.filler = _matcher([], self.options["filler"], False, key="filler")
        self.not_headline = _matcher([], self.options["not_headline"], False, key="not_headline")
        self.not_after = _matcher([], self.options["not_after"], False, key="not_after")
        self.not_item = _matcher([], self.options["not_item"], False, key="not_item")

    def markers(self, doc: Document) -> set[int]:
        limit = self.options["header_max_words"]
        return {i for i in matching_lines(doc, self.start) if doc.line_words[i] <= limit}

    def find(self, doc: Document, ctx: Context):
        headers = self.markers(doc)
        if not headers:
            return
        opts = self.options
        lines = doc.nonblank
        after = matching_lines(doc, self.not_after) if self.not_after else set()
        shaped = bool(opts["headline_words"] or opts["nav_run"])
        covered: set[int] = set()
        for pos, header in enumerate(lines):
            if header not in headers or header in covered or (pos and lines[pos - 1] in after):
                continue
            items: list[tuple[int, str]] = []
            in_row = 0  # label-sized items in a row (fillers between them do not break it)
            for k in range(pos + 1, len(lines)):
                i = lines[k]
                if shaped and i in headers and lines[k - 1] not in after:
                    # "Previous story ... Next story ...": one widget under two headings.
                    items.append((i, FILLER))
                    continue
                if i in ctx.boundaries or i in headers:
                    break
                shape = self._shape(doc, i)
                if shape != FILLER and not self._fits(doc, i, shaped):
                    if not self._teaser(doc, i, items):
                        break
                    items.append((i, TEASER))
                    continue
                if opts["nav_run"] and shape == LABEL:
                    in_row += 1
                    if in_row >= opts["nav_run"]:
                        # A menu starts here: drop its first entries already taken.
                        while items and items[-1][1] in (LABEL, FILLER, TEASER):
                            items.pop()
                        break
                elif shape not in (FILLER, TEASER):
                    in_row = 0
                items.append((i, shape))
            if opts["headline_words"]:
                # What trails the last headline is its source or date line at most; more is the next widget.
                last = max((n for n, (_, shape) in enumerate(items) if shape in (HEADLINE, TEASER)), default=-1)
                del items[last + 3:]
            while items and items[-1][1] == FILLER:
                items.pop()
            if len(items) < opts["min_items"]:
                continue
            if opts["headline_words"]:
                headlines = sum(1 for _, shape in items if shape == HEADLINE)
                labels = sum(1 for _, shape in items if shape == LABEL)
                if headlines < opts["min_headlines"] or labels > 2 * headlines:
                    continue
            covered.update(i for i, _ in items)
            end = doc.lines[items[-1][0]][1] if items else doc.lines[header][1]
            yield Hit(doc.lines[header][0], end)

    def _fits(self, doc: Document, i: int, shaped: bool) -> bool:
        """A list item is headline-sized. Headlines may end in "?", "!" or a cut-off "…";
        a line ending in a full stop is prose."""
        if not shaped:
            return is_short(doc, i, self.options["max_words"])
        start, end = doc.lines[i]
        return (doc.line_words[i] <= self.options["max_words"] and not _FULL_STOP.search(doc.line_text(i))
                and not self._has(self.not_item, doc, start, end))

    def _teaser(self, doc: Document, i: int, items: list) -> bool:
        """A one-sentence summary right under a headline: "Navy says ... / People crowded into a meeting."."""
        limit = self.options["teaser_words"]
        last = next((shape for _, shape in reversed(items) if shape != FILLER), None)
        start, end = doc.lines[i]
        return (bool(limit) and last == HEADLINE and doc.line_words[i] <= limit
                and not self._has(self.not_item, doc, start, end))

    def _shape(self, doc: Document, i: int) -> str:
        """What an item looks like: a headline, a menu-sized label, a filler, or neither."""
        if not self.options["headline_words"] and not self.options["nav_run"]:
            return OTHER
        start, end = doc.lines[i]
        words = doc.line_words[i]
        if not any(ch.isalpha() for ch in doc.text[start:end]) or self._has(self.filler, doc, start, end):
            return FILLER
        if self._has(self.not_headline, doc, start, end):
            return LABEL
        if words <= self.options["label_words"]:
            return LABEL
        if self.options["headline_words"] and words >= self.options["headline_words"]:
            return HEADLINE
        return OTHER

    @staticmethod
    def _has(matcher, doc: Document, start: int, end: int) -> bool:
        return bool(matcher) and matcher.search(doc.text, doc.lowered, start, end)
