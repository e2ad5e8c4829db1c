"""Formats CI systems read: JUnit XML, GitLab Code Quality, JSON Lines. Pure functions.

JUnit: one testcase per file, a failure per finding (a file that could not be
read is an error). GitLab Code Quality: a JSON list with a fingerprint that
survives line shifts. JSON Lines: one finding object a line (the JSON format's
`findings[]` objects), for streaming into other tools; a file that could not be
read is a line `{"path": ..., "error": ...}`.
"""
from __future__ import annotations

import json
from xml.sax.saxutils import escape, quoteattr

from . import Report
from .fingerprint import fingerprints
from .printable import escaped

GITLAB_SEVERITY = {"info": "info", "warning": "major", "error": "critical"}


def _file_errors(report: Report) -> list[tuple[str, str]]:
    out = [(r.path, r.error) for r in report.files if r.error]
    for error in report.errors:   # "path: problem", for paths that could not be linted at all
        out.append((error.split(": ", 1)[0], error))
    return out


def junit(report: Report) -> str:
    by_path: dict[str, list] = {r.path: [] for r in report.files}
    for f in report.findings:
        by_path.setdefault(f.path, []).append(f)
    errors = dict(_file_errors(report))
    cases = []
    for path, findings in by_path.items():
        # XML 1.0 cannot hold most control characters at all: they are written as escapes.
        body = "".join(
            f"<failure type={quoteattr(f.rule)} message={quoteattr(escaped(f'{f.rule} [{f.severity}] {f.message}'))}>"
            f"{escape(escaped(f'{f.path}:{f.line}:{f.column}: {f.rule} [{f.severity}] {f.message}'))}"
            + (escape("\n" + escaped(f.excerpt)) if f.excerpt else "") + "</failure>"
            for f in findings
        )
        if path in errors:
            body += f"<error message={quoteattr(escaped(errors.pop(path)))}/>"
        cases.append(f'<testcase classname="newslint" name={quoteattr(escaped(path))}>{body}</testcase>')
    for path, error in errors.items():
        cases.append(f'<testcase classname="newslint" name={quoteattr(escaped(path))}>'
                     f'<error message={quoteattr(escaped(error))}/></testcase>')
    failures = sum(1 for f in report.findings)
    count_errors = len(_file_errors(report))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<testsuites name="newslint" tests="{len(cases)}" failures="{failures}" errors="{count_errors}">'
        f'<testsuite name="newslint" tests="{len(cases)}" failures="{failures}" errors="{count_errors}">'
        + "".join(cases) + "</testsuite></testsuites>"
    )


def gitlab(report: Report) -> str:
    findings = report.findings
    return json.dumps([
        {
            "description": f"{f.rule} {f.message}",
            "check_name": f.rule,
            "fingerprint": print_,
            "severity": GITLAB_SEVERITY[f.severity],
            "location": {"path": f.path.removeprefix("./"), "lines": {"begin": f.line, "end": max(f.end_line, f.line)}},
        }
        for f, print_ in zip(findings, fingerprints(findings))
    ], ensure_ascii=False)


def json_lines(report: Report) -> str:
    lines = [json.dumps(f.to_json(), ensure_ascii=False, separators=(",", ":")) for f in report.findings]
    lines += [json.dumps({"path": path, "error": error}, ensure_ascii=False) for path, error in _file_errors(report)]
    return "\n".join(lines)
