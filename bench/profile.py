#!/usr/bin/env python3
"""Where newslint's time goes: CPU seconds per stage on one core, over a folder of articles.

    python bench/profile.py [DIR]        # default: ../shared/corpus/bbc beside the repo

Not a test and not the benchmark (bench/bench.py compares with the peers): it
lints every file in one process, with the default packs, and charges the CPU
time (process_time, so other processes on the machine do not count) to
reading, each rule kind, the story features, and reading the files together.
"""
from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from lint import corpus, matcher, reader, runner  # noqa: E402
from lint.corpus import checks  # noqa: E402
from lint.config import Settings  # noqa: E402
from lint.rulepack import builtin_rules_dir, load_packs  # noqa: E402

SPENT: Counter = Counter()


def charged(stage: str, function):
    def timed(*args, **kwargs):
        start = time.process_time()
        out = function(*args, **kwargs)
        if hasattr(out, "__next__"):  # kinds yield: the work happens while iterating
            out = list(out)
        SPENT[stage] += time.process_time() - start
        return out

    return timed


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared" / "corpus" / "bbc"
    files = sorted(str(p) for p in folder.glob("*.txt"))
    if not files:
        sys.exit(f"no *.txt files in {folder}")
    matcher.remember_shipped()
    start = time.process_time()
    linter = runner.Linter(load_packs([builtin_rules_dir()]), Settings(), corpus=True)
    SPENT["load packs"] = time.process_time() - start
    for rule in linter.rules:
        rule.kind.find = charged(f"kind {rule.kind.name}", rule.kind.find)
        rule.kind.markers = charged(f"kind {rule.kind.name}", rule.kind.markers)
    reader.parse = charged("read and segment", reader.parse)
    corpus.extract = charged("story features (extract)", corpus.extract)
    checks.group_stories = charged("group stories", checks.group_stories)
    start = time.process_time()
    results = [linter.lint_path(path) for path in files]
    linted = time.process_time() - start
    start = time.process_time()
    runner.read_together(linter, results)
    together = time.process_time() - start
    SPENT["checks within groups"] = together - SPENT["group stories"]
    print(f"{len(files):,} files from {folder}: {linted:.2f} s linting, {together:.2f} s reading them together"
          " (CPU seconds, one process)")
    # Lazy document properties (sentences, words) are charged to the first stage that asks.
    for stage, seconds in SPENT.most_common():
        print(f"  {seconds:6.2f} s  {stage}")


if __name__ == "__main__":
    main()
