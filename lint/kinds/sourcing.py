"""sourcing: findings from an article's sourcing profile (lint/sourcing.py).

The profile is computed once per document, whichever sourcing rules run, and shared
through ``ctx.store``; it is also published as ``ctx.report["sourcing"]`` (the file's
`sourcing` entry in the JSON output). Each rule picks one check:

  unreliable-source   a cited source whose registry tier is in `tiers`
                      (generally-unreliable, deprecated), once per source
  republished-origin  the article says it is republished: its origin and the origin's tier
  unattributed-share  more than `max_unattributed_share` of at least `min_claims` claim
                      sentences name no source, and at least `min_judgements` of those hold
                      one of `judgement_words` (a judgement, prediction or cause: the claims
                      "likely to be challenged" that most need a source)
                      `genre` (news | not-news | any) limits it to articles that read
                      as a news report, or as anything else (a column, a guide, a review,
                      a match report, a feature: lint/genre.py), so that one rule can warn
                      on news and another inform elsewhere
  anonymous-reliance  at least `min_vague` claim sentences rest on vague or anonymous
                      sources, and they are at least `min_vague_share` of the sourced ones
                      (attributed or vague)
"""
from __future__ import annotations

from ..document import Document
from ..finding import Hit, Related
from ..genre import read_genre
from ..registry import TIERS
from ..sourcing import Profile, analyze
from . import Context, Kind, OptionError
from .phrase import _matcher

GENRES = ("any", "news", "not-news")
CHECKS = ("unreliable-source", "republished-origin", "unattributed-share", "anonymous-reliance")
STORE_KEY = "sourcing"
MAX_RELATED = 8


def profile_for(doc: Document, ctx: Context) -> Profile:
    """The document's profile, computed on first use and shared by every sourcing rule."""
    profile = ctx.store.get(STORE_KEY)
    if profile is None:
        registry = ctx.registry
        if registry is None:  # a kind used on its own, outside a Linter
            from ..registry import default_registry

            registry = default_registry()
        profile = analyze(doc, registry)
        ctx.store[STORE_KEY] = profile
        ctx.report[STORE_KEY] = profile.to_json()
    return profile


class Sourcing(Kind):
    name = "sourcing"
    FIELDS = ("source", "type", "tier", "cited_as", "rationale", "origin", "share", "unattributed", "claims",
              "judgements", "threshold", "genre", "genre_reason", "vague", "sourced", "who")
    needs_registry = True
    OPTIONS = {
        "check": "",
        "tiers": ["generally-unreliable", "deprecated"],  # unreliable-source: tiers that are reported
        "max_unattributed_share": 0.85,  # unattributed-share: report above this share...
        "min_claims": 8,                 # ...of at least this many claim sentences...
        "judgement_words": [],           # ...when at least `min_judgements` unattributed ones
        "min_judgements": 0,             #    hold one of these words (judgements, predictions, causes)
        "genre": "any",                  # unattributed-share: news | not-news | any (see lint/genre.py)
        "max_first_person": 1.2,         # ...first person words per 100 outside quotations of a news report
        "max_second_person": 1.5,        # ...'you'/'your' per 100 outside quotations
        "genre_markers": [],             # ...patterns of reviews, letters, match reports...
        "max_genre_markers": 1.0,        #    ...and how many in 100 words a news report may hold
        "news_pegs": [],                 # ...patterns of a news lede: a day, "has announced", a dateline
        "lede_sentences": 2,             # ...claim sentences that make the lede
        "feature_headlines": [],         # ...patterns of a headline that asks or explains
        "min_vague": 2,                  # anonymous-reliance: at least this many vague claims...
        "min_vague_share": 0.5,          # ...making up this share of vague + attributed claims
    }

    def __init__(self, options: dict):
        super().__init__(options)
        opts = self.options
        if opts["check"] not in CHECKS:
            raise OptionError("check", f"'{opts['check']}' is not one of {', '.join(CHECKS)}")
        bad = [t for t in opts["tiers"] if t not in TIERS]
        if bad:
            raise OptionError("tiers", f"'{bad[0]}' is not one of {', '.join(TIERS)}")
        for key in ("max_unattributed_share", "min_vague_share"):
            if not 0.0 <= opts[key] <= 1.0:
                raise OptionError(key, "must be between 0 and 1")
        for key in ("min_claims", "min_vague"):
            if opts[key] < 1:
                raise OptionError(key, "must be 1 or more")
        if opts["min_judgements"] < 0:
            raise OptionError("min_judgements", "must be 0 or more")
        if opts["min_judgements"] and not opts["judgement_words"]:
            raise OptionError("judgement_words", "min_judgements needs judgement_words")
        self.judgements = _matcher(opts["judgement_words"], [], False, key="judgement_words")
        if opts["genre"] not in GENRES:
            raise OptionError("genre", f"'{opts['genre']}' is not one of {', '.join(GENRES)}")
        self.genre_matcher = _matcher([], opts["genre_markers"], False, key="genre_markers")
        self.pegs = _matcher([], opts["news_pegs"], False, key="news_pegs")
        self.headlines = _matcher([], opts["feature_headlines"], False, key="feature_headlines")

    def find(self, doc: Document, ctx: Context):
        profile = profile_for(doc, ctx)
        yield from getattr(self, "_" + self.options["check"].replace("-", "_"))(doc, profile)

    def _unreliable_source(self, doc: Document, profile: Profile):
        for src in profile.sources:
            # A named account's own post ("the ministry said in a post on X") is that
            # speaker's statement, not the platform's: the platform is no source there.
            if src.type == "social-platform" and src.account and src.cited_as == "platform":
                continue
            if src.tier in self.options["tiers"]:
                yield Hit(src.start, src.end, values=(
                    ("source", src.name), ("type", src.type), ("tier", src.tier),
                    ("cited_as", src.cited_as), ("rationale", src.rationale or "no rationale given"),
                ))

    def _republished_origin(self, doc: Document, profile: Profile):
        prov = profile.provenance
        if prov.status != "republished":
            return
        origin = prov.origin or "an unnamed source"
        tier = prov.origin_tier or "unrated"
        yield Hit(prov.start, prov.end, values=(("origin", origin), ("tier", tier)))

    def _unattributed_share(self, doc: Document, profile: Profile):
        opts = self.options
        claims = profile.claims
        if len(claims) < opts["min_claims"]:
            return
        share = profile.share("unattributed")
        if share <= opts["max_unattributed_share"]:
            return
        unattributed = [c for c in claims if c.label == "unattributed"]
        judged = [c for c in unattributed if self.judgements and
                  self.judgements.search(doc.text, doc.lowered, c.start, c.end)]
        if len(judged) < opts["min_judgements"]:
            return
        genre = None
        if opts["genre"] != "any":
            lede = [(c.start, c.end) for c in claims[:opts["lede_sentences"]]]
            genre = read_genre(doc, lede, opts, self.genre_matcher, self.pegs, self.headlines)
            if genre.news != (opts["genre"] == "news"):
                return
        shown = judged or unattributed
        note = "judgement or prediction, no source" if judged else "no source"
        related = tuple(Related(doc.path, line, note) for line in _lines(shown)[:MAX_RELATED])
        first = claims[0]
        yield Hit(first.start, first.end, related=related, values=(
            ("share", f"{share:.0%}"), ("unattributed", len(unattributed)), ("claims", len(claims)),
            ("judgements", len(judged)), ("threshold", f"{opts['max_unattributed_share']:.0%}"),
            ("genre", genre.name if genre else ""), ("genre_reason", genre.reason if genre else ""),
        ))

    def _anonymous_reliance(self, doc: Document, profile: Profile):
        vague = [c for c in profile.claims if c.label == "vague"]
        sourced = len(vague) + profile.attributed
        if len(vague) < self.options["min_vague"] or len(vague) / sourced < self.options["min_vague_share"]:
            return
        names = sorted({c.source for c in vague if c.source})
        related = tuple(Related(doc.path, c.line, c.source) for c in _first_per_line(vague)[:MAX_RELATED])
        yield Hit(vague[0].start, vague[0].end, related=related, values=(
            ("vague", len(vague)), ("sourced", sourced), ("who", ", ".join(f"“{n}”" for n in names[:4])),
        ))


def _lines(claims) -> list[int]:
    return sorted({c.line for c in claims})


def _first_per_line(claims) -> list:
    seen: set[int] = set()
    out = []
    for c in claims:
        if c.line not in seen:
            seen.add(c.line)
            out.append(c)
    return out
