#!/usr/bin/env python3
"""Train the line classifier for page chrome and off-topic lines, and measure it honestly.

    python scripts/train_line_model.py              # cross-validated figures, then write lint/line_model.json
    python scripts/train_line_model.py --cv-only    # the figures only
    python scripts/train_line_model.py --check      # exit 1 unless lint/line_model.json is what training writes
    python scripts/train_line_model.py --cv-only --hand OLD.json   # the union with other hand rules' findings

Needs numpy (`pip install -e '.[train]'`; development time only: the linter reads
the JSON in pure Python) and ../shared/corpus (the labelled pages and the BBC
articles). A whole run takes about a minute on one core.

Examples: every nonblank line of the 140 labelled pages (a line inside a
boilerplate span is chrome, inside an off-topic span off-topic; every other line,
and every line of the 34 clean pages, is neither) and of a fixed sample of the
edited BBC articles (all neither: text that must stay silent). Features:
lint/line_features.py (shape, never the pages' own words).

Cross-validation: k folds grouped by outlet (html_03_foxnews and web_48_foxnews in
one fold; the BBC sample spread over the folds), each held-out fold scored by a
model that never saw it, with its thresholds chosen by an inner grouped
cross-validation of the training folds only. Each fold is scored with the
development-set scorer's semantics (../shared/tools/score_labelled.py): a label is
found when a finding of its category overlaps its lines; a warning overlapping no
label of its kind is a false alarm; a clean page with any warning is warned.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter

# One BLAS thread: the matrices are small, and threads fighting over two shared cores cost 8x.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)

from lint import line_features, line_model, reader  # noqa: E402
from lint.kinds import Context  # noqa: E402

SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared", "corpus"))
LABELLED = os.path.join(SHARED, "labelled")
BBC = os.path.join(SHARED, "bbc")
CATEGORIES = {"chrome": "boilerplate", "off-topic": "off-topic"}   # finding category -> label kind
KIND_TO_CATEGORIES = {"republished": {"republished"}, "wire-credit": {"credit", "republished"},
                      "unattributed": {"attribution"}, "off-topic": {"off-topic"}, "boilerplate": {"chrome"},
                      "ai-disclosure": {"ai-disclosure"}}
SCORED = set().union(*KIND_TO_CATEGORIES.values())
PACK_ID = "line-model"
FOLDS = 5
INNER_FOLDS = 3
BBC_EVERY = 5          # every 5th BBC article (sorted by name) is a training example
PRECISION_FLOOR = 0.95  # a threshold's added warnings must be at least this precise on the training folds
INFO_FLOOR = 0.80       # and its added info findings at least this
SEED = 0
EDITED = "edited"   # the rendering of the BBC articles: edited text, all negatives
MAX_GAP = line_model.MAX_GAP   # lines below the threshold a run may bridge


# -- the examples -----------------------------------------------------------------

class Page:
    """One file: its lines' features and labels, and what the hand rules found in it."""

    def __init__(self, name, outlet, rendering, clean, labels, indexes, rows, hand):
        self.name, self.outlet, self.rendering, self.clean = name, outlet, rendering, clean
        self.labels = labels          # [{"kind", "start", "end"}], 1-based lines
        self.indexes = indexes        # view line of each row
        self.rows = rows
        self.hand = hand              # [(category, severity, first line, last line)], 1-based
        self.covered: dict[str, frozenset[int]] = {}   # category -> view lines the hand rules report
        self.targets = {cat: [1 if any(l["kind"] == kind and l["start"] <= i + 1 <= l["end"] for l in labels) else 0
                              for i in indexes] for cat, kind in CATEGORIES.items()}


def lexicons_from_packs() -> dict[str, list[str]]:
    """The word families the features test, from the shipped packs' lexicons."""
    import yaml

    def lexicons(name):
        with open(os.path.join(ROOT, "rules", name), encoding="utf-8") as handle:
            return yaml.safe_load(handle)["lexicons"]

    chrome, offtopic = lexicons("chrome.yaml"), lexicons("off-topic.yaml")
    return {
        "platform": chrome["platform"], "share_target": chrome["share_target"],
        "cta_verb": chrome["follow_verb"] + chrome["signup_verb"] + chrome["app_verb"],
        "subscription": chrome["subscription"], "fresh_modifier": offtopic["fresh_modifier"],
        "related_modifier": offtopic["related_modifier"], "widget_noun": offtopic["widget_noun"],
    }


def replace_hand(pages: list[Page], run: str) -> None:
    """Measure the union against the hand rules of a saved run instead of today's."""
    with open(run, encoding="utf-8") as handle:
        findings = json.load(handle)["findings"]
    by_page: dict[str, list] = {}
    for f in findings:
        by_page.setdefault(os.path.basename(f["path"]), []).append(
            (f["category"], f["severity"], f["line"], f.get("end_line", f["line"])))
    for p in pages:
        p.hand = by_page.get(p.name, [])
        p.covered.clear()


def hand_linter(select=()):
    """Every shipped rule but this classifier's (or only the `select`ed): the hand rules the union is measured against."""
    from lint.config import Settings
    from lint.rulepack import builtin_rules_dir, load_packs
    from lint.runner import Linter

    packs = [p for p in load_packs([builtin_rules_dir()]) if p.id != PACK_ID]
    return Linter(packs, Settings(select=list(select)), corpus=False)


def outlet_of(name: str) -> str:
    """html_03_foxnews.txt -> foxnews; web_04_hostedap_berkshireeagle.txt -> hostedap."""
    return name.rsplit(".", 1)[0].split("_")[2]


def load_page(path, name, outlet, rendering, clean, labels, lexicons, linter) -> Page:
    data = reader.read_bytes(path)
    doc = reader.parse(path, data)
    indexes, rows = line_features.features(doc, Context(), lexicons)
    result = linter.lint_bytes(path, data)
    hand = [(f.category, f.severity, f.line, f.end_line) for f in result.findings]
    return Page(name, outlet, rendering, clean, labels, indexes, rows, hand)


def load_pages(lexicons) -> tuple[list[Page], list[Page]]:
    linter = hand_linter()
    words = line_features.Lexicons(lexicons)
    labelled = []
    with open(os.path.join(LABELLED, "labels.jsonl"), encoding="utf-8") as handle:
        entries = [json.loads(line) for line in handle if line.strip()]
    for e in entries:
        labelled.append(load_page(os.path.join(LABELLED, e["file"]), e["file"], outlet_of(e["file"]), e["rendering"],
                                  bool(e.get("clean")) or not e["labels"], e["labels"], words, linter))
    # The BBC sample is scored only for added chrome and off-topic warnings.
    linter = hand_linter(select=list(CATEGORIES))
    names = sorted(n for n in os.listdir(BBC) if n.endswith(".txt"))[::BBC_EVERY]
    bbc = [load_page(os.path.join(BBC, n), n, "bbc-corpus", EDITED, True, [], words, linter) for n in names]
    return labelled, bbc


# -- folds --------------------------------------------------------------------------

def folds_of(pages: list[Page], k: int, seed: int) -> list[int]:
    """A fold for each page: the pages of one outlet share one, and each fold gets its share of
    both renderings. Greedy and deterministic: outlets in a seeded order, biggest first, each to
    the fold holding fewest pages of its rendering."""
    from hashlib import blake2b

    outlets: dict[str, list[int]] = {}
    for i, p in enumerate(pages):
        outlets.setdefault(p.outlet, []).append(i)
    order = sorted(outlets, key=lambda o: (-len(outlets[o]), blake2b(f"{seed}:{o}".encode()).hexdigest()))
    held = [Counter() for _ in range(k)]
    fold = [0] * len(pages)
    for outlet in order:
        members = outlets[outlet]
        rendering = Counter(pages[i].rendering for i in members).most_common(1)[0][0]
        best = min(range(k), key=lambda f: (held[f][rendering], sum(held[f].values()), f))
        for i in members:
            fold[i] = best
            held[best][pages[i].rendering] += 1
    return fold


# -- the model ----------------------------------------------------------------------

# Per category, the features whose products with every other feature the regression also
# weighs. Chosen by cross-validation (line-level average precision of held-out folds):
# off-topic lines depend on the page ("a headline-shaped line in a full page, outside the
# body"): 0.50 without crosses, 0.62 with these two, 0.63 with three more at 4x the
# training time; chrome did better without any (0.96 against 0.94).
CROSSES = {"chrome": (), "off-topic": ("page_short", "in_body")}
L2 = 10.0   # ridge penalty on the standardised weights (cross-validated: 1, 10, 100)


def design(rows, crosses):
    """The feature matrix with the crossed columns appended."""
    import numpy as np

    X = np.array(rows, dtype=np.float64).reshape(len(rows), len(line_features.NAMES))
    columns = [line_features.NAMES.index(c) for c in crosses]
    return np.hstack([X] + [X * X[:, [c]] for c in columns])


class Regression:
    """L2-penalised logistic regression by Newton's method on standardised columns: exact,
    deterministic, a dozen steps."""

    def __init__(self, category: str):
        self.crosses = CROSSES[category]

    def fit(self, X, y):
        import numpy as np

        self.mean = X.mean(axis=0)
        self.scale = X.std(axis=0)
        self.scale[self.scale == 0] = 1.0
        Z = np.hstack([(X - self.mean) / self.scale, np.ones((len(X), 1))])
        penalty = np.full(Z.shape[1], L2)
        penalty[-1] = 0.0   # the intercept is not shrunk
        w = np.zeros(Z.shape[1])
        for _ in range(100):
            p = 1.0 / (1.0 + np.exp(-(Z @ w)))
            gradient = Z.T @ (p - y) + penalty * w
            hessian = (Z * (p * (1 - p))[:, None]).T @ Z + np.diag(penalty)
            step = np.linalg.solve(hessian, gradient)
            w -= step
            if np.abs(step).max() < 1e-8:
                break
        self.w = w
        return self

    def predict(self, X):
        import numpy as np

        Z = (X - self.mean) / self.scale
        return 1.0 / (1.0 + np.exp(-(Z @ self.w[:-1] + self.w[-1])))

    def export(self) -> dict:
        """Weights on the raw features (the standardisation folded in), crossed blocks by feature."""
        raw = self.w[:-1] / self.scale
        bias = self.w[-1] - float((self.w[:-1] * self.mean / self.scale).sum())
        n = len(line_features.NAMES)
        rounded = lambda values: [float(f"{v:.6g}") for v in values]  # noqa: E731
        return {"bias": float(f"{bias:.9g}"), "weights": rounded(raw[:n]),
                "crosses": {c: rounded(raw[n * (i + 1):n * (i + 2)]) for i, c in enumerate(self.crosses)}}


def fit(pages: list[Page], category: str) -> Regression:
    import numpy as np

    rows = [row for p in pages for row in p.rows]
    y = np.array([t for p in pages for t in p.targets[category]], dtype=np.float64)
    model = Regression(category)
    return model.fit(design(rows, model.crosses), y)


def predict(model: Regression, pages: list[Page]) -> list[list[float]]:
    return [list(model.predict(design(p.rows, model.crosses))) if p.rows else [] for p in pages]


# -- findings and scoring -----------------------------------------------------------

def covered(page: Page, category: str) -> frozenset[int]:
    """View lines the hand rules already report in this category."""
    if category not in page.covered:
        spans = [(a, b) for c, _, a, b in page.hand if c == category]
        page.covered[category] = frozenset(i for i in page.indexes if any(a <= i + 1 <= b for a, b in spans))
    return page.covered[category]


def model_findings(page: Page, scores: dict[str, list[float]], thresholds: dict, union: bool) -> list[tuple]:
    """What the kind reports on this page: (category, severity, first line, last line, top score).
    In the union it reports only lines the hand rules did not, as lint/kinds/line_model.py does."""
    out = []
    for category, t in thresholds.items():
        done = covered(page, category) if union else frozenset()
        for first, last, top in line_model.runs(page.indexes, scores[category], t["info"], done, MAX_GAP):
            out.append((category, "warning" if top >= t["warning"] else "info", first + 1, last + 1, top))
    return out


def score(pages: list[Page], findings: dict[str, list[tuple]]) -> dict:
    """The development-set scorer's figures for these pages and findings (category, severity, first, last, ...)."""
    found, total, false_alarms = Counter(), Counter(), Counter()
    true_warnings = clean_warned = clean_total = 0
    for p in pages:
        got = findings.get(p.name, [])
        warnings = [f for f in got if f[1] in ("warning", "error") and f[0] in SCORED]
        if p.clean:
            clean_total += 1
            clean_warned += bool(warnings)
        for label in p.labels:
            total[label["kind"]] += 1
            if any(f[0] in KIND_TO_CATEGORIES[label["kind"]] and f[2] <= label["end"] and f[3] >= label["start"]
                   for f in got):
                found[label["kind"]] += 1
        for f in warnings:
            kinds = {k for k, cats in KIND_TO_CATEGORIES.items() if f[0] in cats}
            if any(l["kind"] in kinds and f[2] <= l["end"] and f[3] >= l["start"] for l in p.labels):
                true_warnings += 1
            else:
                false_alarms[f[0]] += 1
    return {"found": dict(found), "total": dict(total), "true_warnings": true_warnings,
            "false_alarms": dict(false_alarms), "clean_warned": clean_warned, "clean_total": clean_total}


def own_precision(pages: list[Page], findings: dict[str, list[tuple]], severity: str) -> list[int]:
    """The classifier's own findings at this severity: [right, all]; right = overlaps a label of its kind."""
    right = every = 0
    for p in pages:
        for f in findings.get(p.name, []):
            if f[1] == severity:
                every += 1
                right += any(l["kind"] == CATEGORIES[f[0]] and f[2] <= l["end"] and f[3] >= l["start"]
                             for l in p.labels)
    return [right, every]


FIXED = (0.5, 0.7, 0.9)   # operating points reported for the classifier alone
GRID = [x / 100 for x in range(30, 100)] + [0.995, 0.999]
NEVER = 1.01   # a threshold no probability reaches: the category reports nothing at that level


def choose_thresholds(pages: list[Page], bbc: list[Page], scores: dict, bbc_scores: dict,
                      categories=tuple(CATEGORIES)) -> dict:
    """Per category, from out-of-fold scores of the training folds only:
    warning: the lowest threshold whose added runs are >= PRECISION_FLOOR right and touch no clean
             page and no BBC article;
    info:    the lowest threshold (below that) whose added runs are >= INFO_FLOOR right."""
    chosen = {}
    for category in categories:
        def precision(t):
            th = {category: {"info": t, "warning": t}}
            found = {p.name: model_findings(p, {category: scores[p.name][category]}, th, union=True) for p in pages}
            right, every = own_precision(pages, found, "warning")
            clean = any(found[p.name] for p in pages if p.clean)
            return (right / every if every else 0.0), clean

        # A BBC article is warned at t when an uncovered line scores t or more.
        bbc_top = max((s for b in bbc for i, s in zip(b.indexes, bbc_scores[b.name][category])
                       if i not in covered(b, category)), default=0.0)
        warning = info = NEVER
        for t in GRID:
            right, clean = precision(t)
            if info == NEVER and right >= INFO_FLOOR:
                info = t
            if right >= PRECISION_FLOOR and not clean and t > bbc_top:
                warning = t
                break
        chosen[category] = {"info": min(info, warning), "warning": warning}
    return chosen


# -- cross-validation ---------------------------------------------------------------

def out_of_fold(pages: list[Page], bbc: list[Page], fold: list[int], bbc_fold: list[int], k: int,
                categories=tuple(CATEGORIES)):
    """Each page's and BBC article's scores from the models trained without its fold."""
    scores = {p.name: {} for p in pages}
    bbc_scores = {b.name: {} for b in bbc}
    for i in range(k):
        train = [p for p, f in zip(pages, fold) if f != i] + [b for b, f in zip(bbc, bbc_fold) if f != i]
        test = [p for p, f in zip(pages, fold) if f == i] + [b for b, f in zip(bbc, bbc_fold) if f == i]
        for category in categories:
            for p, s in zip(test, predict(fit(train, category), test)):
                (bbc_scores if p.rendering == EDITED else scores)[p.name][category] = s
    return scores, bbc_scores


def cross_validate(labelled: list[Page], bbc: list[Page], k: int = FOLDS, log=sys.stderr,
                   categories=tuple(CATEGORIES)) -> dict:
    """Figures from held-out folds only: the classifier alone, the hand rules, their union."""
    fold = folds_of(labelled, k, SEED)
    bbc_fold = [i % k for i in range(len(bbc))]
    alone, union, hand, added, held_out = {}, {}, {}, {}, {}
    bbc_added = Counter()
    thresholds = []
    for i in range(k):
        train = [p for p, f in zip(labelled, fold) if f != i]
        train_bbc = [b for b, f in zip(bbc, bbc_fold) if f != i]
        test = [p for p, f in zip(labelled, fold) if f == i]
        test_bbc = [b for b, f in zip(bbc, bbc_fold) if f == i]
        inner = folds_of(train, INNER_FOLDS, SEED + 1 + i)
        oof, oof_bbc = out_of_fold(train, train_bbc, inner, [j % INNER_FOLDS for j in range(len(train_bbc))],
                                   INNER_FOLDS, categories)
        chosen = choose_thresholds(train, train_bbc, oof, oof_bbc, categories)
        thresholds.append(chosen)
        models = {c: fit(train + train_bbc, c) for c in categories}
        held = {c: predict(m, test + test_bbc) for c, m in models.items()}
        for j, p in enumerate(test + test_bbc):
            s = {c: held[c][j] for c in categories}
            mine = model_findings(p, s, chosen, union=True)
            if p.rendering == EDITED:
                bbc_added.update(f[1] for f in mine)
                continue
            held_out[p.name] = s
            hand[p.name] = list(p.hand)
            alone[p.name] = model_findings(p, s, chosen, union=False)
            added[p.name] = mine
            union[p.name] = hand[p.name] + mine
        if log:
            print(f"  fold {i + 1}/{k}: {len(test)} pages, {len(test_bbc)} BBC articles held out; thresholds "
                  + "; ".join(f"{c} warning {t['warning']:.2f} info {t['info']:.2f}" for c, t in chosen.items()),
                  file=log)
    return {
        "folds": k, "grouped_by": "outlet", "pages": len(labelled), "bbc_articles": len(bbc),
        "alone": score(labelled, alone), "hand": score(labelled, hand), "union": score(labelled, union),
        # The classifier alone at fixed thresholds, every run a warning: no choice made on any fold.
        "alone_at": {str(t): score(labelled, {p.name: model_findings(p, held_out[p.name], {
            c: {"info": t, "warning": t} for c in categories}, union=False) for p in labelled}) for t in FIXED},
        "added": {c: {sev: own_precision(labelled, {n: [f for f in fs if f[0] == c] for n, fs in added.items()}, sev)
                      for sev in ("warning", "info")} for c in categories},
        "bbc_added_per_100": {sev: round(100 * bbc_added[sev] / max(len(bbc), 1), 2) for sev in ("warning", "info")},
        "thresholds": thresholds,
    }


def describe(name: str, figures: dict, kinds=None) -> str:
    found, total = figures["found"], figures["total"]
    kinds = kinds or sorted(total)
    hits, labels = sum(found.get(k, 0) for k in kinds), sum(total.get(k, 0) for k in kinds)
    fa = sum(figures["false_alarms"].values())
    tw = figures["true_warnings"]
    by_kind = ", ".join(f"{k} {found.get(k, 0)}/{total.get(k, 0)}" for k in kinds)
    return (f"{name}: recall {100 * hits / max(labels, 1):.1f}% ({hits}/{labels}), precision of warnings "
            f"{100 * tw / max(tw + fa, 1):.1f}% ({tw}/{tw + fa}), clean files warned "
            f"{figures['clean_warned']}/{figures['clean_total']}; {by_kind}")


def report(figures: dict) -> list[str]:
    lines = [f"{figures['folds']}-fold cross-validation grouped by outlet ({figures['pages']} labelled pages, "
             f"{figures['bbc_articles']} BBC articles), every figure from held-out folds:",
             "  " + describe("(a) classifier alone", figures["alone"], ["boilerplate", "off-topic"]),
             "  " + describe("(b) hand rules", figures["hand"]),
             "  " + describe("(c) rules + classifier", figures["union"])]
    for t, alone in figures["alone_at"].items():
        lines.append("  " + describe(f"classifier alone at {t}", alone, ["boilerplate", "off-topic"]))
    for c, sev in figures["added"].items():
        lines.append(f"  classifier's own {c} findings in (c): warnings {sev['warning'][0]}/{sev['warning'][1]} "
                     f"right, info {sev['info'][0]}/{sev['info'][1]} right")
    lines.append(f"  BBC: added per 100 held-out articles: {figures['bbc_added_per_100']}")
    return lines


# -- the shipped model --------------------------------------------------------------

def train_final(labelled: list[Page], bbc: list[Page], lexicons: dict) -> dict:
    """The model trained on every page, with thresholds from out-of-fold scores over all of them."""
    fold = folds_of(labelled, FOLDS, SEED)
    oof, oof_bbc = out_of_fold(labelled, bbc, fold, [i % FOLDS for i in range(len(bbc))], FOLDS)
    return {
        "format": line_model.FORMAT,
        "features": list(line_features.NAMES),
        "lexicons": lexicons,
        "models": {c: fit(labelled + bbc, c).export() for c in CATEGORIES},
        "thresholds": choose_thresholds(labelled, bbc, oof, oof_bbc),
        "trained_on": {"labelled_pages": len(labelled), "bbc_articles": len(bbc),
                       "lines": sum(len(p.rows) for p in labelled + bbc)},
    }


def compare(trained: dict, shipped: dict, tolerance: float = 1e-4) -> list[str]:
    """Where the shipped model differs from a fresh training (the recorded figures aside); weights
    may differ in their last rounded digit between BLAS builds."""
    out = []

    def walk(a, b, where):
        if isinstance(a, dict) and isinstance(b, dict):
            for key in sorted(set(a) | set(b)):
                if key not in a or key not in b:
                    out.append(f"{where}/{key}: only in one")
                else:
                    walk(a[key], b[key], f"{where}/{key}")
        elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
            for i, (x, y) in enumerate(zip(a, b)):
                walk(x, y, f"{where}[{i}]")
        elif isinstance(a, float) and isinstance(b, (int, float)) and not isinstance(b, bool):
            if abs(a - b) > tolerance * max(1.0, abs(a), abs(b)):
                out.append(f"{where}: {a} != {b}")
        elif a != b:
            out.append(f"{where}: differs")

    walk({k: v for k, v in trained.items() if k != "cv"}, {k: v for k, v in shipped.items() if k != "cv"}, "")
    return out


def dump(model: dict) -> str:
    return json.dumps(model, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cv-only", action="store_true", help="print the cross-validated figures, write nothing")
    parser.add_argument("--check", action="store_true", help="exit 1 unless the shipped model is what training writes")
    parser.add_argument("--hand", metavar="RUN.json",
                        help="with --cv-only: take the hand rules' findings from this saved run on the labelled pages "
                             "(`newslint ../shared/corpus/labelled --format json --no-corpus`), e.g. an older "
                             "commit's rules, which were not tuned on these pages")
    args = parser.parse_args(argv)
    if not os.path.isdir(LABELLED):
        sys.exit(f"no labelled pages at {LABELLED}")
    started = time.time()
    lexicons = lexicons_from_packs()
    labelled, bbc = load_pages(lexicons)
    print(f"read {len(labelled)} labelled pages, {len(bbc)} BBC articles ({time.time() - started:.0f} s)",
          file=sys.stderr)
    if args.hand:
        replace_hand(labelled, args.hand)
        args.cv_only = True   # the shipped model's thresholds are chosen against today's rules only
    if args.check:
        with open(line_model.MODEL_PATH, encoding="utf-8") as handle:
            shipped = json.load(handle)
        differences = compare(train_final(labelled, bbc, lexicons), shipped)
        print("lint/line_model.json is what training writes" if not differences else
              "lint/line_model.json differs from what training writes (" + "; ".join(differences[:5])
              + "): run scripts/train_line_model.py")
        return 1 if differences else 0
    figures = cross_validate(labelled, bbc)
    print("\n".join(report(figures)))
    print(f"({time.time() - started:.0f} s)", file=sys.stderr)
    if args.cv_only:
        return 0
    model = train_final(labelled, bbc, lexicons)
    model["cv"] = figures
    with open(line_model.MODEL_PATH, "w", encoding="utf-8") as handle:
        handle.write(dump(model))
    print(f"wrote {os.path.relpath(line_model.MODEL_PATH, ROOT)}: thresholds " + "; ".join(
        f"{c} warning {t['warning']:.2f} info {t['info']:.2f}" for c, t in model["thresholds"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
