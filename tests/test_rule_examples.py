"""Every rule's own examples: each `flag` example must trigger it, each `pass` must not."""
import pytest

from lint import packcheck
from lint.rulepack import builtin_rules_dir, load_packs

# Cross-file (corpus) rules' examples are sets of articles: tests/test_corpus_examples.py runs them.
PACKS = load_packs([builtin_rules_dir()])
RULES = [rule for pack in PACKS for rule in pack.rules if type(rule.kind).name != "corpus"]


def _codes(rule, text):
    # The same check `newslint check-pack` runs (lint/packcheck.py).
    return packcheck.codes(rule, text, PACKS)


def test_every_rule_has_examples():
    assert RULES, "no rules loaded"
    for rule in RULES:
        assert rule.examples.get("flag") and rule.examples.get("pass"), rule.code


@pytest.mark.parametrize(
    "rule,text", [(r, t) for r in RULES for t in r.examples["flag"]],
    ids=lambda v: v.code if hasattr(v, "code") else "",
)
def test_flag_example_triggers_rule(rule, text):
    assert rule.code in _codes(rule, text), f"{rule.code} did not flag: {text!r}"


@pytest.mark.parametrize(
    "rule,text", [(r, t) for r in RULES for t in r.examples["pass"]],
    ids=lambda v: v.code if hasattr(v, "code") else "",
)
def test_pass_example_is_clean(rule, text):
    assert rule.code not in _codes(rule, text), f"{rule.code} flagged: {text!r}"
