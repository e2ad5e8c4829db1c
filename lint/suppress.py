"""Inline suppression directives, parsed in one place.

    <!-- newslint: disable NL401, NL5 -->   ... <!-- newslint: enable NL401 -->
    <!-- newslint: disable-next-line NL401 -->
    text of the line  newslint: ignore NL401      (end of a plain-text line)
    <!-- newslint: disable-file -->  or  newslint: skip-file   (whole file)

A directive without codes covers every rule. A code may be a full code, a code
prefix (NL4), a rule name, a pack or a category: the same selectors as --select.
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
ALL = "*"


class Suppressions:
    def __init__(self) -> None:
        self.skip_file = False
        # 1-based source line -> selectors suppressed on it
        self.by_line: dict[int, set[str]] = {}
        # (selector, first line, last line or None for to the end)
        self.ranges: list[tuple[str, int, int | None]] = []

    def suppresses(self, rule, line: int) -> bool:
        """True when a directive covers the rule on a finding's first (1-based) line."""
        def covers(selector: str) -> bool:
            return selector == ALL or selects(selector, rule)

        if any(covers(s) for s in self.by_line.get(line, ())):
            return True
        return any(covers(sel) and lo <= line and (hi is None or line <= hi) for sel, lo, hi in self.ranges)


def _codes(text: str) -> list[str]:
    codes = [c for c in re.split(r"[\s,]+", text.strip()) if c]
    return codes or [ALL]


def parse(source: str) -> Suppressions:
    result = Suppressions()
    if "newslint:" not in source:
        return result
    line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
    open_ranges: dict[str, int] = {}
    for match in _DIRECTIVE.finditer(source):
        line = _line_of(line_starts, match.start())
        action, codes = match.group(1), _codes(match.group(2))
        if action in ("disable-file", "skip-file"):
            result.skip_file = True
        elif action == "ignore":
            result.by_line.setdefault(line, set()).update(codes)
        elif action == "disable-next-line":
            result.by_line.setdefault(line + 1, set()).update(codes)
        elif action == "disable":
            for code in codes:
                open_ranges.setdefault(code, line)
        else:  # enable
            for code in codes:
                closing = list(open_ranges) if code == ALL else [code]
                for c in closing:
                    if c in open_ranges:
                        result.ranges.append((c, open_ranges.pop(c), line))
    result.ranges.extend((code, start, None) for code, start in open_ranges.items())
    return result


def _line_of(line_starts: list[int], offset: int) -> int:
    import bisect

    return bisect.bisect_right(line_starts, offset)
