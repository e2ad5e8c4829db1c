"""NL608: a bulleted list of other stories' headlines between two paragraphs (lint/kinds/link_list.py)."""
from conftest import lint_text

ABOVE = "Pakistan said 26 people died in the missile strikes and five in shelling along the Line of Control, its army said.\n"
BELOW = "He said that though he had offered an international inquiry into the attack, New Delhi did not respond.\n"
LINKS = ("- India shoots missiles into Pakistani territory as tensions grow over Kashmir attack\n"
         "- Seven challenges ahead for the new prime minister on the foreign policy landscape\n")


def links(linter, text):
    return [(f.line, f.end_line) for f in lint_text(linter, text) if f.rule == "NL608"]


def test_headlines_between_two_paragraphs_are_a_link_box(linter):
    assert links(linter, ABOVE + LINKS + BELOW) == [(2, 3)]


def test_an_ad_slot_under_the_links_does_not_hide_the_paragraph_after_it(linter):
    text = ABOVE + LINKS + "- Advertisement embed-more-topicStory continues below\n" + BELOW
    assert links(linter, text) == [(2, 3)]


def test_a_list_the_writer_introduces_is_the_article(linter):
    assert links(linter, ABOVE.replace("its army said.", "its army said in a statement that listed the following:") + LINKS + BELOW) == []
    lead_in = "The army's statement, issued on Wednesday evening after the strikes, made three claims.\n"
    assert links(linter, lead_in + LINKS + BELOW) == []


def test_a_list_at_the_text_edge_or_of_short_points_is_left_alone(linter):
    assert links(linter, ABOVE + LINKS) == []
    points = "- A freeze on petrol duty\n- Help for pensioners\n"
    assert links(linter, ABOVE + points + BELOW) == []
