"""Reporters: pure functions from a run's results to output lines. Only the CLI writes."""
from __future__ import annotations


from ..finding import Finding
from ..runner import FileResult

JSON_VERSION = "1"


class Report:
    def __init__(self, files: list[FileResult], errors: list[str] | None = None, statistics: bool = False,
                 quiet: bool = False, stories: list[list[str]] | None = None, rules: list | None = None,
                 baseline_stale: int | None = None):
        self.files = files
        self.errors = errors or []     # paths that could not be linted at all
        self.statistics = statistics
        self.quiet = quiet
        self.stories = stories or []   # files read as one story
        self.rules = rules or []       # the rules that ran (SARIF describes each)
        self.baseline_stale = baseline_stale   # baseline entries that matched nothing (None: no baseline)

    @property
    def findings(self) -> list[Finding]:
        return sorted((f for r in self.files for f in r.findings), key=Finding.sort_key)


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
