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
    """What a kind may need beyond its own document, for one document's run.

    boundaries: lines where block rules see something begin (see Kind.markers).
    registry:   the source registry (lint.registry), for kinds that name sources.
    store:      results one kind computes once for several rules.
    report:     JSON-ready per-file data for the output (key -> value), such as
                the sourcing profile; it becomes `files[].<key>` in the JSON.
    directives: the file's inline directives, with what each suppressed, for the
                kinds that run last (Kind.runs_last); ran_rules the rules that ran,
                known_rules every rule loaded (selected or not).
    findings:   what the other rules found, for the kinds that add only where they
                found nothing (Kind.reads_findings).
    """

    def __init__(self, boundaries: frozenset[int] = frozenset(), registry=None):
        self.boundaries = boundaries
        self.registry = registry
        self.store: dict = {}
        self.report: dict = {}
        self.directives = None
        self.ran_rules: list = []
        self.known_rules: list = []
        self.findings: tuple = ()


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

    # Values this kind's hits give a message beside {match} and {lines} (lint/message_template.py).
    FIELDS: tuple[str, ...] = ()

    @property
    def fields(self) -> tuple[str, ...]:
        """The {names} a rule's message may use, checked when the pack loads."""
        return ("match", "lines", *self.FIELDS)

    name = ""
    needs_registry = False  # True when the kind reads Context.registry
    runs_last = False       # True when the kind reads what the other rules found (Context.directives)
    reads_findings = False  # True when the kind runs after the other rules and reads their findings (Context.findings)

    def find(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        raise NotImplementedError

    def markers(self, doc: Document) -> set[int]:
        """View lines where this rule sees a block begin; other block rules stop there."""
        return set()


def registry() -> dict[str, type[Kind]]:
    """Every Kind subclass defined in a module of this package, by its `name`.

    Adding a kind is adding a module; there is no second list to keep in step.
    """
    global _REGISTRY
    if _REGISTRY is None:
        import importlib
        import os

        # The package's modules, listed by hand: pkgutil costs ~4 ms to import.
        names = {
            entry.rsplit(".", 1)[0]
            for folder in __path__
            for entry in os.listdir(folder)
            if entry.endswith((".py", ".pyc")) and not entry.startswith("_")
        }
        for name in sorted(names):
            importlib.import_module(f"{__name__}.{name}")
        found: dict[str, type[Kind]] = {}
        pending = list(Kind.__subclasses__())
        while pending:
            kind = pending.pop()
            pending.extend(kind.__subclasses__())
            if kind.name:
                found[kind.name] = kind
        _REGISTRY = found
    return _REGISTRY


_REGISTRY: dict[str, type[Kind]] | None = None
