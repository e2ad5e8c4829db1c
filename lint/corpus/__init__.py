"""Reading articles together: per-file story features and the cross-file checks.

Two moments of a run, one module each:

* ``extract(doc, findings=())`` (extract.py) runs in the worker that linted the
  file, right after it, and keeps what the cross-file checks need and nothing
  else (features.py): hashed terms for grouping, years and quantities with the
  words around them, names, direct quotes with their speaker, hashed sentence
  fingerprints, credited outlets, inline suppressions. No full text.
* ``check(features, rules, one_story=False)`` (checks.py) runs once over every
  file. It folds exact duplicates, groups the articles that report one story
  (grouping.py: an inverted index over the terms few files share, a weighted
  cosine on the candidate pairs, then linked groups) and, in each group, runs
  the consistency checks the selected ``corpus`` rules ask for: numbers.py,
  names.py, quotes.py, reuse.py. Findings carry ``related`` locations in the
  other files (report.py).

Severity follows the evidence: a value, spelling or wording held by fewer
articles of the group than a conflicting one is reported at the rule's
severity on the articles that hold it; where the articles split evenly nothing
says which is right, and each side gets an ``info`` finding pointing at the
other. See docs/design.md ("Reading articles together") and README.md.
"""
from __future__ import annotations

from ..kinds.corpus import CHECKS  # noqa: F401  (the checks a corpus rule may name)
from .checks import CorpusResult, check  # noqa: F401
from .extract import _CREDIT_PATTERNS, EXCLUDED_CATEGORIES, extract  # noqa: F401
from .features import (  # noqa: F401
    FEATURES_VERSION, NameMention, QuoteMention, SentencePrint, StoryFeatures,
)
from .grouping import group_stories  # noqa: F401
from .quotes import quote_similarity  # noqa: F401
