"""link-list: a bulleted list of other stories' headlines set between two paragraphs.

An archive extractor keeps a "related stories" box inside the article body as a
list ("- India shoots missiles into Pakistani territory ...") once its heading is
gone. The article's own lists look alike, so the shape must be exact: every item
is headline-sized (a capital, several words, no full stop), the list interrupts
the text (a paragraph above it and below it), and the paragraph above does not
lead into it: a list the writer introduces ends a sentence with a colon or says
"the following", "here are", "include". A list at the text's edge or under a
heading is left to the heading rules (NL602, NL603).
"""
from __future__ import annotations

from .. import compiled_regex
from ..document import Document
from ..finding import Hit
from . import Context, Kind, OptionError
from .lines import is_sentence
from .page_runs import line_matcher, LineTest

# A bullet, then the item's first letter: a capital, a digit or an opening quote.
_ITEM = compiled_regex.compile(r"""^\s*[-–•*▪·]\s+(?=["“‘'(]?[A-Z0-9])""")
_FULL_STOP = compiled_regex.compile(r"""(?<!\.)\.['"”’)\]]*\s*$""")


class LinkList(Kind):
    name = "link-list"
    FIELDS = ("count",)
    OPTIONS = {
        "min_items": 2,
        "min_words": 5,         # an item is a headline: this many words or more
        "max_words": 20,
        "prose_words": 12,      # the lines around the list are paragraphs: this many words, a sentence's end
        "lead_in": [],          # patterns: a paragraph that introduces the list under it ("the following")
    }

    def __init__(self, options: dict):
        super().__init__(options)
        if self.options["min_items"] < 1:
            raise OptionError("min_items", "must be 1 or more")
        self.lead_in = line_matcher(self.options, "lead_in")

    def find(self, doc: Document, ctx: Context):
        lines = doc.nonblank
        if not any(_ITEM.match(doc.line_text(i)) for i in lines):
            return
        lead_in = LineTest(doc, self.lead_in)
        run: list[int] = []
        for pos, i in enumerate(lines + [None]):
            if i is not None and i not in ctx.boundaries and self._headline_item(doc, i):
                run.append(pos)
                continue
            if len(run) >= self.options["min_items"] and self._interrupts(doc, lines, run, lead_in, ctx):
                first, last = lines[run[0]], lines[run[-1]]
                yield Hit(doc.lines[first][0], doc.lines[last][1], values=(("count", str(len(run))),))
            run = []

    def _headline_item(self, doc: Document, i: int) -> bool:
        text = doc.line_text(i)
        o = self.options
        return (bool(_ITEM.match(text)) and o["min_words"] <= doc.line_words[i] <= o["max_words"]
                and not _FULL_STOP.search(text) and not text.rstrip().endswith((":", ",", ";")))

    def _interrupts(self, doc: Document, lines: list[int], run: list[int], lead_in, ctx: Context) -> bool:
        """A paragraph above the list that does not lead into it, and a paragraph below
        (past an ad slot or other chrome another rule marks: "- Advertisement")."""
        after = run[-1] + 1
        while after < len(lines) and lines[after] in ctx.boundaries:
            after += 1
        if run[0] == 0 or after >= len(lines):
            return False
        above, below = lines[run[0] - 1], lines[after]
        return (self._paragraph(doc, above) and not doc.line_text(above).rstrip().endswith(":")
                and above not in lead_in and self._paragraph(doc, below))

    def _paragraph(self, doc: Document, i: int) -> bool:
        return doc.line_words[i] >= self.options["prose_words"] and is_sentence(doc.line_text(i))
