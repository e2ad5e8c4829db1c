from pathlib import Path

import pytest

from lint.config import Settings
from lint.rulepack import builtin_rules_dir, load_packs
from lint.runner import Linter

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def check_seeds():
    """The user's seed checker (../shared/tools/check_seeds.py), for its CLEAN lines."""
    import importlib.util

    path = SHARED / "tools" / "check_seeds.py"
    if not path.is_file():
        pytest.skip("shared/tools/check_seeds.py not found")
    spec = importlib.util.spec_from_file_location("check_seeds", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def fresh_pattern_store(monkeypatch, tmp_path):
    """lint.compiled_regex as in a process that has kept nothing yet, its store in
    tmp_path: (store path, restart), where restart() starts such a process again."""
    import sys

    from lint import compiled_regex

    def restart():
        monkeypatch.setattr(compiled_regex, "_KEPT", {})
        monkeypatch.setattr(compiled_regex, "_BUILT", {})
        monkeypatch.setattr(compiled_regex, "_BUILDERS", {})
        monkeypatch.setattr(compiled_regex, "_USED", set())
        monkeypatch.setattr(compiled_regex, "_state", {"loaded": False, "learned": False})

    store = tmp_path / "compiled_regex.json"
    monkeypatch.setattr(compiled_regex, "store_path", lambda: store)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    restart()
    return store, restart


@pytest.fixture(scope="session")
def packs():
    return load_packs([builtin_rules_dir()])


@pytest.fixture(scope="session")
def linter(packs):
    return Linter(packs, Settings())


def lint_text(linter, text: str, name: str = "example.txt"):
    return linter.lint_bytes(name, text.encode("utf-8")).findings


def run_cli(capsys, *argv):
    """newslint's main() with these arguments: (exit status, stdout, stderr)."""
    from lint.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def seeds(tmp_path, monkeypatch):
    """A copy of the seeds in a fresh folder that is the current one: tests may edit it."""
    import shutil

    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "seeds"
