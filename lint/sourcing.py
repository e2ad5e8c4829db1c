"""Source reliability: which sources an article rests on, how much of it is attributed,
whether it is original, republished or aggregated, and a 0-100 score.

``analyze(doc, registry) -> Profile`` is pure: the same document and registry always
give the same profile, whichever rules are selected. The `sourcing` kind
(lint/kinds/sourcing.py) turns a profile into findings; ``Profile.to_json()`` is the
per-file `sourcing` entry of the JSON output; lint/report/sources.py renders it.

How it reads an article (shallow on purpose, like the attribution kind: regular
expressions over the prose view, no parser, no model):

* Extent. A second page pasted under the article (a headline followed by its own page
  furniture: a timestamp, a Follow/Share line, the headline printed again, or a new
  dateline) ends the article; nothing after it is this article's. A subheaded section
  without furniture is the article's own.
* Sources. A registry outlet counts only where the text cites it: a credit or notice
  ("copied from X", "(with X inputs)", "(X/File)", "Photo: X", an "X News Desk |"
  byline, an "(X) -" dateline), a reporting cue ("X reported", "according to X",
  "told X", "a report on X", "X said in a statement"), or, for a platform, posting on
  it ("said on X", "(Facebook/Account)"); "shares in Reuters fell" cites no one. Where a
  named speaker posted ("the ministry said in a post on X"), the platform keeps that
  account and is only the medium (NL901 leaves it); "a user posted on X" keeps it a
  source. A byline is an outlet's name with at most desk words after it ("News Desk"),
  so a menu item sharing a word with an agency ("PTI Tracker | Elections") is none.
  Named speakers are the subject of a reporting verb ("said Khan", "remarked Haroon
  Akhtar Khan, Special Assistant to the Prime Minister", "Russian Consul-General
  Andrey B. Fedorov told Arab News"); vague ones have a vague head and no name
  ("sources said", "a media report", "Pakistani state media", "officials", "experts").
* Claims. A claim sentence is a declarative sentence of five words or more in the
  article's prose: not a headline, list item, caption, credit, notice or question.
  It is *attributed* when it names who says it (a reporting verb whose subject is a
  name, a pronoun or a definite speaker such as "the company"; "according to"; "a
  report on X"), or is a direct quotation whose speaker is named in its paragraph;
  *vague* when its only source is vague; otherwise *unattributed*. Attribution does
  not carry over to the next sentence.
"""
from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from .document import Document
from .lazy_re import compile_lazily
from .matcher import compile_phrases

# ----------------------------------------------------------------------------- score
# score = 100 - attribution - named_sources - reliability - provenance, clamped to 0-100
# (README.md, "Source reliability"). Every term is in Profile.terms and the JSON.
ATTRIBUTION_WEIGHT = 50      # points lost when no claim sentence is attributed
ATTRIBUTION_TARGET = 0.4     # attribution rate at which the term reaches 0 (background needs no source)
NAMED_SOURCES_TARGET = 3     # fewer distinct named sources than this costs...
NAMED_SOURCE_POINTS = 10     # ...this many points per missing source
UNRELIABLE_POINTS = {"generally-unreliable": 15, "deprecated": 30}
RELIABILITY_CAP = 45
PROVENANCE_POINTS = {"original": 0, "republished": 5, "aggregated": 15}
UNKNOWN_ORIGIN_POINTS = 10   # republished from an origin the registry does not rate well or at all

UNRATED = "unrated"          # tier of a source that is not in the registry
UNRELIABLE_TIERS = frozenset(UNRELIABLE_POINTS)


# ----------------------------------------------------------------------------- records
class CitedSource(NamedTuple):
    name: str
    type: str          # registry type, or person / organization / named / anonymous / outlet / ai-generated
    tier: str          # registry tier, or "unrated"
    line: int          # 1-based source line of the first citation
    cited_as: str      # origin wire image byline dateline credit report interview platform speaker statement vague
    cue: str           # the words that cite it
    start: int         # view offsets of the first citation
    end: int
    mentions: int = 1
    title: str = ""    # a speaker's role ("Special Assistant to the Prime Minister")
    account: str = ""  # the account behind a platform credit ("Pakistan Embassy Russia")
    rationale: str = ""

    @property
    def named(self) -> bool:
        return self.type not in ("anonymous", "ai-generated")

    def to_json(self) -> dict:
        data = {"name": self.name, "type": self.type, "tier": self.tier, "line": self.line,
                "cited_as": self.cited_as, "mentions": self.mentions}
        if self.title:
            data["title"] = self.title
        if self.account:
            data["account"] = self.account
        if self.rationale:   # the registry's why: here and in --explain, too long for a message line
            data["rationale"] = self.rationale
        return data


class Claim(NamedTuple):
    start: int         # view offsets of the sentence
    end: int
    line: int          # 1-based source line
    label: str         # attributed | vague | unattributed
    source: str = ""   # who it is attributed to, when known


class Provenance(NamedTuple):
    status: str                 # original | republished | aggregated
    origin: str | None = None   # the outlet the text comes from (republished) or its wire (aggregated)
    origin_tier: str | None = None
    aggregator: str | None = None
    evidence: str = ""
    line: int | None = None
    start: int = 0
    end: int = 0

    def to_json(self) -> dict:
        data = {"status": self.status, "origin": self.origin, "origin_tier": self.origin_tier,
                "evidence": self.evidence or None, "line": self.line}
        if self.aggregator:
            data["aggregator"] = self.aggregator
        return data


class ScoreTerm(NamedTuple):
    """One term of the score: its input value and the points it takes off 100."""

    term: str          # attribution | named_sources | reliability | provenance
    value: object      # attribution rate, number of named sources, unreliable sources, status
    points: int        # 0 or negative

    def to_json(self) -> dict:
        return {"term": self.term, "value": self.value, "points": self.points}


class Profile(NamedTuple):
    sources: tuple[CitedSource, ...]
    provenance: Provenance
    claims: tuple[Claim, ...]
    terms: tuple[ScoreTerm, ...]
    score: int
    excluded: tuple[int, int] | None = None  # 1-based lines of a pasted page, not counted

    def count(self, label: str) -> int:
        return sum(1 for c in self.claims if c.label == label)

    @property
    def attributed(self) -> int:
        return self.count("attributed")

    @property
    def vague(self) -> int:
        return self.count("vague")

    @property
    def unattributed(self) -> int:
        return self.count("unattributed")

    def share(self, label: str) -> float:
        return self.count(label) / len(self.claims) if self.claims else 0.0

    def to_json(self) -> dict:
        return {
            "score": self.score,
            "score_terms": [t.to_json() for t in self.terms],
            "provenance": self.provenance.to_json(),
            "sources": [s.to_json() for s in self.sources],
            "claims": {
                "sentences": len(self.claims),
                "attributed": self.attributed,
                "vague": self.vague,
                "unattributed": self.unattributed,
                "attributed_share": _round(self.share("attributed")),
                "vague_share": _round(self.share("vague")),
                "unattributed_share": _round(self.share("unattributed")),
            },
            "excluded_lines": list(self.excluded) if self.excluded else None,
        }


def _round(x: float) -> float:
    return round(x, 2)


# ----------------------------------------------------------------------------- vocabularies
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Reporting verbs that attribute what their subject says. Words that are more often
# nouns ("claims", "states", "notes", "reports", "estimates") are left out; belief verbs
# ("hope", "fear", "expect") attribute a view only when their subject is a source.
_BELIEF = _words("believes believe fear fears hope hopes expects expect think thinks feel feels worry worries")
_VERB_SET = _words(
    "said says say saying told tells tell added adds stated explained explains noted wrote writes "
    "announced announces confirmed confirms claimed argued argues insisted insists remarked remarks "
    "reported warned warns described describes acknowledged acknowledges admitted admits suggested "
    "estimated predicted testified tweeted revealed reveals disclosed stressed stresses emphasised "
    "emphasized commented urged concluded concludes observed asserted alleged denied denies replied "
    "responded recalled conceded cautioned complained quoted accused criticised criticized condemned hailed "
    "blamed claim claims declared forecast praised asked continued"
) | _BELIEF
# Participles after a comma take the sentence's subject: "..., adding: ...", "..., claiming ...".
_PARTICIPLES = _words("saying adding telling insisting claiming arguing warning explaining describing accusing "
                      "denying admitting noting stressing calling praising criticising criticizing urging")
# Findings attribute what a study or a person found: "the review found that ...".
_FINDING_PHRASES = [f"{verb} that" for verb in ("found", "finds", "shows", "showed", "suggests", "concludes", "ruled")]
_PASSIVE = _words("was were been being be is are")

PRONOUNS = _words("he she they it we i")
DEFINITE = _words("the its his her their our this that these those")
INDEFINITE = _words("a an one another")
CONNECTORS = _words("of the and for de du la le al el bin bint von van der da di &")
# Heads of a vague or anonymous source: "sources said", "a media report", "officials".
VAGUE_HEADS = _words(
    "source sources official officials expert experts analyst analysts observer observers critic critics "
    "insider insiders people person residents resident witnesses witness diplomats diplomat report reports "
    "media many some others several commentators pundits economists scientists researchers studies research "
    "campaigners activists protesters authorities aides aide individuals figures traders investors watchers "
    "onlookers locals villagers someone everyone everybody circles quarters users customers fans consumers "
    "shoppers voters members staff workers employees parents students viewers readers listeners "
    "observers insiders rumours rumors figure"
)
# Speakers who talk for someone named elsewhere ("a spokesman for the firm").
SPOKES = _words("spokesman spokeswoman spokesperson spokesmen spokespeople representative statement")
# Heads of a definite speaker that refers back to someone named ("the company said").
SPEAKER_HEADS = SPOKES | _words(
    "company firm group ministry government embassy police bank minister president department agency "
    "office court judge chairman chairwoman chair chief executive director union party club manager coach "
    "prosecutors prosecutor lawyer lawyers regulator watchdog council commission committee board authority "
    "organisers organizers airline carrier retailer maker operator insurer lender team army military navy "
    "consulate mission service association institute university foundation charity federation league "
    "secretary ambassador governor mayor senator leader head boss founder owner author writer star singer "
    "actor player striker captain defender midfielder goalkeeper driver respondents newspaper paper magazine "
    "channel broadcaster website station family designers developers engineers makers distributor publisher "
    "producer producers studio label spokesperson police tribunal inquiry review panel jury judges report "
    "study survey research poll surveyed polled questioned interviewed asked"
)
# Nouns that head an institution: "the Pakistani embassy".
INSTITUTIONS = _words(
    "embassy ministry department government office police council commission committee court bank agency "
    "authority board union parliament assembly senate army military navy consulate mission university "
    "institute foundation association federation"
)
# Titles in front of or around a name: "Special Assistant to the Prime Minister".
TITLES = _words(
    "president prime minister deputy foreign secretary general director chairman chairwoman chair chief "
    "executive officer spokesman spokeswoman spokesperson ambassador consul consul-general special assistant "
    "adviser advisor senator governor mayor judge justice barrister dr mr mrs ms miss professor prof sir lord "
    "lady dame king queen prince princess acting federal head leader commander colonel gen captain inspector "
    "interior finance defence defense home chancellor vice managing editor manager coach sapm sheikh imam "
    "bishop archbishop pope cardinal rev reverend father analyst economist lawyer founder partner member mp "
    "mep senior junior undersecretary under-secretary attorney-general attorney commissioner opposition "
    "communications transport industries production affairs trade economy economic energy health education "
    "information technology development planning railways commerce culture sport sports labour environment "
    "water power petroleum science agriculture housing works shadow former boss chef coach striker midfielder "
    "defender goalkeeper captain president-elect premier principal dean rector pundit spokesman correspondent "
    "reporter columnist presenter host"
)
DEMONYMS = _words(
    "american british pakistani indian russian chinese afghan iranian israeli palestinian saudi turkish "
    "french german japanese korean european western eastern arab african asian australian canadian mexican "
    "brazilian italian spanish ukrainian syrian iraqi egyptian us u.s. uk eu gulf kashmiri bangladeshi irish "
    "scottish welsh english dutch belgian swiss swedish norwegian danish polish greek nigerian kenyan"
)
# Words that qualify a source without naming it: "Pakistani state media", "senior officials".
NATIONALITIES = DEMONYMS | _words(
    "northern southern local foreign state federal government senior top regional provincial international "
    "global national military security intelligence"
)
ORG_WORDS = _words(
    "ministry department bank group company inc ltd plc corp corporation association council commission "
    "office agency university institute party police court government authority board committee "
    "foundation fund organisation organization service union federation league club news times post "
    "journal network channel television radio press embassy consulate mission army forces parliament "
    "assembly senate airlines airways motors holdings partners capital securities exchange executive "
    "treasury cabinet programme"
)
_TRAILING = compile_lazily(
    r"(?:\s+(?:also|later|earlier|then|further|previously|recently|separately|repeatedly|yesterday|today|"
    r"tonight|once|again|however|meanwhile|instead|now|still|too|has|have|had|would|will|could|may|might|"
    r"already|publicly|privately|initially|originally|subsequently|quickly|immediately|angrily|firmly|strongly|"
    r"openly|recently|finally|simply|just|always|never|often|has\s+long|had\s+long|"
    r"(?:on|last|this|next|early|late)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|"
    r"month|year|night|morning|evening|afternoon)|on\s+\w+\s+\d{1,2}|in\s+(?!(?:a|an|the)\b)[A-Za-z]+|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|in\s+a\s+(?:statement|interview|letter|post|speech)))+\s*$",
    re.I,
)
# Last words that _TRAILING may strip (a cheap test before running it).
_TRAILING_WORDS = _words(
    "also later earlier then further previously recently separately repeatedly yesterday today tonight once "
    "again however meanwhile instead now still too has have had would will could may might already publicly "
    "privately initially originally subsequently quickly immediately angrily firmly strongly openly finally "
    "simply just always never often long monday tuesday wednesday thursday friday saturday sunday week month "
    "year night morning evening afternoon statement interview letter post speech"
) | frozenset("abcdefghijklmnopqrstuvwxyz")
_CLAUSE_STOP = _words(
    "that which who whom whose while as when because but if after before since although though so where "
    "whether than amid despite by"
)


# ----------------------------------------------------------------------------- patterns
# Cues are found in the lowercased view (doc.lowered: same offsets), without re.I.
# Gate words only switch on a whole-text pattern for the documents that hold them.
_DOC_NOUNS = _words(
    "report reports article story interview broadcast bulletin post statement editorial column programme "
    "program video tweet release survey study analysis poll letter notice announcement figures data"
)
_GATES = {
    "repub": ["copied", "republished", "reproduced", "reprinted", "syndicated", "originally", "first published",
              "first appeared", "first ran", "first posted", "courtesy", "feed", "lifted from", "taken from",
              "borrowed from", "sourced from", "extracted from", "adapted from", "taken off", "source"],
    "input": ["input", "inputs"],
    "ai": ["ai", "ai-generated", "artificial intelligence"],
    "label": ["photo", "image", "picture", "photograph", "illustration", "video"],
}
_VAGUE_PHRASES = ["reportedly", "allegedly"] + [
    f"{aux} {verb}" for aux in ("it is", "it was", "it has been", "it had been")
    for verb in ("reported", "understood", "learnt", "learned", "believed", "claimed", "alleged", "rumoured", "rumored")
] + [f"{aux} {verb} to" for aux in ("is", "are", "was", "were") for verb in ("said", "believed", "understood",
                                                                          "reported", "thought")] + [
    f"widely {verb}" for verb in ("expected", "believed", "thought", "reported", "seen as", "regarded as")
] + [f"{verb} that" for verb in ("understands", "understood", "has learned", "has learnt", "has been told")]


def _cue_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for gate, words in _GATES.items():
        for word in words:
            table[word] = "gate-" + gate
    for noun in _DOC_NOUNS:
        table[noun] = "document"
    table.update({"according to": "according", "called": "called"})
    for verb in _VERB_SET | _PARTICIPLES:
        table[verb] = "verb"
    for phrase in _VAGUE_PHRASES:
        table[phrase] = "vague"
    for phrase in _FINDING_PHRASES:
        table[phrase] = "verb"
    return table


# One pass over the lowercased view finds every cue; a per-cue follow-up pattern
# (anchored with .match) decides the rest. One trie scan costs what one plain regex
# does, where a scan per cue kind cost six times as much.
_CUE_KINDS = _cue_table()
_LABEL_WORDS = frozenset(_GATES["label"])
_CUE_PATTERNS: dict[int, tuple[object, re.Pattern, frozenset[str]]] = {}


def _cue_pattern(registry) -> tuple[re.Pattern, frozenset[str]]:
    """The cue trie, plus the registry's social-platform names (lowercased), which join
    the trie as a gate for the platform cues. Cached per registry object."""
    hit = _CUE_PATTERNS.get(id(registry))
    if hit is None or hit[0] is not registry:
        platforms = frozenset(n.lower() for src in (registry or ()) if src.type == "social-platform"
                              for n in src.names() if len(n) > 2)
        if len(_CUE_PATTERNS) > 8:
            _CUE_PATTERNS.clear()
        hit = (registry, compile_phrases(sorted(set(_CUE_KINDS) | platforms)), platforms)
        _CUE_PATTERNS[id(registry)] = hit
    return hit[1], hit[2]


_DOCUMENT_TAIL = compile_lazily(
    r"\s+(?:on|by|from|in|with|published\s+by|aired\s+on|posted\s+on|issued\s+by|carried\s+by|"
    r"released\s+by|compiled\s+by|conducted\s+by)\s+"
)
_DOC_BEFORE = compile_lazily(r"(?:\b(?:a|an|the|in)\s+(?:[\w-]+\s+){0,2}|\bfigures\s+|\bdata\s+)$")
_QUOTED_AS = compile_lazily(r"\s+(?P<np>[^,.;:“”\"]{2,60}?)\s+as\s+say")
_CALLED_QUOTE = compile_lazily(r"\s+[^“”\"\n]{1,60}?[“\"]")
_LABEL_TAIL = compile_lazily(r"(?:\s+credit)?\s*:\s*")
# Credits and notices (original-case text: names start with a capital).
_PAREN_CREDIT = compile_lazily(r"\(\s*(?P<who>[A-Z][\w.&'’ -]{0,40}?)\s*/\s*(?P<rest>[^()\n]{1,60}?)\s*\)")
_CREDIT_NAME = compile_lazily(r"[A-Z][\w.&'’ -]{1,40}?(?=\s*(?:$|[|)/.,;]))", re.M)
_PAREN_WIRE = compile_lazily(r"\(\s*(?P<who>[A-Z][\w .&-]{1,30}?)\s*\)\s*(?:[-–—:]|\.?\s*$)", re.M)
_WIRE_INPUT = compile_lazily(
    r"[(\[]\s*with\s+(?:additional\s+)?(?:inputs?\s+from\s+(?P<a>[^)\]\n]{2,60})|(?P<b>[^)\]\n]{2,40}?)\s+inputs?)\s*[)\]]"
    r"|^\s*with\s+(?:additional\s+)?(?:inputs?\s+from\s+(?P<c>[^\n]{2,60}?)|(?P<d>(?:\S+\s+){0,2}\S+)\s+inputs?)\s*\.?\s*$",
    re.I | re.M,
)
_DATELINE = compile_lazily(
    r"^\s*[A-Z][A-Z .'-]{2,40}(?:,\s*[A-Z][a-z]+\.?\s+\d{1,2})?\s*\(\s*(?P<who>[A-Za-z][\w .-]{1,30}?)\s*\)\s*[-–—:]",
    re.M,
)
_REPUBLISHED = compile_lazily(
    r"\b(?:this|the)\s+(?:news|story|article|report|piece|post|content|item)\s+(?:has\s+been|had\s+been|was|is)\s+"
    r"(?:copied|taken|lifted|borrowed|republished|reproduced|reprinted|syndicated|sourced|extracted|adapted)\s+"
    r"(?:verbatim\s+)?(?:from|via|off)\s+(?P<a>[^\n.;]{2,60})"
    r"|\b(?:this|the)\s+(?:article|story|piece|post|interview|report|column|essay|op-ed)\s+(?:was\s+|has\s+been\s+|is\s+)?"
    r"(?:originally|first)\s+(?:published|appeared|posted|ran)\s+(?:on|in|at|by|with)\s+(?P<b>(?:the\s+)?(?-i:[A-Z])[^\n.;,]{1,60})"
    r"|\b(?:republished|reproduced|reprinted)\s+(?:here\s+)?(?:from|courtesy\s+of|with\s+(?:kind\s+)?permission\s+(?:from|of))\s+"
    r"(?P<c>(?:the\s+)?(?-i:[A-Z])[^\n.;,]{1,60})"
    r"|^\s*(?:courtesy|source|republished\s+from)\s*:\s*(?P<d>(?-i:[A-Z])[^\n]{0,60})$"
    r"|\b(?P<feed>published\s+from\s+an?\s+(?:syndicated|agency|wire)\s+feed|auto-?generated\s+from\s+an?\s+syndicated\s+feed)",
    re.I | re.M,
)
_AI_IMAGE = compile_lazily(
    r"\b(?:(?:this|the)\s+(?:image|illustration|picture|photo)\s+(?:is|was)\s+(?:an?\s+)?ai[- ]generated"
    r"|ai[- ]generated\s+(?:image|illustration|picture|photo)"
    r"|(?:image|illustration|picture)\s+(?:was\s+)?(?:created|generated|made)\s+(?:with|by|using)\s+(?:an?\s+)?"
    r"(?:ai|artificial\s+intelligence))\b"
)
# Words a byline may carry after the outlet's name: "Devdiscourse News Desk |".
_DESK_WORDS = _words("news desk web bureau service wire online digital newsroom network")
# Verbs of posting or saying that put a speaker on a platform: "said in a post on X".
_POSTING_VERB = compile_lazily(
    r"\b(?:said|says|say|posted|posts|wrote|writes|shared|shares|published|announced|announces|tweeted|"
    r"uploaded|added|stated|warned|confirmed|claimed|declared|revealed|told)\b"
)
_PLATFORM_CUE = compile_lazily(
    r"\b(?:posted|said|wrote|shared|published|announced|tweeted|uploaded|statement|message|video|post|posts|"
    r"written|live|broadcast|streamed|appeared)\s+(?:[\w’']+\s+){0,3}?(?:on|via)\s+(?:(?:its|his|her|their|the)\s+)?"
    r"(?:official\s+)?(?=[A-Za-z])"
    r"|\b(?:in|on)\s+an?\s+(?=[A-Z][\w.]*\s+(?:post|video|page|account|live|statement|message)\b)"
)
# Sentences that speak about the page, not the news (matched at a sentence start).
_META_START = compile_lazily(
    r"\W*(?:(?:this|the)\s+(?:image|photo|picture|video|illustration|article|story|content|page)\b"
    r"|it\s+is\s+a\s+fictional\b|read\s+more\b|also\s+read\b|see\s+also\b|click\s+here\b|subscribe\b|"
    r"sign\s+up\b|follow\s+us\b|share\s+this\b)"
)
_META_ANY = compile_lazily(r"for illustrative purposes|all rights reserved|©")
_ANY_SENTENCE_END = compile_lazily(r"""[.!?…]['"”’)\]]*(?:\s|$)""")
_LIST_ITEM = compile_lazily(r"^\s*(?:[•●▪◦*+–—-]|\d{1,2}[.)])\s")
# Page furniture that opens a pasted page.
_FURNITURE = compile_lazily(
    r"^\s*(?:(?:last\s+)?updated|published|posted|modified|first\s+published)\b.{0,40}$"
    r"|^\s*(?:follow|share|short\s+url|comments?|print|listen|save|email|tweet|whatsapp)\s*(?:this|us|story|article)?\s*$"
    r"|\b\d+\s*(?:sec|secs|seconds|min|mins|minutes|hr|hrs|hours?|days?)\s+ago\s*$",
    re.I,
)
_PAGE_DATELINE = compile_lazily(r"^\s*[A-Z][A-Z .'-]{2,30}(?:\s*\([^)\n]{1,20}\))?\s*[:—–-]\s+\S")
_CITE_BEFORE = compile_lazily(
    r"(?:\baccording\s+to|\btold|\breported\s+by|\bquoted\s+by|\bcited\s+by|\bciting|\bquoting|\bvia|"
    r"\b(?:copied|taken|republished|reproduced|reprinted|syndicated|lifted|sourced)\s+from|\bcourtesy(?:\s+of)?|"
    r"\binputs?\s+from|\binterviews?\s+with|\binterviewed\s+by|\bspeaking\s+to|\bwriting\s+in|\bwrote\s+in|"
    r"\b(?:report|reports|article|story|column|editorial|interview|broadcast|bulletin|programme|program)\s+"
    r"(?:on|by|in|from|published\s+by|aired\s+on)|\bpublished\s+(?:in|by)|\baired\s+on|\bbroadcast\s+on)"
    r"(?:\s+(?:the|a|an))?\s*$"
)
_CITE_AFTER = compile_lazily(
    r"(?:[’']s?)?\s*(?:reported|reports|reporting|quoted|cited|news\s+agency|inputs?\b|newspaper|broadcaster|"
    r"said\s+in\s+a\s+(?:report|statement)|correspondent|reporter|report\b|website)"
)
_POSSESSIVE_ENDS = ("’s", "'s")


def _possessive(token: str) -> bool:
    return token.endswith(_POSSESSIVE_ENDS)


def _ends_sentence(text: str, start: int = 0, end: int | None = None) -> bool:
    """Does text[start:end] end with . ! or … (closing quotes and brackets allowed)?"""
    tail = text[start:end].rstrip().rstrip("'\"”’)]")
    return tail[-1:] in (".", "!", "…")


_NAME_WORD = compile_lazily(r"[A-Z][a-z’'-]+|[A-Z]\.")
_AFTER_QUOTE = compile_lazily(r"[,”\"’:]\s*$")
_AFTER_CLOSE = compile_lazily(r"[,.!?…]\s*[\"”]\s+(?:[\w’'.-]+\s+){0,5}$")
_BY_AGENT = compile_lazily(r"\s+by\s+(?=\S)")
_AS_SAYING = compile_lazily(r"\s+as\s+say")
_TELLS_STORY = compile_lazily(r"\s+(?:the\s+)?(?:story|stories|tale|tales|history)\b")
_AGENTLESS_VAGUE = _words("accused criticised criticized described reported claimed alleged said quoted")
_NUMBER_SUBJECT = compile_lazily(r"(?:about\s+|some\s+|nearly\s+|almost\s+|over\s+|more\s+than\s+)?\d[\d,.]*\s*(?:%|per\s*cent|percent)?(?:\s+of\s+\w+)*$")
_ASIDE = compile_lazily(r",\s*(?:however|though|meanwhile|too|in\s+turn|for\s+(?:his|her|its|their)\s+part)\s*,?\s*$", re.I)
_NP_AFTER = compile_lazily(r"[^,.;:()“”\"\n]{1,90}")
_WHEN_AFTER = compile_lazily(r"\s+(?:on|in|at|last|this|earlier|yesterday|today)\b.*$")
_CLAUSE_AFTER = compile_lazily(r"\s+(?:that|who|which|as|after|before|when|while|because)\b.*$")
_APPOSITIVE_AFTER = compile_lazily(r",\s*([^,.;()“”\"\n]{3,80}?)\s*(?:,|\.|$|\s+who\b)")
_PAREN_END = compile_lazily(r"\s*\([^()]{1,20}\)\s*$")
_PLACE_END = compile_lazily(r"(?<=\w)\s+in\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?$")


# ----------------------------------------------------------------------------- the analysis
def analyze(doc: Document, registry) -> Profile:
    """The sourcing profile of one document (see the module doc). `registry` is a
    lint.registry.Registry, or None to rate nothing."""
    return _Analysis(doc, registry).run()


class _Analysis:
    def __init__(self, doc: Document, registry):
        self.doc = doc
        self.text = doc.text
        self.low = doc.lowered
        self.registry = registry
        self.matcher = registry.matcher() if registry is not None else None   # kept on the registry
        self.sources: dict[str, CitedSource] = {}
        self.seen: set[tuple[str, int]] = set()   # (source key, offset) already counted
        self.notices: list[int] = []              # offsets of credits and notices: their sentences are no claims
        self.captions: list[tuple[int, int]] = []  # image credits "(Reuters/File)"
        self._lines_ok: dict[int, bool] = {}
        self._para_starts = [p[0] for p in doc.paragraphs]
        self._full_names: dict[str, list[tuple[int, str, str]]] = {}
        self._line_ends: dict[int, bool] = {}
        self.platform_cites: dict[str, list[int]] = {}  # platform key -> offsets of its prose citations

    def run(self) -> Profile:
        doc = self.doc
        cut = pasted_page_start(doc)
        self.end = doc.lines[cut][0] if cut is not None else len(self.text)
        excluded = None
        if cut is not None:
            last = max(i for i in doc.nonblank if i >= cut)
            excluded = (self.line(doc.lines[cut][0]), self.line(doc.lines[last][0]))
        self._scan()
        evidence = self._credits()
        claims = self._claims()
        self._platform_accounts()
        provenance = self._provenance(evidence)
        sources = tuple(sorted(self.sources.values(), key=lambda s: (s.start, s.name)))
        terms, score = score_profile(sources, claims, provenance)
        return Profile(sources, provenance, tuple(claims), terms, score, excluded)

    def _scan(self) -> None:
        """Every cue in the article, found in one pass: (start, end, word, kind)."""
        self.cues: list[tuple[int, int, str, str]] = []
        self.gates: set[str] = set()
        self.labels: list[tuple[int, int]] = []  # "Photo", "Image"...: a credit label may follow
        low = self.low
        pattern, platforms = _cue_pattern(self.registry)
        for m in pattern.finditer(low, 0, self.end):
            word = m.group()
            if "\n" in word or "  " in word:
                word = " ".join(word.split())
            kind = _CUE_KINDS.get(word, "")
            if not kind and word in platforms:
                self.gates.add("platform")
            if word in _LABEL_WORDS:
                self.labels.append((m.start(), m.end()))
            if kind.startswith("gate-"):
                self.gates.add(kind[5:])
            elif kind:
                self.cues.append((m.start(), m.end(), word, kind))

    def line(self, offset: int) -> int:
        if self.doc.anchors:
            return self.doc.position(offset)[0]
        return self.doc.line_index(offset) + 1

    # -- sources -------------------------------------------------------------------
    def add(self, name: str, type_: str, tier: str, start: int, end: int, cited_as: str,
            cue: str = "", title: str = "", account: str = "", rationale: str = "") -> str:
        name = " ".join(name.split()).strip(" ,.;:")
        key = _key(name)
        if not key or (key, start) in self.seen:
            return name
        self.seen.add((key, start))
        if type_ == "social-platform" and cited_as != "image":
            self.platform_cites.setdefault(key, []).append(start)
        old = self.sources.get(key)
        if old is None:
            self.sources[key] = CitedSource(
                name=name, type=type_, tier=tier, line=self.line(start), cited_as=cited_as,
                cue=" ".join(cue.split()), start=start, end=end, title=" ".join(title.split()),
                account=account, rationale=rationale,
            )
            return name
        changes: dict = {"mentions": old.mentions + 1}
        if title and not old.title:
            changes["title"] = " ".join(title.split())
        if account and not old.account:
            changes["account"] = account
        if old.type in ("named", "organization") and type_ == "person":
            changes["type"] = type_
        self.sources[key] = old._replace(**changes)
        return old.name

    def _platform_accounts(self) -> None:
        """"The ministry said in a post on X", "Jane Doe posted on X": the platform is where a
        named speaker posted, and the source is the speaker (the registry's own rationale:
        usable as the self-published statement of the account owner). When every prose
        citation of a platform has such a poster, it is kept as that account's platform.
        "A user posted on X" or "posts on Facebook claimed" name no poster: the platform
        stays the source."""
        for key, offsets in self.platform_cites.items():
            src = self.sources.get(key)
            if src is None or src.account:
                continue
            posters = [self._poster(offset) for offset in offsets]
            if posters and all(posters):
                self.sources[key] = src._replace(account=posters[0], cited_as="platform")

    def _poster(self, offset: int) -> str:
        """Who posted at the platform named at `offset`: the named subject of the posting verb before it."""
        s, _ = self.doc.sentence_at(offset)
        low = self.low
        verb = None
        for m in _POSTING_VERB.finditer(low, max(s, offset - 80), offset):
            verb = m
        if verb is None:
            return ""
        kind, name = self._np_before(s, verb.start(), belief=False)
        if kind != "attributed" or not name or _key(name) in self.platform_cites:
            return ""
        return name

    def add_registry(self, src, start: int, end: int, cited_as: str, cue: str = "", account: str = "") -> str:
        return self.add(src.name, src.type, src.tier, start, end, cited_as, cue, account=account,
                        rationale=src.rationale)

    def registry_in(self, start: int, end: int, strong: bool):
        """The first registry source named in text[start:end], and its match. An
        ambiguous alias ("PTI", "Dawn") counts only when `strong`."""
        if self.matcher is None or end <= start:
            return None, None
        for m in self.matcher.finditer(self.text, start, end):
            src = self.registry.source_for(m.group())
            if src is None or (not strong and self.registry.needs_context(m.group())):
                continue
            return src, m
        return None, None

    def cue_text(self, start: int, end: int) -> str:
        lo, hi = self.doc.lines[self.doc.line_index(start)]
        return self.text[max(lo, start - 40):min(hi, end + 30)].strip()

    def resolve(self, surname: str, offset: int) -> tuple[str, str]:
        """A one-word name -> the latest full name before it that ends with it ("Khan" ->
        "Haroon Akhtar Khan"), else the first after it; with the title in front of it."""
        found = self._full_names.get(surname)
        if found is None:
            found = self._full_names[surname] = self._find_full_names(surname)
        if not found:
            return surname, ""
        k = bisect.bisect_left(found, (offset,)) - 1
        _, full, title = found[max(k, 0)]
        return full, title

    def _find_full_names(self, surname: str) -> list[tuple[int, str, str]]:
        text = self.text
        out = []
        i = text.find(surname, 0, self.end)
        while i >= 0:
            j = i + len(surname)
            if (i == 0 or not text[i - 1].isalnum()) and (j >= len(text) or not text[j].isalnum()):
                words = text[max(0, i - 80):i].split()
                first: list[str] = []
                for w in reversed(words):
                    if (w[:1].isupper() and _NAME_WORD.fullmatch(w)
                            and w.lower() not in TITLES and w.lower() not in NATIONALITIES
                            and w.lower() not in _OPENERS):
                        first.insert(0, w)
                        if len(first) == 3:
                            break
                    else:
                        break
                if first:
                    out.append((i, " ".join(first + [surname]), _title_before(words[: len(words) - len(first)])))
            i = text.find(surname, i + 1, self.end)
        return out

    def para_start(self, offset: int) -> int:
        i = bisect.bisect_right(self._para_starts, offset) - 1
        return self._para_starts[i] if i >= 0 else 0

    def _mark_notice(self, offset: int) -> None:
        self.notices.append(offset)

    # -- credits, notices, bylines, datelines -------------------------------------------
    def _credits(self) -> list[tuple]:
        """Sources named by credits and notices; returns provenance evidence as
        (kind, source or name or None, start, end, cue)."""
        text, low, end = self.text, self.low, self.end
        evidence: list[tuple] = []
        if "repub" in self.gates:
            for m in _REPUBLISHED.finditer(text, 0, end):
                self._mark_notice(m.start())
                if m.group("feed"):
                    evidence.append(("republished", None, m.start(), m.end(), m.group()))
                    continue
                lo, hi = next(m.span(g) for g in "abcd" if m.group(g))
                src, hit = self.registry_in(lo, hi, strong=True)
                if src is not None:
                    self.add_registry(src, hit.start(), hit.end(), "origin", m.group())
                    evidence.append(("republished", src, m.start(), m.end(), m.group()))
                    continue
                name = _clean_outlet(text[lo:hi])
                if name:
                    self.add(name, "outlet", UNRATED, lo, hi, "origin", m.group())
                evidence.append(("republished", name or None, m.start(), m.end(), m.group()))
        if "input" in self.gates:
            for m in _WIRE_INPUT.finditer(text, 0, end):
                self._mark_notice(m.start())
                lo, hi = next(m.span(g) for g in "abcd" if m.group(g))
                found = False
                for a, b in _split_names(text, lo, hi):
                    src, hit = self.registry_in(a, b, strong=True)
                    if src is not None:
                        self.add_registry(src, hit.start(), hit.end(), "wire", m.group())
                        evidence.append(("aggregated", src, m.start(), m.end(), m.group()))
                        found = True
                        continue
                    name = _clean_outlet(text[a:b])
                    if name and name.lower() not in ("agency", "agencies", "wire", "news agency", "agency's"):
                        self.add(name, "outlet", UNRATED, a, b, "wire", m.group())
                        evidence.append(("aggregated", name, m.start(), m.end(), m.group()))
                        found = True
                if not found:
                    self.add("news agencies (unnamed)", "anonymous", UNRATED, m.start(), m.end(), "wire", m.group())
                    evidence.append(("aggregated", None, m.start(), m.end(), m.group()))
        if "(" in text:
            for m in _DATELINE.finditer(text, 0, end):
                src, hit = self.registry_in(*m.span("who"), strong=True)
                if src is not None:
                    self.add_registry(src, hit.start(), hit.end(), "dateline", m.group())
                    evidence.append(("republished" if src.type == "wire" else "dateline", src, m.start(),
                                     m.end(), m.group().strip()))
            for m in _PAREN_WIRE.finditer(text, 0, end):
                src, hit = self.registry_in(*m.span("who"), strong=True)
                if src is not None:
                    self.add_registry(src, hit.start(), hit.end(), "credit", m.group())
            if "/" in text:
                for m in _PAREN_CREDIT.finditer(text, 0, end):
                    self.captions.append(m.span())
                    src, hit = self.registry_in(*m.span("who"), strong=True)
                    if src is None:
                        continue
                    rest = m.group("rest").strip()
                    account = rest if src.type == "social-platform" and rest.lower() not in ("file", "files") else ""
                    self.add_registry(src, hit.start(), hit.end(), "image", m.group(), account=account)
        for start, cue_end in self.labels:
            m = _LABEL_TAIL.match(text, cue_end)
            n = _CREDIT_NAME.match(text, m.end()) if m else None
            if n:
                src, hit = self.registry_in(n.start(), n.end(), strong=True)
                if src is not None:
                    self.add_registry(src, hit.start(), hit.end(), "image", text[start:n.end()])
        if "ai" in self.gates:
            for m in _AI_IMAGE.finditer(low, 0, end):
                self._mark_notice(m.start())
                self.add("AI-generated image", "ai-generated", UNRATED, m.start(), m.end(), "image",
                         text[m.start():m.end()])
        # Bylines: "Devdiscourse News Desk | Islamabad | ...", "By Reuters".
        for i in self.doc.nonblank:
            lo, hi = self.doc.lines[i]
            if lo >= end:
                break
            if self.doc.line_words[i] > 20:
                continue
            line = text[lo:hi]
            bar = line.find("|")
            stripped = line.lstrip()
            if bar < 0 and not stripped[:3].lower() == "by ":
                continue
            name_end = lo + (bar if bar >= 0 else len(line))
            name_start = lo + len(line) - len(stripped) + (3 if stripped[:3].lower() == "by " else 0)
            src, hit = self.registry_in(name_start, name_end, strong=True)
            # The byline is the outlet's name, maybe with "News Desk": not a title that
            # mentions one ("Chasing Instagram Analytics | WIRED"), not the outlet's own staff.
            rest = text[hit.end():name_end].split() if src is not None else []
            # A menu item that shares a word with an agency ("PTI Tracker | Elections",
            # "Reuters Graphics | Markets") is no byline: only desk words may follow the name.
            if src is not None and hit.start() - name_start <= 1 and len(rest) <= 2 \
                    and src.type != "social-platform" and all(w.lower().strip(".,:") in _DESK_WORDS for w in rest):
                self.add_registry(src, hit.start(), hit.end(), "byline", line.strip())
                if src.type == "aggregator":
                    evidence.append(("aggregator", src, hit.start(), hit.end(), line.strip()))
                elif src.type == "wire":
                    evidence.append(("republished", src, hit.start(), hit.end(), line.strip()))
        # Platforms: "posted on X", "on its Facebook page", "in a Facebook post".
        if self.matcher is not None and "platform" in self.gates:
            for m in _PLATFORM_CUE.finditer(text, 0, end):
                src, hit = self.registry_in(m.end(), min(end, m.end() + 30), strong=True)
                if src is not None and src.type == "social-platform" and hit.start() == m.end():
                    self.add_registry(src, hit.start(), hit.end(), "platform", self.cue_text(m.start(), hit.end()))
        return evidence

    # -- claims --------------------------------------------------------------------
    def _claims(self) -> list[Claim]:
        doc, text, low = self.doc, self.text, self.low
        end = self.end
        sentences = [(s, min(e, end)) for s, e in doc.sentences if s < end]
        if not sentences:
            return []
        starts = [s for s, _ in sentences]
        cues: list[list[tuple[int, int, str, str]]] = [[] for _ in sentences]

        notices = {bisect.bisect_right(starts, n) - 1 for n in self.notices}
        # A photo caption: the sentence an image credit ends ("... in Moscow (Facebook/Embassy)"),
        # or the one before a credit that stands alone ("... February 8, 2016. (Reuters/File)").
        for c_start, c_end in self.captions:
            i = bisect.bisect_right(starts, c_start) - 1
            if i < 0:
                continue
            if c_start - sentences[i][0] <= 2 and i > 0 \
                    and self.doc.line_index(sentences[i - 1][0]) == self.doc.line_index(c_start):
                notices.add(i - 1)
            if not text[c_end:sentences[i][1]].strip(" .;"):
                notices.add(i)
        for cue in self.cues:
            i = bisect.bisect_right(starts, cue[0]) - 1
            if i >= 0 and cue[0] < sentences[i][1]:
                cues[i].append(cue)
        found = [self._attribution(s, e, c) if c and self._is_prose(s, e) else ("", "")
                 for (s, e), c in zip(sentences, cues)]

        meta_any = set()
        if "©" in text or "reserved" in low or "illustrative" in low:
            for m in _META_ANY.finditer(low, 0, end):
                meta_any.add(bisect.bisect_right(starts, m.start()) - 1)
        paragraphs = doc.paragraphs
        p = 0
        para_of: list[int] = []
        for s, _ in sentences:
            while p + 1 < len(paragraphs) and paragraphs[p + 1][0] <= s:
                p += 1
            para_of.append(p)
        claims: list[Claim] = []
        final = list(found)
        quoted_paras = {k for k, (lo, hi) in enumerate(paragraphs) if '"' in text[lo:hi] or "“" in text[lo:hi]}
        for i, (s, e) in enumerate(sentences):
            label, who = found[i]
            if not label and para_of[i] in quoted_paras and (
                    text[s:s + 1] in "\"“" or _open_quote(text, self.para_start(s), s + 1)):
                label, who = self._quote_speaker(i, sentences, para_of, final) or (label, who)
                final[i] = (label, who)
            if i in meta_any or i in notices or not self._is_claim(s, e):
                continue
            claims.append(Claim(s, e, self.line(s), label or "unattributed", who))
        return claims

    def _quote_speaker(self, i: int, sentences, para_of, found) -> tuple[str, str] | None:
        """A quotation is attributed when its paragraph names the speaker, or when it
        continues a quotation attributed in the paragraph before."""
        p = para_of[i]
        j = i
        while j > 0 and para_of[j - 1] == p:
            j -= 1
        while j < len(sentences) and para_of[j] == p:
            if j != i and found[j][0] == "attributed":
                return found[j]
            j += 1
        if i > 0 and para_of[i - 1] == p - 1 and found[i - 1][0] == "attributed":
            start = self.doc.paragraphs[p][0]
            if self.text[start:start + 1] in "\"“‘'":
                return found[i - 1]
        return None

    def _is_prose(self, s: int, e: int) -> bool:
        """A sentence, not a headline or label: it (or its line) has a sentence ending."""
        if _ends_sentence(self.text, s, e):
            return True
        index = self.doc.line_index(s)
        self._line_ok(index)
        return self._line_ends[index]

    def _is_claim(self, s: int, e: int) -> bool:
        text = self.text
        sentence = text[s:e].rstrip()
        if sentence.count(" ") < 4 or sentence.rstrip("\"'”’)] ")[-1:] == "?":
            return False
        if not self._line_ok(self.doc.line_index(s)):
            return False
        # No sentence ending in the sentence or its line: a headline, a label or chrome.
        if not _ends_sentence(sentence) and not self._line_ends[self.doc.line_index(s)]:
            return False
        return not _META_START.match(self.low, s)

    def _line_ok(self, index: int) -> bool:
        """Can this line hold a claim? Not a heading or a list item."""
        ok = self._lines_ok.get(index)
        if ok is None:
            lo, hi = self.doc.lines[index]
            line = self.text[lo:hi]
            ok = index not in self.doc.headings and not _LIST_ITEM.match(line)
            self._lines_ok[index] = ok
            self._line_ends[index] = bool(_ANY_SENTENCE_END.search(line))
        return ok

    def _attribution(self, s: int, e: int, cues) -> tuple[str, str]:
        """("attributed" | "vague" | "", who) for one sentence from its cues. Every cue
        is read (each may name a source for the profile); a named source beats a vague one."""
        results: list[tuple[str, str]] = []
        text, low = self.text, self.low
        named = False
        for start, end, word, kind in cues:
            if kind == "verb":
                if named:
                    continue  # later verbs are reported speech: "Khan said the firm said ..."
                results.append(self._verb(start, end, word, s, e))
                named = results[-1][0] == "attributed"
                if word == "quoted":
                    m = _QUOTED_AS.match(low, end, e)
                    if m:
                        lo, hi = m.span("np")
                        results.append(self._evaluate(text[lo:hi], lo))
            elif kind == "according":
                if start == 0 or not low[start - 1].isalnum():
                    results.append(self._np_after(end, e, cue="according to"))
            elif kind == "document":
                m = _DOCUMENT_TAIL.match(low, end, e)
                if m and _DOC_BEFORE.search(low, max(s, start - 30), start):
                    results.append(self._np_after(m.end(), e, cue=word))
            elif kind == "called":
                if _CALLED_QUOTE.match(text, end, e):
                    results.append(self._np_before(s, start, belief=False))
            elif kind == "vague" and not _open_quote(text, self.para_start(start), start):
                phrase = " ".join(text[start:end].split())
                self.add(phrase.lower(), "anonymous", UNRATED, start, end, "vague", phrase)
                results.append(("vague", phrase.lower()))
        for label in ("attributed", "vague"):
            for kind, name in results:
                if kind == label:
                    return kind, name
        return "", ""

    def _verb(self, v: int, v_end: int, verb: str, s: int, e: int) -> tuple[str, str]:
        text = self.text
        if v > 0 and text[v - 1] in "-‐–":
            return "", ""  # part of a word: "over-stated", "self-confessed"
        if v != s and text[v].isupper() and not text[s:v].rstrip().endswith(("“", '"', ":")):
            return "", ""  # a title or a name ("Hopes and Fears"), not a verb
        if _open_quote(text, self.para_start(v), v) and not _AFTER_CLOSE.search(text, max(s, v - 80), v):
            return "", ""
        belief = verb in _BELIEF
        if belief and not text[v_end:e].strip(" .\"”’"):
            return "", ""
        pre_words = [w for w in self.low[max(s, v - 24):v].split() if w not in _ADVERBS]
        if verb in ("tells", "told", "tell") and _TELLS_STORY.match(self.low, v_end):
            return "", ""  # "the film tells the story of ..."
        if verb == "continued" and not (text[v_end:v_end + 1] == ":" or _AFTER_QUOTE.search(text, max(s, v - 40), v)):
            return "", ""  # "continued to grow"
        if verb == "asked" and not self.low.startswith((" why", " whether", " if", " what", " how"), v_end):
            return "", ""
        if pre_words and pre_words[-1] in _PASSIVE and not verb.endswith("ing"):
            # "was described by Jobs as ..." names its source; "was admitted to hospital" does not;
            # "Louis Michel was quoted as saying" is the subject's.
            by = _BY_AGENT.match(text, v_end, e)
            if by:
                return self._np_after(by.end(), e, cue="by")
            if _AS_SAYING.match(self.low, v_end, e):
                aux = self.low.rfind(pre_words[-1], s, v)
                return self._np_before(s, aux, belief=False)  # "X has been reported as saying"
            if verb in _AGENTLESS_VAGUE:
                phrase = " ".join(text[self.low.rfind(pre_words[-1], s, v):v_end].split())
                self.add(phrase.lower(), "anonymous", UNRATED, v, v_end, "vague", phrase)
                return "vague", phrase.lower()  # "has been accused of": by whom?
            return "", ""
        if verb in _PARTICIPLES:
            if pre_words and pre_words[-1] in ("is", "are", "was", "were", "been"):
                aux = self.low.rfind(pre_words[-1], s, v)
                return self._np_before(s, aux, belief=False)  # "she is also claiming that ..."
            if text[max(s, v - 2):v].strip() in (",", ", and"):
                return self._sentence_subject(s, v)  # "Tony Blair has attacked ..., saying ..."
            if verb != "saying":
                return "", ""
        kind, name = self._np_before(s, v, belief=belief)
        if verb in ("told", "tells", "tell") and kind:
            self._audience(v_end, e)
        if kind or belief:
            return kind, name
        # Inverted: "..., said Khan." / "“...,” remarked Haroon Akhtar Khan, Special Assistant ..."
        before = text[max(s, v - 3):v]
        if _AFTER_QUOTE.search(before) or v == s:
            return self._np_after(v_end, e, cue=verb, inverted=True)
        return "", ""

    def _audience(self, start: int, end: int) -> None:
        """"told Arab News": the outlet that interviewed the speaker is a source too."""
        src, hit = self.registry_in(start, min(end, start + 45), strong=True)
        if src is not None and len(self.text[start:hit.start()].split()) <= 1:
            self.add_registry(src, hit.start(), hit.end(), "interview", self.cue_text(start, hit.end()))

    def _np_before(self, s: int, v: int, belief: bool) -> tuple[str, str]:
        """Who is the subject of a reporting verb at offset v (the sentence starts at s)."""
        lo = max(s, v - 160)
        pre = self.text[lo:v]
        tail = pre[-12:].split()
        if tail and (tail[-1].lower() in _TRAILING_WORDS or tail[-1][:1].isdigit()):
            t = _TRAILING.search(pre, max(0, len(pre) - 70))
            if t:
                pre = pre[: t.start()]
        if "," in pre[-40:]:
            pre = _ASIDE.sub("", pre)
        stripped = pre.rstrip()
        if not stripped:
            return "", ""
        last = stripped.split()[-1].lower()
        if last in ("who", "which") and len(stripped.split()) > 1:
            # "... by the Conservatives who said": the speaker is the antecedent.
            pre = stripped[: len(stripped) - len(last)].rstrip().rstrip(",")
            return self._judge(pre, lo, belief=belief) if pre.strip() else ("", "")
        if last in ("and", "but"):
            return self._sentence_subject(s, v)
        if stripped[-1] in ";:(“”\"—–‘" or (stripped[-1] in "’'" and not _possessive(stripped)):
            return "", ""
        if stripped[-1] == ",":
            return self._appositive(stripped[:-1], lo, belief)
        return self._judge(pre, lo, belief=belief)

    def _appositive(self, inner: str, lo: int, belief: bool) -> tuple[str, str]:
        """"X, a spokesman for Y, said" / "Scottish Conservative leader, David McLetchie, said" /
        "Lord Condon, head of ..., who made the call, said": walk back over commas."""
        segments = inner.split(",")
        offsets, pos = [], 0
        for seg in segments:
            offsets.append(pos)
            pos += len(seg) + 1
        titles: list[str] = []
        for k in range(len(segments) - 1, max(-1, len(segments) - 5), -1):
            seg = segments[k]
            words = seg.split()
            if not words:
                return "", ""
            if words[0].lower() in ("who", "which", "whose", "whom", "where", "when"):
                continue
            if _pure_name(words):
                start = lo + offsets[k] + (len(seg) - len(seg.lstrip()))
                title = titles[0] if titles else (segments[k - 1].strip() if k > 0 and _looks_title(segments[k - 1]) else "")
                return self._evaluate(seg.strip(), start, belief=belief, title=title)
            if _looks_title(seg) or words[0].lower() in INDEFINITE or (
                    k > 0 and _pure_name(segments[k - 1].split()) and not _caps(seg.split())):
                titles.append(seg.strip())
                if k == 0:
                    break
                continue
            kind, name = self._judge(seg, lo + offsets[k], belief=belief, title=titles[0] if titles else "")
            return kind, name
        if titles:
            # Only a role: "a spokesman for the firm, said" / "the minister, ... said".
            return self._evaluate(titles[-1], lo, belief=belief)
        return "", ""

    def _sentence_subject(self, s: int, v: int) -> tuple[str, str]:
        """"F-Secure issued a warning but said ...": the sentence's own subject, the words
        before its first auxiliary or past-tense verb."""
        segments = self.text[s:v].split(",")
        head = next((seg for seg in segments if len(seg.split()) > 1), segments[0])
        words = head.split()[:8]
        cut = len(words)
        for k, w in enumerate(words[1:], start=1):
            low = w.lower()
            if low in _AUXILIARIES or (w[:1].islower() and low.endswith("ed") and low not in _NP_WORDS):
                cut = k
                break
        words = words[:cut][:6]
        return self._evaluate(" ".join(words), s) if words else ("", "")

    def _judge(self, pre: str, lo: int, belief: bool = False, title: str = "") -> tuple[str, str]:
        chunk = _last_chunk(pre)
        if not chunk:
            return "", ""
        pos = pre.rfind(chunk.split()[0])
        return self._evaluate(chunk, lo + max(pos, 0), belief=belief, title=title)

    def _np_after(self, start: int, end: int, cue: str = "", inverted: bool = False) -> tuple[str, str]:
        text = self.text
        m = _NP_AFTER.match(text, start, end)
        if not m:
            return "", ""
        chunk = m.group()
        if inverted:
            chunk = _WHEN_AFTER.sub("", chunk)
        chunk = _CLAUSE_AFTER.sub("", chunk)
        # "Haroon Akhtar Khan, Special Assistant to the Prime Minister, who ..." -> a title
        rest = text[m.end():end]
        am = _APPOSITIVE_AFTER.match(rest)
        title = am.group(1) if am and _looks_title(am.group(1)) else ""
        if am and _looks_title(chunk) and _pure_name(am.group(1).split()):
            # "according to special assistant to the prime minister, Haroon Akhtar Khan, ..."
            return self._evaluate(am.group(1), m.end() + am.start(1), title=chunk.strip())
        return self._evaluate(chunk, start + len(chunk) - len(chunk.lstrip()), title=title, cue=cue)

    def _evaluate(self, chunk: str, offset: int, belief: bool = False, title: str = "",
                  cue: str = "") -> tuple[str, str]:
        """Who a noun phrase names: ("attributed", name), ("vague", phrase) or ("", "")."""
        if chunk.endswith(")"):
            chunk = _PAREN_END.sub("", chunk)
        chunk = chunk.strip().strip("’'\"")
        # "the Pakistani embassy in Russia": a place after the speaker is not the speaker.
        if " in " in chunk:
            chunk = _PLACE_END.sub("", chunk)
        tokens = [_bare(t) for t in chunk.split()]
        tokens = [t for t in tokens if t]
        if not tokens:
            return "", ""
        end = offset + len(chunk)
        lows = [t.lower() for t in tokens]
        head, first = lows[-1], lows[0]
        # A registry outlet named in the phrase ("Geo News reported", "a report on Radio Pakistan").
        src, hit = self.registry_in(offset, end, strong=bool(cue) or _strong_context(self.low, offset, end))
        if src is not None and (src.type != "social-platform" or cue):
            return "attributed", self.add_registry(src, hit.start(), hit.end(), "report", self.cue_text(hit.start(), hit.end()))
        if head in PRONOUNS:
            # "he said", "Speaking after the summit he said": a pronoun ends the subject.
            if belief and head in ("it", "they"):
                return "", ""
            return "attributed", self._last_person(offset)
        if head in ("one", "another") and len(tokens) == 1:
            self.add("one (unnamed)", "anonymous", UNRATED, offset, end, "vague", chunk)
            return "vague", "one (unnamed)"
        if head in DEFINITE or head in INDEFINITE or head in _PREPOSITIONS:
            return "", ""
        if _NUMBER_SUBJECT.match(chunk):
            return "attributed", chunk  # "40% said": a poll's respondents, the poll named nearby
        # "a spokesman for the company", "lawyers for news organisations": the head comes first.
        for k, low in enumerate(lows[1:-1], start=1):
            if low in ("for", "of", "at", "from", "with") and lows[k - 1] in SPEAKER_HEADS | VAGUE_HEADS \
                    and tokens[k - 1][:1].islower():
                head = lows[k - 1]
                break
        run = _trailing_run(tokens)
        if run:
            named = self._named(run, tokens, offset, end, title)
            if named:
                return "attributed", named
        caps = _caps(tokens)
        if head in VAGUE_HEADS:
            if caps:
                return "attributed", self.add(caps, "organization", UNRATED, offset, end, "speaker", chunk)
            if first in DEFINITE and head in ("report", "study", "survey", "research", "figures"):
                return "attributed", chunk
            if belief and head in ("report", "reports", "figures"):
                return "", ""
            phrase = _vague_name(_after_conjunction(chunk))
            self.add(phrase, "anonymous", UNRATED, offset, end, "vague", chunk)
            return "vague", phrase
        if _title_only(tokens):
            return "attributed", self.add(" ".join(tokens), "person", UNRATED, offset, end, "speaker", chunk,
                                          title=" ".join(tokens))
        possessive = any(_possessive(t) for t in tokens[:-1])
        if first in DEFINITE or possessive:
            if head in INSTITUTIONS and len(tokens) >= 3 and first == "the":
                name = "the " + " ".join(tokens[1:])
                return "attributed", self.add(name, "organization", UNRATED, offset, end, "statement", chunk)
            if caps and head in SPOKES | SPEAKER_HEADS:
                return "attributed", self.add(caps, "organization", UNRATED, offset, end, "speaker", chunk)
            return "attributed", chunk
        if first in INDEFINITE:
            if head in SPOKES:
                if caps:
                    return "attributed", self.add(caps, "organization", UNRATED, offset, end, "speaker", chunk)
                return "attributed", chunk
            if head in SPOKES or (head in ("lawyer", "attorney", "representative") and " for " in chunk):
                return "attributed", chunk
            if head in _BODIES:
                return "attributed", chunk  # "a jury ruled", "a tribunal found": a body, not a person
            if head in SPEAKER_HEADS or head in TITLES or head in VAGUE_HEADS:
                phrase = _vague_name(chunk)
                self.add(phrase, "anonymous", UNRATED, offset, end, "vague", chunk)
                return "vague", phrase
            return "", ""
        if head in SPEAKER_HEADS:
            if caps:
                return "attributed", self.add(caps, "organization", UNRATED, offset, end, "speaker", chunk)
            if len(tokens) <= 2 or any(low in DEFINITE for low in lows):
                return "attributed", chunk
        return "", ""

    def _named(self, run: list[str], tokens: list[str], offset: int, end: int, title: str) -> str:
        """Add the source a capitalised run names; "" when the run names no one."""
        while run and (run[0].lower() in _OPENERS or run[0].lower() in CONNECTORS):
            run = run[1:]
        if not run:
            return ""
        # Post-nominal titles: "Paul Boateng MP".
        while len(run) > 1 and run[-1].lower() in ("mp", "mep", "qc", "kc", "jr", "sr", "msp", "am", "mla", "mna") \
                and _nameish(run[-2]):
            run = run[:-1]
        lows = [t.lower() for t in run]
        # Split off the possessor: "Manchester United's board" has no run; "Russia's Deputy PM" is a title.
        name_part: list[str] = []
        if len(run) > 1 and lows[-1] in TITLES and _nameish(run[-2]) and lows[-1] not in ("mp", "qc"):
            name_part = [run[-1]]  # "Tim Dean", "Alex King": a surname that is also a title
            run, lows = run[:-1], lows[:-1]
        for t, low in zip(reversed(run), reversed(lows)):
            if low in ORG_WORDS or not (_nameish(t) or (low in CONNECTORS and name_part)
                                        or (t[:1].isdigit() and not name_part)):
                break
            name_part.insert(0, t)
        while name_part and name_part[0].lower() in CONNECTORS:
            name_part.pop(0)
        run = run + name_part[len(name_part) - 1:] if name_part and name_part[-1] not in run else run
        lead = run[: len(run) - len(name_part)]
        if not name_part:
            if any(low in ORG_WORDS for low in lows):
                return self.add(" ".join(run), "organization", UNRATED, offset, end, "speaker", " ".join(tokens))
            return ""
        if any(low in ORG_WORDS for low in lows[: len(lead)]) and not any(low in TITLES for low in lows[: len(lead)]):
            # "Bank of England", "Pakistan Steel Mills": the whole run is the name.
            return self.add(" ".join(run), "organization", UNRATED, offset, end, "speaker", " ".join(tokens))
        lead_title = _title_before(tokens[: len(tokens) - len(name_part)])
        title = title or lead_title
        name = " ".join(name_part)
        kind = "person" if title or any(t.lower().strip(".") in _HONORIFICS for t in lead) else "named"
        if len(name_part) == 1:
            full, full_title = self.resolve(name, offset)
            if full != name:
                name, kind = full, "person"
                title = title or full_title
        elif _has_initial(name_part):
            kind = "person"
        if kind == "person" and not title and len(name_part) > 1:
            full, full_title = self.resolve(name_part[-1], offset)
            title = full_title if full == name else ""
        return self.add(name, kind, UNRATED, offset, end, "speaker", " ".join(tokens), title=title)

    def _last_person(self, offset: int) -> str:
        best = None
        for s in self.sources.values():
            if s.type in ("person", "named", "organization") and s.start < offset:
                if best is None or s.start > best.start:
                    best = s
        return best.name if best else ""

    # -- provenance ----------------------------------------------------------------
    def _provenance(self, evidence) -> Provenance:
        def make(status, who, start, end, cue, aggregator=None):
            if who is None:
                origin, tier = None, None
            elif isinstance(who, str):
                origin, tier = who, UNRATED
            else:
                origin, tier = who.name, who.tier
            return Provenance(status, origin, tier, aggregator, " ".join(cue.split()), self.line(start), start, end)

        for kind, who, start, end, cue in evidence:
            if kind == "republished":
                return make("republished", who, start, end, cue)
        wires = [e for e in evidence if e[0] == "aggregated"]
        aggregators = [e for e in evidence if e[0] == "aggregator"]
        if wires:
            _, who, start, end, cue = wires[0]
            return make("aggregated", who, start, end, cue, aggregators[0][1].name if aggregators else None)
        if aggregators:
            _, who, start, end, cue = aggregators[0]
            return Provenance("aggregated", None, None, who.name, " ".join(cue.split()), self.line(start), start, end)
        return Provenance("original")


# ----------------------------------------------------------------------------- score
def score_profile(sources, claims, provenance) -> tuple[tuple[ScoreTerm, ...], int]:
    """The score and its terms: 100 - attribution - named_sources - reliability - provenance."""
    n = len(claims)
    attributed = sum(1 for c in claims if c.label == "attributed")
    vague = sum(1 for c in claims if c.label == "vague")
    rate = (attributed + vague / 2) / n if n else 1.0
    attribution = round(ATTRIBUTION_WEIGHT * max(0.0, 1 - rate / ATTRIBUTION_TARGET))
    named = len({s.name for s in sources if s.named})
    missing = NAMED_SOURCE_POINTS * max(0, NAMED_SOURCES_TARGET - named)
    unreliable = [s for s in sources if s.tier in UNRELIABLE_TIERS]
    reliability = min(RELIABILITY_CAP, sum(UNRELIABLE_POINTS[s.tier] for s in unreliable))
    prov = PROVENANCE_POINTS[provenance.status]
    if provenance.status == "republished" and provenance.origin_tier in (None, UNRATED, "no-consensus"):
        prov += UNKNOWN_ORIGIN_POINTS
    terms = (
        ScoreTerm("attribution", _round(rate), -attribution),
        ScoreTerm("named_sources", named, -missing),
        ScoreTerm("reliability", [s.name for s in unreliable], -reliability),
        ScoreTerm("provenance", provenance.status, -prov),
    )
    return terms, max(0, min(100, 100 - attribution - missing - reliability - prov))


# ----------------------------------------------------------------------------- extent
def pasted_page_start(doc: Document, min_paragraphs_before: int = 3) -> int | None:
    """0-based line where another page pasted under the article begins, or None.

    A pasted page is a headline-like line (3-16 words, capitalised, no sentence
    ending) after at least `min_paragraphs_before` prose paragraphs, followed within
    four lines by page furniture: a timestamp or Follow/Share line, the same headline
    again, or a dateline ("ISLAMABAD:") opening its first paragraph. A subhead
    followed straight by prose is the article's own section.
    """
    lines = doc.nonblank
    prose_seen = 0
    for pos, i in enumerate(lines):
        words = doc.line_words[i]
        t = doc.line_text(i).strip()
        is_prose = words >= 12 and _ends_sentence(t)
        if prose_seen >= min_paragraphs_before and 3 <= words <= 16 and t[:1].isupper() \
                and not _ANY_SENTENCE_END.search(t) and not _LIST_ITEM.match(t):
            for k in lines[pos + 1:pos + 5]:
                w = doc.line_text(k).strip()
                if w == t or _FURNITURE.search(w):
                    return i
                if doc.line_words[k] >= 12:
                    if _PAGE_DATELINE.match(w):
                        return i
                    break
        if is_prose:
            prose_seen += 1
    return None


# ----------------------------------------------------------------------------- helpers
_HONORIFICS = _words("mr mrs ms miss dr sir dame lord lady")
_NOT_NAMES = TITLES | NATIONALITIES | VAGUE_HEADS | (SPEAKER_HEADS - ORG_WORDS) | DEFINITE | INDEFINITE \
    | PRONOUNS | _words("a an")


def _key(name: str) -> str:
    k = " ".join(name.casefold().replace("’", "'").split())
    return k[4:] if k.startswith("the ") else k


def _bare(token: str) -> str:
    """A token without surrounding punctuation; an initial keeps its full stop ("B.")."""
    t = token.strip(",()\"“”;:")
    if t.endswith(".") and not (len(t) == 2 and t[0].isupper()) and t.lower() not in ("u.s.", "u.k."):
        t = t.rstrip(".")
    return t


def _nameish(token: str) -> bool:
    """A capitalised word that can be part of a name (not a title, nationality or role)."""
    return token[:1].isupper() and token.lower() not in _NOT_NAMES and not _possessive(token)


def _trailing_run(tokens: list[str]) -> list[str]:
    run: list[str] = []
    for k, t in enumerate(reversed(tokens)):
        if t[:1].isupper() or (k == 0 and t.isdigit() and len(tokens) > 1 and tokens[-2][:1].isupper()):
            run.insert(0, t)
        elif run and t.lower() in CONNECTORS:
            run.insert(0, t)
        else:
            break
    while run and run[0].lower() in CONNECTORS:
        run.pop(0)
    return run


def _caps(tokens: list[str]) -> str:
    """The last run of capitalised name words in a phrase: "UN" in "UN officials",
    "Goldman Sachs" in "analysts at Goldman Sachs", "Microsoft" in "Microsoft's spokesman"."""
    runs: list[list[str]] = []
    cur: list[str] = []
    for t in tokens:
        bare = t[:-2] if _possessive(t) else t
        if bare[:1].isupper() and bare.lower() not in _NOT_NAMES:
            cur.append(bare)
            if bare != t:
                runs.append(cur)
                cur = []
        elif cur and t.lower() in CONNECTORS:
            cur.append(t)
        else:
            if cur:
                runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    while runs and runs[-1] and runs[-1][-1].lower() in CONNECTORS:
        runs[-1].pop()
    return " ".join(runs[-1]) if runs and runs[-1] else ""


def _pure_name(words: list[str]) -> bool:
    """"David McLetchie", "Haroon Akhtar Khan": capitalised words only, one a name."""
    words = [w.strip(",.") for w in words if w.strip(",.")]
    if not 1 <= len(words) <= 5:
        return False
    for w in words:
        if not (w[:1].isupper() or w.lower() in CONNECTORS):
            return False
    return any(_nameish(w) for w in words) and not any(w.lower() in ORG_WORDS for w in words)


def _title_only(tokens: list[str]) -> bool:
    """"Russia's Deputy Prime Minister", "the Chancellor": a person named by office."""
    has_title = False
    for t in tokens:
        low = t.lower()
        if low in TITLES and low not in CONNECTORS:
            has_title = has_title or t[:1].isupper()
        elif not (low in DEFINITE or low in CONNECTORS or low in NATIONALITIES or _possessive(t)):
            return False
    return has_title and tokens[-1].lower() in TITLES


_TITLE_JOINS = _words("of the to for and on in")
_ADVERBS = _words("also still now already just then later earlier repeatedly publicly privately initially "
                  "consistently reportedly")
_BODIES = _words("court jury tribunal inquiry panel committee commission council review study survey report poll")
_AUXILIARIES = _words("is are was were has have had will would can could may might should must did does do "
                      "also")
# Capitalised words that open a sentence without naming anyone.
_OPENERS = _words("the a an but and yet so or meanwhile however now also then still while after before if "
                  "when as in on at for by with from last this next")
_PREPOSITIONS = _words("of to for in on at by with from about into over under than as like")


def _title_from(tokens: list[str]) -> str:
    words = [t for t in tokens]
    while words and (words[0].lower() in DEMONYMS or words[0].lower() in _TITLE_JOINS
                     or words[0].lower() in DEFINITE or _possessive(words[0])):
        words.pop(0)
    while words and words[-1].lower() in _TITLE_JOINS:
        words.pop()
    if all(w.lower().strip(".") in _HONORIFICS for w in words):
        return ""
    return " ".join(words)


def _title_before(words: list[str]) -> str:
    title: list[str] = []
    for w in reversed(words):
        low = w.lower().strip(",.")
        if (low in TITLES or low in NATIONALITIES or (title and low in _TITLE_JOINS)) and not w.endswith(","):
            title.insert(0, w)
        else:
            break
    return _title_from(title)


def _has_initial(run: list[str]) -> bool:
    return any(len(w) == 2 and w[0].isupper() and w[1] == "." for w in run)


def _looks_title(text: str) -> bool:
    """A role rather than a name: "Special Assistant to the Prime Minister",
    "a spokesman for the company", "head of the anti-corruption unit"."""
    words = [w.lower().strip(",.") for w in text.split()]
    while words and (words[0] in DEFINITE or words[0] in INDEFINITE or words[0] in NATIONALITIES
                     or _possessive(words[0])):
        words.pop(0)
    if not words:
        return False
    roles = TITLES | SPOKES | SPEAKER_HEADS
    return (words[0] in roles and words[0] not in CONNECTORS) or words[-1] in roles \
        or (len(words) > 1 and words[1] in roles and words[1] not in CONNECTORS)


_NP_WORDS = DEFINITE | INDEFINITE | VAGUE_HEADS | SPEAKER_HEADS | NATIONALITIES | TITLES | INSTITUTIONS | PRONOUNS


def _last_chunk(pre: str) -> str:
    """The noun phrase just before a verb: back to a clause boundary, at most 10 words."""
    pre = pre.rstrip()
    cut = max(pre.rfind(c) for c in ",;:(“”\"—–")
    if cut >= 0:
        pre = pre[cut + 1:]
    out: list[str] = []
    for w in reversed(pre.split()):
        if (w in _CLAUSE_STOP or (w.lower() in _CLAUSE_STOP and not w.isupper())) or len(out) >= 10:
            break
        out.insert(0, w)
    # A lowercase word that is no part of a noun phrase ("met", "signed") starts after it.
    while len(out) > 1 and out[0][:1].islower() and out[0].lower() not in _NP_WORDS:
        out.pop(0)
    return " ".join(out)


def _strong_context(low: str, start: int, end: int) -> bool:
    """An ambiguous alias ("PTI") is an outlet only with a citation cue around it."""
    return bool(_CITE_BEFORE.search(low, max(0, start - 40), start) or _CITE_AFTER.match(low, end))


def _after_conjunction(phrase: str) -> str:
    """"the US is struggling ... and analysts" -> "analysts"."""
    words = phrase.split()
    for k in range(len(words) - 1, 0, -1):
        if words[k - 1].lower() in ("and", "but", "or", "while", "as"):
            return " ".join(words[k:])
    return phrase


def _vague_name(phrase: str) -> str:
    words = phrase.split()
    if words and (words[0].lower() in DEFINITE | INDEFINITE or words[0].lower() in VAGUE_HEADS):
        words[0] = words[0].lower()
    return " ".join(words).strip(",. ") if words else phrase


_OUTLET_SUFFIX = compile_lazily(r"\s+(?:site|website|web\s+site|newspaper|portal|page)\b.*$", re.I)
_LEADING_ARTICLE = compile_lazily(r"^(?:the|a|an)\s+", re.I)
_NAME_SEPARATOR = compile_lazily(r"\s*(?:,|\band\b|&)\s*")


def _clean_outlet(name: str) -> str:
    name = _OUTLET_SUFFIX.sub("", name.strip())
    name = _LEADING_ARTICLE.sub("", name).strip(" .,;:()[]")
    return name if name[:1].isupper() else ""


def _split_names(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    parts, start = [], lo
    for m in _NAME_SEPARATOR.finditer(text[lo:hi]):
        parts.append((start, lo + m.start()))
        start = lo + m.end()
    parts.append((start, hi))
    return [(a, b) for a, b in parts if b > a]


def _open_quote(text: str, lo: int, pos: int) -> bool:
    """Is `pos` inside a quotation that opened after `lo`? The nearest quote mark before
    it decides: “ opens, ” closes, and a straight quote opens after a space or bracket
    and closes before one. Deciding by direction, not by pairing, keeps one stray mark
    (common in scraped copy) from turning the rest of a paragraph into a quotation."""
    j = max(text.rfind('"', lo, pos), text.rfind("“", lo, pos), text.rfind("”", lo, pos))
    if j < 0:
        return False
    ch = text[j]
    if ch != '"':
        return ch == "“"
    before = text[j - 1] if j > 0 else " "
    after = text[j + 1] if j + 1 < len(text) else " "
    if j == lo or before.isspace() or before in "([{—–-:":
        return True
    if after.isspace() or after in ".,;:!?)]}":
        return False
    return not before.isalnum()
