"""credit-line: `phrase`, with patterns that name "any outlet the source registry knows".

A wire or syndication credit is a layout ("CITY (X) —", "Name, X", "Copyright 2020 X.
All rights reserved", "provided by X") around a name. The layouts are data in the pack;
the names come from the registry (lint/registry.py, rules/sources.yaml plus a user
registry), so a newsroom that adds an agency gets its credits found. In a pattern:

  {AGENCY}      a news agency (registry role "agency": wires, state news agencies)
  {OUTLET}      a news outlet (wire, newspaper, broadcaster, state media, magazine, site)
  {AGGREGATOR}  an aggregator (MSN, Yahoo News)
  {ISSUER}      a government press office or press-release service

each by the registry's case rules ("AP" must be upper-case, "Reuters" may be any case
but its first letter); `{AGENCY_ANYCASE}` and the like drop them, for layouts that are
cue enough ("(efe-epa).-", "Ap Sports Writer"). Upper-case names keep these apart from
the pack's lower-case {lexicons}.

Where a line sits can matter too (`position`):

  anywhere        (default)
  under-headline  in the page head: the line above is headline-sized (at most
                  `headline_max_words`, no sentence end) and no prose line comes before
  after-prose     the line above is prose (at least `prose_words` words, ending a sentence)

and `page_has` (patterns, placeholders allowed) runs the rule only on pages where one
of them matches somewhere ("{AGGREGATOR}": a provider line only on an aggregator's page).

The patterns compile once per registry (cached on the kind); each one runs only on
texts holding the words its layout needs, worked out from the pattern with a
stand-in for the names (the prefilter of lint/matcher.py), so the long name lists
add nothing to the cost of texts that cannot match.
"""
from __future__ import annotations

import re

from .. import compiled_regex
from ..document import Document
from ..finding import Hit
from ..matcher import PatternError, _allows, _flags, _view, compile_pattern, required_words
from ..segment import strip_span
from . import Context, OptionError
from .lines import is_sentence
from .phrase import Phrase, scope_span

PLACEHOLDER = compiled_regex.compile(r"\{(AGENCY|OUTLET|AGGREGATOR|ISSUER)(_ANYCASE)?\}")
POSITIONS = ("anywhere", "under-headline", "after-prose")
_STAND_IN = r"(?:\w+)"  # for the prefilter: any name, and no word of its own


def expand(pattern: str, registry) -> str:
    """The pattern with each placeholder replaced by the registry's names for its role."""
    return PLACEHOLDER.sub(
        lambda m: registry.names_pattern(m.group(1).lower(), any_case=bool(m.group(2))), pattern
    )


class CreditLine(Phrase):
    name = "credit-line"
    needs_registry = True
    OPTIONS = {
        **Phrase.OPTIONS,
        "position": "anywhere",
        "headline_max_words": 16,   # under-headline: the line above is at most this long...
        "prose_words": 12,          # ...and no line before is prose of at least this many words
        "page_has": [],             # patterns: the page must hold one of them
    }

    def __init__(self, options: dict):
        if options.get("phrases"):
            raise OptionError("phrases", "credit-line takes patterns only (a layout around a name)")
        templates = list(options.get("patterns", []))
        stand_ins = [PLACEHOLDER.sub(lambda _: _STAND_IN, p) for p in templates]
        # Phrase checks the options and compiles the stand-ins: a broken layout fails at load.
        super().__init__({**options, "patterns": stand_ins})
        self.options["patterns"] = templates
        if self.options["position"] not in POSITIONS:
            raise OptionError("position", f"'{self.options['position']}' is not one of {', '.join(POSITIONS)}")
        for p in self.options["page_has"]:
            _check(PLACEHOLDER.sub(lambda _: _STAND_IN, p), "page_has")
        flags = _flags(self.options["case_sensitive"])
        # What each layout needs besides the names: it runs only on texts holding that.
        self.needs = [required_words(s, flags) for s in stand_ins]
        self.templates = templates
        self._compiled: tuple = (None, None)  # (registry, (patterns, page_has)) of the last registry

    def patterns_for(self, registry) -> tuple[list, list]:
        """The compiled patterns and page_has patterns with the registry's names in."""
        cached, compiled = self._compiled
        if cached is not registry:
            cs = self.options["case_sensitive"]
            compiled = (
                [compile_pattern(expand(p, registry), cs) for p in self.templates],
                [compile_pattern(expand(p, registry), False) for p in self.options["page_has"]],
            )
            self._compiled = (registry, compiled)
        return compiled

    def find(self, doc: Document, ctx: Context):
        registry = ctx.registry
        if registry is None:  # a kind used on its own, outside a Linter
            from ..registry import default_registry

            registry = default_registry()
        patterns, page_has = self.patterns_for(registry)
        if page_has and not any(p.search(doc.text) for p in page_has):
            return
        spans = set()
        view = _view(doc.lowered, 0, len(doc.lowered))
        for needs, pattern in zip(self.needs, patterns):
            if needs is None or _allows(needs, view):
                spans.update(m.span() for m in pattern.finditer(doc.text) if m.end() > m.start())
        reported: set[int] = set()
        for start, end in sorted(spans):
            start, end = strip_span(doc.text, start, end)
            unit = scope_span(doc, self.options["scope"], start)[0]
            if unit in reported or not self.accept(doc, start, end) or not self.placed(doc, start):
                continue
            reported.add(unit)
            yield Hit(start, end)
            if self.options["once"]:
                return

    def placed(self, doc: Document, offset: int) -> bool:
        position = self.options["position"]
        if position == "anywhere":
            return True
        index = doc.line_index(offset)
        above = _line_above(doc, index)
        if above is None:
            return False
        if position == "after-prose":
            return _is_prose(doc, above, self.options["prose_words"])
        # under-headline
        if doc.line_words[above] > self.options["headline_max_words"] or is_sentence(doc.line_text(above)):
            return False
        return not any(_is_prose(doc, i, self.options["prose_words"]) for i in doc.nonblank if i < index)


def _line_above(doc: Document, index: int) -> int | None:
    before = [i for i in doc.nonblank if i < index]
    return before[-1] if before else None


def _is_prose(doc: Document, index: int, min_words: int) -> bool:
    return doc.line_words[index] >= min_words and is_sentence(doc.line_text(index))


def _check(pattern: str, key: str) -> None:
    try:
        compile_pattern(pattern, False)
    except (PatternError, re.error) as err:
        raise OptionError(key, str(err)) from None
