"""The probe battery of wire, syndication and republication credits (tests/data/credit_probes.yaml).

Several hundred credit lines and notices in the layouts agencies and outlets print, across
many agencies and countries, and as many near misses ("told Reuters", a chart's
"Source: Statista", a photo credit, "first published in 1865", a menu item). Each family
keeps its recall and its false alarms as floors, so a change that loses a layout or starts
flagging attributions fails here.

    python tests/test_credit_probes.py            # the figures per family
    python tests/test_credit_probes.py --misses   # and every miss and false alarm
"""
from __future__ import annotations

import os
import sys
from typing import NamedTuple

import pytest
import yaml

from lint import reader
from lint.engine import lint_document
from lint.registry import default_registry
from lint.rulepack import builtin_rules_dir, load_packs

BATTERY = os.path.join(os.path.dirname(__file__), "data", "credit_probes.yaml")
CREDIT_CATEGORIES = {"credit", "republished"}

# Floors: recall per family (found / flag probes) and false alarms per family.
MIN_RECALL = {
    "dateline": 0.97, "byline": 0.95, "reporting-by": 1.0, "contribution": 0.95, "last-word": 0.95,
    "copyright": 0.95, "feed-notice": 1.0, "republication": 0.95, "provided-by": 1.0, "press-release": 1.0,
}
MAX_FALSE_ALARMS = 0


class Score(NamedTuple):
    family: str
    found: int
    flags: int
    false_alarms: int
    passes: int
    misses: list
    alarms: list


def _rules():
    return [r for pack in load_packs([builtin_rules_dir()]) for r in pack.rules if r.code[:3] in ("NL1", "NL2")]


def _findings(text: str, rules, registry):
    doc = reader.parse("probe.txt", text.encode("utf-8"))
    found, _ = lint_document(doc, rules, registry)
    return [f for f in found if f.category in CREDIT_CATEGORIES]


def _caught(findings, expect: str) -> bool:
    if expect == "republished":
        return any(f.category == "republished" and f.severity in ("warning", "error") for f in findings)
    return bool(findings)


def score() -> list[Score]:
    with open(BATTERY, encoding="utf-8") as fh:
        families = yaml.safe_load(fh)["families"]
    rules, registry = _rules(), default_registry()
    out = []
    for fam in families:
        misses = [t for t in fam.get("flag", []) if not _caught(_findings(t, rules, registry), fam["expect"])]
        allow = set(fam.get("allow", []))
        alarms = []
        for text in fam.get("pass", []):
            wrong = [f.rule for f in _findings(text, rules, registry) if f.rule not in allow]
            if wrong:
                alarms.append((text, wrong))
        flags = len(fam.get("flag", []))
        out.append(Score(fam["family"], flags - len(misses), flags, len(alarms), len(fam.get("pass", [])), misses, alarms))
    return out


@pytest.fixture(scope="module")
def scores():
    return {s.family: s for s in score()}


def test_the_battery_is_broad(scores):
    assert sum(s.flags for s in scores.values()) >= 700
    assert sum(s.passes for s in scores.values()) >= 200


@pytest.mark.parametrize("family", sorted(MIN_RECALL))
def test_recall_per_family(scores, family):
    s = scores[family]
    assert s.found >= MIN_RECALL[family] * s.flags, f"{family}: {s.found}/{s.flags}, missed e.g. {s.misses[:5]}"


def test_no_false_alarms(scores):
    alarms = [a for s in scores.values() for a in s.alarms]
    assert len(alarms) <= MAX_FALSE_ALARMS, alarms[:10]


def main(argv: list[str]) -> int:
    results = score()
    for s in results:
        recall = f"{s.found}/{s.flags}" if s.flags else "-"
        print(f"  {s.family:14s} found {recall:9s} false alarms {s.false_alarms}/{s.passes}")
        if "--misses" in argv:
            for text in s.misses:
                print(f"      missed: {text!r}")
            for text, codes in s.alarms:
                print(f"      false alarm {','.join(codes)}: {text!r}")
    found, flags = sum(s.found for s in results), sum(s.flags for s in results)
    alarms, passes = sum(s.false_alarms for s in results), sum(s.passes for s in results)
    print(f"probes: recall {100 * found / flags:.1f}% ({found}/{flags}), false alarms {alarms}/{passes}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
