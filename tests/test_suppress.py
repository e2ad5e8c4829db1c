"""Inline directives, one table."""
import pytest

from lint.config import Settings
from lint.runner import Linter
from lint import suppress

WEASEL = "Critics say the deal favours Moscow."


@pytest.mark.parametrize("text,expected_lines", [
    (f"{WEASEL}\n{WEASEL}\n", [1, 2]),
    (f"{WEASEL}  newslint: ignore NL401\n\n{WEASEL}\n", [3]),
    (f"{WEASEL}  newslint: ignore\n", []),
    (f"{WEASEL}  newslint: ignore NL5\n", [1]),                 # other prefix: no effect
    (f"{WEASEL}  newslint: ignore attribution\n", []),          # category
    (f"<!-- newslint: disable-next-line NL401 -->\n{WEASEL}\n{WEASEL}\n", [3]),
    (f"<!-- newslint: disable NL4 -->\n{WEASEL}\n<!-- newslint: enable NL4 -->\n{WEASEL}\n", [4]),
    (f"<!-- newslint: disable -->\n{WEASEL}\n{WEASEL}\n", []),  # never re-enabled: to the end
    (f"<!-- newslint: disable weasel-wording -->\n{WEASEL}\n<!-- newslint: enable -->\n{WEASEL}\n", [4]),
    (f"{WEASEL}\n<!-- newslint: disable-file -->\n", []),
    (f"newslint: skip-file\n{WEASEL}\n", []),
])
def test_directives(packs, text, expected_lines):
    linter = Linter(packs, Settings(select=["NL401"]))
    findings = linter.lint_bytes("a.md", text.encode()).findings
    assert [f.line for f in findings] == expected_lines


def test_parse_is_cheap_without_directives():
    result = suppress.parse("plain text\n" * 1000)
    assert not result.skip_file and not result.by_line and not result.ranges
