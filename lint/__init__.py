"""newslint: a source-reliability and editorial-flag linter for news articles.

The API (lint_text, lint_paths, load_config, load_packs, Settings, Finding...)
lives in lint.api and is imported on first use, so `newslint` itself starts
without it. docs/api.md describes it.
"""

__version__ = "0.1.0"

_API = ("Finding", "FileResult", "Pack", "Settings", "lint_paths", "lint_text", "load_config", "load_packs",
        "default_packs")


def __getattr__(name: str):
    if name in _API:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'lint' has no attribute {name!r}")


def __dir__():
    return sorted([*globals(), *_API])
