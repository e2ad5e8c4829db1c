"""Baselines: record today's findings, then report only new ones.

A newsroom adopting newslint on ten years of archive gates new copy first: a
baseline file lists the findings it accepts for now, by rule, file and
fingerprint (the flagged line's words and which occurrence of them it is; see
lint/report/fingerprint.py), never by line number, so an edit above or below a
finding does not make it "new". An entry that matches nothing any more is
stale, and --statistics says how many.
"""
from __future__ import annotations

import json

from .errors import UserError
from .finding import Finding
from typing import Iterable

from .report.fingerprint import fingerprinted, fingerprints

VERSION = 1


class BaselineError(UserError):
    """A baseline file that cannot be read: the message names it."""


def _key(f: Finding, print_: str) -> tuple[str, str, str]:
    return f.path.replace("\\", "/").removeprefix("./"), f.rule, print_


def write(path: str, findings: list[Finding]) -> None:
    from .atomic import atomic_write

    entries = [
        {"path": key[0], "rule": key[1], "fingerprint": key[2], "line": f.line, "message": f.message}
        for f, print_ in zip(findings, fingerprints(findings)) for key in [_key(f, print_)]
    ]
    text = json.dumps({"version": VERSION, "tool": "newslint", "findings": entries}, ensure_ascii=False, indent=1)
    try:
        atomic_write(path, lambda handle: handle.write(text + "\n"), mode=0o644)
    except OSError as err:
        raise BaselineError(f"{path}: cannot write the baseline ({err.strerror or err})") from None


def load(path: str) -> set[tuple[str, str, str]]:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as err:
        raise BaselineError(f"{path}: cannot read the baseline ({err.strerror or err})") from None
    except ValueError as err:
        raise BaselineError(f"{path}: not a newslint baseline (invalid JSON: {err})") from None
    entries = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(entries, list) or data.get("version") != VERSION:
        raise BaselineError(f"{path}: not a newslint baseline (expected version {VERSION} and a findings list)")
    try:
        return {(str(e["path"]), str(e["rule"]), str(e["fingerprint"])) for e in entries}
    except (KeyError, TypeError):
        raise BaselineError(f"{path}: a baseline entry lacks path, rule or fingerprint") from None


def split(findings: list[Finding], accepted: set[tuple[str, str, str]], linted: set[str]) -> tuple[set[int], int]:
    """(indexes of findings the baseline accepts, how many entries for the files linted matched nothing)."""
    matched, known = set(), set()
    for i, (f, print_) in enumerate(zip(findings, fingerprints(findings))):
        key = _key(f, print_)
        if key in accepted:
            matched.add(i)
            known.add(key)
    linted = {p.replace("\\", "/").removeprefix("./") for p in linted}
    return matched, sum(1 for key in accepted - known if key[0] in linted)


def stale(findings: Iterable[Finding], accepted: set[tuple[str, str, str]], linted: Iterable[str]) -> int:
    """How many entries for the files linted match none of `findings` (sorted, as reported)."""
    known = {key for f, print_ in fingerprinted(findings) for key in [_key(f, print_)] if key in accepted}
    linted = {p.replace("\\", "/").removeprefix("./") for p in linted}
    return sum(1 for key in accepted - known if key[0] in linted)


def unaccepted(findings: list[Finding], accepted: set[tuple[str, str, str]]) -> list[Finding]:
    """One file's findings (sorted) less those the baseline accepts."""
    ordered = sorted(findings, key=Finding.sort_key)
    return [f for f, print_ in fingerprinted(ordered) if _key(f, print_) not in accepted]
