"""block: a run of page-chrome lines ("Short Url", "Follow", "© 2025") as ONE finding.

Chrome comes in clusters; reporting each line would bury the article's real
problems. A run is a sequence of lines that each match a chrome pattern or are
short fillers between them (blank lines do not break it); it is reported from
its first to its last matching line.
"""
from __future__ import annotations

from ..document import Document
from ..finding import Hit
from . import Context, Kind, OptionError
from .lines import is_short, line_matches, nonblank_lines
from .phrase import _matcher
from ..segment import word_count


class Block(Kind):
    name = "block"
    OPTIONS = {
        "lines": [],          # patterns; a line matching one (and short enough) is chrome
        "max_line_words": 12, # a longer line is prose even if it matches
        "filler_words": 3,    # short lines of at most this many words may sit inside a run
        "min_hits": 1,        # chrome lines a run needs to be reported
    }

    def __init__(self, options: dict):
        super().__init__(options)
        self.matcher = _matcher([], self.options["lines"], False, key="lines")
        if not self.matcher:
            raise OptionError("lines", "give at least one line pattern")
        if self.options["min_hits"] < 1:
            raise OptionError("min_hits", "must be 1 or more")

    def hit_lines(self, doc: Document) -> set[int]:
        limit = self.options["max_line_words"]
        return {
            i for i in nonblank_lines(doc)
            if line_matches(doc, i, self.matcher) and word_count(doc.line_text(i)) <= limit
        }

    def markers(self, doc: Document) -> set[int]:
        return self.hit_lines(doc)

    def find(self, doc: Document, ctx: Context):
        hits = self.hit_lines(doc)
        if not hits:
            return
        filler = self.options["filler_words"]
        run: list[int] = []
        for i in nonblank_lines(doc) + [None]:
            if i is not None and (i in hits or (run and is_short(doc.line_text(i), filler))):
                run.append(i)
                continue
            yield from self._report(doc, run, hits)
            run = []

    def _report(self, doc: Document, run: list[int], hits: set[int]):
        matched = [i for i in run if i in hits]
        if len(matched) >= self.options["min_hits"]:
            yield Hit(doc.lines[matched[0]][0], doc.lines[matched[-1]][1])
