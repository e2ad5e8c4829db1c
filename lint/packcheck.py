"""A rule's own examples, run against the engine: each `flag` must trigger it, each
`pass` must not. `newslint check-pack` and the test suite share this one
implementation, so what a newsroom checks is what newslint's own tests check.

Per-document rules run alone on each example; a directive rule (it judges what
the others reported) and a safety net that adds only what the others missed run
among all loaded rules; a cross-article rule's example
is a set of articles separated by a `---8<---` line, read as one story.
"""
from __future__ import annotations

from typing import NamedTuple

from .config import Settings
from .kinds.corpus import SEPARATOR
from .rulepack import Pack, Rule, example_line


class Failure(NamedTuple):
    rule: Rule
    expected: str     # "flag" or "pass"
    example: str


def split_articles(example: str) -> list[str]:
    parts, current = [], []
    for line in example.splitlines():
        if line.strip() == SEPARATOR:
            parts.append("\n".join(current))
            current = []
        else:
            current.append(line)
    parts.append("\n".join(current))
    return [p.strip() + "\n" for p in parts if p.strip()]


def codes(rule: Rule, example: str, packs: list[Pack]) -> list[str]:
    """The codes the engine reports on one example of `rule`."""
    from .runner import Linter

    if type(rule.kind).name == "corpus":
        from . import corpus, reader

        articles = []
        for n, text in enumerate(split_articles(example)):
            path, data = f"example-{n}.txt", text.encode("utf-8")
            articles.append(corpus.extract(reader.parse(path, data), ()))
        return [f.rule for f in corpus.check(articles, [rule], one_story=True).findings]
    alone = [Pack(rule.pack, rule.code, "", "", (rule,))]
    # A rule that judges what the others reported runs among them.
    linter = Linter(packs if rule.kind.runs_last or rule.kind.reads_findings else alone, Settings())
    return [f.rule for f in linter.lint_bytes("example.txt", example.encode("utf-8")).findings]


def failures(rules: list[Rule], packs: list[Pack]) -> list[Failure]:
    out = []
    for rule in rules:
        for expected in ("flag", "pass"):
            for example in rule.examples.get(expected, ()):
                if (rule.code in codes(rule, example, packs)) != (expected == "flag"):
                    out.append(Failure(rule, expected, example))
    return out


def run(paths: list[str]) -> int:
    """`newslint check-pack PATH...`: 0 every example behaves, 1 some do not (each printed)."""
    import os
    import sys

    from .rulepack import builtin_rules_dir, load_packs

    builtin = os.path.realpath(builtin_rules_dir())
    extra = [p for p in paths if not os.path.realpath(p).startswith(builtin + os.sep) and os.path.realpath(p) != builtin]
    packs = load_packs([builtin_rules_dir(), *extra])
    wanted = [os.path.realpath(p) for p in paths]
    chosen = [rule for pack in packs for rule in pack.rules
              if any(os.path.realpath(pack.path) == w or os.path.realpath(pack.path).startswith(w + os.sep) for w in wanted)]
    if not chosen:
        print(f"newslint: error: no rules found in {', '.join(paths)}", file=sys.stderr)
        return 2
    failed = failures(chosen, packs)
    paths_by_code = {rule.code: pack.path for pack in packs for rule in pack.rules}
    for f in failed:
        where = example_line(paths_by_code[f.rule.code], f.rule.code, f.example)
        what = "did not trigger it" if f.expected == "flag" else "triggered it"
        first = f.example.strip().splitlines()[0] if f.example.strip() else ""
        print(f"{where}: rule {f.rule.code}: {f.expected} example {what}: {first[:100]!r}")
    examples = sum(len(r.examples.get("flag", ())) + len(r.examples.get("pass", ())) for r in chosen)
    print(f"{len(chosen)} rule{'s' * (len(chosen) != 1)}, {examples} examples: "
          + (f"{len(failed)} failed" if failed else "all behave"))
    return 1 if failed else 0
