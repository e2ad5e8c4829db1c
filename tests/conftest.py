from pathlib import Path

import pytest

from lint.config import Settings
from lint.rulepack import builtin_rules_dir, load_packs
from lint.runner import Linter

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def packs():
    return load_packs([builtin_rules_dir()])


@pytest.fixture(scope="session")
def linter(packs):
    return Linter(packs, Settings())


def lint_text(linter, text: str, name: str = "example.txt"):
    return linter.lint_bytes(name, text.encode("utf-8")).findings
