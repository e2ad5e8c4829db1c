"""JSON for machines: a stable, documented contract (docs/json.md). Never any colour.

Written as it is made: the findings one by one, then each file's entry, with the
summary's counts kept on the way, so the document is the same bytes as one
json.dumps of the whole but never held whole.
"""
from __future__ import annotations

import json
from typing import Iterator

from .. import __version__
from . import JSON_VERSION, Report, joined

# One line: the C encoder writes it ~10x faster than the indented form (1 s on
# 2,225 files). Pipe through `jq .` to read it.
_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def stream(report: Report) -> Iterator[str]:
    by_category: dict[str, int] = {}
    by_severity: dict[str, int] = {}
    yield (f'{{"version":{_dumps(JSON_VERSION)},"tool":{_dumps({"name": "newslint", "version": __version__})},'
           '"findings":[')
    for piece in joined(_findings(report, by_category, by_severity), ","):
        yield piece
    yield '],"files":['
    files, errors = 0, []
    for result in report.files:
        files += 1
        if result.error:
            errors.append(result.error)
        yield ("," if files > 1 else "") + _dumps({
            "path": result.path, "findings": len(result.findings), "notes": result.notes, "error": result.error,
            **result.data,
        })
    summary = {
        "files": files,
        "findings": sum(by_severity.values()),
        "by_category": dict(sorted(by_category.items())),
        "by_severity": dict(sorted(by_severity.items())),
    }
    yield (f'],"errors":{_dumps(report.errors + errors)},"stories":{_dumps(report.stories)},'
           f'"summary":{_dumps(summary)}}}')


def _findings(report: Report, by_category: dict, by_severity: dict) -> Iterator[str]:
    for f in report.findings:
        by_category[f.category] = by_category.get(f.category, 0) + 1
        by_severity[f.severity] = by_severity.get(f.severity, 0) + 1
        yield _dumps(f.to_json())


def render(report: Report) -> str:
    return "".join(stream(report))
