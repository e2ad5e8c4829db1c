"""Searching a pattern from its lead words (lint/lead_search.py): the spans finditer gives, found faster."""
import re
import time

import pytest

from lint import lead_search
from lint.matcher import Matcher, lower_same_length

CLAUSE = r"(?<![\w’'-])(?:^[ \t]{0,4}|(?<=[.!?;:]\s)|(?<=,\s)|(?<=\band\s)|(?<=\bbut\s))"
MODIFIERS = r"(?!(?:the|their)\b)(?:(?!(?:the|their)\b)[\w’'-]+(?=\s)[ \t]*){0,3}?"
GROUP_SAYS = r"(?:critics|experts|sceptics)\s+(?:have\s+)?(?:say|said|argue|warned)\b"

PATTERNS = [
    r"\b(?:many|some|most|a\s+number\s+of)\s+(?:[\w’'-]+\s+){0,2}?(?:experts|critics)\s+(?:say|fear)\b",
    r"\bthe\s+(?:critics|backers)\s+of\s+[^,.\n]{1,40}?\s+(?:say|argue)\b",
    CLAUSE + MODIFIERS + "(?#lead)" + GROUP_SAYS,
    CLAUSE + "(?#lead)(?:many|some|most)\\s+(?:say|fear|believe)\\b",
    r"(?-i:[A-Z])[\w-]+[’']s\s+(?:[a-z-]+\s+)?(?#lead)(?:critics|allies)\s+(?:say|claim)\b",
]
TEXTS = [
    "Critics say the plan is flawed. Many experts fear a flood, and some critics say so too.",
    "Legal experts and critics say the ruling is wrong.",
    "The critics say nothing; their sceptics argue. Industry experts warned on Monday.",
    "He told experts critics say it. But sceptics have said otherwise, and Ms Roe's critics claim more.",
    "  Some say yes.\nMany fear it, but most believe it.\nThe backers of the levy argue it works.",
    "Hypercritics say words; non-critics argue, and anti-experts warned.",
    "ſome say the İstanbul critics say it, and SOME FEAR it.",
    "",
]


def _finditer(pattern: str, text: str) -> list:
    compiled = re.compile(pattern, re.IGNORECASE | re.MULTILINE)
    return [m.span() for m in compiled.finditer(text) if m.end() > m.start()]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_spans_are_the_ones_finditer_gives(pattern):
    matcher = Matcher([], [pattern])
    for text in TEXTS:
        found = list(matcher.finditer(text, lower_same_length(text)))
        assert found == _finditer(pattern, text), text
    assert matcher._filtered[0][3], "searched from its lead"


def test_the_part_before_the_mark_belongs_to_the_match():
    pattern = CLAUSE + MODIFIERS + "(?#lead)" + GROUP_SAYS
    text = "Legal experts and critics say so, while the critics say otherwise."
    spans = list(Matcher([], [pattern]).finditer(text, text.lower()))
    assert [text[s:e] for s, e in spans] == ["Legal experts and critics say"]


def test_a_lead_is_the_opening_literal_words():
    lead = lead_search.lead_pattern([r"\b(?:many|a\s+number\s+of)\s+experts\s+say\b", "34"])
    assert re.fullmatch(lead, "many experts say") and re.fullmatch(lead, "a  number\nof experts say")
    assert not re.search(lead, "Many")  # case-sensitive: it runs on the lowered text
    # A variable opening, or words too short to be rare, give no lead: the pattern is searched whole.
    assert lead_search.lead_pattern([r"(?:\w+\s+){0,2}critics\s+say", "34"]) == ""
    assert lead_search.lead_pattern([r"\ba\s+(?:\w+)", "34"]) == ""
    assert lead_search.lead_pattern([r"(?:^\s*|, )critics", "34"]) == ""


def test_a_part_that_does_not_stand_alone_is_searched_whole():
    # A back-reference across the mark: the part after it does not compile alone.
    matcher = Matcher([], [r"(\w+) and (?#lead)critics \1\b"])
    text = "Fans and critics fans agree."
    assert list(matcher.finditer(text, text.lower())) == _finditer(r"(\w+) and critics \1\b", text)
    assert not matcher._filtered[0][3], "searched whole"


def test_the_search_stays_linear_on_hostile_text():
    pattern = CLAUSE + MODIFIERS + "(?#lead)" + GROUP_SAYS
    matcher = Matcher([], [pattern])

    def seconds(size: int) -> float:
        text = ("the critics say " * (size // 16 + 1))[:size]
        start = time.perf_counter()
        list(matcher.finditer(text, text))
        return time.perf_counter() - start

    seconds(1_000)
    small, large = seconds(20_000), seconds(80_000)
    # Linear: four times the text, about four times the time (8: room for a busy machine);
    # the absolute cap only catches a search gone badly wrong.
    assert large < 5 and large < 8 * max(small, 0.005)


def test_every_attribution_pattern_searched_from_its_lead_stays_linear(packs):
    # The same hostile shapes as tests/test_linear_time.py, through the lead search itself.
    shapes = {"one letter": "a", "word and space": "word ", "dashes": "-", "capitalised words": "Word ",
              "vague claims": "the critics say many say ", "spaces": " "}
    matchers = [m for pack in packs if pack.id == "attribution" for rule in pack.rules
                for m in (rule.kind.matcher, rule.kind.attributed_by)]
    assert len(matchers) == 8

    def seconds(matcher, unit: str, size: int) -> float:
        text = (unit * (size // len(unit) + 1))[:size]
        start = time.perf_counter()
        list(matcher.finditer(text, text.lower()))
        return time.perf_counter() - start

    slow = []
    for matcher in matchers:
        for name, unit in shapes.items():
            small = seconds(matcher, unit, 10_000)
            if small > 0.01 and seconds(matcher, unit, 40_000) > 8 * small:
                slow.append(f"{name}: {small:.3f} s at 10,000 characters, not linear at 40,000")
    assert not slow, slow
