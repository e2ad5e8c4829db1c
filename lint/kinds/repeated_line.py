"""repeated-line: the headline printed twice (page title, then article heading).

Only lines near the top count as headlines: menus and widgets repeat their
items all over a page, and those are the block rules' business.
"""
from __future__ import annotations

from ..document import Document
from ..finding import Hit, Related
from . import Context, Kind


class RepeatedLine(Kind):
    name = "repeated-line"
    OPTIONS = {
        "min_words": 4,
        "head_lines": 5,    # the first occurrence must be among this many non-blank lines
        # Widgets print each headline twice in a row (title, then link); that is
        # the widget's finding, so repeats this close together are left alone.
        "min_distance": 3,
    }

    def find(self, doc: Document, ctx: Context):
        head: dict[str, int] = {}
        for pos, i in enumerate(doc.nonblank):
            if doc.line_words[i] < self.options["min_words"]:
                continue
            text = " ".join(doc.line_text(i).split()).lower()
            if text not in head:
                if pos < self.options["head_lines"]:
                    head[text] = pos
                continue
            first = head.pop(text)  # report each headline's first repeat only
            if pos - first >= self.options["min_distance"]:
                start, end = doc.lines[i]
                first_line = doc.position(doc.lines[doc.nonblank[first]][0])[0]
                yield Hit(start, end, related=(Related(doc.path, first_line, "first printed here"),))
