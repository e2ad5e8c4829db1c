"""second-story: another article pasted under this one, reported once over its extent.

A CMS export or a scraper often appends the next story on the page: a
headline-like line, then paragraphs about something else. The page is cut into
*sections*: a headline-like line, a few lines of furniture (timestamp, byline,
the headline printed again), then a body of prose that ends where its own text
ends (where a block rule sees chrome or a widget begin, at the next
headline-like line, or at a run of short lines). A section is a second story
when its words and names barely overlap the rest of the article, measured
against the whole article (the text above it, the text below it and the title),
and clearly less than the article's own sections overlap each other: a listicle,
a live blog or a Q&A whose every part is about something else is one story, not
many. A pasted story with subheads of its own grows over the sections that
follow it when they read more like it than like the article.
"""
from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from .. import compiled_regex
from ..document import Document
from ..finding import Hit
from . import Context, Kind
from .lines import STOP_WORDS, is_sentence, topic_words

_NAME = compiled_regex.compile(r"(?<=[a-z,;:][ \t])([A-Z][\w’'-]+)")
# "Q:", "Disclaimer:", "Analysis: Jon Smith, Washington": a labelled line of a form, an
# interview or a box, neither a headline nor a story's paragraph. An all-capitals
# dateline ("ISLAMABAD: ...") is a story's first paragraph, not a label.
_LABEL = compiled_regex.compile(r"^(?:[A-Z]|[A-Z][A-Za-z’'.&-]*[a-z][A-Za-z’'.&-]*(?: [A-Za-z’'.&-]+){0,3}):\s")
# "317. Knock, knock", "4) Dated interiors": an item of a numbered list.
_NUMBERED = compiled_regex.compile(r"^\d{1,3}[.)]\s")
# A headline does not end on a word that needs the next one ("Given a set of").
_OPEN_END = frozenset("""a an the of to in on at by for from with and or but as that than into
    onto over under about is are was were be its their his her our your this these those""".split())
# "...great food. Steak lovers will": two sentences' pieces, not a headline.
_INNER_SENTENCE_END = compiled_regex.compile(r"[a-z]{2}[.!?]['\"”’]?\s+[A-Z]")
# A paragraph signed off with its writer's name: "... hates the network. Jane Doe".
_SIGN_OFF = compiled_regex.compile(r"[A-Za-z0-9)][.!?]['\"”’]?\s+(?:[A-Z][a-z’'-]+\s+){1,2}[A-Z][a-z’'-]+$")
# A live blog's entry time: "10:42", "2:15pm", "14:05 GMT", "2h ago", "Just now".
_TIME = compiled_regex.compile(
    r"(?i)^(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?|[A-Z]{2,4})?|\d+\s*(?:m|mins?|minutes?|h|hrs?|hours?)\s+ago|just\s+now)$",
)
# A line ending like this leads into what follows ("Here is what we know:"); it heads no story.
_LEADS_IN = (":", ",", ";", "-", "–", "—", "(", "&")


def _broken(text: str) -> bool:
    """A line that goes on with a sentence begun above it ("on Main Street, ...", ", as follows")."""
    start = text[:1]
    return start.islower() or start in (",", ".", ";", ":", ")")


class _Row(NamedTuple):
    index: int     # view line
    text: str
    words: int
    prose: bool    # a paragraph of the story's own text
    heading: bool  # shaped like a headline or a subhead
    boundary: bool # a block rule sees chrome or a widget begin here
    signed: bool   # ends with its writer's name: "... the campaign said. Jane Doe"


class _Section(NamedTuple):
    head: int      # row of the headline-like line (of the first paragraph, after a sign-off)
    first: int     # row of its first paragraph
    last: int      # row of its last paragraph
    prose: int     # paragraphs in it
    signed: bool   # it begins after another story's sign-off, without a headline


def _names(text: str) -> Counter:
    # Capitalised words not at a sentence start approximate proper names.
    names = Counter()
    for match in _NAME.finditer(text):
        word = match.group(1).lower()
        if word not in STOP_WORDS:
            names[word[:6]] += 1
    return names


def _share(below: Counter, above: Counter) -> float:
    """Share of the words of `below` also in `above`, a word counted as often as `below` uses it.

    A story's own topic recurs ("mill", "Khan", "dialogue"); counting each use
    lets those words decide, rather than the many words used once in passing.
    """
    total = sum(below.values())
    return sum(n for word, n in below.items() if word in above) / total if total else 1.0


def _continues(next_text: str) -> bool:
    """A line followed by lowercase text or a list is a sentence broken by the export, not a headline."""
    start = next_text.lstrip()[:1]
    return start.islower() or start in ("-", "•", "*", "–", ",", ".", ";", ":", ")")


class SecondStory(Kind):
    name = "second-story"
    FIELDS = ("overlap",)
    OPTIONS = {
        "headline_max_words": 16,
        "min_paragraphs_before": 3,  # the article must have a body before a second story
        "min_paragraphs_after": 2,   # and the pasted story a body of its own
        "prose_words": 12,           # a line with this many words (and a sentence end) is a paragraph
        "max_overlap": 0.2,          # share of the section's words also found in the rest of the article
        "section_ratio": 0.5,        # ...and at most this share of how much the article's own sections overlap
        "lead_lines": 8,             # furniture lines allowed between a headline and its first paragraph
        "short_run": 3,              # this many short lines in a row end a story's body
        "min_story_words": 60,       # words of prose a second story needs
        "min_new_names": 4,          # names of its own a second story needs
        "max_name_overlap": 0.35,    # share of its names' uses that the article's names may cover
        "min_teasers": 3,            # one-paragraph sections in a row that are judged together (a teaser grid)
    }

    def find(self, doc: Document, ctx: Context):
        rows = self._rows(doc, ctx)
        if sum(r.prose for r in rows) < self.options["min_paragraphs_before"] + self.options["min_paragraphs_after"]:
            return
        sections = self._teaser_runs(rows, self._sections(rows))
        if not any(self._may_be_story(rows, s) for s in sections):
            return  # the usual case, decided before counting any word
        vocab = _Vocabulary(rows, sections, doc.meta_text("title"))
        # A story judged to be pasted is no longer part of the article the others are
        # measured against (a page of several pasted stories); repeat until nothing changes.
        pasted: dict[int, float] = {}
        for _ in range(3):
            found = {k: v for k in range(len(sections))
                     if k not in pasted and (v := self._judge(rows, sections, k, vocab, pasted)) is not None}
            if not found:
                break
            pasted.update(found)
        # A roundup: two stories signed off under the article make every signed-off one another story.
        signed = [k for k, s in enumerate(sections) if s.signed]
        if sum(1 for k in signed if k in pasted) >= 2:
            for k in signed:
                pasted.setdefault(k, vocab.word_share(k, [], signed_only=True))
        # Stories that follow one another with no paragraph of the article between them are one block.
        blocks: list[list[int]] = []
        for k in sorted(pasted):
            if blocks and not any(r.prose for r in rows[sections[blocks[-1][-1]].last + 1:sections[k].head]):
                blocks[-1].append(k)
            else:
                blocks.append([k])
        for block in blocks:
            first, last = rows[sections[block[0]].head], rows[sections[block[-1]].last]
            overlap = max(pasted[k] for k in block)
            yield Hit(doc.lines[first.index][0], doc.lines[last.index][1], values=(("overlap", f"{overlap:.0%}"),))

    # -- the page cut into rows and sections ----------------------------------
    def _rows(self, doc: Document, ctx: Context) -> list[_Row]:
        o = self.options
        lines = doc.nonblank
        texts = [doc.line_text(i).strip() for i in lines]
        rows = []
        for pos, (i, text) in enumerate(zip(lines, texts)):
            words = doc.line_words[i]
            sentence = is_sentence(text)
            # "full" renderings break a sentence over several lines; a long line is prose either way.
            labelled = bool(_LABEL.match(text))
            signed = words >= 6 and bool(_SIGN_OFF.search(text))
            prose = (words >= o["prose_words"] and (sentence or signed or words >= 2 * o["prose_words"])
                     and not labelled)
            after = texts[pos + 1] if pos + 1 < len(texts) else ""
            heading = (
                3 <= words <= o["headline_max_words"]
                and not labelled
                and not signed
                and not _NUMBERED.match(text)
                and not sentence
                and (text[:1].isupper() or text[:1].isdigit() or text[:1] in "\"“‘'")
                and not text.endswith(_LEADS_IN)
                and text.rsplit(None, 1)[-1].lower() not in _OPEN_END
                and not _INNER_SENTENCE_END.search(text)
                and not _continues(after)
            )
            rows.append(_Row(i, text, words, prose, heading, i in ctx.boundaries, signed))
        return rows

    def _sections(self, rows: list[_Row]) -> list[_Section]:
        """Headed sections (a headline, its furniture, its body) and signed-off ones.

        A roundup page signs each story off with its writer's name ("... the
        campaign said. Jane Doe"); the next paragraph then begins another story,
        which has no headline of its own.
        """
        sections = []
        pos = 0
        while pos < len(rows):
            first = None
            if rows[pos].heading and not rows[pos].boundary:
                first = self._first_paragraph(rows, pos)
            elif (pos > 0 and rows[pos - 1].signed and not rows[pos].boundary
                  and rows[pos].words >= 5 and is_sentence(rows[pos].text)):
                first = pos
            if first is None:
                pos += 1
                continue
            last, count = self._body(rows, first)
            sections.append(_Section(pos, first, last, count, first == pos))
            pos = last + 1
        return sections

    def _teaser_runs(self, rows: list[_Row], sections: list[_Section]) -> list[_Section]:
        """Runs of headed one-paragraph sections, one after the other, as one section.

        A grid of other stories kept by an extractor prints each as its headline and
        a one-sentence teaser; no single teaser has the body a story is judged on, the
        run together has. Judged as one, it is another story only when, like any
        other section, its words and names are not the article's. Between two of
        them there may be a few labels ("Business", "Section") but no time: a live
        blog's entries have theirs ("10:42", "2h ago"), and a live blog is one story
        whatever its topics.
        """
        least = self.options["min_teasers"]
        if least < 2:
            return sections
        out: list[_Section] = []
        run: list[_Section] = []
        for section in sections + [None]:
            if (section is not None and section.prose == 1 and not section.signed
                    and (not run or (section.head - run[-1].last <= 3
                                     and not any(_TIME.match(r.text) for r in rows[run[-1].last + 1:section.head])))):
                run.append(section)
                continue
            if len(run) >= least:
                out.append(_Section(run[0].head, run[0].first, run[-1].last, len(run), False))
            else:
                out.extend(run)
            run = []
            if section is not None:
                if section.prose == 1 and not section.signed:
                    run = [section]
                else:
                    out.append(section)
        return out

    def _first_paragraph(self, rows: list[_Row], pos: int) -> int | None:
        """The first paragraph under a headline, past its furniture (dateline, byline, Follow line)."""
        limit = min(pos + 1 + self.options["lead_lines"], len(rows))
        first = next((j for j in range(pos + 1, limit) if rows[j].prose), None)
        # Another headline in the furniture makes this one an item of a list; a
        # lowercase line makes it a sentence broken over lines.
        if first is None or any(
            (rows[j].heading and not rows[j].boundary and j > pos + 1 and rows[j].text != rows[pos].text)
            or _broken(rows[j].text)
            for j in range(pos + 1, first + 1)
        ):
            return None
        return first

    def _body(self, rows: list[_Row], first: int) -> tuple[int, int]:
        """(last paragraph, paragraphs) of the body that starts at `first`: it ends where its own text ends."""
        last, count, short = first, 1, 0
        if rows[first].signed:
            return last, count
        for j in range(first + 1, len(rows)):
            row = rows[j]
            if row.boundary or (row.heading and self._first_paragraph(rows, j) is not None):
                break
            if row.prose:
                last, count, short = j, count + 1, 0
                if row.signed:
                    break
            elif row.words >= 2:
                short += 1
                if short >= self.options["short_run"]:
                    break
        return last, count

    # -- is this section another story? ---------------------------------------
    def _may_be_story(self, rows, section) -> bool:
        """A body of its own, under an article with a body of its own."""
        o = self.options
        return (section.prose >= o["min_paragraphs_after"]
                and self._prose_words(rows, section) >= o["min_story_words"]
                and sum(r.prose for r in rows[:section.head]) >= o["min_paragraphs_before"])

    def _judge(self, rows, sections, pos, vocab, pasted) -> float | None:
        """The overlap of sections[pos] with the article when it is another story, else None."""
        o = self.options
        section = sections[pos]
        if not self._may_be_story(rows, section):
            return None
        # The article: every row but this section's and those of stories already found pasted;
        # under a sign-off, the article is what came before the first one.
        outside = list(pasted) + [pos]
        overlap = vocab.word_share(pos, outside, signed_only=section.signed)
        if overlap >= o["max_overlap"]:
            return None
        new, name_share = vocab.names(pos, outside, signed_only=section.signed)
        if new < o["min_new_names"] or name_share > o["max_name_overlap"]:
            return None  # another story has people and places of its own
        # A listicle or a live blog: its own sections share as little with each other.
        own = [vocab.word_share(k, outside + [k]) for k, s in enumerate(sections)
               if k not in outside and s.prose >= o["min_paragraphs_after"]]
        if len(own) >= 2 and overlap > o["section_ratio"] * _median(own):
            return None
        # With no sections of its own to compare with, the article's paragraphs: in a short
        # article of varied paragraphs the text under a subhead shares as little with the
        # rest as another story would, and it is the article's continuation.
        if len(own) < 2 and not section.signed:
            cohesion = vocab.paragraph_shares(outside)
            if len(cohesion) >= o["min_paragraphs_before"] and overlap > o["section_ratio"] * _median(cohesion):
                return None
        return overlap

    @staticmethod
    def _prose_words(rows, section) -> int:
        return sum(r.words for r in rows[section.first:section.last + 1] if r.prose)

    @staticmethod
    def overlap(above: str, below: str) -> float:
        """Share of the topic words of `below` (each counted as often as it is used) found in `above`."""
        return _share(topic_words(below), topic_words(above))


class _Vocabulary:
    """Words and names of the page's story text (paragraphs and headings, not furniture),
    counted per section, so that "the article without these sections" is a subtraction
    instead of a new pass over the text."""

    def __init__(self, rows: list[_Row], sections: list[_Section], title: str):
        story = [r.prose or (r.heading and not r.boundary) for r in rows]
        self.sections = sections
        self.words = [Counter() for _ in sections]
        self.names_of = [Counter() for _ in sections]
        owner = {}
        for k, s in enumerate(sections):
            for j in range(s.head, s.last + 1):
                owner[j] = k
        self.paragraphs: list[tuple[int | None, Counter]] = []  # (owning section, words) of each paragraph
        self.total_words, self.total_names = topic_words(title), _names(title)
        self.head_words, self.head_names = topic_words(title), _names(title)  # down to the first sign-off
        signed_end = next((j for j, r in enumerate(rows) if r.signed), len(rows) - 1)
        for j, row in enumerate(rows):
            if not story[j]:
                continue
            # In a headline set in Title Case every word has a capital: only paragraphs give names.
            words, names = topic_words(row.text), (_names(row.text) if row.prose else Counter())
            self.total_words.update(words)
            self.total_names.update(names)
            if j <= signed_end:
                self.head_words.update(words)
                self.head_names.update(names)
            if j in owner:
                self.words[owner[j]].update(words)
                self.names_of[owner[j]].update(names)
            if row.prose:
                self.paragraphs.append((owner.get(j), words))
        self.signed_end = signed_end

    def paragraph_shares(self, left_out: list[int]) -> list[float]:
        """For each paragraph of the article (outside the sections left out), the share of its
        words the rest of the article uses: how much the article's own paragraphs hold together."""
        minus = [self.words[k] for k in left_out]
        return [_share_outside(words, self.total_words, minus + [words])
                for owner, words in self.paragraphs if owner not in left_out and words]

    def _base(self, left_out, signed_only, names):
        if signed_only:
            base = self.head_names if names else self.head_words
            left_out = [k for k in left_out if self.sections[k].head <= self.signed_end]
        else:
            base = self.total_names if names else self.total_words
        bags = self.names_of if names else self.words
        return base, [bags[k] for k in left_out]

    def word_share(self, pos: int, left_out: list[int], signed_only: bool = False) -> float:
        base, minus = self._base(left_out, signed_only, names=False)
        return _share_outside(self.words[pos], base, minus)

    def names(self, pos: int, left_out: list[int], signed_only: bool = False) -> tuple[int, float]:
        """(names of the section the article never uses, share of its name uses the article covers)."""
        base, minus = self._base(left_out, signed_only, names=True)
        names = self.names_of[pos]
        new = sum(1 for name in names if not _present(name, base, minus))
        return new, _share_outside(names, base, minus)


def _present(word: str, base: Counter, minus: list[Counter]) -> bool:
    return base[word] - sum(bag[word] for bag in minus) > 0


def _share_outside(below: Counter, base: Counter, minus: list[Counter]) -> float:
    """_share of `below` in `base` less the bags in `minus`."""
    total = sum(below.values())
    if not total:
        return 1.0
    return sum(n for word, n in below.items() if _present(word, base, minus)) / total


def _median(values: list[float]) -> float:
    """statistics.median, without importing statistics (fractions, decimal: ~8 ms of every run)."""
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2
