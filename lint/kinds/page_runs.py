"""Menus, headline lists and shouted links found by the page's shape (see layout.py).

nav-run:      a run of short labels ("Business / Asia / Europe", "222 retweets /
              Reply / Like", "Image / 1 / of / 1") outside the article body, or
              a run so long it is a menu wherever it sits.
headline-run: consecutive headline-shaped lines outside the body whose words
              share little with it: other stories' headlines. A pager
              ("Previous / <headline> / Next / <headline>") needs fewer of them.
caps-link:    a line in capitals alone between two paragraphs of the body, the
              way some sites link a related story inside the text.

Each run is one finding from its first to its last line. A run stops at the
body, at a paragraph, and where another block rule sees something begin
(Context.boundaries), so a menu and the footer under it stay two findings.
"""
from __future__ import annotations

import re

from .. import compiled_regex
from ..document import Document
from ..line_start import on_its_line
from ..finding import Hit
from . import Context, Kind, OptionError
from .layout import COUNTER, HEADLINE, NAV, OTHER, PROSE, Layout, is_caps, layout, topic_words
from .phrase import _matcher

_LAYOUT_OPTIONS = {
    "prose_words": 12,     # a line of this many words that ends like a sentence is prose
    "nav_words": 4,        # a menu label has at most this many words
    "headline_words": 18,  # a longer line is prose even without a full stop
    "body_gap": 4,         # non-prose lines allowed between two prose lines of the body
}


def line_matcher(options: dict, key: str):
    """The option's patterns as one case-insensitive regex tried on single lines; None when empty."""
    patterns = options[key]
    if not patterns:
        return None
    _matcher([], patterns, False, key=key)  # validates each pattern, naming the option on error
    try:
        return compiled_regex.compile("|".join(f"(?:{on_its_line(p)})" for p in patterns), re.IGNORECASE | re.MULTILINE)
    except re.error as err:
        raise OptionError(key, f"the patterns do not combine: {err}") from None


class LineTest:
    """`index in test`: does the rule's pattern option match that view line? Asked per line, on demand.

    Only the short lines a run is made of are ever asked about, each once, with
    one regex over the line alone: cheaper than scanning the whole text.
    """

    def __init__(self, doc: Document, regex):
        self.doc, self.regex, self.known = doc, regex, {}

    def __contains__(self, index: int) -> bool:
        if self.regex is None:
            return False
        if index not in self.known:
            self.known[index] = self.regex.search(self.doc.line_text(index)) is not None
        return self.known[index]


def _prose_words(doc: Document, page: Layout, ctx: Context) -> set:
    key = ("layout-prose-words", id(page))
    if key not in ctx.store:
        ctx.store[key] = topic_words(page.prose_text)
    return ctx.store[key]


def _choice(options: dict, key: str):
    if options[key] not in ("skip", "only", "any"):
        raise OptionError(key, "expected skip, only or any")


def _between_paragraphs(page: Layout, before, after, broken_sentence: bool = True) -> bool:
    """A run with a paragraph (or the text's edge) on both sides is part of the article.

    A squad list, a recipe's ingredients or a poem's stanza sits between the
    article's paragraphs; a scraped menu sits among other page furniture. So does a
    run inside a sentence broken by links ("... led by / Bernard Arnault / .").
    """
    if broken_sentence and all(l is not None and l.index in page.flow for l in (before, after)):
        return True
    # A sentence that introduces a list ("The line-up on Saturday is:") counts as a paragraph.
    # A list closing the text after a paragraph is the article's own (a cast, a line-up):
    # a copied page ends with its footer. A page starts with its menu, so the text's
    # start does not count.
    if before is None or not (before.shape == PROSE or before.lead_in):
        return False
    return after is None or after.shape == PROSE


def _beyond(lines: list, pos: int, step: int, limit: int):
    """The first line past up to `limit` short lines from lines[pos], going `step`; None at the text's edge."""
    for _ in range(limit + 1):
        pos += step
        if not 0 <= pos < len(lines):
            return None
        if lines[pos].shape not in (NAV, COUNTER):
            return lines[pos]
    return lines[pos]


def _has_adjacent_lines(doc: Document) -> bool:
    """Two text lines in a row somewhere: without them (one-line paragraphs only) there is no run."""
    lines = doc.nonblank
    return any(b == a + 1 for a, b in zip(lines, lines[1:]))


class _PageKind(Kind):
    def page(self, doc: Document, ctx: Context) -> Layout:
        o = self.options
        return layout(doc, ctx, o["prose_words"], o["nav_words"], o["headline_words"], o["body_gap"])

    def hit(self, doc: Document, first: int, last: int, **values) -> Hit:
        return Hit(doc.lines[first][0], doc.lines[last][1], values=tuple((k, str(v)) for k, v in values.items()))


class NavRun(_PageKind):
    name = "nav-run"
    FIELDS = ("count",)
    OPTIONS = {
        **_LAYOUT_OPTIONS,
        "min_lines": 4,           # labels a run needs outside the body
        "min_lines_in_body": 10,  # and inside it (or inside a sentence broken by links), where a subhead is no menu
        "min_counters_in_body": 3,  # and there counts or separators among them ("79", ",", "|"): a tag list, a tweet's counters
        "max_lines": 0,           # report only runs up to this long (0: any length)
        "min_lines_between_headlines": 6,  # between two headlines a short run is the list's byline or kicker
        "min_labels": 1,          # lines with a capitalised word, not only numbers and punctuation
        "byline": [],             # patterns: a short run at or beside such a line is the article's byline and date
        "byline_max_lines": 8,
        "not_label": [],          # patterns for short lines that are content (a fixture "Leeds v Hull")
        "beside_headline": "skip",  # skip | only | any: runs next to a headline-shaped line
        "beside_headline_max_lines": 8,  # a longer run is a menu even next to a headline
    }

    def __init__(self, options: dict):
        super().__init__(options)
        self.byline = line_matcher(self.options, "byline")
        self.not_label = line_matcher(self.options, "not_label")
        _choice(self.options, "beside_headline")

    def find(self, doc: Document, ctx: Context):
        if not _has_adjacent_lines(doc):
            return
        page = self.page(doc, ctx)
        byline, content = LineTest(doc, self.byline), LineTest(doc, self.not_label)
        lines = page.lines
        run: list[int] = []  # positions in page.lines
        for pos, line in enumerate(lines + [None]):
            if line is not None and page.apart(pos) and run:
                yield from self.report(doc, page, run, byline)
                run = []
            if (
                line is not None and line.shape in (NAV, COUNTER) and not page.alone(pos)
                and line.index not in content
                and line.index not in ctx.boundaries and line.index not in page.flow
            ):
                run.append(pos)
                continue
            if run:
                yield from self.report(doc, page, run, byline)
            run = []

    def report(self, doc: Document, page: Layout, run: list[int], byline: set):
        """Report the run, less any byline at its ends ("By / Jane Doe / May 3, 2024")."""
        o, lines = self.options, page.lines
        pieces, piece, after_byline = [], [], False
        for p in run:
            if lines[p].index in byline:
                # The byline line and the name or date after it are the article's, not the menu's.
                pieces.append(piece)
                piece, after_byline = [], True
            elif after_byline:
                after_byline = False
            else:
                piece.append(p)
        pieces.append(piece)
        trimmed = len(pieces) > 1
        for piece in pieces:
            if piece:
                yield from self.report_piece(doc, page, piece, byline, trimmed)

    def report_piece(self, doc: Document, page: Layout, run: list[int], byline: set, trimmed: bool):
        o, lines = self.options, page.lines
        items = [lines[p] for p in run]
        if sum(1 for l in items if l.shape == NAV) < o["min_labels"]:
            return
        before = lines[run[0] - 1] if run[0] > 0 else None
        after = lines[run[-1] + 1] if run[-1] + 1 < len(lines) else None
        if _between_paragraphs(page, before, after) or any(page.in_body(l.index) for l in items):
            # Among the paragraphs a long run of names (a squad, a cast) is the article's list;
            # a menu there shows its separators and counters.
            if sum(1 for l in items if l.shape == COUNTER) < o["min_counters_in_body"]:
                return
            need = o["min_lines_in_body"]
        elif before is not None and after is not None and before.shape == HEADLINE and after.shape == HEADLINE:
            need = o["min_lines_between_headlines"]
        else:
            need = o["min_lines"]
        if len(items) < need or 0 < o["max_lines"] < len(items):
            return
        if not trimmed and len(items) <= o["byline_max_lines"] and any(
            l is not None and l.index in byline for l in (before, after)
        ):
            return
        if o["beside_headline"] != "any":
            # Labels next to a headline may be a list of stories' short titles rather than a menu.
            beside = len(items) < o["beside_headline_max_lines"] and any(
                l is not None and l.shape == HEADLINE for l in (before, after)
            )
            if beside != (o["beside_headline"] == "only"):
                return
        yield self.hit(doc, items[0].index, items[-1].index, count=len(items))


class HeadlineRun(_PageKind):
    name = "headline-run"
    FIELDS = ("count", "overlap")
    OPTIONS = {
        **_LAYOUT_OPTIONS,
        "min_headlines": 3,
        "max_between": 2,      # short lines (source, time, byline) allowed between two headlines
        "max_overlap": 0.4,    # share of the headlines' words also found in the body
        "own_overlap": 0.5,    # a line sharing this much with the body is the article's own title or standfirst
        "in_menu": "skip",     # skip | only | any: runs with a menu label on both sides
        "pager": [],           # patterns for "Previous" / "Next" lines: a pager needs one headline
        "not_headline": [],    # patterns for headline-shaped lines that are something else (dates, bylines, Q&A)
    }

    def __init__(self, options: dict):
        super().__init__(options)
        self.pager = line_matcher(self.options, "pager")
        self.not_headline = line_matcher(self.options, "not_headline")
        _choice(self.options, "in_menu")

    def find(self, doc: Document, ctx: Context):
        if not _has_adjacent_lines(doc):
            return
        page = self.page(doc, ctx)
        pager, other = LineTest(doc, self.pager), LineTest(doc, self.not_headline)
        lines = page.lines
        run: list[int] = []  # positions of headlines and pager lines
        between = 0
        for pos, line in enumerate(lines + [None]):
            if line is not None and page.apart(pos) and run:
                yield from self.report(doc, page, run, pager, ctx)
                run, between = [], 0
            stop = (
                line is None or line.shape == PROSE or page.alone(pos) or line.index in ctx.boundaries
                or line.index in page.flow or page.in_body(line.index)
            )
            # Pager lines are short ("Next", "Older posts", "←").
            anchor = not stop and (
                (line.shape == HEADLINE and line.index not in other)
                or (line.words <= 3 and line.shape != HEADLINE and line.index in pager)
            )
            if anchor and (not run or between <= self.options["max_between"]):
                run.append(pos)
                between = 0
                continue
            if not stop and not anchor and run:
                between += 1
                if between <= self.options["max_between"]:
                    continue
            if run:
                yield from self.report(doc, page, run, pager, ctx)
            run, between = ([pos] if anchor else []), 0

    def report(self, doc: Document, page: Layout, run: list[int], pager, ctx: Context):
        o, lines = self.options, page.lines
        items = [lines[p] for p in run]
        pagers = sum(1 for l in items if l.index in pager)
        if len(items) - pagers < (1 if pagers else o["min_headlines"]):
            return  # too few headlines, before any word is counted
        before = lines[run[0] - 1] if run[0] > 0 else None
        after = lines[run[-1] + 1] if run[-1] + 1 < len(lines) else None
        # Past the short lines at its ends (a stanza's last line, a list's source), is it among paragraphs?
        if not pagers and _between_paragraphs(
            page, _beyond(lines, run[0], -1, o["max_between"]), _beyond(lines, run[-1], 1, o["max_between"]), False
        ):
            return
        body_words = _prose_words(doc, page, ctx)
        words, headlines = set(), 0
        for l in items:
            if l.index in pager:
                continue
            own = topic_words(doc.line_text(l.index))
            if not pagers and own and len(own & body_words) / len(own) >= o["own_overlap"]:
                continue  # the article's own headline or standfirst, not another story's
            words |= own
            headlines += 1
        if not headlines or headlines < (1 if pagers else o["min_headlines"]):
            return
        overlap = len(words & body_words) / len(words) if words else 1.0
        if overlap > o["max_overlap"] and not pagers:
            # A pager's "Next" says the headline is another post's, whatever its words.
            return
        if o["in_menu"] != "any" and not pagers:
            # Inside a site menu a headline-shaped line may be a section's featured link:
            # still another story, but less surely so.
            in_menu = all(e is not None and e.shape in (NAV, COUNTER) and e.index not in pager for e in (before, after))
            if in_menu != (o["in_menu"] == "only"):
                return
        yield self.hit(doc, items[0].index, items[-1].index, count=headlines, overlap=f"{overlap:.0%}")


class CapsLink(_PageKind):
    name = "caps-link"
    OPTIONS = {
        **_LAYOUT_OPTIONS,
        "min_words": 7,
        "min_words_marked": 4,  # with a quote, colon or question mark a headline may be shorter
        "max_words": 24,
        "unless": [],  # patterns for capitals lines that are something else (an app prompt, a dateline)
    }

    def __init__(self, options: dict):
        super().__init__(options)
        if self.options["min_words"] < 1:
            raise OptionError("min_words", "must be 1 or more")
        self.unless = line_matcher(self.options, "unless")

    def find(self, doc: Document, ctx: Context):
        if not any(is_caps(doc.line_text(i)) for i in doc.nonblank):
            return
        page = self.page(doc, ctx)
        if page.body[0] < 0:
            return
        skip = LineTest(doc, self.unless)
        lines = page.lines
        o = self.options
        for pos in range(1, len(lines) - 1):
            line = lines[pos]
            if not line.caps or line.shape not in (HEADLINE, OTHER) or not page.body[0] < line.index < page.body[1]:
                continue
            text = doc.line_text(line.index).strip()
            marked = any(c in text for c in "'\"‘’“”:?")
            least = o["min_words_marked"] if marked else o["min_words"]
            if (
                least <= line.words <= o["max_words"]
                and not text.endswith((".", ":"))
                and line.index not in skip
                and line.index not in ctx.boundaries
                and not lines[pos - 1].caps and not lines[pos + 1].caps
                and any(l.shape == PROSE for l in lines[max(pos - 3, 0):pos + 4])
                and lines[pos - 1].shape not in (NAV, COUNTER)
                and lines[pos + 1].shape not in (NAV, COUNTER)
            ):
                yield self.hit(doc, line.index, line.index)
