"""Compile a rule's phrases and patterns into one matcher, once, when the pack loads.

Phrases are the fast path: lowercased, shaped as a prefix trie (so the regex
engine never retries a shared prefix) and run with the stdlib `re` over the
document's lowercased text; this is ~10x faster than one IGNORECASE alternation
(measured in issue 5). Patterns are full regular expressions for what phrases
cannot say; they run with the stdlib engine, or with the `regex` module when
they use what only it knows (Unicode properties such as \\p{Lu}).

Most patterns find nothing in most documents, yet a case-insensitive scan costs
the same whether it finds anything or not (10-20 MB/s). So each regex also gets
a *prefilter*, derived from its syntax tree when it compiles: the words (and
failing those, strings) it cannot match without; see "prefilter" below. A
document's words are collected once and shared by every matcher, and a regex
only runs when its words are there: a few set lookups instead of a scan.
"""
from __future__ import annotations

import bisect
import functools
import os
import re
from re import _constants as sre  # the stdlib engine's own parser: private, but stable
from re import _parser as sre_parse  # from 3.11 (requires-python) on
from typing import Iterator

from . import compiled_regex, lead_search
from .line_start import on_its_line

_WS = object()  # trie token: one or more whitespace characters


class PatternError(ValueError):
    def __init__(self, pattern: str, problem: str):
        super().__init__(f"pattern {pattern!r} does not compile: {problem}")


class SlowPatternError(PatternError):
    """A pattern that can backtrack exponentially (lint/regex_guard.py)."""

    def __init__(self, message: str):
        ValueError.__init__(self, message)


def _tokens(phrase: str, lower: bool = True) -> list:
    out: list = []
    for ch in (phrase.strip().lower() if lower else phrase.strip()):
        if ch.isspace():
            if out and out[-1] is not _WS:
                out.append(_WS)
        else:
            out.append(ch)
    return out


def _trie_regex(phrases: list[str], lower: bool = True) -> str:
    trie: dict = {}
    for phrase in phrases:
        tokens = _tokens(phrase, lower)
        if not tokens:
            continue
        node = trie
        for token in tokens:
            node = node.setdefault(token, {})
        # The end marker remembers whether a word boundary must follow.
        node[""] = tokens[-1] is not _WS and (tokens[-1].isalnum() or tokens[-1] == "_")

    def emit(node: dict) -> str:
        branches, ends = [], None
        for token, child in sorted(node.items(), key=lambda kv: "" if kv[0] is _WS else str(kv[0])):
            if token == "":
                ends = child
                continue
            piece = r"\s+" if token is _WS else re.escape(token)
            branches.append(piece + emit(child))
        tail = r"\b" if ends else ""
        if ends is not None:
            branches.append(tail)
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return emit(trie)


def _phrases_regex(phrases: list[str]) -> str | None:
    # Phrases starting with a word character need a boundary before them too.
    starts_word = [p for p in phrases if p.strip()[:1].isalnum()]
    others = [p for p in phrases if not p.strip()[:1].isalnum()]
    parts = []
    if starts_word:
        parts.append(r"\b" + _trie_regex(starts_word))
    if others:
        parts.append(_trie_regex(others))
    return "|".join(parts) or None


def lexicon_regex(entries: list[str]) -> str:
    """A lexicon (literal words and phrases) as one group a pattern can hold: `(?:...)`.

    Shaped as a prefix trie like the phrases; case is kept, so a case-sensitive
    pattern keeps its capitals, and whole words end with a boundary.
    """
    # Kept between runs like the phrase tries (~25 ms of every run to rebuild the packs' lexicons).
    return compiled_regex.built(_lexicon_group, list(entries))


def _lexicon_group(entries: list[str]) -> str:
    return "(?:" + _trie_regex(entries, lower=False) + ")"


def compile_phrases(phrases: list[str]) -> re.Pattern | None:
    if not phrases:
        return None
    return compiled_regex.compile(compiled_regex.built(_phrases_regex, phrases))


def _flags(case_sensitive: bool) -> int:
    # A plain int: re.RegexFlag would not survive the JSON of remembered analyses.
    return int(re.MULTILINE | (0 if case_sensitive else re.IGNORECASE))


# -- analyses remembered between runs -------------------------------------------------
# Working out what a pattern needs parses it (with compiling, ~2 ms a pattern
# and most of the time it takes to load the packs). The answer depends only on
# the pattern's text and flags, so it is worked out once and remembered: the
# built-in packs' answers ship with newslint (lint/pattern_analyses.json,
# written by scripts/gen_pattern_analyses.py, checked fresh by a test), and the
# CLI keeps those of a newsroom's own packs in the cache folder. One format for
# both: JSON rows [text, flags, needs], plain data that runs no code on load.
_UNPLANNED = object()  # a pattern's search plan, before it is first needed
_REMEMBERED: dict[tuple[str, int], tuple | None] = {}
_LEARNED: dict[tuple[str, int], tuple | None] = {}
_UNKNOWN = object()


class _AsRead(list):
    """An analysis as remember() read it, turned into sets on first use: a run asks
    for a fraction of the ~300 shipped ones, and turning them all was ~4 ms."""


def _recall(key: tuple[str, int]):
    """The remembered analysis of (text, flags), or _UNKNOWN (never analysed, or damaged)."""
    needs = _REMEMBERED.get(key, _UNKNOWN)
    if isinstance(needs, _AsRead):
        try:
            needs = tuple((frozenset(words), tuple(strings)) for words, strings in needs)
            if not all(isinstance(x, str) for clause in needs for part in clause for x in part):
                raise TypeError
            _REMEMBERED[key] = needs
        except (TypeError, ValueError):
            del _REMEMBERED[key]
            return _UNKNOWN
    return needs

SHIPPED_ANALYSES = os.path.join(os.path.dirname(__file__), "pattern_analyses.json")
_SHIPPED_READ = False


def _learn(source: str, flags: int, compiled) -> tuple | None:
    needs = prefilter(compiled)
    _LEARNED[(source, flags)] = needs
    return needs


def remember_shipped() -> None:
    """Load the shipped analyses, once per process (that first run after installing
    would otherwise spend ~150 ms working them out)."""
    global _SHIPPED_READ
    if not _SHIPPED_READ:
        _SHIPPED_READ = True
        remember(SHIPPED_ANALYSES, sealed=False)   # installed like the code, checked by a test


def remember(path, sealed: bool = True) -> None:
    """Load remembered analyses; a missing or damaged file only costs time.

    A file keep() wrote is sealed (lint/hashing.py): a well-formed but wrong
    analysis would silently skip a rule where it matches, so one that fails its
    checksum is not read at all."""
    import json

    from .hashing import unseal

    try:
        with open(path, "rb") as handle:
            data = handle.read()
        rows = json.loads((unseal(data) if sealed else data) or b"null")
        loaded = {}
        for source, flags, needs in rows:
            if not isinstance(source, str) or not isinstance(flags, int) or not isinstance(needs, (list, type(None))):
                return
            loaded[(source, flags)] = None if needs is None else _AsRead(needs)
    except (OSError, ValueError, TypeError):
        return
    # A file that does not read as rows gives nothing; a damaged row inside one is
    # found when a rule asks for it (_recall) and worked out afresh.
    _REMEMBERED.update(loaded)


def analyses_rows(analyses: dict) -> list:
    """Analyses as the JSON rows remember() reads, in a stable order."""
    return [
        [source, flags, None if needs is None else [[sorted(words), list(strings)] for words, strings in needs]]
        for (source, flags), needs in sorted(analyses.items())
    ]


def keep(path) -> None:
    """Write what this run learned beside what it remembered, atomically; failures are ignored."""
    import json

    from .atomic import atomic_write
    from .hashing import seal

    if not _LEARNED:
        return
    try:
        recalled = {key: _recall(key) for key in list(_REMEMBERED)}
        rows = analyses_rows({**{k: v for k, v in recalled.items() if v is not _UNKNOWN}, **_LEARNED})
        data = seal(json.dumps(rows, ensure_ascii=False).encode("utf-8"))
        atomic_write(path, lambda out: out.write(data), binary=True)
    except (OSError, ValueError):
        pass


def compile_pattern(pattern: str, case_sensitive: bool):
    """The stdlib engine where it can (2-3x faster here); `regex` for what only it knows (\\p{Lu})."""
    flags = _flags(case_sensitive)
    # ^\s* kept off the lines below (linear on runs of blank lines); the rewrite walks the
    # pattern's text in Python, so it is kept between runs like the compiled code.
    pattern = compiled_regex.built(_on_its_line, [pattern])
    try:
        return compiled_regex.compile(pattern, flags)
    except re.error:
        pass
    import regex  # only for patterns the stdlib cannot compile: 15 ms to import

    try:
        return regex.compile(pattern, flags)
    except regex.error as err:
        raise PatternError(pattern, str(err)) from None


def _on_its_line(parts: list[str]) -> str:
    return on_its_line(parts[0])


def _check_backtracking(pattern: str, flags: int) -> None:
    from . import regex_guard

    try:
        regex_guard.check(pattern, flags)
    except regex_guard.Backtracking as err:
        raise SlowPatternError(str(err)) from None


class Matcher:
    """Phrases and patterns of one rule, searched together."""

    def __init__(self, phrases: list[str], patterns: list[str], case_sensitive: bool = False):
        self.case_sensitive = case_sensitive
        if case_sensitive:
            # Case matters: phrases become escaped patterns searched in the original text.
            patterns = [_phrase_as_pattern(p) for p in phrases] + list(patterns)
            phrases = []
        # The phrase trie compiles on first use: most tries never run on a short
        # article (their gate says no), and compiling them all was a third of
        # loading the packs.
        self._phrase_list = [p for p in phrases if p.strip()]
        self._phrase_regex: re.Pattern | None = None
        # What a text must hold for each regex to match (see "prefilter" below).
        self._phrase_gate = _PhraseGate(self._phrase_list) if self._phrase_list else None
        # (source, compiled or None until first needed, what it needs, how to search
        # it: lint/lead_search.py, worked out on first use). A pattern
        # analysed in an earlier run (see remember()) compiled then, so it is
        # valid and need not compile until a text holds what it needs.
        flags = _flags(case_sensitive)
        self._filtered = []
        for source in patterns:
            needs = _recall((source, flags))
            if needs is not _UNKNOWN:
                _register_strings(needs)
                self._filtered.append([source, None, needs, _UNPLANNED])
            else:
                # Checked when first analysed; an analysis is remembered only for a pattern
                # that passed (the shipped ones are checked by a test).
                compiled = compile_pattern(source, case_sensitive)  # raises PatternError: checked at load
                _check_backtracking(source, flags)
                needs = _learn(source, flags, compiled)
                _register_strings(needs)
                self._filtered.append([source, compiled, needs, _UNPLANNED])
        # One set lookup rules out every pattern at once when none of their first
        # (most selective) word clauses holds: the usual case.
        first = [needs[0][0] for _, _, needs, _ in self._filtered if needs and needs[0][0] and not needs[0][1]]
        self._any_words = frozenset().union(*first) if len(first) == len(self._filtered) else None
        # Block kinds ask twice per document (markers, then find): keep the last answer.
        self._last: tuple = (None, None, 0, 0, [])

    @property
    def phrases(self) -> re.Pattern | None:
        """The phrase trie, compiled."""
        if self._phrase_regex is None and self._phrase_list:
            self._phrase_regex = compile_phrases(self._phrase_list)
        return self._phrase_regex

    @property
    def patterns(self) -> list:
        """Every pattern, compiled (compiling any still waiting for first use)."""
        return [self._compiled(entry) for entry in self._filtered]

    def _compiled(self, entry: list):
        if entry[1] is None:
            entry[1] = compile_pattern(entry[0], self.case_sensitive)
        return entry[1]

    def _spans(self, entry: list, text: str, lowered: str, start: int, end: int) -> Iterator[tuple[int, int]]:
        """The non-empty matches of one pattern, searched from its lead where it has one
        (the whole pattern then need not compile: its parts do)."""
        if entry[3] is _UNPLANNED:
            entry[3] = lead_search.plan(entry[0], _flags(self.case_sensitive),
                                        lambda part: compile_pattern(part, self.case_sensitive),
                                        lambda: self._compiled(entry))
        if entry[3] is None:   # no lead: perhaps anchored at line starts
            entry[3] = _AT_LINE_STARTS if _opens_a_line(self._compiled(entry)) else False
        if entry[3] is _AT_LINE_STARTS:
            yield from _line_start_spans(self._compiled(entry), text, start, end)
            return
        if entry[3] and len(lowered) == len(text):
            yield from lead_search.finditer(entry[3], text, lowered, start, end)
            return
        for m in self._compiled(entry).finditer(text, start, end):
            if m.end() > m.start():
                yield m.span()

    def __bool__(self) -> bool:
        return bool(self._phrase_list or self._filtered)

    def finditer(self, text: str, lowered: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
        end = len(text) if end is None else end
        last_text, last_lowered, last_start, last_end, spans = self._last
        if not (last_text is text and last_lowered is lowered and last_start == start and last_end == end):
            spans = list(self._scan(text, lowered, start, end))
            self._last = (text, lowered, start, end, spans)
        return iter(spans)

    def line_matches(self, text: str, lowered: str, line_starts: list[int]) -> Iterator[tuple[int, int]]:
        """finditer for patterns anchored at a line start (`^...`), tried only at the starts.

        A search tries a `^` pattern at every character and fails at all but a few:
        on a 2 KB article that is ~2,000 attempts against ~20 line starts.
        Patterns not anchored so, and phrases, are scanned as finditer does.
        """
        if self._phrase_list:
            yield from self.finditer(text, lowered)
            return
        view = _view(lowered, 0, len(text))
        if self._any_words is not None and self._any_words.isdisjoint(view.words):
            return
        for entry in self._filtered:
            needs = entry[2]
            if needs is not None and not _allows(needs, view):
                continue
            if not entry[0].startswith("^"):
                yield from self._spans(entry, text, lowered, 0, len(text))
                continue
            compiled = self._compiled(entry)
            for start in line_starts:
                m = compiled.match(text, start)
                if m is not None and m.end() > m.start():
                    yield m.span()

    def search(self, text: str, lowered: str, start: int = 0, end: int | None = None) -> bool:
        end = len(text) if end is None else end
        return next(self._scan(text, lowered, start, end), None) is not None

    def _scan(self, text: str, lowered: str, start: int, end: int) -> Iterator[tuple[int, int]]:
        view = _view(lowered, start, end)
        if self._phrase_list and self._phrase_gate.allows(view):
            for m in self.phrases.finditer(lowered, start, end):
                yield m.span()
        if self._any_words is not None and self._any_words.isdisjoint(view.words):
            return
        for entry in self._filtered:
            needs = entry[2]
            if needs is None or _allows(needs, view):
                yield from self._spans(entry, text, lowered, start, end)


# A pattern whose every match begins a line (`^...`, never empty) is tried only at line
# starts: a search tries it at every character of the text and fails at all but a few.
_AT_LINE_STARTS = "at line starts"


def _opens_a_line(compiled) -> bool:
    if not isinstance(compiled, re.Pattern) or not compiled.flags & re.MULTILINE:
        return False
    return compiled_regex.built(_line_anchored, [compiled.pattern, str(compiled.flags)]) == "yes"


def _line_anchored(parts: list[str]) -> str:
    """"yes" when every match of the pattern starts at a line start and is non-empty."""
    try:
        tree = sre_parse.parse(parts[0], int(parts[1]))
    except (re.error, RecursionError):
        return ""
    opens = len(tree) > 0 and tree[0] == (sre.AT, sre.AT_BEGINNING)
    return "yes" if opens and tree.getwidth()[0] > 0 else ""


_line_starts_cache: tuple = (None, [])


def _line_start_spans(compiled: re.Pattern, text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """compiled.finditer(text, start, end)'s spans for a pattern _opens_a_line: every match
    begins at a line start, and `match` there is what the search finds there."""
    global _line_starts_cache
    cached, starts = _line_starts_cache
    if cached is not text:
        starts, at = [0], text.find("\n")
        while at >= 0:
            starts.append(at + 1)
            at = text.find("\n", at + 1)
        _line_starts_cache = (text, starts)
    floor = start
    for at in starts[bisect.bisect_left(starts, start):]:
        if at >= end:
            return
        if at < floor:
            continue
        m = compiled.match(text, at, end)
        if m is not None:
            yield m.span()
            floor = m.end()


def _phrase_as_pattern(phrase: str) -> str:
    words = [re.escape(w) for w in phrase.split()]
    body = r"\s+".join(words)
    head = r"\b" if phrase.strip()[:1].isalnum() else ""
    tail = r"\b" if phrase.strip()[-1:].isalnum() else ""
    return head + body + tail


def lower_same_length(text: str) -> str:
    """Lowercase without changing offsets (a few characters, like 'İ', grow when lowered)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


# ----------------------------------------------------------------------------- prefilter
#
# Most patterns find nothing in most documents, yet a regex scan costs the same
# either way (10-20 MB/s case-insensitively). So each regex gets, when it
# compiles, *needs*: clauses a text must satisfy for the regex to match anywhere
# in it, derived from its syntax tree (`required_words`). A clause is a pair
# (words, strings); it holds when one of `words` is a word of the text or one of
# `strings` occurs in it. Both are looked up in a `_View` of the document, made
# once and shared by every matcher:
#
#   words  the maximal \w runs of the lowercased text, plus "\x01" + the first
#          word, and the first two, of each line (for patterns anchored with
#          ^\s*, like "\x01read more"): set lookups, nearly free.
#   text   the lowercased text with every run of whitespace made one space, so
#          \b(?:for|to)\s+many asks for "for many" or "to many": substring
#          scans, so only one such clause per regex, checked last.

_WORD_RE = compiled_regex.compile(r"\w+")
# The first two words of every line (the second may be on a later line): what
# ^\s*(?:read\s+more|related) asks for. A lookahead, so no line start is skipped.
_LINE_WORDS_RE = compiled_regex.compile(r"^(?=[^\w\n]*(\w+)(?:\W+(\w+))?)", re.MULTILINE)
# Under IGNORECASE `re` matches i with ı and İ, s with ſ (and k with K, which
# lowercases to k anyway); in the lowered text these stay apart, so fold them.
_FOLD = str.maketrans({"ı": "i", "İ": "i", "ſ": "s"})
_NEEDS_FOLD = compiled_regex.compile("[ıİſ]")
# Latin-1 text (nearly all news copy) has a faster word scan than the regex:
# bytes.translate turns non-word bytes into spaces (keeping newlines), then split.
_LATIN1_NONWORD = bytes(b for b in range(256) if not (chr(b).isalnum() or b == ord("_") or b == ord("\n")))
_LATIN1_SPACES = bytes.maketrans(_LATIN1_NONWORD, b" " * len(_LATIN1_NONWORD))
_LINE = "\x01"  # in words: "begins a line"; in exact strings: a line start (^)
_MARK = "\x00"  # in exact strings: another zero-width boundary (\b, $)


class _View:
    """What the prefilter knows of lowered[start:end]: its words and, on demand, its spaced
    text and which of the matchers' strings occur in it."""

    __slots__ = ("words", "region", "_text", "_present")

    def __init__(self, region: str):
        if not region.isascii() and _NEEDS_FOLD.search(region):
            region = region.translate(_FOLD)
        self.region = region
        self.words = _word_set(region)  # a word cut by `start` is a fragment: an extra word, still a superset
        self._text = None
        self._present = None

    @property
    def text(self) -> str:
        if self._text is None:
            # Padded: a string may start or end with whitespace just outside the region.
            self._text = " " + " ".join(self.region.split()) + " "
        return self._text

    @property
    def present(self) -> set:
        """Every string of every matcher's clauses that occurs in the spaced text: one
        Aho-Corasick pass, where testing each clause's strings in turn was ~350 substring
        scans a document (6% of a run)."""
        if self._present is None:
            automaton = _strings_automaton()
            self._present = {found for _, found in automaton.iter(self.text)} if automaton else set()
            self._present.add("")   # an empty string occurs in every text
        return self._present


# Every string a clause of a loaded matcher holds, searched in a document at once.
_STRINGS: set[str] = set()
_automaton = None


def _register_strings(needs: tuple | None) -> None:
    global _automaton
    for _, strings in needs or ():
        for string in strings:
            if string not in _STRINGS:
                _STRINGS.add(string)
                _automaton = None


def _strings_automaton():
    global _automaton
    if _automaton is None:
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for string in _STRINGS:
            if string:
                automaton.add_word(string, string)
        if len(automaton):
            automaton.make_automaton()
        _automaton = automaton
    return _automaton


def _word_set(region: str) -> frozenset:
    try:
        spaced = region.encode("latin-1").translate(_LATIN1_SPACES).decode("latin-1")
        words = spaced.split()
    except UnicodeEncodeError:
        spaced, words = region, _WORD_RE.findall(region)
    lines = _LINE_WORDS_RE.findall(spaced)
    return frozenset(words).union([_LINE + a for a, _ in lines], [f"{_LINE}{a} {b}" for a, b in lines if b])


_view_cache: tuple = (None, {})  # (lowered, {(start, end): _View}): one document at a time


def _view(lowered: str, start: int, end: int) -> _View:
    """The view of lowered[start:end], made once per document and range.

    Every matcher of every rule asks about the same document, so the scan is
    shared; range calls (a sentence for `unless`) cost what the range costs.
    """
    global _view_cache
    cached, views = _view_cache
    if cached is not lowered:
        views = {}
        _view_cache = (lowered, views)
    view = views.get((start, end))
    if view is None:
        view = views[(start, end)] = _View(lowered[start:end])
    return view


def _allows(needs: tuple, view: _View) -> bool:
    words = view.words
    for clause_words, strings in needs:
        if clause_words.isdisjoint(words) and (not strings or view.present.isdisjoint(strings)):
            return False
    return True


class _PhraseGate:
    """Whether any phrase of a trie can match: at least one phrase has all it needs.

    Phrase lists share common words ("it is said", "people say"), so one clause
    for the whole trie would pass nearly every text; per phrase, all its words
    and then the phrase itself rarely do. Phrases are indexed by their most
    selective word, so a text is checked only against phrases holding one of its words.
    """

    def __init__(self, phrases: list[str]):
        self.index: dict[str, list[tuple]] = {}
        self.always: list[tuple | None] = []  # phrases with no word to index them by
        for phrase in phrases:
            if not phrase.strip():
                continue
            needs = _phrase_needs(phrase)
            _register_strings(needs)
            if needs and needs[0][0] and not needs[0][1]:
                for word in needs[0][0]:
                    self.index.setdefault(word, []).append(needs[1:])
            else:
                self.always.append(needs)
        self.words = frozenset(self.index)

    def allows(self, view: _View) -> bool:
        if any(needs is None or _allows(needs, view) for needs in self.always):
            return True
        return any(_allows(needs, view) for word in self.words & view.words for needs in self.index[word])


# The flags slot of a phrase's analysis among the remembered ones (a pattern's is >= 0).
PHRASE = -1


def _phrase_needs(phrase: str) -> tuple | None:
    """required_words of one phrase as compile_phrases matches it, read off its text (parsing is slower).

    Remembered like a pattern's analysis: ~200 phrases took ~6 ms of loading the packs."""
    key = (phrase, PHRASE)
    needs = _recall(key)
    if needs is not _UNKNOWN:
        return needs
    text = " ".join(phrase.split()).lower()
    if not all(_plain(c) for c in text):
        needs = required_words(_phrases_regex([phrase]))
    else:
        # The trie puts \b before a phrase that starts with a letter or digit, and after
        # one that ends with a word character; \s+ between words.
        head = _MARK if text[0].isalnum() else ""
        tail = _MARK if _is_word(text[-1]) else ""
        needs = _select(_forms(frozenset([head + text + tail])))
    _LEARNED[key] = needs
    return needs


def prefilter(pattern) -> tuple | None:
    """required_words for a compiled pattern; patterns of the `regex` module get none (other syntax)."""
    if not isinstance(pattern, re.Pattern):
        return None
    return required_words(pattern.pattern, pattern.flags)


@functools.lru_cache(maxsize=4096)  # packs share patterns (YAML anchors) and phrases
def required_words(pattern: str, flags: int = 0) -> tuple | None:
    """What a text must hold for `pattern` to match anywhere in it: (words, strings) clauses, best first.

    None when nothing is known. Sound for `re` with or without IGNORECASE and
    with scoped flags: strings are lowercased (a necessary condition on the
    lowercased text even where case matters). A word clause needs the literal
    bounded in every match (\\bwon\\s+the: "won" and "the" are whole words).
    """
    try:
        tree = sre_parse.parse(pattern, flags)
        if tree.state.flags & (sre.SRE_FLAG_ASCII | sre.SRE_FLAG_LOCALE):
            return None  # \b and \w would not mean what the word scan means
        forms = [f for c in _Analysis().seq_clauses(tree, 0, False) for f in _forms(c)]
    except (_Unsupported, re.error, RecursionError):
        return None
    return _select(forms)


def _select(forms: list[tuple]) -> tuple | None:
    """Word clauses are nearly free, so keep them all; a string clause costs a scan:
    keep the best one, checked last (only for texts that passed the words)."""
    forms = set(forms)
    # Ties are broken by the text itself, so every run (and the shipped file) agrees.
    words = sorted((f for f in forms if not f[1]), key=lambda f: (_rank(f), sorted(f[0])))
    strings = sorted((f for f in forms if f[1]), key=lambda f: (_weak(f), -min(len(s) for s in f[1]), sorted(f[1])))
    if words and not _weak(words[0]):
        strings = [f for f in strings if not f[0]]  # mixed forms only stand in for missing word clauses
    return tuple(words + strings[:1]) or None


# The analysis. Each node of the parsed regex gets a summary: what it matches
# exactly (a small set of lowercase strings, whitespace runs as one space, or
# None) and what is at each of its edges. BOUNDED: a word character next to
# this edge has a non-word character (or the end of the text) on the other
# side: \b, ^, $, \s+, "(". TRANSPARENT: the node may match nothing there and
# consumes only non-word characters (\s*, lookarounds), so whatever bounds the
# far side bounds this one too. UNKNOWN: anything else.
BOUNDED, TRANSPARENT, UNKNOWN = 2, 1, 0
_MAX_EXACT = 256  # (?:a|b)\s+(?:c|d)... multiplies out; past this, the chain is cut
_MAX_STRINGS = 16  # a string clause costs a scan per string
_LINE_STARTS = {sre.AT_BEGINNING, sre.AT_BEGINNING_LINE, sre.AT_BEGINNING_STRING}
_BOUNDARIES = {sre.AT_BOUNDARY, sre.AT_END, sre.AT_END_LINE, sre.AT_END_STRING}
_NONWORD_CATEGORIES = {sre.CATEGORY_SPACE, sre.CATEGORY_NOT_WORD, sre.CATEGORY_LINEBREAK}
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT}
_ATOMIC = sre.ATOMIC_GROUP
# Words so common that requiring one filters nothing: such clauses go last.
COMMON_WORDS = frozenset("""
a about after all also an and are as at be been but by can for from had has have he her his i if in
into is it its more most new not of on one only or our out over said says so some than that the
their there they this to up was we were which who will with would you
""".split())


class _Unsupported(Exception):
    """A construct whose \\w or case rules differ from the word scan: no prefilter."""


class _Chain(frozenset):
    """A clause spanning several words: only its strings (and line starts) say more than the words' own clauses."""


class _Analysis:
    """One pattern's analysis; summaries are memoised per node (clauses revisit subtrees)."""

    def __init__(self):
        self.memo: dict[int, tuple] = {}

    def summary(self, item) -> tuple:
        """(exact strings or None, edge at start, edge at end) of one (op, av) node."""
        found = self.memo.get(id(item))
        if found is None:
            found = self.memo[id(item)] = self._summary(*item)
        return found

    def _summary(self, op, av) -> tuple:
        if op is sre.LITERAL:
            ch = chr(av)
            return _exact([_exact_char(ch)]) if _plain(ch) else (None, UNKNOWN, UNKNOWN)
        if op is sre.IN:
            chars = _class_chars(av)
            if chars is not None and all(_plain(c) for c in chars):
                return _exact(_exact_char(c) for c in chars)
            kind = _class_kind(av)
            if kind == "space":
                return _exact([" "])
            return (None, BOUNDED, BOUNDED) if kind == "nonword" else (None, UNKNOWN, UNKNOWN)
        if op is sre.AT:
            return _exact([_LINE if av in _LINE_STARTS else _MARK if av in _BOUNDARIES else ""])
        if op in (sre.ASSERT, sre.ASSERT_NOT):  # zero-width: contributes nothing, hides nothing
            return _exact([""])
        if op is sre.SUBPATTERN:
            if av[1] & (sre.SRE_FLAG_ASCII | sre.SRE_FLAG_LOCALE):
                raise _Unsupported  # (?a:...) changes what \b and \w mean
            return self.seq_summary(av[-1])
        if op is _ATOMIC:
            return self.seq_summary(av)
        if op is sre.BRANCH:
            parts = [self.seq_summary(b) for b in av[1]]
            exact = None
            if all(p[0] is not None for p in parts):
                exact = frozenset().union(*(p[0] for p in parts))
                exact = exact if len(exact) <= _MAX_EXACT else None
            return exact, min(p[1] for p in parts), min(p[2] for p in parts)
        if op in _REPEATS:
            low, high, sub = av
            exact, first, last = self.seq_summary(sub)
            if exact is not None and exact <= {"", " "}:  # \s+ is one space in the spaced text, \s* one or none
                exact = exact if low else exact | {""}
            elif not (low == high == 1):
                exact = (frozenset([""]) | exact) if (low, high) == (0, 1) and exact is not None else None
            if low == 0:  # may match nothing: BOUNDED becomes TRANSPARENT
                first, last = min(first, TRANSPARENT), min(last, TRANSPARENT)
            return exact, first, last
        return None, UNKNOWN, UNKNOWN  # ., [^x], back-references, conditionals

    def seq_summary(self, items) -> tuple:
        found = self.memo.get(id(items))
        if found is not None:
            return found
        summaries = [self.summary(item) for item in items]
        exact = frozenset([""])
        for s in summaries:
            exact = _product(exact, s[0]) if s[0] is not None else None
            if exact is None or len(exact) > _MAX_EXACT:
                exact = None
                break
        first = BOUNDED if _rights(summaries, False)[0] else TRANSPARENT if _rights(summaries, True)[0] else UNKNOWN
        last = BOUNDED if _lefts(summaries, 0)[-1] else TRANSPARENT if _lefts(summaries, 1)[-1] else UNKNOWN
        found = self.memo[id(items)] = (exact, first, last)
        return found

    def seq_clauses(self, items, left: int, right: bool) -> list[frozenset]:
        """Clauses every match of the sequence satisfies; a clause is a set of strings, one of which occurs.

        `left`/`right`: what is known of the text just outside the sequence (see
        _after). Runs of exact items (literals, small classes and alternations,
        whitespace) multiply out. Cut where no word can go on across the cut
        (next to \\b, \\s, punctuation), they give one clause per word, marked
        where the neighbours bound it: that is how a clause knows its words are
        whole (and begin a line, after ^\\s*): {"won", "clinched"}, {"the"}.
        Uncut, they give chains like {"won the", "clinched the"}: strings.
        """
        items = list(items)
        summaries = [self.summary(item) for item in items]
        lefts, rights = _lefts(summaries, left), _rights(summaries, right)
        clauses: list[frozenset] = []

        def marked(strings, start: int, end: int, kind=frozenset) -> frozenset:
            head = _LINE if lefts[start] == 2 else _MARK if lefts[start] else ""
            return kind(head + s + (_MARK if rights[end] else "") for s in strings)

        empty = frozenset([""])
        chain, chain_start, word, word_start, words = empty, 0, empty, 0, 0
        for i, (exact, _, _) in enumerate(summaries + [(None, 0, 0)]):  # a sentinel flushes the last run
            cut = exact is None or lefts[i] or rights[i]
            longer = word if cut else _product(word, exact)
            if cut or len(longer) > _MAX_EXACT:
                if word != empty:
                    clauses.append(marked(word, word_start, i))
                    words += 1
                word, word_start, longer = empty, i, exact
            word = longer if exact is not None else empty
            longer = _product(chain, exact) if exact is not None else None
            # Past _MAX_STRINGS a chain is no use as strings, only for its line starts.
            at_line = lefts[chain_start] == 2 or all(c[:1] == _LINE for c in chain)
            if longer is None or len(longer) > (_MAX_EXACT if at_line else _MAX_STRINGS):
                if words > 1:
                    clauses.append(marked(chain, chain_start, i, _Chain))
                chain, chain_start, words = (exact, i, 0) if exact is not None else (empty, i + 1, 0)
            else:
                chain = longer
            if exact is None and i < len(items):
                clauses.extend(self.clauses(*items[i], lefts[i], rights[i + 1]))
                word_start = i + 1
        return clauses

    def clauses(self, op, av, left: int, right: bool) -> list[frozenset]:
        if op is sre.SUBPATTERN:
            return self.seq_clauses(av[-1], left, right)
        if op is _ATOMIC:
            return self.seq_clauses(av, left, right)
        if op is sre.BRANCH:
            # One clause per branch, the best; their union holds whichever branch matched.
            best = [_best(self.seq_clauses(b, left, right)) for b in av[1]]
            return [frozenset().union(*best)] if all(best) else []
        if op in _REPEATS and av[0] >= 1:
            # The first repetition is in every match. What precedes it is what precedes
            # the loop; what follows is the next repetition or what follows the loop.
            first = self.seq_summary(av[2])[1]
            return self.seq_clauses(av[2], left, right and (av[1] == 1 or first != UNKNOWN))
        return []


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what \w means in a str pattern


def _plain(ch: str) -> bool:
    """Characters whose case-insensitive matches all lowercase to ch.lower() (after _FOLD).

    ASCII and caseless characters; others (Greek, µ, ...) have extra partners
    in `re`, so they simply give no literal.
    """
    return ch.isascii() or ch.lower() == ch == ch.upper()


def _exact_char(ch: str) -> str:
    return " " if ch.isspace() else ch.lower()


def _join(a: str, b: str) -> str:
    """Concatenate two exact strings, keeping whitespace runs one space long."""
    return a + b[1:] if a.endswith(" ") and b.startswith(" ") else a + b


def _product(left: frozenset, right: frozenset) -> frozenset:
    return frozenset(_join(a, b) for a in left for b in right)


def _edge_of(strings, first: bool) -> int:
    kinds = {TRANSPARENT if not s else UNKNOWN if _is_word(s[0] if first else s[-1]) else BOUNDED for s in strings}
    return min(kinds)  # UNKNOWN < TRANSPARENT < BOUNDED


def _exact(strings) -> tuple:
    strings = frozenset(strings)
    return strings, _edge_of(strings, True), _edge_of(strings, False)


def _class_chars(items) -> set | None:
    chars = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE and av[1] - av[0] < 10:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return None
    return chars


def _class_kind(items) -> str:
    """"space" for \\s or [ \\t], "nonword" for [(\\[] or [^\\w], else "other"."""
    if len(items) == 2 and items[0][0] is sre.NEGATE:
        return "nonword" if items[1] == (sre.CATEGORY, sre.CATEGORY_WORD) else "other"
    kinds = set()
    for op, av in items:
        if op is sre.CATEGORY:
            kinds.add("space" if av is sre.CATEGORY_SPACE else "nonword" if av in _NONWORD_CATEGORIES else "other")
            continue
        if op is sre.RANGE and all(chr(c).isspace() for c in range(av[0], av[1] + 1)):
            kinds.add("space")  # white space but the newline, spelled out (lint/line_start.py)
            continue
        chars = _class_chars([(op, av)]) or {"a"}
        kinds.update("space" if c.isspace() else "other" if _is_word(c) or not _plain(c) else "nonword" for c in chars)
    return "other" if "other" in kinds else "nonword" if "nonword" in kinds else "space"


def _after(s: str, before: int) -> int:
    """The left context after an exact string: 0 unknown, 1 bounded, 2 line start (only spaces since ^)."""
    body = s.rstrip(" " + _MARK)
    if not body:  # nothing, spaces or \b: a line start stays one
        return before if not s else max(before, 1)
    if body[-1] == _LINE:
        return 2
    return 1 if len(body) < len(s) or not _is_word(body[-1]) else 0


def _lefts(summaries, left: int) -> list[int]:
    """lefts[i]: the left context of the position before item i (see _after)."""
    out = [left]
    for exact, _, last in summaries:
        if exact is not None:
            out.append(min(_after(s, out[-1]) for s in exact))
        else:
            out.append(1 if last == BOUNDED or (last == TRANSPARENT and out[-1]) else 0)
    return out


def _rights(summaries, right: bool) -> list[bool]:
    """rights[i]: is the position before item i bounded on its right?"""
    out = [right]
    for _, first, _ in reversed(summaries):
        out.append(first == BOUNDED or (first == TRANSPARENT and out[-1]))
    return out[::-1]


def _alternative(s: str) -> tuple[list[str], str]:
    """The whole words of an exact string, with its plain text.

    A word that begins a line (only spaces since a ^) also comes as _LINE +
    word, and with the next word as _LINE + "first second".
    """
    words = []
    runs = [m for m in _WORD_RE.finditer(s) if 0 < m.start() and m.end() < len(s)]  # a run at the edge may go on
    for i, m in enumerate(runs):
        words.append(m.group())
        before = s[:m.start()]
        if _LINE in before and not before[before.rindex(_LINE) + 1:].strip(" " + _MARK):
            words.append(_LINE + m.group())
            if i + 1 < len(runs) and not s[m.end():runs[i + 1].start()].strip(" " + _MARK):
                words.append(f"{_LINE}{m.group()} {runs[i + 1].group()}")
    return words, re.sub(" +", " ", s.replace(_MARK, "").replace(_LINE, ""))


def _common(word: str) -> bool:
    if word[0] == _LINE:  # few lines start with "more" or "faq"; many with "the" or "a"
        return word[1:] in COMMON_WORDS and len(word) <= 4
    return len(word) <= 2 or word in COMMON_WORDS


def _rarest(words: list[str]) -> str:
    return max(words, key=lambda w: (not _common(w), w[0] == _LINE, len(w)))


def _usable_text(text: str) -> bool:
    text = text.strip()
    return len(text) >= 3 or (text != "" and not text.isascii())  # "©" is rare enough; "ap" is not


def _forms(clause: frozenset) -> list[tuple]:
    """The checkable forms of one clause, as (words, strings) pairs, each a necessary condition."""
    alts = [_alternative(s) for s in clause]
    chain = isinstance(clause, _Chain)
    forms = []
    if not chain and all(words for words, _ in alts):
        if len(alts) == 1:  # one way to match: each of its words is needed
            forms += [(frozenset([w]), ()) for w in alts[0][0]]
        else:
            forms.append((frozenset(_rarest(words) for words, _ in alts), ()))
    elif chain and all(any(w[0] == _LINE for w in words) for words, _ in alts):
        # Words from different places in a chain do not add up, but line starts do.
        forms.append((frozenset(_rarest([w for w in words if w[0] == _LINE]) for words, _ in alts), ()))
    texts = {text for _, text in alts}
    if len(texts) <= 4 * _MAX_STRINGS:
        texts = {t for t in texts if not any(u != t and u in t for u in texts)}  # "©" implies " ©"
    # A scan is only worth it when it says more than a word: "for many", "photo:", "bviously".
    specific = not any(_WORD_RE.fullmatch(t.strip()) for t in texts) or not (forms or chain)
    if specific and len(texts) <= _MAX_STRINGS and all(_usable_text(t) for t in texts):
        forms.append((frozenset(), tuple(sorted(texts))))
    elif not forms and not chain and all(words or _usable_text(text) for words, text in alts):
        forms.append((frozenset(_rarest(w) for w, _ in alts if w), tuple(sorted(t for w, t in alts if not w))))
    return forms


def _weak(form: tuple) -> bool:
    return any(_common(w) for w in form[0]) or any(len(s.strip()) < 4 for s in form[1])


def _rank(form: tuple) -> tuple:
    """Cheapest and most selective first: word lookups before scans, no common words,
    few options, line starts, long words."""
    words, strings = form
    line = bool(words) and all(w[0] == _LINE for w in words)
    return (bool(strings), _weak(form), len(words) + len(strings), not line, -min(map(len, words or strings)))


def _best(clauses: list[frozenset]) -> frozenset | None:
    ranked = [(min(map(_rank, forms)), c) for c in clauses if (forms := _forms(c))]
    return min(ranked, key=lambda rc: rc[0])[1] if ranked else None
