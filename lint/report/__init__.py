"""Reporters: pure functions from a run's results to output lines. Only the CLI writes."""
from __future__ import annotations


from ..finding import Finding
from ..runner import FileResult
from .printable import legible

JSON_VERSION = "1"


class Report:
    def __init__(self, files: list[FileResult], errors: list[str] | None = None, statistics: bool = False,
                 quiet: bool = False, stories: list[list[str]] | None = None, rules: list | None = None,
                 baseline_stale: int | None = None, width: int | None = None):
        # Every text made printable once, here, for every format (report/printable.py).
        self.files = [_legible_result(r) for r in files]
        self.errors = [legible(e) for e in errors or []]     # paths that could not be linted at all
        self.statistics = statistics
        self.quiet = quiet
        self.stories = [[legible(p) for p in story] for story in stories or []]   # files read as one story
        self.rules = rules or []       # the rules that ran (SARIF describes each)
        self.baseline_stale = baseline_stale   # baseline entries that matched nothing (None: no baseline)
        self.width = width             # the terminal's columns, when the text goes to one

    @property
    def findings(self) -> list[Finding]:
        return sorted((f for r in self.files for f in r.findings), key=Finding.sort_key)


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


# format -> (module, function); a run imports only the one it writes (xml.sax.saxutils
# alone pulls in urllib.request, tempfile and hashlib: ~10 ms of a pre-commit run).
REPORTERS = {
    "text": ("text", "render"), "json": ("json_format", "render"), "github": ("github", "render"),
    "sarif": ("sarif", "render"), "junit": ("ci_formats", "junit"), "gitlab": ("ci_formats", "gitlab"),
    "json-lines": ("ci_formats", "json_lines"), "html": ("html_report", "render"),
}


def reporter(fmt: str):
    import importlib

    module, function = REPORTERS[fmt]
    return getattr(importlib.import_module(f"{__name__}.{module}"), function)
