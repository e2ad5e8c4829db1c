"""phrase: report every occurrence of a phrase or pattern, unless its context clears it."""
from __future__ import annotations

from ..document import Document
from ..finding import Hit
from ..matcher import Matcher, PatternError
from ..segment import strip_span, word_count
from . import Context, Kind, OptionError

SCOPES = ("line", "sentence", "paragraph", "document")


class Phrase(Kind):
    name = "phrase"
    OPTIONS = {
        "phrases": [],          # literal, case-insensitive, whole words, any whitespace between words
        "patterns": [],         # regular expressions (the `regex` module), case-insensitive by default
        "case_sensitive": False,
        "unless": [],           # patterns that, found in the scope around a hit, clear it
        "scope": "sentence",    # the unit a hit is judged in (unless) and reported once per
        "skip_quotes": False,   # ignore hits inside direct quotations
        "once": False,          # report only the first hit in a document
        # > 0: a hit counts only in a scope unit (cut at line ends) of at most this many
        # words. A call to action is short; the same words inside a long sentence are prose.
        "max_words": 0,
    }

    def __init__(self, options: dict):
        super().__init__(options)
        opts = self.options
        if opts["scope"] not in SCOPES:
            raise OptionError("scope", f"'{opts['scope']}' is not one of {', '.join(SCOPES)}")
        self.matcher = _matcher(opts["phrases"], opts["patterns"], opts["case_sensitive"])
        if not self.matcher:
            raise OptionError("phrases", "give at least one of 'phrases' or 'patterns'")
        self.unless = _matcher([], opts["unless"], False, key="unless")
        if opts["max_words"] < 0:
            raise OptionError("max_words", "must be 0 (no limit) or more")

    def find(self, doc: Document, ctx: Context):
        # One finding per scope: three phrases of one disclaimer are one problem.
        reported: set[int] = set()
        for start, end in sorted(set(self.matcher.finditer(doc.text, doc.lowered))):
            # Patterns anchored with ^\s* may swallow blank lines before the text they mean.
            start, end = strip_span(doc.text, start, end)
            unit = scope_span(doc, self.options["scope"], start)[0]
            if unit in reported or not self.accept(doc, start, end):
                continue
            reported.add(unit)
            yield Hit(start, end)
            if self.options["once"]:
                return

    def accept(self, doc: Document, start: int, end: int) -> bool:
        if self.options["skip_quotes"] and doc.in_quote(start, end):
            return False
        limit = self.options["max_words"]
        if self.unless or limit:
            lo, hi = scope_span(doc, self.options["scope"], start)
            if limit and word_count(doc.text[slice(*_within_line(doc, lo, hi, start))]) > limit:
                return False
            if self.unless and self.unless.search(doc.text, doc.lowered, lo, hi):
                return False
        return True


def _within_line(doc: Document, lo: int, hi: int, offset: int) -> tuple[int, int]:
    """The scope unit cut at the ends of the line holding `offset`: a page's menu
    lines without full stops read as one long "sentence", but each is its own unit."""
    line_lo, line_hi = doc.lines[doc.line_index(offset)]
    return max(lo, line_lo), min(hi, line_hi)


def scope_span(doc: Document, scope: str, offset: int) -> tuple[int, int]:
    if scope == "line":
        return doc.lines[doc.line_index(offset)]
    if scope == "sentence":
        return doc.sentence_at(offset)
    if scope == "paragraph":
        for start, end in doc.paragraphs:
            if start <= offset <= end:
                return start, end
        return doc.lines[doc.line_index(offset)]
    return 0, len(doc.text)


def _matcher(phrases, patterns, case_sensitive, key="patterns") -> Matcher:
    try:
        return Matcher(phrases, patterns, case_sensitive)
    except PatternError as err:
        raise OptionError(key, str(err)) from None
