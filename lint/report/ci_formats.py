"""Formats CI systems read: JUnit XML, GitLab Code Quality, JSON Lines. Pure functions.

JUnit: one testcase per file, a failure per finding (a file that could not be
read is an error). GitLab Code Quality: a JSON list with a fingerprint that
survives line shifts. JSON Lines: one finding object a line (the JSON format's
`findings[]` objects), for streaming into other tools; a file that could not be
read is a line `{"path": ..., "error": ...}`.
"""
from __future__ import annotations

import itertools
import json
from typing import Iterator
from xml.sax.saxutils import escape, quoteattr

from . import Report, joined
from .fingerprint import fingerprinted
from .printable import escaped

GITLAB_SEVERITY = {"info": "info", "warning": "major", "error": "critical"}


def _file_errors(report: Report) -> list[tuple[str, str]]:
    out = report.file_errors()
    for error in report.errors:   # "path: problem", for paths that could not be linted at all
        out.append((error.split(": ", 1)[0], error))
    return out


def junit(report: Report) -> Iterator[str]:
    # The header counts what follows: one pass counts, a second writes (the results are
    # read again from the spool rather than kept).
    paths = failures = 0
    for _, findings in report.findings_by_file():
        paths += 1
        failures += len(findings)
    file_errors = _file_errors(report)
    errors = dict(file_errors)
    listed = {path for path, _ in report.findings_by_file()} if errors else set()
    cases = paths + sum(1 for path in errors if path not in listed)
    yield ('<?xml version="1.0" encoding="UTF-8"?>\n'
           f'<testsuites name="newslint" tests="{cases}" failures="{failures}" errors="{len(file_errors)}">'
           f'<testsuite name="newslint" tests="{cases}" failures="{failures}" errors="{len(file_errors)}">')
    for path, findings in report.findings_by_file():
        # XML 1.0 cannot hold most control characters at all: they are written as escapes.
        body = "".join(
            f"<failure type={quoteattr(f.rule)} message={quoteattr(escaped(f'{f.rule} [{f.severity}] {f.message}'))}>"
            f"{escape(escaped(f'{f.path}:{f.line}:{f.column}: {f.rule} [{f.severity}] {f.message}'))}"
            + (escape("\n" + escaped(f.excerpt)) if f.excerpt else "") + "</failure>"
            for f in findings
        )
        if path in errors:
            body += f"<error message={quoteattr(escaped(errors.pop(path)))}/>"
        yield f'<testcase classname="newslint" name={quoteattr(escaped(path))}>{body}</testcase>'
    for path, error in errors.items():
        yield (f'<testcase classname="newslint" name={quoteattr(escaped(path))}>'
               f'<error message={quoteattr(escaped(error))}/></testcase>')
    yield "</testsuite></testsuites>"


def gitlab(report: Report) -> Iterator[str]:
    # json.dumps of the list, an item at a time: the same bytes.
    yield "["
    yield from joined((json.dumps({
        "description": f"{f.rule} {f.message}",
        "check_name": f.rule,
        "fingerprint": print_,
        "severity": GITLAB_SEVERITY[f.severity],
        "location": {"path": f.path.removeprefix("./"), "lines": {"begin": f.line, "end": max(f.end_line, f.line)}},
    }, ensure_ascii=False) for f, print_ in fingerprinted(report.findings)), ", ")
    yield "]"


def json_lines(report: Report) -> Iterator[str]:
    lines = (json.dumps(f.to_json(), ensure_ascii=False, separators=(",", ":")) for f in report.findings)
    errors = (json.dumps({"path": path, "error": error}, ensure_ascii=False) for path, error in _file_errors(report))
    yield from joined(itertools.chain(lines, errors), "\n")
