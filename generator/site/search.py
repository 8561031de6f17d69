"""Full-text search: Pagefind (extended build, segments Chinese) indexes the built pages.

A query fetches Pagefind's list of every page of an index and the index chunks of its words,
so its bytes grow with the pages it searches. Past SPLIT_ABOVE disclosures the base is
therefore one index per fiscal year, the pages of no year (lists, glossary, methodology) in the
latest year's, and the search page searches the latest year unless the reader picks another or
every year. Below it, one index (SITE) holds every page: Pagefind ranks with each index's own
statistics, which a few pages per year would skew.

Pagefind cannot update an index, and indexing costs about 10 ms per disclosure page here, so a
one-page change would re-index the whole site. The *base* indexes are written by a full build,
and an *overlay* index of the pages that changed since by incremental builds. The search page
loads `pagefind/pagefind.js`, a module written here around Pagefind's own: it opens the chosen
indexes and the overlay and drops the base's results for pages the overlay holds again or that
are gone, so a query sees each page once, as it is now, ranked as in the base (`_module`). When
the overlay outgrows OVERLAY_SHARE of the pages, or a year comes or goes, the build indexes
everything anew.

Not indexed: amounts in table cells, headline cards, charts, the download lists of a disclosure,
its findings but for their messages (numbers and generated text), and the rows of its standard
tables (公开01–09 and the budget tables: the same classification names in every disclosure,
which only swell the index; their captions are indexed, and the compare pages and downloads hold
the rows) and of its performance indicators. Which pages are indexed at all is
the pages' `searchable` (render.Page). The search page's interface is theme/assets/js/search.js.
"""
from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

from generator.site.cache import write_new
from generator.site.pagefind_service import PagefindError, index_pages

EXCLUDE = ["td.num", ".tp-cards", ".tp-chart", ".tp-findings > p", ".tp-finding .tp-scroll", ".tp-finding__diff",
           ".tp-source", ".tp-tablebox__meta", ".tp-hint"]
BASE, OVERLAY, MODULE = "base", "overlay", "pagefind.js"
SITE = "site"  # the one index of every page, until split by year
OVERLAY_SHARE = 0.05  # of the pages: past it (and past OVERLAY_MIN pages), index everything again
OVERLAY_MIN = 50
SCOPE_JS = Path(__file__).with_name("js") / "pagefind-scope.js"  # the body of pagefind.js
SPLIT_ABOVE = 5000  # disclosures: past it, one index per fiscal year


def split(disclosures: int) -> bool:
    """Whether a site of this many disclosures has one search index per fiscal year."""
    return disclosures > SPLIT_ABOVE


class SearchIndexError(RuntimeError):
    """Pagefind failed."""


def update(html: Path, bundle: Path, pages: dict[str, str], changed: set[str], state: dict | None, echo) -> dict:
    """Bring the search bundle in `bundle` up to date with the built pages; `pages`: {HTML path
    inside `html`: its scope, a fiscal year or SITE}, `changed`: the pages rendered anew since the
    last build, `state`: what the last build left (None: index everything). Returns the new state."""
    scopes, current = sorted(set(pages.values())), set(pages)
    if state and (bundle / BASE).is_dir() and state.get("scopes") == scopes:
        overlay = (set(state["overlay"]) | changed) & (set(state["base"]) | current)
        if len(overlay & current) <= max(OVERLAY_MIN, OVERLAY_SHARE * len(pages)):
            if changed:  # (the overlay only ever changes by pages rendered anew or removed)
                echo(f"search index (Pagefind): {len(overlay & current)} changed of {len(pages)} page(s)")
                _index(html, sorted(overlay & current), bundle / OVERLAY)
                _module(bundle, pages, {p: state["base"][p] for p in overlay if p in state["base"]})
            else:
                echo("search index (Pagefind): unchanged")
            return {"scopes": scopes, "base": state["base"], "overlay": sorted(overlay)}
    echo(f"search index (Pagefind): all {len(pages)} page(s) in {len(scopes)} index(es)")
    shutil.rmtree(bundle / BASE, ignore_errors=True)
    base = {}
    for scope in scopes:
        _index(html, sorted(p for p, s in pages.items() if s == scope), bundle / BASE / scope)
        base.update(_fragments(bundle / BASE / scope))
    _index(html, [], bundle / OVERLAY)
    _module(bundle, pages, {})
    return {"scopes": scopes, "base": base, "overlay": []}


def _index(html: Path, pages: list[str], out: Path) -> None:
    """Pagefind's bundle of `pages` (paths inside `html`) in `out` (removed when there are none),
    the pages given in sorted order, so that the bundle does not depend on the order a file system
    lists them in (pagefind_service.py); without Pagefind's own interface files."""
    shutil.rmtree(out, ignore_errors=True)
    if not pages:
        return
    out.mkdir(parents=True, exist_ok=True)
    try:
        index_pages(html, pages, out, EXCLUDE, skip=_interface)
    except PagefindError as exc:
        raise SearchIndexError(str(exc)) from None


def _interface(name: str) -> bool:
    """Pagefind's UI files: the site has its own interface."""
    return (name.startswith("pagefind-") and "ui." in name) or name == "pagefind-highlight.js"


def _fragments(bundle: Path) -> dict[str, str]:
    """{HTML path of a page: the id Pagefind gave it} from a bundle's fragments."""
    ids = {}
    for fragment in (bundle / "fragment").iterdir():
        data = gzip.decompress(fragment.read_bytes())
        url = json.loads(data[data.index(b"{"):])["url"].lstrip("/")
        ids[url + "index.html" if url.endswith("/") or not url else url] = fragment.name.removesuffix(".pf_fragment")
    return ids


def _module(bundle: Path, pages: dict[str, str], base: dict[str, str]) -> None:
    """pagefind/pagefind.js: `scope(years)` opens Pagefind (its API, from the first index) on the
    index of SITE or those of the chosen years (`years`: every year with an index) and the
    overlay (js/pagefind-scope.js). Of a page in the base and the overlay, the base's result is
    dropped and its score given to the overlay's result: Pagefind scores each index with its own
    statistics (BM25), and a tiny overlay would rank its pages low; the overlay's pages of years
    not chosen are dropped. `base`: {page: base id} of the pages changed or gone since the base."""
    overlay = _fragments(bundle / OVERLAY) if (bundle / OVERLAY).is_dir() else {}
    was = {overlay[page]: base[page] for page in sorted(overlay) if page in base}
    year_of = {overlay[page]: pages[page] for page in sorted(overlay) if pages[page] != SITE}
    years = sorted(set(pages.values()) - {SITE}, reverse=True)
    write_new(bundle / MODULE, (
        "// Pagefind on the index of every page or, split by year, on those of the chosen years, with\n"
        "// the pages indexed again since (generator/site/search.py): `(await scope(years)).search(term)`.\n"
        f"import {{ createInstance }} from \"./{BASE}/{years[0] if years else SITE}/pagefind.js\";\n"
        f"export const years = {json.dumps(years)};  // the years with an index of their own, newest first\n"
        f"const overlay = {json.dumps(bool(overlay))};\n"
        f"const stale = new Set({json.dumps(sorted(base.values()))});  // base ids of pages changed or gone\n"
        f"const was = new Map(Object.entries({json.dumps(was, sort_keys=True)}));  // overlay id: base id\n"
        f"const yearOf = new Map(Object.entries({json.dumps(year_of, sort_keys=True)}));  // overlay id: its year\n"
        + SCOPE_JS.read_text(encoding="utf-8")
    ).encode("utf-8"))
