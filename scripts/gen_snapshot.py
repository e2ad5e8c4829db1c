"""Write lint/builtin_snapshot.json: what the built-in packs parse to, and the registry's validated entries.

Run after editing anything in rules/: `python scripts/gen_snapshot.py`. A stale
entry is never used (each is keyed by its file's bytes), it only costs time;
tests/test_docs.py fails until the snapshot is fresh.
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lint import registry, rulepack, snapshot  # noqa: E402


def render() -> str:
    """The snapshot as it should be, parsed from the YAML (never from the snapshot)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # as lint.rulepack parses a pack
    rules = Path(rulepack.builtin_rules_dir())
    files: dict = {}
    for path in map(Path, rulepack.pack_files(rules)):
        if path.is_file():
            raw = path.read_bytes()
            files[path.name] = (raw, yaml.load(raw.decode("utf-8"), Loader=loader))
    sources = rules / "sources.yaml"
    raw = sources.read_bytes()
    # The registry's entries as validated, one row of Source fields each.
    data, lines = registry._parse(raw.decode("utf-8"))
    files[sources.name] = (raw, [list(src) for src in registry._build(data, lines, str(sources)).sources])
    return snapshot.snapshot_lines(files)


def main() -> None:
    Path(snapshot.SNAPSHOT).write_text(render(), encoding="utf-8")
    print(f"wrote {snapshot.SNAPSHOT}")


if __name__ == "__main__":
    main()
