"""Untrusted YAML, pack patterns and message templates cannot stall or break a run.

Front matter, packs and configs come from authors and newsrooms: an alias bomb,
a tag that names Python code, a pattern that backtracks exponentially or a
template that reaches into Python objects is refused in one line naming the
file (and rule and key), quickly, and the rest of the run goes on.
"""
import json
import re
import time

import pytest

from conftest import run_cli as run
from lint import matcher, message_template, regex_guard, safe_yaml
from lint.config import ConfigError
from lint.corpus import extract
from lint.reader import parse
from lint.registry import RegistryError, load_registry
from lint.rulepack import PackError, builtin_rules_dir, load_packs

CLAIM = "Critics say the deal favours Moscow. Experts warned it would fail.\n"


def billion_laughs(key="source") -> str:
    """3 KB of YAML that expands to 9^9 strings: nine lists of nine aliases of the last."""
    text = 'l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for level in range(1, 9):
        text += f"l{level}: &l{level} [" + ",".join([f"*l{level - 1}"] * 9) + "]\n"
    return text + f"{key}: *l8\n"


# -- the loader ---------------------------------------------------------------------

def test_billion_laughs_is_refused_in_milliseconds_naming_the_line():
    text = billion_laughs()
    assert len(text) < 3_000
    started = time.perf_counter()
    with pytest.raises(safe_yaml.YamlError) as err:
        safe_yaml.load(text)
    assert time.perf_counter() - started < 0.1
    assert "aliases expand" in err.value.problem
    # The first anchor whose copies alone pass the budget: l5 (9^5 * 4 characters), line 6.
    assert err.value.line == 6
    assert err.value.at("x.yaml") == f"x.yaml:6: invalid YAML: {err.value.problem}"


def test_a_few_shared_anchors_still_load():
    text = "common: &common [one, two, three]\nfirst: *common\nsecond: *common\n<<: {merged: yes}\n"
    assert safe_yaml.load(text) == {"common": ["one", "two", "three"], "first": ["one", "two", "three"],
                                    "second": ["one", "two", "three"], "merged": True}


def test_a_structure_that_holds_itself_is_refused():
    with pytest.raises(safe_yaml.YamlError, match="recursive"):
        safe_yaml.load("a: &a [x, *a]\n")


def test_a_document_past_the_limit_is_refused_unread():
    with pytest.raises(safe_yaml.YamlError, match="too large"):
        safe_yaml.load("a: " + "x" * 100, limit=50)


@pytest.mark.parametrize("text", ["[" * 5000 + "]" * 5000, "a:\n" + "".join(" " * i + "- \n" for i in range(1, 400))])
def test_the_python_loader_stops_at_a_depth_limit_quickly(monkeypatch, text):
    import yaml   # as where libyaml is missing

    monkeypatch.setattr(safe_yaml, "_C_LOADER", False)
    monkeypatch.setitem(safe_yaml._CLASSES, (False, False), safe_yaml._depth_limited(yaml.SafeLoader))
    started = time.perf_counter()
    with pytest.raises(safe_yaml.YamlError, match="nesting depth"):
        safe_yaml.load(text)
    assert time.perf_counter() - started < 0.5


PYTHON_TAGS = [
    "!!python/object/apply:os.system ['touch {mark}']",
    "!!python/object/new:os.system ['touch {mark}']",
    "!!python/name:os.system",
    "!!python/module:os",
]


@pytest.mark.parametrize("tag", PYTHON_TAGS)
def test_no_tag_constructs_an_object(tmp_path, tag):
    mark = tmp_path / "ran"
    with pytest.raises(safe_yaml.YamlError, match="could not determine a constructor"):
        safe_yaml.load("x: " + tag.format(mark=mark) + "\n")
    assert not mark.exists()


# -- front matter ---------------------------------------------------------------------

def test_alias_bomb_in_front_matter_beside_another_article_is_one_note(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bomb.md").write_text("---\n" + billion_laughs() + "---\n" + CLAIM)
    (tmp_path / "other.md").write_text("---\nsource: Reuters\n---\n" + CLAIM)
    started = time.perf_counter()
    code, out, err = run(capsys, "bomb.md", "other.md", "--no-cache", "--format", "json")
    assert time.perf_counter() - started < 10   # 73 s and 11 GB before
    data = json.loads(out)
    notes = {f["path"]: f["notes"] for f in data["files"]}
    assert notes["bomb.md"] == ["front matter ignored: invalid YAML at line 7: aliases expand to over "
                                "1,000,000 characters of copies (a 'billion laughs' document?); write the values out"]
    # Both articles were linted: the body under the bomb too.
    assert {f["path"] for f in data["findings"] if f["rule"] == "NL401"} == {"bomb.md", "other.md"}
    assert code == 1


@pytest.mark.parametrize("tag", PYTHON_TAGS)
def test_python_tag_in_front_matter_is_ignored_with_a_note(tmp_path, tag):
    mark = tmp_path / "ran"
    doc = parse("a.md", ("---\nsource: " + tag.format(mark=mark) + "\n---\n" + CLAIM).encode())
    assert doc.meta == {} and not mark.exists()
    assert len(doc.notes) == 1 and doc.notes[0].startswith("front matter ignored: invalid YAML at line 2:")


def test_front_matter_past_its_limit_is_ignored():
    big = "---\n" + "".join(f"k{i}: {'x' * 60}\n" for i in range(1200)) + "---\n" + CLAIM
    doc = parse("a.md", big.encode())
    assert doc.meta == {} and "too large" in doc.notes[0]


def test_front_matter_values_feed_features_only_as_short_text():
    long_source = "A" * 5_000
    doc = parse("a.md", ("---\nsource: " + long_source + "\ndate: [2025, 7]\ntitle: {a: b}\n---\n" + CLAIM).encode())
    features = extract(doc, [])
    assert features.source == "A" * 300
    assert features.date == ""          # a list is no date
    assert doc.meta_text("title") == ""
    dated = parse("b.md", b"---\ndate: 2025-07-12\n---\n" + CLAIM.encode())
    assert extract(dated, []).date == "2025-07-12"


# -- packs, configs and registries ----------------------------------------------------

RULE = """\
pack: test
prefix: XY
description: d
rules:
  - code: XY101
    name: test-rule
    category: attribution
    severity: warning
    kind: {kind}
    message: "{message}"
    why: w
{options}
    examples: {{flag: [Critics say so.], pass: [Nobody does.]}}
"""


def write_pack(tmp_path, kind="phrase", message="m ({match})", options="    phrases: [critics say]"):
    path = tmp_path / "house.yaml"
    path.write_text(RULE.format(kind=kind, message=message, options=options))
    return path


def test_alias_bomb_in_a_pack_is_an_error_naming_file_and_line(tmp_path):
    path = tmp_path / "bomb.yaml"
    path.write_text(billion_laughs("description"))
    started = time.perf_counter()
    with pytest.raises(PackError) as err:
        load_packs([str(path)])
    assert time.perf_counter() - started < 0.5
    assert str(err.value).startswith(f"{path}:6: invalid YAML: aliases expand")


@pytest.mark.parametrize("tag", PYTHON_TAGS)
def test_python_tag_in_a_pack_is_an_error(tmp_path, tag):
    mark = tmp_path / "ran"
    path = write_pack(tmp_path, options="    phrases: " + tag.format(mark=mark))
    with pytest.raises(PackError, match=r"house\.yaml:12: invalid YAML: could not determine a constructor"):
        load_packs([str(path)])
    assert not mark.exists()


def test_alias_bomb_in_config_options_is_exit_2_naming_the_config(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "newslint.yaml").write_text(billion_laughs("x").replace("x: *l8", "options: {NL801: {above: *l8}}"))
    (tmp_path / "a.txt").write_text(CLAIM)
    started = time.perf_counter()
    code, _, err = run(capsys, "a.txt")
    assert time.perf_counter() - started < 5
    assert code == 2
    assert err.startswith(f"newslint: error: {tmp_path / 'newslint.yaml'}:6: invalid YAML: aliases expand")


@pytest.mark.parametrize("tag", PYTHON_TAGS)
def test_python_tag_in_config_is_exit_2(tmp_path, capsys, monkeypatch, tag):
    monkeypatch.chdir(tmp_path)
    mark = tmp_path / "ran"
    (tmp_path / "newslint.yaml").write_text("select: " + tag.format(mark=mark) + "\n")
    (tmp_path / "a.txt").write_text(CLAIM)
    code, _, err = run(capsys, "a.txt")
    assert code == 2 and "newslint.yaml:1: invalid YAML: could not determine a constructor" in err
    assert not mark.exists()


def test_alias_bomb_in_a_registry_is_an_error(tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_text(billion_laughs("sources"))
    with pytest.raises(RegistryError, match=r"sources\.yaml:6: invalid YAML: aliases expand"):
        load_registry(str(path))


# -- pack patterns ---------------------------------------------------------------------

ATTRIBUTION = "    phrases: [critics say]\n    attributed_by: ['{pattern}']"


@pytest.mark.parametrize("options,key,line", [
    ("    patterns: ['(a+)+$']", "patterns", 12),
    ("    phrases: [critics say]\n    unless: ['(a+)+$']", "unless", 13),
])
def test_exponential_pattern_is_refused_at_load(tmp_path, options, key, line):
    path = write_pack(tmp_path, options=options)
    started = time.perf_counter()
    with pytest.raises(PackError) as err:
        load_packs([str(path)])
    assert time.perf_counter() - started < 0.5
    assert str(err.value).startswith(f"{path}:{line}: rule XY101: key '{key}': pattern '(a+)+$' can take exponential time")


def test_exponential_attributed_by_is_refused_at_load(tmp_path):
    path = write_pack(tmp_path, kind="attribution", options=ATTRIBUTION.format(pattern="(a+)+$"))
    started = time.perf_counter()
    with pytest.raises(PackError) as err:
        load_packs([str(path)])
    assert time.perf_counter() - started < 0.5
    assert f"{path}:13: rule XY101: key 'attributed_by': pattern '(a+)+$' can take exponential time" in str(err.value)


def test_exponential_pattern_from_a_lexicon_and_from_config_options(tmp_path, capsys, monkeypatch):
    lexicon = RULE.replace("rules:\n", "lexicons:\n  letter: [a]\nrules:\n")
    path = tmp_path / "house.yaml"
    path.write_text(lexicon.format(kind="phrase", message="m", options="    patterns: ['({letter}+)+$']"))
    with pytest.raises(PackError, match="key 'patterns': pattern .* can take exponential time"):
        load_packs([str(path)])
    monkeypatch.chdir(tmp_path)
    path.unlink()
    (tmp_path / "newslint.yaml").write_text("options:\n  NL401:\n    unless: ['(\\w+\\s?)*$']\n")
    (tmp_path / "a.txt").write_text(CLAIM)
    code, _, err = run(capsys, "a.txt")
    assert code == 2
    assert err.startswith(f"newslint: error: {tmp_path / 'newslint.yaml'}: key 'options': NL401: key 'unless': pattern ")
    assert "can take exponential time" in err


def test_check_pack_reports_the_same_error(tmp_path, capsys):
    path = write_pack(tmp_path, options="    patterns: ['(a+)+$']")
    code, _, err = run(capsys, "check-pack", str(path))
    assert code == 2
    assert f"{path}:12: rule XY101: key 'patterns': pattern '(a+)+$' can take exponential time" in err


REFUSED = [r"(a+)+$", r"(\w+\s?)*$", r"(a|a)*$", r"(.*)*$", r"(aa|a)*$", r"(.+\s)*$", r"(\s*\w+)*x",
           r"(a?a)*$", r"(a|a?)+$", r"(a+){2,20}$", r"(?=(a+)+$)", r"(?i:A+a)*$", r"(?:[a-m]+[h-z])*$",
           r"(\p{L}+\s?)*$"]
ACCEPTED = [r"(a|ab)*$", r"(?:\w+\s+)*$", r"(?>a+)+$", r"(a++)+$", r"(a+){2,5}$", r"(?:[a-m]+[n-z])*$",
            r"(?:\.\w+)*and$", r"\p{Lu}\w+ said", r"(?:\p{Lu}\.\s*)+$", r"^\s*(?:read more|related)\b"]
HOSTILE = ["a" * 30 + "!", "ab" * 15 + "!", "a " * 15 + "!", "A." * 15 + "!", " " * 30 + "!"]


@pytest.mark.parametrize("pattern", REFUSED)
def test_guard_refuses_what_splits_one_text_many_ways(pattern):
    with pytest.raises(regex_guard.Backtracking):
        regex_guard.check(pattern, re.IGNORECASE | re.MULTILINE)


@pytest.mark.parametrize("pattern", ACCEPTED)
def test_guard_accepts_what_runs_in_reasonable_time(pattern):
    regex_guard.check(pattern, re.IGNORECASE | re.MULTILINE)
    compiled = matcher.compile_pattern(pattern, False)
    started = time.perf_counter()
    for text in HOSTILE:
        compiled.search(text)
    assert time.perf_counter() - started < 0.2


def test_the_refused_shapes_are_slow_indeed():
    # The guard's reason, measured: (a+)+$ on 22 a's and a mismatch already costs
    # millions of steps, (a|ab)*$ (accepted) none.
    slow, fast = re.compile(r"(a+)+$"), re.compile(r"(a|ab)*$")
    started = time.perf_counter()
    fast.match("a" * 22 + "!")
    quick = time.perf_counter() - started
    started = time.perf_counter()
    slow.match("a" * 22 + "!")
    assert time.perf_counter() - started > 50 * quick


def test_regex_only_syntax_the_guard_cannot_read_is_refused():
    with pytest.raises(regex_guard.Backtracking, match="cannot check"):
        regex_guard.check(r"\mcat", 0)   # `regex`'s start of a word


def test_every_shipped_pattern_passes_the_guard(monkeypatch):
    # Analysed afresh (the shipped analyses would skip the check).
    monkeypatch.setattr(matcher, "_REMEMBERED", {})
    monkeypatch.setattr(matcher, "_LEARNED", {})
    checked = []
    real = matcher._check_backtracking
    monkeypatch.setattr(matcher, "_check_backtracking", lambda p, f: (checked.append(p), real(p, f)))
    load_packs([builtin_rules_dir()])
    assert len(set(checked)) > 300


# -- message templates ----------------------------------------------------------------------

@pytest.mark.parametrize("message,problem", [
    ("{match[a]}", "'{match[a]}' is not a field name"),
    ("{match:>300000000}", "'{match:>300000000}': a field may only have a width of up to 3 digits"),
    ("{match.__class__.__mro__[1].__subclasses__}", "'{match.__class__.__mro__[1].__subclasses__}' is not a field name"),
    ("{match!r}", "'{match!r}': no conversions"),
    ("{0}", "'{0}' is not a field name"),
    ("{}", "'{}' is not a field name"),
    ("{matches}", "unknown field '{matches}' (known: {match}, {lines})"),
    ("open {match", "not a message template"),
])
def test_bad_template_is_a_pack_error_naming_rule_and_key(tmp_path, message, problem):
    path = write_pack(tmp_path, message=message)
    with pytest.raises(PackError) as err:
        load_packs([str(path)])
    assert str(err.value).startswith(f"{path}:10: rule XY101: key 'message': {problem}")
    assert "\n" not in str(err.value)


def test_a_kinds_own_fields_and_a_short_width_are_accepted(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_pack(tmp_path, message="claim [{match:>20}] on {lines}")
    (tmp_path / "a.txt").write_text(CLAIM)
    code, out, _ = run(capsys, "--rules", "house.yaml", "--select", "XY101", "a.txt", "--format", "json")
    assert [f["message"] for f in json.loads(out)["findings"]] == ["claim [         Critics say] on line 1"]
    metric = write_pack(tmp_path, kind="metric", message="score {score}", options="    metric: flesch_kincaid_grade\n    above: 1.0")
    assert load_packs([str(metric)])[0].rules[0].message == "score {score}"
    with pytest.raises(PackError, match="unknown field '{overlap}'"):
        load_packs([str(write_pack(tmp_path, kind="metric", message="{overlap}", options="    metric: flesch_kincaid_grade\n    above: 1.0"))])


def test_fill_never_follows_attributes_even_unchecked():
    values = {"match": "x", "count": 3}
    assert message_template.fill("{match.__class__} {match[0]} {count:>4} {match:>999999}", values) == \
        "{match.__class__} {match[0]}    3 {match:>999999}"
    assert message_template.fill("{missing} {{literal}}", values) == "{missing} {literal}"


# -- config option errors ---------------------------------------------------------------------

@pytest.mark.parametrize("name,text", [
    ("newslint.yaml", "options:\n  NL801: {above: many}\n"),
    ("pyproject.toml", '[tool.newslint.options.NL801]\nabove = "many"\n'),
])
def test_bad_option_names_the_config_file_not_the_pack(tmp_path, capsys, monkeypatch, name, text):
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_text(text)
    (tmp_path / "a.txt").write_text(CLAIM)
    code, _, err = run(capsys, "a.txt")
    assert code == 2
    assert err == f"newslint: error: {tmp_path / name}: key 'options': NL801: key 'above': expected float, got str\n"


def test_bad_option_from_the_api_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="^cfg.yaml: key 'options': NL801: key 'above'"):
        load_packs([builtin_rules_dir()], {"NL801": {"above": "many"}}, "cfg.yaml")


@pytest.mark.parametrize("name,text,key,code_", [
    ("newslint.yaml", "options:\n  NL999: {above: 3}\n", "options", "NL999"),
    ("newslint.yaml", "severity:\n  NL998: info\n", "severity", "NL998"),
    ("pyproject.toml", "[tool.newslint.options.NL999]\nabove = 3\n", "options", "NL999"),
    ("pyproject.toml", '[tool.newslint.severity]\nNL998 = "info"\n', "severity", "NL998"),
])
def test_options_and_severities_for_unknown_codes_are_errors(tmp_path, capsys, monkeypatch, name, text, key, code_):
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_text(text)
    (tmp_path / "a.txt").write_text(CLAIM)
    code, _, err = run(capsys, "a.txt")
    assert code == 2
    assert f"{name}: key '{key}': unknown rule code '{code_}'" in err
