"""What a cross-file finding looks like, and the helpers every check shares."""
from __future__ import annotations

from ..finding import Finding, Related
from .features import StoryFeatures

def _suppressed(features: StoryFeatures | None, finding: Finding) -> bool:
    from ..selection import selects

    if features is None:
        return False
    if features.skip:
        return True

    class _Rule:  # what selects() reads of a rule
        code, name, category, pack = finding.rule, finding.name, finding.category, finding.pack

    for selector, lo, hi in features.suppressions:
        if lo <= finding.line and (hi == 0 or finding.line <= hi) and (selector == "*" or selects(selector, _Rule)):
            return True
    return False


def _finding(rule, path: str, line: int, column: int, excerpt: str, message: str,
             related: tuple[Related, ...], severity: str) -> Finding:
    return Finding(
        path=path, line=line, column=column, end_line=line, end_column=column,
        rule=rule.code, name=rule.name, category=rule.category, severity=severity,
        message=message, excerpt=_shorten(excerpt, 160), pack=rule.pack, related=related,
        mark=(0, len(_shorten(excerpt, 160))),   # the excerpt is the flagged words themselves
    )


def _fill(template: str, **values) -> str:
    from .. import message_template

    return message_template.fill(template, values)


def _short(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def _where(path: str, line: int) -> str:
    return f"{_short(path)}:{line}"


def _severity(rule, mine: int, theirs: int) -> str | None:
    """The rule's severity where this file is outnumbered, info on an even split, else none."""
    if mine < theirs:
        return rule.severity
    if mine == theirs:
        return "info"
    return None


MAX_RELATED = 6
# Quantities need this many more shared context words than years: "took $12.5m"
# and "took $14.7m" in two box-office reports are two films, not one figure.
QUANTITY_CONTEXT = 3

def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
