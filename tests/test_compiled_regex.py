"""Compiled regular expressions kept between runs (lint/compiled_regex.py)."""
import base64
import json
import re
import sys
from array import array
from pathlib import Path

import pytest

from lint import compiled_regex, registry
from lint.matcher import _phrases_regex
from lint.hashing import seal, unseal

SEED = (Path(__file__).resolve().parents[1] / "seeds" / "002_382a15d2e6cbff16.txt").read_text(encoding="utf-8")

PATTERNS = [
    (r"(?P<who>[A-Z]\w+) (?:said|told) (?P<whom>\w+)", 0),
    (r"(?<![\w])according to\b", re.IGNORECASE | re.MULTILINE),
    (r"^\s*(read more|trending)\s*:?", re.I | re.M),
    (_phrases_regex(["many hope", "critics say", "a media report said", "with inputs from"]), 0),
]


def _same(a: re.Pattern, b: re.Pattern, text: str) -> None:
    assert (a.pattern, a.flags, a.groups, dict(a.groupindex)) == (b.pattern, b.flags, b.groups, dict(b.groupindex))
    assert [m.groups() + (m.span(),) for m in a.finditer(text)] == [m.groups() + (m.span(),) for m in b.finditer(text)]


def test_kept_code_gives_the_same_pattern_without_parsing(fresh_pattern_store, monkeypatch):
    store, restart = fresh_pattern_store
    source = registry.default_registry().matcher().pattern   # the biggest pattern newslint compiles
    patterns = PATTERNS + [(source, 0)]
    for pattern, flags in patterns:
        _same(compiled_regex.compile(pattern, flags), re.compile(pattern, flags), SEED)
    compiled_regex.save()
    assert set(json.loads(unseal(store.read_bytes()))["patterns"]) == {f"{int(f)}:{p}" for p, f in patterns}

    restart()
    def no_parsing(*args):
        raise AssertionError("a kept pattern was parsed again")
    monkeypatch.setattr(compiled_regex._parser, "parse", no_parsing)
    for pattern, flags in patterns:
        _same(compiled_regex.compile(pattern, flags), re.compile(pattern, flags), SEED)
    assert not compiled_regex._state["learned"]


def test_a_pattern_that_does_not_compile_raises_as_re_does(fresh_pattern_store):
    with pytest.raises(re.error):
        compiled_regex.compile(r"(unclosed")


@pytest.mark.parametrize("damage", ["not json", '{"engine": "x", "patterns": {}}', "[1, 2]"])
def test_a_damaged_or_foreign_store_only_costs_time(fresh_pattern_store, damage):
    store, _ = fresh_pattern_store
    store.write_text(damage)
    for pattern, flags in PATTERNS:
        _same(compiled_regex.compile(pattern, flags), re.compile(pattern, flags), SEED)


def test_code_the_engine_rejects_is_compiled_afresh(fresh_pattern_store):
    store, _ = fresh_pattern_store
    pattern, flags = PATTERNS[0]
    broken = base64.b64encode(array("I", [1, 2, 3]).tobytes()).decode()
    store.write_bytes(seal(json.dumps({"engine": compiled_regex._ENGINE, "built": {},
                                       "patterns": {f"{flags}:{pattern}": [32, broken, 2, {}, [None, None, None]]}}
                                      ).encode()))
    _same(compiled_regex.compile(pattern, flags), re.compile(pattern, flags), SEED)


def test_nothing_is_written_under_pythondontwritebytecode(fresh_pattern_store, monkeypatch):
    store, _ = fresh_pattern_store
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    compiled_regex.compile(*PATTERNS[0])
    compiled_regex.save()
    assert not store.exists()


def test_the_store_sits_beside_the_bytecode(monkeypatch, tmp_path):
    assert Path(compiled_regex.store_path()).parent.name == "__pycache__"
    assert Path(compiled_regex.store_path()).name == f"compiled_regex.{sys.implementation.cache_tag}.json"
    monkeypatch.setattr(sys, "pycache_prefix", str(tmp_path))
    assert Path(compiled_regex.store_path()).is_relative_to(tmp_path)


def test_a_built_pattern_is_kept_by_its_parts_and_the_code_that_builds_it(fresh_pattern_store, tmp_path, monkeypatch):
    store, restart = fresh_pattern_store
    names = sorted(s.name for s in registry.default_registry())
    module = tmp_path / "builder_mod.py"
    module.write_text("MADE = []\ndef build(parts):\n    MADE.append(1)\n    return '|'.join(parts)\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    import importlib

    import builder_mod

    first = compiled_regex.built(builder_mod.build, names)
    compiled_regex.save()
    restart()
    assert compiled_regex.built(builder_mod.build, names) == first and builder_mod.MADE == [1]   # kept
    compiled_regex.built(builder_mod.build, names[1:])
    assert builder_mod.MADE == [1, 1]                                    # other parts: built again
    compiled_regex.save()
    restart()
    module.write_text(module.read_text() + "# edited\n")                # newslint edited or upgraded
    builder_mod = importlib.reload(builder_mod)
    compiled_regex.built(builder_mod.build, names)
    assert builder_mod.MADE == [1]                                       # (reloaded) built afresh
    assert compiled_regex.compile(b"x+") == re.compile(b"x+")             # bytes: as re does


def test_a_killed_writers_temporary_file_is_cleared_by_a_later_save(fresh_pattern_store):
    import os
    import time

    store, _ = fresh_pattern_store
    old, writing = store.parent / ".tmp-killed", store.parent / ".tmp-writing"
    old.write_text("")
    writing.write_text("")
    two_hours_ago = time.time() - 2 * 3600
    os.utime(old, (two_hours_ago, two_hours_ago))
    compiled_regex.compile(*PATTERNS[0])
    compiled_regex.save()
    assert store.exists() and not old.exists() and writing.exists()
