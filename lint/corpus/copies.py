"""Copies of one text: exact copies and versions, folded before the articles are grouped.

An archive holds one text many times: the same wire story filed by several
desks, an update and the story it updates, a copy with a typo fixed. Read as
separate articles, n versions of one text are n * (n - 1) pairs that retell each
other and count n times as evidence for what they say; in a folder of 35,600
articles made of 16 versions of each story, that pairwise work grew ~300x for
16x the files. So each text is read once, through its first version (by path,
as an exact copy's original always was); every other version is a copy of it
and is compared with it alone (lint/corpus/checks.py).

Two files are versions when nearly every sentence of the shorter one is in the
longer, word for word or but for a word or two (see _nearly), a good part of them
word for word, and their front matter does not name different sources. Candidate
originals come from a sketch, not from all pairs: each file's SKETCH smallest
word-pair hashes (its terms are hashes, so the smallest are a uniform sample,
and a version shares most of them with the text it copies). Only originals are
indexed, so a file is checked against a few candidate originals however many
versions the archive holds: the work per file is bounded.
"""
from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from .features import StoryFeatures

SKETCH = 16            # word-pair hashes a file is indexed by
MIN_SHARED_KEYS = 2    # of them a candidate original must share
MAX_CANDIDATES = 4     # candidates verified per file, most shared keys first
MAX_POSTING = 64       # originals kept per key: a pair every story uses sketches nothing
NEAR_SENTENCE = 0.8    # share of two sentences' terms that makes them one, but for a word or two
# A version repeats a good part of its text word for word: sentence prints are sets
# of terms, so a sentence retold in other words with the same names and figures
# looks like one with a word changed, and only the verbatim share tells them apart.
MIN_VERBATIM = 0.2


class Copy(NamedTuple):
    features: StoryFeatures
    exact: bool          # the same prose, character for character
    share: float         # of the shorter text's sentences found word for word in the longer
    of: str = ""         # the path it copies exactly (the original, or a version of it)


def _comparable(a: StoryFeatures, b: StoryFeatures) -> bool:
    """Files whose front matter names different sources are two outlets' texts, never versions."""
    return not (a.source and b.source and a.source.lower() != b.source.lower())


def version_share(a: StoryFeatures, b: StoryFeatures, near: float) -> float | None:
    """The share of the shorter text's sentences repeated word for word in the longer, when
    the two are versions of one text (at least `near` of those sentences are repeated word
    for word or nearly); None when they are not."""
    if not a.sentences or not b.sentences or not _comparable(a, b):
        return None
    short, long_ = (a, b) if len(a.sentences) <= len(b.sentences) else (b, a)
    verbatim = {s.exact for s in long_.sentences}
    exact = [s.exact in verbatim for s in short.sentences]
    needed = near * len(short.sentences)
    if sum(exact) >= needed:
        return sum(exact) / len(short.sentences)
    if sum(exact) < MIN_VERBATIM * len(short.sentences):
        return None   # the same facts in other words: a retelling (uncredited-reuse), not a version
    long_sets = [set(s.terms) for s in long_.sentences]
    found = 0
    for index, sentence in enumerate(short.sentences):
        if exact[index] or _nearly(set(sentence.terms), long_sets):
            found += 1
        elif found + len(short.sentences) - index - 1 < needed:
            return None   # too few sentences left to reach the share
    return sum(exact) / len(short.sentences) if found >= needed else None


def _nearly(terms: set[int], others: list[set[int]]) -> bool:
    """One of `others` holds NEAR_SENTENCE of this sentence's terms (or it of theirs)."""
    for other in others:
        shared = len(terms.intersection(other))
        if shared >= 3 and shared >= NEAR_SENTENCE * min(len(terms), len(other)):
            return True
    return False


def pair_share(a: StoryFeatures, b: StoryFeatures) -> float:
    """The share of the smaller set of word pairs found in the other: words kept in their order."""
    small, large = (a.phrases, b.phrases) if len(a.phrases) <= len(b.phrases) else (b.phrases, a.phrases)
    return len(set(small).intersection(large)) / len(small) if small else 0.0


def fold(features: list[StoryFeatures], near: float | None, load=None
         ) -> tuple[list[StoryFeatures], dict[str, list[Copy]]]:
    """(the originals, in order; original path -> its copies). `features` are sorted by path;
    `load` gives a file's complete features (its sentences) from its record there.

    Exact copies (the same normalised prose) always fold; versions only when `near`
    (the duplicate rule's `near_duplicate` share) is given.
    """
    load = load or (lambda f: f)
    originals: list[StoryFeatures] = []
    copies: dict[str, list[Copy]] = {}
    by_digest: dict[str, tuple[StoryFeatures, str]] = {}   # digest -> (original, the file that has it)
    index: dict[int, list[int]] = {}     # sketch key -> originals holding it
    for f in features:
        seen = by_digest.get(f.digest) if f.digest else None
        if seen is not None:
            original, of = seen
            copies.setdefault(original.path, []).append(Copy(f, True, 1.0, of))
            continue
        keys = f.phrases[:SKETCH] if near is not None else ()
        found = _version_of(f, keys, index, originals, near, load) if keys else None
        if found is not None:
            original, share = found
            copies.setdefault(original.path, []).append(Copy(f, False, share, original.path))
            if f.digest:
                by_digest.setdefault(f.digest, (original, f.path))
            continue
        if f.digest:
            by_digest[f.digest] = (f, f.path)
        for key in keys:
            holders = index.setdefault(key, [])
            if len(holders) < MAX_POSTING:
                holders.append(len(originals))
        originals.append(f)
    return originals, copies


def _version_of(f: StoryFeatures, keys, index, originals, near: float, load):
    shared = Counter(i for key in keys for i in index.get(key, ()))
    candidates = sorted((-count, i) for i, count in shared.items() if count >= MIN_SHARED_KEYS)
    for _, i in candidates[:MAX_CANDIDATES]:
        share = version_share(load(originals[i]), load(f), near)
        if share is not None:
            return originals[i], share
    return None
