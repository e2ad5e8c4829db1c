"""Line shapes the block kinds share: what reads as prose and what as a label, and a line's topic words."""
from __future__ import annotations

from collections import Counter

from .. import compiled_regex
from ..document import Document
from ..segment import strip_span

_SENTENCE_END = compiled_regex.compile(r"""[.!?…]['"”’)\]]*\s*$""")
_TOPIC_TOKEN = compiled_regex.compile(r"[a-z][\w’'-]{2,}")  # on lowercased text: words of three letters or more
# Function words and reporting verbs carry no topic.
STOP_WORDS = frozenset(
    """the and for that with from this have has had was were are been being its it's
    their there they them then than also into over under after before about against
    between during without within while which who whom whose what when where why how
    said says say told tells according would could should will shall may might must
    can not but our your his her him she he you we all any each more most other some
    such only own same very just one two three new last year years day days week
    month months time first second earlier later since upon amid among across
    mr mrs ms dr""".split()
)


def topic_words(text: str, stop: frozenset = STOP_WORDS) -> Counter:
    """A text's content words, each as often as it is used, crudely stemmed:
    "restore", "restoring", "restored" meet at six letters."""
    stripped = (token.strip("’'-") for token in _TOPIC_TOKEN.findall(text.lower()))
    return Counter(word[:6] for word in stripped if len(word) >= 3 and word not in stop)


def is_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


def is_short(doc: Document, index: int, max_words: int) -> bool:
    """A label, number or headline-sized line: few words and no sentence ending."""
    return doc.line_words[index] <= max_words and not is_sentence(doc.line_text(index))


def matching_lines(doc: Document, matcher) -> set[int]:
    """Lines where the matcher finds something: one pass over the whole text, not one per line."""
    lines = set()
    for start, end in matcher.finditer(doc.text, doc.lowered):
        # ^\s* may start on a blank line above; the match belongs to its first character.
        lines.add(doc.line_index(strip_span(doc.text, start, end)[0]))
    return lines
