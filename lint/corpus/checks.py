"""The cross-file checks over every file's features: fold exact copies, group, check each group."""
from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from ..finding import Finding, Related
from .features import StoryFeatures
from .grouping import COMMON_DF, _Vectors, group_stories
from .names import _name_variants
from .numbers import _number_conflicts
from .quotes import _quote_drift
from .report import _fill, _finding, _short, _suppressed
from .reuse import RARE_SHARE, _reuse

if TYPE_CHECKING:  # pragma: no cover
    from ..rulepack import Rule

class CorpusResult:
    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.groups: list[list[str]] = []   # paths read as one story (2+ files)


def check(features: list[StoryFeatures], rules: list["Rule"], one_story: bool = False) -> CorpusResult:
    """Cross-file findings over every file's features, and the groups read as one story.

    `rules` are the selected rules (any kind; only `corpus` rules are used).
    With `one_story`, every file is read as one story instead of grouping by
    similarity. Exact duplicates are read once: the copy gets a `duplicate`
    finding, if that rule is selected, and is otherwise left out.
    """
    by_check: dict[str, list] = defaultdict(list)
    for rule in rules:
        if getattr(rule.kind, "name", "") == "corpus":
            by_check[rule.kind.options["check"]].append(rule)
    features = sorted(features, key=lambda f: f.path)
    result = CorpusResult()
    if len(features) < 2:
        return result

    # Exact duplicates: the first path stands for all.
    reps: list[StoryFeatures] = []
    copies: dict[str, list[StoryFeatures]] = defaultdict(list)
    first_of: dict[str, StoryFeatures] = {}
    for f in features:
        if f.digest and f.digest in first_of:
            copies[first_of[f.digest].path].append(f)
        else:
            if f.digest:
                first_of[f.digest] = f
            reps.append(f)
    findings: list[Finding] = []
    for rule in by_check.get("duplicate", ()):
        for original, dups in copies.items():
            for dup in dups:
                findings.append(_finding(
                    rule, dup.path, 1, 1, dup.title,
                    _fill(rule.message, match=dup.title, kind="an exact copy", other=_short(original), share="100%"),
                    (Related(original, 1, "the same text"),),
                    severity=rule.severity,
                ))

    if one_story:
        groups = [list(range(len(reps)))] if len(reps) > 1 else []
        vectors = _Vectors(reps)
    else:
        groups, _, vectors = group_stories(reps)
    for members in groups:
        group = [reps[i] for i in members]
        if by_check.get("number-conflict"):
            findings += _number_conflicts(group, by_check["number-conflict"],
                                          lambda x, y, m=members: vectors.cosine(m[x], m[y]))
        if by_check.get("name-variant"):
            findings += _name_variants(group, by_check["name-variant"])
        if by_check.get("quote-drift"):
            findings += _quote_drift(group, by_check["quote-drift"])
        if by_check.get("uncredited-reuse") or by_check.get("duplicate"):
            findings += _reuse(group, by_check.get("uncredited-reuse", []), by_check.get("duplicate", []),
                               lambda t, cut=max(COMMON_DF, RARE_SHARE * len(reps)): vectors.df.get(t, 0) <= cut)
        paths = [f.path for f in group]
        paths += [c.path for f in group for c in copies.get(f.path, ())]
        result.groups.append(sorted(paths))
    for original, dups in copies.items():
        if not any(original in g for g in result.groups):
            result.groups.append(sorted([original] + [d.path for d in dups]))
    result.groups.sort()

    by_path = {f.path: f for f in features}
    kept = [f for f in findings if not _suppressed(by_path.get(f.path), f)]
    result.findings = sorted(set(kept), key=Finding.sort_key)
    return result
