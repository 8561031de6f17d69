"""In headless chromium (CHROMIUM_PATH, default /usr/bin/chromium): the bytes a search fetches,
and a Lighthouse run on a page, both against the site served with compression (serve.py)."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from benchmarks.serve import _Handler, serve

LIGHTHOUSE = Path(__file__).with_name("lighthouse")
# Headless Chromium (156) also makes each new window's omnibox popup, a WebUI page in a renderer of
# its own: ~1 s of CPU for every browser context a test opens, for a popup nobody sees. Off, a new
# context and a small page cost ~0.35 s of CPU instead of ~1.6 s (measured over the whole machine).
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
                 "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup"]


def chromium() -> str:
    return os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def _counting(sent: list) -> type:
    """A handler (as serve.py's) that appends (path, body bytes) of every response to `sent`: the
    server's count also holds what Pagefind's worker fetches, which the page's events miss."""
    class Counting(_Handler):
        def send_header(self, keyword, value):
            if keyword == "Content-Length":
                sent.append((self.path.split("?")[0], int(value)))
            super().send_header(keyword, value)
    return Counting


def search_bytes(site: Path, queries: list[str], year: str | None = None, fresh: bool = False) -> list[dict]:
    """Per query, typed on the search page (opened at ?year=`year` when given: a year, or "all"):
    bytes (compressed, as sent) of the search interface (assets/js/search.js) and of the search
    bundle's files it fetched. One query after another in one tab, so only the first starts from
    an empty cache and counts the page's own load of search.js; with `fresh`, each query in a new
    browser context, every one from an empty cache."""
    from playwright.sync_api import sync_playwright

    sent: list = []
    with serve(site, _counting(sent)) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        results, context, page, start = [], None, None, 0
        for query in queries:
            if page is None or fresh:
                if context:
                    context.close()
                context = browser.new_context()
                page = context.new_page()
                start = len(sent)
                page.goto(url + "search/" + (f"?year={year}" if year else ""), wait_until="networkidle")
            box = page.locator(".tp-search__input")
            box.fill(query)
            box.press("End")
            page.wait_for_timeout(1000)  # the UI waits for typing to pause before it searches
            page.wait_for_selector(".tp-search__results[aria-busy=false]", state="attached", timeout=60000)
            page.wait_for_load_state("networkidle")
            fetched = [n for path, n in sent[start:] if "/pagefind/" in path or path.endswith("/assets/js/search.js")]
            results.append({"query": query, "bytes": sum(fetched), "requests": len(fetched),
                            "results_shown": page.locator(".tp-result").count(),
                            "status": page.locator(".tp-search__status").inner_text()})
            start = len(sent)
        browser.close()
    return results


def ensure_lighthouse() -> Path:
    """The Lighthouse CLI of benchmarks/lighthouse/ (installed with `npm ci` there when missing)."""
    cli = LIGHTHOUSE / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=LIGHTHOUSE, check=True, capture_output=True)
    return cli


def lighthouse(site: Path, page: str, report: Path) -> dict:
    """Lighthouse (mobile, simulated throttling: its defaults) on `page`; scores and key metrics."""
    cli = ensure_lighthouse()
    with serve(site) as url:
        proc = subprocess.run(
            ["node", str(cli), url + page, "--output=json", f"--output-path={report}", "--quiet",
             "--only-categories=performance,accessibility", "--chrome-flags=" + " ".join(
                 ["--headless=new"] + CHROMIUM_ARGS[1:])],
            env={**os.environ, "CHROME_PATH": chromium()}, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        return {"error": (proc.stderr or proc.stdout)[-2000:]}
    data = json.loads(report.read_text(encoding="utf-8"))
    audits = data["audits"]
    metric = lambda key: audits[key].get("numericValue")  # noqa: E731
    return {
        "page": page,
        "lighthouse": data.get("lighthouseVersion"),
        "form_factor": data["configSettings"]["formFactor"],
        "performance": data["categories"]["performance"]["score"],
        "accessibility": data["categories"]["accessibility"]["score"],
        "first_contentful_paint_ms": metric("first-contentful-paint"),
        "largest_contentful_paint_ms": metric("largest-contentful-paint"),
        "total_blocking_time_ms": metric("total-blocking-time"),
        "cumulative_layout_shift": metric("cumulative-layout-shift"),
        "speed_index_ms": metric("speed-index"),
        "total_byte_weight": metric("total-byte-weight"),
    }
