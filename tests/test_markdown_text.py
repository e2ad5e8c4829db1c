"""Tests for lint.markdown_text: the Markdown prose view keeps every offset."""
from __future__ import annotations

import random
import re
import time
from pathlib import Path

import pytest

from lint.markdown_text import MarkdownView, markdown_to_view

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
BBC = ROOT.parent / "shared" / "corpus" / "bbc"


def view(source: str) -> MarkdownView:
    result = markdown_to_view(source)
    assert_same_layout(source, result.text)
    return result


def assert_same_layout(source: str, text: str) -> None:
    """Same length, line breaks in the same places, and only blanking (never new text)."""
    assert len(text) == len(source)
    for i, (s, t) in enumerate(zip(source, text)):
        if s in "\r\n" or t in "\r\n":
            assert s == t, f"line break moved at offset {i}"
        else:
            assert t == s or t == " ", f"offset {i}: {s!r} became {t!r}"


def lines(text: str) -> list[str]:
    return text.split("\n")


# -- the length / newline invariant ----------------------------------------------

SAMPLES = [
    "",
    "plain prose, nothing to do.\n",
    "# Title #\n\nText under it.\n",
    "Setext\n======\n\nTwo\n---\n",
    "- one\n- two\n  * nested\n1. first\n2) second\n- [ ] todo\n- [x] done\n",
    "> quote\n> > nested\nlazy\n",
    "***\n---\n___\n* * *\n",
    "**bold** and __strong__ and *em* and _em_ and ~~gone~~\n",
    "inline `code` and ``co`de`` here\n",
    "```python\nx = 1\n```\n~~~\ny\n~~~\n",
    "para\n\n    indented code\n\nafter\n",
    "[text](http://u.rl/a_(b) \"Title\") and ![alt](img.png)\n",
    "[ref text][r] [r]\n\n[r]: http://example.com 'T'\n",
    "<http://auto.link> <me@example.com> <b>bold</b> <a href=\"x\">y</a>\n",
    "<!-- a\ncomment\n-->\nafter <!-- inline --> text\n",
    "escapes \\* \\_ \\` \\[ \\\\ end\\\nnext\n",
    "crlf line\r\n**bold**\r\n> quote\r\n",
    "---\ntitle: x\n---\nbody\n",
    "---\n: bad: [\n---\nbody\n",
    "+++\ntitle = 'x'\n+++\nbody\n",
    "\ufeff# BOM heading\n",
    "unclosed ``` fence\n```\nrest\n",
    "<script>\nvar a = '<b>';\n</script>\nprose\n",
    "tabs\tin\ttext\n\tcode\n",
    "*** \n_ _ _\n- \n1.\n#\n>\n",
]


@pytest.mark.parametrize("source", SAMPLES)
def test_layout_is_preserved(source):
    view(source)


def test_layout_is_preserved_on_random_markdown_soup():
    pieces = [
        "*", "**", "_", "__", "~~", "~", "`", "```", "~~~", "[", "]", "(", ")", "![", "<", ">",
        "<!--", "-->", "\\", "#", "## ", "---", "===", "- ", "1. ", "2) ", "> ", "    ", "\t",
        "\n", "\n\n", "\r\n", "a", "word", " ", '"', "'", "http://x.y/z_(q)",
        '[x]: http://u "t"', "<b>", "</b>", '<a href="x">', "+++", "...", "é", "[ ]", "[x] ",
        "<pre>", "</pre>", "=",
    ]
    rnd = random.Random(20250712)
    for _ in range(3000):
        source = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 40)))
        if rnd.random() < 0.2:
            source = "---\n" + source
        view(source)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_seed_articles_come_through_unchanged(path):
    # The seeds are plain text: no Markdown constructs at all. The one thing
    # that looks like markup, "[in Pakistan]" in seed 001, is an editorial
    # bracket: with no "[in Pakistan]: url" definition it is not a link, so
    # the view must equal the source exactly.
    source = path.read_text(encoding="utf-8")
    assert view(source).text == source


@pytest.mark.skipif(not BBC.is_dir(), reason="shared BBC corpus not present")
def test_bbc_corpus_only_loses_list_markers():
    # Read as Markdown, the 2,225 plain-text BBC articles differ from their
    # source only where a line starts with "- " (a list item in Markdown).
    # Their lone '*' footnote marks, "2048 * 1080", `quotes' and &#233;
    # entities must all survive.
    changed = 0
    for path in sorted(BBC.glob("*.txt")):
        source = path.read_text(encoding="utf-8")
        result = view(source)
        for n, (before, after) in enumerate(zip(lines(source), lines(result.text))):
            if before != after:
                changed += 1
                assert n in result.list_items
                assert after == re.sub(r"^(\s*)-", r"\1 ", before)
    assert changed < 200  # 151 lines today


# -- front matter -----------------------------------------------------------------

ARTICLE = """\
---
title: "Steel deal signed"
source: Arab News
url: https://www.arabnews.com/node/123
date: 2025-07-12
byline: Staff Writer
---
Pakistan and Russia signed a **protocol** on Friday.
"""


def test_front_matter_is_parsed():
    result = view(ARTICLE)
    assert result.meta == {
        "title": "Steel deal signed",
        "source": "Arab News",
        "url": "https://www.arabnews.com/node/123",
        "date": "2025-07-12",  # kept as written, not a datetime.date
        "byline": "Staff Writer",
    }
    assert result.meta_error is None


def test_front_matter_is_blanked_and_lines_keep_their_place():
    result = view(ARTICLE)
    view_lines = lines(result.text)
    assert all(not line.strip() for line in view_lines[:7])
    # "signed a" is on line 7 (0-based) of the source at column 20; same in the view.
    assert lines(ARTICLE)[7].index("signed a") == 20
    assert view_lines[7].index("signed a") == 20
    found = re.search(r"signed\s+a\s+protocol", result.text)
    assert found and ARTICLE[found.start():found.start() + 6] == "signed"
    assert ARTICLE.count("\n", 0, found.start()) == 7


def test_invalid_front_matter_sets_meta_error_and_is_still_blanked():
    source = "---\ntitle: [unclosed\nsource: x\n---\nBody text.\n"
    result = view(source)
    assert result.meta == {}
    assert result.meta_error and "\n" not in result.meta_error
    assert "line" in result.meta_error
    assert lines(result.text)[:4] == ["   ", "                ", "         ", "   "]
    assert lines(result.text)[4] == "Body text."


def test_front_matter_that_is_not_a_mapping_is_an_error():
    result = view("---\n- a\n- b\n---\nBody.\n")
    assert result.meta == {} and "mapping" in result.meta_error


def test_impossible_date_does_not_raise():
    result = view("---\ndate: 2025-13-45\n---\nBody.\n")
    assert result.meta == {"date": "2025-13-45"} and result.meta_error is None


def test_empty_front_matter_and_dots_closing():
    assert view("---\n---\nBody.\n").meta == {}
    result = view("---\ntitle: x\n...\nBody.\n")
    assert result.meta == {"title": "x"} and result.text.endswith("Body.\n")


def test_unclosed_dashes_and_toml_are_not_front_matter():
    result = view("---\ntitle: x\nBody.\n")
    assert result.meta == {} and result.meta_error is None
    assert lines(result.text)[1:] == ["title: x", "Body.", ""]
    toml = "+++\ntitle = 'x'\n+++\nBody.\n"
    assert view(toml).text == toml


# -- block structure -----------------------------------------------------------------

def test_headings_atx_and_setext():
    source = "# Top ##\nbody\n\n### C# is a language\n#hashtag\n\nSetext one\n==========\n\nTwo\n---\n"
    result = view(source)
    assert result.headings == {0, 3, 6, 9}
    out = lines(result.text)
    assert out[0] == "  Top   "
    assert out[3] == "    C# is a language"
    assert out[4] == "#hashtag"  # no space: a hashtag, not a heading
    assert out[7].strip() == "" and out[11].strip() == ""


def test_list_items_and_task_boxes():
    source = "Intro:\n- first\n* second\n  + nested\n1. one\n2) two\n- [x] done\n- [ ] todo\ncontinued\n"
    result = view(source)
    assert result.list_items == {1, 2, 3, 4, 5, 6, 7}
    out = lines(result.text)
    assert out[1] == "  first"
    assert out[3] == "    nested"
    assert out[4] == "   one" and out[5] == "   two"
    assert out[6] == "      done" and out[7] == "      todo"
    assert out[8] == "continued"


def test_numbers_that_only_look_like_lists():
    # Only "1." may interrupt a paragraph; "-5%" and "2048 * 1080" are prose.
    source = "Profits fell in\n2015. Then they rose\n-5% on the day, 2048 * 1080 pixels.\n"
    result = view(source)
    assert result.text == source and not result.list_items


def test_block_quotes_nested_and_lazy():
    source = "Before.\n\n> He said it\n> > twice\nand lazily\n\nAfter.\n"
    result = view(source)
    assert result.quote_lines == {2, 3, 4}
    out = lines(result.text)
    assert out[2] == "  He said it" and out[3] == "    twice" and out[4] == "and lazily"


def test_horizontal_rules_are_blanked():
    source = "One.\n\n***\n\n- - -\n\n___\nTwo.\n"
    result = view(source)
    assert re.sub(r"\s+", " ", result.text).strip() == "One. Two."
    assert not result.headings and not result.list_items


# -- code ---------------------------------------------------------------------------

def test_code_spans_are_blanked():
    result = view("Run `rm -rf` now, or ``a ` b`` later.\n")
    assert result.text == "Run          now, or           later.\n"


def test_fenced_code_blocks_are_blanked():
    source = "Before.\n```python\nprint('many hope')\n```\n~~~\nquoted > text\n~~~\nAfter.\n"
    result = view(source)
    assert re.sub(r"\s+", " ", result.text).strip() == "Before. After."
    assert not result.quote_lines


def test_unclosed_fence_runs_to_the_end():
    result = view("Before.\n```\ncode\nmore\n")
    assert result.text.strip() == "Before."


def test_indented_code_block_only_after_a_blank_line_and_outside_lists():
    source = "Para.\n\n    code here\n\nText that\n    continues here.\n\n- item\n\n    item text\n"
    result = view(source)
    out = lines(result.text)
    assert out[2].strip() == ""
    assert out[5] == "    continues here."
    assert out[9] == "    item text"


# -- links, images, HTML ---------------------------------------------------------------

def test_link_text_kept_and_url_blanked():
    source = 'See [the report](https://example.com/a_(b) "Its title") today.\n'
    result = view(source)
    gap = source.index("today") - len("See [the report")  # "](url "title") " is all blank
    assert result.text == "See  the report" + " " * gap + "today.\n"
    assert re.search(r"report\s+today", result.text)


def test_images_are_blanked_entirely():
    source = "A ![photo of mill](mill.jpg) here and [![badge](b.png)](https://x.y) there.\n"
    assert re.sub(r"\s+", " ", view(source).text) == "A here and there. "


def test_reference_links_and_definitions():
    source = "Read [the deal][pact] and [PACT], not [in Pakistan].\n\n[pact]: https://example.com/pact \"Pact\"\n"
    result = view(source)
    out = lines(result.text)
    assert out[0] == "Read  the deal        and  PACT , not [in Pakistan]."
    assert out[2].strip() == ""


def test_autolinks_html_and_comments_are_blanked_but_bare_urls_stay():
    source = (
        "Mail <desk@example.com> or <https://example.com>; see https://bare.example/x.\n"
        "It was <em>very</em> <span class=\"x\">big</span>.<!-- editor: check\n"
        "this figure --> Done.\n"
    )
    out = lines(view(source).text)
    assert out[0] == "Mail                    or                      ; see https://bare.example/x."
    assert out[1] == "It was     very      " + " " * 16 + "big       .                  "
    assert out[2] == " " * 16 + "Done."


def test_multiline_html_comment_block_and_raw_blocks():
    source = "<!--\nTODO: fix this\n\nand this\n-->\n<script>\nalert('x')\n</script>\nProse.\n"
    assert view(source).text.strip() == "Prose."


# -- inline emphasis and escapes -----------------------------------------------------

def test_emphasis_markers_are_blanked():
    result = view("Now **many** hope, _some_ fear, ~~none~~ care.\n")
    assert result.text == "Now   many   hope,  some  fear,   none   care.\n"
    assert re.search(r"many\s+hope", result.text).start() == 6


def test_emphasis_lookalikes_stay():
    source = "snake_case_name, 2*3*4, a report*, ~5% and __init__x.\n"
    assert view(source).text == source


def test_emphasis_across_a_wrapped_line():
    assert view("It was **a\nbig** deal.\n").text == "It was   a\nbig   deal.\n"


def test_backslash_escapes_keep_the_character():
    result = view("Price \\*not\\* bold, \\[not a link\\](x), C:\\\\path.\n")
    assert result.text == "Price  *not * bold,  [not a link ](x), C: \\path.\n"


# -- robustness --------------------------------------------------------------------

@pytest.mark.parametrize(
    "source",
    [
        "*a " * 10000 + "b_ " * 10000,
        "[a](" + " " * 20000 + "x",
        "<a " + "b " * 20000,
        "[" * 20000,
        "` " * 20000,
        "> - # x\n" * 5000,
    ],
    ids=["emphasis", "link", "tag", "brackets", "backticks", "blocks"],
)
def test_hostile_input_is_fast_and_safe(source):
    started = time.perf_counter()
    view(source)
    assert time.perf_counter() - started < 1.0


def test_deeply_nested_front_matter_is_an_error_not_a_crash():
    # Pure-Python PyYAML recurses per nesting level into a RecursionError after
    # seconds; the loader stops at a depth limit (libyaml's own, or lint/safe_yaml's).
    started = time.perf_counter()
    result = view("---\n" + "[" * 5000 + "\n---\nBody.\n")
    assert time.perf_counter() - started < 0.5
    assert result.meta == {} and "nesting depth" in result.meta_error
    assert lines(result.text)[3] == "Body."


def test_view_is_hashable_and_frozen():
    result = markdown_to_view("# T\n")
    hash(result)
    with pytest.raises(AttributeError):
        result.text = "x"  # type: ignore[misc]
