"""The sourcing table: per file, its score, provenance, claim counts and sources with tiers.

A pure function of (path, profile) pairs, where a profile is the JSON-ready dict of
lint.sourcing.Profile.to_json() (the `sourcing` entry of a file in the JSON output).
Used in the text report's summary and by `newslint sources`.
"""
from __future__ import annotations

import textwrap
from typing import Iterable

from .printable import escaped

TIER_MARKS = {
    "generally-reliable": "R",
    "no-consensus": "NC",
    "generally-unreliable": "GU",
    "deprecated": "DEP",
    "unrated": "",
}
LEGEND = ("tiers: R generally reliable, NC no consensus, GU generally unreliable, DEP deprecated; "
          "claims: attributed/vague/unattributed claim sentences")
WIDTH = 100


def render_table(results: Iterable[tuple[str, dict | None]], max_sources: int = 10) -> list[str]:
    """Plain-text lines: a header, then one row per file with a profile and its sources
    on the lines under it. Files without a profile (errors, empty files, sourcing not
    selected) are left out; no profile at all gives no lines."""
    rows = [(path, profile) for path, profile in results if profile]
    if not rows:
        return []
    provenances = [_provenance(profile.get("provenance") or {}) for _, profile in rows]
    width = min(max(len("provenance"), *(len(p) for p in provenances)), 48)
    lines = ["Sourcing (score 0-100; " + LEGEND + ")",
             f"  {'score':>5}  {'provenance':<{width}}  {'claims':<9} file"]
    for (path, profile), provenance in zip(rows, provenances):
        claims = profile.get("claims", {})
        counts = f"{claims.get('attributed', 0)}/{claims.get('vague', 0)}/{claims.get('unattributed', 0)}"
        lines.append(f"  {profile.get('score', ''):>5}  {provenance:<{width}}  {counts:<9} {escaped(path)}")
        sources = profile.get("sources") or []
        if sources:
            shown = [_source(s) for s in sources[:max_sources]]
            if len(sources) > max_sources:
                shown.append(f"+{len(sources) - max_sources} more")
            text = "sources: " + "; ".join(shown)
        else:
            text = "sources: none named"
        lines.extend(textwrap.wrap(text, WIDTH, initial_indent=" " * 9, subsequent_indent=" " * 18,
                                   break_on_hyphens=False))
    return lines


def _provenance(prov: dict) -> str:
    status = prov.get("status", "original")
    origin = prov.get("origin")
    if status == "republished":
        return f"republished from {_named(origin, prov.get('origin_tier'))}" if origin else "republished"
    if status == "aggregated":
        parts = []
        if origin:
            parts.append(f"{_named(origin, prov.get('origin_tier'))} input")
        if prov.get("aggregator"):
            parts.append(f"by {prov['aggregator']}")
        return "aggregated" + (" (" + ", ".join(parts) + ")" if parts else "")
    return status


def _named(name: str, tier: str | None) -> str:
    mark = TIER_MARKS.get(tier or "unrated", "")
    return f"{name} [{mark}]" if mark else name


def _source(src: dict) -> str:
    mark = TIER_MARKS.get(src.get("tier", "unrated"), "")
    detail = ", ".join(x for x in (src.get("type", ""), mark, src.get("cited_as", "")) if x)
    return f"{src.get('name', '?')} ({detail}, l.{src.get('line', '?')})"
