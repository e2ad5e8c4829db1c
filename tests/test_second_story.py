"""NL604 second-story: a pasted story is found over its own extent, and an article's own sections are not."""
from lint.config import Settings
from lint.rulepack import builtin_rules_dir, load_packs
from lint.runner import Linter

LINTER = Linter(load_packs([builtin_rules_dir()]), Settings())

ARTICLE = """\
Council votes to close Riverside bus depot

The city council voted on Tuesday to close the Riverside bus depot by the end of the year, ending a decade of disputes over its noise and traffic.

Council leader Maria Okafor said the depot had cost the city more than it earned and that its drivers would move to the new northern garage.

Residents of Riverside, who had campaigned against the depot since it opened, welcomed the vote but asked what would be built on the site.

The transport committee will publish plans for the depot land in the spring, a council spokesman said, after a consultation with local businesses.
"""

PASTED = """
Storm Elin leaves thousands without power across Cornwall and Devon

Gusts of up to 90mph brought down trees and power lines across Cornwall and Devon overnight, leaving thousands of homes in Truro, Exeter and Plymouth without electricity.

Western Power engineers worked through Wednesday to restore supplies, and the Met Office kept its amber warning in place for the Isles of Scilly and the north coast.

Network Rail closed the line between Exeter St Davids and Penzance after a fallen oak blocked the track near Dawlish.
"""

WIDGET_AND_FOOTER = """
Most Read
Ten things to do in the city this weekend
Why house prices are falling again
The best bakeries in the north of the county

© 2025 The Riverside Courier. All rights reserved.
Privacy Policy
Contact us
"""


def _nl604(text):
    findings = LINTER.lint_bytes("article.txt", text.encode()).findings
    return [(f.line, f.end_line) for f in findings if f.rule == "NL604"]


def _line_of(text, needle):
    return next(n for n, line in enumerate(text.split("\n"), 1) if needle in line)


def test_pasted_story_is_found_from_its_headline_to_its_last_paragraph():
    text = ARTICLE + PASTED
    assert _nl604(text) == [(_line_of(text, "Storm Elin"), _line_of(text, "Network Rail closed"))]


def test_pasted_story_ends_where_a_widget_begins_not_at_the_end_of_the_file():
    text = ARTICLE + PASTED + WIDGET_AND_FOOTER
    [(start, end)] = _nl604(text)
    assert start == _line_of(text, "Storm Elin")
    assert end == _line_of(text, "Network Rail closed")
    # The widget under it keeps its own finding instead of disappearing inside the story.
    findings = LINTER.lint_bytes("article.txt", text.encode()).findings
    assert any(f.rule == "NL602" and f.line == _line_of(text, "Most Read") for f in findings)


def test_pasted_story_between_two_parts_of_the_article_does_not_cover_the_continuation():
    continuation = """
Back at the depot

The council said the Riverside depot staff would be offered jobs at the northern garage, and that the depot site would be sold to pay for the new buses.

Maria Okafor said the council would meet residents of Riverside before the depot closed, to hear their plans for the land and the old garage.
"""
    text = ARTICLE + PASTED + continuation
    [(start, end)] = _nl604(text)
    assert end < _line_of(text, "Back at the depot")


def test_short_lead_then_the_same_story_under_subheads_is_not_a_second_story():
    # An explainer: four lines of lead, then long sections about the same people.
    text = """\
Questions remain about the collapse of the Harbour Bank after the release of its board minutes this week.
The minutes ran to thousands of pages but shed little new light on what the directors knew.
Regulators have promised a full report by the summer, and the bank's former chairman has said he will cooperate.
Here is what we know about the Harbour Bank and its directors:
FROM BOOM TO BUST
The Harbour Bank grew quickly after 2015, when its chairman Victor Lang began lending to property developers in the docks, and its board approved loans of a size no other lender would touch.
By 2019 the Harbour Bank held more property loans than the three largest building societies together, and Lang told shareholders the docks were the future of the city.
Lang's deputy, Ruth Ames, warned the board in a memo that the Harbour Bank's loans were concentrated in too few hands, the minutes show.
The board did not act on her memo, and Ames resigned the following spring, saying in a letter that her concerns had been ignored by Lang.
When the property market fell in 2022, the Harbour Bank's developers could not repay, and depositors began to withdraw their savings.
WHO KNEW WHAT
The regulator's inspectors visited the Harbour Bank twice in 2021 and asked Lang about the property loans, according to the minutes.
Lang told them the loans were secured on land whose value would rise, and the inspectors accepted his figures without checking them.
Ames has told a parliamentary committee that she gave the inspectors a copy of her memo and that they never replied to her.
The regulator said it would answer the committee's questions about the Harbour Bank when its report is published.
"""
    assert _nl604(text) == []


def test_listicle_sections_each_about_something_else_are_one_story():
    text = """\
Airlines spent the year competing for passengers with new cabins, new menus and new ways of boarding.
Travellers noticed: complaints about seats and service fell for the first time in five years, a survey of frequent flyers found.
Carriers expect the race to continue next year as more new aircraft arrive from the factories.
Cabins were refitted from nose to tail
Delta, United and Southwest worked through the year to replace worn seats and fit larger overhead bins, and most of their fleets now have power sockets at every seat.
The refits took aircraft out of service for weeks at a time, which airlines said was worth it for the reviews that followed.
Breweries arrived in the galley
Hawaiian Airlines and Alaska Airlines began pouring beer from small breweries in Honolulu, Portland and Seattle on their flights.
Passengers in economy can now buy a flight of three tasting glasses, and the brewers say orders from the airlines have doubled.
Boarding gates started scanning themselves
Lufthansa and KLM added self-scanning gates in Frankfurt and Amsterdam so that passengers can board without queueing at the desk.
Airlines say boarding at those gates is several minutes faster for a full flight of two hundred people.
"""
    assert _nl604(text) == []


def test_question_and_answer_lines_head_no_story():
    text = ARTICLE + """
Q: Where did the depot's drivers come from?
A: Most of the drivers came from Riverside itself, and many had worked at the depot since it opened in the nineties.
Q: What happens to the Riverside buses now that the depot is closing down?
A: Tokyo, Berlin and Lisbon all sold their old buses to smaller towns, and Riverside plans to do the same with its fleet.
Q: When will the Riverside depot finally close?
A: The council expects the last Riverside bus to leave the depot in December, once the northern garage is ready for it.
"""
    assert _nl604(text) == []


def test_fragmented_rendering_heads_no_story_with_a_sentence_fragment():
    # A "full" rendering: every text node on its own line, sentences broken up.
    body = "\n".join([
        "Given a set of",
        "N",
        "objects, the method first computes probabilities",
        "p",
        "that are proportional to the similarity of objects, as follows:",
    ])
    text = ARTICLE + "\n" + body + "\n" + PASTED.replace("Storm Elin leaves thousands without power across Cornwall and Devon\n", "")
    assert _nl604(text) == []


ROUNDUP = """\
The mayor spent the first day of the year at the harbour, as he has on most days since the ferry strike began in November.
Harbour staff said the mayor arrived at nine and stayed until the last ferry left, talking to the crews on the quay.
His office said the visit was a working meeting on the ferry timetable, not a photo opportunity at the harbour.
Maybe that is why the mayor dislikes the local paper. Sam Reed
The regional water board has admitted that its new reservoir at Kelby will open two years late and cost twice its budget.
Engineers found cracks in the Kelby dam wall in the spring, the board's chief executive Anna Holt told councillors on Thursday.
Holt said the Kelby contractor would pay for the repairs, but councillors asked why the board had not said so earlier. Lee Park
The county cricket club has named Tom Marsh as its new captain for the coming season.
Marsh, who joined Westshire from Eastfield three years ago, takes over from Ben Cole, who retired in September after a knee injury.
Westshire finished fourth in the second division last summer and open their season against Northam in April.
The club's chairman said Marsh had the respect of the dressing room and the supporters at Westshire. Sam Reed
"""


def test_roundup_of_signed_off_stories_is_found_after_the_article_ends():
    [(start, end)] = _nl604(ROUNDUP)
    assert start == _line_of(ROUNDUP, "The regional water board")
    assert end == _line_of(ROUNDUP, "The club's chairman")


def test_one_signed_off_article_has_no_second_story():
    article = ROUNDUP.split("The regional water board")[0]
    tail = "The mayor's office said he would return to the harbour on Monday to meet the ferry crews again.\n"
    assert _nl604(article + tail) == []


TEASER_GRID = """
Man charged after crash closes the ring road
A 34-year-old man has been charged with dangerous driving after a crash that closed the ring road for six hours on Saturday night.
School sends pupils home after boiler fire
Pupils at St Mary's Primary School in Hollins were sent home on Monday after a boiler fire damaged two classrooms, the head teacher said.
City's oldest pub to close after 200 years
The Crown and Anchor, which has served drinks on Quay Street since 1824, will close next month because of rising energy bills.
"""


def test_grid_of_headlines_with_one_line_teasers_is_another_story():
    # No teaser alone has a story's body; the grid together does, and it is about other things.
    text = ARTICLE + TEASER_GRID
    first = _line_of(text, "Man charged after crash")
    assert _nl604(text) == [(first, _line_of(text, "The Crown and Anchor"))]


def test_listicle_of_one_paragraph_items_is_one_story():
    text = """\
Airlines spent the year competing for passengers with new cabins, new menus and new ways of boarding.
Travellers noticed: complaints about seats and service fell for the first time in five years, a survey of frequent flyers found.
Carriers expect the race between the airlines to continue next year as more new aircraft arrive from the factories.
Cabins were refitted from nose to tail
Delta, United and Southwest airlines replaced worn seats and fitted larger overhead bins, and most of their aircraft now have power sockets for passengers.
Breweries arrived in the galley
Hawaiian Airlines and Alaska Airlines began pouring beer from small breweries on their flights, and passengers can buy a flight of three glasses.
Boarding gates started scanning themselves
Lufthansa and KLM added self-scanning gates so that passengers can board their flights without queueing at the airline's desk.
"""
    assert _nl604(text) == []


def test_live_blog_of_many_topics_is_one_story():
    # Each entry is a headline and one paragraph about something else, with its time above it.
    text = ARTICLE + """
10:42
Man charged after crash closes the ring road
A 34-year-old man has been charged with dangerous driving after a crash that closed the ring road for six hours on Saturday night.
11:15
School sends pupils home after boiler fire
Pupils at St Mary's Primary School in Hollins were sent home on Monday after a boiler fire damaged two classrooms, the head teacher said.
12:03
City's oldest pub to close after 200 years
The Crown and Anchor, which has served drinks on Quay Street since 1824, will close next month because of rising energy bills.
"""
    assert _nl604(text) == []


def _host_articles():
    import yaml
    from pathlib import Path

    hosts = yaml.safe_load((Path(__file__).parent / "data" / "page_probes" / "hosts.yaml").read_text(encoding="utf-8"))
    for host in hosts:
        yield host["name"], "main", list(host["paragraphs"])
        yield host["name"], "full", [host["title"], host["byline"], host["date"], *host["paragraphs"]]


def test_a_subhead_in_a_short_article_does_not_make_its_continuation_another_story():
    # Seven varied paragraphs: the text under a subhead shares few words with the three above it,
    # and a Title Case subhead is all capitals, not names. Base 4863728 flagged 20 of 264 such pages.
    subheads = ["Join the Fight Against Hunger", "Farmers Fear for Their Crops", "Why the talks collapsed",
                "Older patients were left out of the trial"]
    flagged = []
    for name, rendering, lines in _host_articles():
        at = 3 if rendering == "main" else 6
        for subhead in subheads:
            text = "\n".join(lines[:at] + [subhead] + lines[at:]) + "\n"
            if _nl604(text):
                flagged.append((name, rendering, subhead))
    assert flagged == []


def test_another_host_article_pasted_under_each_host_is_found():
    # The other side of the test above: the same short articles, with a whole other story under them.
    import yaml
    from pathlib import Path

    hosts = yaml.safe_load((Path(__file__).parent / "data" / "page_probes" / "hosts.yaml").read_text(encoding="utf-8"))
    missed = []
    for (name, rendering, lines) in _host_articles():
        for other in hosts:
            if other["name"] == name:
                continue
            for paragraphs in (3, 7):
                text = "\n".join(lines + [other["title"], *other["paragraphs"][:paragraphs]]) + "\n"
                first = len(lines) + 1
                if not any(a <= first + 1 and b >= first for a, b in _nl604(text)):
                    missed.append((name, rendering, other["name"], paragraphs))
    assert missed == []
