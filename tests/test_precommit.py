"""The pre-commit hook for real: `pre-commit try-repo` against this repository."""
import os
import shutil
import subprocess

import pytest

from conftest import ROOT

pytestmark = pytest.mark.skipif(
    shutil.which("pre-commit") is None or shutil.which("git") is None or not (ROOT / ".git").exists(),
    reason="needs git, pre-commit and a git checkout",
)


def test_hook_fails_flagged_article_and_passes_clean_one(tmp_path):
    repo = tmp_path / "newsroom"
    repo.mkdir()
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    (repo / "flagged.md").write_text("---\ntitle: Mill deal\n---\nThe news has been copied from the Dawn News site.\n")
    (repo / "clean.md").write_text("The agreement was signed in Moscow on Friday, the ministry said.\n")
    subprocess.run(["git", "add", "."], cwd=repo, check=True)

    def hook(name):
        return subprocess.run(
            ["pre-commit", "try-repo", str(ROOT), "newslint", "--files", name],
            cwd=repo, env=env, capture_output=True, text=True, timeout=600,
        )

    flagged = hook("flagged.md")
    assert flagged.returncode == 1, flagged.stdout + flagged.stderr
    assert "flagged.md:4:1: NL101 [warning]" in flagged.stdout
    clean = hook("clean.md")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout


def test_hook_reads_every_staged_file_together(tmp_path):
    """Five seeds staged at once get the cross-article findings of one run over them."""
    import shutil as sh
    import re

    from conftest import SEEDS

    repo = tmp_path / "newsroom"
    (repo / "seeds").mkdir(parents=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    names = sorted(p.name for p in SEEDS.glob("*.txt"))
    for name in names:
        sh.copy(SEEDS / name, repo / "seeds" / name)
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    hook = subprocess.run(
        ["pre-commit", "try-repo", str(ROOT), "newslint", "--files", *(f"seeds/{n}" for n in names)],
        cwd=repo, env=env, capture_output=True, text=True, timeout=600,
    )
    direct = subprocess.run(
        ["newslint", "--min-severity=warning", "--no-cache", "seeds/"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=600,
    )
    finding = re.compile(r"^(seeds/\S+:\d+:\d+: NL\d+ \[warning\])", re.M)
    from_hook, from_run = finding.findall(hook.stdout), finding.findall(direct.stdout)
    assert hook.returncode == 1, hook.stdout + hook.stderr
    assert any(" NL951 " in f for f in from_hook)   # a cross-article finding made it through
    assert sorted(from_hook) == sorted(from_run)
