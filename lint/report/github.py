"""GitHub Actions workflow commands: one annotation line per finding."""
from __future__ import annotations

from . import Report

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape(value: str, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def render(report: Report) -> str:
    lines = []
    for f in report.findings:
        title = _escape(f"{f.rule} {f.name}", prop=True)
        lines.append(
            f"::{_LEVEL[f.severity]} file={_escape(f.path, True)},line={f.line},col={f.column},"
            f"endLine={f.end_line},title={title}::{_escape(f.message)}"
        )
    for error in report.errors + [r.error for r in report.files if r.error]:
        lines.append(f"::error::{_escape(error)}")
    return "\n".join(lines)
