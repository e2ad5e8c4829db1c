"""Every cross-file (kind `corpus`) rule's own examples, checked together.

An example is a set of articles separated by a line `---8<---`. Each `flag`
set must trigger the rule when its articles are read as one story; each `pass`
set must not. Per-document examples of every other kind run in
tests/test_rule_examples.py.
"""
import pytest

from lint import packcheck

from lint import corpus, reader
from lint.rulepack import Pack, builtin_rules_dir, load_packs
from lint.runner import Linter
from lint.config import Settings

RULES = [rule for pack in load_packs([builtin_rules_dir()]) for rule in pack.rules if type(rule.kind).name == "corpus"]


split = packcheck.split_articles



def features_of(texts: list[str], rule=None) -> list[corpus.StoryFeatures]:
    linter = Linter([Pack(rule.pack, rule.code, "", "", (rule,))], Settings()) if rule else None
    out = []
    for n, text in enumerate(texts):
        path = f"example-{n}.txt"
        data = text.encode("utf-8")
        findings = linter.lint_bytes(path, data).findings if linter else ()
        out.append(corpus.extract(reader.parse(path, data), findings))
    return out


def codes(rule, example: str) -> list[str]:
    return packcheck.codes(rule, example, [])   # the same check `newslint check-pack` runs


def test_corpus_rules_exist_and_have_set_examples():
    assert {type(r.kind).name for r in RULES} == {"corpus"}
    checks = {r.kind.options["check"] for r in RULES}
    assert checks == set(corpus.CHECKS)
    for rule in RULES:
        for example in rule.examples["flag"]:
            assert len(split(example)) >= 2, f"{rule.code}: a flag example needs two or more articles"


@pytest.mark.parametrize(
    "rule,text", [(r, t) for r in RULES for t in r.examples["flag"]],
    ids=lambda v: v.code if hasattr(v, "code") else "",
)
def test_flag_set_triggers_rule(rule, text):
    assert rule.code in codes(rule, text), f"{rule.code} did not flag: {text!r}"


@pytest.mark.parametrize(
    "rule,text", [(r, t) for r in RULES for t in r.examples["pass"]],
    ids=lambda v: v.code if hasattr(v, "code") else "",
)
def test_pass_set_is_clean(rule, text):
    assert rule.code not in codes(rule, text), f"{rule.code} flagged: {text!r}"


def test_corpus_rules_yield_nothing_per_document():
    for rule in RULES:
        for example in rule.examples["flag"]:
            doc = reader.parse("x.txt", example.encode("utf-8"))
            assert list(rule.kind.find(doc, None)) == []
