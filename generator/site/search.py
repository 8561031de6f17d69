"""Full-text search: Pagefind (extended build, segments Chinese) indexes the built pages.

Pagefind cannot update an index, and indexing costs about 10 ms per disclosure page here, so a
one-page change would re-index the whole site. The search bundle is therefore a *base* index of
every page, written by a full build, and an *overlay* index of the pages that changed since,
written by incremental builds. The search page loads `pagefind/pagefind.js`, a module written
here around Pagefind's own: it merges the overlay and drops the base's results for pages the
overlay holds again or that are gone, so a query sees each page once, as it is now, ranked as
in the base (`_module`). When the
overlay outgrows OVERLAY_SHARE of the pages, the build indexes everything into a new base.

Not indexed: amounts in table cells, headline cards, charts, the findings and the download
lists of a disclosure (numbers and generated text; the findings have their own pages), and the
rows of its standard tables (公开01–09 and the budget tables: the same classification names in
every disclosure, which only swell the index; their captions are indexed, and the compare pages
and downloads hold the rows) and of its performance indicators. Which pages are indexed at all is
the pages' `searchable` (render.Page). The search page's interface is theme/assets/js/search.js.
"""
from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from generator.site.cache import write_new

EXCLUDE = ["td.num", ".tp-cards", ".tp-chart", ".tp-findings", ".tp-source", ".tp-tablebox__meta", ".tp-hint"]
BASE, OVERLAY, MODULE = "base", "overlay", "pagefind.js"
OVERLAY_SHARE = 0.05  # of the pages: past it (and past OVERLAY_MIN pages), index everything again
OVERLAY_MIN = 50


class SearchIndexError(RuntimeError):
    """Pagefind failed."""


def update(html: Path, bundle: Path, pages: list[str], changed: set[str], state: dict | None, echo) -> dict:
    """Bring the search bundle in `bundle` up to date with the built pages (HTML paths inside
    `html`); `changed`: the pages rendered anew since the last build, `state`: what the last build
    left (None: index everything). Returns the new state."""
    pages_set = set(pages)
    if state and (bundle / BASE).is_dir():
        overlay = (set(state["overlay"]) | changed) & (set(state["base"]) | pages_set)
        if len(overlay & pages_set) <= max(OVERLAY_MIN, OVERLAY_SHARE * len(pages)):
            if changed:  # (the overlay only ever changes by pages rendered anew or removed)
                echo(f"search index (Pagefind): {len(overlay & pages_set)} changed of {len(pages)} page(s)")
                _index(html, sorted(overlay & pages_set), bundle / OVERLAY)
                _module(bundle, {p: state["base"][p] for p in overlay if p in state["base"]})
            else:
                echo("search index (Pagefind): unchanged")
            return {"base": state["base"], "overlay": sorted(overlay)}
    echo(f"search index (Pagefind): all {len(pages)} page(s)")
    _index(html, pages, bundle / BASE)
    _index(html, [], bundle / OVERLAY)
    _module(bundle, {})
    return {"base": _fragments(bundle / BASE), "overlay": []}


def _index(html: Path, pages: list[str], out: Path) -> None:
    """Pagefind's bundle of `pages` (paths inside `html`) in `out` (removed when there are none).
    Pagefind reads a folder of hard links to just those pages: a glob naming thousands of files
    would pass the limits of a command line."""
    shutil.rmtree(out, ignore_errors=True)
    if not pages:
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    exclude = [arg for selector in EXCLUDE for arg in ("--exclude-selectors", selector)]
    with tempfile.TemporaryDirectory(prefix=".pages-", dir=out.parent) as folder:
        for page in pages:
            (Path(folder) / page).parent.mkdir(parents=True, exist_ok=True)
            os.link(html / page, Path(folder) / page)
        proc = subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", folder, "--output-path", str(out), *exclude],
            capture_output=True, text=True, check=False,
        )
    if proc.returncode != 0:
        raise SearchIndexError(f"Pagefind failed:\n{proc.stdout}\n{proc.stderr}".strip())


def _fragments(bundle: Path) -> dict[str, str]:
    """{HTML path of a page: the id Pagefind gave it} from a bundle's fragments."""
    ids = {}
    for fragment in (bundle / "fragment").iterdir():
        data = gzip.decompress(fragment.read_bytes())
        url = json.loads(data[data.index(b"{"):])["url"].lstrip("/")
        ids[url + "index.html" if url.endswith("/") or not url else url] = fragment.name.removesuffix(".pf_fragment")
    return ids


def _module(bundle: Path, base: dict[str, str]) -> None:
    """pagefind/pagefind.js: Pagefind's API (base/pagefind.js) with the overlay merged. Of a page
    in both, the base's result is dropped and its score given to the overlay's result: Pagefind
    scores each index with its own statistics (BM25), and a tiny overlay would rank its pages
    low. `base`: {page: base id} of the pages changed or gone since the base."""
    overlay = _fragments(bundle / OVERLAY) if (bundle / OVERLAY).is_dir() else {}
    was = {overlay[page]: base[page] for page in sorted(overlay) if page in base}
    merge = (f"\n  await pagefind.mergeIndex(new URL(\"{OVERLAY}/\", import.meta.url).href, "
             "{ baseUrl: (o && o.baseUrl) || \"/\" });") if overlay else ""
    write_new(bundle / MODULE, (
        "// Pagefind with the pages indexed again since the base index (generator/site/search.py).\n"
        f"import * as pagefind from \"./{BASE}/pagefind.js\";\n"
        f"export * from \"./{BASE}/pagefind.js\";\n"
        f"const stale = new Set({json.dumps(sorted(base.values()))});  // base ids of pages changed or gone\n"
        f"const was = new Map(Object.entries({json.dumps(was, sort_keys=True)}));  // overlay id: base id\n"
        "const current = (r) => {\n"
        "  if (!r || !r.results || !stale.size) return r;\n"
        "  const score = new Map(r.results.filter((x) => stale.has(x.id)).map((x) => [x.id, x.score]));\n"
        "  const results = r.results.filter((x) => !stale.has(x.id))\n"
        "    .map((x) => (score.has(was.get(x.id)) ? { ...x, score: score.get(was.get(x.id)) } : x))\n"
        "    .sort((a, b) => b.score - a.score);\n"
        "  return { ...r, results, unfilteredResultCount: r.unfilteredResultCount - (r.results.length - results.length) };\n"
        "};\n"
        f"export async function options(o) {{\n  await pagefind.options(o);{merge}\n}}\n"
        "export async function search(term, o) { return current(await pagefind.search(term, o)); }\n"
        "export async function debouncedSearch(term, o, ms) { return current(await pagefind.debouncedSearch(term, o, ms)); }\n"
    ).encode("utf-8"))
