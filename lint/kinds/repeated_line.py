"""repeated-line: a line printed twice: the headline (page title, then article
heading), or a story card's title (a teaser links its headline twice).

By default only lines near the top count as headlines: menus and widgets repeat
their items all over a page. With `head_lines: 0` any line counts, and
`max_distance` keeps only repeats close together: a related-story card inside
the article prints its title, then the same title as a link.
"""
from __future__ import annotations

from .. import compiled_regex
from ..document import Document
from ..finding import Hit, Related
from . import Context, Kind
from .lines import is_sentence


class RepeatedLine(Kind):
    name = "repeated-line"
    OPTIONS = {
        "min_words": 4,
        "head_lines": 5,    # the first occurrence must be among this many non-blank lines
        # Widgets print each headline twice in a row (title, then link); that is
        # the widget's finding, so repeats this close together are left alone.
        "min_distance": 3,
        "max_distance": 0,  # 0: no limit; else the repeat must come within this many lines
        "skip_lines": 0,    # lines at the top never counted (the page's own title lives there)
        # > 0: a paragraph of the article must stand within this many lines above the
        # first print and below the repeat (a card inside the body, not a menu's repeat)
        "between_prose": 0,
    }

    def find(self, doc: Document, ctx: Context):
        head: dict[str, int] = {}
        o = self.options
        anywhere = o["head_lines"] == 0
        for pos, i in enumerate(doc.nonblank):
            if doc.line_words[i] < o["min_words"] or pos < o["skip_lines"]:
                continue
            text = " ".join(doc.line_text(i).split()).lower()
            if text not in head or (o["max_distance"] and pos - head[text] > o["max_distance"]):
                if anywhere or pos < o["head_lines"]:
                    head[text] = pos
                continue
            first = head.pop(text)  # report each headline's first repeat only
            if o["between_prose"] and not (_prose_near(doc, first, -1, o["between_prose"])
                                           and _prose_near(doc, pos, 1, o["between_prose"])):
                continue
            if pos - first >= o["min_distance"]:
                start, end = doc.lines[i]
                first_line = doc.position(doc.lines[doc.nonblank[first]][0])[0]
                yield Hit(start, end, related=(Related(doc.path, first_line, "first printed here"),))


def _prose_near(doc: Document, pos: int, step: int, within: int) -> bool:
    """A paragraph (12+ words ending like a sentence) within `within` non-blank lines.

    In a copy of the whole page a paragraph broken by links ends on its own line of
    punctuation ("laid off several hundred" / "."): that counts as its end too.
    """
    lines = doc.nonblank
    for k in range(1, within + 1):
        j = pos + step * k
        if not 0 <= j < len(lines):
            return False
        text = doc.line_text(lines[j])
        if (doc.line_words[lines[j]] >= 12 or _CLOSING.match(text)) and is_sentence(text):
            return True
    return False


# Only the punctuation that closes a sentence broken by links: ".", ").", "”."
_CLOSING = compiled_regex.compile(r"""^[\s)\]"”’']*[.!?][\s)\]"”’']*$""")
