"""attribution: a claim phrase is reported only when nothing near it says who claims it.

"many hope", "critics say", "it is believed": fine when the sentence names its
source ("..., said Khan", "according to the embassy"), weasel wording when it
does not. The pack holds the grammar (vague subjects, verbs, the patterns that
join them) and what counts as naming a source; this kind decides where to look:

- the claim's sentence, `window` sentences either side, and `window_after`
  sentences after it ("Experts warn. Jane Roe, a planner at X, said ..."),
  one more for each sentence at its end that carries the same voice on
  (`continued_by`: "Critics say ... They argue ... Jane Roe said"), kept
  inside the claim's paragraph when `window_within` is "paragraph";
- the whole article for `defined_by`: a group or report the article has
  identified ("experts from the WHO", "insiders surveyed", "the report by the
  Netherlands ...") is not vague wherever it recurs;
- never inside a direct quotation, an interview's questions and answers
  (`transcript_questions`), or a list of other stories' headlines (`skip_lists`).
"""
from __future__ import annotations

import bisect
import re
import weakref

from ..document import Document
from ..segment import strip_span
from . import OptionError
from .phrase import Phrase, _matcher

WITHIN = ("document", "paragraph")

# A single curly quote opens after a non-letter and closes before one; a ’ between
# letters is an apostrophe inside the quotation ("it’s"), not its end.
_SINGLE_QUOTE = re.compile(r"(?<!\w)‘(?:[^‘’\n]|’(?=\w))*’(?!\w)")
_SENTENCE_END = re.compile(r"[.!?…:;][\"”’)\]]*\s*$")
_CONTRAST = re.compile(r"\b(?:but|while|whereas|although|though|yet|however)\b")
# The other side speaking in the claim's own sentence: "..., but its members reject such claims".
_COUNTER_VOICE = re.compile(r"\b(?:but|while|whereas|although|though|yet|however)\b[^.;!?\n]{0,60}?"
                            r"\b(?:say|says|said|reject|rejects|rejected|deny|denies|denied|insist|insists|"
                            r"insisted|argue|argues|argued|counter|counters|countered|dispute|disputes|disputed)\b")
_OPENING_QUOTES = ("“", '"', "‘")
_INNER_STOP = re.compile(r"[.!?…][\"”’)\]]*\s")
_WORD = re.compile(r"[\w’'-]+")
# A headline-like neighbour: a line of this many words that does not end a sentence.
# (Fewer than the minimum is a subhead, a name or a menu word: "South Korea", "Celine Dion".)
LIST_LINE_WORDS = 16
LIST_LINE_MIN_WORDS = 4
# A teaser between two such lines is at most this long.
LIST_ITEM_WORDS = 40
# In an interview at least this share of the paragraphs from the first question on are questions.
TRANSCRIPT_SHARE = 0.25
# The window runs on for at most this many sentences that carry the claim's voice on.
MAX_CONTINUED = 2
# A contrast this many words or fewer before a source or a claim makes them two voices
# ("Critics say X, but the minister, Jane Roe, said"; "the Bank said X, but the move was
# criticised by some").
CONTRAST_WORDS = 6


class Attribution(Phrase):
    name = "attribution"
    OPTIONS = {
        **Phrase.OPTIONS,
        "attributed_by": [],          # patterns that name a source: "said Khan", "according to the IMF"
        "window": 0,                  # also look this many sentences before and after
        "window_after": 0,            # and this many more after ("... experts warn. Jane Roe said ...")
        "window_within": "document",  # "paragraph": the window stops at the claim's paragraph
        "continued_by": [],           # patterns of a sentence that carries the claim's voice on ("They argue")
        "defined_by": [],             # patterns whose group 1 is a noun the article identifies
        "transcript_questions": 0,    # this many question paragraphs make a Q&A transcript (0: off)
        "skip_lists": False,          # skip a line between two headline-like lines
        "skip_headlines": False,      # skip a short line that ends no sentence (a title, a menu item)
        "anaphoric": [],              # patterns for a claim that starts with a pronoun ("many", "some")
        "antecedent": [],             # ... cleared when the sentence before it opens with one of these
    }

    def __init__(self, options: dict):
        super().__init__(options)
        opts = self.options
        if not opts["attributed_by"]:
            raise OptionError("attributed_by", "an attribution rule needs 'attributed_by' patterns")
        for key in ("window", "window_after", "transcript_questions"):
            if opts[key] < 0:
                raise OptionError(key, "must be 0 or more")
        if opts["window_within"] not in WITHIN:
            raise OptionError("window_within", f"'{opts['window_within']}' is not one of {', '.join(WITHIN)}")
        self.attributed_by = _matcher([], opts["attributed_by"], False, key="attributed_by")
        self.continued_by = _matcher([], opts["continued_by"], False, key="continued_by")
        self.defined_by = _matcher([], opts["defined_by"], False, key="defined_by")
        self.anaphoric = _matcher([], opts["anaphoric"], False, key="anaphoric")
        self.antecedent = _matcher([], opts["antecedent"], False, key="antecedent")
        if bool(self.anaphoric) != bool(self.antecedent):
            raise OptionError("antecedent", "'anaphoric' and 'antecedent' go together")
        # Rules that share their defined_by patterns (a YAML anchor) share the facts too.
        self._facts_key = (tuple(opts["defined_by"]), opts["transcript_questions"])

    def accept(self, doc: Document, start: int, end: int) -> bool:
        if doc.in_quote(start, end) or not super().accept(doc, start, end):
            return False
        facts = self._facts(doc)
        if any(q_start <= start and end <= q_end for q_start, q_end in facts.single_quotes):
            return False
        if facts.transcript_from is not None and start >= facts.transcript_from:
            return False
        if self.options["skip_lists"] and _in_headline_list(doc, start):
            return False
        if self.options["skip_headlines"] and _is_headline(doc, start):
            return False
        if doc.text[slice(*doc.sentence_at(start))].rstrip(" \t\n\"”’)").endswith("?"):
            return False  # a question asserts nothing
        if facts.defined and _words(doc.lowered[start:end]) & facts.defined:
            return False
        return not self.attributed(doc, start, end)

    def attributed(self, doc: Document, start: int, end: int) -> bool:
        if not doc.sentences:
            return False
        lo, hi = self._window(doc, start)
        # The claim phrase itself ("critics say") must not count as its own source.
        for a_start, a_end in self.attributed_by.finditer(doc.text, doc.lowered, lo, hi):
            if a_end <= start or a_start >= end:
                # "The team claimed X, but other reports suggest Y", "Critics say X. But Jane
                # Roe said ...": a contrast is another voice. (A "but" inside the claim's own
                # words, or in the source's sentence far from it, is not.)
                # Only where the contrast joins the two: the few words before a claim that
                # follows ("..., but reports suggest") or a source that follows ("..., but
                # the minister, Jane Roe, said"); and a claim that gives the other side its
                # voice ("Critics say X, but its members reject it") is not cleared by a source
                # in a later sentence, who most likely speaks for that side.
                if a_end <= start:
                    near = _WORD.findall(doc.lowered[a_end:start])[-CONTRAST_WORDS:]
                else:
                    claim_sentence_end = doc.sentence_at(start)[1]
                    if a_start >= claim_sentence_end and _COUNTER_VOICE.search(doc.lowered, end, claim_sentence_end):
                        continue
                    near = _WORD.findall(doc.lowered[max(end, doc.sentence_at(a_start)[0]):a_start])[-CONTRAST_WORDS:]
                if not _CONTRAST.search(" ".join(near)):
                    return True
        return self._has_antecedent(doc, start, end)

    def _has_antecedent(self, doc: Document, start: int, end: int) -> bool:
        """A pronoun claim ("Many worry ...") whose holders its sentence or the one before names.

        "Restaurant owners protested, saying ... Many worry ...": the antecedent
        opens the sentence before, or the claim's own sentence before the claim.
        """
        if not self.anaphoric:
            return False
        if not any(a_start == start for a_start, _ in self.anaphoric.finditer(doc.text, doc.lowered, start, end)):
            return False
        index = doc.sentence_index(start)
        spans = [(doc.sentence_at(start)[0], start)]
        if index > 0:
            spans.append(doc.sentences[index - 1])
        return any(a_start == lo for lo, hi in spans
                   for a_start, _ in self.antecedent.finditer(doc.text, doc.lowered, lo, hi))

    def _window(self, doc: Document, start: int) -> tuple[int, int]:
        index = doc.sentence_index(start)
        opts = self.options
        last_index = len(doc.sentences) - 1
        first = max(index - opts["window"], 0)
        last = min(index + opts["window"] + opts["window_after"], last_index)
        for _ in range(MAX_CONTINUED if self.continued_by and last > index else 0):
            if last == last_index or not self.continued_by.search(doc.text, doc.lowered, *doc.sentences[last]):
                break
            last += 1
        own = doc.sentence_at(start)
        lo, hi = min(doc.sentences[first][0], own[0]), max(doc.sentences[last][1], own[1])
        if opts["window_after"] and last > index and doc.text[doc.sentences[last][0]:][:1] in _OPENING_QUOTES:
            # A quotation that follows is one voice: its speaker is named where it ends,
            # which may be sentences later ("... a source," the EU's spokesman said).
            hi = max(hi, _paragraph(doc, doc.sentences[last][0], doc.sentences[last])[1])
        if opts["window_within"] == "paragraph":
            p_lo, p_hi = _paragraph(doc, start, own)
            lo, hi = max(lo, p_lo), min(hi, p_hi)
        return lo, hi

    def _facts(self, doc: Document) -> "_Facts":
        known = _FACTS.setdefault(doc, {})
        facts = known.get(self._facts_key)
        if facts is None:
            facts = known[self._facts_key] = _Facts(doc, self.defined_by, self.options["transcript_questions"])
        return facts


# What the rules know about each document being read, by what they ask (see _facts).
_FACTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class _Facts:
    """What this rule needs to know about a whole document, worked out once."""

    def __init__(self, doc: Document, defined_by, transcript_questions: int):
        self.single_quotes = [m.span() for p_start, p_end in doc.paragraphs
                              for m in _SINGLE_QUOTE.finditer(doc.text, p_start, p_end)]
        self.defined: set[str] = set()
        if defined_by:
            for d_start, d_end in defined_by.finditer(doc.text, doc.lowered):
                self.defined |= _defined_words(defined_by, doc, d_start, d_end)
        self.transcript_from = _transcript_start(doc, transcript_questions) if transcript_questions else None


def _defined_words(defined_by, doc: Document, start: int, end: int) -> set[str]:
    """The words of group 1 of the defined_by pattern that found doc.text[start:end]."""
    for pattern in defined_by.patterns:
        found = pattern.match(doc.text, start)
        if found is not None and found.end() == end and found.lastindex:
            return _words(found.group(1).lower())
    return set()


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text))


def _paragraph(doc: Document, offset: int, fallback: tuple[int, int]) -> tuple[int, int]:
    return doc.paragraph_at(offset) or fallback


def _transcript_start(doc: Document, needed: int) -> int | None:
    """Where an interview's questions and answers begin, if the article is one.

    A news story asks a question now and then; an interview prints a run of
    them, each its own paragraph, every few paragraphs. From the first of them
    on, every sentence is someone speaking (the interviewer or the guest), not
    the writer asserting.
    """
    flags = [doc.text[p_start:p_end].rstrip().endswith("?") for p_start, p_end in doc.paragraphs]
    if sum(flags) < needed:
        return None
    first = flags.index(True)
    if sum(flags) < TRANSCRIPT_SHARE * (len(flags) - first):
        return None
    return doc.paragraphs[first][0]


def _in_headline_list(doc: Document, offset: int) -> bool:
    """True for a line between two headline-like lines: a teaser in a list of other stories."""
    index = doc.line_index(offset)
    if doc.line_words[index] > LIST_ITEM_WORDS:
        return False
    nonblank = doc.nonblank
    at = bisect.bisect_left(nonblank, index)
    if at == 0 or at + 1 >= len(nonblank) or nonblank[at] != index:
        return False
    # Hard-wrapped prose is one paragraph over several short lines; a list's items are not.
    p_start, p_end = _paragraph(doc, offset, doc.lines[index])
    neighbours = [doc.lines[nonblank[j]] for j in (at - 1, at + 1)]
    if any(p_start <= n_start < p_end for n_start, _ in neighbours):
        return False
    return all(_headline_like(doc, nonblank[j]) for j in (at - 1, at + 1))


def _is_headline(doc: Document, offset: int) -> bool:
    """A title, subhead or menu item: a short line that is its own paragraph and ends no sentence."""
    index = doc.line_index(offset)
    line = doc.lines[index]
    if _paragraph(doc, offset, line) != segment_strip(doc, line):
        return False
    text = doc.line_text(index).strip()
    # A fragment of broken-up prose (") and Gannett reportedly") starts with no capital.
    if not text[:1].isupper() and not text[:1].isdigit():
        return False
    if _INNER_STOP.search(text):  # a sentence ends inside it: prose, not a title
        return False
    return 0 < doc.line_words[index] <= LIST_LINE_WORDS and not _SENTENCE_END.search(text)


def segment_strip(doc: Document, span: tuple[int, int]) -> tuple[int, int]:
    return strip_span(doc.text, *span)


def _headline_like(doc: Document, index: int) -> bool:
    text = doc.line_text(index).strip()
    return LIST_LINE_MIN_WORDS <= doc.line_words[index] <= LIST_LINE_WORDS and not _SENTENCE_END.search(text)
