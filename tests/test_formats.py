"""Machine formats for CI and code scanning: SARIF (validated against the official
2.1.0 schema), JUnit, GitLab Code Quality, JSON Lines, and --output-file."""
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import run_cli as run

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


def test_sarif_is_valid_and_describes_rules_results_and_related_articles(capsys, seeds):
    jsonschema = pytest.importorskip("jsonschema")
    code, out, _ = run(capsys, "seeds", "--format", "sarif", "--no-cache")
    assert code == 1
    sarif = json.loads(out)
    jsonschema.Draft4Validator(json.loads(SCHEMA.read_text())).validate(sarif)
    run_ = sarif["runs"][0]
    rules = {r["id"]: r for r in run_["tool"]["driver"]["rules"]}
    assert rules["NL401"]["name"] == "weasel-wording"
    assert rules["NL401"]["defaultConfiguration"]["level"] == "warning"
    assert rules["NL401"]["helpUri"].startswith("https://")
    assert "Readers cannot weigh" in rules["NL401"]["fullDescription"]["text"]
    republished = next(r for r in run_["results"] if r["ruleId"] == "NL101")
    region = republished["locations"][0]["physicalLocation"]["region"]
    assert (republished["level"], region["startLine"], region["startColumn"]) == ("warning", 9, 1)
    assert republished["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "seeds/000_ad989706a9c6ca24.txt"
    conflict = next(r for r in run_["results"] if r["ruleId"] == "NL951")
    assert conflict["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("seeds/")
    assert all(r["ruleIndex"] == list(rules).index(r["ruleId"]) for r in run_["results"])
    levels = {r["level"] for r in run_["results"]}
    assert levels <= {"error", "warning", "note"} and "note" in levels


def _prints(capsys, fmt):
    code, out, _ = run(capsys, "seeds", "--format", fmt, "--no-cache", "--no-corpus")
    data = json.loads(out)
    if fmt == "sarif":
        return {(r["ruleId"], r["partialFingerprints"]["newslint/v1"]): r["locations"][0]["physicalLocation"]["region"]["startLine"]
                for r in data["runs"][0]["results"]}
    return {(r["check_name"], r["fingerprint"]): r["location"]["lines"]["begin"] for r in data}


@pytest.mark.parametrize("fmt", ["sarif", "gitlab"])
def test_fingerprints_survive_text_added_above(capsys, seeds, fmt):
    before = _prints(capsys, fmt)
    target = seeds / "003_0a9e5bb7c1f336dc.txt"
    target.write_text("An editor's note added at the top.\n\nAnother line.\n\n" + target.read_text())
    after = _prints(capsys, fmt)
    moved = [key for key in before if key in after and after[key] == before[key] + 4]
    assert moved, "no finding of the edited file kept its fingerprint"
    assert len(set(before) & set(after)) >= len(before) - 2   # only findings about the edited lines may change


def test_junit_has_a_testcase_per_file_and_a_failure_per_finding(capsys, seeds):
    code, out, _ = run(capsys, "seeds", "--format", "junit", "--no-cache")
    suite = ET.fromstring(out).find("testsuite")
    cases = suite.findall("testcase")
    assert len(cases) == 5
    failures = sum(len(c.findall("failure")) for c in cases)
    assert failures == int(suite.get("failures")) > 0
    first = cases[0].find("failure")
    assert first.get("type").startswith("NL") and "seeds/000_ad989706a9c6ca24.txt:" in first.text


def test_gitlab_code_quality_shape(capsys, seeds):
    code, out, _ = run(capsys, "seeds", "--format", "gitlab", "--no-cache")
    issues = json.loads(out)
    assert issues and len({i["fingerprint"] for i in issues}) == len(issues)
    one = next(i for i in issues if i["check_name"] == "NL101")
    assert one["severity"] == "major" and one["location"] == {
        "path": "seeds/000_ad989706a9c6ca24.txt", "lines": {"begin": 9, "end": 9}}


def test_json_lines_streams_one_finding_a_line(capsys, seeds):
    code, out, _ = run(capsys, "seeds", "missing.md", "--format", "json-lines", "--no-cache")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 2   # the missing path is an error, and the others are still reported
    assert {"rule", "path", "line", "severity"} <= set(rows[0])
    assert rows[-1] == {"path": "missing.md", "error": "missing.md: no such file or folder"}


def test_output_file_is_written_whole_and_stdout_stays_empty(capsys, seeds, tmp_path):
    target = tmp_path / "report.sarif"
    code, out, _ = run(capsys, "seeds", "--format", "sarif", "--output-file", str(target), "--no-cache")
    assert code == 1 and out == ""
    assert json.loads(target.read_text())["version"] == "2.1.0"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp-")]
    code, out, err = run(capsys, "seeds", "--output-file", str(tmp_path / "no" / "such" / "dir.txt"))
    assert code == 2 and "cannot write the report" in err
