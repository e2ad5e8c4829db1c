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
    round: int
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


def _caught(findings, expect: str, lines: range | None = None) -> bool:
    """A finding of the family's kind (on the credit's lines, for a page probe)."""
    if lines is not None:
        findings = [f for f in findings if f.line <= lines[-1] and f.end_line >= lines[0]]
    if expect == "republished":
        return any(f.category == "republished" and f.severity in ("warning", "error") for f in findings)
    return bool(findings)


def _target(probe: dict) -> range:
    """The 1-based lines of a page probe's credit: the line that is `at` (or first holds it), and
    `lines` lines from there (a credit broken over lines by its links in a `full` rendering)."""
    rows = probe["page"].split("\n")
    at = probe["at"]
    first = next((i for i, row in enumerate(rows) if row.strip() == at), None)
    if first is None:
        first = next(i for i, row in enumerate(rows) if at in row)
    return range(first + 1, first + 1 + probe.get("lines", 1))


def _flag_missed(probe, fam, rules, registry) -> bool:
    if isinstance(probe, str):
        return not _caught(_findings(probe, rules, registry), fam["expect"])
    expect = probe.get("expect", fam["expect"])
    return not _caught(_findings(probe["page"], rules, registry), expect, _target(probe))


def _text(probe) -> str:
    return probe if isinstance(probe, str) else probe["page"]


def score() -> list[Score]:
    with open(BATTERY, encoding="utf-8") as fh:
        families = yaml.safe_load(fh)["families"]
    rules, registry = _rules(), default_registry()
    out = []
    for fam in families:
        misses = [_text(p) for p in fam.get("flag", []) if _flag_missed(p, fam, rules, registry)]
        allow = set(fam.get("allow", []))
        alarms = []
        for probe in fam.get("pass", []):
            text = _text(probe)
            wrong = [f.rule for f in _findings(text, rules, registry) if f.rule not in allow]
            if wrong:
                alarms.append((text, wrong))
        flags = len(fam.get("flag", []))
        out.append(Score(fam["family"], fam.get("round", 0), flags - len(misses), flags, len(alarms), len(fam.get("pass", [])), misses, alarms))
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
    for rnd in sorted({s.round for s in results} - {0}):
        part = [s for s in results if s.round == rnd]
        print(f"  round {rnd}: found {sum(s.found for s in part)}/{sum(s.flags for s in part)}, "
              f"false alarms {sum(s.false_alarms for s in part)}/{sum(s.passes for s in part)}")
    found, flags = sum(s.found for s in results), sum(s.flags for s in results)
    alarms, passes = sum(s.false_alarms for s in results), sum(s.passes for s in results)
    print(f"probes: recall {100 * found / flags:.1f}% ({found}/{flags}), false alarms {alarms}/{passes}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
