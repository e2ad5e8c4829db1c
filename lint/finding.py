"""The records every layer passes around: a rule's hit and the finding a user sees.

Records are NamedTuples, here and across lint/: made in C-speed bulk on an
archive, immutable, and defined without importing dataclasses (with inspect,
~20 ms of a one-file run, a sixth of it).
"""
from __future__ import annotations

from typing import NamedTuple

# Ordered from least to most severe; the index is the rank.
SEVERITIES = ("info", "warning", "error")


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


class Related(NamedTuple):
    """Another place that bears on a finding (the other article in a conflict)."""

    path: str
    line: int
    note: str = ""


class Hit(NamedTuple):
    """What a rule reports: a span of the document's prose view, 0-based offsets.

    `values` fill the rule's message template beside the built-in fields
    ({match}, {lines}); `message` replaces the template outright.
    """

    start: int
    end: int
    message: str | None = None
    related: tuple[Related, ...] = ()
    values: tuple[tuple[str, object], ...] = ()


class Finding(NamedTuple):
    """One reported problem, complete when made; lines and columns are 1-based."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    name: str
    category: str
    severity: str
    message: str
    excerpt: str
    pack: str
    related: tuple[Related, ...] = ()
    mark: tuple[int, int] = (0, 0)   # where the flagged words lie in `excerpt` (start, end offsets)

    def sort_key(self) -> tuple:
        # Where it is first, then every other field: two findings that differ at all
        # have one order, whatever order they were made in (a set's is the hash seed's).
        return (self.path, self.line, self.column, self.rule, self.end_line, self.end_column, self.message,
                self.excerpt, self.severity, self.name, self.category, self.pack, self.related)

    def to_json(self) -> dict:
        data = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "name": self.name,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "excerpt": self.excerpt,
            "pack": self.pack,
            "related": [{"path": r.path, "line": r.line, "note": r.note} for r in self.related],
            "excerpt_mark": list(self.mark),
        }
        return data

    @classmethod
    def from_json(cls, data: dict) -> "Finding":
        related = tuple(Related(r["path"], r["line"], r.get("note", "")) for r in data.get("related", ()))
        fields = {k: data[k] for k in cls._fields if k not in ("related", "mark")}
        mark = data.get("excerpt_mark") or (0, 0)
        return cls(**fields, related=related, mark=tuple(mark))
