"""block: a run of page-chrome lines ("Short Url", "Follow", "© 2025") as ONE finding.

Chrome comes in clusters; reporting each line would bury the article's real
problems. A run is a sequence of lines that each match a chrome pattern or are
short fillers between them (blank lines do not break it); it is reported from
its first to its last matching line.

Some lines are chrome only in company: a timestamp, "3 min read", "12
comments" or a lone "Twitter" also sit in an article's byline, in an author
box or under each headline of a widget. Those are `weak_lines`: they join a
run and extend it, but a run of weak lines alone is not reported.
"""
from __future__ import annotations

from ..document import Document
from ..finding import Hit
from . import Context, Kind, OptionError
from .lines import is_short, matching_lines
from .phrase import _matcher


class Block(Kind):
    name = "block"
    OPTIONS = {
        "lines": [],          # patterns; a line matching one (and short enough) is chrome
        "weak_lines": [],     # patterns for lines that are chrome only in a run with a `lines` hit
        "max_line_words": 12, # a longer line is prose even if it matches
        "filler_words": 3,    # short lines of at most this many words may sit inside a run
        "min_hits": 1,        # chrome lines a run needs to be reported
    }

    def __init__(self, options: dict):
        super().__init__(options)
        self.matcher = _matcher([], self.options["lines"], False, key="lines")
        if not self.matcher:
            raise OptionError("lines", "give at least one line pattern")
        self.weak = _matcher([], self.options["weak_lines"], False, key="weak_lines")
        if self.options["min_hits"] < 1:
            raise OptionError("min_hits", "must be 1 or more")

    def markers(self, doc: Document) -> set[int]:
        # Only strong lines: a timestamp under a widget's headline must not cut the widget.
        return self._hits(doc, self.matcher)

    def _hits(self, doc: Document, matcher) -> set[int]:
        if not matcher:
            return set()
        limit = self.options["max_line_words"]
        return {i for i in matching_lines(doc, matcher) if doc.line_words[i] <= limit}

    def find(self, doc: Document, ctx: Context):
        strong = self.markers(doc)
        if not strong:
            return
        hits = strong | self._hits(doc, self.weak)
        filler = self.options["filler_words"]
        run: list[int] = []
        for i in doc.nonblank + [None]:
            if i is not None and (i in hits or (run and is_short(doc, i, filler))):
                run.append(i)
                continue
            matched = [j for j in run if j in hits]
            if len(matched) >= self.options["min_hits"] and any(j in strong for j in matched):
                yield Hit(doc.lines[matched[0]][0], doc.lines[matched[-1]][1])
            run = []
