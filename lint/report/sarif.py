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
from . import Report
from .fingerprint import fingerprints

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


def render(report: Report) -> str:
    rules = list(report.rules)
    index = {rule.code: i for i, rule in enumerate(rules)}
    findings = report.findings
    results = []
    for f, print_ in zip(findings, fingerprints(findings)):
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
        results.append(result)
    errors = report.errors + [r.error for r in report.files if r.error]
    run = {
        "tool": {"driver": {
            "name": "newslint", "version": __version__, "semanticVersion": __version__,
            "rules": [_rule(rule) for rule in rules],
        }},
        "invocations": [{
            "executionSuccessful": not errors,
            "toolExecutionNotifications": [{"level": "error", "message": {"text": e}} for e in errors],
        }],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, ensure_ascii=False)
