"""Page weight as a reader's browser fetches it from a static host that compresses (gzip, level 6).

The first view of a page is its HTML and every stylesheet, script, icon and image it names, plus
the plotly bundle when the page has a chart (site.js fetches it when a chart comes into view, so a
reader who scrolls through the page fetches it). The next page is what a second page costs when
the first one's files are in the browser cache: its HTML and whatever it names that the first did not.
"""
from __future__ import annotations

import gzip
import re
from functools import lru_cache
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
    if "data-chart=" in html:
        found.add(PLOTLY)
    return {r for r in found if (site / r).is_file()}


def _local(base: str, ref: str) -> str:
    url = urlparse(urljoin(base, ref))
    return "" if url.scheme or url.netloc else url.path.lstrip("/")


def first_view(site: Path, page: str) -> int:
    """Compressed bytes of a page's first view (empty cache)."""
    return compressed(site / page / "index.html") + sum(compressed(site / r) for r in resources(site, page))


def next_page(site: Path, first: str, page: str) -> int:
    """Compressed bytes of `page` after `first` was viewed (its files cached)."""
    extra = resources(site, page) - resources(site, first)
    return compressed(site / page / "index.html") + sum(compressed(site / r) for r in extra)


def disclosure_pages(site: Path) -> list[str]:
    """Every disclosure page of a built site ('departments/<id>/<year>-<kind>/')."""
    return sorted(p.parent.relative_to(site).as_posix() + "/" for p in site.glob("departments/*/*/index.html")
                  if re.match(r"\d{4}-", p.parent.name))
