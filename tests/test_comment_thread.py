"""NL620: readers' comments kept under an article, on realistic comment sections."""
import pytest

from conftest import lint_text

ARTICLE = (
    "The water board raised its prices by 6% on Monday, the second rise this year.\n"
    "It blamed the cost of repairing pipes damaged in the winter floods.\n"
    "Households will pay about £30 a year more, the board said in a statement.\n"
    "The regulator said it would review the rise next month.\n"
)


def thread(linter, text):
    return [(f.line, f.end_line) for f in lint_text(linter, text) if f.rule == "NL620"]


def test_a_numbered_heading_and_a_reader_line_start_a_thread(linter):
    text = ARTICLE + "2 Responses to “Water prices rise again”\nThanks for sharing this, my bill went up too.\n" \
        "Does the rise apply to businesses?\n"
    assert thread(linter, text) == [(5, 7)]


def test_author_and_age_lines_make_a_thread_without_a_heading(linter):
    text = ARTICLE + "Tom B • 5 hours ago\nThey always find a reason.\nAnn Lee • 1 day ago\nWho regulates the regulator?\n"
    assert thread(linter, text) == [(5, 8)]


def test_likes_counters_between_comments(linter):
    text = ARTICLE + "Shocking.\nLiked by 12 people\nMine doubled.\nLiked by 3 people\n"
    assert thread(linter, text) == [(6, 8)]


def test_one_sign_is_not_a_thread(linter):
    assert thread(linter, ARTICLE + "Tom B • 5 hours ago\nThey always find a reason.\n") == []
    assert thread(linter, ARTICLE + "Comments\nShare\nPrint\n") == []


def test_readers_voice_in_the_lede_or_in_quotes_is_the_article(linter):
    text = ("Great article writers are rare, the editor told the awards dinner.\n" + ARTICLE
            + "“Thank you for listening,” the chairman said.\n“I agree with every word,” said his deputy.\n")
    assert thread(linter, text) == []


def test_thread_stops_at_the_footer(linter):
    text = ARTICLE + "Tom B • 5 hours ago\nThey always find a reason.\nAnn Lee • 1 day ago\nNo surprise.\n" \
        "About us\nContact us\n© 2024 The Daily Example. All rights reserved.\n"
    found = thread(linter, text)
    assert found and found[0][1] <= 8


def test_a_heading_with_a_count_and_a_quoted_title_opens_a_thread_alone(linter):
    # No furniture, no reader's stock phrase: the heading says what follows.
    text = ARTICLE + "12 Responses to “Water prices rise again”\nGood riddance to the old meters.\n" \
        "What about the farms on private wells?\n"
    assert thread(linter, text) == [(5, 7)]
    assert thread(linter, ARTICLE + "12 Responses to “Water prices rise again”\n") == []


def test_name_and_age_on_two_lines_are_a_comment_but_a_file_listing_is_not(linter):
    text = ARTICLE + "Tom Baker\n5 hours ago\nThey always find a reason.\nAnn Lee\n1 day ago\nWho regulates the regulator?\n"
    assert thread(linter, text) == [(5, 10)]
    listing = ARTICLE + "Create README.md\n4 years ago\nUpdate the build script\n2 years ago\nFix LICENSE.md\n1 year ago\n"
    assert thread(linter, listing) == []
