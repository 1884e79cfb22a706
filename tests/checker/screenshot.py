"""Make docs/checker-report.png, README's picture of the reviewer's report: check the sample shop
(tests/checker/sample_site.py) as the default handsets, write the HTML report, and photograph
its top in Debian's Chromium at a fixed window size.

Run from the repository root after a visible change to the report or to the rules:

    python -m tests.checker.screenshot [OUTPUT.png]
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import ViewportSize, sync_playwright

from simulator.checker.report import write_html
from tests.checker.sample_site import sample_report
from tests.simulator.driver import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[2]
TARGET = ROOT / "docs" / "checker-report.png"
VIEWPORT: ViewportSize = {"width": 1280, "height": 960}


def photograph(html: Path, target: Path) -> None:
    """Open the report in Chromium and save the window's picture to target."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=VIEWPORT, locale="ja-JP")
            page.goto(html.as_uri())
            page.screenshot(path=str(target))
        finally:
            browser.close()


def main(argv: list[str]) -> int:
    """Write the sample report and its screenshot (to argv[0], else docs/checker-report.png)."""
    target = Path(argv[0]) if argv else TARGET
    with tempfile.TemporaryDirectory() as folder:
        html = Path(folder) / "report.html"
        write_html(sample_report(), html)
        photograph(html, target)
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
