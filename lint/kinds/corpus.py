"""corpus: a rule checked across files (lint/corpus/), never inside one document.

The rule names which cross-file check it reports and that check's thresholds;
`find()` yields nothing because one document alone cannot disagree with
another. lint.corpus.check() reads the options when it compares the files
read as one story. Examples of these rules are sets of documents separated by
a line `---8<---` (tests/test_corpus_examples.py).
"""
from __future__ import annotations

from ..document import Document
from . import Context, Kind, OptionError

CHECKS = ("number-conflict", "name-variant", "quote-drift", "uncredited-reuse", "duplicate")
VARIANTS = ("form", "case")
SEPARATOR = "---8<---"
# What each check gives its rule's message (lint/corpus/ fills them).
CHECK_FIELDS = {
    "number-conflict": ("match", "what", "others", "count", "total"),
    "name-variant": ("match", "others"),
    "quote-drift": ("match", "speaker", "others", "similarity"),
    "uncredited-reuse": ("other", "share", "retold", "sentences", "used"),
    "duplicate": ("match", "kind", "other", "share"),
}


class Corpus(Kind):
    name = "corpus"
    OPTIONS = {
        "check": "",                  # one of CHECKS
        # number-conflict: context terms two mentions must share to be about one
        # thing (a year tied to the same event; quantities need one more).
        "min_context": 1,
        # number-conflict: quantities (not years) are compared only between files
        # this similar (one event's reports, not a saga's days).
        "quantity_similarity": 0.5,
        # name-variant: report word-form variants ("form") or case-only ones ("case").
        "variant": "form",
        # quote-drift: wording at least this alike is one statement, quoted twice...
        "min_similarity": 0.4,
        # ...and at least this alike is the same wording (no drift).
        "max_similarity": 0.9,
        # uncredited-reuse: share of a sentence's terms found in the other file's
        # sentence for the two to match; share of the article's sentences that
        # retell the origin in its order; and at least this many of them.
        "sentence_similarity": 0.5,
        "min_share": 0.3,
        "min_sentences": 6,
        # duplicate: share of sentences shared (nearly word for word) both ways
        # that makes two files versions of one article.
        "near_duplicate": 0.8,
    }

    def __init__(self, options: dict):
        super().__init__(options)
        opts = self.options
        if opts["check"] not in CHECKS:
            raise OptionError("check", f"'{opts['check']}' is not one of {', '.join(CHECKS)}")
        if opts["variant"] not in VARIANTS:
            raise OptionError("variant", f"'{opts['variant']}' is not one of {', '.join(VARIANTS)}")
        for key in ("min_similarity", "max_similarity", "sentence_similarity", "min_share", "near_duplicate",
                    "quantity_similarity"):
            if not 0.0 <= opts[key] <= 1.0:
                raise OptionError(key, f"expected a share between 0 and 1, got {opts[key]}")
        if opts["min_similarity"] > opts["max_similarity"]:
            raise OptionError("min_similarity", "must not exceed max_similarity")
        if opts["min_context"] < 0 or opts["min_sentences"] < 1:
            raise OptionError("min_context" if opts["min_context"] < 0 else "min_sentences", "out of range")

    @property
    def fields(self) -> tuple[str, ...]:
        return CHECK_FIELDS.get(self.options["check"], ())

    def find(self, doc: Document, ctx: Context):
        return ()
