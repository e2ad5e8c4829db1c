"""Reading articles together: story features, grouping and the cross-file checks (lint/corpus/)."""
import json
import pickle

import pytest

from conftest import SEEDS
from lint import corpus, reader
from lint.kinds import OptionError
from lint.kinds.corpus import Corpus


def _features(linter, path: str, text: str):
    data = text.encode("utf-8")
    findings = linter.lint_bytes(path, data).findings
    return corpus.extract(reader.parse(path, data), findings)


@pytest.fixture(scope="module")
def seed_run(linter):
    features, perdoc = [], []
    for path in sorted(SEEDS.glob("*.txt")):
        data = path.read_bytes()
        result = linter.lint_bytes(str(path), data)
        perdoc += result.findings
        features.append(corpus.extract(reader.parse(str(path), data), result.findings))
    return features, corpus.check(features, linter.rules), perdoc


def _at(findings, rule, prefix, line=None):
    return [f for f in findings if f.rule == rule and f.path.rsplit("/", 1)[-1].startswith(prefix)
            and (line is None or f.line == line)]


def _related(finding):
    return {(r.path.rsplit("/", 1)[-1][:3], r.line) for r in finding.related}


# -- the five cross-file items of seeds/EXPECTED.md -------------------------------

def test_seeds_are_read_as_one_story(seed_run):
    features, result, _ = seed_run
    assert result.groups == [sorted(f.path for f in features)]


def test_founding_year_conflict(seed_run):
    _, result, _ = seed_run
    [found] = [f for f in _at(result.findings, "NL951", "004", 15) if "1971" in f.message]
    assert found.severity == "warning"
    assert {("000", 1), ("002", 11), ("003", 1)} <= _related(found)
    # "the 1970s" (001) contains 1973: not a conflict, and the three 1973s are the majority.
    assert not _at(result.findings, "NL951", "001") and not _at(result.findings, "NL951", "000", 1)


def test_start_of_decline_conflict(seed_run):
    _, result, _ = seed_run
    [found] = [f for f in _at(result.findings, "NL951", "004", 15) if "2008" in f.message]
    assert found.severity == "warning"
    assert {("000", 2), ("001", 10), ("003", 1)} <= _related(found)
    # 000 says both "halted in 2015" and "official closure in 2024": two facts, not a conflict.
    assert not [f for f in result.findings if f.rule == "NL951" and "2024 here" in f.message]


def test_company_name_variants(seed_run):
    _, result, _ = seed_run
    forms = {(f.path.rsplit("/", 1)[-1][:3], f.line): f for f in result.findings if f.rule == "NL952"}
    assert set(forms) == {("000", 3), ("001", 19), ("002", 3), ("003", 4)}
    # Two articles against two: nothing says which spelling is right, so info on each side.
    assert {f.severity for f in forms.values()} == {"info"}
    assert ("001", 19) in _related(forms[("000", 3)])
    [case] = _at(result.findings, "NL953", "002", 3)
    assert ("001", 19) in _related(case) and "industrial engineering LLC" in case.message


def test_quote_drift(seed_run):
    _, result, _ = seed_run
    [drift] = _at(result.findings, "NL954", "000", 4)
    assert {("002", 9), ("003", 5)} <= _related(drift)
    assert "Haroon Akhtar Khan" in drift.message and "% alike" in drift.message
    assert _at(result.findings, "NL954", "002", 9) and _at(result.findings, "NL954", "003", 5)


def test_uncredited_reuse(seed_run):
    _, result, _ = seed_run
    [reuse] = [f for f in result.findings if f.rule == "NL955"]
    assert reuse.path.endswith(tuple(p.name for p in SEEDS.glob("003_*.txt")))
    assert "000_" in reuse.message and "%" in reuse.message
    assert {path[:3] for path, _ in _related(reuse)} == {"000"}


def test_internal_contradiction(seed_run):
    _, _, perdoc = seed_run
    [found] = [f for f in perdoc if f.rule == "NL957"]
    assert found.path.endswith(tuple(p.name for p in SEEDS.glob("003_*.txt"))) and found.line == 10
    assert [r.line for r in found.related] == [1]


def test_nothing_on_clean_lines(seed_run, check_seeds):
    _, result, perdoc = seed_run
    for f in result.findings + [f for f in perdoc if f.category == "consistency"]:
        clean = check_seeds.CLEAN.get(f.path.rsplit("/", 1)[-1][:3], set())
        assert not (f.severity in ("warning", "error") and f.line in clean and f.end_line == f.line), f


# -- features -------------------------------------------------------------------

def test_features_round_trip_json_and_pickle(seed_run):
    features, _, _ = seed_run
    for f in features:
        data = json.loads(json.dumps(f.to_json()))
        assert corpus.StoryFeatures.from_json(data) == f
        assert pickle.loads(pickle.dumps(f)) == f


def test_features_leave_out_chrome_and_pasted_stories(seed_run):
    features, _, _ = seed_run
    by_prefix = {f.path.rsplit("/", 1)[-1][:3]: f for f in features}
    # 001's pasted politics story (lines 33-65) and 004's widget and footer are not the story.
    assert all(n.line < 33 for n in by_prefix["001"].names)
    assert all(s.line < 19 for s in by_prefix["004"].sentences)


def test_quotes_resolve_surnames(seed_run):
    features, _, _ = seed_run
    speakers = {q.speaker for f in features for q in f.quotes}
    assert "Haroon Akhtar Khan" in speakers   # 002 says only "said Khan"


# -- grouping and the run -------------------------------------------------------------

UNRELATED = [
    "Quarterly profits at Time Warner jumped 76% to $1.13bn, chairman Richard Parsons said on Friday.",
    "England captain Jason Robinson will miss the Six Nations match against Wales in Cardiff.",
    "The Royal Opera House opens its season with a new production of Tosca by Puccini.",
    "Scientists in Geneva switched on the particle collider after a two-year shutdown for repairs.",
]


def test_unrelated_files_are_not_grouped(linter):
    features = [_features(linter, f"u{i}.txt", text) for i, text in enumerate(UNRELATED)]
    result = corpus.check(features, linter.rules)
    assert result.groups == [] and result.findings == []


def test_one_story_forces_a_single_group(linter):
    features = [_features(linter, f"u{i}.txt", text) for i, text in enumerate(UNRELATED)]
    result = corpus.check(features, linter.rules, one_story=True)
    assert result.groups == [[f"u{i}.txt" for i in range(4)]]


def test_candidate_pairs_are_not_all_pairs(linter):
    # Sixty files, ten stories of six: the index compares pairs inside stories only.
    features = []
    for story in range(10):
        names = f"Alpha{story} Bravo{story}", f"Charlie{story} Delta{story}", f"Echo{story} Foxtrot{story}"
        for n in range(6):
            text = (f"{names[0]} met {names[1]} in Town{story} on Monday. "
                    f"{names[2]} said the talks on project{story} went well. Version {n}.")
            features.append(_features(linter, f"s{story}-{n}.txt", text))
    groups, scored, _ = corpus.group_stories(features)
    assert len(groups) == 10 and all(len(g) == 6 for g in groups)
    assert len(scored) <= 10 * 15   # never the 1,770 pairs of all sixty


def test_exact_duplicates_are_read_once(linter):
    text = "Acme Steel Works was founded in 1973 in Karachi, the company said. It employs 4,000 people.\n"
    other = "Acme Steel Works, established in 1971 in Karachi, will reopen, the company said.\n"
    features = [_features(linter, name, body) for name, body in (("a.txt", text), ("b.txt", text), ("c.txt", other))]
    result = corpus.check(features, linter.rules, one_story=True)
    [dup] = [f for f in result.findings if f.rule == "NL956"]
    assert dup.path == "b.txt" and dup.related[0].path == "a.txt"
    # The copy neither repeats the conflict nor counts twice: 1973 (a) against 1971 (c) is a tie.
    conflicts = [f for f in result.findings if f.rule == "NL951"]
    assert {f.path for f in conflicts} == {"a.txt", "c.txt"} and {f.severity for f in conflicts} == {"info"}
    assert result.groups == [["a.txt", "b.txt", "c.txt"]]


def test_inline_suppression_applies_to_corpus_findings(linter):
    texts = {
        "a.txt": "Vadim Velichko of Industries Engineering LLC signed.\n",
        "b.txt": "Vadim Velichko of Industrial Engineering LLC signed.  newslint: ignore NL952\n",
        "c.txt": "<!-- newslint: disable-file -->\nVadim Velichko of Industrial Engineering LLC signed.\n",
    }
    features = [_features(linter, name, body) for name, body in texts.items()]
    result = corpus.check(features, linter.rules, one_story=True)
    assert {f.path for f in result.findings if f.rule == "NL952"} == {"a.txt"}


def test_no_corpus_rules_no_findings(linter, seed_run):
    features, _, _ = seed_run
    plain = [r for r in linter.rules if type(r.kind).name != "corpus"]
    assert corpus.check(features, plain).findings == []


def test_corpus_kind_validates_its_options():
    with pytest.raises(OptionError) as err:
        Corpus({"check": "numbers"})
    assert err.value.key == "check"
    with pytest.raises(OptionError):
        Corpus({"check": "name-variant", "variant": "spelling"})
    with pytest.raises(OptionError):
        Corpus({"check": "quote-drift", "min_similarity": 0.95, "max_similarity": 0.9})


def test_one_outlet_reusing_its_own_copy_is_not_uncredited(linter):
    rule = next(r for r in linter.rules if r.code == "NL955")
    origin, retelling = [t.split("---8<---")[0] for t in rule.examples["flag"][0].split("\n---8<---\n")]
    def md(body):
        return "---\nsource: Example Times\n---\n" + body
    features = [_features(linter, "a.md", md(origin)), _features(linter, "b.md", md(retelling))]
    assert not [f for f in corpus.check(features, [rule], one_story=True).findings if f.rule == "NL955"]
    plain = [_features(linter, "a.txt", origin), _features(linter, "b.txt", retelling)]
    assert [f for f in corpus.check(plain, [rule], one_story=True).findings if f.rule == "NL955"]
