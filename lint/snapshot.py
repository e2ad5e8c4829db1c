"""The built-in packs and source registry, parsed ahead of time.

Importing PyYAML and parsing the built-in YAML was ~35 ms of every run, a
fifth of linting one file in a pre-commit hook. So newslint ships what those
files parse to (lint/builtin_snapshot.json, written by
scripts/gen_snapshot.py; a test fails while it is stale); for the source
registry, its entries as validated, a row of Source fields each. A file is read from
the snapshot only when its bytes still hash to what was parsed: an edited pack
in a checkout is parsed from its YAML as usual, and packs a newsroom adds
never touch the snapshot. The YAML stays the one source of truth.
"""
from __future__ import annotations

import json
import os
from functools import lru_cache

from .hashing import hex_digest

SNAPSHOT = os.path.join(os.path.dirname(__file__), "builtin_snapshot.json")


def digest(data: bytes) -> str:
    return hex_digest(data)


@lru_cache(maxsize=1)
def _lines() -> dict[str, str]:
    """file name -> its line of the snapshot, unparsed (each read parses its own, fresh)."""
    try:
        with open(SNAPSHOT, encoding="utf-8") as handle:
            text = handle.read()
    except OSError:
        return {}  # no snapshot: parse the YAML
    out = {}
    for line in text.splitlines():
        # Lines look like {"file": "NAME", ...}; the name is read without parsing the rest.
        if line.startswith('{"file": "'):
            out[line[10:line.find('"', 10)]] = line
    return out


def parsed(path: str, data: bytes):
    """What the built-in file `path` (with bytes `data`) parses to, or None to parse it."""
    from .rulepack import builtin_rules_dir

    line = _lines().get(os.path.basename(path))
    if line is None:
        return None
    folder = os.path.dirname(path)   # as the packs are listed; a link or a relative path is resolved
    if folder != builtin_rules_dir() and os.path.dirname(os.path.realpath(path)) != builtin_rules_dir():
        return None
    try:
        entry = json.loads(line)
    except ValueError:
        return None  # a damaged snapshot only costs time
    if not isinstance(entry, dict) or entry.get("digest") != digest(data):
        return None
    return entry.get("data")


def snapshot_lines(parsed_files: dict[str, tuple[bytes, object]]) -> str:
    """The snapshot's text for {file name: (bytes, what they parse to)}: a file a line."""
    lines = [json.dumps({"file": name, "digest": digest(raw), "data": value}, ensure_ascii=False)
             for name, (raw, value) in sorted(parsed_files.items())]
    return "\n".join(lines) + "\n"
