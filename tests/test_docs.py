import importlib.util
import json

from conftest import ROOT


def test_rules_reference_is_up_to_date():
    spec = importlib.util.spec_from_file_location("gen", ROOT / "scripts" / "gen_rules_md.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == gen.render(), "docs/rules.md is stale: run python scripts/gen_rules_md.py"


def test_shipped_pattern_analyses_are_up_to_date():
    from lint import matcher

    spec = importlib.util.spec_from_file_location("gen_analyses", ROOT / "scripts" / "gen_pattern_analyses.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    saved = dict(matcher._REMEMBERED), dict(matcher._LEARNED)
    try:
        fresh = gen.analyses()
    finally:
        matcher._REMEMBERED.clear(), matcher._REMEMBERED.update(saved[0])
        matcher._LEARNED.clear(), matcher._LEARNED.update(saved[1])
    shipped = json.loads(matcher.SHIPPED_ANALYSES.read_text(encoding="utf-8"))
    assert shipped == fresh, "lint/pattern_analyses.json is stale: run python scripts/gen_pattern_analyses.py"


def test_a_damaged_shipped_analyses_file_only_costs_time(tmp_path):
    from lint import matcher

    bad = tmp_path / "analyses.json"
    bad.write_text('[["\\\\bx", 10, [["not", "a clause"]]]', encoding="utf-8")  # truncated, wrong shape
    before = dict(matcher._REMEMBERED)
    matcher.remember_shipped(bad)
    matcher.remember_shipped(tmp_path / "missing.json")
    assert matcher._REMEMBERED == before
