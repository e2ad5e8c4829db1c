"""credit-line: `phrase`, with patterns that name "any outlet the source registry knows".

A wire or syndication credit is a layout ("CITY (X) —", "Name, X", "Copyright 2020 X.
All rights reserved", "provided by X") around a name. The layouts are data in the pack;
the names come from the registry (lint/registry.py: rules/sources.yaml plus a user
registry), so a newsroom that adds an agency gets its credits found. In a pattern:

  {AGENCY}      a news agency (registry role "agency": wires, state news agencies)
  {OUTLET}      a news outlet (wire, newspaper, broadcaster, state media, magazine, site)
  {AGGREGATOR}  an aggregator (MSN, Yahoo News)
  {ISSUER}      a government press office or press-release service
  {UNLISTED}    a name the registry does NOT know ("KATHMANDU, Jan 5 (RSS):" where the
                layout alone proves a credit): the finding names it, for the registry

A placeholder matches a name-shaped run of up to six words, and the hit stands only
when that text is a name or alias of a source in that role, written by the registry's
case rules ("AP" upper-case, "Reuters" with its capital). A placeholder that opens the
pattern may start at any word, so its last words may be the name ("Reporters from
Associated Press contributed"); one that closes it, its first words ("provided by
Reuters and edited"). Elsewhere the run is the shortest the layout allows and must be
the name: "Reuters Videos" alone on a line is a menu, not a byline. `{AGENCY_TAIL}` is
a run of up to twelve words that ends with the name ("By JANE ROE and JOHN DOE
Associated Press", where no comma marks where the names end); `{AGENCY_HEAD}` one that
starts with it ("Associated Press Medical Writer": the layout's words follow). `{AGENCY_ANYCASE}` drops the case rules for
layouts that are cue enough ("(efe-epa).-", "Ap Sports Writer"); `{OUTLET|ISSUER}`
accepts either role. The name-shaped run is taken greedily and not retried, so put
literal alternatives in a pattern of their own. Upper-case names keep these apart
from the pack's lower-case {lexicons}.

Where a line sits can matter too (`position`):

  anywhere        (default)
  under-headline  in the page head: the line above is headline-sized (`headline_min_words`
                  to `headline_max_words`, no sentence end) and no prose line comes before;
                  a two-word line above is a menu item ("Odd News"), not a headline
  after-prose     the line above is prose (at least `prose_words` words, ending a sentence)

and `page_names` (roles) runs the rule only on pages that name a source in one of those
roles anywhere, by the registry's matcher ([aggregator]: a provider line only on an
aggregator's page).

A name that is also an everyday abbreviation, a word or a party (the registry's
`context_required` aliases: "PTI", "PA", "MAP") found alone between two short lines
without digits (a menu, a tag list) is a menu item, not a credit, and is dropped; a
byline over its date line ("PTI" over "| July 9, 2025 | Updated 08:24 IST") or its city
stays.

The patterns are ordinary regular expressions (compiled once, prefiltered by the words
their layout needs, lint/matcher.py); no registry name is compiled into them, so a
user registry costs nothing at load.
"""
from __future__ import annotations

from typing import NamedTuple

from .. import compiled_regex
from ..document import Document
from ..finding import Hit
from ..matcher import _WORD_RE, Matcher, PatternError, _view
from ..registry import ROLES
from ..segment import strip_span
from . import Context, OptionError
from .lines import is_sentence
from .phrase import Phrase, scope_span

PLACEHOLDER = compiled_regex.compile(r"\{((?:AGENCY|OUTLET|AGGREGATOR|ISSUER|UNLISTED)(?:_ANYCASE)?(?:\|(?:AGENCY|OUTLET|AGGREGATOR|ISSUER)(?:_ANYCASE)?)*)(_TAIL|_HEAD)?\}")
UNLISTED = "unlisted"   # not a registry role: the run must be no registry name at all
POSITIONS = ("anywhere", "under-headline", "after-prose")
# A name: words of letters and digits (inner dots, apostrophes, & and ! allowed), joined
# by spaces or single hyphens, at most six ("Agenzia Nazionale Stampa Associata").
_WORD = r"[^\W_][\w&'’!]*(?:\.[\w&'’!]+)*"
_START = r"(?<![\w&'’.])"  # a name starts a word: no attempt from inside one (speed)
_SHAPE = rf"{_START}{_WORD}(?:(?:[ \t]+|-){_WORD}){{0,5}}"  # greedy where it closes the pattern, else lazy
_TAIL_SHAPE = rf"{_START}{_WORD}(?:(?:[ \t]+|-){_WORD}){{0,11}}"  # _TAIL: names and words before the name
_SEP = compiled_regex.compile(r"[ \t]+|-")
_SHORT_LINE_WORDS = 3  # a menu or tag list: the lines around a bare name this short...
_DIGIT = compiled_regex.compile(r"\d")  # ...with no digit (a timestamp under a byline has some)
_THE_BEFORE = compiled_regex.compile(r"(?i)(?<![\w'’])the[ \t]+$")  # a layout's "(?:the[ \t]+)?" took it


class Slot(NamedTuple):
    roles: tuple[tuple[str, bool], ...]  # (role, any_case) pairs a name here may stand for
    opens: bool   # the placeholder opens the pattern: its run may start before the name
    closes: bool  # it closes the pattern: its run may go on after the name


def compile_layout(pattern: str) -> tuple[str, list[Slot]]:
    """The pattern with each placeholder as a named group of name shape, and its slots."""
    slots: list[Slot] = []

    def group(m) -> str:
        roles = []
        for part in m.group(1).split("|"):  # "AGENCY_ANYCASE" -> ("agency", True)
            role, _, anycase = part.partition("_")
            roles.append((role.lower(), bool(anycase)))
        edge = m.group(2)
        opens = edge == "_TAIL" or pattern[:m.start()].replace(r"\b", "") == ""
        closes = edge == "_HEAD" or pattern[m.end():].replace(r"\b", "") == ""
        slots.append(Slot(tuple(roles), opens, closes))
        if edge:  # greedy: the run takes the words beside the name too ("MILLER and ... AP")
            return f"(?P<n{len(slots) - 1}>{_TAIL_SHAPE})"
        # Lazy, the run stops where the layout goes on ("Ap Sports Writer": "Ap", then
        # the layout's "Sports Writer"); greedy at the end, where nothing follows.
        return f"(?P<n{len(slots) - 1}>{_SHAPE if closes else _SHAPE + '?'})"

    return PLACEHOLDER.sub(group, pattern), slots


def registry_name(registry, text: str, slot: Slot, after_the: bool = False) -> tuple[int, int] | None:
    """Span within `text` of a registry name in one of the slot's roles: the whole text,
    else its last words (an opening slot), else its first words (a closing one).
    `after_the`: the layout took a "the" just before the text, so "Hill" may be "The Hill"."""
    if slot.roles[0][0] == UNLISTED:   # the whole run, and no source by any name
        return None if registry.source_for(text) is not None else (0, len(text))
    cuts = [m.span() for m in _SEP.finditer(text)]
    candidates = [(0, len(text))]
    if slot.opens:
        candidates += [(end, len(text)) for _, end in cuts]           # drop leading words
    if slot.closes:
        candidates += [(0, start) for start, _ in reversed(cuts)]     # drop trailing words
    matcher = None
    for start, end in candidates:
        name = text[start:end]
        src = registry.source_for(name)
        if src is None or (name.lower() in src.domains and name not in src.aliases):   # "RTTNews.com" may be an alias
            continue
        for role, any_case in slot.roles:
            if not ROLES[role](src):
                continue
            if any_case:
                return start, end
            if matcher is None:
                matcher = registry.matcher()
            if matcher.fullmatch(name) or (after_the and start == 0 and matcher.fullmatch("The " + name)):
                return start, end
    return None


class CreditLine(Phrase):
    name = "credit-line"
    needs_registry = True
    OPTIONS = {
        **Phrase.OPTIONS,
        "position": "anywhere",
        "headline_min_words": 1,    # under-headline: the line above is at least this long...
        "headline_max_words": 16,   # ...and at most this long...
        "prose_words": 12,          # ...and no prose line of this many words comes before
        "page_names": [],           # roles: the page must name a source in one of them
    }

    def __init__(self, options: dict):
        if options.get("phrases"):
            raise OptionError("phrases", "credit-line takes patterns only (a layout around a name)")
        templates = list(options.get("patterns", []))
        layouts = [compile_layout(p) for p in templates]
        # Phrase checks the options and compiles the layouts: a broken one fails at load.
        super().__init__({**options, "patterns": [p for p, _ in layouts]})
        self.options["patterns"] = templates
        if self.options["position"] not in POSITIONS:
            raise OptionError("position", f"'{self.options['position']}' is not one of {', '.join(POSITIONS)}")
        cs = self.options["case_sensitive"]
        self.layouts = [(_matcher(p, cs, "patterns"), slots) for p, slots in layouts]
        bad = [r for r in self.options["page_names"] if r not in ROLES]
        if bad:
            raise OptionError("page_names", f"'{bad[0]}' is not one of {', '.join(ROLES)}")

    def find(self, doc: Document, ctx: Context):
        registry = ctx.registry
        if registry is None:  # a kind used on its own, outside a Linter
            from ..registry import default_registry

            registry = default_registry()
        if self.options["page_names"] and not _names_role(doc, registry, self.options["page_names"]):
            return
        spans = set()
        words = _view(doc.lowered, 0, len(doc.text)).words
        for matcher, slots in self.layouts:
            # A layout around a name needs one of its roles' names among the text's words:
            # one set test, where running the layout on every line was most of this kind's time.
            roles = {role for slot in slots for role, _ in slot.roles}
            if slots and UNLISTED not in roles and not _names_present(registry, roles, words):
                continue
            spans.update(_hits(doc, matcher, slots, registry))
        reported: set[int] = set()
        for start, end, names in sorted(spans):
            start, end = strip_span(doc.text, start, end)
            unit = scope_span(doc, self.options["scope"], start)[0]
            if unit in reported or not self.accept(doc, start, end) or not self.placed(doc, start):
                continue
            if names and (all(registry.needs_context(n) for n in names) and _in_short_run(doc, start)
                          or _masthead(doc, start)):
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
        if not self.options["headline_min_words"] <= doc.line_words[above] <= self.options["headline_max_words"] \
                or is_sentence(doc.line_text(above)):
            return False
        return not any(_is_prose(doc, i, self.options["prose_words"]) for i in doc.nonblank if i < index)


def _hits(doc: Document, matcher: Matcher, slots, registry):
    """(start, end, names) of each match whose every placeholder holds a registry name."""
    for start, end in matcher.line_matches(doc.text, doc.lowered, doc.line_starts):
        if not slots:
            yield start, end, ()
            continue
        m = matcher.patterns[0].match(doc.text, start)  # the same match again, for its groups
        if m is None:
            continue
        names = []
        for i, slot in enumerate(slots):
            text = m.group(f"n{i}")
            if text is None:
                continue
            at = m.start(f"n{i}")
            found = registry_name(registry, text, slot, _THE_BEFORE.search(doc.text, max(0, at - 8), at) is not None)
            if found is None:
                break
            names.append(text[found[0]:found[1]])
        else:
            yield start, end, tuple(names)


_NAME_WORDS: dict = {}   # id(registry) -> (registry, {role: {a word: [word sets of the names holding it]}})


def _names_present(registry, roles: set[str], words: frozenset) -> bool:
    """Whether every word of some name or alias of a source in `roles` is in `words`."""
    cached = _NAME_WORDS.get(id(registry))
    if cached is None or cached[0] is not registry:
        # Each name filed under its longest word: a text is checked only against the names
        # one of whose words it holds, not against every name of the registry.
        by_role: dict[str, dict[str, list[frozenset]]] = {role: {} for role in ROLES}
        for src in registry.sources:
            src_roles = [role for role, test in ROLES.items() if test(src)]
            if src_roles:   # names and aliases (roles never take a domain), each word set once
                names = {_name_words(n) for n in (src.name, *src.aliases)}
                names.discard(frozenset())
                for role in src_roles:
                    for name in names:
                        filed = by_role[role].setdefault(max(sorted(name), key=len), [])
                        if name not in filed:
                            filed.append(name)
        cached = _NAME_WORDS[id(registry)] = (registry, by_role)
    global _PRESENT
    known_words, known_registry, answers = _PRESENT
    if known_words is not words or known_registry is not registry:   # a new document
        answers = {}
        _PRESENT = (words, registry, answers)
    for role in roles:
        if role not in answers:
            filed = cached[1].get(role, {})
            answers[role] = any(name <= words for word in filed.keys() & words for name in filed[word])
        if answers[role]:
            return True
    return False


def _name_words(name: str) -> frozenset:
    """The words a text must hold to name `name` (a leading "The" is optional, as in the matcher)."""
    words = _WORD_RE.findall(name.lower())
    return frozenset(words[1:] if len(words) > 1 and words[0] == "the" else words)


_PRESENT: tuple = (None, None, {})   # (the last text's words, registry, {role: a name of it is there})


def _names_role(doc: Document, registry, roles) -> bool:
    """Whether the text names a source in one of `roles` (registry matcher, case rules)."""
    if not _names_present(registry, set(roles), _view(doc.lowered, 0, len(doc.text)).words):
        return False   # no such name among the words: the matcher need not run
    keep = [ROLES[r] for r in roles]
    for m in registry.matcher().finditer(doc.text):
        src = registry.source_for(m.group())
        if src is not None and any(k(src) for k in keep):
            return True
    return False


def _matcher(pattern: str, case_sensitive: bool, key: str) -> Matcher:
    try:
        return Matcher([], [pattern], case_sensitive)
    except PatternError as err:
        raise OptionError(key, str(err)) from None


def _line_above(doc: Document, index: int) -> int | None:
    before = [i for i in doc.nonblank if i < index]
    return before[-1] if before else None


def _line_below(doc: Document, index: int) -> int | None:
    return next((i for i in doc.nonblank if i > index), None)


def _is_prose(doc: Document, index: int, min_words: int) -> bool:
    return doc.line_words[index] >= min_words and is_sentence(doc.line_text(index))


def _masthead(doc: Document, offset: int) -> bool:
    """A bare name on the page's first line over two short lines without digits: the site's
    logo over its menu ("Reuters" over "World", "Business" on Reuters' own page), not a byline."""
    index = doc.line_index(offset)
    if doc.line_words[index] > _SHORT_LINE_WORDS or _line_above(doc, index) is not None:
        return False
    below = [i for i in doc.nonblank if i > index][:2]
    return len(below) == 2 and all(doc.line_words[i] <= _SHORT_LINE_WORDS and not _DIGIT.search(doc.line_text(i))
                                   for i in below)


def _in_short_run(doc: Document, offset: int) -> bool:
    """The short line at offset sits between two short lines without digits: an item of a
    menu or tag list, not a byline over its date line, nor a dateline."""
    index = doc.line_index(offset)
    if doc.line_words[index] > _SHORT_LINE_WORDS:
        return False
    around = [_line_above(doc, index), _line_below(doc, index)]
    return all(i is not None and doc.line_words[i] <= _SHORT_LINE_WORDS and not _DIGIT.search(doc.line_text(i))
               for i in around)
