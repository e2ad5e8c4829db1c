"""No path, and nothing kept between runs, breaks a run or changes its findings.

The kept data (results cache, pattern analyses, pattern store, syllables
table) is damaged byte by byte and the output compared with a run that kept
nothing; odd paths (FIFOs, names that are not UTF-8 or hold a newline,
UTF-16/32 text, files over max-file-size) are met and reported in one line;
a bug in newslint exits 2; and the output is the same byte for byte whatever
the jobs or the hash seed.
"""
import json
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS, SHARED, run_cli
from lint import compiled_regex, matcher as M, reader, registry
from lint.cache import Cache, entry_key
from lint.config import ConfigError, Settings, load_config
from lint.hashing import seal, unseal
from lint.report.printable import escaped, legible
from lint.syllables import Patterns, pyphen_dictionary

FLIPS = 50
NEWSLINT_DEBUG = "NEWSLINT_DEBUG"
HOUSE_PACK = r"""pack: house
prefix: HS
description: a newsroom's own rule
rules:
  - code: HS101
    name: critics-claim
    category: attribution
    severity: warning
    kind: phrase
    message: "critics claim: who?"
    why: w
    patterns: ['\bcritics\s+(?:claim|insist)\w*\b']
    examples: {flag: [Critics claim so.], pass: [Nobody does.]}
"""


def _flipped(data: bytes, rng: random.Random) -> bytes:
    """`data` with one byte changed to another value."""
    at = rng.randrange(len(data))
    return data[:at] + bytes([(data[at] + rng.randrange(1, 256)) % 256]) + data[at + 1:]


def _damages(data: bytes, seed: int):
    """FLIPS one-byte changes, the file cut in half, and a hand-written wrong shape."""
    rng = random.Random(seed)
    yield from (_flipped(data, rng) for _ in range(FLIPS))
    yield data[: len(data) // 2]
    yield b'{"findings": "x"}'


# -- the results cache ------------------------------------------------------------------

@pytest.fixture
def articles(tmp_path, monkeypatch):
    """The seeds in a folder of their own, linted from there (the cache lives in the cwd)."""
    for path in SEEDS.iterdir():
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _lint_json(capsys, *extra):
    code, out, err = run_cli(capsys, ".", "--format", "json", "--exit-zero", *extra)
    assert code == 0 and "Traceback" not in err, err
    return out


def _results_file(folder: Path) -> Path:
    (found,) = (folder / ".newslint_cache").glob("results-*.jsonl")
    return found


def test_a_damaged_results_cache_is_never_served(articles, capsys):
    expected = _lint_json(capsys, "--no-cache")
    assert _lint_json(capsys) == expected        # writes the cache: per-file entries and the corpus entry
    cache_file = _results_file(articles)
    good = cache_file.read_bytes()
    assert b'"corpus:' in good
    for n, damaged in enumerate(_damages(good, seed=1)):
        cache_file.write_bytes(damaged)
        assert _lint_json(capsys) == expected, f"damage {n}"
        rebuilt = _results_file(articles).read_bytes()
        assert sorted(rebuilt.split(b"\n")) == sorted(good.split(b"\n")), f"damage {n}: not rebuilt"


@pytest.mark.parametrize("entry", [
    {"findings": "x"},
    {"path": "OTHER", "findings": [], "notes": [], "error": None, "data": {}, "features": None},
    "not a mapping",
])
def test_a_well_sealed_entry_of_the_wrong_shape_is_linted_again(articles, capsys, entry):
    expected = _lint_json(capsys, "--no-cache")
    _lint_json(capsys)
    cache_file = _results_file(articles)
    lines = cache_file.read_bytes().split(b"\n")
    # Every entry replaced by one that passes its checksum but is not what newslint wrote.
    forged = [seal(json.dumps([json.loads(unseal(line))[0], entry]).encode()) for line in lines if line]
    cache_file.write_bytes(b"\n".join(forged) + b"\n")
    assert _lint_json(capsys) == expected


def test_a_wrong_typed_finding_in_a_sealed_entry_is_not_served(articles, capsys):
    expected = _lint_json(capsys, "--no-cache")
    _lint_json(capsys)
    cache_file = _results_file(articles)
    rows = [json.loads(unseal(line)) for line in cache_file.read_bytes().split(b"\n") if line]
    for _, entry in rows:
        for finding in entry["findings"]:
            finding["line"] = str(finding["line"])   # "3", not 3: sorts and prints differently
    cache_file.write_bytes(b"".join(seal(json.dumps(row).encode()) + b"\n" for row in rows))
    assert _lint_json(capsys) == expected


def test_the_cache_fingerprint_hashes_the_config_by_its_bytes(tmp_path):
    from lint.cache import settings_repr

    config = tmp_path / "newslint.yaml"
    config.write_text("options: {NL801: {above: 14}}\n", encoding="utf-8")
    settings = load_config(str(config))
    settings.options = {"NL801": {"above": ["x" * 1000] * 1000}}   # what an alias bomb expands to
    assert len(settings_repr(settings)) < 500
    before = settings_repr(settings)
    config.write_text("options: {NL801: {above: 15}}\n", encoding="utf-8")
    assert settings_repr(settings) != before


# -- the pattern analyses (prefilters), the pattern store, the syllables table ---------------

@pytest.fixture
def clean_analyses():
    saved = dict(M._REMEMBERED), dict(M._LEARNED)
    M._REMEMBERED.clear()
    M._LEARNED.clear()
    yield
    M._REMEMBERED.clear()
    M._REMEMBERED.update(saved[0])
    M._LEARNED.clear()
    M._LEARNED.update(saved[1])


def test_damaged_pattern_analyses_never_change_a_match(tmp_path, clean_analyses):
    patterns = [r"\bcritics\s+(?:claim|insist)\w*\b", r"\baccording\s+to\s+(?:sources|reports)\b",
                r"^\s*(?:read|see)\s+more\b"]
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.iterdir())]
    texts.append("Critics claim so. Read more\n  see more about it, according to sources.")

    def matches():
        m = M.Matcher([], patterns)
        return [list(m.finditer(t, t.lower())) for t in texts]

    expected = matches()
    assert any(expected)
    path = tmp_path / "prefilters.json"
    M.keep(path)
    good = path.read_bytes()
    # A file that parses and passes a shape check but says a pattern needs a word it does not.
    wrong = json.dumps([[p, M._flags(False), [[["zzzz"], []]]] for p in patterns]).encode()
    for n, damaged in enumerate([*_damages(good, seed=2), wrong]):
        M._REMEMBERED.clear()
        M._LEARNED.clear()
        path.write_bytes(damaged)
        M.remember(path)
        assert matches() == expected, f"damage {n}"


def test_a_damaged_pattern_store_never_changes_a_pattern(fresh_pattern_store):
    path, restart = fresh_pattern_store
    patterns = [(r"(?P<who>[A-Z]\w+) (?:said|told) (?P<whom>\w+)", 0), (r"(a)(b)?(c)", re.I),
                (registry.default_registry().matcher().pattern, 0)]
    text = (SEEDS / "002_382a15d2e6cbff16.txt").read_text(encoding="utf-8") + " Reuters told Bob. abc AC"

    def same(compiled, pattern, flags):
        plain = re.compile(pattern, flags)
        assert (compiled.groups, dict(compiled.groupindex)) == (plain.groups, dict(plain.groupindex))
        assert [m.groups() + (m.span(),) for m in compiled.finditer(text)] == \
               [m.groups() + (m.span(),) for m in plain.finditer(text)]

    for pattern, flags in patterns:
        compiled_regex.compile(pattern, flags)
    compiled_regex.save()
    good = path.read_bytes()
    for n, damaged in enumerate(_damages(good, seed=3)):
        restart()
        path.write_bytes(damaged)
        for pattern, flags in patterns:
            same(compiled_regex.compile(pattern, flags), pattern, flags)


def test_a_pattern_store_with_wrong_group_counts_is_not_used(fresh_pattern_store):
    path, restart = fresh_pattern_store
    pattern = r"(a)(b)?(c)"
    compiled_regex.compile(pattern)
    compiled_regex.save()
    data = json.loads(unseal(path.read_bytes()))
    data["patterns"][f"0:{pattern}"][2] = 0      # the group count, as a hand edit would leave it
    path.write_bytes(json.dumps(data).encode())  # well-formed, but not sealed by newslint
    restart()
    assert compiled_regex.compile(pattern).match("abc").group(3) == "c"


@pytest.fixture
def syllable_store(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "pycache_prefix", str(tmp_path / "pycache"))
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    try:
        dictionary = pyphen_dictionary()
    except FileNotFoundError:
        pytest.skip("pyphen is not installed")
    return dictionary, tmp_path / "pycache"


def test_a_damaged_syllables_table_is_read_afresh(syllable_store):
    dictionary, folder = syllable_store
    expected = Patterns.read(dictionary)._lines
    Patterns.kept(dictionary)
    (kept,) = folder.rglob("*.marshal")
    good = kept.read_bytes()
    for n, damaged in enumerate(_damages(good, seed=4)):
        kept.write_bytes(damaged)
        assert Patterns.kept(dictionary)._lines == expected, f"damage {n}"


def test_the_seal_finds_every_one_byte_change():
    data = b'{"engine": "x", "patterns": {}}'
    sealed = seal(data)
    assert unseal(sealed) == data
    assert all(unseal(sealed[:at] + bytes([value]) + sealed[at + 1:]) is None
               for at in range(len(sealed)) for value in range(256) if value != sealed[at])
    assert unseal(sealed[:-1]) is None and unseal(b"") is None


# -- every kind of kept file, through the command line -------------------------------------

def _env(pycache: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", NEWSLINT_DEBUG)}
    return {**env, "PYTHONPATH": str(ROOT), "PYTHONPYCACHEPREFIX": str(pycache), "PYTHONHASHSEED": "0"}


def _newslint(args, cwd, env, stdin=None, timeout=120):
    return subprocess.run([sys.executable, "-m", "lint", *args], cwd=cwd, env=env, input=stdin,
                          capture_output=True, timeout=timeout)


KEPT_FILES = {
    "results entries": lambda folder, pycache: _results_file(folder),
    "prefilters": lambda folder, pycache: next((folder / ".newslint_cache").glob("prefilters-*.json")),
    "pattern store": lambda folder, pycache: next(pycache.rglob("compiled_regex.*.json")),
    "syllables table": lambda folder, pycache: next(pycache.rglob("syllables.*.marshal")),
}


@pytest.mark.parametrize("kind", sorted(KEPT_FILES))
def test_the_cli_output_is_the_same_with_any_kept_file_damaged(tmp_path, kind):
    folder, pycache = tmp_path / "articles", tmp_path / "pycache"
    (folder / "house").mkdir(parents=True)
    (folder / "house" / "house.yaml").write_text(HOUSE_PACK, encoding="utf-8")
    for path in sorted(SEEDS.iterdir())[:3]:
        shutil.copy(path, folder / path.name)
    (folder / "claim.txt").write_text("Critics claim the plan fails, according to sources.\n", encoding="utf-8")
    env = _env(pycache)
    args = [".", "--rules", "house", "--format", "json", "--exit-zero"]
    expected = _newslint([*args, "--no-cache"], folder, env)
    assert expected.returncode == 0 and b"HS101" in expected.stdout, expected.stderr
    assert _newslint(args, folder, env).stdout == expected.stdout   # writes every kept file
    kept = KEPT_FILES[kind](folder, pycache)
    good = kept.read_bytes()
    rng = random.Random(5)
    for damaged in (_flipped(good, rng), _flipped(good, rng), good[: len(good) // 2], b'{"findings": "x"}'):
        kept.write_bytes(damaged)
        for extra in ([], ["--no-cache"]):
            run = _newslint([*args, *extra], folder, env)
            assert (run.returncode, run.stdout) == (0, expected.stdout), run.stderr
            assert b"Traceback" not in run.stderr


# -- paths that are not plain files ------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_in_a_folder_is_skipped_with_a_note_and_never_waited_on(tmp_path):
    shutil.copy(SEEDS / "000_ad989706a9c6ca24.txt", tmp_path / "a.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    run = _newslint([str(tmp_path), "--no-cache", "--format", "json"], tmp_path, _env(tmp_path / "pyc"), timeout=60)
    data = json.loads(run.stdout)
    assert [f["path"] for f in data["files"]] == [str(tmp_path / "a.txt")]
    assert f"note: {tmp_path / 'pipe.txt'}: a FIFO (named pipe), not a regular file; skipped" in run.stderr.decode()
    assert run.returncode == 1   # the findings of a.txt: a skipped FIFO is no error


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_named_on_the_command_line_is_an_error_that_says_what_it_is(tmp_path):
    os.mkfifo(tmp_path / "pipe.md")
    run = _newslint(["pipe.md", "--no-cache"], tmp_path, _env(tmp_path / "pyc"), timeout=60)
    assert run.returncode == 2
    assert "error: pipe.md: a FIFO (named pipe), not a regular file; skipped" in run.stdout.decode()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_reading_a_fifo_never_waits(tmp_path):
    import threading

    os.mkfifo(tmp_path / "pipe.txt")   # no writer: a plain open() would block for ever
    outcome = []

    def read():
        try:
            reader.read_bytes(str(tmp_path / "pipe.txt"))
        except reader.InputError as err:
            outcome.append(str(err))

    thread = threading.Thread(target=read, daemon=True)   # daemon: a hung read cannot hang the tests
    thread.start()
    thread.join(10)
    assert outcome == [f"{tmp_path / 'pipe.txt'}: a FIFO (named pipe), not a regular file; skipped"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("where", ["rules", "config"])
def test_a_fifo_where_a_pack_or_config_is_read_is_an_error_never_a_wait(tmp_path, where):
    shutil.copy(SEEDS / "000_ad989706a9c6ca24.txt", tmp_path / "a.txt")
    if where == "rules":
        (tmp_path / "packs").mkdir()
        os.mkfifo(tmp_path / "packs" / "house.yaml")   # no writer: a plain open() would block for ever
        args, named = ["--rules", "packs"], os.path.join("packs", "house.yaml")
    else:
        os.mkfifo(tmp_path / "newslint.yaml")
        args, named = ["--config", "newslint.yaml"], "newslint.yaml"
    run = _newslint(["a.txt", "--no-cache", *args], tmp_path, _env(tmp_path / "pyc"), timeout=60)
    out = (run.stdout + run.stderr).decode()
    assert run.returncode == 2 and "Traceback" not in out
    assert f"{named}: cannot read" in out and "not a regular file" in out


ODD_NAMES = [b"bad\xff\xfename.txt", b"two\nlines.txt:1:1: NL999 [error] forged.txt", b"bell\x07esc\x1b[31m.txt"]


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="needs a file system that takes any bytes")
@pytest.mark.parametrize("cache", [[], ["--no-cache"]])
def test_any_file_name_is_reported_escaped_and_never_crashes(tmp_path, cache):
    text = (SEEDS / "000_ad989706a9c6ca24.txt").read_bytes()
    for name in ODD_NAMES:
        fd = os.open(os.path.join(os.fsencode(tmp_path), name), os.O_WRONLY | os.O_CREAT, 0o644)
        os.write(fd, text)
        os.close(fd)
    env = _env(tmp_path / "pyc")
    run = _newslint([".", "--no-corpus", *cache], tmp_path, env)
    assert run.returncode == 1 and b"Traceback" not in run.stderr, run.stderr
    lines = run.stdout.decode("utf-8").splitlines()
    finding_lines = [line for line in lines if re.match(r"\S.*:\d+:\d+: NL\d+ ", line)]
    assert not any(line.startswith("lines.txt") for line in lines)     # no forged finding line
    assert {line.split(":")[0] for line in finding_lines} == {
        "./bad\\xff\\xfename.txt", "./two\\nlines.txt", "./bell\\x07esc\\x1b[31m.txt"}
    for fmt in ("json", "sarif", "junit", "github", "gitlab", "json-lines"):
        run = _newslint([".", "--no-corpus", "--format", fmt, *cache], tmp_path, env)
        assert run.returncode == 1 and b"Traceback" not in run.stderr, (fmt, run.stderr)
        run.stdout.decode("utf-8")   # valid UTF-8, whatever the names
    data = json.loads(_newslint([".", "--no-corpus", "--format", "json", *cache], tmp_path, env).stdout)
    assert sorted(f["path"] for f in data["files"]) == [
        "./bad\\xff\\xfename.txt", "./bell\x07esc\x1b[31m.txt", "./two\nlines.txt:1:1: NL999 [error] forged.txt"]


def test_escaping_keeps_every_name_on_one_line():
    assert escaped("a\nb\rc\x1b[0m\u2028d\te") == "a\\nb\\rc\\x1b[0m\\u2028d\te"
    assert legible("bad" + b"\xff".decode("utf-8", "surrogateescape")) == "bad\\xff"
    assert legible("plain café") == "plain café"


def test_entry_key_takes_a_name_that_is_not_utf8():
    name = os.fsdecode(b"bad\xff.txt")
    assert entry_key(name, b"x") != entry_key("bad.txt", b"x")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-32-le"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_decoded(linter, encoding):
    text = "Critics say the plan, according to sources, fails.\n"
    # "utf-16" and "utf-32" write the mark themselves; the others get it in their byte order.
    data = text.encode(encoding) if encoding in ("utf-16", "utf-32") else ("\ufeff" + text).encode(encoding)
    result = linter.lint_bytes("story.txt", data)
    assert result.error is None
    assert [f.rule for f in result.findings] == [f.rule for f in linter.lint_bytes("s.txt", text.encode()).findings]
    assert {"NL401", "NL402"} <= {f.rule for f in result.findings}


def test_utf16_on_standard_input_is_decoded(tmp_path):
    run = _newslint(["-", "--format", "json"], tmp_path, _env(tmp_path / "pyc"),
                    stdin="Critics say the plan fails.\n".encode("utf-16"))
    data = json.loads(run.stdout)
    assert data["errors"] == [] and "NL401" in {f["rule"] for f in data["findings"]}


def test_utf16_whose_text_is_broken_is_one_error(linter):
    result = linter.lint_bytes("story.txt", b"\xff\xfeC\x00\x00\xd8")   # a lone high surrogate
    assert result.error.startswith("story.txt: not valid UTF-16")


# -- max-file-size --------------------------------------------------------------------------

def test_a_file_over_max_file_size_is_refused_and_the_run_goes_on(tmp_path, capsys, monkeypatch):
    shutil.copy(SEEDS / "000_ad989706a9c6ca24.txt", tmp_path / "a.txt")
    (tmp_path / "big.txt").write_bytes(b"word " * 30_000)   # 150,000 bytes
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli(capsys, ".", "--no-cache", "--format", "json", "--max-file-size", "100KB")
    data = json.loads(out)
    assert code == 2
    assert data["errors"] == ["./big.txt: 150,000 bytes, over the max-file-size of 102,400; skipped"]
    assert any(f["path"] == "./a.txt" for f in data["findings"])
    (tmp_path / "newslint.yaml").write_text("max-file-size: 200KB\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, ".", "--no-cache", "--format", "json")
    assert json.loads(out)["errors"] == []


def test_standard_input_over_max_file_size_is_refused(tmp_path):
    run = _newslint(["-", "--max-file-size", "10"], tmp_path, _env(tmp_path / "pyc"), stdin=b"Critics say so, twice.")
    assert run.returncode == 2 and "-: 11 bytes, over the max-file-size of 10; skipped" in run.stdout.decode()


@pytest.mark.parametrize("value,expected", [(2048, 2048), ("2048", 2048), ("10MB", 10 * 1024 ** 2),
                                            ("500 kb", 500 * 1024), ("1g", 1024 ** 3)])
def test_sizes_read_as_bytes(value, expected):
    assert reader.parse_size(value) == expected


@pytest.mark.parametrize("value", ["ten", "10 TB", 0, -5, True, [1]])
def test_a_bad_max_file_size_in_the_config_names_the_file_and_key(tmp_path, value):
    config = tmp_path / "newslint.yaml"
    config.write_text(json.dumps({"max-file-size": value}), encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"newslint.yaml: key 'max-file-size': "):
        load_config(str(config))


def test_the_default_limit_is_generous():
    assert Settings().max_file_size == 10 * 1024 * 1024


# -- a bug in newslint ------------------------------------------------------------------------

def test_a_crash_while_linting_a_file_exits_2_naming_the_file(tmp_path, capsys, monkeypatch):
    import lint.runner

    for name in ("a.txt", "b.txt"):
        shutil.copy(SEEDS / "000_ad989706a9c6ca24.txt", tmp_path / name)
    real = lint.runner.lint_document

    def broken(doc, *args):
        if doc.path.endswith("b.txt"):
            raise KeyError("boom")
        return real(doc, *args)

    monkeypatch.setattr(lint.runner, "lint_document", broken)
    monkeypatch.delenv(NEWSLINT_DEBUG, raising=False)
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(capsys, ".", "--no-corpus")
    assert code == 2
    assert "error: ./b.txt: internal error (KeyError: 'boom'); please report it" in out
    assert "./a.txt:1:1: NL801" in out   # the run went on
    assert "Traceback" not in out + err
    assert not (tmp_path / ".newslint_cache").exists() or b"boom" not in _results_file(tmp_path).read_bytes()
    monkeypatch.setenv(NEWSLINT_DEBUG, "1")   # the traceback instead of the line, still exit 2
    code, out, err = run_cli(capsys, ".", "--no-corpus", "--no-cache")
    assert code == 2 and "Traceback" in err and "KeyError: 'boom'" in err


def test_a_crash_outside_any_file_exits_2_in_one_line(tmp_path, capsys, monkeypatch):
    import lint.report.json_format

    def broken(report):
        raise RuntimeError("reporter broke\nsecond line")

    monkeypatch.setattr(lint.report.json_format, "stream", broken)
    monkeypatch.delenv(NEWSLINT_DEBUG, raising=False)
    shutil.copy(SEEDS / "000_ad989706a9c6ca24.txt", tmp_path / "a.txt")
    code, out, err = run_cli(capsys, str(tmp_path / "a.txt"), "--no-cache", "--format", "json")
    assert code == 2
    assert err == "newslint: error: newslint: internal error (RuntimeError: reporter broke); please report it " \
                  "(set NEWSLINT_DEBUG=1 for the traceback)\n"


# -- one output, whatever the jobs and the hash seed -------------------------------------------

def test_findings_that_differ_anywhere_have_one_order():
    from lint.finding import Finding, Related

    base = Finding("a.txt", 3, 1, 3, 9, "NL955", "n", "consistency", "info", "m1", "x", "p")
    variants = [base, base._replace(message="m0"), base._replace(related=(Related("b.txt", 1),)),
                base._replace(end_column=4), base._replace(excerpt="w"), base._replace(severity="error")]
    keys = [f.sort_key() for f in variants]
    assert len(set(keys)) == len(keys)   # no two tie: the order cannot depend on how they were made
    assert sorted(variants, key=Finding.sort_key) == sorted(reversed(variants), key=Finding.sort_key)


VARIANT_STORY = ("The city council voted on Tuesday to approve the new harbour bridge after months of debate. "
                 "Council leader {name} said the bridge would open in 2027 and cost 40 million pounds. "
                 "Residents of the harbour district had campaigned against the bridge for two years, citing noise. "
                 "The council said construction would begin in the spring and last three years.\n")
# Four spellings, each a variant of the other three and each used once: a tie on every count.
VARIANTS = ["Jonathan Whitfield", "Jonathon Whitfield", "Jonathen Whitfield", "Jonathin Whitfield"]


def _write_variant_stories(folder: Path) -> None:
    # Four outlets' texts (their front matter says so): one text with a name changed
    # would be versions of it, each compared with the first alone (lint/corpus/copies.py).
    for n, name in enumerate(VARIANTS):
        (folder / f"story{n}.md").write_text(f"---\nsource: Outlet {n}\n---\n" + VARIANT_STORY.format(name=name),
                                             encoding="utf-8")


def test_name_variants_that_tie_are_listed_in_one_order_whatever_the_hash_seed(tmp_path):
    _write_variant_stories(tmp_path)
    outputs = set()
    for seed in ("1", "2", "3", "4"):
        run = _newslint([".", "--no-cache", "-q", "--exit-zero"], tmp_path,
                        {**_env(tmp_path / "pyc"), "PYTHONHASHSEED": seed})
        assert b"NL952" in run.stdout, run.stderr
        outputs.add(run.stdout)
    assert len(outputs) == 1
    assert "“Jonathan Whitfield” here, but “Jonathon Whitfield” in story1.md:4; “Jonathen Whitfield” in " \
           "story2.md:4; “Jonathin Whitfield” in story3.md:4" in outputs.pop().decode()


LABELLED = SHARED / "corpus" / "labelled"


@pytest.mark.skipif(not LABELLED.is_dir(), reason="the labelled corpus is not here")
def test_the_output_is_the_same_byte_for_byte_for_any_jobs_and_hash_seed(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for path in sorted(SEEDS.iterdir()):
        shutil.copy(path, folder / path.name)
    labelled = sorted(p for p in LABELLED.iterdir() if p.is_file() and p.suffix in (".txt", ".md", ".html"))
    for path in labelled[:45]:   # with the seeds, past the count at which worker processes start
        shutil.copy(path, folder / path.name)
    _write_variant_stories(folder)
    outputs = set()
    for seed, jobs in (("0", ["--jobs", "1"]), ("1", ["--jobs", "2"]), ("2", []), ("3", ["--jobs", "2"])):
        env = {**_env(tmp_path / "pyc"), "PYTHONHASHSEED": seed}
        run = _newslint([".", "--format", "json", "--no-cache", "--exit-zero", *jobs], folder, env, timeout=300)
        assert run.returncode == 0, run.stderr
        outputs.add(run.stdout)
    assert len(outputs) == 1
