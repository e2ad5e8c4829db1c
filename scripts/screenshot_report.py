"""Make docs/html-report.png: the seeds' HTML report in headless Chromium (for the README).

    python scripts/screenshot_report.py     # needs chromium and playwright (pip install -e '.[test]')
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile

from playwright.sync_api import sync_playwright

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

with tempfile.TemporaryDirectory() as folder:
    report = os.path.join(folder, "report.html")
    subprocess.run([sys.executable, "-m", "lint", "seeds/", "--format", "html", "--output-file", report], cwd=ROOT)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1100, "height": 1300})
        page.goto("file://" + report)
        page.locator("#file-0 .text").scroll_into_view_if_needed()
        page.locator("#file-0 .text mark").nth(3).hover()   # its rule and message, as a reader sees them
        page.screenshot(path=os.path.join(ROOT, "docs", "html-report.png"))
        browser.close()
