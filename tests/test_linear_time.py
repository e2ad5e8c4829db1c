"""No article shape makes a per-file stage super-linear: every shipped pattern, the
syllable counter, runs of blank lines, front matter, long lines and large files.

Timings are compared at n and 4n in the same test where that is possible (a
ratio near 4 is linear, near 16 quadratic), so a slow or busy machine moves
both sides; the absolute bounds are generous for CI.
"""
import re
import time

import pytest

from conftest import ROOT
from lint.api import lint_text
from lint.line_start import on_its_line
from lint.matcher import Matcher
from lint.syllables import Patterns, SyllableCounter, pyphen_dictionary

LINEAR = 8   # time(4n) / time(n): 4 when linear, 16 when quadratic; room for noise


def _seconds(function, *args) -> float:
    """The best of two runs: one late-scheduled run should not decide."""
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        function(*args)
        best = min(best, time.perf_counter() - start)
    return best


def _ratio(function, small, large) -> float:
    return _seconds(function, large) / max(_seconds(function, small), 1e-3)


# -- every shipped pattern ---------------------------------------------------------------

def _compiled_patterns(obj, seen: set, where: str, out: list) -> None:
    """The compiled regexes a rule kind holds: its matchers' patterns and phrase tries, and its own."""
    if id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, Matcher):
        out.extend((where, p) for p in obj.patterns)
        if obj.phrases is not None:
            out.append((where, obj.phrases))
    elif hasattr(obj, "finditer") and hasattr(obj, "pattern"):
        out.append((where, obj))
    elif isinstance(obj, dict):
        for key, value in obj.items():
            _compiled_patterns(value, seen, f"{where}.{key}", out)
    elif isinstance(obj, (list, tuple, set, frozenset)):
        for value in obj:
            _compiled_patterns(value, seen, where, out)
    elif type(obj).__module__.startswith("lint") and hasattr(obj, "__dict__"):
        for key, value in vars(obj).items():
            _compiled_patterns(value, seen, f"{where}.{key}", out)


@pytest.fixture(scope="module")
def shipped_patterns(packs):
    found: list = []
    seen: set = set()
    for pack in packs:
        for rule in pack.rules:
            _compiled_patterns(rule.kind, seen, rule.code, found)
    unique = {(p.pattern, p.flags): (where, p) for where, p in found}
    assert len(unique) > 300   # the walk reaches the packs' patterns
    return list(unique.values())


def _fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


SHAPES = {
    "blank lines": "\n", "blank lines then text": None, "spaces": " ", "space lines": " \n", "one letter": "a",
    "word and space": "word ", "quotes": '"', "curly quotes": "\u201cword ", "brackets": "(", "square": "[a ",
    "capitalised words": "Word ", "capitalised lines": "Word\n", "digits": "1", "digits and spaces": "1 ",
    "dashes": "-", "bullet lines": "- \n", "mixed": 'A b, "C" (d) 1. ', "colons": "a: ", "tabs": "\t\n",
    # What the Markdown view leaves of a page's markup pasted on one line: words between
    # long runs of spaces and tabs (the fuzzer's case; 500 characters took 6 s in NL401).
    "words in whitespace runs": "Science \t\t\t\t\t" + " " * 100 + "\t\t\t\t",
}


def _shape(name: str, size: int) -> str:
    return "\n" * size + "x" if SHAPES[name] is None else _fill(SHAPES[name], size)


def _scan_seconds(pattern, text: str) -> float:
    start = time.perf_counter()
    for _ in pattern.finditer(text):
        pass
    return time.perf_counter() - start


def test_every_shipped_pattern_is_fast_on_hostile_text(shipped_patterns):
    # First at 10,000 characters, where a quadratic pattern fails in seconds instead of
    # running for minutes; then at 100,000 (only where 10,000 took a millisecond or
    # more: below that, even a quadratic pattern stays under 0.1 s). A few patterns are linear but heavy (the
    # named-speaker lookarounds on capitalised words, ~0.1 s per 10,000 characters
    # when the prefilter lets them run): those must scale linearly instead.
    small = {name: _shape(name, 10_000) for name in SHAPES}
    large = {name: _shape(name, 100_000) for name in SHAPES}
    slow, heavy, worst = [], [], (0.0, "")
    for where, pattern in shipped_patterns:
        for name in SHAPES:
            spent = _scan_seconds(pattern, small[name])
            if spent > 2:
                slow.append(f"{where} {pattern.pattern[:80]!r} on 10,000 characters of {name}: {spent:.2f} s")
            elif spent < 0.001:
                continue   # even quadratic, 100,000 characters would take under 0.1 s
            elif spent > 0.03:
                ratio = _scan_seconds(pattern, _shape(name, 40_000)) / spent
                heavy.append(f"{where} on {name}: x{ratio:.1f} from 10,000 to 40,000 characters")
                if ratio > LINEAR:
                    slow.append(f"{where} {pattern.pattern[:80]!r} on {name}: not linear ({heavy[-1]})")
            else:
                spent = _scan_seconds(pattern, large[name])
                worst = max(worst, (spent, f"{where} on {name}"))
                if spent > 0.5:
                    # Over budget: quadratic, or linear on a busy machine? The ratio to a quarter of
                    # the text, measured now under the same load, tells them apart.
                    ratio = spent / max(_scan_seconds(pattern, _shape(name, 25_000)), 1e-4)
                    if spent > 5 or ratio > LINEAR:
                        slow.append(f"{where} {pattern.pattern[:80]!r} on 100,000 characters of {name}: "
                                    f"{spent:.2f} s (x{ratio:.1f} from 25,000)")
                    else:
                        heavy.append(f"{where} on {name}: {spent:.2f} s at 100,000 characters, x{ratio:.1f} from 25,000")
    assert not slow, "\n".join(slow)
    print(f"slowest at 100,000 characters: {worst[1]} {worst[0]:.3f} s; heavy but linear:", *heavy, sep="\n  ")


# -- line starts -------------------------------------------------------------------------

@pytest.mark.parametrize("pattern, rewritten", [
    (r"^\s*foo", r"^[S]*(?:\n[S]*)?foo"),
    (r"^[\s•*|-]*foo", r"^[S•*|-]*(?:\n[S•*|-]*)?foo"),
    (r"(?:^\s*|[(\[]\s*)ai", r"(?:^[S]*(?:\n[S]*)?|[(\[]\s*)ai"),
    (r"^\s+foo", r"^\s+foo"),           # only * loops (the packs' only form)
    (r"^\s*?foo", r"^\s*?foo"),         # lazy: as written
    (r"[\^\s*]", r"[\^\s*]"),           # a ^ in a class is no line start
    (r"\^\s*", r"\^\s*"),               # nor an escaped one
    (r"^[\s\n]*x", r"^[\s\n]*x"),       # a newline some other way: as written
])
def test_a_line_start_loop_crosses_one_line_break_at_most(pattern, rewritten):
    from lint.line_start import _SPACE_NOT_NEWLINE
    assert on_its_line(pattern) == rewritten.replace("S", _SPACE_NOT_NEWLINE)


def test_a_line_start_pattern_still_finds_what_it_found():
    text = "intro\n-\nBreaking News\n\n\n  Read more: this\n\u00a0follow us\n"
    for pattern in (r"^[\s–—•*|-]*breaking\s+news", r"^\s*read\s+more:", r"^\s*follow\s+us\s*$", r"^\s*\S"):
        old = {text[m.start():m.end()].strip()[:8] for m in re.finditer(pattern, text, re.M | re.I)}
        new = {text[m.start():m.end()].strip()[:8] for m in re.finditer(on_its_line(pattern), text, re.M | re.I)}
        assert new == old and old


# -- one row of the issue each -----------------------------------------------------------

def test_the_syllable_count_of_a_long_token_is_linear():
    counter = SyllableCounter(Patterns.read(pyphen_dictionary()))
    counter.INDEX_AFTER = 10 ** 9   # the word-by-word walk (the trie's was bounded already)
    assert _ratio(lambda n: counter._points("ab" * n), 1_000, 4_000) < LINEAR   # 8,000 letters took 24 s
    assert counter.count("ab" * 4_000) == SyllableCounter(counter.patterns).count("ab" * 4_000)


def test_runs_of_blank_lines_are_linear(packs):
    article = "Critics say the deal favours Moscow.\n"
    assert _ratio(lambda n: lint_text("\n" * n + article, packs=packs), 5_000, 20_000) < LINEAR


def test_front_matter_keys_are_linear(packs):
    # Front matter reaches the rules as blank lines: 10,000 keys took 171 s.
    def lint(keys: int):
        meta = "".join(f"key{i}: value {i}\n" for i in range(keys))
        return lint_text(f"---\n{meta}---\nCritics say the deal favours Moscow.\n", "a.md", packs=packs)

    assert _ratio(lint, 500, 2_000) < LINEAR


def _article_text(size: int) -> str:
    seeds = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    return _fill(seeds + "\n\n", size)


def test_one_long_line_is_linear(packs):
    prose = " ".join(_article_text(200_000).split())
    assert _ratio(lambda n: lint_text(prose[:n], packs=packs), 25_000, 100_000) < LINEAR


def test_second_story_on_a_large_file_is_linear(packs):
    from lint.kinds import Context
    from lint.reader import parse

    rule = next(r for pack in packs for r in pack.rules if r.kind.name == "second-story")
    text = _article_text(400_000)
    docs = {size: parse("a.txt", text[:size].encode("utf-8")) for size in (100_000, 400_000)}
    for doc in docs.values():   # the segments every rule shares, made before the clock starts
        doc.nonblank, doc.line_words

    def find(size: int):
        return list(rule.kind.find(docs[size], Context()))

    assert _ratio(find, 100_000, 400_000) < LINEAR   # 2 MB took 420 s when it joined the text
