"""A finding's identity that survives edits elsewhere in the file.

Code-scanning tools (SARIF partialFingerprints, GitLab's fingerprint) match a
finding across runs by it; line numbers would make every finding below an
inserted paragraph "new". So it is the rule, the file, the flagged line's
words (case and spacing folded) and which occurrence of that line it is.
"""
from __future__ import annotations

from ..finding import Finding
from ..hashing import hex_digest


def fingerprints(findings: list[Finding]) -> list[str]:
    """One fingerprint per finding, in the same order."""
    seen: dict[tuple, int] = {}
    out = []
    for f in findings:
        words = " ".join(f.excerpt.lower().split())
        key = (f.path, f.rule, words)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        out.append(hex_digest("\x1f".join((f.path, f.rule, words, str(occurrence))).encode("utf-8"))[:32])
    return out
