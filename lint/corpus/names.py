"""name-variant: one name spelled two ways (word forms, or case only) across the articles."""
from __future__ import annotations

from collections import defaultdict

from ..finding import Finding, Related
from .features import NameMention, StoryFeatures
from .report import MAX_RELATED, _fill, _finding, _severity, _where

_PLURAL_OR_DEMONYM = ("s", "es", "n", "an", "ns", "ans", "ian", "ians", "er", "ers", "ese", "ish")


def _edit_distance(a: str, b: str, limit: int = 3) -> int:
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _token_variant(a: str, b: str) -> bool:
    """Two spellings of one word: 'Industries'/'Industrial', 'Muhammad'/'Mohammad'."""
    a, b = a.lower(), b.lower()
    if a == b or not a.isalpha() or not b.isalpha() or a[0] != b[0]:
        return False
    short, long_ = sorted((a, b), key=len)
    if long_.startswith(short) and long_[len(short):] in _PLURAL_OR_DEMONYM:
        return False  # grammatical number or a demonym: 'Mill'/'Mills', 'Africa'/'African'
    if min(len(a), len(b)) >= 6 and a[:5] == b[:5]:
        return True
    distance = _edit_distance(a, b)
    return (distance <= 1 and min(len(a), len(b)) >= 5) or (distance <= 2 and min(len(a), len(b)) >= 8)


def _name_variant(a: str, b: str) -> bool:
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb) or a.lower() == b.lower():
        return False
    same = sum(x.lower() == y.lower() for x, y in zip(ta, tb))
    differ = len(ta) - same
    if same == 0 or differ > (1 if len(ta) <= 2 else 2):
        return False
    return all(x.lower() == y.lower() or _token_variant(x, y) for x, y in zip(ta, tb))


def _name_variants(group: list[StoryFeatures], rules) -> list[Finding]:
    form_rules = [r for r in rules if r.kind.options["variant"] == "form"]
    case_rules = [r for r in rules if r.kind.options["variant"] == "case"]
    # casefolded name -> file index -> first mention
    uses: dict[str, dict[int, NameMention]] = defaultdict(dict)
    for fi, f in enumerate(group):
        for m in f.names:
            uses[m.form.lower()].setdefault(fi, m)
    out: list[Finding] = []

    if form_rules:
        buckets: dict[tuple, list[str]] = defaultdict(list)
        for key in uses:
            tokens = key.split()
            buckets[(len(tokens), "last", tokens[-1])].append(key)
            buckets[(len(tokens), "first", tokens[0])].append(key)
        pairs = set()
        for keys in buckets.values():
            for x in range(len(keys)):
                for y in range(x + 1, len(keys)):
                    if _name_variant(keys[x], keys[y]):
                        pairs.add(tuple(sorted((keys[x], keys[y]))))
        variants_of: dict[str, set[str]] = defaultdict(set)
        for a, b in pairs:
            if set(uses[a]) & set(uses[b]):
                continue  # one article uses both: two different names
            variants_of[a].add(b)
            variants_of[b].add(a)
        for key, others in variants_of.items():
            mine = uses[key]
            theirs = max(len(uses[o]) for o in others)
            for rule in form_rules:
                severity = _severity(rule, len(mine), theirs)
                if severity is None:
                    continue
                for fi, m in mine.items():
                    related, shown = [], []
                    # The most used spelling first; among as many, the one in the first file
                    # (`others` is a set: its own order is the hash seed's).
                    for other in sorted(others, key=lambda o: (-len(uses[o]), min(group[fo].path for fo in uses[o]), o)):
                        places = []
                        for fo, om in sorted(uses[other].items(), key=lambda kv: group[kv[0]].path):
                            places.append(_where(group[fo].path, om.line))
                            if len(related) < MAX_RELATED:
                                related.append(Related(group[fo].path, om.line, om.form))
                        shown.append(f"“{next(iter(uses[other].values())).form}” in {', '.join(places)}")
                    message = _fill(rule.message, match=m.form, others="; ".join(shown[:3]))
                    out.append(_finding(rule, group[fi].path, m.line, m.column, m.form, message,
                                        tuple(related), severity))

    for rule in case_rules:
        for key, files in uses.items():
            spellings: dict[str, list[int]] = defaultdict(list)
            for fi, m in files.items():
                spellings[m.form].append(fi)
            if len(spellings) < 2:
                continue
            # The spelling most files use wins; on a tie, the one with more capitals.
            best = max(spellings, key=lambda s: (len(spellings[s]), sum(c.isupper() for c in s)))
            for form, fis in spellings.items():
                if form == best:
                    continue
                for fi in fis:
                    m = files[fi]
                    related = tuple(Related(group[fo].path, files[fo].line, best) for fo in spellings[best])[:MAX_RELATED]
                    places = ", ".join(_where(group[fo].path, files[fo].line) for fo in spellings[best])
                    message = _fill(rule.message, match=m.form, others=f"“{best}” in {places}")
                    out.append(_finding(rule, group[fi].path, m.line, m.column, m.form, message, related, rule.severity))
    return out
