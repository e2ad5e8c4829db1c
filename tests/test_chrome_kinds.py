"""The shape options of the block, phrase and headed-list kinds, on realistic page text."""
import pytest

from lint import reader
from lint.kinds import Context, OptionError
from lint.kinds.block import Block
from lint.kinds.headed_list import HeadedList
from lint.kinds.phrase import Phrase


def spans(kind, text):
    """(first line, last line), 1-based, of every hit."""
    doc = reader.parse("a.txt", text.encode())
    ctx = Context(frozenset(kind.markers(doc)))
    return [(doc.position(h.start)[0], doc.position(h.end - 1)[0]) for h in kind.find(doc, ctx)]


# -- block: weak lines ---------------------------------------------------------------

TIMESTAMP = r"^\s*(?:published|updated)\s+\d[^\n]{0,30}$"
BLOCK = {"lines": [r"^\s*follow\s*$", r"^\s*short\s+url\s*$"], "weak_lines": [TIMESTAMP, r"^\s*x\s*$"]}


def test_weak_line_alone_is_not_chrome():
    text = "Steel mill reopens\nBy Amina Qureshi\nPublished 3 March 2024\n\nThe mill reopened on Monday after nine years of silence.\n"
    assert spans(Block(BLOCK), text) == []


def test_weak_line_joins_a_run_with_a_strong_line():
    text = "Steel mill reopens\nShort Url\nPublished 3 March 2024\nFollow\n\nThe mill reopened on Monday after nine years of silence.\n"
    assert spans(Block(BLOCK), text) == [(2, 4)]


def test_run_of_weak_lines_only_is_not_reported():
    # A formula scraped one symbol a line: "x" is a platform name too.
    text = "where\nx\ni\n-\nx\nj\nis the distance between two points in the plane.\n"
    assert spans(Block(BLOCK), text) == []


def test_block_without_weak_lines_behaves_as_before():
    text = "Follow\nPublished 3 March 2024\n\nThe mill reopened on Monday after nine years of silence.\n"
    assert spans(Block({"lines": BLOCK["lines"]}), text) == [(1, 1)]


# -- phrase: max_words ---------------------------------------------------------------

def test_max_words_keeps_short_lines_only():
    rule = Phrase({"patterns": [r"\bfollow\s+us\s+on\s+instagram\b"], "scope": "line", "max_words": 8})
    text = ("Follow us on Instagram for more.\n"
            "The band told fans they could follow us on Instagram, the singer joked at the end of a long night.\n")
    assert spans(rule, text) == [(1, 1)]


def test_max_words_default_has_no_limit():
    rule = Phrase({"patterns": [r"\bfollow\s+us\s+on\s+instagram\b"], "scope": "line"})
    text = "The band told fans they could follow us on Instagram, the singer joked at the end of a long night.\n"
    assert spans(rule, text) == [(1, 1)]


def test_max_words_must_not_be_negative():
    with pytest.raises(OptionError):
        Phrase({"patterns": ["x"], "max_words": -1})


# -- headed-list: headlines, menus, breadcrumbs, teasers ------------------------------------

SHAPED = {
    "start": [r"^\s*(?:latest\s+news|recent\s+posts|post\s+navigation)\s*$"],
    "headline_words": 5, "min_headlines": 2, "nav_run": 3, "label_words": 3,
    "filler": [r"^\s*by\b[^\n]{0,30}$", r"^\s*\d{1,2}\s+\w+\s+\d{4}\s*$"],
    "not_headline": [r"^\s*(?:read|watch|see)\b"],
    "not_after": [r"^\s*(?:»|home|posted\s+in)\s*$"],
    "not_item": [r"\b(?:by|the|of)\s*$"],
    "teaser_words": 25,
}


def test_headline_list_is_reported():
    text = ("The mill reopened on Monday after nine years of silence.\n\nRecent Posts\n"
            "Council approves new budget for the harbour district\n3 March 2024\n"
            "Flood warning issued for the river valley towns\n2 March 2024\n")
    assert spans(HeadedList(SHAPED), text) == [(3, 6)]


def test_menu_under_the_heading_is_not_a_widget():
    text = "Latest News\nPolitics\nBusiness\nSport\nCulture\nWorld\nScience\n"
    assert spans(HeadedList(SHAPED), text) == []


def test_menu_descriptions_are_not_headlines():
    text = ("Latest News\nRead the latest posts from our newsroom team\nPhotos\n"
            "Watch the videos from the week in the capital\nVideo Gallery\n")
    assert spans(HeadedList(SHAPED), text) == []


def test_breadcrumb_heading_is_skipped():
    text = ("Home\n»\nLatest News\n»\nSteel mill reopens after nine years of silence\n"
            "Pakistan and Russia sign a deal for the mill in Karachi\nPosted in\nLatest News\n")
    assert spans(HeadedList(SHAPED), text) == []


def test_list_stops_at_a_menu_after_it():
    text = ("Recent Posts\nCouncil approves new budget for the harbour district\n"
            "Flood warning issued for the river valley towns\nAbout\nContact\nCareers\nAdvertise\n")
    assert spans(HeadedList(SHAPED), text) == [(1, 3)]


def test_teaser_under_a_headline_stays_in_the_list():
    text = ("Recent Posts\nNavy plan to empty the fuel tanks will take years\n"
            "Residents crowded into a public meeting on Tuesday to speak.\nBy Ana Lopes\n"
            "Storm brings hail and snow to the island's high peaks\nForecasters expect calmer weather by Friday.\n")
    assert spans(HeadedList(SHAPED), text) == [(1, 6)]


def test_prose_after_an_author_line_ends_the_list():
    text = ("Recent Posts\nNavy plan to empty the fuel tanks will take years\nBy\nAna Lopes\n"
            "Residents crowded into a public meeting on Tuesday to speak.\n"
            "Storm brings hail and snow to the island's high peaks\nCouncil approves new budget for the harbour district\n")
    assert spans(HeadedList(SHAPED), text) == []


def test_sentence_cut_at_a_link_ends_the_list():
    text = ("Recent Posts\nCouncil approves new budget for the harbour district\n"
            "During the festival week the showroom features a light installation created by\n"
            "Flood warning issued for the river valley towns\n")
    assert spans(HeadedList(SHAPED), text) == []


def test_previous_and_next_headings_make_one_widget():
    rule = HeadedList({**SHAPED, "start": [r"^\s*(?:previous|next)\s+story\s*$"]})
    text = ("Previous Story\nSteel mill workers stage a sit-in outside the ministry\n"
            "Next Story\nKarachi port handles record cargo in the first quarter\n")
    assert spans(rule, text) == [(1, 4)]


def test_headed_list_without_shape_options_behaves_as_before():
    rule = HeadedList({"start": [r"^\s*latest\s+news\s*$"]})
    text = "Latest News\nPolitics\nBusiness\nSport\n\nThe mill reopened on Monday after nine years of silence.\n"
    assert spans(rule, text) == [(1, 4)]


def test_max_words_counts_the_sentence_within_its_line():
    # Menu lines without full stops make one long "sentence"; the CTA line is still short.
    rule = Phrase({"patterns": [r"^\s*follow\s+us\s+on\s+instagram\b"], "scope": "sentence", "max_words": 8})
    text = "Home\nWorld news\nBusiness and markets\nCulture and the arts\nFollow us on Instagram\nSport\n"
    assert spans(rule, text) == [(5, 5)]
    long = "The band said fans should follow us on Instagram for news of the tour, which starts in May.\n"
    assert spans(Phrase({"patterns": [r"\bfollow\s+us\s+on\s+instagram\b"], "scope": "sentence", "max_words": 8}), long) == []


# -- repeated-line: a story card after a paragraph broken by links --------------------

def test_story_card_after_a_paragraph_broken_by_links():
    from lint.kinds.repeated_line import RepeatedLine

    card = RepeatedLine({"head_lines": 0, "min_words": 5, "min_distance": 1, "max_distance": 2, "between_prose": 2})
    text = ("The private equity firm, which owns more than ninety papers across the country, has cut newsrooms\n"
            "again this year\n"
            ".\n"
            "Column: A vulture firm's bid shows there is still value in newspapers\n"
            "Column: A vulture firm's bid shows there is still value in newspapers\n"
            "Among those who believe the press has value for society, the bid was read as a warning to the industry.\n")
    assert spans(card, text) == [(5, 5)]
    # Without the closing full stop the line above is a fragment, not a paragraph's end.
    assert spans(card, text.replace("\n.\n", "\nin the city\n")) == []
