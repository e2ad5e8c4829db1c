"""Module-level patterns that compile on first use (lint/lazy_re.py)."""
import re

from lint import corpus, mentions, sourcing
from lint.lazy_re import LazyPattern, compile_lazily


def test_a_lazy_pattern_answers_as_the_compiled_one():
    lazy = compile_lazily(r"(?P<word>\b[a-z]+)\s+said\b", re.I)
    plain = re.compile(r"(?P<word>\b[a-z]+)\s+said\b", re.I)
    text = "Khan said on Friday that critics Said otherwise."
    assert lazy.search(text).group("word") == plain.search(text).group("word")
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert lazy.sub("X", text) == plain.sub("X", text)
    assert lazy.pattern == plain.pattern and lazy.flags == plain.flags
    assert "search" in vars(lazy)   # after first use, a plain attribute: no lookup detour


def test_every_lazy_pattern_of_the_engine_compiles():
    """A typo in a pattern no test text reaches would otherwise surface mid-run."""
    lazy = [value for module in (sourcing, corpus, mentions) for value in vars(module).values() if isinstance(value, LazyPattern)]
    lazy += corpus._CREDIT_PATTERNS
    assert len(lazy) >= 60
    for pattern in lazy:
        pattern.search("")   # compiles it, or raises re.error here
        assert "search" in vars(pattern)
