"""Reporters: pure functions from a run's results to output text. Only the CLI writes.

Each format's `stream(report)` yields the output in pieces, in the order it is
written, so an archive's report is never held whole: the results come from the
run's spool (lint/spool.py) one file at a time, the findings in sorted order,
and what a summary counts is counted on the way. `render(report)` is the same
text as one string.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from ..finding import Finding, severity_rank
from ..runner import FileResult
from .printable import legible

JSON_VERSION = "1"


class Report:
    def __init__(self, files, errors: list[str] | None = None, statistics: bool = False,
                 quiet: bool = False, stories: list[list[str]] | None = None, rules: list | None = None,
                 baseline_stale: int | None = None, width: int | None = None):
        # `files`: a list of FileResult, or the run's Spool (lint/spool.py), read as needed.
        self._source = files
        self.errors = [legible(e) for e in errors or []]     # paths that could not be linted at all
        self.statistics = statistics
        self.quiet = quiet
        self.stories = [[legible(p) for p in story] for story in stories or []]   # files read as one story
        self.rules = rules or []       # the rules that ran (SARIF describes each)
        self.baseline_stale = baseline_stale   # baseline entries that matched nothing (None: no baseline)
        self.width = width             # the terminal's columns, when the text goes to one
        self.max_rank = -1             # the most severe finding read so far (the CLI's exit status)

    @property
    def files(self) -> Iterator[FileResult]:
        """Every file's result, in the order given; every text made printable once, here, for
        every format (report/printable.py)."""
        results = self._source if isinstance(self._source, list) else self._source.results()
        for r in results:
            for f in r.findings:
                self.max_rank = max(self.max_rank, severity_rank(f.severity))
            yield _legible_result(r)

    @property
    def findings(self) -> Iterator[Finding]:
        """Every finding, in the total order of Finding.sort_key."""
        if isinstance(self._source, list):
            groups: Iterable[list[FileResult]] = [[_legible_result(r) for r in self._source]]
        else:   # findings sort by path first: each path's in turn, by the path as shown
            groups = ([_legible_result(r) for r in same] for same in self._source.by_path(legible))
        for group in groups:
            for f in sorted((f for r in group for f in r.findings), key=Finding.sort_key):
                self.max_rank = max(self.max_rank, severity_rank(f.severity))
                yield f

    def findings_by_file(self) -> Iterator[tuple[str, list[Finding]]]:
        """(path, its sorted findings) for each path, in the order the files were given."""
        if isinstance(self._source, list):
            by_path: dict[str, list[Finding]] = {r.path: [] for r in self.files}
            for f in self.findings:
                by_path.setdefault(f.path, []).append(f)
            yield from by_path.items()
            return
        for same in self._source.by_first_arrival(legible):
            group = [_legible_result(r) for r in same]
            found = sorted((f for r in group for f in r.findings), key=Finding.sort_key)
            for f in found:
                self.max_rank = max(self.max_rank, severity_rank(f.severity))
            yield group[0].path, found

    def file_errors(self) -> list[tuple[str, str]]:
        """(path, error) of every result that failed, in the order given."""
        if isinstance(self._source, list):
            return [(r.path, r.error) for r in self.files if r.error]
        return [(legible(path), legible(error)) for path, error in self._source.errors]


def _legible_finding(f: Finding) -> Finding:
    texts = (f.path, f.message, f.excerpt, *(text for r in f.related for text in (r.path, r.note)))
    if all(legible(text) is text for text in texts):
        return f
    return f._replace(path=legible(f.path), message=legible(f.message), excerpt=legible(f.excerpt),
                      related=tuple(r._replace(path=legible(r.path), note=legible(r.note)) for r in f.related))


def _legible_result(r: FileResult) -> FileResult:
    findings = [_legible_finding(f) for f in r.findings]
    texts = (r.path, r.error or "", *r.notes)
    if all(a is b for a, b in zip(findings, r.findings)) and all(legible(text) is text for text in texts):
        return r
    return FileResult(legible(r.path), findings, [legible(n) for n in r.notes],
                      r.error and legible(r.error), r.data, r.features, r.internal)


def joined(pieces: Iterable[str], separator: str) -> Iterator[str]:
    """The pieces with `separator` between them, as str.join would give them, one at a time."""
    first = True
    for piece in pieces:
        yield piece if first else separator + piece
        first = False


# format -> (module, function); a run imports only the one it writes (xml.sax.saxutils
# alone pulls in urllib.request, tempfile and hashlib: ~10 ms of a pre-commit run).
REPORTERS = {
    "text": ("text", "stream"), "json": ("json_format", "stream"), "github": ("github", "stream"),
    "sarif": ("sarif", "stream"), "junit": ("ci_formats", "junit"), "gitlab": ("ci_formats", "gitlab"),
    "json-lines": ("ci_formats", "json_lines"), "html": ("html_report", "stream"),
}


def reporter(fmt: str):
    """The format's stream function: report -> the output's pieces."""
    import importlib

    module, function = REPORTERS[fmt]
    return getattr(importlib.import_module(f"{__name__}.{module}"), function)


def render(fmt: str, report: Report) -> str:
    return "".join(reporter(fmt)(report))
