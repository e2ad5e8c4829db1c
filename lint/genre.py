"""What kind of piece an article is, from general signals: a news report or something else.

The sourcing profile's unattributed share (NL903) fits a news report, whose facts
are someone's to vouch for. A column or first-person piece, a guide that talks to
the reader, a review, a letter, a match report or a feature carries its writer's
own view or record and names few sources by nature. The signals are shallow and
general, never an outlet's layout:

* first person outside quotations ("I", "we", "my"): the writer speaks as himself;
* second person outside quotations ("you", "your"): a guide or advice piece;
* genre markers per 100 words (the pack's patterns: scores and match vocabulary,
  ratings, "directed by", "Dear Sir");
* the lede: a news report's first sentences carry a news peg (a day, "has
  announced", "said on", a dateline); a feature opens on a scene or an idea, and an
  explainer's headline asks a question ("How the awards grew").

Thresholds come from the rule (rules/sourcing.yaml); the first signal past its
threshold names the genre.
"""
from __future__ import annotations

from typing import NamedTuple

from . import compiled_regex
from .document import Document

_FIRST_PERSON = compiled_regex.compile(
    r"\b(?:I|[Mm]e|[Mm]y|[Mm]ine|[Mm]yself|[Ww]e|us|[Oo]ur|[Oo]urs|[Oo]urselves)(?:[’'](?:m|ve|d|ll|re))?\b"
)
_SECOND_PERSON = compiled_regex.compile(r"\b(?:[Yy]ou|[Yy]our|[Yy]ours|[Yy]ourself)(?:[’'](?:re|ve|ll|d))?\b")
_WORD = compiled_regex.compile(r"\S+")


class Genre(NamedTuple):
    name: str     # news | first-person | address | markers | feature
    reason: str   # what showed it ("first person: 3.1 words in 100 outside quotations")

    @property
    def news(self) -> bool:
        return self.name == "news"


NEWS = Genre("news", "")


def read_genre(doc: Document, lede: list[tuple[int, int]], options: dict, markers, pegs, headlines) -> Genre:
    """The article's genre. `lede`: spans of its first claim sentences; `markers`,
    `pegs`, `headlines`: matchers of genre markers, news pegs and feature headlines."""
    text = doc.text
    outside = _outside_quotes(doc)
    words = len(_WORD.findall(outside)) or 1
    first = 100 * len(_FIRST_PERSON.findall(outside)) / words
    if first > options["max_first_person"]:
        return Genre("first-person", f"first person: {first:.1f} words in 100 outside quotations")
    second = 100 * len(_SECOND_PERSON.findall(outside)) / words
    if second > options["max_second_person"]:
        return Genre("address", f"it talks to the reader: {second:.1f} words in 100 are 'you' or 'your'")
    if markers:
        count = sum(1 for _ in markers.finditer(text, doc.lowered))
        density = 100 * count / words
        if density > options["max_genre_markers"]:
            return Genre("markers", f"{count} review, letter or match-report markers ({density:.1f} in 100 words)")
    title = _title(doc)
    if headlines and title and headlines.search(text, doc.lowered, *title):
        return Genre("feature", "its headline asks or explains rather than reports")
    if pegs and lede and not any(pegs.search(text, doc.lowered, start, end) for start, end in lede):
        return Genre("feature", "its first sentences carry no news peg (no day, no 'has announced', no dateline)")
    return NEWS


def _outside_quotes(doc: Document) -> str:
    parts, last = [], 0
    for start, end in doc.quotes:
        if start >= last:
            parts.append(doc.text[last:start])
            last = end
    parts.append(doc.text[last:])
    return " ".join(parts)


def _title(doc: Document) -> tuple[int, int] | None:
    """The headline: the first line of text when it reads as one (short, no sentence end)."""
    for i in doc.nonblank:
        line = doc.line_text(i).strip()
        if doc.line_words[i] <= 16 and not line.endswith((".", "!")):
            return doc.lines[i]
        return None
    return None
