"""The learned line classifier: its shipped data, its runs, its kind, and its cross-validated figures.

The model is trained by scripts/train_line_model.py and shipped as lint/line_model.json.
Its figures are only ever measured on outlets it was not trained on (k-fold grouped by
outlet, thresholds chosen inside the training folds); the last tests re-run that
cross-validation when ../shared is beside the checkout and fail below the floors.
"""
import importlib.util
import json

import pytest

import lint
from conftest import ROOT, SHARED
from lint import line_features, line_model, reader
from lint.kinds import Context

SCRIPT = ROOT / "scripts" / "train_line_model.py"
LABELLED = SHARED / "corpus" / "labelled"

# Floors from the cross-validation recorded in lint/line_model.json (2026-12-07):
# the classifier alone found 188 of 275 boilerplate spans; its own warnings in the union
# were right 55 of 57 times (96%); it warned no clean page and no BBC article.
FLOOR_ALONE_BOILERPLATE = 180
FLOOR_ADDED_WARNING_PRECISION = 0.95


def _script():
    spec = importlib.util.spec_from_file_location("train_line_model", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rules(code):
    packs = lint.default_packs()
    return next(rule for pack in packs for rule in pack.rules if rule.code == code)


def test_shipped_model_loads_and_matches_the_features():
    model = line_model.load()
    data = json.loads((ROOT / "lint" / "line_model.json").read_text(encoding="utf-8"))
    assert data["format"] == line_model.FORMAT
    assert tuple(data["features"]) == line_features.NAMES
    assert set(model.categories) == {"chrome", "off-topic"}
    assert data["trained_on"]["labelled_pages"] == 140


def test_model_tests_the_words_the_packs_hold_today():
    """The lexicon features were trained on the packs' word lists: editing them means retraining."""
    data = json.loads((ROOT / "lint" / "line_model.json").read_text(encoding="utf-8"))
    assert data["lexicons"] == _script().lexicons_from_packs()


def test_rules_use_the_thresholds_cross_validation_chose():
    data = json.loads((ROOT / "lint" / "line_model.json").read_text(encoding="utf-8"))
    chrome = data["thresholds"]["chrome"]
    warning, info = _rules("NL790"), _rules("NL791")
    assert warning.options["threshold"] == info.options["threshold"] == chrome["info"]
    assert warning.options["min_top"] == info.options["max_top"] == chrome["warning"]


def test_recorded_figures_are_held_out_figures():
    cv = json.loads((ROOT / "lint" / "line_model.json").read_text(encoding="utf-8"))["cv"]
    assert cv["folds"] == 5 and cv["grouped_by"] == "outlet" and len(cv["thresholds"]) == 5
    right, every = cv["added"]["chrome"]["warning"]
    assert every and right / every >= FLOOR_ADDED_WARNING_PRECISION
    assert cv["union"]["clean_warned"] == cv["hand"]["clean_warned"]
    assert cv["bbc_added_per_100"]["warning"] == 0


def test_every_nonblank_line_gets_a_full_row():
    doc = reader.parse("a.txt", b"Home\n\nNews\nA line of prose that ends the way a sentence ends in print.\n")
    indexes, rows = line_features.features(doc, Context(), line_model.load().lexicons)
    assert indexes == [0, 2, 3]
    assert all(len(row) == len(line_features.NAMES) for row in rows)
    assert line_features.features(reader.parse("a.txt", b"\n\n"), Context(), line_model.load().lexicons) == ([], [])


def test_runs_bridge_one_low_line_and_stop_at_covered_lines():
    indexes = list(range(8))
    scores = [0.95, 0.5, 0.97, 0.2, 0.1, 0.96, 0.99, 0.93]
    assert line_model.runs(indexes, scores, 0.9, max_gap=1) == [(0, 2, 0.97), (5, 7, 0.99)]
    assert line_model.runs(indexes, scores, 0.9, max_gap=0) == [(0, 0, 0.95), (2, 2, 0.97), (5, 7, 0.99)]
    # A line a hand rule reported is no part of a run and ends it.
    assert line_model.runs(indexes, scores, 0.9, frozenset({6}), max_gap=1) == [(0, 2, 0.97), (5, 5, 0.96), (7, 7, 0.93)]


PAGE = """Harbour council approves new ferry terminal after two-year review
By Ana Ruiz
The harbour council on Tuesday approved plans for a new ferry terminal on the east quay, ending a review that began two years ago.
Councillors voted seven to two in favour of the design, which adds a second berth and a covered waiting hall for up to 400 passengers.
The terminal will cost an estimated 38 million euros, most of it from a regional transport fund, the council finance office said.
Get the morning briefing
Delivered free to your inbox
Follow us on Facebook and Instagram
About us
Contact
Privacy policy
Terms of use
"""


def test_reports_only_lines_the_hand_rules_missed():
    findings = lint.lint_text(PAGE).findings
    learned = [f for f in findings if f.rule == "NL790"]
    hand = [f for f in findings if f.category == "chrome" and f.rule not in ("NL790", "NL791")]
    assert [(f.line, f.end_line) for f in learned] == [(6, 7)]   # the newsletter prompt no hand rule names
    assert hand and all(f.line >= 8 for f in hand)               # the footer the hand rules found stays theirs
    alone = lint.lint_text(PAGE, settings=lint.Settings(select=["NL790"])).findings
    assert [(f.line, f.end_line) for f in alone] == [(6, 12)]    # with no hand rule to defer to, the whole tail


def test_same_lines_from_html():
    """Findings count source lines; in HTML they are not the view's lines."""
    html = "<html><body>\n" + "".join(f"<p>\n{line}\n</p>\n" for line in PAGE.splitlines()) + "</body></html>\n"
    findings = lint.lint_text(html, path="page.html").findings
    learned = [f for f in findings if f.rule in ("NL790", "NL791")]
    hand = [f for f in findings if f.category == "chrome" and f.rule not in ("NL790", "NL791")]
    assert learned and hand
    assert not any(a.line <= b.end_line and b.line <= a.end_line for a in learned for b in hand)


def test_edited_text_in_paragraphs_stays_silent():
    text = "\n\n".join(PAGE.splitlines()[:5]) + "\n"
    assert not [f for f in lint.lint_text(text).findings if f.rule in ("NL790", "NL791")]


# -- the cross-validation itself ---------------------------------------------------------

needs_shared = pytest.mark.skipif(not LABELLED.is_dir(), reason="../shared/corpus/labelled is not beside this checkout")


@pytest.fixture(scope="module")
def pages():
    pytest.importorskip("numpy", reason="training needs numpy (pip install -e '.[train]')")
    script = _script()
    return script, *script.load_pages(script.lexicons_from_packs())


@needs_shared
def test_cross_validated_chrome_figures_hold(pages):
    script, labelled, bbc = pages
    figures = script.cross_validate(labelled, bbc, categories=("chrome",), log=None)
    alone, hand, union = figures["alone"], figures["hand"], figures["union"]
    assert alone["found"].get("boilerplate", 0) >= FLOOR_ALONE_BOILERPLATE
    assert union["found"]["boilerplate"] >= hand["found"]["boilerplate"]
    right, every = figures["added"]["chrome"]["warning"]
    assert every == 0 or right / every >= FLOOR_ADDED_WARNING_PRECISION, figures["added"]
    assert union["clean_warned"] == hand["clean_warned"]
    assert figures["bbc_added_per_100"]["warning"] == 0


@needs_shared
def test_shipped_model_is_what_training_writes(pages):
    script, labelled, bbc = pages
    shipped = json.loads((ROOT / "lint" / "line_model.json").read_text(encoding="utf-8"))
    assert script.compare(script.train_final(labelled, bbc, script.lexicons_from_packs()), shipped) == []


def test_a_retrained_model_invalidates_cached_results():
    """The results cache keys on the engine's code; the model file decides results as much."""
    import os

    from lint import cache

    before = cache.fingerprint([], [], "")
    model = ROOT / "lint" / "line_model.json"
    stat = model.stat()
    try:
        os.utime(model, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        assert cache.fingerprint([], [], "") != before
    finally:
        os.utime(model, ns=(stat.st_atime_ns, stat.st_mtime_ns))
