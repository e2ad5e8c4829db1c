#!/usr/bin/env python3
"""How newslint scales with the size of an archive: wall time, time per 1,000 articles and
peak memory of the whole process tree, at 1x, 4x and 16x the BBC corpus.

    python bench/scale.py [--sizes 2225,8900,35600] [--corpora near,distinct]
                          [--modes full,no-corpus] [--newslint CMD] [--keep DIR]
    python bench/bench.py --scale [the same options]

Not a test. It builds its corpora itself, in a temporary folder, from
../shared/corpus/bbc (the folder is removed afterwards unless --keep names one):

* near: near-duplicate copies. Copy k of an article has ~3% of its words replaced
  by words drawn from the corpus (seeded by k and the article), so the 16 copies
  of one story read as one story group of 16 (more, where the BBC set itself
  repeats a story): the worst case for the pairwise work inside a group.
* distinct: copies whose words are made distinct, so they do not group. Copy 0 is
  the article; copy k > 0 enciphers every word outside the corpus's most common
  ones (a consonant permutation of its own per copy, case and vowels kept) and
  every digit, so names, word pairs and numbers differ between copies while the
  function words the rules read ("said", "according to", "many") stay. Groups stay
  as small as the real corpus's: the realistic case.

A size is rounded to whole copies of the corpus (2,225 articles a copy). Each run
is `newslint DIR --format json --no-cache --exit-zero` (stdout to a file), with
`--no-corpus` for the per-file flags alone; the table gives wall seconds, seconds
per 1,000 articles and the peak RSS summed over the process tree (sampled from
/proc every 20 ms, as bench.py does). On a shared machine quote ratios from one
run, not seconds across runs.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import shlex
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import DEFAULT_CORPUS, find_newslint, log, run_command  # noqa: E402

NEAR_CHANGED = 0.03      # share of an article's words a near-duplicate copy replaces
KEEP_COMMON = 400        # the corpus's most common words, never enciphered in distinct copies
WORD = re.compile(r"[A-Za-z]+|\d")
VOWELS = set("aeiouAEIOU")
CONSONANTS = "bcdfghjklmnpqrstvwxyz"


def read_corpus(folder: Path) -> list[tuple[str, str]]:
    files = sorted(folder.glob("*.txt"))
    if not files:
        sys.exit(f"error: no *.txt files in {folder}")
    return [(p.name, p.read_text(encoding="utf-8")) for p in files]


def near_copy(text: str, vocabulary: list[str], rng: random.Random) -> str:
    """The text with NEAR_CHANGED of its words replaced by corpus words (case kept)."""
    spans = [m.span() for m in re.finditer(r"[A-Za-z]+", text)]
    if not spans:
        return text
    chosen = sorted(rng.sample(range(len(spans)), max(1, round(len(spans) * NEAR_CHANGED))))
    out, last = [], 0
    for index in chosen:
        start, end = spans[index]
        word = rng.choice(vocabulary)
        if text[start].isupper():
            word = word.capitalize()
        out += [text[last:start], word]
        last = end
    out.append(text[last:])
    return "".join(out)


class Cipher:
    """One distinct copy's own spelling: a consonant permutation and a digit permutation."""

    def __init__(self, rng: random.Random, keep: set[str]):
        shuffled = list(CONSONANTS)
        rng.shuffle(shuffled)
        lower = dict(zip(CONSONANTS, shuffled))
        self.letters = str.maketrans({**lower, **{k.upper(): v.upper() for k, v in lower.items()}})
        digits = list("0123456789")
        rng.shuffle(digits)
        self.digits = dict(zip("0123456789", digits))
        self.keep = keep

    def word(self, match: re.Match) -> str:
        word = match.group(0)
        if word.isdigit():
            return self.digits[word]
        if word.lower() in self.keep or all(c in VOWELS for c in word):
            return word
        return word.translate(self.letters)

    def __call__(self, text: str) -> str:
        return WORD.sub(self.word, text)


def build(corpus: list[tuple[str, str]], kind: str, copies: int, folder: Path) -> int:
    """Writes `copies` copies of the corpus under folder/copy-NN/; returns the article count."""
    words = [w.lower() for _, text in corpus for w in re.findall(r"[A-Za-z]+", text)]
    vocabulary = sorted(set(words))
    keep = {w for w, _ in Counter(words).most_common(KEEP_COMMON)}
    count = 0
    for k in range(copies):
        out = folder / f"copy-{k:02d}"
        out.mkdir(parents=True, exist_ok=True)
        cipher = Cipher(random.Random(f"distinct-{k}"), keep) if kind == "distinct" and k else None
        for name, text in corpus:
            if kind == "near":
                text = near_copy(text, vocabulary, random.Random(f"near-{k}-{name}"))
            elif cipher:
                text = cipher(text)
            (out / name).write_text(text, encoding="utf-8")
            count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="2225,8900,35600", help="articles per corpus, comma-separated "
                    "(rounded to whole copies of the BBC corpus; default 2225,8900,35600)")
    ap.add_argument("--corpora", default="near,distinct", help="near, distinct or both (default both)")
    ap.add_argument("--modes", default="full,no-corpus", help="full, no-corpus or both (default both)")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help=f"the articles copied (default {DEFAULT_CORPUS})")
    ap.add_argument("--newslint", metavar="CMD", help="how to run newslint (default: the console script "
                    "next to sys.executable, else on PATH), e.g. \"python -m lint\"")
    ap.add_argument("--jobs", type=int, help="pass --jobs N to newslint (default: its own, all cores)")
    ap.add_argument("--keep", type=Path, metavar="DIR", help="build the corpora in DIR and keep them "
                    "(an existing copy there is reused)")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds before a run is killed (default 3600)")
    args = ap.parse_args(argv)

    command = find_newslint(args.newslint)
    if not command:
        sys.exit("error: newslint not found (--newslint CMD)")
    corpus = read_corpus(args.corpus.resolve())
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    kinds = [k.strip() for k in args.corpora.split(",") if k.strip()]
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    if not set(kinds) <= {"near", "distinct"} or not set(modes) <= {"full", "no-corpus"}:
        ap.error("--corpora takes near,distinct and --modes takes full,no-corpus")
    work = args.keep.resolve() if args.keep else Path(tempfile.mkdtemp(prefix="newslint-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)   # as bench.py: start from cached bytecode, as an install does

    rows = []
    try:
        for kind in kinds:
            for size in sizes:
                copies = max(1, round(size / len(corpus)))
                folder = work / f"{kind}-{copies:02d}"
                marker = folder / ".built"
                if not marker.exists():
                    log(f"building {kind} x{copies} in {folder}")
                    articles = build(corpus, kind, copies, folder)
                    marker.write_text(str(articles))
                articles = int(marker.read_text())
                for mode in modes:
                    extra = ["--no-corpus"] if mode == "no-corpus" else []
                    if args.jobs:
                        extra += ["--jobs", str(args.jobs)]
                    argv_ = [*command, str(folder), "--format", "json", "--no-cache", "--exit-zero", *extra]
                    log(f"running {shlex.join(argv_)}")
                    out, err = work / "out.json", work / "err.txt"
                    result = run_command([argv_], work, out, err, timeout=args.timeout, env=env)
                    failed = result.returncodes != [0]
                    if failed:
                        log(f"exit {result.returncodes}: {err.read_text(errors='replace')[-500:]}")
                    rows.append((kind, articles, mode, result, failed))
                    log(f"  {result.wall:.1f} s wall, {result.cpu:.1f} CPU s, {max(result.tree_kb, result.maxrss_kb) / 1024:.0f} MB")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    print(f"newslint: {shlex.join(command)}; corpus copies of {args.corpus} "
          f"(near: {NEAR_CHANGED:.0%} of words changed; distinct: words enciphered per copy)")
    print("| corpus | articles | mode | wall s | s per 1,000 | CPU s per 1,000 | peak RSS (tree) |")
    print("|---|---|---|---|---|---|---|")
    for kind, articles, mode, r, failed in rows:
        mark = " (FAILED)" if failed else ""
        print(f"| {kind} | {articles:,} | {mode} | {r.wall:.1f}{mark} | {1000 * r.wall / articles:.2f} | "
              f"{1000 * r.cpu / articles:.2f} | {max(r.tree_kb, r.maxrss_kb) / 1024:,.0f} MB |")
    for kind in kinds:
        for mode in modes:
            mine = [(a, r) for k, a, m, r, f in rows if k == kind and m == mode and not f]
            if len(mine) >= 2:
                (a0, r0), (a1, r1) = mine[0], mine[-1]
                print(f"{kind}, {mode}: s per 1,000 at {a1:,} / at {a0:,} = "
                      f"{(r1.wall / a1) / (r0.wall / a0):.2f}x wall, {(r1.cpu / a1) / (r0.cpu / a0):.2f}x CPU")
    return 1 if any(f for *_, f in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
