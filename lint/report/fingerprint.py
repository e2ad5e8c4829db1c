"""A finding's identity that survives edits elsewhere in the file.

Code-scanning tools (SARIF partialFingerprints, GitLab's fingerprint) match a
finding across runs by it; line numbers would make every finding below an
inserted paragraph "new". So it is the rule, the file, the flagged line's
words (case and spacing folded) and which occurrence of that line it is.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from ..finding import Finding
from ..hashing import hex_digest


def fingerprinted(findings: Iterable[Finding]) -> Iterator[tuple[Finding, str]]:
    """Each finding with its fingerprint. Findings come sorted, so a path's are together and
    the occurrences counted for one path are forgotten at the next."""
    seen: dict[tuple, int] = {}
    path = None
    for f in findings:
        if f.path != path:
            seen.clear()
            path = f.path
        words = " ".join(f.excerpt.lower().split())
        key = (f.rule, words)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        yield f, hex_digest("\x1f".join((f.path, f.rule, words, str(occurrence))).encode("utf-8"))[:32]


def fingerprints(findings: list[Finding]) -> list[str]:
    """One fingerprint per finding, in the same order (sorted, as every report has them)."""
    return [print_ for _, print_ in fingerprinted(findings)]
