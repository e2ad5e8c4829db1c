"""GitHub Actions workflow commands: one annotation line per finding."""
from __future__ import annotations

from typing import Iterator

from . import Report, joined

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape(value: str, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def _lines(report: Report) -> Iterator[str]:
    for f in report.findings:
        title = _escape(f"{f.rule} {f.name}", prop=True)
        yield (
            f"::{_LEVEL[f.severity]} file={_escape(f.path, True)},line={f.line},col={f.column},"
            f"endLine={f.end_line},title={title}::{_escape(f.message)}"
        )
    for error in report.errors + [error for _, error in report.file_errors()]:
        yield f"::error::{_escape(error)}"


def stream(report: Report) -> Iterator[str]:
    return joined(_lines(report), "\n")


def render(report: Report) -> str:
    return "".join(stream(report))
