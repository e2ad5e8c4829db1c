"""The text format shows the flagged words: excerpt centred on the match, a caret line under it."""
from __future__ import annotations

import lint
from lint.report import Report
from lint.report.text import render

LONG = ("The council met on Tuesday to discuss the budget for the coming year, and members spoke at length about "
        "schools, roads, the library and the swimming pool, which has been closed since the spring floods damaged "
        "its roof and the changing rooms. Critics say the plan will fail, though the council disagrees.\n")


def _lines(width=None):
    result = lint.lint_text(LONG, path="a.txt")
    return render(Report([result], width=width)).split("\n"), result


def test_a_match_far_along_a_long_line_is_in_its_excerpt_and_marked():
    lines, result = _lines()
    finding = next(f for f in result.findings if f.rule == "NL401")
    assert finding.column > 200
    at = lines.index(next(l for l in lines if l.startswith("a.txt:1:") and "NL401" in l))
    excerpt, caret = lines[at + 1], lines[at + 2]
    assert excerpt.startswith("    | …") and "Critics say" in excerpt
    start = caret.index("^")
    assert excerpt[start:start + len("Critics say")] == "Critics say"
    assert caret[start:].rstrip() == "^" * len("Critics say")


def test_on_a_narrow_terminal_the_excerpt_fits_and_the_caret_still_points_at_the_words():
    lines, _ = _lines(width=60)
    at = lines.index(next(l for l in lines if "NL401" in l))
    excerpt, caret = lines[at + 1], lines[at + 2]
    assert len(excerpt) <= 60
    start = caret.index("^")
    assert excerpt[start:start + len("Critics say")] == "Critics say"


def test_wide_characters_keep_the_caret_under_the_words():
    text = "市议会周二开会。 The mayor spoke. Critics say the plan will fail.\n"
    result = lint.lint_text(text, path="a.txt")
    lines = render(Report([result])).split("\n")
    at = lines.index(next(l for l in lines if "NL401" in l))
    caret = lines[at + 2]
    # Eight CJK characters take two columns each: the caret sits eight columns further right.
    assert caret.index("^") == len("    | ") + text.index("Critics") + 8
