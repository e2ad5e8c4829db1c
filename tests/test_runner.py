"""Many files: the cache, worker processes and discovery give the same results as a plain run."""
import json

from lint.cli import main
from lint.runner import PARALLEL_MIN_FILES

from conftest import SEEDS

ARTICLES = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def run_json(capsys, *argv):
    code = main([*argv, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def make_folder(root, count):
    for i in range(count):
        (root / f"a{i:03d}.txt").write_text(ARTICLES[i % len(ARTICLES)], encoding="utf-8")


def test_jobs_give_identical_ordered_results(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_folder(tmp_path, PARALLEL_MIN_FILES + 10)
    _, serial = run_json(capsys, ".", "--jobs", "1", "--no-cache")
    _, parallel = run_json(capsys, ".", "--jobs", "2", "--no-cache")
    assert serial["findings"] and serial == parallel


def test_warm_run_matches_cold_and_cache_is_ignored_by_git(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_folder(tmp_path, 5)
    _, cold = run_json(capsys, ".")
    cache = tmp_path / ".newslint_cache"
    assert (cache / ".gitignore").read_text().strip().endswith("*")
    _, warm = run_json(capsys, ".")
    assert warm == cold


def test_cache_follows_file_content(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("The deal was signed on Friday, the ministry said.\n")
    assert run_json(capsys, "a.txt")[1]["findings"] == []
    (tmp_path / "a.txt").write_text("Critics say the deal favours Moscow.\n")
    assert [f["rule"] for f in run_json(capsys, "a.txt")[1]["findings"]] == ["NL401"]


def test_cache_follows_settings(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("Critics say the deal favours Moscow.\n")
    assert run_json(capsys, "a.txt")[0] == 1
    assert run_json(capsys, "a.txt", "--ignore", "NL401")[0] == 0
    assert run_json(capsys, "a.txt")[0] == 1


def test_corrupt_cache_is_ignored(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_folder(tmp_path, 3)
    _, cold = run_json(capsys, ".")
    for entry in (tmp_path / ".newslint_cache").glob("results-*.json"):
        entry.write_text('{"broken": [1, 2')
    _, again = run_json(capsys, ".")
    assert again == cold
    for entry in (tmp_path / ".newslint_cache").glob("results-*.json"):
        entry.write_text('{"x": {"path": 3}}')
    assert run_json(capsys, ".")[1] == cold


def test_no_cache_writes_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_folder(tmp_path, 2)
    run_json(capsys, ".", "--no-cache")
    assert not (tmp_path / ".newslint_cache").exists()


def test_discovery_skips_hidden_and_unknown_extensions(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ["a.txt", "b.md", "c.html", "d.py", ".hidden/e.txt", ".git/f.txt", "sub/g.markdown", "sub/h.htm"]:
        path = tmp_path / name
        path.parent.mkdir(exist_ok=True)
        path.write_text("The deal was signed.\n")
    _, data = run_json(capsys, ".")
    assert [f["path"] for f in data["files"]] == ["./a.txt", "./b.md", "./c.html", "./sub/g.markdown", "./sub/h.htm"]


def test_thousands_of_files(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for i in range(2000):
        (tmp_path / f"{i:04d}.txt").write_text(f"Story {i} was filed on Friday, the desk said.\n")
    code, data = run_json(capsys, ".")
    assert code == 0 and len(data["files"]) == 2000


def test_temporary_files_of_a_killed_run_are_cleared_later(tmp_path, capsys, monkeypatch):
    import os
    import time

    monkeypatch.chdir(tmp_path)
    make_folder(tmp_path, 2)
    run_json(capsys, ".")
    folder = tmp_path / ".newslint_cache"
    old, fresh = folder / ".tmp-killed", folder / ".tmp-writing"
    old.write_text("")
    fresh.write_text("")
    an_hour_ago = time.time() - 2 * 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    (tmp_path / "a000.txt").write_text("Critics say the deal favours Moscow.\n")  # a new result to save
    run_json(capsys, ".")
    assert not old.exists()
    assert fresh.exists()  # may belong to a run still writing


def test_damaged_story_features_in_the_cache_are_never_fatal(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_folder(tmp_path, 3)
    _, cold = run_json(capsys, ".")
    for entry in (tmp_path / ".newslint_cache").glob("results-*.json"):
        data = json.loads(entry.read_text())
        files = [key for key in data if not key.startswith("corpus:")]
        data[files[0]]["features"] = {"not": "text"}       # wrong type: a cache miss
        data[files[1]]["features"] = '{"terms": 12'         # not JSON: linted again
        for key in [k for k in data if k.startswith("corpus:")]:
            del data[key]                                   # so the stories are read again
        entry.write_text(json.dumps(data))
    assert run_json(capsys, ".")[1] == cold


def test_atomic_write_leaves_the_old_file_when_writing_fails(tmp_path):
    import pytest

    from lint.atomic import atomic_write

    target = tmp_path / "kept.json"
    atomic_write(target, lambda out: out.write('{"old": 1}'))

    def broken(out):
        out.write('{"new": ')
        raise OSError("disk full")

    with pytest.raises(OSError):
        atomic_write(target, broken)
    assert target.read_text() == '{"old": 1}'
    assert [p.name for p in tmp_path.iterdir()] == ["kept.json"]   # no temporary file left behind
