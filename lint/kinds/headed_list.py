"""headed-list: a widget heading ("TRENDING", "Related stories") and the list under it.

The list runs over short, headline-like lines and stops at the first line of
prose or where another block rule sees something begin, so a TRENDING widget
and the site footer under it stay two findings.
"""
from __future__ import annotations

from ..document import Document
from ..finding import Hit
from . import Context, Kind, OptionError
from .lines import is_short, matching_lines
from .phrase import _matcher


class HeadedList(Kind):
    name = "headed-list"
    OPTIONS = {
        "start": [],            # patterns for the heading line
        "header_max_words": 6,  # a heading is a label, not a sentence
        "max_words": 20,        # list items are headline-sized
        "min_items": 1,
    }

    def __init__(self, options: dict):
        super().__init__(options)
        self.start = _matcher([], self.options["start"], False, key="start")
        if not self.start:
            raise OptionError("start", "give at least one heading pattern")

    def markers(self, doc: Document) -> set[int]:
        limit = self.options["header_max_words"]
        return {i for i in matching_lines(doc, self.start) if doc.line_words[i] <= limit}

    def find(self, doc: Document, ctx: Context):
        headers = self.markers(doc)
        if not headers:
            return
        lines = doc.nonblank
        for pos, header in enumerate(lines):
            if header not in headers:
                continue
            items = []
            for i in lines[pos + 1:]:
                if i in ctx.boundaries or i in headers or not is_short(doc, i, self.options["max_words"]):
                    break
                items.append(i)
            if len(items) >= self.options["min_items"]:
                yield Hit(doc.lines[header][0], doc.lines[items[-1]][1])
