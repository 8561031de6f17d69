"""Screenshots of a built site at desktop (1280 px) and phone (390 px) width.

    python -m tests.browser.capture SITE_DIR OUT_DIR
"""
from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser.chromium import launch, serve

PAGES = {
    "disclosure": "departments/530400-zuzhibu/2020-final/",
    "disclosure-narrative": "departments/511181-zuzhibu/2020-final/",
    "home": "",
}
# width × height of the captured top of each page (tall enough for the cards and the first charts)
SIZES = {"desktop": (1280, 1800), "phone": (390, 2400)}


def scroll_through(page) -> None:
    """Scroll down a screen at a time, as a reader does, then back to the top."""
    height = page.evaluate("document.body.scrollHeight")
    for y in range(0, height, 600):
        page.evaluate(f"window.scrollTo(0, {y})")
        page.wait_for_timeout(60)
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(800)  # Material's tabs fade back in at the top


def draw_charts(page) -> None:
    """Ask for every interactive chart (its 交互图表 button) and wait until plotly drew them all."""
    for button in page.locator(".tp-chart__live").all():
        button.scroll_into_view_if_needed()
        button.click()
    page.wait_for_function(
        "[...document.querySelectorAll('[data-chart]')].every(e => e.dataset.chartState === 'drawn')", timeout=20000)


def capture(site: Path, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    shots = []
    with serve(site) as base, sync_playwright() as p:
        browser = launch(p)
        for name, path in PAGES.items():
            for width, height in SIZES.values():
                page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
                page.goto(base + path, wait_until="networkidle")
                scroll_through(page)
                page.wait_for_function(
                    "[...document.querySelectorAll('[data-chart]')].every(e => e.dataset.chartState === 'drawn')",
                    timeout=20000,
                )
                target = out / f"{name}-{width}.png"
                page.screenshot(path=str(target))
                shots.append(target)
                page.close()
        browser.close()
    return shots


if __name__ == "__main__":
    for shot in capture(Path(sys.argv[1]), Path(sys.argv[2])):
        print(shot)
