"""internal-contradiction: one article giving two incompatible dates for one event.

Two shapes, both about years tied to an event (the same extraction as the
cross-file number check, lint/mentions.py):

* finality: the article says something ended for good ("by 2015 it shut its
  doors for good") and later has it closing again in a later year ("closed
  officially in 2024"). A temporary halt followed by a final closure ("halted
  operations in 2015 ... official closure in 2024") is not reported: only an
  ending stated as final can be contradicted by a later one.
* origin: two different exact years for when the same named thing was
  founded, built or began operating ("founded in 1973" ... "established in
  1975"), the two sentences sharing a name.

Reported at the second statement, with the first as a related location.
"""
from __future__ import annotations

from .. import compiled_regex
from ..mentions import compatible, names_in, number_spans, single_names
from ..document import Document
from ..finding import Hit, Related
from . import Context, Kind


_YEAR = compiled_regex.compile(r"\b(?:1[5-9]|20)\d\d")


class InternalContradiction(Kind):
    name = "internal-contradiction"
    FIELDS = ("first", "first_line", "what")
    OPTIONS = {
        "finality": True,   # an ending said to be final, then a later ending
        "origin": True,     # two founding years for one named thing
    }

    def find(self, doc: Document, ctx: Context):
        mentions = []   # (start, end, mention, names of its sentence)
        for start, end in doc.sentences:
            text = doc.text[start:end]
            if not _YEAR.search(text):
                continue  # most sentences hold no year; names are costly to find
            years = [(s, e, m) for s, e, m in number_spans(text, start, doc.position, set(), years_only=True)
                     if m.kind == "year" and m.precise]
            if not years:
                continue  # a year tied to no founding or closing: its names are never compared
            names = {n.lower() for _, n in names_in(text)} | {n.lower() for _, n in single_names(text)}
            for s, e, m in years:
                mentions.append((start + s, start + e, m, names, start))
        reported: set[int] = set()
        for a_start, _, a, a_names, a_sentence in mentions:
            for b_start, b_end, b, b_names, b_sentence in mentions:
                if b_start <= a_start or b_sentence == a_sentence or b_start in reported or a.slot != b.slot:
                    continue
                if compatible(a, b):
                    continue
                if a.slot == "end" and self.options["finality"]:
                    final, other = (a, b) if a.final else (b, a) if b.final else (None, None)
                    if final is None or other.low <= final.high:
                        continue  # closing again later contradicts "for good"; an earlier halt does not
                    if a_names and b_names and not (a_names & b_names):
                        continue  # two named subjects
                elif a.slot == "origin" and self.options["origin"]:
                    if not (a_names & b_names):
                        continue
                else:
                    continue
                reported.add(b_start)
                yield Hit(
                    b_start, b_end,
                    related=(Related(doc.path, a.line, f"{a.value}: {a.excerpt}"),),
                    values=(("first", a.excerpt), ("first_line", a.line), ("what", b.what)),
                )
