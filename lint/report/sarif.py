"""SARIF 2.1.0, for code scanning (GitHub, GitLab, Azure DevOps): a pure function of the run.

Every rule that ran is described in tool.driver.rules; each finding is a result
with its rule, level, message, region and, for cross-article findings, the
other articles as relatedLocations. partialFingerprints come from the flagged
line's words, not its number, so a finding keeps its identity when text is
added above it (lint/report/fingerprint.py).
"""
from __future__ import annotations

import json
from urllib.parse import quote

from .. import __version__
from typing import Iterator

from . import Report, joined
from .fingerprint import fingerprinted

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    return quote(path.replace("\\", "/").removeprefix("./"), safe="/")


def _rule(rule) -> dict:
    why = " ".join(rule.why.split())
    first = why.split(". ")[0].rstrip(".") + "." if why else rule.name
    described = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": first},
        "fullDescription": {"text": why or rule.name},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"category": rule.category, "pack": rule.pack, "tags": [rule.category]},
    }
    if rule.link:
        described["helpUri"] = rule.link
    return described


def _region(line: int, column: int, end_line: int, end_column: int) -> dict:
    region = {"startLine": line, "startColumn": column, "endLine": max(end_line, line)}
    if end_column >= 1 and (end_line > line or end_column >= column):
        region["endColumn"] = end_column
    return region


def _result(f, print_: str, index: dict) -> dict:
    result = {
        "ruleId": f.rule,
        "level": LEVEL[f.severity],
        "message": {"text": f.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": _uri(f.path)},
            "region": {**_region(f.line, f.column, f.end_line, f.end_column),
                       **({"snippet": {"text": f.excerpt}} if f.excerpt else {})},
        }}],
        "partialFingerprints": {"newslint/v1": print_},
    }
    if f.rule in index:
        result["ruleIndex"] = index[f.rule]
    if f.related:
        result["relatedLocations"] = [
            {"id": i, "physicalLocation": {"artifactLocation": {"uri": _uri(r.path)},
                                           "region": {"startLine": max(r.line, 1)}},
             **({"message": {"text": r.note}} if r.note else {})}
            for i, r in enumerate(f.related)
        ]
    return result


def stream(report: Report) -> Iterator[str]:
    """The SARIF document a piece at a time: the same bytes as json.dumps of the whole
    (default separators), with the results written one by one, last."""
    rules = list(report.rules)
    index = {rule.code: i for i, rule in enumerate(rules)}
    errors = report.errors + [error for _, error in report.file_errors()]
    tool = {"driver": {
        "name": "newslint", "version": __version__, "semanticVersion": __version__,
        "rules": [_rule(rule) for rule in rules],
    }}
    invocations = [{
        "executionSuccessful": not errors,
        "toolExecutionNotifications": [{"level": "error", "message": {"text": e}} for e in errors],
    }]
    yield (f'{{"$schema": {_dumps(SCHEMA)}, "version": "2.1.0", "runs": [{{"tool": {_dumps(tool)}, '
           f'"invocations": {_dumps(invocations)}, "columnKind": "unicodeCodePoints", "results": [')
    yield from joined((_dumps(_result(f, print_, index)) for f, print_ in fingerprinted(report.findings)), ", ")
    yield "]}]}"


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def render(report: Report) -> str:
    return "".join(stream(report))
