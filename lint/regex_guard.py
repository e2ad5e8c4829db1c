"""Refuse, when a pack loads, a pattern that can backtrack exponentially.

A backtracking engine is exponential when a repeat can split one text into its
rounds in many ways: `(a+)+`, `(\\w+\\s?)*`, `(.*)*`, `(a|a)*` on thirty `a`s and
a mismatch try ~2^30 splits. Packs come from newsrooms, so no run may depend on
each pattern being written with care: this module reads the pattern's syntax
tree (the stdlib's own parser, `re._parser`) and refuses it when, inside the body
of an unbounded repeat (or one of more than MAX_ROUNDS rounds), there is a
*choice* the text cannot decide:

- an inner repeat of varying length whose next round could start with the same
  character as what follows it (the rest of the body, then the outer repeat's
  next round): `(a+)+`, `(\\w+\\s?)*`, `(.+\\s)*`;
- an alternation two of whose branches can start with the same character:
  `(a|a)*`, `(aa|a)*`.

It looks at first characters only, so it also refuses a few patterns that are
merely slow to fail (`(\\w+\\d;)*`); rewriting those is cheap and the check
stays small. (`(a|ab)*` passes: the stdlib factors it into `a(?:|b)`, whose
branches start differently, and it is indeed linear.) Nested small bounded
repeats (`((a+){0,3}){0,3}`) count their rounds multiplied; below MAX_ROUNDS
their cost is polynomial and not judged here, nor is `\\s*\\s*` or `^\\s*x`
tried at every offset. An atomic group `(?>...)` or a possessive
repeat (`a*+`) never gives back what it took, so choices inside one are no
choices. Characters are compared on a sample alphabet: ASCII, some non-ASCII
letters, digits, spaces and punctuation, and every character and range end the
pattern names (so two ranges that overlap share a sample).

It costs ~2 ms a pattern (a big lexicon group ~20 ms), paid once: lint/matcher.py
calls it only for a pattern it has no remembered analysis of.

Patterns only the `regex` module reads (`\\p{Lu}`) are checked with each
Unicode property stood in for by a stdlib class of the same shape; other
`regex`-only syntax cannot be checked, and is refused.
"""
from __future__ import annotations

import re
from re import _constants as sre
from re import _parser as sre_parse

MAX_ROUNDS = 10   # rounds (multiplied through nested repeats) past which a choice inside is refused

_SAMPLES = (
    "".join(map(chr, range(128)))
    + "\u00a0\u2007\u2028\u3000"                   # spaces
    + "éÉßøıİſķǅ" + "αΩжЖ" + "中あ한" + "ـ"          # letters (ǅ titlecase, ı/İ/ſ fold oddly)
    + "٣²½"                                         # digits, numbers
    + "‘’“”«»–—…·•€"                                # punctuation, symbols
    + "\u200b\u00ad"                                # format characters
)
_CATEGORY = {
    sre.CATEGORY_DIGIT: re.compile(r"\d").match, sre.CATEGORY_NOT_DIGIT: re.compile(r"\D").match,
    sre.CATEGORY_SPACE: re.compile(r"\s").match, sre.CATEGORY_NOT_SPACE: re.compile(r"\S").match,
    sre.CATEGORY_WORD: re.compile(r"\w").match, sre.CATEGORY_NOT_WORD: re.compile(r"\W").match,
}
_UNBOUNDED = (sre.MAX_REPEAT, sre.MIN_REPEAT)


class Backtracking(ValueError):
    """The pattern can backtrack exponentially; the message says where, in one line."""


def check(pattern: str, flags: int = 0) -> None:
    """Raise Backtracking when `pattern` holds a repeat the text cannot split in one way."""
    try:
        tree = sre_parse.parse(pattern, flags)
    except re.error:
        stood_in = _without_properties(pattern)
        try:
            tree = sre_parse.parse(stood_in, flags)
        except re.error:
            raise Backtracking("uses `regex`-module syntax whose backtracking newslint cannot check "
                               "(only \\p{...} and \\P{...} are read beyond the stdlib's syntax)") from None
    _Walk(pattern, tree).sequence(list(tree), 0, tree.state.flags, 1)


class _Walk:
    """One pattern's check: sets of sample characters are bit masks over its alphabet."""

    def __init__(self, pattern: str, tree):
        alphabet = dict.fromkeys(_SAMPLES)
        for code in _named(list(tree)):   # so two ranges that overlap share a sample
            alphabet.update(dict.fromkeys(_forms(chr(code), True)))
        self.pattern = pattern
        self.alphabet = list(alphabet)
        self.all = (1 << len(self.alphabet)) - 1
        self.bit = {char: 1 << index for index, char in enumerate(self.alphabet)}
        self.folded: dict[str, int] = {}   # a case form -> the samples that have it
        for char, bit in self.bit.items():
            for form in _forms(char, True):
                self.folded[form] = self.folded.get(form, 0) | bit
        self._first: dict[tuple[int, int], tuple[int, bool]] = {}
        self._masks: dict[tuple, int] = {}

    # -- what a piece can start with, and whether it can match nothing ------------------
    def first(self, items: list, flags: int) -> tuple[int, bool]:
        """(characters a match of the sequence can start with, can it match empty)."""
        chars = 0
        for item in items:
            head, empty = self.first_item(item, flags)
            chars |= head
            if not empty:
                return chars, False
        return chars, True

    def first_item(self, item, flags: int) -> tuple[int, bool]:
        key = (id(item), flags)
        known = self._first.get(key)
        if known is None:
            known = self._first[key] = self._first_item(item, flags)
        return known

    def _first_item(self, item, flags: int) -> tuple[int, bool]:
        op, av = item
        if op in (sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.IN):
            return self.chars(item, flags), False
        if op is sre.SUBPATTERN:
            return self.first(list(av[3]), _flags(flags, av))
        if op is sre.ATOMIC_GROUP:
            return self.first(list(av), flags)
        if op in _UNBOUNDED or op is sre.POSSESSIVE_REPEAT:
            head, empty = self.first(list(av[2]), flags)
            return head, empty or av[0] == 0
        if op is sre.BRANCH:
            heads = [self.first(list(branch), flags) for branch in av[1]]
            return _union(h for h, _ in heads), any(e for _, e in heads)
        if op is sre.GROUPREF_EXISTS:
            yes = self.first(list(av[1]), flags)
            no = self.first(list(av[2]), flags) if av[2] else (0, True)
            return yes[0] | no[0], yes[1] or no[1]
        if op is sre.GROUPREF:
            return self.all, True     # a backreference: any text, even none
        return 0, True                # AT, ASSERT, ASSERT_NOT: zero width

    def chars(self, item, flags: int) -> int:
        """The sample characters one character-matching item matches."""
        op, av = item
        fold = bool(flags & re.IGNORECASE)
        if op is sre.ANY:
            return self.all if flags & re.DOTALL else self.all & ~self.literal(ord("\n"), False)
        if op is sre.LITERAL:
            return self.literal(av, fold)
        if op is sre.NOT_LITERAL:
            return self.all & ~self.literal(av, fold)
        mask, negate = 0, False
        for part, value in av:
            if part is sre.NEGATE:
                negate = True
            elif part is sre.LITERAL:
                mask |= self.literal(value, fold)
            elif part is sre.RANGE:
                mask |= self.matching(("range", value, fold), lambda c, lo=value[0], hi=value[1]:
                                      any(lo <= ord(form) <= hi for form in _forms(c, fold)))
            else:   # CATEGORY: \d \s \w and their opposites; a rarer one counts as anything
                test = _CATEGORY.get(value, lambda c: True)
                mask |= self.matching(("category", value), test)
        return self.all & ~mask if negate else mask

    def literal(self, code: int, fold: bool) -> int:
        char = chr(code)
        if not fold:
            return self.bit.get(char, 0)
        return _union(self.folded.get(form, 0) for form in _forms(char, True))

    def matching(self, key: tuple, test) -> int:
        mask = self._masks.get(key)
        if mask is None:
            mask = self._masks[key] = _union(bit for char, bit in self.bit.items() if test(char))
        return mask

    # -- the walk ----------------------------------------------------------------------
    def sequence(self, items: list, after: int, flags: int, rounds: int) -> None:
        """Check each item of a sequence. `rounds`: how many times the enclosing repeats
        may run it (their maxima multiplied); `after`: the characters that may follow
        it, inside a repeated body up to the body's end and then its next round."""
        follows = [0] * len(items)
        rest = after
        for index in range(len(items) - 1, -1, -1):
            follows[index] = rest
            head, empty = self.first_item(items[index], flags)
            rest = head | (rest if empty else 0)
        for item, follow in zip(items, follows):
            self.item(item, follow, flags, rounds)

    def item(self, item, after: int, flags: int, rounds: int) -> None:
        op, av = item
        repeated = rounds > MAX_ROUNDS
        if op is sre.SUBPATTERN:
            self.sequence(list(av[3]), after, _flags(flags, av), rounds)
        elif op in _UNBOUNDED:
            low, high, body = av
            body = list(body)
            head, _ = self.first(body, flags)
            if repeated and high > low and head & after:
                raise self._refuse("a repeat inside a repeated group can stop where the text "
                                   "after it, or the group's next round, could go on")
            inner = min(rounds * high, sre.MAXREPEAT)
            if inner > MAX_ROUNDS and not repeated:
                # The rounds of this repeat: a choice inside one that the next round could
                # also take splits the text many ways. What follows the whole repeat does
                # not (a round given back to it is given back once).
                self.sequence(body, head, flags, inner)
            else:
                self.sequence(body, head | after if high > 1 else after, flags, inner)
        elif op is sre.BRANCH:
            if repeated:
                seen = 0
                for branch in av[1]:
                    head, empty = self.first(list(branch), flags)
                    head |= after if empty else 0
                    if head & seen:
                        raise self._refuse("two branches of an alternation inside a repeated group "
                                           "can start with the same character")
                    seen |= head
            for branch in av[1]:
                self.sequence(list(branch), after, flags, rounds)
        elif op is sre.GROUPREF_EXISTS:
            self.sequence(list(av[1]), after, flags, rounds)
            if av[2]:
                self.sequence(list(av[2]), after, flags, rounds)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            # The lookaround's own pattern is tried on its own; nothing of ours follows it.
            self.sequence(list(av[1]), 0, flags, 1)
        # ATOMIC_GROUP, POSSESSIVE_REPEAT: what they took is never given back, so no
        # choice inside them is revisited. Single characters and anchors hold none.

    def _refuse(self, why: str) -> Backtracking:
        shown = self.pattern if len(self.pattern) <= 80 else self.pattern[:77] + "..."
        return Backtracking(f"pattern {shown!r} can take exponential time: {why} "
                            "(like (a+)+ or (a|a)*); make each round start with text the "
                            "previous one cannot end with, or use an atomic group (?>...)")


def _flags(flags: int, group) -> int:
    """Flags inside a (?flags:...) group."""
    _, add, remove, _ = group
    return (flags | add) & ~remove


def _same(char: str, other: str, fold: bool) -> bool:
    return char == other or (fold and not _forms(char, True).isdisjoint(_forms(other, True)))


def _forms(char: str, fold: bool) -> set[str]:
    """The character and, folding case, its other cases that are one character ('ß'.upper() is 'SS')."""
    if not fold:
        return {char}
    return {form for form in (char, char.lower(), char.upper(), char.casefold()) if len(form) == 1}


def _named(items: list) -> list[int]:
    """Every character a parse tree names: literals and the ends of ranges."""
    out, stack = [], [items]
    while stack:
        for op, av in stack.pop():
            if op in (sre.LITERAL, sre.NOT_LITERAL):
                out.append(av)
            elif op is sre.RANGE:
                out.extend(av)
            elif op is sre.IN:
                stack.append(av)
            elif op is sre.BRANCH:
                stack.extend(av[1])
            elif isinstance(av, sre_parse.SubPattern):   # ATOMIC_GROUP
                stack.append(av)
            elif isinstance(av, tuple):   # groups, repeats, lookarounds, conditionals
                stack.extend(part for part in av if isinstance(part, sre_parse.SubPattern))
    return out


def _union(masks) -> int:
    out = 0
    for mask in masks:
        out |= mask
    return out


# -- patterns for the `regex` module -------------------------------------------------
# A property class stood in for by a stdlib class of the same characters, near enough
# for comparing first characters: (inside a [...] set, outside one).
_PUNCTUATION = "!-/:-@\\[-`{-~\u00a1-\u00bf\u2010-\u2027\u2030-\u205e\u3000-\u303f"
_PROPERTY_CLASSES = (
    (re.compile(r"^(?:n|nd|digit|decimalnumber)$"), "\\d"),
    (re.compile(r"^(?:z|zs|zl|zp|space|whitespace|separator)$"), "\\s"),
    (re.compile(r"^(?:p[a-z]?|s[a-z]?|punct|punctuation|symbol)$"), _PUNCTUATION),
    (re.compile(r"^(?:l[a-z&]?|letter|alpha|alphabetic|upper|uppercase|lower|lowercase|n[lo]|m[a-z]?|mark|alnum|word)$"), "\\w"),
)
_PROPERTY = re.compile(r"\\([pP])(?:\{\^?([^}]*)\}|([A-Za-z]))")


def _without_properties(pattern: str) -> str:
    """The pattern with each \\p{...} / \\P{...} replaced by a stdlib class."""
    out, index, in_set = [], 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            match = _PROPERTY.match(pattern, index)
            if match:
                out.append(_stand_in(match, in_set))
                index = match.end()
                continue
            out.append(pattern[index:index + 2])
            index += 2
            continue
        if char == "[" and not in_set:
            in_set = True
            out.append(char)
            index += 1
            for opener in ("^", "]"):   # a ']' first in a set is a literal
                if pattern.startswith(opener, index):
                    out.append(opener)
                    index += 1
            continue
        if char == "]" and in_set:
            in_set = False
        out.append(char)
        index += 1
    return "".join(out)


def _stand_in(match, in_set: bool) -> str:
    name = (match.group(2) or match.group(3) or "").strip().lower()
    name = re.sub(r"[\s_-]|^(?:is|in|gc=|general_?category=)", "", name)
    negated = (match.group(1) == "P") != ("{^" in match.group(0))
    content = next((cls for rule, cls in _PROPERTY_CLASSES if rule.match(name)), None)
    if content is None or (negated and in_set):
        return "\\s\\S" if in_set else "[\\s\\S]"   # unknown, or not expressible: any character
    if negated:
        return f"[^{content}]"
    return content if in_set or content.startswith("\\") and len(content) == 2 else f"[{content}]"
