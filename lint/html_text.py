"""Visible prose of an HTML page, with a map from every view offset back to the source.

The linter works on plain text but must report findings at a line and column of
the HTML file, so ``html_to_view`` returns the text a reader sees (one line per
block element) together with *anchors*: sorted ``(view_offset, source_offset)``
pairs. Between two anchors view and source advance together, so text copied
verbatim from the page maps back exactly; ``to_source`` does the lookup.

Stdlib only: ``html.parser`` is tolerant enough for real pages and needs no
dependency. It never raises; on input it cannot make sense of it returns the
text it has so far.
"""

from __future__ import annotations

import bisect
import html
import re
import sys
from collections import Counter
from html.parser import HTMLParser
from itertools import accumulate

__all__ = ["html_to_view", "to_source"]

# Elements that start (and end) a line of the view.
_BLOCK = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt "
    "fieldset figcaption figure footer form frameset h1 h2 h3 h4 h5 h6 head header hgroup hr "
    "html legend li main menu nav ol p pre search section summary table tbody td tfoot th "
    "thead title tr ul iframe noscript svg video audio canvas textarea select".split()
)
# Elements whose content a reader never sees as prose (head is handled apart: its <title> is kept).
_SKIP = frozenset(
    "script style noscript template svg nav select option optgroup datalist button iframe "
    "textarea audio video canvas".split()
)
# Elements that never have content or an end tag: they must not go on the open-element stack.
_VOID = frozenset(
    "area base basefont bgsound br col command embed frame hr image img input keygen link "
    "meta param source track wbr".split()
)
# What may sit in <head>; any other start tag means the author left out </head> (and maybe <body>).
_HEAD_CONTENT = frozenset("base basefont bgsound link meta noscript script style template title".split())
# End tags HTML lets authors omit: a new <li> closes an open <li>, any block closes an open <p>.
_CLOSED_BY = {
    "li": {"li", "p"},
    "dt": {"dt", "dd", "p"},
    "dd": {"dt", "dd", "p"},
    "tr": {"tr", "td", "th", "p"},
    "td": {"td", "th", "p"},
    "th": {"td", "th", "p"},
    "option": {"option"},
}
_P = frozenset({"p"})

# Visibility of the current position: text is kept only when VISIBLE.
VISIBLE, IN_HEAD, HIDDEN = 0, 1, 2

# Whitespace that must be collapsed: any run but a lone " ".
_ODD_SPACE = re.compile(r"\s{2,}|[^\S ]")


class _ViewBuilder(HTMLParser):
    def __init__(self, source: str) -> None:
        # convert_charrefs=False: entities reach handle_*ref one by one, so every
        # handle_data chunk is a verbatim slice of the source and offsets stay exact.
        super().__init__(convert_charrefs=False)
        self.source = source
        # getpos() gives (1-based line, column in characters); the parser counts
        # lines by "\n" only, so must we (str.splitlines would also split on \r, \x0c...).
        self.line_starts = list(accumulate((len(line) + 1 for line in source.split("\n")), initial=0))
        self.start = 0  # source offset where the current parser run began (see run())
        self.base_line = 0
        self.parts: list[str] = []
        self.vlen = 0
        self.anchors: list[tuple[int, int]] = []
        # Whitespace and line breaks are held back until the next word, so the view
        # never starts/ends with them and runs of them collapse: "", " ", "\n" or "\n\n".
        self.pend = ""
        self.pend_src = 0
        self.stack: list[tuple[str, int]] = []  # open elements: (tag, visibility inside it)
        self.open: Counter[str] = Counter()  # tag -> how many on the stack: stray end tags cost O(1)
        self.level = VISIBLE
        self.seen_title = False

    # --- driving the parser -------------------------------------------------------

    def run(self) -> None:
        while True:
            try:
                self.reset()
                self.base_line = bisect.bisect_right(self.line_starts, self.start) - 1
                self.feed(self.source[self.start :])
                # feed() stops at "&#" not followed by a number, waiting for more input;
                # close() would then dump the rest of the page, tags and all, as text.
                # Nudge it on; if it is truly stuck on "&", take that "&" as text and
                # restart just after it.
                while self.rawdata and not self.cdata_elem:
                    left = len(self.rawdata)
                    self.feed("")
                    if len(self.rawdata) == left:
                        break
                if self.rawdata.startswith("&") and not self.cdata_elem:
                    self.handle_data("&")
                    self.start = self._pos() + 1
                    continue
                if self.rawdata.startswith("<!--"):
                    return  # an unclosed comment hides the rest, as in browsers
                self.close()
                return
            except Exception:
                # html.parser raises AssertionError on some junk such as "<![foo". Skip
                # the construct like a browser would (a bogus comment up to ">") and go on
                # with a fresh parser; our own state (stack, output) carries over.
                resume = self.source.find(">", max(self._pos(), self.start)) + 1
                if resume <= self.start:
                    return
                self.start = resume

    def _pos(self) -> int:
        """Absolute source offset of the construct being handled."""
        line, col = self.getpos()
        if line == 1:
            return self.start + col
        return self.line_starts[self.base_line + line - 1] + col

    # --- building the view ----------------------------------------------------------

    def _put(self, piece: str, src: int) -> None:
        # A new anchor only where the view stops following the source one-to-one.
        v = self.vlen
        a = self.anchors
        if not a or a[-1][1] + (v - a[-1][0]) != src:
            a.append((v, src))
        self.parts.append(piece)
        self.vlen = v + len(piece)

    def _emit(self, piece: str, src: int) -> None:
        if self.pend:
            if self.vlen:
                self._put(self.pend, self.pend_src)
            self.pend = ""
        self._put(piece, src)

    def _space(self, src: int) -> None:
        if self.pend == "" and self.vlen:
            self.pend, self.pend_src = " ", src

    def _break(self, src: int) -> None:
        if self.pend in ("", " ") and self.vlen:
            self.pend, self.pend_src = "\n", src

    def _line_break(self, src: int) -> None:
        # <br> ends the line even if it is empty, so <br><br> leaves one blank line.
        if not self.vlen:
            return
        if self.pend in ("", " "):
            self.pend, self.pend_src = "\n", src
        else:
            self.pend = "\n\n"

    def _text(self, text: str, src: int) -> None:
        """Verbatim text starting at source offset src: whitespace runs become one space.

        Stretches where words are already separated by single spaces go out whole
        (one anchor, and fast); only other whitespace runs need collapsing.
        """
        start = len(text) - len(text.lstrip())
        end = len(text.rstrip())
        if start:
            self._space(src)
        pos = start
        for m in _ODD_SPACE.finditer(text, start, end):
            self._emit(text[pos : m.start()], src + pos)
            self._space(src + m.start())
            pos = m.end()
        self._emit(text[pos:end], src + pos)
        if end < len(text):
            self._space(src + end)

    # --- open-element stack -----------------------------------------------------------

    def _pop_to(self, i: int) -> None:
        for tag, _ in self.stack[i:]:
            self.open[tag] -= 1
        del self.stack[i:]
        self.level = self.stack[-1][1] if self.stack else VISIBLE

    def _close(self, tag: str) -> None:
        """Close the innermost open `tag` and everything opened inside it (unclosed children)."""
        if not self.open[tag]:
            return  # a stray end tag: ignore it
        stack = self.stack
        i = len(stack) - 1
        while stack[i][0] != tag:
            i -= 1
        self._pop_to(i)

    # --- HTMLParser callbacks --------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.level == IN_HEAD and tag not in _HEAD_CONTENT:
            self._close("head")  # missing </head>: this tag belongs to the body
        if tag in _VOID:
            if self.level == VISIBLE and (tag == "br" or tag == "hr"):
                (self._line_break if tag == "br" else self._break)(self._pos())
            return
        stack = self.stack
        closes = _CLOSED_BY.get(tag) or (_P if tag in _BLOCK else ())
        i = len(stack)
        while i and stack[i - 1][0] in closes:
            i -= 1
        if i < len(stack):
            self._pop_to(i)
        level = self.level
        if level != HIDDEN and tag in _BLOCK:  # (IN_HEAD: a line break after the title)
            self._break(self._pos())
        if tag in _SKIP or any(
            k == "hidden" or (k == "aria-hidden" and (v or "").strip().lower() == "true") for k, v in attrs
        ):
            level = HIDDEN
        elif tag == "head":
            level = max(level, IN_HEAD)
        elif tag == "title":
            # Only the document's first title, and not e.g. an <svg><title>.
            level = VISIBLE if level != HIDDEN and not self.seen_title else HIDDEN
            self.seen_title = True
        stack.append((tag, level))
        self.open[tag] += 1
        self.level = level

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "br":  # browsers read a stray </br> as <br>
            self.handle_starttag(tag, [])
            return
        self._close(tag)
        if self.level != HIDDEN and tag in _BLOCK:
            self._break(self._pos())

    def handle_data(self, data: str) -> None:
        if self.level != VISIBLE:
            return
        if data.isspace():  # the common case: indentation between tags
            self._space(self._pos())
        else:
            self._text(data, self._pos())

    def handle_entityref(self, name: str) -> None:
        self._ref("&" + name)

    def handle_charref(self, name: str) -> None:
        self._ref("&#" + name)

    def _ref(self, raw: str) -> None:
        if self.level != VISIBLE:
            return
        src = self._pos()
        if self.source.startswith(";", src + len(raw)):
            raw += ";"
        text = html.unescape(raw)  # also handles "&amp" without ";", &#150; -> en dash, etc.
        if text == raw:  # not a known reference: plain text
            self._text(raw, src)
        elif text.isspace():  # &nbsp; &#10; ...
            self._space(src)
        else:
            for ch in text:  # each decoded character maps to the reference's start
                self._emit(ch, src)


def html_to_view(source: str) -> tuple[str, list[tuple[int, int]]]:
    """Return (view, anchors): the visible prose of an HTML page and a map back to the source.

    view: the page's visible text, the <title> first, one line per block element
    (p, div, li, h1..., br), whitespace collapsed, entities decoded; text in script,
    style, nav, head, forms, comments and hidden elements is left out.
    anchors: sorted (view_offset, source_offset) pairs; see to_source().
    """
    builder = _ViewBuilder(source)
    try:
        builder.run()
    except Exception:  # never raise: return what we have
        pass
    return "".join(builder.parts), builder.anchors


def to_source(anchors: list[tuple[int, int]], view_offset: int) -> int:
    """Source offset of view_offset: the last anchor at or before it, plus the distance from it.

    Exact for characters copied from the source; a decoded entity maps to its "&",
    an inserted space or newline to the whitespace or tag it stands for.
    """
    i = bisect.bisect_right(anchors, (view_offset, sys.maxsize)) - 1
    if i < 0:
        return 0
    view_at, source_at = anchors[i]
    return source_at + (view_offset - view_at)
