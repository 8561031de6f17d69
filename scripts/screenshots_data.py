"""Screenshots of the search page with a filter, the compare page, the data page and a department's
trend, at desktop (1366×900) and phone (390×844), with Debian's chromium (CHROMIUM_PATH) through
Playwright, which waits for the search results (the chromium command line shoots before them).

    python -m generator build && python scripts/screenshots_data.py site docs/screenshots
"""
from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.browser.chromium import launch, serve  # noqa: E402

SHOTS = [  # (name, path, selector to wait for)
    ("search-filter", "search/?q=公务接待费&kind=部门预算", ".tp-result"),
    ("search-code", "search/?q=2013201", ".tp-result__row"),
    ("compare", "compare/?measure=three_public_total", ".tp-legend"),
    ("data", "data/", ".tp-dataset"),
    ("data-packages", "data/#packages", ".tp-res-list"),
    ("department-trend", "departments/320000-renda-bgt/#trend-budget", ".tp-chart"),
]
SIZES = {"desktop": (1366, 900), "phone": (390, 844)}


def main(site: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p, serve(site) as url:
        browser = launch(p)
        for name, path, wait in SHOTS:
            for size, (width, height) in SIZES.items():
                context = browser.new_context(viewport={"width": width, "height": height})
                tab = context.new_page()
                tab.goto(url + path, wait_until="networkidle")
                tab.wait_for_selector(wait, timeout=20000)
                tab.wait_for_timeout(300)
                tab.screenshot(path=str(out / f"{name}-{size}.png"))
                context.close()
                print(out / f"{name}-{size}.png")
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
