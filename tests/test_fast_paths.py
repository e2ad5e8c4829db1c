"""Each shortcut taken for speed gives what the plain computation it replaced gives.

The plain versions are written out here, as they read before the shortcut, and
compared on drawn texts: a shortcut that changed one answer would change findings.
"""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lint import lead_search, segment
from lint.document import Document
from lint.mentions import number_spans
from lint.reader import parse

PIECES = ["Word", "word", "Mr.", "U.S.", "A.", "said", " ", "  ", "\n", "\n\n", ".", "!", "?", "…", '"', "“", "”",
          "‘", "’", "(", ")", "—", "1973", "in 2015", "founded", "closed for good", "$5bn", "40%", "\u00a0", "x."]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_the_word_before_a_stop_is_found_in_the_last_token(text):
    before = text + "."
    plain = segment._WORD_BEFORE.search(before)
    fast = segment._WORD_BEFORE.search(before.rsplit(None, 1)[-1])
    assert (plain and plain.group(1)) == (fast and fast.group(1))


def _doc(text: str) -> Document:
    return parse("a.txt", text.encode("utf-8"))


@settings(max_examples=200, deadline=None)
@given(TEXTS, st.data())
def test_quotes_and_paragraphs_found_by_bisection(text, data):
    doc = _doc(text)
    for _ in range(5):
        start = data.draw(st.integers(0, len(doc.text)))
        end = data.draw(st.integers(start, len(doc.text)))
        assert doc.in_quote(start, end) == any(s <= start and end <= e for s, e in doc.quotes)
        first = next(((s, e) for s, e in doc.paragraphs if s <= start <= e), None)
        assert doc.paragraph_at(start) == first


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_the_years_alone_are_the_years_of_all_numbers(text):
    every = [(s, e, m) for s, e, m in number_spans(text, 0, lambda o: (1, o + 1), set()) if m.kind == "year"]
    assert number_spans(text, 0, lambda o: (1, o + 1), set(), years_only=True) == every


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["critics", "say", "the", "theirs", "many", "Many", " ", "\n", "\t", ",", "sceptics",
                                 "criticsay", "a", "experts"]), max_size=50).map("".join))
def test_lead_starts_found_by_their_first_words_are_every_start(text):
    lowered = text.lower()
    plan = lead_search.plan(r"(?:critics|sceptics\s+say|many\s+experts|theirs)\b", 34,
                            lambda part: __import__("re").compile(part, 34), lambda: None)
    assert plan and plan.firsts
    found = list(lead_search._lead_starts(plan.lead, plan.firsts, lowered, 0, len(lowered)))
    assert found == list(lead_search._scan(plan.lead, lowered, 0, len(lowered)))
