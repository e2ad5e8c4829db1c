import importlib.util
import json
from pathlib import Path

import pytest

from conftest import ROOT


def _script(name: str):
    """A generator script under scripts/, loaded as a module."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rules_reference_is_up_to_date():
    gen = _script("gen_rules_md")
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == gen.render(), "docs/rules.md is stale: run python scripts/gen_rules_md.py"


def test_shipped_pattern_analyses_are_up_to_date():
    from lint import matcher

    gen = _script("gen_pattern_analyses")
    saved = dict(matcher._REMEMBERED), dict(matcher._LEARNED)
    try:
        fresh = gen.analyses()
    finally:
        matcher._REMEMBERED.clear(), matcher._REMEMBERED.update(saved[0])
        matcher._LEARNED.clear(), matcher._LEARNED.update(saved[1])
    shipped = json.loads(Path(matcher.SHIPPED_ANALYSES).read_text(encoding="utf-8"))
    assert shipped == fresh, "lint/pattern_analyses.json is stale: run python scripts/gen_pattern_analyses.py"


@pytest.mark.parametrize("flags", [[], ["--no-cache"], ["--list-rules"]])
def test_a_run_analyses_no_builtin_pattern_itself(tmp_path, flags):
    """The shipped analyses serve every run, cached or not (they are not a cache)."""
    import subprocess
    import sys

    article = tmp_path / "a.txt"
    article.write_text("Critics say the plan will fail.\n", encoding="utf-8")
    code = (
        "import sys; from lint import cli, matcher\n"
        f"sys.argv = ['newslint', *{flags!r}, {str(article)!r}]\n"
        "try: cli.main()\n"
        "except SystemExit: pass\n"
        "print(len(matcher._LEARNED), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert done.stderr.strip().splitlines()[-1] == "0"


def test_a_damaged_shipped_analyses_file_only_costs_time(tmp_path):
    from lint import matcher

    bad = tmp_path / "analyses.json"
    bad.write_text('[["\\\\bx", 10, [["not", "a clause"]]]', encoding="utf-8")  # truncated, wrong shape
    before = dict(matcher._REMEMBERED)
    matcher.remember(bad)
    matcher.remember(tmp_path / "missing.json")
    assert matcher._REMEMBERED == before


def test_builtin_snapshot_is_up_to_date_and_parses_as_the_yaml_does():
    import yaml

    from lint import snapshot
    from lint.rulepack import builtin_rules_dir

    committed = Path(snapshot.SNAPSHOT).read_text(encoding="utf-8")
    assert committed == _script("gen_snapshot").render(), "lint/builtin_snapshot.json is stale: run python scripts/gen_snapshot.py"
    for line in committed.splitlines():
        entry = json.loads(line)
        path = Path(builtin_rules_dir(), entry["file"])
        if entry["file"] != "sources.yaml":  # the registry: its validated entries, checked below
            assert entry["data"] == yaml.safe_load(path.read_text(encoding="utf-8")), entry["file"]
        assert snapshot.parsed(path, path.read_bytes()) == entry["data"]


def test_the_registry_from_the_snapshot_is_the_registry_from_its_yaml(monkeypatch):
    from lint import registry, snapshot

    shipped = registry.load_registry(registry._REPO_RULES)
    monkeypatch.setattr(snapshot, "parsed", lambda path, data: None)   # as if there were no snapshot
    assert registry.load_registry(registry._REPO_RULES).sources == shipped.sources


def test_a_changed_builtin_file_is_parsed_from_its_yaml_not_the_snapshot():
    from lint import snapshot
    from lint.rulepack import builtin_rules_dir

    path = Path(builtin_rules_dir(), "provenance.yaml")
    assert snapshot.parsed(path, path.read_bytes() + b"\n# edited\n") is None


def test_a_hook_run_on_one_file_imports_nothing_heavy(tmp_path):
    """The pre-commit case (the hook's args) stays light: no PyYAML (the snapshot), no
    textstat or pyphen (readability is info, below the hook's threshold), no rich
    (output is not a terminal), no `regex` (no built-in pattern needs it), and none of
    the stdlib modules newslint stopped using for their import time (docs/design.md)."""
    import subprocess
    import sys

    import yaml

    hook_args = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]["args"]
    article = tmp_path / "a.txt"
    article.write_text("Critics say the plan will fail, a media report said.\n", encoding="utf-8")
    code = (
        "import sys; from lint import cli\n"
        f"sys.argv = ['newslint', *{hook_args!r}, '--no-cache', {str(article)!r}]\n"
        "try: cli.main()\n"
        "except SystemExit: pass\n"
        "heavy = ('yaml', 'textstat', 'pyphen', 'rich', 'regex', 'pkg_resources',\n"
        "         'pathlib', 'dataclasses', 'hashlib', 'tempfile', 'shutil', 'string', 'zlib', 'statistics')\n"
        "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert "NL4" in done.stdout
    assert done.stderr.strip().splitlines()[-1] == "[]"
