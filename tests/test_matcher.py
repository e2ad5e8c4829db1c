"""The matcher's prefilter: what it derives from a pattern, and that it never changes what is found.

The prefilter skips a regex when the text lacks words (or strings) the regex
cannot match without. Skipping is only allowed when the regex would have found
nothing, so the tests compare every shipped pattern against a plain scan.
"""
import json
import random
import re

import pytest

from conftest import ROOT, SHARED
from lint import matcher as M
from lint.matcher import Matcher, lower_same_length, required_words
from lint.rulepack import builtin_rules_dir, load_packs

LINE = M._LINE
FLAGS = re.IGNORECASE | re.MULTILINE  # what compile_pattern uses


def clauses(pattern, flags=FLAGS):
    """The needs of a pattern as a set of (sorted words, strings) for easy comparison."""
    needs = required_words(pattern, flags)
    return None if needs is None else {(tuple(sorted(w)), s) for w, s in needs}


def word_clauses(pattern, flags=FLAGS):
    return {w for w, s in clauses(pattern, flags) if not s}


# ----------------------------------------------------------------------------- what is derived

def test_sequence_gives_one_clause_per_word_position():
    got = word_clauses(r"\b(?:won|clinched|secured)\s+the\s+(?:contract|deal)\b")
    assert got == {("clinched", "secured", "won"), ("the",), ("contract", "deal")}


def test_sequence_also_gives_the_whole_chain_as_strings():
    got = clauses(r"\b(?:for|to)\s+(?:many|most)\b")
    assert ((), ("for many", "for most", "to many", "to most")) in got


def test_optional_parts_multiply_out_or_drop():
    assert word_clauses(r"\bcolou?r\b") == {("color", "colour")}
    assert word_clauses(r"\b(?:very\s+)?bad\b") == {("bad",)}  # "very" is optional: never required
    assert word_clauses(r"\bsummari[sz]ed\b") == {("summarised", "summarized")}


def test_alternation_needs_every_branch_to_give_something():
    assert required_words(r"\b(?:foo|\d+)\b", FLAGS) is None
    (got,) = word_clauses(r"\b(?:foo\s+bar|baz)\b")  # one word of each branch
    assert "baz" in got and len(got) == 2 and {"foo", "bar"} & set(got)


def test_a_word_is_whole_only_where_the_pattern_bounds_it():
    assert clauses(r"report") == {((), ("report",))}  # may sit inside "reporter": a substring, not a word
    assert clauses(r"\breport") == {((), ("report",))}
    assert word_clauses(r"\breport\b") == {("report",)}
    assert word_clauses(r"\(report\)") == {("report",)}  # punctuation bounds it too
    # \s* may match nothing, and \d is a word character: "updated5" is one word.
    assert clauses(r"^\s*updated\s*\d") == {((), ("updated",))}


def test_short_literals():
    assert word_clauses(r"\bap\b") == {("ap",)}  # a whole word, however short, is a set lookup
    assert required_words(r"ap", FLAGS) is None  # a two-letter substring filters nothing


def test_anchors_give_line_words():
    assert word_clauses(r"^\s*share\s*$") == {(LINE + "share",), ("share",)}
    got = word_clauses(r"^\s*(?:read\s+more|related)\s*$")
    assert (LINE + "read more", LINE + "related") in got


def test_scoped_flags_lowercase_and_stay_necessary():
    assert word_clauses(r"\bdespite\s+(?-i:[A-Z])\w+") == {("despite",)}
    assert clauses(r"(?-i:FOO)bar") == {((), ("foobar",))}
    assert word_clauses(r"(?-i:\bFor\s+Everyone\b)", re.MULTILINE) == {("for",), ("everyone",)}


def test_character_classes():
    assert word_clauses(r"\b[bc]at\b") == {("bat", "cat")}
    assert required_words(r"\b[a-z]at\b", FLAGS) is None  # too wide to spell out
    assert word_clauses(r"\bai[- ]generated\b") == {("ai",), ("generated",)}


def test_constructs_that_get_no_prefilter():
    assert required_words(r"(?a)\bfoo\b", FLAGS) is None  # ASCII \w is not the word scan's \w
    assert required_words(r"(?a:x)\bfoo\b", FLAGS) is None
    assert required_words(r"\bμ\w+", FLAGS) is None  # μ also matches µ (micro sign): no literal
    assert M.prefilter(M.compile_pattern(r"\p{Lu}\w+ said", False)) is None  # the `regex` module


def test_lookarounds_are_zero_width():
    assert word_clauses(r"\bfoo\b(?!\s+bar)") == {("foo",)}
    assert clauses(r"(?<=x)foo(?=y)") == {((), ("foo",))}


# ----------------------------------------------------------------------------- the document view

def test_view_words_lines_and_spaced_text():
    view = M._View(lower_same_length("Read  More\n\n  Share this:\tPhoto-credit (AFP)"))
    assert {"read", "more", "share", "this", "photo", "credit", "afp"} <= view.words
    assert {LINE + "read", LINE + "read more", LINE + "share", LINE + "share this"} <= view.words
    assert LINE + "more" not in view.words
    assert view.text == " read more share this: photo-credit (afp) "


def test_view_of_text_beyond_latin1_uses_the_regex_scan():
    view = M._View(lower_same_length("“Reuters” — ünïcode wörds\nnext"))
    assert {"reuters", "ünïcode", "wörds", LINE + "reuters", LINE + "next"} <= view.words


def test_view_folds_what_ignorecase_matches():
    # re.IGNORECASE matches "i" with "ı" and "İ", "s" with "ſ"; the view must see them as i and s.
    text = "Crıtıcs ſay İt"
    view = M._View(lower_same_length(text))
    assert {"critics", "say", "it"} <= view.words
    m = Matcher([], [r"\bcritics\s+say\b", r"\bit\b"])
    assert list(m.finditer(text, lower_same_length(text))) == [(0, 11), (12, 14)]


def test_fold_covers_every_case_partner_of_ascii_letters():
    # Every character `re` matches with an ASCII letter case-insensitively must
    # lowercase (and fold) to that letter, or the view would miss it.
    cased = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000 and chr(c).lower() != chr(c).upper()]
    for letter in "abcdefghijklmnopqrstuvwxyz":
        pattern = re.compile(letter, re.IGNORECASE)
        for ch in cased:
            if pattern.fullmatch(ch):
                assert lower_same_length(ch).translate(M._FOLD) == letter, (letter, ch)


def test_lowercasing_keeps_word_characters_word_characters():
    for c in range(0x110000):
        ch = chr(c)
        if ch.lower() != ch and not 0xD800 <= c < 0xE000:
            assert M._is_word(ch) == M._is_word(lower_same_length(ch)), hex(c)


# ----------------------------------------------------------------------------- same spans as a plain scan

def _matchers():
    for pack in load_packs([builtin_rules_dir()]):
        for rule in pack.rules:
            for attr in ("matcher", "start", "unless", "attributed_by"):
                m = getattr(rule.kind, attr, None)
                if isinstance(m, Matcher) and m:
                    yield rule, m


MATCHERS = list(_matchers())


def _sample_texts():
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").rglob("*")) if p.is_file()]
    texts += sorted(_bbc_files())
    for pack in load_packs([builtin_rules_dir()]):
        for rule in pack.rules:
            texts += list(rule.examples.get("flag", [])) + list(rule.examples.get("pass", []))
    return texts


def _bbc_files():
    folder = SHARED / "corpus" / "bbc"
    if not folder.is_dir():
        return []
    files = sorted(folder.glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in files[:: max(1, len(files) // 200)]]


TEXTS = _sample_texts()


def _plain_scan(m: Matcher, text: str, lowered: str, start: int = 0, end: int | None = None):
    """What Matcher.finditer found before the prefilter: every regex over the range."""
    end = len(text) if end is None else end
    spans = [x.span() for x in m.phrases.finditer(lowered, start, end)] if m.phrases else []
    for pattern in m.patterns:
        spans += [x.span() for x in pattern.finditer(text, start, end) if x.end() > x.start()]
    return sorted(spans)


@pytest.mark.parametrize("rule,m", MATCHERS, ids=[f"{r.code}-{i}" for i, (r, _) in enumerate(MATCHERS)])
def test_prefiltered_matcher_finds_what_a_plain_scan_finds(rule, m):
    rng = random.Random(rule.code)
    for text in TEXTS:
        lowered = lower_same_length(text)
        assert sorted(m.finditer(text, lowered)) == _plain_scan(m, text, lowered), (rule.code, text[:80])
        # Ranges (a sentence for `unless`, a window for `attributed_by`) and search().
        for _ in range(3):
            start = rng.randrange(len(text) + 1)
            end = rng.randrange(start, len(text) + 1)
            expected = _plain_scan(m, text, lowered, start, end)
            assert sorted(m.finditer(text, lowered, start, end)) == expected, (rule.code, start, end)
            assert m.search(text, lowered, start, end) == bool(expected)


SRE = M.sre
SAMPLE_CHARS = {  # characters to draw for a class or category, odd ones included
    SRE.CATEGORY_SPACE: " \n\t\u00a0", SRE.CATEGORY_NOT_SPACE: "aZ-1é", SRE.CATEGORY_DIGIT: "17",
    SRE.CATEGORY_NOT_DIGIT: "a -", SRE.CATEGORY_WORD: "aZ_1éK", SRE.CATEGORY_NOT_WORD: " -(:\n’",
}


def _sample(items, rng: random.Random) -> str:
    """A random string shaped by a parsed regex (it may not match: assertions are ignored)."""
    out = []
    for op, av in items:
        if op is SRE.LITERAL:
            ch = chr(av)
            out.append(rng.choice([ch, ch.upper(), ch.lower(), ch.replace("i", "ı").replace("s", "ſ")]))
        elif op is SRE.IN:
            options = []
            for o, a in av:
                if o is SRE.LITERAL:
                    options.append(chr(a))
                elif o is SRE.RANGE:
                    options.append(chr(rng.randint(a[0], a[1])))
                elif o is SRE.CATEGORY:
                    options.append(rng.choice(SAMPLE_CHARS.get(a, "a")))
            out.append(rng.choice(options or ["a", " ", "-"]))
        elif op in (SRE.ANY, SRE.NOT_LITERAL):
            out.append(rng.choice("a -Z1("))
        elif op is SRE.BRANCH:
            out.append(_sample(rng.choice(av[1]), rng))
        elif op is SRE.SUBPATTERN:
            out.append(_sample(av[-1], rng))
        elif op in (SRE.MAX_REPEAT, SRE.MIN_REPEAT):
            low, high, sub = av
            out.append("".join(_sample(sub, rng) for _ in range(rng.randint(low, min(high, low + 3)))))
    return "".join(out)


def test_needs_hold_whenever_a_pattern_matches():
    """Texts drawn from each pattern's own syntax tree: a match must never be filtered out."""
    rng = random.Random(0)
    checked = 0
    for _, m in MATCHERS:
        for entry in m._filtered:
            pattern, needs = m._compiled(entry), entry[2]
            if needs is None:
                continue
            tree = M.sre_parse.parse(pattern.pattern, pattern.flags)
            for _ in range(30):
                text = rng.choice(["", " ", "\n", "x", "(", "The "]) + _sample(tree, rng) + rng.choice(["", " ", "\n", "x", "."])
                if any(x.end() > x.start() for x in pattern.finditer(text)):
                    checked += 1
                    assert M._allows(needs, M._View(lower_same_length(text))), (pattern.pattern, text)
    assert checked > 1000


TRICKY = [  # (pattern, a text it matches): each needs must let the text through
    (r"\b(?:ha)+\b", "Hahaha!"),  # a repeated word is not a whole "ha"
    (r"\b(?:ab|cd)+\s", "abcdab x"),
    (r"\bfoo\s*bar\b", "FOOBAR"),
    (r"\bfoo\s\s+bar\b", "foo \n bar"),  # whitespace runs are one space in the spaced text
    (r"^\b\s*x", "x"),
    (r"^(?:\s*)x", "\n x"),
    (r"(^foo)\s+baz\b", "foo baz"),  # "baz" does not begin a line
    (r"(?:\.|^)\s*(?:also\s+)?x\b", "Also x"),
    (r"\bfoo\s*bar\b", "foo\n\tbar"),
    (r"^\s*(?:read\s+more|related)\s*$", "x\n\n  Read\n more\n"),
    (r"^\s*(?:by\s+)?reuters\b", "\n By\nReuters"),
    (r"(?:^|\s)go(?:\s|$)", "to go"),
    (r"\bcolou?r\s*:", "Colour :"),
    (r"\bword\b(?=\s*\S)", "word ."),
    (r"\b(?:x|y)z?\b", "yz"),
    (r"\bsaid\b", "SAİD"),  # İ lowercases to i under IGNORECASE
    (r"\bclass\b", "claſs"),
    (r"\bkilo\b", "\u212aILO"),  # Kelvin sign
    (r"(?-i:[A-Z])\w+\s+reported", "Reuters\treported"),
    (r"\bre-?published\b", "re-published"),
    (r"\(\s*afp\s*\)", "( AFP )"),
    (r"\b(?:a|an)\s+(?:wise|bold)\s+move\b", "an  bold\nmove"),
    (r"\bthe\s+(?:more|most)\s+(?:fitting)?\s*partner\b", "the most partner"),
]


@pytest.mark.parametrize("pattern,text", TRICKY)
def test_tricky_patterns_are_not_filtered_out(pattern, text):
    m = Matcher([], [pattern])
    lowered = lower_same_length(text)
    assert _plain_scan(m, text, lowered), "the example must match"
    assert sorted(m.finditer(text, lowered)) == _plain_scan(m, text, lowered)


# ----------------------------------------------------------------------------- phrases

def test_phrase_needs_read_off_the_text_equal_those_of_its_regex():
    phrases = {p for rule, _ in MATCHERS for p in rule.kind.options.get("phrases") or []}
    phrases |= {"_under score_", "(c)", "game-changer", "  spaced   out  "}
    assert len(phrases) > 50
    for phrase in phrases:
        assert M._phrase_needs(phrase) == required_words(M._phrases_regex([phrase])), phrase


def test_trie_phrases_still_behave():
    m = Matcher(["many hope", "it is said", "Critics say", "(c)"], [])
    text = "For years MANY\n hope. It  is said so; critics say no. (C) 2024; itis said; many hopes"
    lowered = lower_same_length(text)
    found = [text[a:b] for a, b in sorted(m.finditer(text, lowered))]
    assert found == ["MANY\n hope", "It  is said", "critics say", "(C)"]
    assert not list(m.finditer("nothing here", "nothing here"))
    assert m.search(text, lowered, 0, 20) and not m.search(text, lowered, 20, 30)


def test_case_sensitive_matcher_phrases():
    m = Matcher(["Reuters"], [], case_sensitive=True)
    assert list(m.finditer("By Reuters.", "by reuters.")) == [(3, 10)]
    assert not list(m.finditer("by reuters.", "by reuters."))


def test_repeated_calls_give_the_same_answer():
    m = Matcher([], [r"^\s*share\s*$"])
    text = "Story\nShare\nmore"
    lowered = lower_same_length(text)
    first = list(m.finditer(text, lowered))
    assert first == list(m.finditer(text, lowered)) == [(6, 11)]
    assert list(m.finditer(text, lowered, 0, 5)) == []


def test_remembered_analyses_skip_compiling_until_needed(tmp_path):
    pattern = r"\bemerged\s+victorious\b"
    saved = dict(M._REMEMBERED), dict(M._LEARNED)
    try:
        # Earlier tests (CLI runs) may have remembered analyses: start from none.
        M._REMEMBERED.clear()
        M._LEARNED.clear()
        learned = Matcher([], [pattern])
        path = tmp_path / "prefilters.json"
        M.keep(path)
        M._REMEMBERED.clear()
        M.remember(path)
        lazy = Matcher([], [pattern])
        assert lazy._filtered[0][1] is None                      # not compiled yet
        text = "The deal was signed on Friday."
        assert list(lazy.finditer(text, text.lower())) == []
        assert lazy._filtered[0][1] is None                      # its words are absent: still not compiled
        text = "Russia emerged victorious."
        assert list(lazy.finditer(text, text.lower())) == list(learned.finditer(text, text.lower())) == [(7, 25)]
    finally:
        M._REMEMBERED.clear()
        M._REMEMBERED.update(saved[0])
        M._LEARNED.clear()
        M._LEARNED.update(saved[1])


def test_damaged_remembered_file_is_ignored(tmp_path):
    path = tmp_path / "prefilters.json"
    path.write_bytes(b"\x00garbage")
    M.remember(path)  # must not raise
    assert Matcher([], [r"\bcritics\s+say\b"]).search("Critics say so.", "critics say so.")


def test_a_damaged_remembered_row_is_analysed_afresh(tmp_path):
    pattern = r"\bcritics\s+say\b"
    path = tmp_path / "prefilters.json"
    path.write_text(json.dumps([[pattern, M._flags(False), [[["critics"], 5]]]]), encoding="utf-8")  # 5: not strings
    saved = dict(M._REMEMBERED), dict(M._LEARNED)
    try:
        M.remember(path)
        matcher = Matcher([], [pattern])
        assert (pattern, M._flags(False)) in M._LEARNED   # worked out again, not taken from the row
        assert matcher.search("Critics say so.", "critics say so.")
    finally:
        M._REMEMBERED.clear()
        M._REMEMBERED.update(saved[0])
        M._LEARNED.clear()
        M._LEARNED.update(saved[1])


@pytest.mark.parametrize("pattern", [
    r"^[ \t]*read\s+more\b[^\n]*", r"^\s*#\w+(?:\s+#\w+)*\s*$", r"^(?:related|more):?[ \t]+\w+",
    r"^\s*(?:print|share)\b[^\n]*",
])
def test_a_line_anchored_pattern_tried_at_line_starts_finds_what_finditer_finds(pattern):
    text = ("Read more: a\n\n  #tags #more\nshare\n print\nmid read more\nRelated  x\n\nMore: y\n"
            "  \n\tread more\n#one\n")
    m = Matcher([], [pattern])
    compiled = M.compile_pattern(pattern, False)
    assert M._opens_a_line(compiled)
    for start, end in [(0, len(text)), (1, len(text)), (12, 40), (0, 11), (len(text) - 5, len(text))]:
        expected = [x.span() for x in compiled.finditer(text, start, end) if x.end() > x.start()]
        assert list(m.finditer(text, text.lower(), start, end)) == expected, (start, end)
    assert list(m.finditer(text, text.lower()))   # not vacuous


def test_only_patterns_that_open_every_match_at_a_line_start_are_tried_there():
    for pattern in [r"^a|b", r"^\s*", r"(?:\n|^)x", r"\b^x"]:
        assert not M._opens_a_line(M.compile_pattern(pattern, False)), pattern
