"""Tests for lint.html_text: visible text of HTML pages and the map back to the source."""

from __future__ import annotations

import bisect
import html
import random
import re
import time
from pathlib import Path

import pytest

from lint.html_text import html_to_view, to_source

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "html"
PAGES = sorted(CORPUS.glob("*.html")) if CORPUS.is_dir() else []


def view_of(source: str) -> str:
    return html_to_view(source)[0]


def source_line(source: str, offset: int) -> int:
    return source.count("\n", 0, offset) + 1


def assert_mapping_sound(source: str, view: str, anchors: list[tuple[int, int]]) -> None:
    """Every view character maps to itself in the source, except inserted whitespace and
    decoded references (which map to their "&")."""
    assert [v for v, _ in anchors] == sorted({v for v, _ in anchors}), "anchors not strictly increasing"
    for i, ch in enumerate(view):
        o = to_source(anchors, i)
        assert 0 <= o < len(source), (i, ch, o)
        assert source[o] == ch or ch in " \n" or source[o] == "&", (i, ch, source[o - 20 : o + 20])


# --- structure ------------------------------------------------------------------


def test_blocks_make_lines_and_inline_tags_do_not():
    src = (
        "<body><h1>Big <span>news</span> today</h1>"
        "<p>First <em>para</em>graph, <a href='x'>with a link</a>.</p>"
        "<div>Div text<br>after a break</div>"
        "<ul><li>one</li><li>two <strong>bold</strong></li></ul>"
        "<table><tr><td>cell A</td><td>cell B</td></tr></table></body>"
    )
    assert view_of(src) == (
        "Big news today\nFirst paragraph, with a link.\nDiv text\nafter a break\n"
        "one\ntwo bold\ncell A\ncell B"
    )


def test_whitespace_collapses_and_lines_are_stripped():
    src = "<p>\n   Many\n\tspaces   here  </p>\n\n   <p>  next\r\n line </p>"
    assert view_of(src) == "Many spaces here\nnext line"


def test_blank_lines_come_only_from_br_and_collapse_to_one():
    assert view_of("<p>a</p><p></p><div></div><p>b</p>") == "a\nb"
    assert view_of("a<br><br>b") == "a\n\nb"
    assert view_of("a<br><br><br><br/>b</p><p><br>c") == "a\n\nb\n\nc"
    assert view_of("<br><br>start") == "start"  # no leading blank lines


def test_unclosed_li_and_p_still_give_one_line_each():
    assert view_of("<ul><li>one<li>two<li>three</ul><p>para one<p>para two") == (
        "one\ntwo\nthree\npara one\npara two"
    )


# --- what is left out ----------------------------------------------------------------


def test_title_first_and_invisible_things_skipped():
    src = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>The  Title</title>
<style>p { color: red }</style><script>var x = "<p>not text</p>";</script>
<link rel="x" href="y"></head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<!-- a comment with <p>text</p> -->
<p>Visible one.</p>
<noscript>Enable JavaScript</noscript><template><p>tpl</p></template>
<svg><title>svg title</title><text>svg text</text></svg>
<form><select><option>Opt A</option><option>Opt B</select><button>Click</button>
<textarea>typed</textarea></form>
<iframe>frame text</iframe>
<div hidden>hidden div</div><span aria-hidden="true">aria hidden</span>
<span aria-hidden="false">aria shown</span>
<img src="a.png" alt="alt text"><p>Visible two.</p>
</body></html>"""
    assert view_of(src) == "The Title\nVisible one.\naria shown\nVisible two."


def test_only_the_first_title_counts():
    assert view_of("<title>One</title><body><p>x</p><title>Two</title></body>") == "One\nx"


def test_missing_head_end_tag():
    assert view_of("<html><head><title>T</title><meta x><div>Body text</div>") == "T\nBody text"
    assert view_of("<head><title>T</title><span>x</span> y") == "T\nx y"


# --- entities ---------------------------------------------------------------------------


def test_entities_and_character_references_are_decoded():
    src = "<p>It&rsquo;s Tom&#8217;s &#x2019;dog&#x2019; &amp; cat&nbsp;&nbsp;here &lt;b&gt;</p>"
    assert view_of(src) == "It’s Tom’s ’dog’ & cat here <b>"


def test_odd_references_stay_as_written():
    assert view_of("<p>AT&T &bogus; &# 5 &#; x &amp y</p>") == "AT&T &bogus; &# 5 &#; x & y"


def test_decoded_reference_maps_to_its_ampersand():
    src = "<p>Tom&rsquo;s dog</p>"
    view, anchors = html_to_view(src)
    assert view == "Tom’s dog"
    assert src.startswith("&rsquo;", to_source(anchors, view.index("’")))
    assert src.startswith("s dog", to_source(anchors, view.index("s dog")))


# --- mapping back to the source -----------------------------------------------------------

HANDMADE = (
    "<!DOCTYPE html>\r\n"
    "<html>\r\n<head>\r\n  <title>Café &amp; Politics — Daily</title>\r\n"
    "  <script>if (a < b) { x = '&amp;' }</script>\r\n</head>\r\n"
    "<body>\r\n"
    "  <h1 class=\"headline\">Mayor   promises\r\n      new bridge</h1>\r\n"
    "  <p>Naïve voters, said the mayor&rsquo;s aide, <em>“will believe anything”</em>.\r\n"
    "     The council meets on Tuesday.</p>\r\n"
    "  <ul>\r\n    <li>Budget: €4&nbsp;million</li>\r\n    <li>Opens in 2027</li>\r\n  </ul>\r\n"
    "  <p>Sources say&hellip; nothing&#8203;yet.<br>Last line here</p>\r\n"
    "</body>\r\n</html>\r\n"
)


@pytest.mark.parametrize(
    "phrase, line",
    [
        ("Café ", 4),
        ("Mayor", 8),
        ("new bridge", 9),
        ("Naïve voters, said the mayor", 10),
        ("“will believe anything”", 10),
        ("The council meets on Tuesday.", 11),
        ("Budget: €4", 13),
        ("million", 13),
        ("Opens in 2027", 14),
        ("Sources say", 16),
        ("Last line here", 16),
    ],
)
def test_phrases_map_to_their_exact_place_in_the_source(phrase, line):
    view, anchors = html_to_view(HANDMADE)
    v = view.find(phrase)
    assert v >= 0, view
    offset = to_source(anchors, v)
    assert HANDMADE[offset : offset + len(phrase)] == phrase
    assert source_line(HANDMADE, offset) == line


def test_handmade_view_and_every_character_maps():
    view, anchors = html_to_view(HANDMADE)
    assert view.split("\n") == [
        "Café & Politics — Daily",
        "Mayor promises new bridge",
        "Naïve voters, said the mayor’s aide, “will believe anything”. The council meets on Tuesday.",
        "Budget: €4 million",
        "Opens in 2027",
        "Sources say… nothing\u200byet.",
        "Last line here",
    ]
    assert_mapping_sound(HANDMADE, view, anchors)


def test_inserted_whitespace_maps_to_what_it_replaces():
    src = "<p>a\n\n   b</p>\n<p>c</p>"
    view, anchors = html_to_view(src)
    assert view == "a b\nc"
    assert to_source(anchors, 1) == src.index("\n")  # the space stands for the whitespace run
    assert src.startswith("</p>", to_source(anchors, 3))  # the newline for the tag that ended the line


def test_to_source_lookup():
    anchors = [(0, 10), (5, 30), (8, 31)]
    assert [to_source(anchors, v) for v in (0, 4, 5, 7, 8, 20)] == [10, 14, 30, 32, 31, 43]
    assert to_source([], 3) == 0


# --- messy input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "src, expected",
    [
        ("<p>one<p>two<div>three</div>four", "one\ntwo\nthree\nfour"),  # unclosed p
        ("<div><nav><a>Home</a></div><p>Story text</p>", "Story text"),  # nav closed by its parent
        ("<body><nav><ul><li>Menu</ul></body><p>After body</p>", "After body"),
        ("</p></div></nav></span>text</b> more</html>", "text more"),  # stray end tags
        ("<p>a<b>b<i>c</b>d</i>e</p>", "abcde"),  # misnested inline tags
        ("<p>Start</p><!-- never closed <p>hidden</p>", "Start"),
        ("<p>Start</p><script>never closed <p>x</p>", "Start"),
        ("<p>a<![junk[ b]]>c</p><p>after</p>", "ac\nafter"),  # html.parser raises on this
        ("<p>one &#</p><p>two &# three</p><b>four</b>", "one &#\ntwo &# three\nfour"),
        ("<p>x</p><p class='y", "x\n<p class='y"),  # truncated page
        ("<p>a</p><div/>b<br/>c<p/>d", "a\nb\nc\nd"),
        ("", ""),
        ("plain text, no tags", "plain text, no tags"),
    ],
)
def test_messy_html_keeps_the_text(src, expected):
    view, anchors = html_to_view(src)
    assert view == expected
    assert_mapping_sound(src, view, anchors)


def test_random_junk_never_raises_and_maps_inside_the_source():
    rng = random.Random(1234)
    pieces = ["<p>", "</p>", "<nav>", "</nav>", "<script>", "</script>", "<br>", "<![", "<!--", "-->",
              "<title>", "&#", "&amp", ";", "&", "<", ">", "/", '"', "'", "=", " ", "\n", "\r", "\x00",
              "word", "é", "<div hidden>", "</div>", "<head>", "<svg>", "<a href='x"]
    for _ in range(3000):
        src = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        view, anchors = html_to_view(src)
        assert [v for v, _ in anchors] == sorted({v for v, _ in anchors})
        for i, ch in enumerate(view):
            o = to_source(anchors, i)
            assert 0 <= o < len(src)
            assert src[o] == ch or ch in " \n" or src[o] == "&", (src, view, i)


def test_pathological_nesting_is_not_quadratic():
    src = "<span>" * 50_000 + "</b>" * 50_000 + "<li>x" * 20_000 + "<p>end</p>"
    start = time.perf_counter()
    view, _ = html_to_view(src)
    assert view.endswith("x\nx\nend")
    assert time.perf_counter() - start < 5


# --- real pages -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "page",
    PAGES or [pytest.param(None, marks=pytest.mark.skip(reason=f"no corpus at {CORPUS}"))],
    ids=lambda p: p.name[:60] if p else "none",
)
def test_corpus_page(page):
    # Decode without newline translation: the \r\n of some pages must survive.
    source = page.read_bytes().decode("utf-8", errors="replace")
    view, anchors = html_to_view(source)
    assert view.strip()
    assert "\n\n\n" not in view
    assert all(line == line.strip() for line in view.split("\n"))

    # Words copied from one text node (no anchor inside them: "in</span>Latest" shows as
    # "inLatest", which only maps back piecewise).
    starts = [v for v, _ in anchors]
    words = [
        m
        for m in re.finditer(r"\b[A-Za-z]{6,}\b", view)
        if bisect.bisect_right(starts, m.start()) == bisect.bisect_left(starts, m.end())
    ][:20]
    assert len(words) == 20
    for m in words:
        offset = to_source(anchors, m.start())
        assert source[offset : offset + len(m.group())] == m.group()

    assert_mapping_sound(source, view, anchors)

    title = re.search(r"<title[^>]*>(.*?)</title>", source, re.S | re.I)
    if title:
        assert view.split("\n", 1)[0] == " ".join(html.unescape(title.group(1)).split())
