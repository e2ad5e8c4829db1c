"""Reporters: pure functions from a run's results to output lines. Only the CLI writes."""
from __future__ import annotations


from ..finding import Finding
from ..runner import FileResult

JSON_VERSION = "1"


class Report:
    def __init__(self, files: list[FileResult], errors: list[str] | None = None, statistics: bool = False,
                 quiet: bool = False, stories: list[list[str]] | None = None):
        self.files = files
        self.errors = errors or []     # paths that could not be linted at all
        self.statistics = statistics
        self.quiet = quiet
        self.stories = stories or []   # files read as one story

    @property
    def findings(self) -> list[Finding]:
        return sorted((f for r in self.files for f in r.findings), key=Finding.sort_key)


def reporters() -> dict:
    from . import github, json_format, text

    return {"text": text.render, "json": json_format.render, "github": github.render}
