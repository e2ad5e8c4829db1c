"""Find the files to lint and lint each one: the part of a run between CLI and reporters.

Linting a file is a pure function of its bytes, its path and the loaded rules,
which is what lets the cache and the worker processes share it.
"""
from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import reader, selection
from .config import Settings
from .engine import lint_document
from .finding import Finding, severity_rank
from .rulepack import Pack, Rule

SKIP_DIRS = frozenset({".git", "node_modules", "__pycache__", ".newslint_cache", "venv", ".venv"})


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: str | None = None
    data: dict = field(default_factory=dict)  # per-file data kinds reported (Context.report)


def discover(paths: list[str], settings: Settings) -> tuple[list[str], list[str]]:
    """Files to lint, in a stable order, and one-line errors for paths that do not exist."""
    extensions = {e if e.startswith(".") else "." + e for e in settings.extensions} or reader.DEFAULT_EXTENSIONS
    files, errors = [], []
    for given in paths:
        path = Path(given)
        if path.is_file():
            if not _excluded(given, settings.exclude):
                files.append(given)
        elif path.is_dir():
            files.extend(_walk(path, extensions, settings.exclude))
        else:
            errors.append(f"{given}: no such file or folder")
    seen, unique = set(), []
    for f in files:
        if f not in seen:
            seen.add(f)
            unique.append(f)
    return unique, errors


def _walk(root: Path, extensions: set[str], exclude: list[str]) -> list[str]:
    found = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(
            d for d in dirs
            if not d.startswith(".") and d not in SKIP_DIRS and not _excluded(os.path.join(folder, d), exclude)
        )
        for name in sorted(names):
            full = os.path.join(folder, name)
            if not name.startswith(".") and Path(name).suffix.lower() in extensions and not _excluded(full, exclude):
                found.append(full)
    return found


def _excluded(path: str, patterns: list[str]) -> bool:
    normalized = path.replace("\\", "/").removeprefix("./")
    return any(
        fnmatch.fnmatch(normalized, p) or fnmatch.fnmatch(normalized, f"*/{p}") or fnmatch.fnmatch(normalized, f"{p}/*")
        or fnmatch.fnmatch(normalized, f"*/{p}/*")
        for p in patterns
    )


def load_registry(settings: Settings):
    """The shipped source registry, with the config's registry files merged over it."""
    from . import registry

    loaded = registry.default_registry()
    for path in settings.registry:
        loaded = loaded.merged(registry.load_registry(path))
    return loaded


class Linter:
    """The selected rules, with the config's severity overrides applied."""

    def __init__(self, packs: list[Pack], settings: Settings):
        self.settings = settings
        rules = [rule for pack in packs for rule in pack.rules]
        self.rules: list[Rule] = [
            replace(rule, severity=settings.severity.get(rule.code, rule.severity))
            for rule in rules
            if selection.enabled(rule, settings.select, settings.extend_select, settings.ignore)
        ]
        self.min_rank = severity_rank(settings.min_severity)
        # Loaded up front (a broken registry must stop the run before any file),
        # but only when a selected rule names sources.
        self.registry = load_registry(settings) if any(r.kind.needs_registry for r in self.rules) else None

    def rules_for(self, path: str) -> list[Rule]:
        ignored = selection.ignored_for_path(path, self.settings.per_path_ignores)
        if not ignored:
            return self.rules
        return [r for r in self.rules if not any(selection.selects(s, r) for s in ignored)]

    def lint_bytes(self, path: str, data: bytes, kind: str | None = None) -> FileResult:
        try:
            doc = reader.parse(path, data, kind)
        except reader.InputError as err:
            return FileResult(path, error=str(err))
        notes = list(doc.notes)
        if not doc.text.strip():
            notes.append("empty file, nothing to lint")
            return FileResult(path, notes=notes)
        found, data = lint_document(doc, self.rules_for(path), self.registry)
        findings = [f for f in found if severity_rank(f.severity) >= self.min_rank]
        return FileResult(path, findings, notes, data=data)

    def lint_path(self, path: str) -> FileResult:
        try:
            data = reader.read_bytes(path)
        except reader.InputError as err:
            return FileResult(path, error=str(err))
        return self.lint_bytes(path, data)
