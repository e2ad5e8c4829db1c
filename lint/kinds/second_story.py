"""second-story: another article pasted under this one, reported once over its extent.

A CMS export or a scraper often appends the next story on the page: a
headline-like line, then paragraphs about something else. The test is lexical:
the words after the candidate headline barely overlap the article above it,
while a real subhead ("The Human Cost of Decay") introduces more of the same
story. Names weigh most: a different cast of people and places is the surest
sign of a different story.
"""
from __future__ import annotations

from .. import compiled_regex
from ..document import Document
from ..finding import Hit
from . import Context, Kind
from .lines import is_sentence, is_short

_NAME = compiled_regex.compile(r"(?<=[a-z,;:]\s)([A-Z][\w’'-]+)")
_TOKEN = compiled_regex.compile(r"[A-Za-z][\w’'-]*")
# Function words and reporting verbs carry no topic.
_STOP = frozenset(
    """the and for that with from this have has had was were are been being its it's
    their there they them then than also into over under after before about against
    between during without within while which who whom whose what when where why how
    said says say told tells according would could should will shall may might must
    can not but our your his her him she he you we all any each more most other some
    such only own same very just one two three new last year years day days week
    month months time first second earlier later since upon amid among across
    mr mrs ms dr""".split()
)


def _words(text: str) -> set[str]:
    out = set()
    for token in _TOKEN.findall(text):
        word = token.lower().strip("’'-")
        if len(word) >= 3 and word not in _STOP:
            # A crude stem: "restore", "restoring", "restored" meet at six letters.
            out.add(word[:6])
    return out


def _names(text: str) -> set[str]:
    # Capitalised words not at a sentence start approximate proper names.
    names = set()
    for match in _NAME.finditer(text):
        word = match.group(1).lower()
        if word not in _STOP:
            names.add(word[:6])
    return names


def _continues(next_line: list[str]) -> bool:
    """A line followed by lowercase text or a list is a sentence broken by the export, not a headline."""
    start = next_line[0].lstrip()[:1] if next_line else ""
    return start.islower() or start in ("-", "•", "*", "–")


class SecondStory(Kind):
    name = "second-story"
    OPTIONS = {
        "headline_max_words": 16,
        "min_paragraphs_before": 3,  # the article must have a body before a second story
        "min_paragraphs_after": 2,   # and the pasted story a body of its own
        "prose_words": 12,           # a line with this many words is a paragraph
        "max_overlap": 0.2,          # share of the block's words also found above it
    }

    def find(self, doc: Document, ctx: Context):
        lines = doc.nonblank
        texts = [doc.line_text(i) for i in lines]
        # Paragraphs are sentences; headline lists (widgets, menus) are not.
        prose = [doc.line_words[i] >= self.options["prose_words"] and is_sentence(t) for i, t in zip(lines, texts)]
        if sum(prose) < self.options["min_paragraphs_before"] + self.options["min_paragraphs_after"]:
            return
        for pos, i in enumerate(lines):
            text = texts[pos].strip()
            if (
                i in ctx.boundaries
                or not is_short(doc, i, self.options["headline_max_words"])
                or doc.line_words[i] < 3
                or not text[:1].isupper()
                or sum(prose[:pos]) < self.options["min_paragraphs_before"]
                or sum(prose[pos + 1:]) < self.options["min_paragraphs_after"]
                or _continues(texts[pos + 1:pos + 2])
            ):
                continue
            overlap = self.overlap("\n".join(texts[:pos]), "\n".join(texts[pos:]))
            if overlap < self.options["max_overlap"]:
                last = lines[-1]
                yield Hit(doc.lines[i][0], doc.lines[last][1], values=(("overlap", f"{overlap:.0%}"),))
                return

    @staticmethod
    def overlap(above: str, below: str) -> float:
        words_above, words_below = _words(above), _words(below)
        names_above, names_below = _names(above), _names(below)
        if not words_below:
            return 1.0
        word_share = len(words_below & words_above) / len(words_below)
        name_share = len(names_below & names_above) / len(names_below) if names_below else word_share
        return (word_share + name_share) / 2
