"""Search a pattern where its lead words are, instead of trying it at every character.

The stdlib engine's fast scans (a literal prefix, a set of first characters)
do not apply to a case-insensitive pattern whose first letters have case, so
such a pattern is tried at every character, and one that opens with zero-width
tests (`\\b`, a clause start's dozen lookbehinds) pays for all of them at every
word. Most of newslint's patterns open with words from a lexicon ("many",
"critics", "believed"), and every match begins with one of them. That set of
words, the pattern's *lead*, is compiled alone, case-sensitive, and searched in
the lowered text, where the first-character scan applies; the pattern is then
tried only where a lead word is (`match` at that offset: its lookbehinds and
`\\b` still see the text before it).

A pattern whose lead words come after a variable opening (a clause start and up
to three modifiers before "critics") marks the split with `(?#lead)`: the part
after the mark is searched as above, and the part before it is matched
backwards from each hit (a lookbehind of any width, up to BEHIND characters).
That only finds where a match must be: the whole pattern is then searched
there, from BEHIND characters back, so what is found is what `finditer` finds
(the leftmost match, with the whole pattern's own choices, then the next one
after its end). The mark is a comment, so the pattern means the same with or
without it. One rule for the part before the mark: it is matched with the text
cut at the mark, so it must not look past its own end (no `\\b` or lookahead
there when it may match nothing: open it with a lookbehind such as
`(?<![\\w’'-])` instead of a `\\b`).
"""
from __future__ import annotations

import re
from re import _constants as sre  # the stdlib engine's own parser: private, but stable
from re import _parser as sre_parse
from typing import Callable, Iterator, NamedTuple

from . import compiled_regex

MARK = "(?#lead)"
# How far back the part before the mark may reach from a lead word: a name with
# two asides before its verb, three modifiers and a clause start before a group.
# (A longer opening would be found from further on, or not at all.)
BEHIND = 400
# A lead of fewer characters than this (a lone "a") is everywhere: no gain. (A symbol
# outside ASCII, "©" or "™", is rare enough alone.)
MIN_LEAD = 3
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
# Under IGNORECASE `re` matches i with ı and İ, s with ſ; the lowered text keeps them apart.
_FOLD = str.maketrans({"ı": "i", "İ": "i", "ſ": "s"})
_NEEDS_FOLD = re.compile("[ıİſ]")


class Plan(NamedTuple):
    lead: re.Pattern               # the lead words, searched in the lowered text
    body: re.Pattern               # the pattern from its lead on (the whole pattern without a mark)
    behind: re.Pattern | None      # the part before the mark, anchored to end where the lead begins
    whole: Callable[[], re.Pattern]  # the whole pattern, compiled when first needed (marked only)
    firsts: tuple[str, ...] = ()   # the lead words' first tokens (up to a space): where a lead can begin


def plan(source: str, flags: int, compile_part, whole: Callable[[], re.Pattern]) -> Plan | None:
    """How to search `source` from its lead, or None when it has none (search it whole).

    `compile_part` compiles a part of the pattern as the matcher compiles patterns;
    `whole` gives the whole pattern compiled."""
    head, mark, tail = source.partition(MARK)
    body_source = tail if mark else source
    lead = compiled_regex.built(lead_pattern, [body_source, str(int(flags))])
    if not lead:
        return None
    firsts = tuple(sorted({w.split(" ")[0] for w in compiled_regex.built(lead_words, [body_source, str(int(flags))]).split("\n")}))
    if any(len(t) < MIN_LEAD and t.isascii() for t in firsts):
        firsts = ()   # "a" of "a number of" is nearly everywhere: the lead is scanned for instead
    try:
        body = compile_part(body_source)
        behind = compile_part(f"(?:{head})\\Z") if mark else None
    except Exception:  # a part that does not stand alone (a back-reference across the mark)
        return None
    if not isinstance(body, re.Pattern) or (behind is not None and not isinstance(behind, re.Pattern)):
        return None
    _register(firsts)
    return Plan(compiled_regex.compile(lead), body, behind, whole, firsts)


def lead_pattern(parts: list[str]) -> str:
    """The lead of a pattern as a case-sensitive regex over lowered text; "" when it has none.

    The lead is what the pattern's opening items can match, from the first
    that consumes text up to the first that is not a small set of literal
    strings ("many", "a number of", "the critics"): lowercased, whitespace as
    \\s+, shaped as a prefix trie."""
    words = lead_words(parts)
    return _trie(sorted(words.split("\n"))) if words else ""


def lead_words(parts: list[str]) -> str:
    """The words of lead_pattern, one a line ("a number of": spaces stand for \\s+)."""
    from .matcher import _LINE, _MARK, _MAX_EXACT, _Analysis, _product  # the matcher imports this module

    source, flags = parts[0], int(parts[1])
    try:
        tree = sre_parse.parse(source, flags)
    except (re.error, RecursionError):
        return ""
    analysis, strings = _Analysis(), frozenset([""])
    items = list(tree)
    while items and items[0][0] in _ZERO_WIDTH:
        items.pop(0)
    for item in items:
        try:
            exact = analysis.summary(item)[0]
        except Exception:  # whatever the analysis does not support ends the lead
            break
        longer = _product(strings, exact) if exact is not None else None
        if longer is None or len(longer) > _MAX_EXACT:
            break
        strings = longer
    words = {s.replace(_MARK, "").replace(_LINE, "").rstrip(" ") for s in strings}
    if any((len(w) < MIN_LEAD and w.isascii()) or w[0] == " " or "\n" in w for w in words):   # "©" is lead enough
        return ""
    # Where "many also" matches, so does "many": the shortest words are lead enough, and
    # patterns that open alike then share one lead (and one scan of each text).
    words = {w for w in words if not any(v != w and w.startswith(v) for v in words)}
    return "\n".join(sorted(words))


def _trie(words: list[str]) -> str:
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [("\\s+" if char == " " else re.escape(char)) + emit(child)
                    for char, child in node.items() if char]
        if "" in node:
            branches.append("")  # a word that ends here: the lead need not go on
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return emit(root)


_folded_cache: tuple = (None, None)


def folded(lowered: str) -> str:
    """`lowered` with the letters IGNORECASE matches across folded together (same length)."""
    global _folded_cache
    if _folded_cache[0] is not lowered:
        out = lowered if lowered.isascii() or not _NEEDS_FOLD.search(lowered) else lowered.translate(_FOLD)
        _folded_cache = (lowered, out)
    return _folded_cache[1]


def finditer(search: Plan, text: str, lowered: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The spans `finditer` gives for the whole pattern in text[start:end] (all non-empty)."""
    lead, body, behind, whole, firsts = search
    haystack = folded(lowered)
    floor = start  # where the last match ended: the next may not begin before it
    for at in _lead_starts(lead, firsts, haystack, start, end):
        if at < floor:
            continue
        found = body.match(text, at, end)
        if found is None:
            continue
        if behind is None:  # everything before the lead is zero-width: the whole pattern is the body
            yield at, found.end()
            floor = found.end()
            continue
        if behind.search(text, max(floor, at - BEHIND), at) is None:
            continue
        # A match must begin within BEHIND of this lead, the first that has one; where it
        # begins and ends is the whole pattern's choice.
        found = whole().search(text, max(floor, at - BEHIND), end)
        if found is None:  # an opening longer than BEHIND: the text holds no match here
            continue
        yield found.span()
        floor = found.end()


# Where each lead matches in the document being read, for the patterns that share a
# lead ("many", "some" ... opens five of them): found once per text.
_starts_cache: tuple = (None, {})


def _lead_starts(lead: re.Pattern, firsts: tuple[str, ...], haystack: str, start: int, end: int) -> Iterator[int]:
    """Every offset in [start, end) where the lead matches, overlapping ones included."""
    global _starts_cache
    whole = start == 0 and end == len(haystack)
    if whole:
        cached, table = _starts_cache
        if cached is not haystack:
            table = {}
            _starts_cache = (haystack, table)
        starts = table.get(lead)
        if starts is None:
            starts = table[lead] = _verified(lead, firsts, haystack, table) if firsts else list(_scan(lead, haystack, 0, end))
        return iter(starts)
    return _scan(lead, haystack, start, end)


def _verified(lead: re.Pattern, firsts: tuple[str, ...], haystack: str, table: dict) -> list[int]:
    """Where the lead matches: where one of its first tokens occurs (every registered lead's
    tokens found in one Aho-Corasick pass of the text, kept in `table`) and the lead matches
    there. A lead scanned alone was tried at nearly every character: its words open with
    most letters of the alphabet."""
    automaton = _automaton_of_firsts()
    found_by, occurrences = table.get(_FIRSTS_KEY, (None, None))
    if found_by is not automaton:   # not yet found in this text, or a lead was planned since
        occurrences = {}
        for last, token in automaton.iter(haystack):
            occurrences.setdefault(token, []).append(last - len(token) + 1)
        table[_FIRSTS_KEY] = (automaton, occurrences)
    candidates = [at for token in firsts for at in occurrences.get(token, ())]
    if len(firsts) > 1:
        candidates = sorted(set(candidates))
    match = lead.match
    return [at for at in candidates if match(haystack, at)]


_FIRSTS: set[str] = set()   # every registered lead's first tokens
_FIRSTS_KEY = object()      # their occurrences, in the table of the text being read
_automaton = None


def _register(firsts: tuple[str, ...]) -> None:
    global _automaton
    new = set(firsts) - _FIRSTS
    if new:
        _FIRSTS.update(new)
        _automaton = None


def _automaton_of_firsts():
    global _automaton
    if _automaton is None:
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for token in _FIRSTS:
            automaton.add_word(token, token)
        automaton.make_automaton()
        _automaton = automaton
    return _automaton


def _scan(lead: re.Pattern, haystack: str, pos: int, end: int) -> Iterator[int]:
    while True:
        hit = lead.search(haystack, pos, end)
        if hit is None:
            return
        yield hit.start()
        pos = hit.start() + 1
