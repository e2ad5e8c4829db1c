"""The command line end to end: formats, selection, exit status, bad input."""
import json
import os

import pytest

from conftest import run_cli as run
from lint.cli import main
from conftest import SEEDS

FLAGGED = "Critics say the deal favours Moscow.\n"
CLEAN = "The agreement was signed in Moscow on Friday, the ministry said.\n"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "flagged.txt").write_text(FLAGGED)
    (tmp_path / "clean.txt").write_text(CLEAN)
    return tmp_path


def test_text_output_is_ruff_like(capsys, folder):
    code, out, _ = run(capsys, "flagged.txt")
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith("flagged.txt:1:1: NL401 [warning] unattributed claim (Critics say)")
    assert "    | Critics say the deal favours Moscow." in out
    assert "Found 1 finding in 1 file checked" in out


def test_clean_file_exits_zero(capsys, folder):
    code, out, _ = run(capsys, "clean.txt")
    assert code == 0
    assert "All clear" in out


def test_folder_default_is_current_directory(capsys, folder):
    code, out, _ = run(capsys, "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert sorted(f["path"] for f in data["files"]) == ["./clean.txt", "./flagged.txt"]


def test_json_contract(capsys, folder):
    _, out, _ = run(capsys, "flagged.txt", "--format", "json")
    data = json.loads(out)
    assert data["version"] == "1"
    finding = data["findings"][0]
    assert set(finding) == {
        "path", "line", "column", "end_line", "end_column", "rule", "name", "category",
        "severity", "message", "excerpt", "pack", "related", "excerpt_mark",
    }
    assert (finding["line"], finding["column"], finding["end_column"]) == (1, 1, 12)
    first, last = finding["excerpt_mark"]
    assert finding["excerpt"][first:last] == "Critics say"
    assert data["summary"] == {
        "files": 1, "findings": 1, "by_category": {"attribution": 1}, "by_severity": {"warning": 1},
    }


def test_json_never_has_colour(capsys, folder, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    _, out, _ = run(capsys, "flagged.txt", "--format", "json")
    assert "\x1b[" not in out
    json.loads(out)


def test_github_annotations(capsys, folder):
    _, out, _ = run(capsys, "flagged.txt", "--format", "github")
    assert out.startswith("::warning file=flagged.txt,line=1,col=1,endLine=1,title=NL401 weasel-wording::")


@pytest.mark.parametrize("argv,expected", [
    (["--select", "NL5"], 0),                  # prefix: only editorializing rules
    (["--select", "attribution"], 1),          # category
    (["--ignore", "weasel-wording"], 0),       # rule name
    (["--ignore", "attribution"], 0),          # pack
    (["--select", "NL5", "--extend-select", "NL401"], 1),
    (["--exit-zero"], 0),
    (["--fail-on", "error"], 0),
    (["--min-severity", "error"], 0),
])
def test_selection_and_exit_status(capsys, folder, argv, expected):
    code, _, _ = run(capsys, "flagged.txt", *argv)
    assert code == expected


def test_severity_override_and_fail_on_from_config(capsys, folder):
    (folder / "newslint.yaml").write_text("severity:\n  NL401: info\n")
    code, out, _ = run(capsys, "flagged.txt")
    assert code == 0 and "NL401 [info]" in out


def test_pyproject_config_found_from_parent(capsys, folder, monkeypatch):
    (folder / "pyproject.toml").write_text('[tool.newslint]\nignore = ["NL4"]\n')
    sub = folder / "desk"
    sub.mkdir()
    (sub / "a.txt").write_text(FLAGGED)
    monkeypatch.chdir(sub)
    code, _, _ = run(capsys, "a.txt")
    assert code == 0


def test_per_path_ignores_and_exclude(capsys, folder):
    (folder / "archive").mkdir()
    (folder / "archive" / "old.txt").write_text(FLAGGED)
    (folder / "drafts").mkdir()
    (folder / "drafts" / "d.txt").write_text(FLAGGED)
    (folder / "newslint.yaml").write_text('per-path-ignores:\n  "archive/*": [NL4]\nexclude: ["drafts"]\n')
    _, out, _ = run(capsys, ".", "--format", "json")
    paths = {f["path"] for f in json.loads(out)["findings"]}
    assert paths == {"./flagged.txt"}


def test_bad_config_is_exit_2_naming_file_and_key(capsys, folder):
    (folder / "newslint.yaml").write_text("selekt: [NL4]\n")
    code, _, err = run(capsys, "flagged.txt")
    assert code == 2
    assert "newslint.yaml: key 'selekt': unknown key" in err


def test_a_run_with_errors_is_never_all_clear(capsys, folder):
    code, out, _ = run(capsys, "nope.txt", "clean.txt")
    assert code == 2
    assert "error: nope.txt: no such file or folder" in out
    assert "All clear" not in out and "No findings in 1 file checked; 1 error above." in out
    code, out, _ = run(capsys, "nope.txt", "flagged.txt")
    assert code == 2 and "1 error above: not every file was read" in out


def test_missing_path_reported_and_others_linted(capsys, folder):
    code, out, err = run(capsys, "nope.txt", "flagged.txt", "--format", "json")
    data = json.loads(out)
    assert code == 2
    assert data["errors"] == ["nope.txt: no such file or folder"]
    assert len(data["findings"]) == 1


def test_binary_empty_and_non_utf8_files(capsys, folder):
    (folder / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    (folder / "empty.txt").write_text("")
    (folder / "latin.txt").write_bytes("Critics say the caf\xe9 is closing.\n".encode("cp1252"))
    code, out, _ = run(capsys, "bin.txt", "empty.txt", "latin.txt")
    assert code == 2
    assert "error: bin.txt: binary file (contains NUL bytes), skipped" in out
    assert "note: empty.txt: empty file, nothing to lint" in out
    assert "note: latin.txt: not valid UTF-8 (byte 19); decoded as cp1252" in out
    assert "latin.txt:1:1: NL401" in out


def test_stdin_with_filename(capsys, folder, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"---\ntitle: x\n---\n" + FLAGGED.encode())))
    code, out, _ = run(capsys, "-", "--stdin-filename", "story.md")
    assert code == 1
    assert out.startswith("story.md:4:1: NL401")


def test_statistics(capsys, folder):
    _, out, _ = run(capsys, "flagged.txt", "--statistics")
    assert "    1  NL401   weasel-wording [warning]" in out


def test_list_rules_and_explain(capsys):
    code, out, _ = run(capsys, "--list-rules")
    assert code == 0 and "NL101   republished-content-notice" in out
    code, out, _ = run(capsys, "--explain", "NL401")
    assert code == 0 and "why:" in out and "flags:" in out and "Critics say" in out
    code, _, err = run(capsys, "--explain", "NL999")
    assert code == 2 and "no rule 'NL999'" in err


def test_plain_run_never_writes_to_linted_files(capsys, folder):
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    run(capsys, ".")
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before


def test_seed_folder_runs(capsys, monkeypatch):
    monkeypatch.chdir(SEEDS.parent)
    code, out, _ = run(capsys, "seeds/", "--format", "json")
    assert code == 1
    assert len(json.loads(out)["files"]) == 5


def test_cross_file_checks_on_the_seeds(capsys, monkeypatch):
    monkeypatch.chdir(SEEDS.parent)
    code, out, _ = run(capsys, "seeds/", "--format", "json", "--no-cache")
    data = json.loads(out)
    assert data["stories"] == [[f"seeds/{p.name}" for p in sorted(SEEDS.glob("*.txt"))]]
    founding = [f for f in data["findings"] if f["rule"] == "NL951" and "1971" in f["message"]]
    assert founding and founding[0]["path"].startswith("seeds/004")
    assert {r["path"][:9] for r in founding[0]["related"]} == {"seeds/000", "seeds/002", "seeds/003"}


def test_no_corpus_and_corpus_only(capsys, monkeypatch):
    monkeypatch.chdir(SEEDS.parent)
    _, out, _ = run(capsys, "seeds/", "--format", "json", "--no-cache", "--no-corpus")
    data = json.loads(out)
    assert data["stories"] == [] and not [f for f in data["findings"] if f["rule"] in ("NL951", "NL955")]
    _, out, _ = run(capsys, "seeds/", "--format", "json", "--no-cache", "--corpus-only")
    data = json.loads(out)
    assert data["findings"] and {f["category"] for f in data["findings"]} == {"consistency"}


def test_one_story_forces_grouping(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("The council approved the budget on Monday, the mayor said.\n")
    (tmp_path / "b.txt").write_text("Heavy rain flooded the river valley overnight, police said.\n")
    _, out, _ = run(capsys, ".", "--format", "json", "--no-cache")
    assert json.loads(out)["stories"] == []
    _, out, _ = run(capsys, ".", "--format", "json", "--no-cache", "--one-story")
    assert json.loads(out)["stories"] == [["./a.txt", "./b.txt"]]


def test_sources_subcommand_and_extra_registry(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(
        "The mayor resigned on Monday, the Daily Example reported.\n\n"
        "The council will meet on Friday to choose a successor, officials said.\n"
    )
    (tmp_path / "extra.yaml").write_text(
        "version: 1\nreviewed: 2026-11-01\nsources:\n  - name: Daily Example\n    type: newspaper\n"
        "    tier: deprecated\n    rationale: Fabricated stories in 2024.\n"
    )
    (tmp_path / "newslint.yaml").write_text("registry: [extra.yaml]\n")
    code, out, _ = run(capsys, "sources", "a.txt")
    assert code == 0
    assert "Daily Example (newspaper, DEP" in out
    code, out, _ = run(capsys, "a.txt", "--select", "NL901")
    assert code == 1 and "NL901" in out


def _stderr_on_a_terminal(args: list[str], env_extra: dict | None = None) -> tuple[str, str]:
    """Run newslint with stderr on a pseudo-terminal (stdout a pipe), the bar due at once."""
    import pty
    import subprocess
    import sys
    import threading

    code = (
        "import sys; from lint import cli; cli._progress.PROGRESS_AFTER = 0\n"
        f"sys.argv = ['newslint', *{args!r}]\n"
        "try: cli.main()\n"
        "except SystemExit: pass\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "NO_COLOR", "FORCE_COLOR")}
    env.update(env_extra or {})
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=follower, env=env)
    os.close(follower)
    seen = bytearray()

    def drain() -> None:  # a full terminal buffer would block the bar, and the run
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the other end is closed: all read
                return
            if not chunk:
                return
            seen.extend(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    out = proc.stdout.read().decode()
    proc.wait()
    reader.join()
    os.close(leader)
    return out, bytes(seen).decode(errors="replace")


def test_progress_bar_shows_on_a_terminal_and_never_in_the_output():
    out, terminal = _stderr_on_a_terminal([str(SEEDS), "--no-cache", "--jobs", "1"])
    assert "linting" in terminal
    assert "linting" not in out and "\x1b[" not in out and "NL101" in out


@pytest.mark.parametrize("args, env", [
    (["--format", "json"], {}),
    (["--format", "github"], {}),
    ([], {"CI": "true"}),
    ([], {"NO_COLOR": "1"}),
])
def test_no_progress_bar_for_machines_or_ci(args, env):
    out, terminal = _stderr_on_a_terminal([str(SEEDS), "--no-cache", "--jobs", "1", *args], env)
    assert "linting" not in terminal
    if "json" in args:
        json.loads(out)


def test_the_console_entry_flushes_everything_before_it_ends_the_process():
    """entry() ends the process without tearing the interpreter down: the output
    must be complete and the exit status main()'s."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "lint", str(SEEDS), "--format", "json", "--no-cache"],
                          capture_output=True, text=True)
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert len(report["findings"]) > 20 and report["summary"]["files"] == 5
    done = subprocess.run([sys.executable, "-m", "lint", str(SEEDS / "nothing-here.txt")], capture_output=True, text=True)
    assert done.returncode == 2
    assert "nothing-here.txt: no such file" in done.stdout and "All clear" not in done.stdout
