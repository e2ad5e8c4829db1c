"""Grouping: which files report one story.

Sub-quadratic: an inverted index over the terms few files share proposes pairs,
a weighted cosine confirms them, and a pair joins two groups only when most pairs
across them are alike (so a season of match reports does not chain into one story).
"""
from __future__ import annotations

import bisect
import math
from array import array
from collections import Counter, defaultdict

from .features import StoryFeatures

# A term found in at most this many files counts in full; beyond it, its weight
# falls with log(N/df) and reaches 0 for a term every file has. In a handful of
# files nothing is common, so every term counts.
COMMON_DF = 10
# Weights of the term classes: a shared multiword name says most about which
# story this is, a shared common word least (measured on the seeds against the
# BBC corpus; see tests/test_corpus.py).
WEIGHTS = {"terms": 0.5, "phrases": 1.0, "surnames": 1.0, "name_terms": 2.0}
GROUP_SIMILARITY = 0.33      # a pair this similar may join two groups...
LINK_SIMILARITY = 0.22       # ...when most pairs across them are at least this similar
LINK_SHARE = 0.5


class _Vectors:
    """Weighted term sets of the files, and the document frequency behind the weights.

    A term's weight depends on its class and on how many files hold it, not on
    the file, so one table of weights serves every file, and a file keeps only
    an array of its weighted terms: per-file dicts of floats were ~60 MB on
    2,225 articles. Only terms two files share carry weight.
    """

    def __init__(self, features: list[StoryFeatures], also_counted: list[StoryFeatures] = ()):
        # Versions folded into their original (lint/corpus/copies.py) still count in how
        # many files a term occurs, so weights do not depend on what was folded.
        self.n = n = len(features) + len(also_counted)
        self.df = df = _shared_counts([*features, *also_counted])
        scale = math.log(n / COMMON_DF) if n > COMMON_DF else 0.0
        factors = {d: 1.0 if d <= COMMON_DF or not scale else max(0.0, math.log(n / d) / scale)
                   for d in set(df.values())}
        max_df = max(COMMON_DF, int(math.sqrt(n)))
        # One table: each shared term's squared weight (what the cosine sums). A second
        # table of the weights themselves was ~100 MB at 35,600 distinct articles.
        self.squares: dict[int, float] = {}
        self.terms: list[array] = []         # each file's weighted terms
        self.heavy: list[array] = []         # terms worth indexing: names, word pairs, numbers
        self.norms: list[float] = []
        shared = df.keys()
        classes = sorted(WEIGHTS.items(), key=lambda kv: kv[1])
        for f in features:
            kept: dict[int, float] = {}
            heavy: dict[int, bool] = {}
            for key, base in classes:   # the heaviest class wins
                for t in shared & set(getattr(f, key)):   # most terms are one file's own
                    d = df[t]
                    if factors[d] > 0:
                        kept[t] = base * factors[d]
                        heavy[t] = base >= 1.0 and d <= max_df
            self.squares.update((t, w * w) for t, w in kept.items())
            self.terms.append(array("I", kept))
            self.heavy.append(array("I", (t for t, is_heavy in heavy.items() if is_heavy)))
            self.norms.append(math.sqrt(sum(w * w for w in kept.values())) or 1.0)
        self._last: tuple[int, set[int]] = (-1, set())

    def _set(self, i: int) -> set[int]:
        if self._last[0] != i:
            self._last = (i, set(self.terms[i]))
        return self._last[1]

    def cosine(self, i: int, j: int) -> float:
        shared = self._set(i).intersection(self.terms[j])
        return sum(map(self.squares.__getitem__, shared)) / (self.norms[i] * self.norms[j])

    def candidates(self, min_similarity: float, min_shared: float = 3.0) -> dict[tuple[int, int], float]:
        """Similarity of the pairs worth comparing, found through an inverted index.

        Only names, word pairs and numbers found in 2..max(10, sqrt(N)) files are
        indexed, so posting lists stay short and the work grows like N * sqrt(N),
        not N * N. A pair is compared when it shares at least `min_shared` of
        their weight (a multiword name and a word pair, three word pairs...).
        One file's partners are counted at a time, so no table of all pairs is
        ever held.
        """
        # File numbers as 4-byte arrays: a list of int objects was ~36 bytes an entry,
        # ~100 MB of postings at 35,600 distinct articles.
        postings: dict[int, array] = defaultdict(lambda: array("I"))
        for i, heavy in enumerate(self.heavy):
            for t in heavy:
                postings[t].append(i)
        out = {}
        squares = self.squares
        for i, heavy in enumerate(self.heavy):
            ones: list[int] = []   # later files sharing a term of weight 1 with file i, once per term
            twos: list[int] = []   # ... of weight 2 (multiword names)
            for t in heavy:
                docs = postings[t]
                at = bisect.bisect_right(docs, i)
                if at < len(docs):
                    (twos if squares[t] >= 4.0 else ones).extend(docs[at:])   # a weight of 2: a multiword name
            if not ones and not twos:
                continue
            shared = Counter(ones)       # counted in C: this loop was half of grouping
            shared.update(twos)
            shared.update(twos)
            for j in sorted([j for j, weight in shared.items() if weight >= min_shared]):
                similarity = self.cosine(i, j)
                if similarity >= min_similarity:
                    out[(i, j)] = similarity
        return out


def _shared_counts(features: list[StoryFeatures]) -> dict[int, int]:
    """In how many files each term occurs, for the terms two or more files share.

    Counted in 16 slices by the term's top bits, each file's sorted arrays cut
    at the slice bounds and counted in C: a counter of every distinct term
    (most occur once) was the largest object of a run.
    """
    bounds = [k << 28 for k in range(17)]
    slices = [array("I") for _ in range(16)]
    for f in features:
        for key in WEIGHTS:
            terms = getattr(f, key)   # sorted; the classes hash distinct texts, so no term is counted twice
            cut = [bisect.bisect_left(terms, b) for b in bounds]
            for k in range(16):
                if cut[k] < cut[k + 1]:
                    slices[k].extend(terms[cut[k]:cut[k + 1]])
    shared: dict[int, int] = {}
    for part in slices:
        shared.update((t, c) for t, c in Counter(part).items() if c >= 2)
        del part[:]
    return shared


def group_stories(
    features: list[StoryFeatures],
    min_similarity: float = GROUP_SIMILARITY,
    link_similarity: float = LINK_SIMILARITY,
    link_share: float = LINK_SHARE,
    versions: dict[int, list[StoryFeatures]] | None = None,
):
    """Files that report one story: (groups as lists of indexes, similarity of compared pairs).

    Pairs are joined most similar first. A pair at `min_similarity` or more joins
    its two groups only when at least `link_share` of all pairs across them reach
    `link_similarity`: a chain of articles that each resemble the next (a season
    of match reports) does not become one story, while five outlets' takes on
    one event, all alike, do. `versions` (file index -> its folded versions) weigh
    in as their original does: a text filed five times counts five times in the
    share of pairs, as it did before versions were folded.
    """
    versions = versions or {}
    vectors = _Vectors(features, [v for found in versions.values() for v in found])
    weight = [1 + len(versions.get(i, ())) for i in range(len(features))]
    scored = vectors.candidates(link_similarity)
    weak = {p for p, s in scored.items() if s >= link_similarity}
    strong = sorted(((s, p) for p, s in scored.items() if s >= min_similarity), reverse=True)
    root = list(range(len(features)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(features))}
    for _, (i, j) in strong:
        a, b = root[i], root[j]
        if a == b:
            continue
        left, right = members[a], members[b]
        links = sum(weight[x] * weight[y] for x in left for y in right if (min(x, y), max(x, y)) in weak)
        if links < link_share * sum(weight[x] for x in left) * sum(weight[y] for y in right):
            continue
        if len(left) < len(right):
            a, b, left, right = b, a, right, left
        for x in right:
            root[x] = a
        left.extend(right)
        del members[b]
    groups = [sorted(m) for m in members.values() if len(m) > 1]
    return sorted(groups), scored, vectors
