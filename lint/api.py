"""The Python API: lint text or paths with settings, get Finding records and per-file data.

    import lint
    result = lint.lint_text("Critics say the deal favours Moscow.\\n")
    [f.rule for f in result.findings]            # ['NL401']
    results = lint.lint_paths(["seeds/"])        # read together, as the CLI does
    settings = lint.load_config("pyproject.toml")

The CLI runs the same pieces (lint.runner, lint.rulepack, lint.config); see docs/api.md.
"""
from __future__ import annotations

from .config import Settings, load_config
from .finding import Finding
from .rulepack import Pack, builtin_rules_dir, load_packs
from .runner import FileResult

__all__ = ["Finding", "FileResult", "Pack", "Settings", "lint_paths", "lint_text", "load_config", "load_packs",
           "default_packs"]


def default_packs(settings: Settings | None = None) -> list[Pack]:
    """The built-in packs plus the settings' extra `rules`, with its rule options applied."""
    settings = settings or Settings()
    return load_packs([builtin_rules_dir(), *settings.rules], settings.options, settings.source)


def lint_text(text: str, path: str = "article.txt", settings: Settings | None = None,
              packs: list[Pack] | None = None) -> FileResult:
    """One article given as text; `path`'s extension picks the reader (.txt, .md, .html)."""
    from .runner import Linter

    settings = settings or Settings()
    linter = Linter(packs if packs is not None else default_packs(settings), settings, corpus=False)
    return linter.lint_bytes(path, text.encode("utf-8"))


def lint_paths(paths: list[str], settings: Settings | None = None, packs: list[Pack] | None = None,
               together: bool = True, jobs: int = 1) -> list[FileResult]:
    """Files and folders, as `newslint PATHS` lints them (exports such as .jsonl, .csv, feeds and
    .docx as their records); with `together`, the articles are also read against each other.
    A path that does not exist is a FileResult with `error` set."""
    from .records import split_exports
    from .runner import Linter, discover, lint_exports, lint_files, read_together

    settings = settings or Settings()
    files, errors, _ = discover(list(paths), settings)   # what a folder held that is no file: not linted
    files, exports = split_exports(files, None)   # JSON Lines, CSV, feeds, .docx: read as records
    linter = Linter(packs if packs is not None else default_packs(settings), settings,
                    corpus=together and (len(files) >= 2 or bool(exports)))
    results = lint_files(linter, files, jobs)
    results += lint_exports(linter, exports, errors)
    if together and len(results) >= 2:
        read_together(linter, results)
    return results + [FileResult(e.split(": ", 1)[0], error=e) for e in errors]
