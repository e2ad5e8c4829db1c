#!/usr/bin/env python3
"""This checkout against another one (a base), run in turns: CPU seconds, medians, ratios.

    git worktree add ../wt-base main          # the commit to compare with, beside this one
    python bench/compare.py --base ../wt-base [--runs 5] [--cases full,flags,one,hook,jobs]

Not a test. On a machine shared with other work the wall time says little and
even CPU seconds drift by tens of percent over an hour, so every case runs base,
this checkout, base, this checkout ... in the same minutes, and the figure is the
median of each side's CPU seconds (user + system of the process and its workers,
from os.wait4). Each side runs with its own interpreter (DIR/.venv/bin/python
when there is one, else this one with PYTHONPATH=DIR) and its own pattern store
(PYTHONPYCACHEPREFIX under --pycache), warmed by one untimed run, as a user's
installed copy would be.

Cases (BBC = ../shared/corpus/bbc and seeds/, as bench.py runs them):
  full   the default analysis: BBC + seeds, --no-cache
  flags  the per-file flags alone: --no-corpus --ignore readability,sourcing
  one    one file (seeds/000...), default flags, beside `python -c pass`
  hook   one file with the pre-commit hook's args, beside `python -c pass`
  jobs   this checkout only: --jobs 1 against --jobs 2 (wall and CPU)
  big    1 MB of the seeds' prose (as it is, and on one line) and --shapes (CPU s each)
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "bbc"
ONE = REPO / "seeds" / "000_ad989706a9c6ca24.txt"


def interpreter(tree: Path) -> tuple[str, dict]:
    venv = tree / ".venv" / "bin" / "python"
    if venv.exists():
        return str(venv), {}
    return sys.executable, {"PYTHONPATH": str(tree)}


def hook_args() -> list[str]:
    for line in (REPO / ".pre-commit-hooks.yaml").read_text().splitlines():
        if line.strip().startswith("args:"):
            return [a.strip() for a in line.split("[", 1)[1].rsplit("]", 1)[0].split(",") if a.strip()]
    return []


def run(argv: list[str], env: dict, cwd: str) -> tuple[float, float]:
    """(CPU seconds of the process and its children, wall seconds)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(argv)} exited {proc.returncode}: {err[-500:]}")
    return usage.ru_utime + usage.ru_stime, wall


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", type=Path, required=True, help="the checkout to compare with")
    ap.add_argument("--runs", type=int, default=5, help="runs of each side for the whole-corpus cases")
    ap.add_argument("--quick-runs", type=int, default=15, help="runs of each side for the one-file cases")
    ap.add_argument("--cases", default="full,flags,one,hook,jobs")
    ap.add_argument("--shapes", default="", help="for `big`: shapes of tests/test_linear_time.py, comma-separated")
    ap.add_argument("--pycache", type=Path, default=Path(tempfile.gettempdir()) / "newslint-compare")
    args = ap.parse_args(argv)
    cases = args.cases.split(",")
    sides = {"base": args.base.resolve(), "this": REPO}
    envs, pythons = {}, {}
    for name, tree in sides.items():
        python, extra = interpreter(tree)
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH")}
        env.update(extra, PYTHONPYCACHEPREFIX=str(args.pycache / name), PYTHONHASHSEED="0")
        envs[name], pythons[name] = env, python
    cwd = tempfile.mkdtemp(prefix="newslint-compare-")
    seeds = str(REPO / "seeds")
    whole = [str(CORPUS), seeds, "--format", "json", "--no-cache", "--exit-zero"]
    commands = {
        "full": whole,
        "flags": whole + ["--no-corpus", "--ignore", "readability,sourcing"],
        "one": [str(ONE), "--format", "json", "--no-cache"],
        "hook": [str(ONE), "--no-cache"] + hook_args(),
    }
    print(f"base {sides['base']}  this {REPO}  (CPU seconds, medians; other load: {os.getloadavg()[0]:.2f})")
    for case in cases:
        if case in commands:
            runs = args.quick_runs if case in ("one", "hook") else args.runs
            cpu: dict[str, list[float]] = {"base": [], "this": [], "python": []}
            for name in sides:  # warm each side's pattern store and bytecode
                run([pythons[name], "-m", "lint", *commands[case]], envs[name], cwd)
            for _ in range(runs):
                for name in sides:
                    cpu[name].append(run([pythons[name], "-m", "lint", *commands[case]], envs[name], cwd)[0])
                if case in ("one", "hook"):
                    cpu["python"].append(run([pythons["this"], "-c", "pass"], envs["this"], cwd)[0])
            b, t = statistics.median(cpu["base"]), statistics.median(cpu["this"])
            line = f"{case:6} base {b:8.3f}  this {t:8.3f}  this/base {t / b:5.2f}"
            if cpu["python"]:
                p = statistics.median(cpu["python"])
                line += f"  python -c pass {p:.4f}  base/python {b / p:4.1f}x  this/python {t / p:4.1f}x"
            print(line + f"  (n={runs}; this {min(cpu['this']):.3f}-{max(cpu['this']):.3f})", flush=True)
        elif case == "jobs":
            times: dict[str, list[tuple[float, float]]] = {"1": [], "2": []}
            for _ in range(args.runs):
                for jobs in times:
                    times[jobs].append(run([pythons["this"], "-m", "lint", *whole, "--jobs", jobs], envs["this"], cwd))
            w1 = statistics.median(w for _, w in times["1"])
            w2 = statistics.median(w for _, w in times["2"])
            c1 = statistics.median(c for c, _ in times["1"])
            c2 = statistics.median(c for c, _ in times["2"])
            print(f"jobs   --jobs 1 wall {w1:.2f} s CPU {c1:.2f} s; --jobs 2 wall {w2:.2f} s CPU {c2:.2f} s;"
                  f" speed-up {w1 / w2:.2f}x (load {os.getloadavg()[0]:.2f}: other work shares the cores)", flush=True)
        elif case == "big":
            # 1 MB of the seeds' prose as it is, on one line, and the hostile shapes, in one process each.
            code = ("import sys, time; sys.path.insert(0, 'tests'); import test_linear_time as t;"
                    "from lint.api import lint_text; shapes = sys.argv[1].split(',');"
                    "texts = {'prose': t._article_text(1_000_000), 'prose, one line': ' '.join(t._article_text(1_000_000).split())};"
                    "texts.update((s, t._shape(s, 1_000_000)) for s in shapes if s in t.SHAPES);"
                    "lint_text('Warm up.');"
                    "[print(f'{name}: {(s := time.process_time(), lint_text(text), time.process_time() - s)[2]:.2f}', flush=True)"
                    " for name, text in texts.items()]")
            for name in sides:
                out = subprocess.run([pythons[name], "-c", code, args.shapes], env=envs[name], cwd=str(sides[name]),
                                     capture_output=True, text=True)
                print(f"big    {name}, CPU s for 1 MB: " + "; ".join(out.stdout.split("\n")).strip("; ")
                      + (out.stderr[-300:] if out.returncode else ""), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
