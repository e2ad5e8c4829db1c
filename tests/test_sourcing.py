"""Source reliability (issue 3): lint/sourcing.py, the `sourcing` kind and pack, the table.

Real behaviour on real text: the seed acceptance list, the score ordering, registry tiers,
the pasted second story left out, and the claim classifier's labels.
"""
from __future__ import annotations

import re

import pytest

from conftest import ROOT, SEEDS, SHARED
from lint import reader
from lint.config import Settings
from lint.kinds import Context, OptionError
from lint.kinds.sourcing import Sourcing
from lint.registry import Registry, Source, default_registry
from lint.report.sources import render_table
from lint.runner import Linter
from lint.sourcing import analyze, pasted_page_start

SEED = {path.name[:3]: path for path in sorted(SEEDS.glob("*.txt"))}
BBC = SHARED / "corpus" / "bbc"


def _doc(text: str, name: str = "example.txt"):
    return reader.parse(name, text.encode("utf-8"))


def _profile(text: str, name: str = "example.txt", registry=None):
    return analyze(_doc(text, name), registry or default_registry())


@pytest.fixture(scope="module")
def profiles():
    reg = default_registry()
    return {key: analyze(reader.parse(str(path), path.read_bytes()), reg) for key, path in SEED.items()}


@pytest.fixture(scope="module")
def results(linter):
    return {key: linter.lint_path(str(path)) for key, path in SEED.items()}


def _sources(profile) -> dict:
    return {s.name: s for s in profile.sources}


# ----------------------------------------------------------------------------- seeds
def test_000_republished_from_dawn_with_pid_and_named_officials(profiles):
    p = profiles["000"]
    assert (p.provenance.status, p.provenance.origin, p.provenance.origin_tier) == \
        ("republished", "Dawn", "generally-reliable")
    assert p.provenance.line == 9
    src = _sources(p)
    assert src["Press Information Department"].type == "government"
    assert src["Press Information Department"].line == 2
    assert src["Ministry of Industries and Production"].cited_as == "report"
    khan = src["Haroon Akhtar Khan"]
    assert (khan.type, khan.title, khan.line) == ("person", "Special Assistant to the Prime Minister", 4)
    assert src["Alexei Overchuk"].title == "Deputy Prime Minister"


def test_001_sources_and_the_pasted_story_left_out(profiles):
    p = profiles["001"]
    src = _sources(p)
    assert src["Reuters"].cited_as == "image" and src["Reuters"].line == 3
    assert src["Radio Pakistan"].type == "state-media"
    assert src["Pakistani state media"].type == "anonymous"
    assert src["Arab News"].cited_as == "interview"
    assert src["Andrey B. Fedorov"].type == "person"
    assert p.provenance.status == "original"
    # Lines 33-65 are another article (its own timestamp, Follow button, headline twice).
    assert p.excluded == (33, 65)
    names = " ".join(src)
    for other in ("Bol", "Sharif", "Gohar", "Imran", "Press Trust of India", "Tehreek"):
        assert other not in names
    assert all(s.line < 33 for s in p.sources) and all(c.line < 33 for c in p.claims)


def test_002_wire_input_platform_credit_embassy_and_a_vague_report(profiles):
    p = profiles["002"]
    src = _sources(p)
    pti = src["Press Trust of India"]
    assert (pti.type, pti.tier, pti.cited_as, pti.line) == ("wire", "generally-reliable", "wire", 29)
    assert src["Geo News"].line == 19
    facebook = src["Facebook"]
    assert (facebook.type, facebook.cited_as, facebook.account) == \
        ("social-platform", "image", "Pakistan Embassy Russia")
    assert src["the Pakistani embassy"].type == "organization"
    assert src["a media report"].type == "anonymous"
    assert [c.line for c in p.claims if c.label == "vague"] == [15]
    assert (p.provenance.status, p.provenance.origin) == ("aggregated", "Press Trust of India")
    # The subheaded rail section (lines 13-25) is the article's own: its sources count.
    assert p.excluded is None


def test_003_names_no_outlet_and_has_the_lowest_attributed_share(profiles):
    p = profiles["003"]
    assert all(s.tier == "unrated" for s in p.sources)
    assert not any(s.type in ("newspaper", "broadcaster", "wire", "aggregator", "state-media") for s in p.sources)
    shares = {key: prof.share("attributed") for key, prof in profiles.items()}
    assert min(shares, key=shares.get) == "003"


def test_004_aggregator_ai_image_and_unattributed_claims(profiles):
    p = profiles["004"]
    src = _sources(p)
    dev = src["Devdiscourse"]
    assert (dev.type, dev.tier, dev.cited_as, dev.line) == ("aggregator", "generally-unreliable", "byline", 7)
    assert src["AI-generated image"].type == "ai-generated"
    assert (p.provenance.status, p.provenance.aggregator) == ("aggregated", "Devdiscourse")
    assert p.unattributed >= 8 and p.unattributed > p.attributed
    # The TRENDING widget and the footer (LinkedIn, Youtube, Devdiscourse again) cite no one.
    assert "LinkedIn" not in src and "YouTube" not in src
    assert src["Devdiscourse"].mentions == 1


def test_score_order_000_001_highest_003_004_lowest(profiles):
    ranked = sorted(profiles, key=lambda key: profiles[key].score)
    assert set(ranked[:2]) == {"003", "004"}
    assert set(ranked[-2:]) == {"000", "001"}


def test_score_is_100_plus_its_terms(profiles):
    for p in profiles.values():
        assert p.score == max(0, min(100, 100 + sum(t.points for t in p.terms)))
        assert [t.term for t in p.terms] == ["attribution", "named_sources", "reliability", "provenance"]
    terms = {t.term: t for t in profiles["004"].terms}
    assert terms["reliability"].value == ["Devdiscourse"] and terms["reliability"].points == -15
    assert terms["provenance"].points == -15


# ----------------------------------------------------------------------------- registry
def test_tiers_come_from_the_registry(profiles):
    reg = default_registry()
    for p in profiles.values():
        for s in p.sources:
            entry = reg.lookup(s.name)
            if entry is not None and s.type == entry.type:
                assert s.tier == entry.tier, s.name
    assert reg.lookup("Devdiscourse").tier == "generally-unreliable"
    assert reg.lookup("Geo News").tier == "generally-reliable"


def test_a_user_registry_changes_the_tier():
    shipped = default_registry()
    strict = shipped.merged(Registry((Source(
        name="Geo News", type="broadcaster", tier="deprecated", rationale="house rule", reviewed="2026-01-01",
        aliases=("Geo TV",)),)))
    text = "The initiative aims to transform Pakistan into a transit hub, Geo News reported.\n"
    assert _sources(_profile(text))["Geo News"].tier == "generally-reliable"
    assert _sources(_profile(text, registry=strict))["Geo News"].tier == "deprecated"


def test_a_mention_without_a_citation_is_no_source():
    p = _profile("Shares in Reuters fell 5% on Friday after the Facebook deal collapsed.\n")
    assert not p.sources


def test_a_deprecated_tabloid_cited_for_a_claim():
    p = _profile("The singer has split from her husband, the Sun reported on Sunday.\n")
    sun = _sources(p)["The Sun"]
    assert (sun.tier, sun.cited_as) == ("deprecated", "report")


def test_ambiguous_alias_needs_a_strong_cue():
    party = _profile("PTI said the vote was rigged and called for protests across the country.\n")
    assert "Press Trust of India" not in _sources(party)
    wire = _profile("The ministry will review the plan next week, according to PTI news agency.\n")
    assert "Press Trust of India" in _sources(wire)


# ----------------------------------------------------------------------------- extent
def test_pasted_page_needs_its_own_furniture():
    doc1 = reader.parse(str(SEED["001"]), SEED["001"].read_bytes())
    doc2 = reader.parse(str(SEED["002"]), SEED["002"].read_bytes())
    assert pasted_page_start(doc1) == 32  # 0-based: line 33
    assert pasted_page_start(doc2) is None


# ----------------------------------------------------------------------------- claims
CLAIMS = [
    ("According to a Press Information Department (PID) release, the two countries had agreed in May to work on restoring PSM.", "attributed"),
    ("The initiative aims to transform Pakistan into a strategic transit hub, Geo News reported.", "attributed"),
    ("“Reviving PSM with Russia’s support reflects our shared history,” said Khan.", "attributed"),
    ("Moscow is also expected to finalize an agreement this summer, Russian Consul-General Andrey B. Fedorov told Arab News this month.", "attributed"),
    ("The Pakistani embassy in Russia said on Friday that the two countries have signed a protocol.", "attributed"),
    ("A spokeswoman for Human Rights Watch said it was a basic principle that people should only be punished after a fair trial.", "attributed"),
    ("Shell told shocked investors that its reserves were 20% smaller than previously thought.", "attributed"),
    ("Pakistan and Russia have agreed to build a rail network, a media report said on Friday.", "vague"),
    ("The minister is expected to resign before the budget, sources said.", "vague"),
    ("Analysts said the deal would give Gazprom control of 8% of Russia's oil production.", "vague"),
    ("The singer is reportedly planning a world tour next year with her old band.", "vague"),
    ("David Blunkett has been accused of using the politics of confusion to disguise new measures.", "vague"),
    ("For years, the Pakistan Steel Mills in Karachi stood silent, its workshops empty.", "unattributed"),
    ("Despite China's interest in securing the contract, Russia emerged victorious.", "unattributed"),
    ("Sideways tells the story of two men who take a road trip through California's wine regions.", "unattributed"),
    ("Shell is to pay $1m to the ex-finance chief who left after the firm over-stated its reserves.", "unattributed"),
]


@pytest.mark.parametrize("sentence,label", CLAIMS, ids=[f"{label}-{i}" for i, (_, label) in enumerate(CLAIMS)])
def test_claim_label(sentence, label):
    claims = _profile(sentence + "\n").claims
    assert [c.label for c in claims] == [label]


def test_a_quotation_is_attributed_by_its_paragraph():
    text = ('"The opposition must be given space," he said. "I strongly support a dialogue with them. '
            'Whatever movement takes place, dialogue should continue alongside it."\n')
    p = _profile("Barrister Gohar Ali Khan spoke to reporters in Islamabad on Monday afternoon.\n\n" + text)
    assert [c.label for c in p.claims] == ["unattributed", "attributed", "attributed", "attributed"]


def test_headlines_captions_and_notices_are_no_claims():
    text = (
        "Islamabad, Moscow sign protocol to restore Pakistan Steel Mills\n\n"
        "A general view of the deserted hot strip mill department, February 8, 2016. (Reuters/File)\n\n"
        "The news has been copied from the Dawn News site.\n\n"
        "Will the mill ever make steel again?\n"
    )
    assert _profile(text).claims == ()


def test_markdown_lines_point_into_the_source():
    text = "---\ntitle: Steel\nsource: Dawn\n---\n\n# Steel deal\n\nThe plan will cut imports, Geo News reported.\n"
    p = _profile(text, "a.md")
    assert _sources(p)["Geo News"].line == 8
    assert [c.line for c in p.claims] == [8]


# ----------------------------------------------------------------------------- the rules
def _codes(result, code):
    return [(f.line, f.message) for f in result.findings if f.rule == code]


def test_findings_on_the_seeds(results):
    assert [line for line, _ in _codes(results["004"], "NL901")] == [7]
    assert [line for line, _ in _codes(results["002"], "NL901")] == [1]
    (line, message), = _codes(results["000"], "NL902")
    assert line == 9 and "Dawn" in message and "generally-reliable" in message
    # 003 is a feature ("For years, the mill stood silent"): the share is information there.
    assert not _codes(results["003"], "NL903")
    assert [line for line, _ in _codes(results["003"], "NL905")] == [1]
    assert [line for line, _ in _codes(results["004"], "NL903")] == [5]
    for key in ("000", "001", "002"):
        assert not _codes(results[key], "NL903"), key
    assert not any(f.category == "sourcing" for f in results["001"].findings)


def test_no_sourcing_warning_on_clean_seed_lines(results, check_seeds):
    for key, lines in check_seeds.CLEAN.items():
        for f in results[key].findings:
            if f.category == "sourcing" and f.severity != "info":
                assert f.line not in lines, (key, f.line, f.rule)


def test_profile_in_the_json_data(results):
    data = results["000"].data["sourcing"]
    assert set(data) >= {"score", "score_terms", "provenance", "sources", "claims"}
    assert data["provenance"] == {"status": "republished", "origin": "Dawn", "origin_tier": "generally-reliable",
                                  "evidence": "The news has been copied from the Dawn News site", "line": 9}
    assert {"name": "Dawn", "type": "newspaper", "tier": "generally-reliable", "line": 9} .items() <= \
        next(s for s in data["sources"] if s["name"] == "Dawn").items()
    assert data["claims"]["attributed"] + data["claims"]["vague"] + data["claims"]["unattributed"] == \
        data["claims"]["sentences"]
    assert data["score"] == 100 + sum(t["points"] for t in data["score_terms"])


def test_profile_is_the_same_whichever_rule_runs(packs):
    for code in ("NL901", "NL904"):
        only = Linter(packs, Settings(select=[code]))
        data = only.lint_path(str(SEED["002"])).data["sourcing"]
        assert data["score"] == Linter(packs, Settings()).lint_path(str(SEED["002"])).data["sourcing"]["score"]


def test_sourcing_ignored_means_no_profile(packs):
    result = Linter(packs, Settings(ignore=["sourcing"])).lint_path(str(SEED["000"]))
    assert "sourcing" not in result.data


def test_unattributed_share_threshold_is_an_option():
    doc = reader.parse(str(SEED["001"]), SEED["001"].read_bytes())
    strict = Sourcing({"check": "unattributed-share", "max_unattributed_share": 0.5, "min_claims": 5})
    assert list(strict.find(doc, Context(registry=default_registry())))
    default = Sourcing({"check": "unattributed-share"})
    assert not list(default.find(doc, Context(registry=default_registry())))


@pytest.mark.parametrize("options,key", [
    ({"check": "everything"}, "check"),
    ({"check": "unreliable-source", "tiers": ["dodgy"]}, "tiers"),
    ({"check": "unattributed-share", "max_unattributed_share": 1.5}, "max_unattributed_share"),
    ({"check": "unattributed-share", "min_judgements": 3}, "judgement_words"),
])
def test_bad_options_name_their_key(options, key):
    with pytest.raises(OptionError) as err:
        Sourcing(options)
    assert err.value.key == key


# ----------------------------------------------------------------------------- the table
def test_render_table(results):
    rows = [(str(SEED[key]), results[key].data.get("sourcing")) for key in sorted(SEED)]
    lines = render_table(rows + [("missing.txt", None)])
    text = "\n".join(lines)
    assert lines[0].startswith("Sourcing (score 0-100")
    assert "republished from Dawn [R]" in text
    assert "aggregated (by Devdiscourse)" in text
    assert "Devdiscourse (aggregator, GU, byline, l.7)" in text
    assert "missing.txt" not in text
    assert all(len(line) <= 160 for line in lines[1:])
    assert render_table([]) == [] and render_table([("a.txt", None)]) == []


# ----------------------------------------------------------------------------- docs/claims.md
_ROW = re.compile(r"^\| \d+ \| (?P<file>[\w.-]+):(?P<line>\d+) #(?P<n>\d+) \| .* \| (?P<exp>\w+) \| (?P<got>\w+)( ✗)? \|$")


def _claims_md_rows():
    rows = []
    for line in (ROOT / "docs" / "claims.md").read_text(encoding="utf-8").splitlines():
        m = _ROW.match(line)
        if m:
            rows.append((m["file"], int(m["line"]), int(m["n"]), m["exp"], m["got"]))
    return rows


def test_claims_md_got_column_matches_the_classifier():
    rows = _claims_md_rows()
    assert len(rows) > 500
    reg = default_registry()
    by_file: dict[str, list] = {}
    for row in rows:
        by_file.setdefault(row[0], []).append(row)
    checked = 0
    for name, file_rows in by_file.items():
        path = SEEDS / name if not name.startswith("bbc-") else BBC / name
        if not path.is_file():
            continue
        claims = analyze(reader.parse(str(path), path.read_bytes()), reg).claims
        for _, line, n, _, got in file_rows:
            on_line = [c for c in claims if c.line == line]
            assert on_line[n - 1].label == got, (name, line, n)
            checked += 1
        assert len(claims) == len(file_rows), name
    assert checked >= 69


# ----------------------------------------------------------------------------- genre (NL903 / NL905)
_JUDGED = [
    "The deal could reduce the country's dependence on expensive steel imports.",
    "Russia emerged victorious because of the mill's Soviet roots.",
    "The revival is clearly a major success for both governments.",
    "It will probably create thousands of jobs in transport and maintenance.",
    "The reopening is a potential turning point for the city of Karachi.",
    "Built in 1973 with Soviet help, the mill was once the pride of the country's industry.",
    "By 2015, after years of losses, it shut its doors for good.",
]


def _share_codes(linter, text):
    return sorted({f.rule for f in linter.lint_bytes("a.txt", text.encode()).findings if f.rule in ("NL903", "NL905")})


def test_news_report_with_unsourced_judgements_is_warned(linter):
    news = "Pakistan and Russia signed an agreement on Friday to reopen the Pakistan Steel Mills.\n" + "\n".join(_JUDGED)
    assert _share_codes(linter, news) == ["NL903"]


def test_first_person_column_is_information_not_a_warning(linter):
    column = "\n".join([
        "I grew up in the shadow of the Pakistan Steel Mills, and my father worked there for thirty years.",
        "We used to hear its sirens every morning, and I still miss them.",
    ] + _JUDGED + ["I hope my children will see it working again, as I did."])
    assert _share_codes(linter, column) == ["NL905"]


def test_match_report_is_information_not_a_warning(linter):
    report = "\n".join([
        "Westshire 3-1 Eastfield",
        "Westshire moved second with a deserved win over Eastfield at a packed Riverside ground.",
        "Tom Marsh scored twice in the first half, heading in from a corner and then curling in a free-kick.",
        "Eastfield pulled one back after the break when their striker beat the goalkeeper at the near post.",
        "Substitute Ben Cole sealed it in stoppage time, a result that could be crucial in the title race.",
        "The visitors were clearly second best and may rue a missed penalty at 1-0.",
        "Marsh was the key figure, and a hat-trick would have capped a remarkable display.",
        "The win means Westshire are likely to stay second before their trip to the champions.",
        "It was a major step for a side that finished tenth last season, and potentially a turning point.",
    ])
    assert _share_codes(linter, report) == ["NL905"]


def test_feature_lede_without_a_news_peg_is_information(linter):
    feature = "For years, the Pakistan Steel Mills in Karachi stood silent, its workshops empty and its yards overgrown.\n"
    assert _share_codes(linter, feature + "\n".join(_JUDGED)) == ["NL905"]


def test_genre_option_is_checked():
    with pytest.raises(OptionError) as err:
        Sourcing({"check": "unattributed-share", "genre": "gossip"})
    assert err.value.key == "genre"


# ----------------------------------------------------------------------------- platforms and menus
def _platforms(text):
    return {s.name: s for s in _profile(text).sources if s.type == "social-platform"}


def test_official_posting_on_a_platform_makes_the_poster_the_source(linter):
    for text in (
        "The ministry said in a post on X on Friday that talks would resume, and Twitter users shared it widely.\n",
        "The embassy wrote on its official Facebook page that the protocol had been signed in Moscow.\n",
        "Foreign Secretary Jane Doe posted on Twitter that the government was monitoring the situation.\n",
    ):
        found = linter.lint_bytes("a.txt", text.encode()).findings
        assert not [f for f in found if f.rule == "NL901"], text
        platform, = _platforms(text).values()
        assert platform.account and platform.cited_as == "platform", text


def test_anonymous_posting_keeps_the_platform_as_the_source(linter):
    for text in (
        "A user posted on Facebook that the mill had been sold to a Chinese firm.\n",
        "The minister said on Twitter that the mill would reopen, and a user wrote on Twitter that it had been sold.\n",
    ):
        found = linter.lint_bytes("a.txt", text.encode()).findings
        assert [f.rule for f in found if f.rule == "NL901"] == ["NL901"], text


def test_a_menu_item_sharing_a_word_with_an_agency_is_no_byline():
    body = "\n\nThe council voted on Tuesday to close the depot, the mayor said.\n"
    for menu in ("PTI Tracker | Elections | Videos", "Reuters Graphics | Markets | World"):
        p = _profile(menu + body)
        assert not p.sources or all(s.cited_as != "byline" for s in p.sources), menu
        assert p.provenance.status == "original", menu
    p = _profile("PTI | New Delhi" + body)
    assert _sources(p)["Press Trust of India"].cited_as == "byline"
