"""comment-thread: readers' comments kept under the article, reported once over the thread.

An archive extractor or a copy-paste keeps the comment section with the story:
a heading ("12 thoughts on ...", "3 Comments"), each comment's furniture (a
name and "2 weeks ago", "Liked by 21 people", "Reply", "Jane says:"), and
paragraphs in a reader's voice ("Great article!", "Thanks for sharing this").
None of it is the publisher's reporting. The thread starts at its heading or at
its first comment's furniture and ends at the last line before the next block
another rule marks (a footer, "Comments are closed") or the end of the text.

One sign is not enough: a heading needs a comment under it (furniture or a
reader's line), and furniture or reader's lines need a second of their kind,
so a single "Reply" button or a quoted "Thanks for having me" stays quiet. Only
a heading that says it all ("12 Responses to “Council votes to close depot”",
`thread_heading`) opens a thread over the lines under it with no sign among them.
"""
from __future__ import annotations

from ..document import Document
from ..finding import Hit
from . import Context, Kind, OptionError
from .lines import matching_lines
from .phrase import _matcher


class CommentThread(Kind):
    name = "comment-thread"
    OPTIONS = {
        "heading": [],          # patterns for a comment section's heading line ("12 thoughts on ...")
        "thread_heading": [],   # patterns for a heading that opens a thread with no sign under it
        "furniture": [],        # patterns for a comment's own lines: author and age, likes
        "reader_voice": [],     # patterns for a line written to the article or its author
        "min_signs": 2,         # signs (furniture or reader lines) a thread needs without a heading
        "gap": 6,               # lines of comment text allowed between two signs
        "min_lines_before": 3,  # the article's own lines before a thread can start
        "max_line_words": 14,   # heading and furniture lines are short
    }

    def __init__(self, options: dict):
        super().__init__(options)
        self.heading = _matcher([], self.options["heading"], False, key="heading")
        self.thread_heading = _matcher([], self.options["thread_heading"], False, key="thread_heading")
        self.furniture = _matcher([], self.options["furniture"], False, key="furniture")
        self.voice = _matcher([], self.options["reader_voice"], False, key="reader_voice")
        if not (self.heading or self.furniture):
            raise OptionError("heading", "give 'heading' or 'furniture' patterns")
        if self.options["min_signs"] < 1:
            raise OptionError("min_signs", "must be 1 or more")

    def _short(self, doc: Document, lines: set[int]) -> set[int]:
        limit = self.options["max_line_words"]
        return {i for i in lines if doc.line_words[i] <= limit}

    def markers(self, doc: Document) -> set[int]:
        return self._short(doc, matching_lines(doc, self.heading)) if self.heading else set()

    def find(self, doc: Document, ctx: Context):
        lines = doc.nonblank
        skip = self.options["min_lines_before"]
        if len(lines) <= skip:
            return
        position = {line: pos for pos, line in enumerate(lines)}
        headings = {position[i] for i in self.markers(doc) if position.get(i, 0) >= skip}
        furniture = self._short(doc, matching_lines(doc, self.furniture)) if self.furniture else set()
        voice = {i for i in matching_lines(doc, self.voice) if not _quoted(doc, i)} if self.voice else set()
        signs = sorted(position[i] for i in furniture | voice if position.get(i, 0) >= skip)
        gap = self.options["gap"]
        threads = []
        for first, last, count in _clusters(signs, gap):
            heading = max((h for h in headings if first - gap <= h < first), default=None)
            if heading is None and count < self.options["min_signs"]:
                continue
            start = heading if heading is not None else first
            end = min(last + gap, len(lines) - 1)
            # The thread's text stops where another block rule sees something begin.
            for pos in range(last + 1, end + 1):
                if lines[pos] in ctx.boundaries:
                    end = pos - 1
                    break
            threads.append((start, end))
        threads += self._headed_only(doc, lines, position, skip, ctx)
        if threads:
            # A comment section is one block, however its signs cluster.
            threads.sort()
            end = max(last for _, last in threads)
            yield Hit(doc.lines[lines[threads[0][0]]][0], doc.lines[lines[end]][1])

    def _headed_only(self, doc: Document, lines: list[int], position: dict, skip: int, ctx: Context):
        """Threads under a heading that needs no sign ("12 thoughts on “Title”"): the lines under
        it up to the next block another rule marks, at most `gap` of them, one at least."""
        if not self.thread_heading:
            return []
        found = []
        for i in sorted(self._short(doc, matching_lines(doc, self.thread_heading))):
            pos = position.get(i, 0)
            if pos < skip:
                continue
            end = pos
            while end + 1 < len(lines) and end - pos < self.options["gap"] and lines[end + 1] not in ctx.boundaries:
                end += 1
            if end > pos:
                found.append((pos, end))
        return found


def _clusters(positions: list[int], gap: int):
    """(first, last, count) of runs of positions no more than `gap` lines apart."""
    run: list[int] = []
    for pos in positions + [None]:
        if pos is not None and (not run or pos - run[-1] <= gap + 1):
            run.append(pos)
            continue
        if run:
            yield run[0], run[-1], len(run)
        run = [pos] if pos is not None else []


def _quoted(doc: Document, index: int) -> bool:
    start, end = doc.lines[index]
    text = doc.text[start:end].strip()
    return text[:1] in "\"“'‘" or doc.in_quote(start + 1, end - 1)
