"""A pack may add its own categories (a newsroom's legal or house-style checks) with a description."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from lint.errors import UserError
from lint.rulepack import load_packs

RULE = {"code": "HS101", "name": "contempt-risk", "category": "legal", "severity": "warning", "kind": "phrase",
        "phrases": ["is guilty of"], "message": "legal risk ({match})", "why": "Before a verdict, say 'accused of'.",
        "examples": {"flag": ["He is guilty of fraud, the neighbour said."], "pass": ["He is accused of fraud."]}}


def _pack(tmp_path, categories, rule=RULE):
    data = {"pack": "house", "prefix": "HS", "rules": [rule]}
    if categories is not None:
        data["categories"] = categories
    path = tmp_path / "house.yaml"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_declared_category_is_used_selected_and_reported(tmp_path):
    pack = _pack(tmp_path, {"legal": "Wording that risks contempt or libel."})
    [loaded] = load_packs([str(pack)])
    assert loaded.categories == {"legal": "Wording that risks contempt or libel."}
    (tmp_path / "a.txt").write_text("The driver is guilty of speeding, a witness said.\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "lint", "a.txt", "--rules", str(pack), "--select", "legal",
                          "--format", "json", "--no-cache"], cwd=tmp_path, capture_output=True, text=True)
    findings = json.loads(run.stdout)["findings"]
    assert [(f["rule"], f["category"]) for f in findings] == [("HS101", "legal")]   # only the selected category


def test_an_undeclared_category_is_an_error_that_says_how_to_declare_it(tmp_path):
    with pytest.raises(UserError, match=r"rule HS101: key 'category': 'legal' is not one of .*'categories'"):
        load_packs([str(_pack(tmp_path, None))])


@pytest.mark.parametrize("categories, problem", [
    (["legal"], "must be a mapping"), ({"Legal": "x"}, "kebab-case"), ({"chrome": "x"}, "already a built-in"),
    ({"legal": ""}, "give a description"),
])
def test_a_bad_declaration_names_the_pack_and_category(tmp_path, categories, problem):
    with pytest.raises(UserError, match=problem):
        load_packs([str(_pack(tmp_path, categories))])
