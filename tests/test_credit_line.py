"""The credit-line kind (lint/kinds/credit_line.py) and the credit rules it runs.

Layouts are the packs' patterns; names come from the source registry, a user registry
included. Texts are written for these tests (realistic wire layouts, made-up stories).
"""
from __future__ import annotations

import textwrap

import pytest

from lint import reader
from lint.cli import main
from lint.engine import lint_document
from lint.kinds import Context, OptionError
from lint.kinds.credit_line import CreditLine, compile_layout, registry_name
from lint.registry import default_registry, is_agency, load_registry
from lint.rulepack import builtin_rules_dir, load_packs

RULES = {r.code: r for pack in load_packs([builtin_rules_dir()]) for r in pack.rules}

USER_REGISTRY = """\
version: 1
reviewed: 2026-11-30
sources:
  - name: Agencia Nortena
    aliases: ["Nortena"]
    type: state-media
    tier: no-consensus
    rationale: "A state news agency made up for this test: the shipped registry will never know it."
"""


def _doc(text: str):
    return reader.parse("example.txt", text.encode("utf-8"))


def codes(text: str, registry=None, only: tuple[str, ...] = ()) -> list[tuple[int, str]]:
    """(line, code) of the NL1xx/NL2xx findings on text."""
    rules = [r for r in RULES.values() if r.code[:3] in ("NL1", "NL2") and (not only or r.code in only)]
    found, _ = lint_document(_doc(text), rules, registry or default_registry())
    return [(f.line, f.rule) for f in found]


def kind(**options) -> CreditLine:
    return CreditLine(options)


def hits(k: CreditLine, text: str, registry=None) -> list[str]:
    doc = _doc(text)
    return [doc.text[h.start:h.end] for h in k.find(doc, Context(registry=registry or default_registry()))]


# ----------------------------------------------------------------------------- the registry drives it


@pytest.fixture
def user_registry(tmp_path):
    path = tmp_path / "nortena.yaml"
    path.write_text(USER_REGISTRY, encoding="utf-8")
    return default_registry().merged(load_registry(str(path)))


DATELINE_NORTENA = "PUERTO CLARO, March 3 (Nortena) — The central bank held its key rate at 5.25 percent on Thursday.\n"


def test_an_agency_added_only_in_a_user_registry_gets_its_dateline_found(user_registry):
    assert (1, "NL202") not in codes(DATELINE_NORTENA)  # the shipped registry does not know it
    assert (1, "NL202") in codes(DATELINE_NORTENA, user_registry)


def test_a_user_registry_agency_gets_its_byline_and_copyright_found(user_registry):
    text = "Rosa Quispe, Nortena\n\nThe ministry said exports rose 8 percent in May.\n\nCopyright 2026 Agencia Nortena. All rights reserved.\n"
    assert codes(text) == []
    assert codes(text, user_registry) == [(1, "NL102"), (5, "NL205")]


def test_a_user_registry_reaches_the_rules_through_the_cli(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(DATELINE_NORTENA, encoding="utf-8")
    (tmp_path / "nortena.yaml").write_text(USER_REGISTRY, encoding="utf-8")
    main(["a.txt", "--select", "NL202", "--no-cache"])
    assert "NL202" not in capsys.readouterr().out
    (tmp_path / "newslint.yaml").write_text("registry: [nortena.yaml]\n")
    main(["a.txt", "--select", "NL202", "--no-cache"])
    assert "a.txt:1:1: NL202" in capsys.readouterr().out


def test_agency_role_is_wires_and_state_agencies_named_as_such():
    reg = default_registry()
    agency = {s.name for s in reg if is_agency(s)}
    assert {"Reuters", "Associated Press", "EFE", "Jewish Telegraphic Agency", "Xinhua",
            "Anadolu Agency", "Bernama", "CNN Wire"} <= agency
    assert not {"CGTN", "Press TV", "BBC", "CNN", "Dawn"} & agency  # broadcasters, papers


# ----------------------------------------------------------------------------- names and case


def test_a_placeholder_takes_only_a_registry_name_of_its_role():
    k = kind(patterns=[r"(?:copyright|©)[ \t]*\d{4}[ \t]+(?:the[ \t]+)?{AGENCY}\."])
    assert hits(k, "Copyright 2024 The Associated Press.") == ["Copyright 2024 The Associated Press."]
    assert hits(k, "Copyright 2024 BBC.") == []            # an outlet, not an agency
    assert hits(k, "Copyright 2024 Example Media.") == []  # not in the registry


def test_the_registry_case_rules_hold_unless_the_layout_asks_for_any_case():
    strict = kind(patterns=[r"^[ \t]*[A-Z][a-z]+[ \t]+[A-Z][a-z]+,[ \t]*{AGENCY}[ \t]*$"], case_sensitive=True)
    assert hits(strict, "Jane Roe, AP") == ["Jane Roe, AP"]
    assert hits(strict, "Jane Roe, ap") == []  # "ap" is not the Associated Press
    loose = kind(patterns=[r"^[ \t]*[A-Z][a-z]+[ \t]+[A-Z][a-z]+,[ \t]*{AGENCY_ANYCASE}[ \t]+sports[ \t]+writer[ \t]*$"])
    assert hits(loose, "Jane Roe, Ap Sports Writer") == ["Jane Roe, Ap Sports Writer"]


def test_an_opening_placeholder_may_start_before_the_name():
    k = kind(patterns=[r"\b{AGENCY}[ \t]+contributed[ \t]+to[ \t]+this[ \t]+report"])
    assert hits(k, "Reporters from Reuters contributed to this report.")
    assert hits(k, "Our own reporters contributed to this report.") == []


def test_a_name_must_fill_a_closed_slot():
    # "Reuters Videos" alone on a line is a menu entry, not a byline
    line = RULES["NL102"]
    assert codes("Reuters Videos\n", only=("NL102",)) == []
    assert codes("Reuters\n", only=("NL102",)) == [(1, "NL102")]
    assert line.severity == "info"


def test_either_role_of_a_joined_placeholder():
    _, slots = compile_layout(r"^{OUTLET|ISSUER}$")
    reg = default_registry()
    assert registry_name(reg, "Reuters", slots[0]) == (0, 7)
    assert registry_name(reg, "Government Information Service", slots[0]) is not None
    assert registry_name(reg, "Facebook", slots[0]) is None  # a platform is neither


def test_a_domain_is_not_a_name():
    _, slots = compile_layout(r"^{OUTLET}$")
    assert registry_name(default_registry(), "reuters.com", slots[0]) is None


# ----------------------------------------------------------------------------- positions


HEADED = """\
MSN
News
Lifestyle
Why sad films make us feel closer to friends
Medical Daily
9/21/2016
The reason we enjoy a good cry at the cinema may lie in the chemistry of the brain, researchers say.
Related
Ten films to watch this weekend
Newsweek
"""


def test_a_provider_line_under_the_headline_of_an_aggregator_page():
    assert codes(HEADED, only=("NL104",)) == [(5, "NL104")]  # once, in the head only


def test_no_provider_line_on_a_page_that_names_no_aggregator():
    assert codes(HEADED.replace("MSN\n", "The Daily Example\n"), only=("NL104",)) == []


def test_no_provider_line_once_the_prose_has_begun():
    text = "MSN\nThe reason we enjoy a good cry at the cinema may lie in the chemistry of the brain.\nA headline\nNewsweek\n"
    assert codes(text, only=("NL104",)) == []


def test_a_source_line_right_after_the_body():
    body = "The prime minister said the new port would open to shipping before the end of the year.\n"
    assert codes(body + "GIS\n", only=("NL105",)) == [(2, "NL105")]
    assert codes(body + "Source: Reuters\n", only=("NL105",)) == [(2, "NL105")]
    assert codes(body + "ISLANDNEWS.COM\n", only=("NL105",)) == [(2, "NL105")]
    assert codes(body + "Source: Statista\n", only=("NL105",)) == []  # a data provider
    assert codes("Port to open\nGIS\n" + body, only=("NL105",)) == []   # not after prose


def test_a_chart_source_line_is_not_a_republication_notice():
    text = "Sales of electric cars rose sharply last year.\n[Chart]\nSource: Statista\n"
    assert codes(text) == []


def test_an_ambiguous_short_name_in_a_menu_is_not_a_byline():
    menu = "Tags\nPolitics\nPTI\nImran Khan\nElections\n"
    assert codes(menu, only=("NL102",)) == []
    byline = "The party's chief said talks would resume after the budget session ends next week.\nPTI\n| July 9, 2025 | Updated 08:24 IST\n"
    assert codes(byline, only=("NL102",)) == [(2, "NL102")]
    assert codes("Tags\nWorld\nReuters\nTrade\n", only=("NL102",)) == [(3, "NL102")]  # unambiguous
    city = "Bihar records 749 new cases in a day as the capital tightens its rules\nPTI\nPatna\n" + byline.split("\n")[0] + "\n"
    assert codes(city, only=("NL102",)) == [(2, "NL102")]   # a byline over its city, not a menu


def test_a_two_word_menu_line_is_no_headline_for_a_provider_line():
    page = HEADED.replace("Lifestyle\n", "Odd News\nABC News\n")
    assert codes(page, only=("NL104",)) == [(6, "NL104")]   # "Medical Daily", not the menu's "ABC News"


def test_a_name_that_starts_with_the_is_found_after_the_layouts_the():
    assert codes("By Lena Park, The Hill\n", only=("NL102",)) == [(1, "NL102")]
    body = "The minister said the new rules would take effect from the first of next month.\n"
    assert codes(body + "News\n", only=("NL105",)) == []    # not "The News"
    assert codes(body + "Times\n", only=("NL105",)) == []   # not "The Times"


def test_national_agencies_named_in_their_own_words_are_agencies():
    reg = default_registry()
    agency = {s.name for s in reg if is_agency(s)}
    assert {"Maghreb Arabe Presse", "Prensa Latina", "Bangladesh Sangbad Sangstha", "Associated Press of Pakistan",
            "Algérie Presse Service", "Kuwait News Agency", "Jiji Press", "Dow Jones Newswires"} <= agency
    assert not {"Press TV", "China Central Television", "TRT World", "Voice of America"} & agency


# ----------------------------------------------------------------------------- layouts on realistic copy


WIRE_STORY = textwrap.dedent("""\
    Storm knocks out power across the island
    By MARIA LOPEZ and TOM REED
    Associated Press
    AP-US--Puerto-Rico-Storm, 2nd Ld-Writethru
    SAN JUAN, Puerto Rico (AP) — A tropical storm knocked out power to most of the island on Tuesday.
    Crews were working to restore it, the utility said.
    Associated Press writer Dan Hale in Miami contributed to this report.
    Copyright 2026 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.
    """)


def test_every_credit_of_a_wire_story_is_found():
    # The byline is one finding from "By ..." to the agency's line under it (lines 2-3)
    assert codes(WIRE_STORY) == [(2, "NL102"), (4, "NL204"), (5, "NL202"), (7, "NL201"), (8, "NL205")]


def test_credits_are_info_and_only_notices_warn():
    for code in ("NL102", "NL104", "NL105", "NL201", "NL202", "NL204", "NL205"):
        assert RULES[code].severity == "info", code
    assert RULES["NL101"].severity == RULES["NL103"].severity == "warning"


@pytest.mark.parametrize("text", [
    "The minister told The Associated Press that the talks had stalled.",
    "A report seen by Reuters says the deal is close.",
    "This chart, provided by Statista, shows sales by region.",
    "Original content available for non-commercial use under a Creative Commons license, except where noted.",
    "Associated Press Videos",
    "The story was first published in 2019 and updated in March.",
])
def test_attributions_and_data_credits_are_not_credits(text):
    assert codes(text) == []


@pytest.mark.parametrize("text,code", [
    ("MOSCOW (Example Daily / Sputnik - 3rd May, 2026) Officials said the border would reopen.", "NL202"),
    ("(CNN) — The senator said she would not seek another term.", "NL202"),
    ("Bogotá, Feb 2 (efe-epa).- Colombia's congress passed the reform on Tuesday.", "NL202"),
    ("KidsSite via JTA", "NL102"),
    ("This article was reprinted on Slate.com.", "NL101"),
    ("This is an extended version of an interview first published in Die Zeit.", "NL101"),
    ("This article was provided by Agence France-Presse.", "NL103"),
    ("The CNN Wire ™ & © 2026 Cable News Network, Inc. All rights reserved.", "NL205"),
])
def test_layouts_of_every_agency(text, code):
    assert code in [c for _, c in codes(text)]


# ----------------------------------------------------------------------------- options


def test_bad_options_fail_at_load():
    with pytest.raises(OptionError) as err:
        kind(patterns=[r"({AGENCY}"])
    assert err.value.key == "patterns"
    with pytest.raises(OptionError) as err:
        kind(patterns=[r"{AGENCY}"], position="footer")
    assert err.value.key == "position"
    with pytest.raises(OptionError) as err:
        kind(patterns=[r"{AGENCY}"], page_names=["tabloid"])
    assert err.value.key == "page_names"
    with pytest.raises(OptionError) as err:
        kind(phrases=["with inputs"])
    assert err.value.key == "phrases"


def test_tail_and_head_runs_find_a_name_among_other_words():
    tail = kind(patterns=[r"^[ \t]*by[ \t]+(?-i:[A-Z])\w+[ \t]+{AGENCY_TAIL}[ \t]*$"])
    assert hits(tail, "By LENA PARK and OMAR HADI Associated Press")
    assert hits(tail, "By LENA PARK and OMAR HADI Staff Writers") == []
    head = kind(patterns=[r"^[ \t]*\w+[ \t]+\w+,[ \t]*{AGENCY_HEAD}[ \t]+writer[ \t]*$"])
    assert hits(head, "Ana Cruz, Associated Press Medical Writer")
    assert hits(head, "Ana Cruz, Daily Example Medical Writer") == []


# ----------------------------------------------------------------------------- issue 11 family 3, round 2


def test_an_unlisted_placeholder_takes_only_names_the_registry_lacks():
    k = kind(patterns=[r"^[A-Z]+, Jan \d+ \((?=[A-Z]{2,7}\))({UNLISTED})\):"], case_sensitive=True)
    assert hits(k, "KATHMANDU, Jan 5 (RSS): The deadline was extended.") == ["KATHMANDU, Jan 5 (RSS):"]
    # A name the registry knows is the other rules' (NL202), never reported twice
    assert hits(k, "ISLAMABAD, Jan 5 (APP): The deadline was extended.") == []


def test_a_dateline_of_an_agency_the_registry_lacks_is_reported_and_named():
    assert codes("Sarajevo, March 5 (FENA) - The parliament adopted the budget on Tuesday.") == [(1, "NL207")]
    # The same agency once a user registry knows it is an ordinary wire dateline
    assert codes("KARACHI, March 5 (APP): The budget was adopted.") == [(1, "NL202")]
    # A time zone, a label or no date: no agency
    assert codes("WASHINGTON, Jan 5 (EST) - The Senate passed the bill.") == []
    assert codes("NEW YORK (WABC) — A fire broke out in a Bronx apartment building.") == []


def test_a_bare_name_over_a_menu_on_the_first_line_is_the_sites_logo():
    assert codes("Reuters\nWorld\nBusiness\nMarkets\nThe story starts here and runs for a while.") == []
    # Over its date line it is a byline, as is the same name under a headline
    assert codes("Reuters\nMarch 5, 2024 7:14 AM GMT\nUkraine said on Tuesday it had shot down 20 drones.") == [(1, "NL102")]
    assert (5, "NL102") in codes("Menu\nWorld\nLandslide kills 12 in Peru\nShare\nReuters\nMarch 5, 2024\nText.")


def test_an_alias_spelled_as_a_domain_is_a_name_but_a_bare_domain_is_not():
    # "RTTNews.com" is an alias (the brand); "dawn.com" only a domain (a link)
    assert codes("Copyright(C) 2024 RTTNews.com. All Rights Reserved") == [(1, "NL205")]
    assert codes("Copyright 2024 dawn.com") == []
