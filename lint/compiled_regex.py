"""Compiled regular expressions kept between runs, the way Python keeps bytecode.

Compiling newslint's big patterns (the source registry's one alternation of
every outlet name, the phrase tries) was ~25 ms of a one-file run. The stdlib
compiles in two steps: Python code parses the pattern and emits the engine's
code, a list of ints; then `_sre.compile` checks that code and wraps it. Only
the first step is slow, and its output depends only on the pattern, its flags
and the engine's version. So it is kept beside the bytecode (lint/pycache.py), in
`lint/__pycache__/compiled_regex.<python tag>.json`, under the same switches
(PYTHONPYCACHEPREFIX moves it, PYTHONDONTWRITEBYTECODE stops the writing), and
a later run goes straight to `_sre.compile`. The text of the biggest patterns
is itself built, from the registry's names or a pack's phrases (~10 ms): that
is kept too, keyed by what it is built from and by the code that builds it.

The file is keyed by the exact Python build and sealed with a checksum of its
bytes; `_sre.compile` checks the structure of the code it is handed and
rejects broken code; a damaged file,
another Python or a change in these private interfaces only means compiling
the usual way. Not on CPython: always the usual way.
"""
from __future__ import annotations

import binascii
import os
import re
import sys
from array import array
from typing import Callable

from . import pycache
from .hashing import hex_digest, seal, unseal

try:  # private, but the same from Python 3.11 to 3.13 (checked)
    import _sre
    from re import _compiler, _parser

    _ENGINE = f"{sys.implementation.cache_tag}-{_sre.MAGIC}-{sys.version}"
    _USABLE = sys.implementation.name == "cpython" and array("I").itemsize == _sre.CODESIZE
except (ImportError, AttributeError):  # pragma: no cover - another interpreter
    _USABLE = False

_KEPT: dict[str, list] = {}   # "flags:pattern" -> [flags, code (base64), groups, groupindex, indexgroup]
_BUILT: dict[str, str] = {}   # digest of a builder and its parts -> the pattern it built from them
_BUILDERS: dict[Callable, str] = {}
_USED: set[str] = set()
_state = {"loaded": False, "learned": False}
_MAX_KEPT = 400  # a newsroom that keeps editing its packs would otherwise grow the file forever


def store_path() -> str:
    return pycache.path_beside(__file__, ".json")


def built(build: Callable[[list[str]], str], parts: list[str]) -> str:
    """The pattern text `build(parts)` makes (parts in a stable order), kept between runs.

    Keyed by the parts and by the code that builds: the function's name and its
    module file's size and time, so an edited or upgraded newslint builds afresh."""
    _load_once()
    key = hex_digest("\0".join([_builder(build), *parts]).encode("utf-8"))
    pattern = _BUILT.get(key)
    if not isinstance(pattern, str):
        pattern = _BUILT[key] = build(parts)
        _state["learned"] = True
    _USED.add(key)
    return pattern


def _builder(build: Callable) -> str:
    tag = _BUILDERS.get(build)
    if tag is None:
        try:
            stat = os.stat(sys.modules[build.__module__].__file__)
            tag = f"{build.__module__}.{build.__qualname__}:{stat.st_size}:{stat.st_mtime_ns}"
        except (KeyError, TypeError, OSError):   # no file to vouch for the code: never reuse
            tag = f"{build.__module__}.{build.__qualname__}:{os.getpid()}:{id(build)}"
        _BUILDERS[build] = tag
    return tag


def compile(pattern: str, flags: int = 0) -> re.Pattern:  # noqa: A001 - re.compile's twin
    """`re.compile(pattern, flags)`, from the kept engine code when there is some."""
    if not _USABLE or not isinstance(pattern, str):   # bytes or a compiled pattern: as re does
        return re.compile(pattern, flags)
    _load_once()
    key = f"{int(flags)}:{pattern}"
    row = _KEPT.get(key)
    if row is not None:
        try:
            compiled = _sre.compile(pattern, row[0], array("I", binascii.a2b_base64(row[1])).tolist(),
                                    row[2], row[3], tuple(row[4]))
            _USED.add(key)
            return compiled
        except Exception:  # damaged or foreign: forget it, compile afresh
            del _KEPT[key]
    return _learn(key, pattern, int(flags))


def _learn(key: str, pattern: str, flags: int) -> re.Pattern:
    parsed = _parser.parse(pattern, flags)  # raises re.error as re.compile would
    try:  # what re._compiler.compile does, keeping the code on the way
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        row = [flags | parsed.state.flags, binascii.b2a_base64(array("I", code).tobytes(), newline=False).decode("ascii"),
               parsed.state.groups - 1, groupindex, indexgroup]
        compiled = _sre.compile(pattern, row[0], code, row[2], groupindex, tuple(indexgroup))
    except Exception:  # the private interface moved: the public one still works
        return re.compile(pattern, flags)
    _KEPT[key] = row
    _USED.add(key)
    _state["learned"] = True
    return compiled


def _load_once() -> None:
    if _state["loaded"] or not _USABLE:
        return
    _state["loaded"] = True
    import json

    try:
        with open(store_path(), "rb") as handle:
            # Sealed (lint/hashing.py): the engine code is handed to _sre.compile
            # unchecked beyond its structure, so a flipped byte could be a
            # different pattern, or the wrong count of groups.
            data = json.loads(unseal(handle.read()) or b"null")
        if data.get("engine") == _ENGINE and isinstance(data.get("patterns"), dict) \
                and isinstance(data.get("built"), dict):
            _KEPT.update(data["patterns"])
            _BUILT.update(data["built"])
    except (OSError, ValueError, AttributeError):
        pass  # missing or damaged: everything compiles the usual way


def save(path: str | None = None) -> None:
    """Write the kept code if this run compiled something new; failures are ignored."""
    if not (_USABLE and _state["learned"]):
        return
    import json

    def kept(table: dict) -> dict:
        return table if len(table) <= _MAX_KEPT else {k: v for k, v in table.items() if k in _USED}

    data = {"engine": _ENGINE, "patterns": kept(_KEPT), "built": kept(_BUILT)}
    # Small: the C encoder in one go (json.dump streams through the Python one).
    pycache.write(path or store_path(), seal(json.dumps(data).encode("utf-8")))
    _state["learned"] = False
