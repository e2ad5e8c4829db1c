"""Inline suppression directives, parsed in one place.

    <!-- newslint: disable NL401, NL5 -->   ... <!-- newslint: enable NL401 -->
    <!-- newslint: disable-next-line NL401 -->
    text of the line  newslint: ignore NL401      (end of a plain-text line)
    <!-- newslint: disable-file -->  or  newslint: skip-file   (whole file)

A directive without codes covers every rule. A code may be a full code, a code
prefix (NL4), a rule name, a pack or a category: the same selectors as --select.

Each directive remembers where it was written and which of its selectors
suppressed something, so a misspelled or stale one can be reported (NL001,
NL002) instead of silently doing nothing.
"""
from __future__ import annotations

import re

from . import compiled_regex
from .selection import selects

_DIRECTIVE = compiled_regex.compile(
    r"(?:<!--\s*)?newslint:\s*(disable-next-line|disable-file|skip-file|disable|enable|ignore)\b"
    r"([^\n>]*?)(?:\s*-->|$)",
    re.MULTILINE,
)
# Anything that looks like a directive, to catch the misspelled ones ("disabel").
_ANY_DIRECTIVE = compiled_regex.compile(r"(?:<!--\s*|(?<![\w/.-]))newslint:\s*([A-Za-z][\w-]*)")
ACTIONS = ("disable-next-line", "disable-file", "skip-file", "disable", "enable", "ignore")
ALL = "*"


class Directive:
    """One directive as written: where (source offsets), what, and which selectors it names."""

    def __init__(self, start: int, end: int, action: str, selectors: list[str]):
        self.start, self.end = start, end
        self.action = action
        self.selectors = selectors
        self.used: set[str] = set()   # the selectors that suppressed a finding


class Suppressions:
    def __init__(self) -> None:
        self.skip_file = False
        # 1-based source line -> (directive, selector) pairs suppressed on it
        self.by_line: dict[int, list[tuple[Directive, str]]] = {}
        # (directive, selector, first line, last line or None for to the end)
        self.ranges: list[tuple[Directive, str, int, int | None]] = []
        self.directives: list[Directive] = []
        # (start, end, word): "newslint: <word>" where <word> is no known action
        self.misspelled: list[tuple[int, int, str]] = []

    def suppresses(self, rule, line: int) -> bool:
        """True when a directive covers the rule on a finding's first (1-based) line."""
        def covers(selector: str) -> bool:
            return selector == ALL or selects(selector, rule)

        for directive, selector in self.by_line.get(line, ()):
            if covers(selector):
                directive.used.add(selector)
                return True
        for directive, selector, lo, hi in self.ranges:
            if covers(selector) and lo <= line and (hi is None or line <= hi):
                directive.used.add(selector)
                return True
        return False


def _codes(text: str) -> list[str]:
    codes = [c for c in re.split(r"[\s,]+", text.strip()) if c]
    return codes or [ALL]


def parse(source: str) -> Suppressions:
    result = Suppressions()
    if "newslint:" not in source:
        return result
    line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
    open_ranges: dict[str, tuple[Directive, int]] = {}
    for match in _DIRECTIVE.finditer(source):
        line = _line_of(line_starts, match.start())
        action, codes = match.group(1), _codes(match.group(2))
        directive = Directive(match.start(), match.end(), action, codes)
        result.directives.append(directive)
        if action in ("disable-file", "skip-file"):
            result.skip_file = True
        elif action == "ignore":
            result.by_line.setdefault(line, []).extend((directive, c) for c in codes)
        elif action == "disable-next-line":
            result.by_line.setdefault(line + 1, []).extend((directive, c) for c in codes)
        elif action == "disable":
            for code in codes:
                open_ranges.setdefault(code, (directive, line))
        else:  # enable
            for code in codes:
                closing = list(open_ranges) if code == ALL else [code]
                for c in closing:
                    if c in open_ranges:
                        opened, start = open_ranges.pop(c)
                        result.ranges.append((opened, c, start, line))
    result.ranges.extend((opened, code, start, None) for code, (opened, start) in open_ranges.items())
    for match in _ANY_DIRECTIVE.finditer(source):
        if match.group(1) not in ACTIONS:
            result.misspelled.append((match.start(), match.end(), match.group(1)))
    return result


def _line_of(line_starts: list[int], offset: int) -> int:
    import bisect

    return bisect.bisect_right(line_starts, offset)
