"""Baselines: record the archive's findings, then gate only new ones, robust to edits."""
import json

import pytest

from conftest import run_cli as run


def test_baseline_hides_recorded_findings_and_survives_edits_above_and_below(capsys, seeds):
    code, _, err = run(capsys, "seeds", "--no-corpus", "--write-baseline", "base.json")
    assert code == 0 and "recorded" in err
    recorded = json.loads((seeds.parent / "base.json").read_text())
    assert recorded["version"] == 1 and recorded["findings"]
    code, out, _ = run(capsys, "seeds", "--no-corpus", "--baseline", "base.json")
    assert code == 0 and "All clear" in out
    target = seeds / "003_0a9e5bb7c1f336dc.txt"
    target.write_text("An editor's note added above.\n\n" + target.read_text()
                      + "\nThe mill's future is uncertain.\n\nCritics say the mill will never reopen.\n")
    code, out, _ = run(capsys, "seeds", "--no-corpus", "--baseline", "base.json", "--statistics")
    reported = [line for line in out.splitlines() if ": NL" in line]
    assert code == 1
    assert reported == [line for line in reported if "Critics say" in line or "NL904" in line], reported
    assert any("Critics say" in line for line in reported)


def test_stale_entries_are_counted_with_statistics(capsys, seeds):
    run(capsys, "seeds", "--no-corpus", "--write-baseline", "base.json")
    target = seeds / "002_382a15d2e6cbff16.txt"
    target.write_text(target.read_text().replace("a media report said", "Dawn reported"))
    code, out, _ = run(capsys, "seeds", "--no-corpus", "--baseline", "base.json", "--statistics")
    assert "stale baseline entr" in out


@pytest.mark.parametrize("content,expected", [
    ("not json", "not a newslint baseline"),
    ('{"version": 9, "findings": []}', "expected version 1"),
    ('{"version": 1, "findings": [{"rule": "NL401"}]}', "lacks path, rule or fingerprint"),
])
def test_broken_baseline_is_a_one_line_error(capsys, seeds, content, expected):
    (seeds.parent / "base.json").write_text(content)
    code, out, err = run(capsys, "seeds", "--baseline", "base.json")
    assert code == 2 and "base.json: " in err and expected in err
