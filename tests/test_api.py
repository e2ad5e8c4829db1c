"""The Python API, used as a newsroom script would."""
from conftest import SEEDS

import lint


def test_lint_text_returns_findings_and_per_file_data():
    result = lint.lint_text("Critics say the deal favours Moscow.\n")
    assert [f.rule for f in result.findings if f.category == "attribution"] == ["NL401"]
    first = result.findings[0]
    assert isinstance(first, lint.Finding) and (first.line, first.column) >= (1, 1)
    assert "sourcing" in result.data


def test_lint_text_honours_settings_and_reader():
    settings = lint.Settings(select=["NL1"])
    result = lint.lint_text("---\ntitle: x\n---\nThe news has been copied from the Dawn News site.\n",
                            path="a.md", settings=settings)
    assert [(f.rule, f.line) for f in result.findings] == [("NL101", 4)]


def test_lint_paths_reads_articles_together_and_reports_missing_paths(tmp_path):
    results = lint.lint_paths([str(SEEDS), str(tmp_path / "missing.md")])
    by_rule = {f.rule for r in results for f in r.findings}
    assert "NL951" in by_rule              # a cross-article conflict
    assert results[-1].error.endswith("no such file or folder")
    alone = lint.lint_paths([str(SEEDS)], together=False)
    assert "NL951" not in {f.rule for r in alone for f in r.findings}


def test_config_and_packs_load_through_the_api(tmp_path):
    config = tmp_path / "newslint.yaml"
    config.write_text("ignore: [NL4]\n")
    settings = lint.load_config(str(config))
    found = lint.lint_text("Critics say the deal favours Moscow.\n", settings=settings).findings
    assert not [f for f in found if f.rule.startswith("NL4")]
    assert lint.lint_text("Critics say the deal favours Moscow.\n").findings   # without the config, it is flagged
    assert any(p.id == "attribution" for p in lint.default_packs())
