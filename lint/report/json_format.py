"""JSON for machines: a stable, documented contract (docs/json.md). Never any colour."""
from __future__ import annotations

import json

from .. import __version__
from . import JSON_VERSION, Report


def render(report: Report) -> str:
    findings = report.findings
    data = {
        "version": JSON_VERSION,
        "tool": {"name": "newslint", "version": __version__},
        "findings": [f.to_json() for f in findings],
        "files": [
            {
                "path": r.path,
                "findings": len(r.findings),
                "notes": r.notes,
                "error": r.error,
                **r.data,
            }
            for r in report.files
        ],
        "errors": report.errors + [r.error for r in report.files if r.error],
        "stories": report.stories,
        "summary": summary(report),
    }
    # One line: the C encoder writes it ~10x faster than the indented form (1 s
    # on 2,225 files). Pipe through `jq .` to read it.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def summary(report: Report) -> dict:
    by_category: dict[str, int] = {}
    by_severity: dict[str, int] = {}
    for f in report.findings:
        by_category[f.category] = by_category.get(f.category, 0) + 1
        by_severity[f.severity] = by_severity.get(f.severity, 0) + 1
    return {
        "files": len(report.files),
        "findings": sum(by_severity.values()),
        "by_category": dict(sorted(by_category.items())),
        "by_severity": dict(sorted(by_severity.items())),
    }
