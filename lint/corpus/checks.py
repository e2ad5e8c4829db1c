"""The cross-file checks over every file's features: fold exact copies, group, check each group."""
from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from ..finding import Finding, Related
from .features import StoryFeatures
from .copies import Copy, fold
from .grouping import COMMON_DF, _Vectors, group_stories
from .names import _name_variants
from .numbers import _number_conflicts
from .quotes import _quote_drift
from .report import _fill, _finding, _short, _suppressed
from .reuse import RARE_SHARE, _option, _reuse

if TYPE_CHECKING:  # pragma: no cover
    from ..rulepack import Rule

class CorpusResult:
    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.groups: list[list[str]] = []   # paths read as one story (2+ files)


def check(features: list[StoryFeatures], rules: list["Rule"], one_story: bool = False, load=None) -> CorpusResult:
    """Cross-file findings over every file's features, and the groups read as one story.

    `rules` are the selected rules (any kind; only `corpus` rules are used).
    With `one_story`, every file is read as one story instead of grouping by
    similarity. Copies of one text are read once (lint/corpus/copies.py): a copy
    gets a `duplicate` finding, if that rule is selected; a version is also
    compared with its original alone, and is otherwise left out.

    `load` gives a file's complete features from the record in `features`, when
    those hold only what grouping reads (lint/corpus/store.py): the mentions are
    then read one story at a time.
    """
    load = load or (lambda f: f)
    by_check: dict[str, list] = defaultdict(list)
    for rule in rules:
        if getattr(rule.kind, "name", "") == "corpus":
            by_check[rule.kind.options["check"]].append(rule)
    features = sorted(features, key=lambda f: f.path)
    result = CorpusResult()
    if len(features) < 2:
        return result

    # Copies of one text are read once, through the first (lint/corpus/copies.py).
    duplicate_rules = by_check.get("duplicate", [])
    near = _option(duplicate_rules, "near_duplicate", 0.8)
    originals, copies = fold(features, near, load)
    findings: list[Finding] = []
    for original in originals:
        for copy in copies.get(original.path, ()):
            findings += _copy_findings(original, copy, by_check, load)

    versions = {i: [c.features for c in copies[f.path] if not c.exact]
                for i, f in enumerate(originals) if f.path in copies}
    if one_story:
        groups = [list(range(len(originals)))] if len(originals) > 1 else []
        vectors = _Vectors(originals, [v for found in versions.values() for v in found])
    else:
        groups, _, vectors = group_stories(originals, versions=versions)
    rare_cut = max(COMMON_DF, RARE_SHARE * vectors.n)   # rare among all the texts linted
    grouped: set[str] = set()
    for members in groups:
        group = [load(originals[i]) for i in members]
        findings += _group_findings(group, by_check, lambda x, y, m=members: vectors.cosine(m[x], m[y]),
                                    lambda t: vectors.df.get(t, 0) <= rare_cut)
        paths = [f.path for f in group]
        paths += [c.features.path for f in group for c in copies.get(f.path, ())]
        grouped.update(paths)
        result.groups.append(sorted(paths))
    for original in originals:
        if original.path in copies and original.path not in grouped:
            result.groups.append(sorted([original.path] + [c.features.path for c in copies[original.path]]))
    result.groups.sort()

    by_path = {f.path: f for f in features}
    kept = [f for f in findings if not _suppressed(by_path.get(f.path), f)]
    result.findings = sorted(set(kept), key=Finding.sort_key)
    return result


def _group_findings(group: list[StoryFeatures], by_check, similarity, rare) -> list[Finding]:
    """The checks the selected rules ask for, over the texts of one story."""
    findings: list[Finding] = []
    if by_check.get("number-conflict"):
        findings += _number_conflicts(group, by_check["number-conflict"], similarity)
    if by_check.get("name-variant"):
        findings += _name_variants(group, by_check["name-variant"])
    if by_check.get("quote-drift"):
        findings += _quote_drift(group, by_check["quote-drift"])
    if by_check.get("uncredited-reuse") or by_check.get("duplicate"):
        findings += _reuse(group, by_check.get("uncredited-reuse", []), by_check.get("duplicate", []), rare)
    return findings


def _copy_findings(original: StoryFeatures, copy: Copy, by_check, load) -> list[Finding]:
    """A copy's duplicate finding; a version is also compared with its original, and with it alone,
    so a figure or a name that changed between the two is still reported."""
    duplicate_rules = by_check.get("duplicate", [])
    if copy.exact:
        dup = copy.features
        return [_finding(rule, dup.path, 1, 1, dup.title,
                         _fill(rule.message, match=dup.title, kind="an exact copy", other=_short(copy.of),
                               share="100%"),
                         (Related(copy.of, 1, "the same text"),), severity=rule.severity)
                for rule in duplicate_rules]
    pair = [load(original), load(copy.features)]
    findings = _group_findings(pair, {k: v for k, v in by_check.items() if k not in ("duplicate", "uncredited-reuse")},
                               lambda x, y: 1.0, None)
    later, earlier = sorted(pair, key=lambda f: (f.date, f.path), reverse=True)
    pct = f"{copy.share:.0%}"
    findings += [_finding(rule, later.path, 1, 1, later.title,
                          _fill(rule.message, match=later.title, kind="another version", other=_short(earlier.path),
                                share=pct),
                          (Related(earlier.path, 1, f"{pct} of the shorter one's sentences shared"),),
                          severity=rule.severity)
                 for rule in duplicate_rules]
    return findings
