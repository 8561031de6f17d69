"""Page weight as a reader's browser fetches it from a static host that compresses (gzip, level 6).

The first view of a page is its HTML and every stylesheet, script, icon and image it names; its
charts are static SVG inside the HTML. The plotly bundle is fetched only when a reader asks for an
interactive chart (`interactive`). The next page is what a second page costs when the first one's
files are in the browser cache: its HTML and whatever it names that the first did not. The DOM
count (`dom_elements`) is every element of the HTML, and those shown before any 展开.
"""
from __future__ import annotations

import gzip
import re
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

PLOTLY = "assets/js/plotly-custom.min.js"
_REFS = re.compile(r'<(?:script|img)\b[^>]*\bsrc="([^"]+)"|<link\b[^>]*\bhref="([^"]+)"[^>]*>', re.I)
_LINK_REL = re.compile(r'\brel="([^"]+)"')
_CSS_URL = re.compile(r"url\((?!['\"]?data:)['\"]?([^'\")]+)")
FETCHED_LINKS = {"stylesheet", "icon", "shortcut icon", "preload", "modulepreload"}


@lru_cache(maxsize=4096)
def compressed(path: Path) -> int:
    """Bytes on the wire: gzip level 6 (what common static hosts use) for text, as is for the rest."""
    data = path.read_bytes()
    if path.suffix in (".html", ".css", ".js", ".svg", ".json", ".xml", ".txt", ".map"):
        return len(gzip.compress(data, compresslevel=6, mtime=0))
    return len(data)


def resources(site: Path, page: str) -> set[str]:
    """Site paths a page's first view fetches besides its HTML (page: e.g. 'departments/x/2020-final/')."""
    html = (site / page / "index.html").read_text(encoding="utf-8")
    base = "/" + page
    found: set[str] = set()
    for m in _REFS.finditer(html):
        ref = m.group(1) or m.group(2)
        if m.group(2) and (_LINK_REL.search(m.group(0)) or [None, ""])[1] not in FETCHED_LINKS:
            continue
        local = _local(base, ref)
        if local:
            found.add(local)
    for css in [r for r in found if r.endswith(".css")]:
        for ref in _CSS_URL.findall((site / css).read_text(encoding="utf-8")):
            local = _local("/" + css, ref)
            if local and (site / local).is_file():
                found.add(local)
    return {r for r in found if (site / r).is_file()}


def _local(base: str, ref: str) -> str:
    url = urlparse(urljoin(base, ref))
    return "" if url.scheme or url.netloc else url.path.lstrip("/")


def first_view(site: Path, page: str) -> int:
    """Compressed bytes of a page's first view (empty cache)."""
    return compressed(site / page / "index.html") + sum(compressed(site / r) for r in resources(site, page))


def interactive(site: Path, page: str) -> int:
    """The first view plus the plotly bundle, when the page has a chart to make interactive."""
    html = (site / page / "index.html").read_text(encoding="utf-8")
    return first_view(site, page) + (compressed(site / PLOTLY) if "data-chart=" in html else 0)


def next_page(site: Path, first: str, page: str) -> int:
    """Compressed bytes of `page` after `first` was viewed (its files cached)."""
    extra = resources(site, page) - resources(site, first)
    return compressed(site / page / "index.html") + sum(compressed(site / r) for r in extra)


def disclosure_pages(site: Path) -> list[str]:
    """Every disclosure page of a built site ('departments/<id>/<year>-<kind>/')."""
    return sorted(p.parent.relative_to(site).as_posix() + "/" for p in site.glob("departments/*/*/index.html")
                  if re.match(r"\d{4}-", p.parent.name))


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Counter(HTMLParser):
    """Elements of a page as a browser running scripts parses it (a <noscript>'s content is text
    there: the deferred content of disclosure pages), the DOM Lighthouse's dom-size audit counts;
    and of them those inside a closed <details> (laid out only once the reader opens it: 展开)."""

    def __init__(self):
        super().__init__()
        self.total = self.hidden = 0
        self.stack: list[tuple[str, bool]] = []  # (tag, inside a closed details)

    def handle_starttag(self, tag, attrs):
        inside = bool(self.stack) and self.stack[-1][1]
        self.total += 1
        self.hidden += inside and tag != "summary"
        if tag in VOID:
            return
        if tag == "noscript":
            self.set_cdata_mode(tag)
        closed = tag == "details" and "open" not in dict(attrs)
        self.stack.append((tag, inside or closed))

    def handle_startendtag(self, tag, attrs):
        self.total += 1
        self.hidden += bool(self.stack) and self.stack[-1][1]

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return


def dom_elements(site: Path, page: str) -> tuple[int, int]:
    """(every element of the page, the elements shown before any 展开: outside closed <details>)."""
    counter = _Counter()
    counter.feed((site / page / "index.html").read_text(encoding="utf-8"))
    return counter.total, counter.total - counter.hidden


def report(site: Path) -> dict:
    """The heaviest disclosure page of a built site: first view (KB gzip), with plotly once asked
    for, and its DOM; the largest DOM of any disclosure page."""
    pages = disclosure_pages(site)
    heaviest = max(pages, key=lambda p: first_view(site, p))
    biggest = max(pages, key=lambda p: dom_elements(site, p)[0])
    return {"pages": len(pages), "heaviest_page": heaviest,
            "first_view_kb": round(first_view(site, heaviest) / 1000, 1),
            "interactive_kb": round(interactive(site, heaviest) / 1000, 1),
            "dom_elements": dom_elements(site, heaviest)[0], "dom_shown_before_expanding": dom_elements(site, heaviest)[1],
            "largest_dom_page": biggest, "largest_dom": dom_elements(site, biggest)[0]}


def main(argv: list[str] | None = None) -> int:
    import argparse
    import json
    import tempfile

    p = argparse.ArgumentParser(prog="python -m benchmarks.weight",
                                description="Weight and DOM of the heaviest disclosure page of a built site; Lighthouse mobile on it.")
    p.add_argument("site", type=Path, help="a built site (transparency build --out SITE)")
    p.add_argument("--page", action="append", default=[], help="also run Lighthouse on this page (e.g. departments/x/2020-final/)")
    p.add_argument("--no-lighthouse", action="store_true")
    args = p.parse_args(argv)
    result = report(args.site)
    print(json.dumps(result, ensure_ascii=False, indent=1), flush=True)
    if not args.no_lighthouse:
        from benchmarks.browser import lighthouse
        with tempfile.TemporaryDirectory() as tmp:
            for page in dict.fromkeys([result["heaviest_page"], *args.page]):
                print(json.dumps(lighthouse(args.site, page, Path(tmp) / "lighthouse.json"), ensure_ascii=False, indent=1),
                      flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
