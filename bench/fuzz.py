"""The long fuzzing run: >= 100,000 hostile articles through newslint, with the figures.

    python bench/fuzz.py                    # 100,000 documents, seed 1
    python bench/fuzz.py --docs 5000 --seed 7 --save tests/data/fuzz

Prints documents per second, the crashes and overruns, and the slowest
document's time per KB. The target is 0 crashes and 0 documents over 1 s per
100 KB (`--limit`). With `--save`, each problem is shrunk to the few lines that
still show it (tests/fuzz/harness.py `shrink`) and saved there as a regression
case; tests/test_fuzz.py replays every saved case.
"""
from __future__ import annotations

import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tests"))

from fuzz import harness, mutate  # noqa: E402 - after the path is set


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--long", type=int, default=10_000, help="longest token or run a mutation makes")
    parser.add_argument("--limit", type=float, default=1.0, help="seconds allowed per 100 KB")
    parser.add_argument("--save", help="folder to save shrunk problem cases in")
    args = parser.parse_args()
    done, crashes, overruns, worst, worst_name, seconds, size = 0, [], [], 0.0, "", 0.0, 0
    # In slices, so a run of 100,000 never holds them all; each slice has its own seed.
    for part in range(0, args.docs, 1000):
        docs = mutate.documents(args.seed * 1_000_003 + part, min(1000, args.docs - part), long=args.long)
        report = harness.run(docs, args.limit)
        done += len(docs)
        seconds += report.seconds
        size += sum(len(d.data) for d in docs)
        per_kb, name = report.slowest_per_kb()
        if per_kb > worst:
            worst, worst_name = per_kb, name
        for outcome, failing in report.failed:
            (overruns if outcome.problem.startswith("over the limit") else crashes).append(outcome)
            print(f"  {outcome.name}: {outcome.problem}", flush=True)
            if args.save:
                if len(failing) == 1:
                    failing = [harness.shrink(failing[0], args.limit)]
                harness.save(failing, outcome, args.save)
        print(f"{done} documents, {done / seconds:.0f}/s, {len(crashes)} crashes, {len(overruns)} overruns", flush=True)
    print(f"documents: {done} ({size / 1e6:.0f} MB) in {seconds:.0f} s, {done / seconds:.0f} per second")
    print(f"crashes: {len(crashes)}, over {args.limit} s per 100 KB: {len(overruns)}")
    print(f"slowest: {worst * 1000:.1f} ms per KB ({worst_name})")
    return 1 if crashes or overruns else 0


if __name__ == "__main__":
    sys.exit(main())
