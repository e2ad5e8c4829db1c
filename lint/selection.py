"""Which rules run: selectors from --select/--ignore, config and inline directives.

A selector is a code or code prefix (NL4, NL401), a rule name, a pack id, a
category, or ALL. One function answers "does this selector pick this rule?".
"""
from __future__ import annotations

import fnmatch

from . import compiled_regex

_CODE_PREFIX = compiled_regex.compile(r"^[A-Z]+[0-9]*$")


def selects(selector: str, rule) -> bool:
    if selector == "ALL":
        return True
    if _CODE_PREFIX.match(selector) and rule.code.startswith(selector):
        return True
    return selector in (rule.name, rule.pack, rule.category)


def unknown(selectors, rules) -> list[str]:
    """The selectors that pick no rule at all: a typo ("NL4O1", "atribution") must not
    quietly switch a gate off, so callers turn these into errors or findings."""
    rules = list(rules)
    return [s for s in selectors if s != "ALL" and not any(selects(s, r) for r in rules)]


def enabled(rule, select: list[str], extend_select: list[str], ignore: list[str]) -> bool:
    """Ignore wins over select: the smaller list is the one users reach for to say no."""
    chosen = any(selects(s, rule) for s in (select or ["ALL"])) or any(selects(s, rule) for s in extend_select)
    return chosen and not any(selects(s, rule) for s in ignore)


def ignored_for_path(path: str, per_path_ignores: dict[str, list[str]], base: str | None = None) -> list[str]:
    """Selectors ignored for a file: globs match the path or any of its trailing parts.

    With `base` (the config file's folder) the path is taken relative to it, as
    ruff does, so the globs mean the same files from whatever folder newslint runs in.
    """
    out = []
    if base and path != "-":
        import os

        relative = os.path.relpath(os.path.abspath(path), base)
        if not relative.startswith(".."):
            path = relative
    normalized = path.replace("\\", "/").lstrip("./")
    for pattern, selectors in per_path_ignores.items():
        if fnmatch.fnmatch(normalized, pattern) or fnmatch.fnmatch(normalized, f"*/{pattern}"):
            out.extend(selectors)
    return out
