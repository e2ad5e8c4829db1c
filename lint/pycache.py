"""Data derived from newslint's code and installed files, kept beside the bytecode.

Some things a run needs are slow to make and depend only on code and installed
files, never on what is linted: the engine code of compiled patterns
(lint/compiled_regex.py) and the table of pyphen's hyphenation patterns
(lint/syllables.py). Like .pyc files they are kept in `__pycache__`, named
after the module that makes them and the interpreter's tag, under the same
switches: PYTHONPYCACHEPREFIX moves them, PYTHONDONTWRITEBYTECODE stops the
writing. They are not a result cache: `--no-cache` uses them as it uses bytecode.
Each reader checks what it reads and makes the data afresh when it is missing,
damaged or stale.
"""
from __future__ import annotations

import os
import sys


def path_beside(module_file: str, suffix: str) -> str:
    """Where `module_file`'s kept data with `suffix` lives: beside its .pyc."""
    from importlib.util import cache_from_source

    # cache_from_source applies the interpreter's tag and PYTHONPYCACHEPREFIX, as for a .pyc.
    return os.path.splitext(cache_from_source(module_file))[0] + suffix


def write(path: str, data: bytes) -> None:
    """Replace the file at `path` with `data`, whole; quietly nothing when bytecode is not written."""
    if sys.dont_write_bytecode:
        return
    from .atomic import atomic_write, remove_stale_temps

    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        remove_stale_temps(os.path.dirname(path))
        atomic_write(path, lambda out: out.write(data), binary=True, mode=0o644)   # readable as a .pyc is
    except OSError:
        pass   # a read-only install still lints; it only makes the data again next time
