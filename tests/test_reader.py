"""Findings point at the right line and column of the source file, whatever its format."""
from conftest import lint_text


def test_markdown_front_matter_is_metadata_not_prose(linter):
    text = (
        "---\n"
        "title: Critics say the deal is bad\n"      # front matter: never linted
        "source: Dawn\n"
        "---\n"
        "# Mill deal signed\n"
        "\n"
        "Pakistan and Russia signed the deal. [Critics say](https://example.com/critics-say) it favours Moscow.\n"
        "\n"
        "`critics say` in code is not prose.\n"
    )
    findings = [f for f in lint_text(linter, text, "story.md") if f.rule == "NL401"]
    assert [(f.line, f.column) for f in findings] == [(7, 39)]


def test_markdown_quote_and_list_structure(linter):
    text = "Intro line.\n\n- Critics say the plan is flawed.\n\n> Many hope for better.\n"
    findings = [f for f in lint_text(linter, text, "story.md") if f.category == "attribution"]
    assert [(f.line, f.column) for f in findings] == [(3, 3), (5, 3)]


def test_html_findings_carry_source_lines(linter):
    page = (
        "<html><head><title>Mill deal</title><script>var s = 'Critics say';</script></head>\n"
        "<body>\n"
        "<nav><a href='/'>Critics say</a></nav>\n"
        "<p>Pakistan and Russia signed\n"
        "the deal on Friday. Critics say it favours&nbsp;Moscow.</p>\n"
        "<footer><p>Short Url</p><p>Follow</p></footer>\n"
        "</body></html>\n"
    )
    findings = lint_text(linter, page, "page.html")
    weasel = [f for f in findings if f.rule == "NL401"]
    assert [(f.line, f.column) for f in weasel] == [(5, 21)]
    chrome = [f for f in findings if f.rule == "NL701"]
    assert [(f.line, f.end_line) for f in chrome] == [(6, 6)]


def test_plain_text_positions_are_exact(linter):
    text = "First line is fine.\nSecond line: critics say it is bad.\n"
    [finding] = [f for f in lint_text(linter, text) if f.rule == "NL401"]
    assert (finding.line, finding.column, finding.end_column) == (2, 14, 25)
    assert finding.excerpt == "Second line: critics say it is bad."


def test_crlf_and_bom_do_not_shift_positions(linter):
    text = "\ufeffFine.\r\nCritics say so.\r\n"
    [finding] = [f for f in lint_text(linter, text) if f.rule == "NL401"]
    assert (finding.line, finding.column) == (2, 1)
