#!/usr/bin/env python3
"""Benchmark newslint against proselint and write-good on the BBC corpus.

This is a benchmark script, not a test: run it by hand,

    python bench/bench.py [--runs N] [--peer-runs N] [--no-peers]
                          [--quick-runs N] [--corpus DIR] [--newslint CMD] [--json FILE]

It times, in one run and on the same files (the 2,225 BBC articles in
../shared/corpus/bbc plus the repo's seeds/*.txt):

  1. `python -c pass` (the interpreter start-up floor);
  2. newslint cold on the whole corpus (result cache removed before each run);
  3. newslint warm (same files again, cache present);
  4. newslint cold on one seed file, as the CLI's defaults run it and as the
     pre-commit hook runs it (its args from .pre-commit-hooks.yaml);
  5. newslint --jobs 1 cold on the whole corpus (its runs alternate with 2.'s);
  6. proselint and write-good on the whole corpus (installed into
     ~/.cache/newslint-bench if missing; skipped with a note if that fails).

The runs of 2., 5. and 6. take turns (cold, --jobs 1, proselint, write-good,
cold, ...): on a shared machine the speed drifts over minutes, and turns make
the drift hit every figure of a ratio alike. So do 1. and 4., with more runs
each (--quick-runs): they take a tenth of a second, where one slow run is
enough to move a median of three.

Each figure is the median of N runs. Peak memory comes from os.wait4 (the
largest single process of the tree, Linux counts waited-for descendants) and
from sampling /proc for the sum over the whole process tree. See
bench/README.md for what each figure means and the targets.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bbc"
SEEDS_DIR = REPO / "seeds"
ONE_FILE = "000_ad989706a9c6ca24.txt"
CACHE_DIRNAME = ".newslint_cache"
DEFAULT_PEER_DIR = Path.home() / ".cache" / "newslint-bench"

# Pinned so that runs stay comparable; an already-installed copy of another
# version is used as it is (its version is printed).
PROSELINT_SPEC = "proselint==0.16.0"
WRITE_GOOD_SPEC = "write-good@1.0.8"

# Targets (see README.md).
TARGET_VS_PROSELINT = 80.0  # peer time / newslint cold >= this
TARGET_VS_WRITE_GOOD = 25.0
TARGET_WARM_OVER_COLD = 0.2  # warm <= 1/5 of cold
TARGET_ONE_OVER_PYTHON = 6.0  # one file <= 6x python start-up
TARGET_PEAK_RSS_MB = 200.0
TARGET_PARALLEL_SPEEDUP = 1.3  # --jobs 1 time / default time >= this

RSS_SAMPLE_INTERVAL = 0.02  # seconds between /proc samples of the process tree


def log(msg: str) -> None:
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------
# running and measuring one command


class TreeRssSampler(threading.Thread):
    """Samples the summed RSS of a process and all its descendants via /proc.

    Only pids >= the root pid are considered (pids are handed out in
    increasing order, so descendants normally have larger ones); after a pid
    wrap-around a descendant could be missed, which only under-estimates.
    Sampling every RSS_SAMPLE_INTERVAL can also miss a short peak.
    """

    def __init__(self, root: int, interval: float = RSS_SAMPLE_INTERVAL):
        super().__init__(daemon=True)
        self.root = root
        self.interval = interval
        self.peak_kb = 0
        self._stop_event = threading.Event()
        self._page_kb = os.sysconf("SC_PAGE_SIZE") // 1024

    def run(self) -> None:
        self.sample()
        while not self._stop_event.wait(self.interval):
            self.sample()

    def stop(self) -> None:
        self._stop_event.set()
        self.join()

    def sample(self) -> None:
        try:
            names = os.listdir("/proc")
        except OSError:
            return
        parent: dict[int, int] = {}
        for name in names:
            if not name.isdigit():
                continue
            pid = int(name)
            if pid < self.root:
                continue
            try:
                with open(f"/proc/{pid}/stat", "rb") as f:
                    stat = f.read()
            except OSError:
                continue
            fields = stat[stat.rfind(b")") + 2 :].split()
            parent[pid] = int(fields[1])
        tree = {self.root}
        changed = True
        while changed:
            changed = False
            for pid, ppid in parent.items():
                if ppid in tree and pid not in tree:
                    tree.add(pid)
                    changed = True
        total = 0
        for pid in tree:
            try:
                with open(f"/proc/{pid}/statm", "rb") as f:
                    total += int(f.read().split()[1]) * self._page_kb
            except (OSError, IndexError, ValueError):
                continue
        self.peak_kb = max(self.peak_kb, total)


def background_load(seconds: float = 1.0) -> float | None:
    """Cores kept busy by other processes while this script sleeps."""
    b0 = machine_busy_seconds()
    time.sleep(seconds)
    b1 = machine_busy_seconds()
    return None if b0 is None or b1 is None else max(0.0, (b1 - b0) / seconds)


def machine_busy_seconds() -> float | None:
    """CPU seconds all cores of the machine have been busy since boot (/proc/stat)."""
    try:
        with open("/proc/stat") as f:
            fields = f.readline().split()
    except OSError:
        return None
    # cpu user nice system idle iowait irq softirq steal ...
    busy = sum(int(x) for x in fields[1:4]) + sum(int(x) for x in fields[6:9])
    return busy / os.sysconf("SC_CLK_TCK")


@dataclass
class RunResult:
    wall: float
    cpu: float
    maxrss_kb: int  # largest single process (wait4 rusage, incl. descendants)
    tree_kb: int  # sampled sum over the process tree
    returncodes: list[int]
    other_busy: float | None = None  # CPU seconds used meanwhile by unrelated processes
    findings: int | None = None  # counted from this run's output, where a counter is given

    @property
    def other_cores(self) -> float | None:
        # /proc/stat ticks every 10 ms: meaningless for a very short run
        if self.other_busy is None or self.wall < 0.25:
            return None
        return self.other_busy / self.wall


def run_command(argvs: list[list[str]], cwd: Path, stdout_path: Path,
                stderr_path: Path, timeout: float | None = None,
                env: dict[str, str] | None = None) -> RunResult:
    """Runs the argv lists one after another (chunks of one logical command),
    stdout appended to stdout_path, and returns summed wall/CPU time, the
    largest max RSS and the largest sampled tree RSS, and how many cores
    other processes of the machine kept busy meanwhile (interference)."""
    wall = cpu = 0.0
    maxrss = tree = 0
    rcs: list[int] = []
    busy0 = machine_busy_seconds()
    self0 = resource.getrusage(resource.RUSAGE_SELF)
    with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
        for argv in argvs:
            t0 = time.perf_counter()
            proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL,
                                    stdout=out, stderr=err, env=env)
            sampler = TreeRssSampler(proc.pid)
            sampler.start()
            timer = None
            if timeout is not None:
                timer = threading.Timer(timeout, proc.kill)
                timer.daemon = True
                timer.start()
            _, status, ru = os.wait4(proc.pid, 0)
            elapsed = time.perf_counter() - t0
            if timer is not None:
                timer.cancel()
            sampler.stop()
            proc.returncode = os.waitstatus_to_exitcode(status)
            wall += elapsed
            cpu += ru.ru_utime + ru.ru_stime
            maxrss = max(maxrss, ru.ru_maxrss)
            tree = max(tree, sampler.peak_kb)
            rcs.append(proc.returncode)
    other = None
    busy1 = machine_busy_seconds()
    if busy0 is not None and busy1 is not None and wall > 0:
        self1 = resource.getrusage(resource.RUSAGE_SELF)
        own = (self1.ru_utime - self0.ru_utime) + (self1.ru_stime - self0.ru_stime)
        other = max(0.0, busy1 - busy0 - cpu - own)
    return RunResult(wall, cpu, maxrss, tree, rcs, other)


def chunk_argv(prefix: list[str], paths: list[str], suffix: list[str]) -> list[list[str]]:
    """Splits paths into as few argv lists as the kernel's ARG_MAX allows."""
    try:
        arg_max = os.sysconf("SC_ARG_MAX")
    except (ValueError, OSError):
        arg_max = 131072
    env_size = sum(len(k) + len(v) + 2 + 8 for k, v in os.environ.items())
    budget = max(16384, min(arg_max, 2 * 1024 * 1024) - env_size - 65536)

    def cost(arg: str) -> int:
        return len(os.fsencode(arg)) + 1 + 8  # bytes + NUL + pointer

    fixed = sum(cost(a) for a in prefix + suffix)
    chunks: list[list[str]] = []
    current: list[str] = []
    used = fixed
    for p in paths:
        c = cost(p)
        if current and used + c > budget:
            chunks.append(prefix + current + suffix)
            current, used = [], fixed
        current.append(p)
        used += c
    if current or not chunks:
        chunks.append(prefix + current + suffix)
    return chunks


@dataclass
class Measurement:
    key: str
    label: str
    command: str
    runs: list[RunResult] = field(default_factory=list)
    error: str | None = None
    findings: int | None = None
    note: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.runs)

    def median(self, attr: str) -> float:
        return statistics.median(getattr(r, attr) for r in self.runs)

    @property
    def other_cores(self) -> float | None:
        """Cores kept busy by unrelated processes over all runs together (None
        when the runs are too short for /proc/stat's 10 ms ticks)."""
        vals = [r for r in self.runs if r.other_busy is not None]
        wall = sum(r.wall for r in vals)
        if not vals or wall < 0.25:
            return None
        return sum(r.other_busy for r in vals) / wall

    @property
    def wall(self) -> float:
        return self.median("wall")

    @property
    def peak_largest_mb(self) -> float:
        return max(r.maxrss_kb for r in self.runs) / 1024

    @property
    def peak_tree_mb(self) -> float:
        # the sampler can miss a peak that wait4 saw; never report less
        return max(max(r.tree_kb, r.maxrss_kb) for r in self.runs) / 1024

    def as_json(self) -> dict:
        d: dict = {"label": self.label, "command": self.command, "ok": self.ok}
        if self.error:
            d["error"] = self.error
        if self.note:
            d["note"] = self.note
        if self.runs:
            walls = [r.wall for r in self.runs]
            d.update(
                runs=len(self.runs),
                wall_s=walls,
                median_s=self.wall,
                min_s=min(walls),
                max_s=max(walls),
                cpu_s=self.median("cpu"),
                cores_busy=self.median("cpu") / self.wall if self.wall else None,
                other_processes_cores=self.other_cores,
                peak_rss_largest_process_mb=round(self.peak_largest_mb, 1),
                peak_rss_process_tree_mb=round(self.peak_tree_mb, 1),
                returncodes=[r.returncodes for r in self.runs],
            )
        if self.findings is not None:
            d["findings"] = self.findings
        return d


def hook_args() -> list[str]:
    """The args .pre-commit-hooks.yaml gives newslint: the one-file case as pre-commit runs it."""
    try:
        import yaml

        hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
        return [str(a) for a in hooks[0].get("args", [])]
    except Exception as err:  # the figure is still useful without them; say so
        log(f"cannot read the hook's args from .pre-commit-hooks.yaml ({err}); timing without them")
        return []


def measure(m: Measurement, argvs: list[list[str]], runs: int, cwd: Path,
            out_path: Path, ok_codes: set[int], before=None,
            timeout: float | None = None, env: dict[str, str] | None = None,
            count=None, of: int | None = None) -> Measurement:
    """Run `runs` more times, adding to m.runs (`of`: the total planned, for the log)."""
    for _ in range(runs):
        i = len(m.runs)
        runs_label = of or runs
        if before:
            before()
        err_path = out_path.with_suffix(".stderr")
        try:
            r = run_command(argvs, cwd, out_path, err_path, timeout=timeout, env=env)
        except OSError as e:
            m.error = f"could not start {argvs[0][0]}: {e}"
            log(f"{m.label}: FAILED ({m.error})")
            return m
        bad = [rc for rc in r.returncodes if rc not in ok_codes]
        if bad:
            tail = err_path.read_text(errors="replace").strip()[-1500:]
            what = f"killed by signal {-bad[0]}" if bad[0] < 0 else f"exit status {bad[0]}"
            last = tail.splitlines()[-1].strip() if tail else "(no stderr)"
            m.error = f"{what}: {last}"
            log(f"{m.label}: FAILED ({m.error.splitlines()[0]})")
            if tail:
                for line in tail.splitlines()[-10:]:
                    log(f"    {line}")
            return m
        if count is not None:
            r.findings = count(out_path)
            m.findings = r.findings
        m.runs.append(r)
        busy = "" if r.other_cores is None else f", other processes {r.other_cores:.2f} cores"
        if r.findings is not None:
            busy += f", {r.findings:,} findings"
        log(f"{m.label} {i + 1}/{runs_label}: {r.wall:.3f} s, CPU {r.cpu:.2f} s, "
            f"peak RSS {r.maxrss_kb / 1024:.0f} MB (tree {max(r.tree_kb, r.maxrss_kb) / 1024:.0f} MB){busy}")
    return m


# --------------------------------------------------------------------------
# peers


@dataclass
class Peer:
    name: str
    version: str
    prefix: list[str]
    suffix: list[str]
    ok_codes: set[int]
    count: callable  # (stdout_path) -> int | None
    note: str = ""


def count_proselint(path: Path) -> int | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8", errors="replace"))
    except (OSError, ValueError):
        return None
    result = data.get("result") if isinstance(data, dict) else None
    if not isinstance(result, dict):
        return None
    return sum(len(v.get("diagnostics") or []) for v in result.values() if isinstance(v, dict))


def count_lines(path: Path) -> int | None:
    try:
        with open(path, "rb") as f:
            return sum(1 for line in f if line.strip())
    except OSError:
        return None


def setup_proselint(peer_dir: Path) -> Peer | str:
    venv = peer_dir / "proselint-venv"
    exe = venv / "bin" / "proselint"
    py = venv / "bin" / "python"
    if not exe.exists():
        log(f"installing {PROSELINT_SPEC} into {venv} ...")
        try:
            peer_dir.mkdir(parents=True, exist_ok=True)
            r = subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)],
                               capture_output=True, text=True, timeout=300)
            if r.returncode != 0:
                return f"python -m venv failed: {(r.stderr or r.stdout).strip()[-300:]}"
            r = subprocess.run([str(py), "-m", "pip", "install", "-q",
                                "--disable-pip-version-check", PROSELINT_SPEC],
                               capture_output=True, text=True, timeout=900)
            if r.returncode != 0 or not exe.exists():
                return f"pip install {PROSELINT_SPEC} failed: {(r.stderr or r.stdout).strip()[-300:]}"
        except (OSError, subprocess.SubprocessError) as e:
            return f"could not install proselint: {e}"
    try:
        version = subprocess.run(
            [str(py), "-c", "import importlib.metadata as m; print(m.version('proselint'))"],
            capture_output=True, text=True, timeout=60).stdout.strip() or "?"
        helptext = subprocess.run([str(exe), "--help"], capture_output=True, text=True,
                                  timeout=60).stdout
    except (OSError, subprocess.SubprocessError) as e:
        return f"proselint does not run: {e}"
    if "check" in helptext:
        # 0.16+: `proselint check PATHS...`; exit 0 clean, 1 findings, 2+ errors
        return Peer("proselint", version, [str(exe), "check", "--output-format", "json"], [],
                    {0, 1}, count_proselint)
    # older releases: `proselint [--json] PATHS...`
    return Peer("proselint", version, [str(exe), "--json"], [], {0, 1}, lambda p: None,
                note="legacy CLI; findings not counted")


def setup_write_good(peer_dir: Path) -> Peer | str:
    node = shutil.which("node")
    npm = shutil.which("npm")
    prefix = peer_dir / "npm"
    pkg = prefix / "node_modules" / "write-good"
    script = pkg / "bin" / "write-good.js"
    if node is None:
        return "node not found on PATH"
    if not script.exists():
        if npm is None:
            return "npm not found on PATH"
        log(f"installing {WRITE_GOOD_SPEC} into {prefix} ...")
        try:
            prefix.mkdir(parents=True, exist_ok=True)
            r = subprocess.run([npm, "install", "--prefix", str(prefix), "--no-audit",
                                "--no-fund", "--loglevel=error", WRITE_GOOD_SPEC],
                               capture_output=True, text=True, timeout=900)
            if r.returncode != 0 or not script.exists():
                return f"npm install {WRITE_GOOD_SPEC} failed: {(r.stderr or r.stdout).strip()[-300:]}"
        except (OSError, subprocess.SubprocessError) as e:
            return f"could not install write-good: {e}"
    try:
        version = json.loads((pkg / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        version = "?"
    # --parse: one `file:line:col:reason` line per finding. Its exit status is
    # 255 when the *last* file had findings, else 0 (without --parse it is the
    # finding count mod 256), so it says nothing about errors: accept 0 and 255.
    return Peer("write-good", version, [node, str(script), "--parse"], [], {0, 255}, count_lines)


# --------------------------------------------------------------------------
# newslint


def find_newslint(override: str | None) -> list[str] | None:
    if override:
        return shlex.split(override)
    beside = Path(sys.executable).parent / "newslint"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("newslint")
    return [found] if found else None


def load_newslint_json(path: Path) -> list[dict]:
    """A chunked run appends one JSON document per chunk; returns them all."""
    text = path.read_text(encoding="utf-8", errors="replace")
    docs = []
    dec = json.JSONDecoder()
    i = 0
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            break
        doc, i = dec.raw_decode(text, i)
        docs.append(doc)
    return docs


def count_newslint(path: Path) -> int | None:
    try:
        return sum(len(d.get("findings") or []) for d in load_newslint_json(path))
    except (OSError, ValueError, AttributeError):
        return None


def analyse_findings(docs: list[dict], cwd: Path, corpus: Path, seeds: Path,
                     n_bbc: int) -> dict:
    findings = [f for d in docs for f in (d.get("findings") or [])]
    files = [f for d in docs for f in (d.get("files") or [])]
    corpus_r = corpus.resolve()
    seeds_r = seeds.resolve()

    def origin(p) -> str:
        try:
            rp = (cwd / str(p)).resolve()
        except (OSError, RuntimeError):
            return "other"
        if rp.is_relative_to(corpus_r):
            return "bbc"
        if rp.is_relative_to(seeds_r):
            return "seeds"
        return "other"

    by_origin = Counter(origin(f.get("path", "")) for f in findings)
    bbc = [f for f in findings if origin(f.get("path", "")) == "bbc"]
    per100 = (lambda n: 100.0 * n / n_bbc) if n_bbc else (lambda n: float("nan"))
    cat = Counter(str(f.get("category", "?")) for f in bbc)
    sev = Counter(str(f.get("severity", "?")) for f in bbc)
    rules = Counter(" ".join(str(f[k]) for k in ("rule", "name") if f.get(k)) or "?" for f in bbc)
    errors = [e for d in docs for e in (d.get("errors") or [])]
    errors += [f for f in files if isinstance(f, dict) and f.get("error")]

    def version(d: dict):
        tool = d.get("tool")
        if isinstance(tool, dict) and tool.get("version"):
            return tool["version"]
        return d.get("version")

    return {
        "version": next((version(d) for d in docs if version(d)), None),
        "files_reported": len(files),
        "file_errors": len(errors),
        "findings_total": len(findings),
        "findings_by_origin": dict(by_origin),
        "bbc_articles": n_bbc,
        "bbc_findings": len(bbc),
        "bbc_findings_per_100": per100(len(bbc)),
        "bbc_articles_with_findings": len({f.get("path") for f in bbc}),
        "per_100_by_category": {k: per100(v) for k, v in cat.most_common()},
        "per_100_by_severity": {k: per100(v) for k, v in sev.most_common()},
        "top_rules": [{"rule": k, "count": v, "per_100": per100(v)} for k, v in rules.most_common(10)],
    }


# --------------------------------------------------------------------------
# report


def fmt_s(x: float) -> str:
    return f"{x:.3f}" if x < 10 else f"{x:.2f}" if x < 100 else f"{x:.1f}"


def ratio_line(label: str, value: float | None, target: str, passed: bool | None) -> str:
    v = "n/a" if value is None else f"{value:.2f}x" if value < 100 else f"{value:.0f}x"
    verdict = "" if passed is None else ("PASS" if passed else "FAIL")
    return f"  {label:<44} {v:>9}   {target:<20} {verdict}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3, help="runs per whole-corpus newslint figure (median; default 3)")
    ap.add_argument("--quick-runs", type=int, default=15,
                    help="runs of python start-up and of newslint on one file, in turns (median; default 15)")
    ap.add_argument("--peer-runs", type=int, default=3, help="runs per peer; the figure is the median (default 3)")
    ap.add_argument("--no-peers", action="store_true", help="skip proselint and write-good")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                    help=f"folder of *.txt articles (default {DEFAULT_CORPUS})")
    ap.add_argument("--seeds", type=Path, default=SEEDS_DIR, help="folder of seed *.txt (default repo seeds/)")
    ap.add_argument("--newslint", metavar="CMD", help="command to run newslint (default: the console "
                    "script next to sys.executable, else on PATH)")
    ap.add_argument("--peer-dir", type=Path, default=DEFAULT_PEER_DIR,
                    help=f"scratch folder for the peers' installs (default {DEFAULT_PEER_DIR})")
    ap.add_argument("--newslint-timeout", type=float, default=600,
                    help="seconds before a newslint run is killed (default 600)")
    ap.add_argument("--peer-timeout", type=float, default=1800, help="seconds before a peer run is killed")
    ap.add_argument("--keep-env", action="store_true",
                    help="run the commands with the environment as it is (by default "
                    "PYTHONDONTWRITEBYTECODE is dropped and PYTHONPYCACHEPREFIX points to a "
                    "scratch folder, so Python tools start from cached bytecode as on a normal setup)")
    ap.add_argument("--json", type=Path, metavar="FILE", help="also write all figures as JSON to FILE")
    args = ap.parse_args(argv)
    if args.runs < 1 or args.peer_runs < 1 or args.quick_runs < 1:
        ap.error("--runs, --peer-runs and --quick-runs must be >= 1")

    corpus = args.corpus.resolve()
    bbc_files = sorted(str(p) for p in corpus.glob("*.txt"))
    seed_files = sorted(str(p) for p in args.seeds.resolve().glob("*.txt"))
    if not bbc_files:
        print(f"error: no *.txt files in {corpus}", file=sys.stderr)
        return 2
    all_files = bbc_files + seed_files
    total_bytes = sum(os.path.getsize(p) for p in all_files)
    one_file = args.seeds.resolve() / ONE_FILE
    if not one_file.exists():
        one_file = Path(seed_files[0] if seed_files else bbc_files[0])
    log(f"corpus: {len(bbc_files)} BBC + {len(seed_files)} seed files, {total_bytes / 1e6:.2f} MB")

    env = dict(os.environ)
    env_note = "environment as is (--keep-env)"
    if not args.keep_env:
        notes = []
        if env.pop("PYTHONDONTWRITEBYTECODE", None) is not None:
            notes.append("PYTHONDONTWRITEBYTECODE unset")
        if not env.get("PYTHONPYCACHEPREFIX"):
            env["PYTHONPYCACHEPREFIX"] = str(args.peer_dir / "pycache")
            notes.append(f"PYTHONPYCACHEPREFIX={env['PYTHONPYCACHEPREFIX']}")
        env_note = "bytecode cached: " + ", ".join(notes) if notes else "environment as is"
    load_start = background_load()
    if load_start is not None and load_start > 0.25:
        log(f"other processes keep {load_start:.2f} cores busy: timings will be noisy")

    work = Path(tempfile.mkdtemp(prefix="newslint-bench-"))
    nl_cwd = work / "cwd"  # newslint's cwd: its .newslint_cache lives here
    nl_cwd.mkdir()
    cache = nl_cwd / CACHE_DIRNAME

    def drop_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    ms: dict[str, Measurement] = {}
    problems: list[str] = []
    try:
        # 1. interpreter start-up floor
        py = [sys.executable, "-c", "pass"]
        for _ in range(2):  # warm-up (also fills the bytecode cache)
            run_command([py], work, work / "py.out", work / "py.err", env=env)
        ms["python"] = Measurement("python", "python -c pass (start-up floor)", shlex.join(py))
        # (timed in turns with newslint on one file, at the end)
        quick = [(ms["python"], py, work, work / "py.out", {0}, None)]

        # 2. peers: installed and warmed up first, timed in turns with newslint below
        peer_ms: list[tuple[Peer, Measurement]] = []
        peer_jobs: list[tuple[Peer, Measurement, list[list[str]], Path]] = []
        if args.no_peers:
            log("--no-peers: skipping proselint and write-good")
        else:
            for setup in (setup_proselint, setup_write_good):
                peer = setup(args.peer_dir)
                if isinstance(peer, str):
                    name = "proselint" if setup is setup_proselint else "write-good"
                    problems.append(f"{name} skipped: {peer}")
                    log(problems[-1])
                    continue
                chunks = chunk_argv(peer.prefix, all_files, peer.suffix)
                disp = f"{shlex.join(peer.prefix)} <{len(all_files)} files>"
                if len(chunks) > 1:
                    disp += f" (in {len(chunks)} calls)"
                m = Measurement(peer.name, f"{peer.name} {peer.version}, whole corpus", disp,
                                note=peer.note or None)
                out = work / f"{peer.name}.out"
                try:  # untimed warm-up on one file: fills bytecode and file caches
                    run_command([peer.prefix + [str(one_file)] + peer.suffix], work, out,
                                out.with_suffix(".stderr"), timeout=300, env=env)
                except OSError:
                    pass
                ms[peer.name] = m
                peer_ms.append((peer, m))
                peer_jobs.append((peer, m, chunks, out))

        def peers_once() -> None:
            """One more run of each peer still short of --peer-runs."""
            for peer, m, chunks, out in peer_jobs:
                if m.error is None and len(m.runs) < args.peer_runs:
                    measure(m, chunks, 1, work, out, peer.ok_codes, timeout=args.peer_timeout, env=env,
                            of=args.peer_runs)

        # 3-6. newslint
        nl = find_newslint(args.newslint)
        analysis = None
        if nl is None:
            problems.append("newslint not found (not installed? try `pip install -e .` or --newslint CMD); "
                            "newslint figures skipped")
            log(problems[-1])
        else:
            base = nl
            fmt = ["--format", "json"]
            whole = chunk_argv(base, all_files, fmt)
            if len(whole) > 1:
                log(f"argument list too long for one call: newslint runs in {len(whole)} chunks")
            disp = f"{shlex.join(base)} <{len(all_files)} files> --format json"
            nl_ok = {0, 1}
            out = work / "newslint.json"

            log("newslint warm-up run (untimed) ...")
            drop_cache()
            warm_up = measure(Measurement("warmup", "newslint warm-up", disp), whole,
                              1, nl_cwd, out, nl_ok, timeout=args.newslint_timeout, env=env)
            drop_cache()
            if not warm_up.ok:
                problems.append(f"newslint failed: {warm_up.error}")
            else:
                # Cold and --jobs 1 take turns: on a shared machine the speed drifts
                # over minutes, and their ratio is the parallel speed-up.
                j1 = chunk_argv(base, all_files, fmt + ["--jobs", "1"])
                cold = Measurement("cold", "newslint cold, whole corpus", disp)
                jobs1 = Measurement("jobs1", "newslint --jobs 1, whole corpus, cold", disp + " --jobs 1")
                # The peers take their turns in the same rounds: their ratios to cold too.
                for _ in range(args.runs):
                    for m, argvs, path in ((cold, whole, out), (jobs1, j1, work / "newslint-j1.json")):
                        if m.error is None:
                            measure(m, argvs, 1, nl_cwd, path, nl_ok, before=drop_cache,
                                    timeout=args.newslint_timeout, env=env, count=count_newslint, of=args.runs)
                    peers_once()
                ms["cold"], ms["jobs1"] = cold, jobs1
                if cold.ok:
                    try:
                        analysis = analyse_findings(load_newslint_json(out), nl_cwd, corpus,
                                                    args.seeds, len(bbc_files))
                        cold.findings = analysis["findings_total"]
                    except (OSError, ValueError) as e:
                        problems.append(f"newslint --format json output is not valid JSON: {e}")
                    if not cache.exists():
                        problems.append(f"no {CACHE_DIRNAME}/ in newslint's cwd after a cold run: "
                                        "warm figure may not exercise the cache")
                    ms["warm"] = measure(Measurement("warm", "newslint warm (cache present)", disp),
                                         whole, args.runs, nl_cwd, work / "newslint-warm.json", nl_ok,
                                         timeout=args.newslint_timeout, env=env, count=count_newslint)
                one = base + [str(one_file)] + fmt
                ms["one"] = Measurement("one", "newslint one file, cold", shlex.join(one))
                hook = base + hook_args() + [str(one_file)] + fmt
                ms["hook"] = Measurement("hook", "newslint one file, hook's args, cold", shlex.join(hook))
                quick += [(ms["one"], one, nl_cwd, work / "newslint-one.json", nl_ok, drop_cache),
                          (ms["hook"], hook, nl_cwd, work / "newslint-hook.json", nl_ok, drop_cache)]
                for k in ("cold", "warm", "jobs1"):
                    if k in ms and ms[k].error:
                        problems.append(f"{ms[k].label}: {ms[k].error.splitlines()[0]}")
                # the same files must give the same findings, cached, serial or not
                counts = {k: [r.findings for r in ms[k].runs]
                          for k in ("cold", "warm", "jobs1") if k in ms and ms[k].ok}
                if len(set(counts.get("cold", []))) > 1:
                    problems.append(f"cold runs gave different finding counts {counts['cold']}: "
                                    "did the code or rules change during the benchmark?")
                ref = counts.get("cold", [None])[-1]
                for k in ("warm", "jobs1"):
                    if ref is not None and any(c != ref for c in counts.get(k, [])):
                        problems.append(f"{ms[k].label} gave {counts[k]} findings, cold gave {ref}: "
                                        "results should not depend on the cache or on --jobs")
            drop_cache()

        # 7. the peers' runs not yet taken (all of them when newslint did not run)
        for _ in range(args.peer_runs):
            peers_once()
        for peer, m, chunks, out in peer_jobs:
            if m.ok:
                m.findings = peer.count(out)
            else:
                problems.append(f"{peer.name}: {m.error.splitlines()[0] if m.error else 'no runs'}")

        # 8. start-up and one file, in turns
        log(f"python start-up and newslint on one file, {args.quick_runs} runs each, in turns ...")
        for _ in range(args.quick_runs):
            for m, argv, cwd, out, ok_codes, before in quick:
                if m.error is None:
                    measure(m, [argv], 1, cwd, out, ok_codes, before=before,
                            timeout=args.newslint_timeout, env=env, of=args.quick_runs)
        for m, *_ in quick[1:]:
            if m.error:
                problems.append(f"{m.label}: {m.error.splitlines()[0]}")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    # ---------------------------------------------------------------- report
    def get(k: str) -> Measurement | None:
        m = ms.get(k)
        return m if m is not None and m.ok else None

    n_all = len(all_files)
    lines: list[str] = []
    add = lines.append
    add(f"newslint benchmark: {n_all:,} files ({len(bbc_files):,} BBC + {len(seed_files)} seeds), "
        f"{total_bytes / 1e6:.2f} MB")
    add(f"machine: {os.cpu_count()} cores, {platform.system()} {platform.machine()}, "
        f"Python {platform.python_version()} ({sys.executable})")
    load_end = background_load()
    if load_start is not None:
        add(f"background load (cores busy with other processes, 1 s idle probe): "
            f"{load_start:.2f} at start, {load_end:.2f} at end")
    add(env_note)
    if analysis and analysis.get("version"):
        add(f"newslint {analysis['version']}: {shlex.join(find_newslint(args.newslint) or [])}")
    add("")
    hdr = (f"{'measurement':<40}{'runs':>5}{'median s':>10}{'min s':>9}{'max s':>9}"
           f"{'CPU s':>8}{'cores':>7}{'other':>7}{'RSS MB':>8}{'tree MB':>9}{'findings':>10}")
    add(hdr)
    add("-" * len(hdr))
    noisy: list[str] = []
    for k in ("python", "cold", "warm", "one", "hook", "jobs1", "proselint", "write-good"):
        m = ms.get(k)
        if m is None:
            continue
        if not m.ok:
            add(f"{m.label:<40}  FAILED: {m.error.splitlines()[0][:80] if m.error else 'no runs'}")
            continue
        walls = [r.wall for r in m.runs]
        cpu = m.median("cpu")
        other = "" if m.other_cores is None else f"{m.other_cores:.2f}"
        add(f"{m.label:<40}{len(m.runs):>5}{fmt_s(m.wall):>10}{fmt_s(min(walls)):>9}{fmt_s(max(walls)):>9}"
            f"{cpu:>8.2f}{cpu / m.wall if m.wall else 0:>7.2f}{other:>7}{m.peak_largest_mb:>8.0f}"
            f"{m.peak_tree_mb:>9.0f}{'' if m.findings is None else f'{m.findings:,}':>10}")
        if m.other_cores is not None and m.other_cores > 0.25:
            noisy.append(m.label)
    add("  RSS MB = peak RSS of the largest single process (wait4); tree MB = peak of the summed RSS of")
    add(f"  the whole process tree (sampled every {RSS_SAMPLE_INTERVAL * 1000:.0f} ms; shared pages count once per")
    add("  process, so an upper bound); cores = CPU time / wall time (1.00 = one core busy);")
    add("  other = cores kept busy by unrelated processes meanwhile (> 0.25: that figure is disturbed)")
    if "one" in ms:
        add(f"  one file = {one_file}")
    add("")

    ratios: dict[str, float | None] = {}
    checks: dict[str, bool | None] = {}
    cold, warm, one, jobs1, pyf = get("cold"), get("warm"), get("one"), get("jobs1"), get("python")
    add("ratios (medians)")
    for peer_name, target in (("proselint", TARGET_VS_PROSELINT), ("write-good", TARGET_VS_WRITE_GOOD)):
        pm = get(peer_name)
        if pm is None and args.no_peers:
            continue
        r = pm.wall / cold.wall if (pm and cold) else None
        ratios[f"{peer_name}_over_cold"] = r
        checks[f"{peer_name}_over_cold"] = None if r is None else r >= target
        add(ratio_line(f"{peer_name} / newslint cold", r, f"target >= {target:.0f}x", checks[f"{peer_name}_over_cold"]))
    r = warm.wall / cold.wall if (warm and cold) else None
    ratios["warm_over_cold"] = r
    checks["warm_over_cold"] = None if r is None else r <= TARGET_WARM_OVER_COLD
    add(ratio_line("newslint warm / cold", r, f"target <= {TARGET_WARM_OVER_COLD:.2f}x", checks["warm_over_cold"]))
    r = one.wall / pyf.wall if (one and pyf) else None
    ratios["one_over_python"] = r
    checks["one_over_python"] = None if r is None else r <= TARGET_ONE_OVER_PYTHON
    add(ratio_line("newslint one file / python start-up", r, f"target <= {TARGET_ONE_OVER_PYTHON:.0f}x",
                   checks["one_over_python"]))
    hook = get("hook")
    r = hook.wall / pyf.wall if (hook and pyf) else None
    ratios["hook_over_python"] = r
    checks["hook_over_python"] = None if r is None else r <= TARGET_ONE_OVER_PYTHON
    add(ratio_line("newslint one file, hook's args / start-up", r, f"target <= {TARGET_ONE_OVER_PYTHON:.0f}x",
                   checks["hook_over_python"]))
    r = jobs1.wall / cold.wall if (jobs1 and cold) else None
    ratios["jobs1_over_cold"] = r
    checks["parallel_speedup"] = None if r is None else r >= TARGET_PARALLEL_SPEEDUP
    add(ratio_line("newslint --jobs 1 / default (both cores)", r, f"target >= {TARGET_PARALLEL_SPEEDUP:.1f}x",
                   checks["parallel_speedup"]))
    nl_ms = [m for m in (cold, warm, one, jobs1) if m]
    peak = max((m.peak_tree_mb for m in nl_ms), default=None)
    checks["peak_rss"] = None if peak is None else peak < TARGET_PEAK_RSS_MB
    add(f"  {'newslint peak RSS, whole tree, any run':<44} {'n/a' if peak is None else f'{peak:.0f} MB':>9}"
        f"   target < {TARGET_PEAK_RSS_MB:.0f} MB      "
        f"{'' if checks['peak_rss'] is None else ('PASS' if checks['peak_rss'] else 'FAIL')}")
    throughput = total_bytes / 1e6 / cold.wall if cold else None
    if cold:
        add(f"  {'newslint cold throughput':<44} {throughput:>6.2f} MB/s   "
            f"({len(all_files) / cold.wall:,.0f} files/s, {cold.median('cpu') / cold.wall:.2f} cores busy)")
    for peer_name in ("proselint", "write-good"):
        pm = get(peer_name)
        if pm:
            add(f"  {peer_name + ' throughput':<44} {total_bytes / 1e6 / pm.wall:>6.2f} MB/s")
    add("")

    if analysis:
        a = analysis
        add("newslint findings on the BBC articles (professionally edited: a high count means noise)")
        add(f"  {a['bbc_findings']:,} findings in {a['bbc_articles']:,} articles = "
            f"{a['bbc_findings_per_100']:.1f} per 100 articles; "
            f"{a['bbc_articles_with_findings']:,} articles have at least one")
        seeds_n = a["findings_by_origin"].get("seeds", 0)
        other_n = a["findings_by_origin"].get("other", 0)
        add(f"  (seeds: {seeds_n:,} findings in {len(seed_files)} files"
            + (f"; {other_n:,} findings with a path outside corpus/seeds" if other_n else "") + ")")
        if a["files_reported"] and a["files_reported"] != n_all:
            add(f"  NOTE: newslint's JSON lists {a['files_reported']:,} files, {n_all:,} were passed")
        if a["file_errors"]:
            add(f"  NOTE: newslint reported {a['file_errors']:,} errors (files it could not lint)")
        for title, key in (("by severity", "per_100_by_severity"), ("by category", "per_100_by_category")):
            add(f"  per 100 articles {title}:")
            for k, v in a[key].items():
                add(f"    {k:<30}{v:>10.1f}")
        add("  top 10 rules:")
        add(f"    {'rule':<44}{'count':>8}{'per 100':>10}")
        for t in a["top_rules"]:
            add(f"    {t['rule'][:43]:<44}{t['count']:>8,}{t['per_100']:>10.1f}")
        add("")
    for peer_name in ("proselint", "write-good"):
        pm = get(peer_name)
        if pm and pm.findings is not None:
            add(f"{peer_name}: {pm.findings:,} findings = {100 * pm.findings / n_all:.1f} per 100 articles "
                f"(all {n_all:,} files)")
    if noisy:
        problems.append(f"other processes were using the CPU during: {', '.join(noisy)}; "
                        "those timings are pessimistic, rerun on an idle machine")
    if problems:
        add("")
        add("problems:")
        for p in problems:
            add(f"  - {p}")


    if args.json:
        doc = {
            "corpus": {"dir": str(corpus), "bbc_files": len(bbc_files), "seed_files": len(seed_files),
                       "bytes": total_bytes},
            "machine": {"cores": os.cpu_count(), "python": platform.python_version(),
                        "platform": platform.platform(), "background_load_start_cores": load_start,
                        "background_load_end_cores": load_end, "env": env_note},
            "measurements": {k: m.as_json() for k, m in ms.items()},
            "ratios": ratios,
            "targets_met": checks,
            "newslint_peak_rss_mb": peak,
            "newslint_throughput_mb_s": throughput,
            "newslint_findings": analysis,
            "problems": problems,
        }
        args.json.write_text(json.dumps(doc, indent=2) + "\n")
        log(f"wrote {args.json}")

    try:
        print("\n".join(lines), flush=True)
    except BrokenPipeError:  # e.g. piped into head
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())

    newslint_failed = nl is None or not (cold and warm and one and jobs1) or analysis is None
    return 1 if newslint_failed else 0


if __name__ == "__main__":
    if "--scale" in sys.argv[1:]:   # the archive-scale table: bench/scale.py
        import scale

        sys.exit(scale.main([a for a in sys.argv[1:] if a != "--scale"]))
    sys.exit(main())
