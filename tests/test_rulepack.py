"""Broken packs fail loudly: the message names the file, the rule and the key."""
import pytest

from lint.cli import main
from lint.rulepack import PackError, load_packs

GOOD_RULE = """
  - code: XY101
    name: test-rule
    category: attribution
    severity: warning
    kind: phrase
    message: m
    why: w
    phrases: [critics say]
    examples: {flag: [Critics say so.], pass: [Nobody does.]}
"""


def pack(rule=GOOD_RULE, head="pack: test\nprefix: XY\ndescription: d\nrules:\n"):
    return head + rule


@pytest.mark.parametrize("text,expected", [
    (pack(GOOD_RULE.replace("kind: phrase", "kind: phrasee")), ":10: rule XY101: key 'kind': 'phrasee' is not one of"),
    (pack(GOOD_RULE.replace("category: attribution", "category: gossip")), ":8: rule XY101: key 'category': 'gossip'"),
    (pack(GOOD_RULE.replace("severity: warning", "severity: fatal")), "rule XY101: key 'severity': 'fatal'"),
    (pack(GOOD_RULE.replace("    why: w\n", "")), "rule XY101: key 'why': missing"),
    (pack(GOOD_RULE.replace("phrases: [critics say]", "patterns: ['(unclosed']")), "rule XY101: key 'patterns': pattern '(unclosed' does not compile"),
    (pack(GOOD_RULE.replace("phrases: [critics say]", "phrases: [critics say]\n    colour: red")), "rule XY101: key 'colour': unknown key for kind 'phrase'"),
    (pack(GOOD_RULE.replace("examples: {flag: [Critics say so.], pass: [Nobody does.]}", "examples: {flag: [Critics say so.]}")), "key 'examples': 'pass' must be a non-empty list"),
    (pack(GOOD_RULE.replace("code: XY101", "code: AB101")), "key 'code': 'AB101' must be letters then digits and start with the pack prefix 'XY'"),
    (pack(GOOD_RULE.replace("name: test-rule", "name: TestRule")), "key 'name': 'TestRule' must be kebab-case"),
    (pack(GOOD_RULE + GOOD_RULE), "rule XY101: key 'code': already used"),
    (pack("  - [not, a, mapping]\n"), "rule #1: a rule must be a mapping"),
    ("pack: test\nprefix: XY\nrules: [\n", "invalid YAML"),
    ("pack: test\nrules: []\n", "key 'prefix': missing"),
    ("pack: test\nprefix: XY\nrules: []\nextra: 1\n", "key 'extra': unknown pack key"),
])
def test_broken_pack_names_file_rule_and_key(tmp_path, text, expected):
    (tmp_path / "broken.yaml").write_text(text)
    with pytest.raises(PackError) as err:
        load_packs([tmp_path])
    assert str(tmp_path / "broken.yaml") in str(err.value)
    assert expected in str(err.value)


def test_broken_pack_is_exit_2_from_cli(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "broken.yaml").write_text(pack(GOOD_RULE.replace("kind: phrase", "kind: nope")))
    (tmp_path / "a.txt").write_text("Critics say so.\n")
    assert main(["--rules", "packs", "a.txt"]) == 2
    assert "broken.yaml:10: rule XY101: key 'kind'" in capsys.readouterr().err


def test_extra_pack_folder_adds_rules(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "house.yaml").write_text(pack())
    (tmp_path / "a.txt").write_text("Critics say so.\n")
    assert main(["--rules", "packs", "--select", "XY", "a.txt"]) == 1
    assert "a.txt:1:1: XY101 [warning] m" in capsys.readouterr().out


def test_config_options_override_thresholds(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "newslint.yaml").write_text("options:\n  NL801: {above: 200}\n")
    from conftest import SEEDS

    assert main([str(SEEDS / "002_382a15d2e6cbff16.txt"), "--select", "NL801"]) == 0
    (tmp_path / "newslint.yaml").write_text("options:\n  NL801: {above: 1}\n")
    assert main([str(SEEDS / "002_382a15d2e6cbff16.txt"), "--select", "NL801", "--fail-on", "info"]) == 1


LEXICON_RULE = GOOD_RULE.replace("phrases: [critics say]", r"patterns: ['\b{group}\s+{verb}\b']").replace(
    "examples: {flag: [Critics say so.], pass: [Nobody does.]}",
    "examples: {flag: [Experts have warned.], pass: [Experts sayings.]}")
LEXICON_HEAD = ("pack: test\nprefix: XY\nlexicons:\n  group: [critics, experts, people familiar with the matter]\n"
                "  verb: [say, said, have warned]\nrules:\n")


def test_lexicons_expand_into_patterns(tmp_path):
    from lint.config import Settings
    from lint.runner import Linter

    (tmp_path / "p.yaml").write_text(pack(LEXICON_RULE, LEXICON_HEAD))
    linter = Linter(load_packs([str(tmp_path)]), Settings())
    text = "Experts have warned of a crash. People familiar with the matter said no. Critics sayings abound."
    found = linter.lint_bytes("a.txt", text.encode()).findings
    assert [text[:f.column + 40][f.column - 1:].split()[0] for f in found] == ["Experts", "People"]


@pytest.mark.parametrize("head,expected", [
    (LEXICON_HEAD.replace("verb:", "verbs:"), "key 'patterns': unknown lexicon '{verb}' (known: group, verbs)"),
    (LEXICON_HEAD.replace("  verb: [say, said, have warned]\n", "  verb: []\n"), "lexicon 'verb': must be a non-empty list"),
    (LEXICON_HEAD.replace("  verb:", "  Verb:"), "lexicon 'Verb': a name is lower-case"),
])
def test_broken_lexicon_names_pack_and_lexicon(tmp_path, head, expected):
    (tmp_path / "p.yaml").write_text(pack(LEXICON_RULE, head))
    with pytest.raises(PackError) as err:
        load_packs([str(tmp_path)])
    assert expected in str(err.value)
