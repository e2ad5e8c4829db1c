"""Document: an article's source, the prose view rules read, and offset -> line:col.

Rules only ever see `text`, the prose view: for plain text it is the source; for
Markdown it is the source with markup blanked (same offsets); for HTML it is the
visible text, with `anchors` mapping view offsets back to the source. Turning an
offset into a 1-based line and column happens here and nowhere else.
"""
from __future__ import annotations

import bisect
from functools import cached_property

from . import segment
from .matcher import lower_same_length

# Characters of a front-matter value a rule or the cross-article features read (a
# title, a source's name); real ones are a line.
META_TEXT_LIMIT = 300


class Document:
    def __init__(self, path: str, source: str, text: str, meta: dict | None = None,
                 anchors: tuple[tuple[int, int], ...] = (), headings: frozenset[int] = frozenset(),
                 notes: tuple[str, ...] = ()):
        self.path = path
        self.source = source
        self.text = text
        self.meta = meta if meta is not None else {}
        # (view_offset, source_offset) pairs, sorted; empty when view == source offsets.
        self.anchors = anchors
        # 0-based view line numbers that are headings (Markdown #, HTML h1-h6).
        self.headings = headings
        self.notes = notes

    # -- segments, computed once and only when a rule asks -------------------
    @cached_property
    def lines(self) -> list[segment.Span]:
        return segment.line_spans(self.text)

    @cached_property
    def line_starts(self) -> list[int]:
        return [start for start, _ in self.lines]

    @cached_property
    def paragraphs(self) -> list[segment.Span]:
        return segment.paragraph_spans(self.text, self.lines)

    @cached_property
    def sentences(self) -> list[segment.Span]:
        return segment.sentence_spans(self.text, self.paragraphs)

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [start for start, _ in self.sentences]

    @cached_property
    def quotes(self) -> list[segment.Span]:
        return segment.quote_spans(self.text, self.paragraphs)

    @cached_property
    def nonblank(self) -> list[int]:
        """Indexes of lines with any text on them."""
        return [i for i, (s, e) in enumerate(self.lines) if self.text[s:e].strip()]

    @cached_property
    def line_words(self) -> list[int]:
        return [segment.word_count(self.text[s:e]) for s, e in self.lines]

    @cached_property
    def lowered(self) -> str:
        return lower_same_length(self.text)

    def meta_text(self, *keys: str) -> str:
        """The first of these front-matter keys that holds a plain value (text, number,
        date), as text cut to META_TEXT_LIMIT characters; "" when none does.

        Front matter is the author's YAML: a list or mapping there is no title or
        source, and str() of a big one would copy all of it into every feature."""
        for key in keys:
            value = self.meta.get(key)
            if value and not isinstance(value, (dict, list, tuple, set, bytes)):  # YAML's containers, !!binary
                return str(value)[:META_TEXT_LIMIT]
        return ""

    def line_text(self, index: int) -> str:
        start, end = self.lines[index]
        return self.text[start:end]

    def line_index(self, offset: int) -> int:
        """0-based view line holding `offset`."""
        return bisect.bisect_right(self.line_starts, offset) - 1

    def sentence_at(self, offset: int) -> segment.Span:
        i = bisect.bisect_right(self.sentence_starts, offset) - 1
        if i >= 0 and self.sentences[i][0] <= offset < max(self.sentences[i][1], self.sentences[i][0] + 1):
            return self.sentences[i]
        start, end = self.lines[self.line_index(offset)]
        return start, end

    def paragraph_at(self, offset: int) -> tuple[int, int] | None:
        """The first paragraph (start, end) with start <= offset <= end, or None."""
        i = bisect.bisect_right(self._paragraph_starts, offset) - 1
        if i >= 1 and self.paragraphs[i - 1][1] >= offset:   # paragraphs that touch: the first one
            return self.paragraphs[i - 1]
        if i >= 0 and self.paragraphs[i][1] >= offset:
            return self.paragraphs[i]
        return None

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [s for s, _ in self.paragraphs]

    def sentence_index(self, offset: int) -> int:
        return max(bisect.bisect_right(self.sentence_starts, offset) - 1, 0)

    def in_quote(self, start: int, end: int) -> bool:
        # The quotes are in order and never overlap: only the last one opening at or
        # before `start` can hold the span (a scan of all of them was quadratic on 1 MB).
        i = bisect.bisect_right(self._quote_starts, start) - 1
        return i >= 0 and end <= self.quotes[i][1]

    @cached_property
    def _quote_starts(self) -> list[int]:
        return [s for s, _ in self.quotes]

    # -- view -> source positions -------------------------------------------
    @cached_property
    def _source_line_starts(self) -> list[int]:
        return segment_line_starts(self.source)

    @cached_property
    def _anchor_views(self) -> list[int]:
        return [view for view, _ in self.anchors]

    def source_offset(self, view_offset: int) -> int:
        if not self.anchors:
            return view_offset
        i = bisect.bisect_right(self._anchor_views, view_offset) - 1
        if i < 0:
            return 0
        view, source = self.anchors[i]
        return source + (view_offset - view)

    def view_offset(self, source_offset: int) -> int:
        """The view offset at or just after a source offset (a directive in an HTML
        comment has no view text of its own; the text after it stands for it)."""
        if not self.anchors:
            return min(source_offset, len(self.text))
        sources = [source for _, source in self.anchors]
        i = bisect.bisect_right(sources, source_offset) - 1
        if i < 0:
            return 0
        view, source = self.anchors[i]
        limit = self.anchors[i + 1][0] if i + 1 < len(self.anchors) else len(self.text)
        return min(view + (source_offset - source), limit)

    def position(self, view_offset: int) -> tuple[int, int]:
        """1-based (line, column) in the source file."""
        offset = min(self.source_offset(view_offset), len(self.source))
        line = bisect.bisect_right(self._source_line_starts, offset) - 1
        return line + 1, offset - self._source_line_starts[line] + 1


def segment_line_starts(text: str) -> list[int]:
    return [start for start, _ in segment.line_spans(text)]
