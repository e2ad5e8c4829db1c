"""Rule kinds: one module per kind, one registry dict.

A kind declares its options with their defaults; the pack loader hands it the
rule's remaining YAML keys, and the kind validates and compiles them once.
At lint time a kind turns a Document into Hits and knows nothing of output.
"""
from __future__ import annotations

from typing import Iterable

from ..document import Document
from ..finding import Hit


class OptionError(ValueError):
    """A bad option value; `key` names the YAML key at fault."""

    def __init__(self, key: str, problem: str):
        super().__init__(problem)
        self.key = key


class Context:
    """What a kind may need beyond its own document: lines other block rules claim."""

    def __init__(self, boundaries: frozenset[int] = frozenset()):
        self.boundaries = boundaries


class Kind:
    # option name -> default; the default's type is the option's type.
    OPTIONS: dict[str, object] = {}

    def __init__(self, options: dict):
        for key, value in options.items():
            if key not in self.OPTIONS:
                known = ", ".join(sorted(self.OPTIONS)) or "none"
                raise OptionError(key, f"unknown key for kind '{self.name}' (known: {known})")
            expected = type(self.OPTIONS[key])
            if expected is float and isinstance(value, int) and not isinstance(value, bool):
                value = float(value)
            if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
                raise OptionError(key, f"expected {expected.__name__}, got {type(value).__name__}")
            if expected is list and not all(isinstance(v, str) for v in value):
                raise OptionError(key, "expected a list of strings")
        self.options = {**self.OPTIONS, **options}

    name = ""

    def find(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        raise NotImplementedError

    def markers(self, doc: Document) -> set[int]:
        """View lines where this rule sees a block begin; other block rules stop there."""
        return set()


def registry() -> dict[str, type[Kind]]:
    from . import attribution, block, headed_list, metric, phrase, repeated_line, second_story

    kinds = [phrase.Phrase, attribution.Attribution, block.Block, headed_list.HeadedList,
             second_story.SecondStory, repeated_line.RepeatedLine, metric.Metric]
    return {kind.name: kind for kind in kinds}
