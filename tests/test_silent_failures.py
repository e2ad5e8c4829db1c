"""A typo must never switch a gate off quietly: unknown selectors, codes and
directives are errors (CLI, config) or findings (in a file); stale suppressions
are findings too."""
import json

import pytest

from conftest import run_cli as run

FLAGGED = "Critics say the deal favours Moscow.\n"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "flagged.md").write_text(FLAGGED)
    return tmp_path


@pytest.mark.parametrize("option,value", [
    ("--select", "NL4O1"),          # letter O for zero
    ("--select", "bogus"),
    ("--ignore", "NL9999"),
    ("--extend-select", "atribution"),
])
def test_unknown_selector_on_the_command_line_is_a_usage_error(capsys, folder, option, value):
    code, out, err = run(capsys, "flagged.md", option, value)
    assert code == 2
    assert f"{option}: unknown selector '{value}'" in err
    assert "All clear" not in out


@pytest.mark.parametrize("toml,key,value", [
    ('select = ["NL4O1"]', "select", "NL4O1"),
    ('ignore = ["NL9999"]', "ignore", "NL9999"),
    ('[tool.newslint.severity]\nNL4O1 = "error"', "severity", "NL4O1"),
    ('[tool.newslint.options]\nNL8O1 = { above = 12 }', "options", "NL8O1"),
    ('[tool.newslint.per-path-ignores]\n"archive/*" = ["chrom"]', "per-path-ignores", "chrom"),
    ('[tool.newslint.packs]\nreadabilty = false', "packs", "readabilty"),
])
def test_unknown_code_in_the_config_names_file_and_key(capsys, folder, toml, key, value):
    (folder / "pyproject.toml").write_text("[tool.newslint]\n" + toml + "\n")
    code, out, err = run(capsys, "flagged.md")
    assert code == 2
    assert "pyproject.toml: key '" + key + "': unknown" in err and f"'{value}'" in err


def test_known_codes_in_the_config_still_work(capsys, folder):
    (folder / "pyproject.toml").write_text(
        '[tool.newslint]\n[tool.newslint.severity]\nNL401 = "error"\n[tool.newslint.packs]\nreadability = false\n')
    code, out, _ = run(capsys, "flagged.md")
    assert code == 1 and "NL401 [error]" in out


def test_misspelled_directive_and_unknown_code_are_findings(capsys, folder):
    (folder / "a.md").write_text(
        "<!-- newslint: disabel NL401 -->\nCritics say the deal favours Moscow.\n\n"
        "<!-- newslint: disable-next-line NL4O1 -->\nThe mill closed in 2015.\n")
    code, out, _ = run(capsys, "a.md")
    assert code == 1
    assert "a.md:1:1: NL001 [warning] unknown newslint directive 'disabel'" in out
    assert "a.md:2:1: NL401" in out              # the misspelled directive suppressed nothing
    assert "a.md:4:1: NL001 [warning] directive names no rule: 'NL4O1'" in out


def test_unused_suppression_is_reported_and_a_used_one_is_not(capsys, folder):
    (folder / "a.md").write_text(
        "<!-- newslint: disable-next-line NL401 -->\nCritics say the deal favours Moscow.\n\n"
        "<!-- newslint: disable-next-line NL401 -->\nThe mill closed in 2015.\n")
    code, out, _ = run(capsys, "a.md", "--format", "json")
    found = [(f["rule"], f["line"]) for f in json.loads(out)["findings"] if f["category"] != "sourcing"]
    assert ("NL002", 4) in found
    assert ("NL002", 1) not in found and ("NL401", 2) not in found


def test_suppression_of_a_rule_that_did_not_run_is_not_stale(capsys, folder):
    (folder / "a.md").write_text("<!-- newslint: disable-next-line NL401 -->\nThe mill closed in 2015.\n")
    code, out, _ = run(capsys, "a.md", "--select", "NL0,NL1")
    assert "NL002" not in out


def test_per_path_ignores_are_relative_to_the_config_file(capsys, folder, monkeypatch):
    (folder / "pyproject.toml").write_text('[tool.newslint]\n[tool.newslint.per-path-ignores]\n"archive/*" = ["NL4"]\n')
    (folder / "archive" / "2019").mkdir(parents=True)
    (folder / "archive" / "2019" / "a.md").write_text(FLAGGED)
    (folder / "new.md").write_text(FLAGGED)
    for where, target in ((folder, "archive"), (folder / "archive", "2019"), (folder / "archive" / "2019", "a.md")):
        monkeypatch.chdir(where)
        code, out, _ = run(capsys, target, "--select", "NL4")
        assert code == 0, (where, out)
    monkeypatch.chdir(folder / "archive")
    code, out, _ = run(capsys, "../new.md", "--select", "NL4")
    assert code == 1 and "NL401" in out


def test_rules_option_takes_one_pack_file(capsys, folder):
    (folder / "house.yaml").write_text(
        "pack: house\nprefix: HS\nrules:\n  - code: HS101\n    name: deal-word\n    category: editorializing\n"
        "    severity: warning\n    kind: phrase\n    message: m\n    why: w\n    phrases: [favours moscow]\n"
        "    examples: {flag: [It favours Moscow.], pass: [It favours Kyiv.]}\n")
    code, out, err = run(capsys, "flagged.md", "--rules", "house.yaml", "--select", "HS")
    assert code == 1, err
    assert "HS101" in out


def test_explain_is_case_insensitive_and_list_rules_speaks_json(capsys, folder):
    code, out, _ = run(capsys, "--explain", "nl401")
    assert code == 0 and out.startswith("NL401 weasel-wording")
    code, out, _ = run(capsys, "--list-rules", "--format", "json")
    rules = json.loads(out)
    assert code == 0 and {"code": "NL401", "name": "weasel-wording"}.items() <= next(
        r for r in rules if r["code"] == "NL401").items()


def test_sources_command_says_how_to_lint_a_folder_named_sources(capsys, folder):
    (folder / "sources").mkdir()
    (folder / "sources" / "a.md").write_text(FLAGGED)
    code, out, err = run(capsys, "sources")
    assert "write ./sources" in err
    code, out, _ = run(capsys, "./sources", "--select", "NL4")
    assert code == 1 and "NL401" in out


HOUSE_PACK = """pack: house
prefix: HS
rules:
  - code: HS101
    name: deal-word
    category: editorializing
    severity: warning
    kind: phrase
    message: m
    why: w
    phrases: [favours moscow]
    examples:
      flag: [It favours Moscow.]
      pass:
        - It favours Kyiv.
        - Critics say it favours Moscow.
"""


def test_check_pack_runs_every_example_and_names_the_yaml_line(capsys, tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(HOUSE_PACK.replace("        - Critics say it favours Moscow.\n", ""))
    code, out, _ = run(capsys, "check-pack", str(good))
    assert code == 0 and "1 rule, 2 examples: all behave" in out
    bad = tmp_path / "bad.yaml"
    bad.write_text(HOUSE_PACK)
    code, out, _ = run(capsys, "check-pack", str(bad))
    assert code == 1
    assert f"{bad}:16: rule HS101: pass example triggered it: 'Critics say it favours Moscow.'" in out
    broken = tmp_path / "broken.yaml"
    broken.write_text(HOUSE_PACK.replace("kind: phrase", "kind: phrasee"))
    code, out, err = run(capsys, "check-pack", str(broken))
    assert code == 2 and "broken.yaml:8: rule HS101: key 'kind'" in err


def test_check_pack_checks_the_shipped_packs(capsys):
    from lint.rulepack import builtin_rules_dir

    code, out, _ = run(capsys, "check-pack", builtin_rules_dir() + "/provenance.yaml")
    assert code == 0 and "all behave" in out


def test_quiet_prints_findings_only(capsys, seeds):
    code, out, _ = run(capsys, "seeds", "-q", "--no-cache")
    lines = out.splitlines()
    assert code == 1 and lines and all(": NL" in line for line in lines)
    assert "read as one story" not in out and "Sourcing" not in out and "Found" not in out
