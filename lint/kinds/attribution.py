"""attribution: a claim phrase is reported only when nothing near it says who claims it.

"many hope", "it is believed", "critics say": fine when the sentence names its
source ("..., said Khan", "according to the embassy"), weasel wording when it
does not. Direct quotations are the speaker's words, never reported.
"""
from __future__ import annotations

from ..document import Document
from . import OptionError
from .phrase import Phrase, _matcher


class Attribution(Phrase):
    name = "attribution"
    OPTIONS = {
        **Phrase.OPTIONS,
        "attributed_by": [],  # patterns that attribute a sentence: "said", "according to", "told"
        "window": 0,          # also look this many sentences before and after
    }

    def __init__(self, options: dict):
        super().__init__(options)
        if not self.options["attributed_by"]:
            raise OptionError("attributed_by", "an attribution rule needs 'attributed_by' patterns")
        if self.options["window"] < 0:
            raise OptionError("window", "must be 0 or more")
        self.attributed_by = _matcher([], self.options["attributed_by"], False, key="attributed_by")

    def accept(self, doc: Document, start: int, end: int) -> bool:
        if doc.in_quote(start, end) or not super().accept(doc, start, end):
            return False
        return not self.attributed(doc, start, end)

    def attributed(self, doc: Document, start: int, end: int) -> bool:
        index = doc.sentence_index(start)
        window = self.options["window"]
        first = max(index - window, 0)
        last = min(index + window, len(doc.sentences) - 1)
        if not doc.sentences:
            return False
        lo, hi = doc.sentences[first][0], doc.sentences[last][1]
        lo = min(lo, doc.sentence_at(start)[0])
        hi = max(hi, doc.sentence_at(start)[1])
        # The claim phrase itself ("critics say") must not count as its own source.
        for a_start, a_end in self.attributed_by.finditer(doc.text, doc.lowered, lo, hi):
            if a_end <= start or a_start >= end:
                return True
        return False
