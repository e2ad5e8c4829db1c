import importlib.util

from conftest import ROOT


def test_rules_reference_is_up_to_date():
    spec = importlib.util.spec_from_file_location("gen", ROOT / "scripts" / "gen_rules_md.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == gen.render(), "docs/rules.md is stale: run python scripts/gen_rules_md.py"
