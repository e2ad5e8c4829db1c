"""Page layout by shape (lint/kinds/layout.py) and the runs reported over it (page_runs.py)."""
from lint.kinds import Context
from lint.kinds.layout import COUNTER, FRAGMENT, HEADLINE, NAV, OTHER, PROSE, layout, shape_of
from lint.reader import parse
from lint.segment import word_count

from conftest import lint_text

PARAGRAPHS = [
    "The council approved the budget on Tuesday after a debate that lasted more than four hours.",
    "Councillors said the new levy would fund repairs to the harbour wall and two schools in the town.",
    "The mayor said the vote was a turning point for the town and its ageing infrastructure.",
    "Opposition members said the levy would fall hardest on small shops along the seafront.",
]
MENU = ["Home", "Local News", "Sport", "Business & Markets", "Weather", "Obituaries"]
# A copied page ends with its footer, not with the menu.
FOOTER = ["© 2025 The Harbour Gazette. All rights reserved."]
HEADLINES = [
    "Teachers vote to strike over pay offer",
    "Police appeal after jewellery shop raid",
    "Heatwave warning issued for the weekend",
]


def shape(text):
    return shape_of(text, word_count(text), 12, 4, 18)


def rules_in(linter, lines):
    return {f.rule for f in lint_text(linter, "\n".join(lines) + "\n")}


def test_line_shapes():
    assert shape(PARAGRAPHS[0]) == PROSE
    assert shape("Business & Markets") == NAV
    assert shape("U.S.") == NAV
    assert shape("222 retweets") == COUNTER
    assert shape("1") == COUNTER and shape("/") == COUNTER
    assert shape(HEADLINES[0]) == HEADLINE
    # Sentence-case four words read as a headline, not a label.
    assert shape("Minister doesn't rule out resigning") == HEADLINE
    # Pieces of a sentence broken by inline links.
    assert shape("and") == FRAGMENT and shape(".") == FRAGMENT and shape("Basket of Wild Strawberries,") == FRAGMENT
    # The article's own lists are not menus.
    assert shape("- Free parking on Sundays") == OTHER and shape("2. Keep receipts") == OTHER
    assert shape("Who's there?") != NAV


def test_body_is_the_densest_prose():
    doc = parse("page.txt", "\n".join(MENU + PARAGRAPHS + MENU).encode())
    page = layout(doc, Context())
    assert page.body == (len(MENU), len(MENU) + len(PARAGRAPHS) - 1)
    assert not page.paragraphed


def test_menu_after_the_body_is_one_finding(linter):
    findings = [f for f in lint_text(linter, "\n".join(PARAGRAPHS + MENU[1:] + FOOTER) + "\n") if f.rule == "NL710"]
    assert [(f.line, f.end_line) for f in findings] == [(5, 9)]


def test_short_run_and_subheads_in_the_body_are_not_menus(linter):
    lines = PARAGRAPHS[:2] + ["What happens next", "Who pays"] + PARAGRAPHS[2:]
    assert not rules_in(linter, lines) & {"NL710", "NL711", "NL610"}


def test_blank_line_separated_list_is_written_not_scraped(linter):
    fixtures = ["Arsenal", "Stoke", "Derby", "Wigan", "Wolves", "Millwall"]
    assert "NL710" not in rules_in(linter, "\n\n".join(PARAGRAPHS + fixtures + FOOTER).split("\n"))
    assert "NL710" in rules_in(linter, PARAGRAPHS + fixtures + FOOTER)


def test_fixture_list_is_content(linter):
    fixtures = ["Leeds v Hull", "Derby v Wigan", "Wolves v Millwall", "Oldham v Stoke"]
    assert "NL710" not in rules_in(linter, PARAGRAPHS + fixtures + FOOTER)


def test_headlines_before_the_body(linter):
    assert "NL610" in rules_in(linter, HEADLINES + PARAGRAPHS)


def test_headlines_sharing_the_articles_words_are_its_own(linter):
    own = ["Council approves harbour wall levy", "Levy to fund repairs to two schools", "Mayor hails budget vote as turning point"]
    assert "NL610" not in rules_in(linter, own + PARAGRAPHS)


def test_pager_needs_one_headline(packs):
    from lint.config import Settings
    from lint.runner import Linter

    # Alone: in the full set the headed-list rule NL603 reports the same pager first.
    alone = Linter(packs, Settings(select=["NL610"]))
    assert "NL610" in rules_in(alone, PARAGRAPHS + ["Previous", HEADLINES[0], "Next", HEADLINES[1]] + FOOTER)
    assert "NL610" not in rules_in(alone, PARAGRAPHS + [HEADLINES[0]])


def test_headlines_inside_a_menu_are_info(linter):
    findings = lint_text(linter, "\n".join(PARAGRAPHS + ["Sport", "Weather"] + HEADLINES + ["Traffic", "Travel"] + FOOTER) + "\n")
    assert {f.rule: f.severity for f in findings if f.rule.startswith("NL61")} == {"NL612": "info"}


def test_caps_link_between_paragraphs(linter):
    link = "MINISTER SAYS 'NO DEAL' ON HARBOUR FUNDING AFTER TALKS COLLAPSE"
    assert "NL611" in rules_in(linter, PARAGRAPHS[:2] + [link] + PARAGRAPHS[2:])
    # A short capitals subhead is a subhead.
    assert "NL611" not in rules_in(linter, PARAGRAPHS[:2] + ["WHAT COMES NEXT"] + PARAGRAPHS[2:])


# An article's own short-line material: none of it is a menu or a list of other stories.
# (A list that the footer follows is not between paragraphs: the seeds must pass on their shape.)
ARTICLE_LISTS = {
    "recipe": PARAGRAPHS[:1] + ["Ingredients", "225g butter", "225g caster sugar", "4 eggs", "2 lemons, zested",
                                "Method"] + PARAGRAPHS[1:],
    "squad": PARAGRAPHS[:1] + ["Goalkeepers", "Jordan Pickford", "Dean Henderson", "Defenders", "Kyle Walker",
                               "John Stones", "Harry Maguire", "Luke Shaw", "Midfielders", "Declan Rice",
                               "Jude Bellingham", "Phil Foden", "Bukayo Saka"] + PARAGRAPHS[1:],
    "poem": PARAGRAPHS[:2] + ["The wind came in", "Across the bay", "It took the roof", "And then the day",
                              "We stood and watched", "The water rise", "And no one spoke",
                              "Beneath grey skies"] + PARAGRAPHS[2:],
    "results": PARAGRAPHS[:2] + ["Results", "Liberal Democrats 28", "Conservatives 19", "Labour 7",
                                 "Green Party 3"] + PARAGRAPHS[2:],
    "line-up at the end": PARAGRAPHS + ["The main stage line-up on Saturday is:", "The Lumineers",
                                        "Florence and the Machine", "Arctic Monkeys", "Jorja Smith"],
    "seeds": PARAGRAPHS + ["1 Anna Berg (Sweden)", "2 Maria Costa (Brazil)", "3 Lena Fischer (Germany)",
                           "4 Sofia Marin (Spain)", "5 Ella Novak (Czech Republic)"] + FOOTER,
    "accounts table": PARAGRAPHS[:2] + ["Revenue", "£412m", "Wages", "£298m", "Net debt", "£520m"] + PARAGRAPHS[2:],
}


def test_articles_own_lists_are_left_alone(linter):
    for name, lines in ARTICLE_LISTS.items():
        found = rules_in(linter, lines) & {"NL610", "NL611", "NL612", "NL710", "NL711", "NL712"}
        assert not found, f"{name}: {found}"
