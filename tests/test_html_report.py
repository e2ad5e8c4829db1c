"""The HTML report, read in a real browser (headless Chromium driven by Playwright).

.ci/run installs Debian's chromium; Playwright drives that binary, so nothing
is downloaded at test time. Where no Chromium is installed the browser tests
skip, except in CI, where a missing browser fails them.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEEDS = os.path.join(ROOT, "seeds")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _newslint(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "lint", *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture(scope="module")
def seeds_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    out = folder / "report.html"
    run = _newslint("seeds/", "--format", "html", "--output-file", str(out))
    assert run.returncode == 1, run.stderr          # the seeds have warnings
    found = json.loads(_newslint("seeds/", "--format", "json").stdout)["findings"]
    return out, found


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install Debian's chromium for the browser tests (.ci/run does)")
        pytest.skip("no chromium on this machine")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def page(browser, seeds_report):
    tab = browser.new_page(viewport={"width": 1200, "height": 900})
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(seeds_report[0].as_uri())
    tab.errors = errors
    return tab


def test_the_report_is_one_file_that_fetches_nothing(seeds_report):
    text = seeds_report[0].read_text(encoding="utf-8")
    assert "http://" not in text.split("<body>")[0] and "https://" not in text.split("<body>")[0]
    assert "<link" not in text and "src=" not in text


def test_an_article_s_markup_shows_as_text(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Critics say the <script>alert('x')</script> plan will fail.\nRead more: <img src=x onerror=alert(1)>\n",
        encoding="utf-8")
    html = _newslint("a.txt", "--format", "html", cwd=tmp_path).stdout
    assert html.count("<script>") == 1          # the report's own
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_the_report_loads_without_console_errors(page):
    assert page.title() == "newslint report"
    assert page.errors == []


def test_each_file_shows_its_sourcing_profile(page, seeds_report):
    files = json.loads(_newslint("seeds/", "--format", "json").stdout)["files"]
    first = files[0]["sourcing"]
    text = page.locator("#file-0").inner_text()
    assert f"Sourcing score {first['score']}" in text
    assert f"{first['claims']['unattributed']} unattributed of {first['claims']['sentences']}" in text
    for source in first["sources"]:
        assert source["name"] in text and source["tier"] in text


def test_every_finding_has_a_marked_span_on_its_own_text(page, seeds_report):
    _, found = seeds_report
    rows = page.locator("tr.finding")
    assert rows.count() == len(found)
    sources = {}
    checked = 0
    for index, f in enumerate(found):
        fid = f"f{index + 1}"
        row = page.locator(f"#{fid}")
        assert row.get_attribute("data-category") == f["category"]
        marks = page.locator(f"mark[data-ids~='{fid}']")
        assert marks.count() >= 1, f
        if f["line"] == f["end_line"] and f["end_column"] > f["column"]:
            lines = sources.setdefault(f["path"], open(os.path.join(ROOT, f["path"]), encoding="utf-8").read().split("\n"))
            expected = lines[f["line"] - 1][f["column"] - 1:f["end_column"] - 1]
            assert "".join(marks.all_text_contents()) == expected, f
            checked += 1
    assert checked >= 20


def test_the_filters_hide_and_show_a_category(page):
    box = page.locator("#filters input[value='c-attribution']")
    rows = page.locator("tr.finding[data-category='attribution']")
    assert rows.count() >= 3 and rows.first.is_visible()
    # Marks that cover attribution findings only: hidden with the category, back with it.
    only = """() => [...document.querySelectorAll('mark.c-attribution')]
                 .filter(m => [...m.classList].every(c => c === 'c-attribution' || c === 'off'))
                 .map(m => m.classList.contains('off'))"""
    assert page.evaluate(only) and not any(page.evaluate(only))
    box.uncheck()
    assert not rows.first.is_visible()
    assert all(page.evaluate(only))
    assert not all(page.evaluate("() => [...document.querySelectorAll('mark')].map(m => m.classList.contains('off'))"))
    box.check()
    assert rows.first.is_visible()
    assert not any(page.evaluate(only))


def test_a_related_link_scrolls_to_the_other_article_s_line(page):
    link = page.locator("tr.finding td:last-child a").last
    target = link.get_attribute("href")
    link.click()
    assert page.evaluate("location.hash") == target
    box = page.locator(target).bounding_box()
    assert box is not None and -box["height"] < box["y"] < 900   # scrolled into view


def test_hovering_a_mark_shows_the_rule_and_message(page):
    mark = page.locator("mark").first
    mark.hover()
    tip = page.locator("#tip")
    assert tip.is_visible()
    assert "NL" in tip.text_content()


def test_a_big_run_starts_collapsed_and_fills_a_file_when_opened(browser, tmp_path):
    for n in range(25):                 # over OPEN_UP_TO: each file's body waits in a <template>
        shutil.copy(os.path.join(SEEDS, sorted(os.listdir(SEEDS))[n % 5]), tmp_path / f"a{n:02}.txt")
    out = tmp_path / "r.html"
    _newslint(str(tmp_path), "--format", "html", "--output-file", str(out), "--exit-zero")
    tab = browser.new_page()
    tab.goto(out.as_uri())
    assert tab.locator("mark").count() == 0 and tab.locator("template.lazy").count() == 26
    tab.locator("#file-summary summary").click()
    tab.locator("#summary a").nth(3).click()            # a file link opens and fills that file
    assert tab.locator("#file-3[open] mark").count() >= 5
    assert tab.locator("#file-3 tr.finding").count() >= 5
