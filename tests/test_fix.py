"""--fix and --diff: the packs' mechanical edits, and that nothing a user owns is lost.

The seeds are fixed in a temporary folder and compared with a reviewed diff
(tests/data/fixes/seeds.diff); then the properties every fix must keep: a
second run changes nothing, the fixed rules are gone, the file's encoding,
BOM, line endings, permissions and front matter survive, HTML loses whole
elements only, and a failure mid-write leaves the original as it was.
"""
from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys

import pytest

from lint import fix
from lint.api import default_packs
from lint.config import Settings
from lint.errors import UserError
from lint.rulepack import load_packs
from lint.runner import Linter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "tests", "data", "fixes")
ARTICLE = ("The city council approved the new budget on Tuesday after a debate that lasted most of the evening. "
           "The plan raises spending on schools by four percent and cuts the roads programme, the council's finance "
           "chair, Maria Lopez, said after the vote.\n\n"
           "Work on the first projects is due to start in March, and the council will publish a full list of them "
           "next week. Residents can comment on the list until the end of April, Lopez said.\n\n"
           "The budget passed by seven votes to four. Two members who voted against it said the cuts to road repairs "
           "went too far, and asked for a review in the autumn.\n\n")
READ_MORE = "Read more: Mayor wins a second term in a close race\n"
TRENDING = ("TRENDING\n\n1\nMayor wins a second term in a close race\n\n2\nStorm closes the harbour bridge for a week"
            "\n\n3\nSchools reopen on Monday after repairs\n")


def _newslint(*args, cwd):
    return subprocess.run([sys.executable, "-m", "lint", *args, "--no-cache"], cwd=cwd, capture_output=True, text=True)


@pytest.fixture
def seeds(tmp_path):
    folder = tmp_path / "seeds"
    shutil.copytree(os.path.join(ROOT, "seeds"), folder)
    return folder


@pytest.fixture(scope="module")
def linter():
    return Linter(default_packs(), Settings(), corpus=False)


def _fixable(safe_only=True):
    return {r.code for p in default_packs() for r in p.rules if r.fix is not None and (r.fix.safe or not safe_only)}


def test_the_seeds_diff_is_the_reviewed_one_and_writes_nothing(seeds):
    before = {p.name: p.read_bytes() for p in seeds.iterdir()}
    run = _newslint(".", "--diff", cwd=seeds)
    assert run.returncode == 1                        # fixes are due
    with open(os.path.join(DATA, "seeds.diff"), encoding="utf-8") as handle:
        assert run.stdout == handle.read()
    assert "would fix 8 findings in 3 files" in run.stderr
    assert {p.name: p.read_bytes() for p in seeds.iterdir()} == before


def test_fix_writes_the_diff_then_a_second_fix_changes_nothing(seeds):
    run = _newslint(".", "--fix", "--format", "json", cwd=seeds)
    assert "fixed 8 findings in 3 files" in run.stderr
    remaining = json.loads(run.stdout)["findings"]
    assert remaining and not [f for f in remaining if f["rule"] in _fixable()]   # re-linted: what remains is reported
    after = {p.name: p.read_bytes() for p in seeds.iterdir()}
    again = _newslint(".", "--fix", cwd=seeds)
    assert "fixed 0 findings in 0 files" in again.stderr
    assert {p.name: p.read_bytes() for p in seeds.iterdir()} == after
    assert _newslint(".", "--diff", cwd=seeds).returncode == 0


def test_bom_crlf_encoding_and_permissions_survive(tmp_path):
    text = (ARTICLE + READ_MORE + "\nThe review is due in October.\n").replace("\n", "\r\n")
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    path.chmod(0o640)
    _newslint("a.txt", "--fix", cwd=tmp_path)
    expected = text.replace(READ_MORE.replace("\n", "\r\n") + "\r\n", "")
    assert path.read_bytes() == b"\xef\xbb\xbf" + expected.encode("utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    old = tmp_path / "old.txt"                           # Windows-1252 stays Windows-1252
    old.write_bytes(("Caf\xe9 owners were told first. " + ARTICLE + READ_MORE).encode("cp1252"))
    _newslint("old.txt", "--fix", cwd=tmp_path)
    assert old.read_bytes() == ("Caf\xe9 owners were told first. " + ARTICLE).encode("cp1252")


def test_front_matter_survives_and_a_paragraph_with_a_phrase_in_it_stays(tmp_path):
    body = ("---\ntitle: Budget\nsource: Example Times\n---\n\n" + ARTICLE + "The council's three departments will "
            "present their plans next month, and readers who sign up for our newsletter will get the details of every "
            "line of spending in the city this year, the council said.\n\n" + READ_MORE)
    path = tmp_path / "a.md"
    path.write_text(body, encoding="utf-8")
    _newslint("a.md", "--fix", cwd=tmp_path)
    fixed = path.read_text(encoding="utf-8")
    assert fixed.startswith("---\ntitle: Budget\nsource: Example Times\n---\n")
    assert "sign up for our newsletter" in fixed            # inside a long paragraph: not removed
    assert "Read more" not in fixed


def test_html_loses_whole_elements_only(tmp_path):
    paragraphs = "".join(f"<p>{p}</p>\n" for p in ARTICLE.strip().split("\n\n"))
    page = ("<html><body><article>\n" + paragraphs
            + "<p>Read more: <a href='/x'>Mayor wins a second term in a close race</a></p>\n<aside>\n<h3>Trending</h3>\n"
            "<ol>\n<li>Mayor wins a second term in a close race</li>\n<li>Storm closes the harbour bridge for a week</li>\n"
            "<li>Schools reopen on Monday after repairs</li>\n</ol>\n</aside>\n</article></body></html>\n")
    path = tmp_path / "a.html"
    path.write_text(page, encoding="utf-8")
    run = _newslint("a.html", "--diff", cwd=tmp_path)
    assert run.returncode == 1
    _newslint("a.html", "--fix", cwd=tmp_path)
    fixed = path.read_text(encoding="utf-8")
    assert fixed == "<html><body><article>\n" + paragraphs + "</article></body></html>\n"   # whole elements, whole lines
    from html.parser import HTMLParser

    class Balance(HTMLParser):
        depth = 0

        def handle_starttag(self, tag, attrs):
            self.depth += 1

        def handle_endtag(self, tag):
            self.depth -= 1

    checker = Balance()
    checker.feed(fixed)
    assert checker.depth == 0                               # no tag left open or orphaned


def test_a_file_mostly_chrome_is_refused_without_unsafe_fixes(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("The council met on Tuesday.\n\n" + TRENDING + "\n" + READ_MORE, encoding="utf-8")
    before = path.read_bytes()
    run = _newslint("a.txt", "--fix", cwd=tmp_path)
    assert run.returncode == 2 and "a.txt: its fixes would remove" in run.stderr and "--unsafe-fixes" in run.stderr
    assert path.read_bytes() == before
    _newslint("a.txt", "--fix", "--unsafe-fixes", cwd=tmp_path)
    assert path.read_text(encoding="utf-8") == "The council met on Tuesday.\n\n"


def test_unsafe_fixes_are_offered_only_with_the_flag(tmp_path):
    unsafe = _fixable(safe_only=False) - _fixable()
    assert {"NL604", "NL704"} <= unsafe
    seed = "001_16d7ab4f3b8b6b1c.txt"     # its headline is printed twice (NL704, line 8)
    shutil.copy(os.path.join(ROOT, "seeds", seed), tmp_path / seed)
    headline = "-Islamabad, Moscow sign protocol to restore and modernize Pakistan Steel Mills"
    safe = _newslint(seed, "--diff", cwd=tmp_path)
    assert safe.returncode == 1 and headline not in safe.stdout
    run = _newslint(seed, "--diff", "--unsafe-fixes", cwd=tmp_path)
    assert run.returncode == 1 and headline in run.stdout


def test_a_failure_mid_write_leaves_the_original_and_no_temp_file(tmp_path, linter, monkeypatch):
    path = tmp_path / "a.txt"
    original = (ARTICLE + READ_MORE).encode()
    path.write_bytes(original)

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(fix.FixError, match="a.txt: cannot fix: No space left on device"):
        fix.fix_file(linter, str(path), unsafe=False, write=True)
    assert path.read_bytes() == original
    assert os.listdir(tmp_path) == ["a.txt"]


def test_a_file_changed_during_the_run_is_not_fixed(tmp_path, linter, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE + READ_MORE, encoding="utf-8")
    real = Linter.lint_bytes

    def edited_meanwhile(self, p, data, kind=None):
        result = real(self, p, data, kind)
        path.write_text("An editor's new text.\n", encoding="utf-8")
        return result

    monkeypatch.setattr(Linter, "lint_bytes", edited_meanwhile)
    with pytest.raises(fix.FixError, match="changed on disk during the run"):
        fix.fix_file(linter, str(path), unsafe=False, write=True)
    assert path.read_text(encoding="utf-8") == "An editor's new text.\n"


@pytest.mark.parametrize("code", sorted(_fixable(safe_only=False)))
def test_every_fix_clears_its_rule_on_the_rule_s_own_examples(code, tmp_path, linter):
    rule = next(r for p in default_packs() for r in p.rules if r.code == code)
    cleared = 0
    for number, example in enumerate(rule.examples["flag"]):
        path = tmp_path / f"e{number}.txt"
        path.write_text(example, encoding="utf-8")
        done = fix.fix_file(linter, str(path), unsafe=True, write=True)
        after = linter.lint_bytes(str(path), path.read_bytes())
        if done:
            cleared += 1
            assert code not in [f.rule for f in after.findings], (example, path.read_text(encoding="utf-8"))
    assert cleared >= 1   # at least one of the rule's own examples is fixed by its fix


@pytest.mark.parametrize("value, problem", [
    ("delete", "must be 'remove'"), ({"replace": 3}, "'replace' must be text"),
    ({"remove": True, "safe": "yes"}, "'safe' must be true or false"),
])
def test_a_bad_fix_in_a_pack_names_the_rule_and_key(value, problem, tmp_path):
    pack = tmp_path / "house.yaml"
    pack.write_text(json.dumps({"pack": "house", "prefix": "HS", "rules": [{
        "code": "HS101", "name": "house-line", "category": "chrome", "severity": "warning", "kind": "phrase",
        "phrases": ["click here"], "message": "chrome ({match})", "why": "w", "fix": value,
        "examples": {"flag": ["Click here now."], "pass": ["Fine."]}}]}), encoding="utf-8")
    with pytest.raises(UserError, match=rf"rule HS101: key 'fix': {problem}"):
        load_packs([str(pack)])
