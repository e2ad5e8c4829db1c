"""A module-level regex that compiles on first use.

A module's patterns compile when it is imported, and an article uses few of
them: of the sourcing module's 36, one seed article needs 16, and a one-file
run needs lint.corpus (for NL957) for a handful of its 26. Compiling the rest
was ~15 ms of every one-file run. After the first use the pattern's
methods are plain attributes of the object, so later calls cost what a
compiled pattern's do.
"""
from __future__ import annotations

from . import compiled_regex

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    def __init__(self, pattern: str, flags: int = 0):
        self._source = (pattern, flags)

    def __getattr__(self, name: str):
        if name.startswith("__"):  # copy and pickle probes: not a pattern's business
            raise AttributeError(name)
        compiled = compiled_regex.compile(*self._source)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        self.pattern, self.flags, self.groupindex = compiled.pattern, compiled.flags, compiled.groupindex
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self._source[0]!r}, {self._source[1]!r})"


def compile_lazily(pattern: str, flags: int = 0) -> LazyPattern:
    return LazyPattern(pattern, flags)
