"""Properties of the reader, the segmenter and the position mapping, for any input.

Hypothesis makes the inputs: arbitrary bytes for the reader, and for the rest
articles assembled from words that trigger rules ("Critics say", "Read more:",
wire datelines), markup, quotes and odd unicode, so findings are plentiful and
land in awkward places. Each property is what every other layer relies on.
"""
from __future__ import annotations

import functools

from hypothesis import HealthCheck, given, settings, strategies as st

from lint import reader, segment
from lint.engine import EXCERPT_CHARS
from lint.markdown_text import markdown_to_view

PIECES = st.sampled_from([
    "Critics say", "experts warn", "officials said", "It is widely believed that", "Read more:",
    "Photo: Reuters", "(AP) —", "TRENDING", "Sign up for our newsletter", "This article was originally published",
    "the plan", "will fail", "on Tuesday", "Jane Roe, a planner at Acme, said", "“", "”", '"', "'", "(", ")",
    "**", "_", "[link](http://x.test)", "<b>", "</b>", "<p>", "&amp;", "# ", "- ", "> ", "---", ".", ",", ":",
    "\u202e", "\u0301", "\u200b", "\ufeff", "\U0001f600", "中文", "\t", "  ",
])
ARTICLE = st.lists(
    st.one_of(PIECES, st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=12), st.sampled_from(["\n", "\n\n", " "])), max_size=120,
).map(" ".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@functools.lru_cache(maxsize=1)
def _linter():
    from lint.api import default_packs
    from lint.config import Settings
    from lint.runner import Linter

    return Linter(default_packs(), Settings(), corpus=False)


@SETTINGS
@given(st.binary(max_size=2000))
def test_the_reader_decodes_any_bytes_or_refuses_them_in_one_line_naming_the_file(data):
    try:
        text, notes = reader.decode(data, "odd.txt")
    except reader.InputError as err:
        assert str(err).startswith("odd.txt: ") and "\n" not in str(err)
        return
    assert "\r" not in text and not text.startswith("\ufeff")
    assert all("\n" not in note for note in notes)


@SETTINGS
@given(st.text(max_size=2000))
def test_utf8_text_reads_back_as_itself_with_newlines_normalised(text):
    if "\x00" in text or _has_surrogates(text):
        return   # NUL is refused as binary (the property above); lone surrogates cannot be UTF-8
    decoded, notes = reader.decode(text.encode("utf-8"), "a.txt")
    assert decoded == text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    assert notes == ()


def _has_surrogates(text: str) -> bool:
    return any("\ud800" <= c <= "\udfff" for c in text)


@SETTINGS
@given(ARTICLE)
def test_segments_lie_inside_the_text_in_order_without_overlap(text):
    lines = segment.line_spans(text)
    assert "\n".join(text[s:e] for s, e in lines) == text
    paragraphs = segment.paragraph_spans(text, lines)
    sentences = segment.sentence_spans(text, paragraphs)
    quotes = segment.quote_spans(text, paragraphs)
    for spans in (paragraphs, sentences):
        assert all(0 <= s <= e <= len(text) for s, e in spans)
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
        assert all(text[s:e].strip() for s, e in spans)
    for s, e in sentences:
        assert any(ps <= s and e <= pe for ps, pe in paragraphs)
    assert all(0 <= s <= e <= len(text) for s, e in quotes)


@SETTINGS
@given(ARTICLE)
def test_the_markdown_view_keeps_every_offset_and_only_blanks_characters(text):
    view = markdown_to_view(text).text
    assert len(view) == len(text)
    assert all(v == c or (v == " " and c != "\n") for v, c in zip(view, text))


def _check_findings(text: str, path: str) -> None:
    result = _linter().lint_bytes(path, text.encode("utf-8"))
    assert result.error is None
    source, _ = reader.decode(text.encode("utf-8"), path)
    source_lines = source.split("\n")
    view_lines = (markdown_to_view(source).text if path.endswith(".md") else source).split("\n")
    for f in result.findings:
        assert 1 <= f.line <= f.end_line <= len(source_lines), f
        assert 1 <= f.column <= len(source_lines[f.line - 1]) + 1, f
        assert f.end_line > f.line or f.end_column >= f.column, f
        assert 0 <= f.mark[0] <= f.mark[1] <= len(f.excerpt), f
        if not path.endswith(".html"):
            # The excerpt is the line the finding starts on, as the rules read it, or the
            # stretch of it around the match; the mark lies on the flagged words.
            line = view_lines[f.line - 1].strip()
            assert len(f.excerpt) <= EXCERPT_CHARS and f.excerpt.strip("…") in line, f
            if len(line) <= EXCERPT_CHARS:
                assert f.excerpt == line, f
            lead = len(view_lines[f.line - 1]) - len(view_lines[f.line - 1].lstrip())
            if f.end_line == f.line and f.column - 1 >= lead and f.end_column > f.column:
                words = view_lines[f.line - 1][f.column - 1:f.end_column - 1].strip()
                assert words.startswith(f.excerpt[f.mark[0]:f.mark[1]].strip().rstrip("…")), f


@SETTINGS
@given(ARTICLE)
def test_every_finding_in_a_text_file_points_at_its_line_and_quotes_it(text):
    _check_findings(text, "a.txt")


@SETTINGS
@given(ARTICLE)
def test_every_finding_in_markdown_points_at_its_line_and_quotes_it(text):
    _check_findings(text, "a.md")


@SETTINGS
@given(ARTICLE.map(lambda t: "<html><body><p>" + t.replace("\n\n", "</p><p>") + "</p></body></html>"))
def test_every_finding_in_html_points_inside_the_file(text):
    _check_findings(text, "a.html")
