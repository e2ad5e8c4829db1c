"""Reporters: pure functions from a run's results to output lines. Only the CLI writes."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..finding import Finding
from ..runner import FileResult

JSON_VERSION = "1"


@dataclass
class Report:
    files: list[FileResult]
    errors: list[str] = field(default_factory=list)  # paths that could not be linted at all
    statistics: bool = False
    quiet: bool = False
    stories: list[list[str]] = field(default_factory=list)  # files read as one story

    @property
    def findings(self) -> list[Finding]:
        return sorted((f for r in self.files for f in r.findings), key=Finding.sort_key)


def reporters() -> dict:
    from . import github, json_format, text

    return {"text": text.render, "json": json_format.render, "github": github.render}
