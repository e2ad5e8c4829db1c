"""Fixes: the mechanical edits a rule's pack declares, applied without losing anything.

A rule may carry `fix: remove` (drop the flagged lines: page chrome, a TRENDING
widget, a "Read more:" line) or `fix: {replace: TEXT}` (put TEXT in place of
the flagged span), with `safe: false` when an editor should read the edit
before taking it (offered only with --unsafe-fixes). Edits are computed on the
file's own text, so its encoding, BOM, line endings and Markdown front matter
survive; in HTML a removal takes whole elements, never a fragment of one. A
file is written whole (temporary file, then rename, with its permissions), and
only if it did not change on disk since it was read.
"""
from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from typing import NamedTuple

from .errors import UserError

# A fix that would remove more than this share of a file's prose is not applied
# without --unsafe-fixes: something has gone wrong, or the rule misread the page.
MAX_REMOVED_SHARE = 0.5
# A whole-line removal is made only when the lines hold at most this many words
# besides the flagged span: "Read more: <a headline>", not a paragraph with a phrase in it.
MAX_WORDS_BESIDE = 20
_NEWLINE = re.compile(r"\r\n|\r|\n")
_TAG = re.compile(r"<[^>]*>|&nbsp;|&#160;")


class Fix(NamedTuple):
    action: str          # "remove" or "replace"
    text: str = ""       # the replacement, for "replace"
    safe: bool = True


class Edit(NamedTuple):
    start: int           # offsets into the file's text as decoded, newlines as written
    end: int
    text: str
    rule: str


def parse_fix(value, fail) -> Fix | None:
    """The `fix:` key of a rule, or a pack error naming it."""
    if value is None:
        return None
    if value == "remove":
        return Fix("remove")
    if isinstance(value, dict) and set(value) <= {"remove", "replace", "safe"} and len(set(value) - {"safe"}) == 1:
        safe = value.get("safe", True)
        if not isinstance(safe, bool):
            raise fail("fix", "'safe' must be true or false")
        if "replace" in value:
            if not isinstance(value["replace"], str):
                raise fail("fix", "'replace' must be text")
            return Fix("replace", value["replace"], safe)
        if value["remove"] is True:
            return Fix("remove", "", safe)
    raise fail("fix", "must be 'remove', {remove: true, safe: BOOL} or {replace: TEXT, safe: BOOL}")


class Source(NamedTuple):
    """A file's text as written: decoded, with its BOM and encoding remembered for writing back."""

    text: str
    encoding: str
    bom: bytes

    @classmethod
    def of(cls, data: bytes) -> "Source":
        """Decoded as the reader decodes it (lint/reader.py), so positions agree; UnicodeDecodeError
        for bytes that break the encoding their byte order mark names."""
        from .reader import decode_as_written

        text, bom, encoding, _ = decode_as_written(data)
        return cls(text, encoding, bom)

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding, "surrogatepass" if self.encoding.startswith("utf") else "strict")

    def line_starts(self) -> list[int]:
        """Offsets of each line's start, lines split as the reader splits them (CRLF, CR, LF)."""
        return [0, *(m.end() for m in _NEWLINE.finditer(self.text))]


def edits_for(source: Source, findings, fixes: dict[str, Fix], is_html: bool, unsafe: bool) -> list[Edit]:
    """The edits for `findings` whose rules have a fix (a safe one, unless `unsafe`), not overlapping."""
    starts = source.line_starts()
    elements = _elements(source.text) if is_html else None
    edits = []
    for f in findings:
        fix = fixes.get(f.rule)
        if fix is None or not (fix.safe or unsafe):
            continue
        start = _offset(starts, source.text, f.line, f.column)
        end = _offset(starts, source.text, f.end_line, f.end_column)
        if fix.action == "replace":
            edits.append(Edit(start, end, fix.text, f.rule))
        elif is_html:
            span = _whole_element(source.text, elements, start, end)
            if span:
                edits.append(Edit(*span, "", f.rule))
        else:
            first = starts[f.line - 1]
            last = starts[f.end_line] if f.end_line < len(starts) else len(source.text)
            # A flag on a phrase inside a paragraph typed on one line must not take the paragraph.
            if _words(source.text[first:start]) + _words(source.text[end:last]) <= MAX_WORDS_BESIDE:
                edits.append(Edit(first, _past_blank_lines(source.text, starts, f.line, f.end_line), "", f.rule))
    edits.sort()
    kept: list[Edit] = []
    for edit in edits:   # overlapping edits: the first wins; the others are made by the next --fix, if still due
        if not kept or edit.start >= kept[-1].end:
            kept.append(edit)
    return kept


def _past_blank_lines(text: str, starts: list[int], first_line: int, end_line: int) -> int:
    """Where a removal of lines `first_line`..`end_line` (1-based) ends: past the blank
    lines after it too when the line before it is blank (or it starts the file), so the
    paragraphs either side stay one blank line apart instead of three."""
    def blank(n: int) -> bool:   # 0-based line n
        end = starts[n + 1] if n + 1 < len(starts) else len(text)
        return not text[starts[n]:end].strip()

    after = end_line   # 0-based index of the first line after the removed ones
    if first_line == 1 or blank(first_line - 2):
        while after < len(starts) - 1 and blank(after):
            after += 1
    return starts[after] if after < len(starts) else len(text)


def _words(text: str) -> int:
    return len(text.split())


def _offset(starts: list[int], text: str, line: int, column: int) -> int:
    line = max(1, min(line, len(starts)))
    return min(starts[line - 1] + column - 1, len(text))


def apply(text: str, edits: list[Edit]) -> str:
    out, at = [], 0
    for edit in edits:
        out.append(text[at:edit.start])
        out.append(edit.text)
        at = edit.end
    out.append(text[at:])
    return "".join(out)


def removed_share(before: str, after: str) -> float:
    """The share of a file's visible characters (markup aside) that are gone after fixing."""
    def visible(piece: str) -> int:
        return sum(1 for c in _TAG.sub(" ", piece) if not c.isspace())

    total = visible(before)
    return max(0.0, 1 - visible(after) / total) if total else 0.0


# -- HTML: whole elements ---------------------------------------------------------

class _Elements(HTMLParser):
    """Every element's (start, end) offsets in the source, from its start tag to its end tag."""

    VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())

    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self.stack: list[tuple[str, int]] = []
        self.spans: list[tuple[int, int]] = []

    def _here(self) -> int:
        line, column = self.getpos()
        return self.starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append((tag, self._here()))

    def handle_endtag(self, tag):
        # Called at the end tag's start (HTMLParser moves its position after the handler).
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                here = self._here()
                self.spans.append((self.stack[depth][1], self.rawdata.find(">", here) + 1 or len(self.rawdata)))
                del self.stack[depth:]
                return


def _elements(text: str) -> list[tuple[int, int]]:
    # HTMLParser counts lines on \n only; CR-only files are rare in HTML and then get no element fixes.
    parser = _Elements(text)
    parser.feed(text)
    parser.close()
    return parser.spans


def _whole_element(text: str, elements: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The element to remove for a flag on [start, end): the innermost one around it with at
    most MAX_WORDS_BESIDE words of its own besides the flagged text, grown to its parents
    while they add no text (the <aside> around a list, not just the list), then to whole
    lines when it stands on lines of its own."""
    def beside(a: int, b: int) -> int:
        return _words(_TAG.sub(" ", text[a:start])) + _words(_TAG.sub(" ", text[end:b]))

    around = sorted((s for s in elements if s[0] <= start and end <= s[1]), key=lambda s: s[1] - s[0])
    best = next((s for s in around if beside(*s) <= MAX_WORDS_BESIDE), None)
    if best is None:
        return None
    words = beside(*best)
    for bigger in around[around.index(best) + 1:]:
        if beside(*bigger) != words:
            break
        best = bigger
    a, b = best
    line_start = text.rfind("\n", 0, a) + 1
    line_end = text.find("\n", b)
    line_end = len(text) if line_end < 0 else line_end + 1
    if not text[line_start:a].strip() and not text[b:line_end].strip():
        return line_start, line_end
    return a, b


# -- writing --------------------------------------------------------------------

class FixError(UserError):
    """A file that could not be fixed; one line naming it."""


def write_back(path: str, original: bytes, new: bytes) -> None:
    """Replace `path` with `new` unless it no longer holds `original`; permissions kept."""
    from .atomic import atomic_write

    try:
        with open(path, "rb") as handle:
            now = handle.read()
        mode = os.stat(path).st_mode & 0o7777
    except OSError as err:
        raise FixError(f"{path}: cannot fix: {err.strerror or err}") from None
    if now != original:
        raise FixError(f"{path}: changed on disk during the run; not fixed (run again)")

    def fill(handle) -> None:
        handle.write(new)
        os.fchmod(handle.fileno(), mode)

    try:
        atomic_write(path, fill, binary=True, mode=mode)
    except OSError as err:
        raise FixError(f"{path}: cannot fix: {err.strerror or err}") from None


# -- a run ----------------------------------------------------------------------

class Fixed(NamedTuple):
    path: str
    count: int          # findings fixed
    diff: str


def fix_file(linter, path: str, unsafe: bool, write: bool) -> Fixed | None:
    """Fix one file (until no fix is due, at most a few rounds); None when nothing is due.

    Raises FixError (one line, naming the file) when it cannot or should not be fixed."""
    import difflib

    from . import reader

    try:
        data = reader.read_bytes(path)
    except reader.InputError as err:
        raise FixError(str(err)) from None
    fixes = {rule.code: rule.fix for rule in linter.rules_for(path) if rule.fix is not None}
    if not fixes:
        return None
    try:
        source = Source.of(data)
    except UnicodeDecodeError:
        return None   # unreadable: its lint result says so, and there is nothing to fix
    text, count = source.text, 0
    is_html = os.path.splitext(path)[1].lower() in reader.HTML
    for _ in range(3):   # a removal can bring two flagged stretches together: fix again on the result
        result = linter.lint_bytes(path, source.encode(text))
        if result.error:
            raise FixError(result.error)
        edits = edits_for(source._replace(text=text), result.findings, fixes, is_html, unsafe)
        if not edits:
            break
        text, count = apply(text, edits), count + len(edits)
    if count == 0:
        return None
    share = removed_share(source.text, text)
    if share > MAX_REMOVED_SHARE and not unsafe:
        raise FixError(f"{path}: its fixes would remove {share:.0%} of its text (over {MAX_REMOVED_SHARE:.0%}); "
                       "not fixed without --unsafe-fixes")
    new = source.encode(text)
    diff = "".join(difflib.unified_diff(source.text.splitlines(keepends=True), text.splitlines(keepends=True),
                                        f"a/{path.lstrip('/')}", f"b/{path.lstrip('/')}"))
    if write:
        write_back(path, data, new)
    return Fixed(path, count, diff)
