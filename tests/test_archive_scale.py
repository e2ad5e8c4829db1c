"""Archive audits on one machine: copies of one text read once, the feature store, the
results spool and the reporters that stream (lint/corpus/copies.py, lint/corpus/store.py,
lint/spool.py, lint/report/)."""
import json
import random
import re

import pytest

from conftest import SEEDS
from lint import corpus, reader, spool as spool_module
from lint.corpus import copies, store as store_module
from lint.corpus.store import FeatureStore
from lint.report import Report, render
from lint.runner import FileResult, read_together
from lint.spool import Spool

FORMATS = ("text", "json", "json-lines", "github", "sarif", "junit", "gitlab", "html")

STORY = (
    "The city council voted on Tuesday to approve the new harbour bridge after months of debate.\n"
    "Council leader Jonathan Whitfield said the bridge would open in 2027 and cost 40 million pounds.\n"
    "Residents of the harbour district had campaigned against the bridge for two years, citing noise.\n"
    "The council said construction would begin in the spring and last three years.\n"
    "Opposition members argued that the money should go to schools and to repairing older roads.\n"
    "A public inquiry last year found that the old ferry service lost money every winter.\n"
    "Engineers from Halden Works, which was founded in 1921, will design the steel deck and the towers.\n"
    "Shops on the waterfront expect more visitors once the bridge links the two halves of the town.\n"
)


def _features(linter, path: str, text: str):
    data = text.encode("utf-8")
    return corpus.extract(reader.parse(path, data), linter.lint_bytes(path, data).findings)


def _changed(text: str, seed: int, share: float = 0.03) -> str:
    """`text` with `share` of its words replaced, as bench/scale.py makes its near-duplicate copies."""
    rng = random.Random(seed)
    spans = [m.span() for m in re.finditer(r"[a-z]+", text)]
    out, last = [], 0
    for start, end in sorted(rng.sample(spans, max(1, round(len(spans) * share)))):
        out += [text[last:start], rng.choice(["granite", "lantern", "orchard", "velvet", "quarry"])]
        last = end
    return "".join(out + [text[last:]])


# -- copies of one text --------------------------------------------------------------

def test_versions_fold_into_the_first_and_each_is_reported_once(linter):
    texts = [STORY] + [_changed(STORY, seed) for seed in range(1, 12)]
    features = [_features(linter, f"v{n:02d}.txt", text) for n, text in enumerate(texts)]
    result = corpus.check(features, linter.rules)
    assert result.groups == [sorted(f.path for f in features)]
    duplicates = [f for f in result.findings if f.rule == "NL956"]
    # One finding a version, against the first: not one a pair (11 * 12 / 2 = 66).
    assert len(duplicates) == 11
    assert all("another version of v00.txt" in f.message for f in duplicates)
    assert not [f for f in result.findings if f.rule == "NL955"]   # versions do not retell each other


def test_work_per_version_is_bounded(linter, monkeypatch):
    texts = [STORY] + [_changed(STORY, seed) for seed in range(1, 30)]
    features = [_features(linter, f"v{n:02d}.txt", text) for n, text in enumerate(texts)]
    compared = []
    real = copies.version_share
    monkeypatch.setattr(copies, "version_share", lambda a, b, near: compared.append(1) or real(a, b, near))
    originals, found = copies.fold(sorted(features, key=lambda f: f.path), 0.8)
    assert len(originals) == 1 and len(found["v00.txt"]) == 29
    assert len(compared) <= len(features) * copies.MAX_CANDIDATES   # never all 435 pairs


def test_a_retelling_in_other_words_is_no_version(linter):
    rule = next(r for r in linter.rules if r.code == "NL955")
    origin, retelling = [t.split("---8<---")[0] for t in rule.examples["flag"][0].split("\n---8<---\n")]
    a, b = _features(linter, "a.txt", origin), _features(linter, "b.txt", retelling)
    assert copies.version_share(a, b, 0.8) is None      # the same facts, no sentence word for word
    assert copies.version_share(a, _features(linter, "c.txt", origin.replace("heavy", "big")), 0.8) is not None


def test_an_exact_copy_of_a_version_names_the_version(linter):
    version = _changed(STORY, 1)
    features = [_features(linter, "a.txt", STORY), _features(linter, "b.txt", version),
                _features(linter, "c.txt", version)]
    messages = {f.path: f.message for f in corpus.check(features, linter.rules).findings if f.rule == "NL956"}
    assert messages["b.txt"].startswith("another version of a.txt")
    assert messages["c.txt"].startswith("an exact copy of b.txt")


def test_a_version_is_still_compared_with_its_original(linter):
    later = STORY.replace("1921", "1923").replace("Jonathan Whitfield", "Jonathon Whitfield")
    features = [_features(linter, "a.txt", STORY), _features(linter, "b.txt", later)]
    rules = {f.rule for f in corpus.check(features, linter.rules).findings}
    assert {"NL956", "NL951", "NL952"} <= rules


# -- the feature store -------------------------------------------------------------

def test_the_store_keeps_grouping_arrays_and_gives_back_the_rest(linter, monkeypatch):
    monkeypatch.setattr(store_module, "SPILL_AFTER", 1000)   # to disk after the first file
    monkeypatch.setattr(store_module, "RECENT", 1)
    features = [_features(linter, p.name, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    store = FeatureStore()
    for f in features:
        store.add(json.dumps(f.to_json()))
    assert store._spilled
    assert all(not light.sentences and not light.numbers and light.phrases == f.phrases
               for light, f in zip(store.light, features))
    assert [store.full(light) for light in store.light] == features
    assert [store.full(light) for light in reversed(store.light)] == features[::-1]
    expected = corpus.check(features, linter.rules)
    stored = corpus.check(store.light, linter.rules, load=store.full)
    assert stored.findings == expected.findings and stored.groups == expected.groups


def test_damaged_features_are_made_again(linter):
    path = str(sorted(SEEDS.glob("*.txt"))[0])
    other = str(sorted(SEEDS.glob("*.txt"))[1])
    results = [linter.lint_path(path), linter.lint_path(other)]
    results[0].features = '{"path": "x", "terms": 5}'
    read_together(linter, results)
    assert [r.path for r in results] == [path, other] and all(r.features is None for r in results)


# -- the spool and the reporters ----------------------------------------------------------

@pytest.fixture(scope="module")
def seed_results(linter):
    results = [linter.lint_path(str(p)) for p in sorted(SEEDS.glob("*.txt"))]
    results.append(FileResult("seeds/missing.txt", error="seeds/missing.txt: no such file or folder"))
    stories = read_together(linter, results)
    return results, stories


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_streams_the_bytes_it_rendered_whole(linter, seed_results, monkeypatch, fmt):
    results, stories = seed_results
    monkeypatch.setattr(spool_module, "SPILL_AFTER", 2000)   # most records on disk
    spool = Spool()
    for result in reversed(results):   # arrival order differs from path order
        spool.add(FileResult(result.path, list(result.findings), result.notes, result.error, result.data))
    assert spool._spilled
    whole = render(fmt, Report(list(reversed(results)), ["gone.txt: no such file or folder"], stories=stories,
                               rules=linter.rules, statistics=True))
    streamed = Report(spool, ["gone.txt: no such file or folder"], stories=stories, rules=linter.rules,
                      statistics=True)
    assert render(fmt, streamed) == whole
    assert streamed.max_rank == 1   # warnings: the exit status is read from what was written


def test_findings_added_later_are_merged_in_order(seed_results):
    results, _ = seed_results
    spool = Spool()
    first = results[0]
    spool.add(FileResult(first.path, first.findings[1:], first.notes, first.error, first.data))
    spool.add(FileResult("-", [], [], None, {}))
    spool.add_findings({first.path: first.findings[:1], "not-linted.txt": first.findings[:1]})
    [read] = [r for r in spool.results() if r.path == first.path]
    assert read.findings == sorted(first.findings, key=lambda f: f.sort_key())
    assert [[r.path for r in same] for same in spool.by_path()] == [["-"], [first.path]]
