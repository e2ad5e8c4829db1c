"""uncredited-reuse and duplicate: one article retelling another's sentences, and versions of one article."""
from __future__ import annotations

import bisect
from collections import Counter

from ..finding import Finding, Related
from .copies import version_share
from .features import StoryFeatures
from .report import MAX_RELATED, _fill, _finding, _short

class _Sentences:
    """The group's sentence fingerprints, and in how many files each term occurs."""

    def __init__(self, group: list[StoryFeatures], rare=None):
        self.rare = rare      # term -> bool: rare in the whole set of files (None: all are)
        self.sets = [[set(s.terms) for s in f.sentences] for f in group]
        self.all = [set().union(*sets) if sets else set() for sets in self.sets]
        self.df: Counter = Counter()
        for terms in self.all:
            self.df.update(terms)

    def reporting(self, x: int) -> list[int]:
        """Sentences of file x that report something another file also reports."""
        return [i for i, terms in enumerate(self.sets[x]) if sum(1 for t in terms if self.df[t] >= 2) >= 2]

    def best_match(self, terms: set[int], y: int, min_overlap: float) -> int:
        """The sentence of y sharing most with `terms` (at least 3 terms and `min_overlap`), or -1."""
        best, best_j = (0, 0.0), -1
        for j, other in enumerate(self.sets[y]):
            shared = len(terms & other)
            if shared < 3:
                continue
            score = (shared, shared / min(len(terms), len(other)))
            if score[1] >= min_overlap and score > best:
                best, best_j = score, j
        return best_j

    def retold(self, x: int, y: int, min_overlap: float) -> list[tuple[int, int]]:
        """Sentences of x that retell y, in y's order.

        Between two files, a sentence retells the other when it shares at least
        `min_overlap` of its terms with one of its sentences. In a group of three
        or more, what every outlet reports proves nothing; a sentence retells y
        when it nearly repeats one of y's sentences (80%), or carries a fact (a
        name, number or word, rare among all the files linted) that of the
        whole group only x and y report.
        """
        if len(self.sets) < 3:
            exclusive: set[int] = set()
        else:
            exclusive = {t for t in self.all[x] & self.all[y] if self.df[t] == 2 and (self.rare is None or self.rare(t))}
            min_overlap = max(min_overlap, NEAR_COPY)
        pairs = []
        for i in self.reporting(x):
            terms = self.sets[x][i]
            j = self.best_match(terms, y, min_overlap)
            if j >= 0:
                pairs.append((i, j, False))
                continue
            own = terms & exclusive
            if len(own) >= MIN_EXCLUSIVE:
                j = max(range(len(self.sets[y])), key=lambda k: (len(own & self.sets[y][k]), -k))
                pairs.append((i, j, True))
        return _longest_increasing(pairs)


NEAR_COPY = 0.8
MIN_EXCLUSIVE = 1
# A fact counts as one outlet's own only when at most this share of all the files
# linted (and at least COMMON_DF of them) mention it: in a folder of a year's
# stories, "closure" or "deputy" are in many and prove nothing about who retold whom.
RARE_SHARE = 0.05


def _longest_increasing(pairs: list[tuple]) -> list[tuple]:
    """The longest run of pairs whose second items never decrease (patience sorting)."""
    tails: list[int] = []
    tails_at: list[int] = []
    previous = [-1] * len(pairs)
    for k, pair in enumerate(pairs):
        j = pair[1]
        pos = bisect.bisect_right(tails, j)
        if pos == len(tails):
            tails.append(j)
            tails_at.append(k)
        else:
            tails[pos] = j
            tails_at[pos] = k
        previous[k] = tails_at[pos - 1] if pos else -1
    out = []
    k = tails_at[-1] if tails_at else -1
    while k >= 0:
        out.append(pairs[k])
        k = previous[k]
    return out[::-1]


def _reuse(group: list[StoryFeatures], reuse_rules, duplicate_rules, rare=None) -> list[Finding]:
    out: list[Finding] = []
    n = len(group)
    sentences = _Sentences(group, rare)

    # Versions of one article (lint/corpus/copies.py): an update, a cut-down copy.
    # Most are folded before grouping; the sketch that finds them can miss a pair.
    versions = set()
    near = _option(duplicate_rules, "near_duplicate", 0.8)
    for x in range(n):
        for y in range(x + 1, n):
            share = version_share(group[x], group[y], near)
            if share is None:
                continue
            versions.add((x, y))
            later, earlier = (y, x) if (group[y].date, group[y].path) >= (group[x].date, group[x].path) else (x, y)
            pct = f"{share:.0%}"
            for rule in duplicate_rules:
                out.append(_finding(
                    rule, group[later].path, 1, 1, group[later].title,
                    _fill(rule.message, match=group[later].title, kind="another version",
                          other=_short(group[earlier].path), share=pct),
                    (Related(group[earlier].path, 1, f"{pct} of the shorter one's sentences shared"),),
                    severity=rule.severity,
                ))

    for rule in reuse_rules:
        opts = rule.kind.options
        retold = {}
        for x in range(n):
            for y in range(n):
                if x == y or (min(x, y), max(x, y)) in versions:
                    continue
                if group[x].source and group[x].source.lower() == group[y].source.lower():
                    continue  # one outlet reusing its own copy
                retold[(x, y)] = sentences.retold(x, y, opts["sentence_similarity"])
        for x in range(n):
            if group[x].credits:
                continue
            reporting = max(len(sentences.reporting(x)), 1)
            best = None
            for y in range(n):
                pairs = retold.get((x, y))
                if not pairs or _distinct(pairs) < opts["min_sentences"] or _distinct(pairs) / reporting < opts["min_share"]:
                    continue
                # Both retell each other: the later (by front-matter date), else the
                # one retelling more sentences, is the copy.
                back = retold.get((y, x), [])
                back_reporting = max(len(sentences.reporting(y)), 1)
                if _distinct(back) >= opts["min_sentences"] and _distinct(back) / back_reporting >= opts["min_share"]:
                    if group[x].date and group[y].date and group[x].date != group[y].date:
                        if group[x].date < group[y].date:
                            continue
                    elif (_distinct(pairs), _distinct(pairs) / reporting, group[y].path) < (
                            _distinct(back), _distinct(back) / back_reporting, group[x].path):
                        continue
                if best is None or _distinct(pairs) > _distinct(best[1]):
                    best = (y, pairs)
            if best is None:
                continue
            y, pairs = best
            first = group[x].sentences[0]   # the finding is about the whole article
            related = tuple(
                Related(group[y].path, group[y].sentences[j].line, f"retold at line {group[x].sentences[i].line}")
                for i, j, _ in pairs[:MAX_RELATED]
            )
            used = len({p[1] for p in pairs}) / max(len(group[y].sentences), 1)
            message = _fill(rule.message, other=_short(group[y].path), share=f"{_distinct(pairs) / reporting:.0%}",
                            retold=_distinct(pairs), sentences=reporting, used=f"{used:.0%}")
            out.append(_finding(rule, group[x].path, first.line, 1, group[x].title, message, related, rule.severity))
    return out


def _distinct(pairs: list[tuple]) -> int:
    """Sentences retold: a sentence of the origin repeated counts once, however often it is
    echoed; a sentence carrying a fact only the two articles report counts on its own."""
    return len({p[1] for p in pairs if not (len(p) > 2 and p[2])}) + sum(1 for p in pairs if len(p) > 2 and p[2])


def _option(rules, key: str, default):
    return rules[0].kind.options[key] if rules else default
