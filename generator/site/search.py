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

Not indexed on the page: amounts in table cells, headline cards, charts, the download lists of a
disclosure, its findings but for their messages (numbers and generated text), and the rows of its
tables but the project list. Which pages are indexed at all is the pages' `searchable`
(render.Page). The search page's interface is theme/assets/js/search.js.

Table rows are found through one more record per disclosure (`rows_record`, made when the package
is prepared): its tables' titles and each row's code and name, `url` the page's #tables, and in
its meta every row's anchor, table, code and name, so that a result links to the row holding the
figure (one record a disclosure, not one a row: Pagefind's metadata, which every query loads,
lists every record). Every disclosure's page and record carry the filters year, kind and region
(`Extra`), added to the page's HTML as it is given to Pagefind.
"""
from __future__ import annotations

import gzip
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import escape

from generator.model.packages import Package
from generator.site.cache import write_new
from generator.site.downloads import table_title
from generator.site.pagefind_service import PagefindError, index_pages
from generator.site.table_view import row_anchor

EXCLUDE = ["td.num", ".tp-cards", ".tp-chart", ".tp-findings > p", ".tp-finding .tp-scroll", ".tp-finding__diff",
           ".tp-source", ".tp-tablebox__meta", ".tp-hint"]
BASE, OVERLAY, MODULE = "base", "overlay", "pagefind.js"
SITE = "site"  # the one index of every page, until split by year
OVERLAY_SHARE = 0.05  # of the pages: past it (and past OVERLAY_MIN pages), index everything again
OVERLAY_MIN = 50
SCOPE_JS = Path(__file__).with_name("js") / "pagefind-scope.js"  # the body of pagefind.js
SPLIT_ABOVE = 5000  # disclosures: past it, one index per fiscal year
ROWS = "#tables"  # the rows record's anchor: the tables' section of the disclosure page
LANGUAGE = "zh-cn"  # the pages' language, in which Pagefind indexes them (a record in another would be apart)
LABEL_FIELDS = ("code", "name", "item", "project", "term")  # what names a row of a known table
CELL_CHARS = 40  # of a text cell of a table kept as printed


@dataclass(frozen=True)
class Extra:
    """What a disclosure's page adds to the index: its filters and its rows record (JSON file)."""

    filters: dict[str, str] = field(default_factory=dict)  # year, kind, region
    rows: Path | None = None


def region_name(registry: dict, department_id: str) -> str:
    """The region filter of a department's disclosures: the province it is registered in, else 其他."""
    department = registry.get(department_id)
    return (department.province if department else "") or "其他"


def filter_values(disclosures: list, registry: dict) -> dict[str, list[str]]:
    """The values of each filter the search page offers: years newest first, kinds, regions."""
    return {"year": [str(year) for year in sorted({disclosure.package.year for disclosure in disclosures}, reverse=True)],
            "kind": sorted({disclosure.package.kind_name for disclosure in disclosures}),
            "region": sorted({region_name(registry, disclosure.package.department_id) for disclosure in disclosures})}


def rows_record(package: Package) -> dict:
    """The rows record of a disclosure: content (each table's title, then each row's code and
    name) and meta (title; rows: JSON [[table title, resource, [[anchor's tail, code, name] …]] …],
    a row's anchor being `<resource>-r<tail>`, table_view.row_anchor)."""
    content, tables = [], []
    for res in package.resources:
        if not res.table or not res.rows:
            continue
        caption, rows = table_title(res), []
        content.append(caption + "。")
        known = [field.name for field in res.fields if field.name in LABEL_FIELDS]
        text = [field.name for field in res.fields if field.type == "string" and field.name not in ("side", "line", "unit")]
        for index, row in enumerate(res.rows):
            cells = [cell_text[:CELL_CHARS] for name in (known or text) if (cell_text := row.get(name, "").strip())]
            if not cells:
                continue
            code = row.get("code", "").strip()
            anchor = row_anchor(res.name, row.get("row") or str(index + 1), row.get("side", ""))
            rows.append([anchor.removeprefix(res.name + "-r"), code, " ".join(cell_text for cell_text in cells if cell_text != code)])
            content.append(" ".join(cells) + "。")
        tables.append([caption, res.name, rows])
    return {"content": "\n".join(content), "meta": {"title": f"{package.title} · 表格",
                                                     "rows": json.dumps(tables, ensure_ascii=False, separators=(",", ":"))}}


def split(disclosures: int) -> bool:
    """Whether a site of this many disclosures has one search index per fiscal year."""
    return disclosures > SPLIT_ABOVE


class SearchIndexError(RuntimeError):
    """Pagefind failed."""


def update(html: Path, bundle: Path, pages: dict[str, str], changed: set[str], state: dict | None, echo,
           extra: dict[str, Extra] | None = None) -> dict:
    """Bring the search bundle in `bundle` up to date with the built pages; `pages`: {HTML path
    inside `html`: its scope, a fiscal year or SITE}, `changed`: the pages rendered anew since the
    last build, `state`: what the last build left (None: index everything), `extra`: the filters and
    rows record of the disclosures' pages. Returns the new state."""
    extra = extra or {}
    scopes, current = sorted(set(pages.values())), set(pages)
    if state and (bundle / BASE).is_dir() and state.get("scopes") == scopes:
        overlay = (set(state["overlay"]) | changed) & (set(state["base"]) | current)
        if len(overlay & current) <= max(OVERLAY_MIN, OVERLAY_SHARE * len(pages)):
            if changed:  # (the overlay only ever changes by pages rendered anew or removed)
                echo(f"search index (Pagefind): {len(overlay & current)} changed of {len(pages)} page(s)")
                _index(html, sorted(overlay & current), bundle / OVERLAY, extra)
                _module(bundle, pages, {key: state["base"][key] for page in overlay for key in (page, page + ROWS)
                                        if key in state["base"]})
            else:
                echo("search index (Pagefind): unchanged")
            return {"scopes": scopes, "base": state["base"], "overlay": sorted(overlay)}
    echo(f"search index (Pagefind): all {len(pages)} page(s) in {len(scopes)} index(es)")
    shutil.rmtree(bundle / BASE, ignore_errors=True)
    base = {}
    for scope in scopes:
        _index(html, sorted(page for page, page_scope in pages.items() if page_scope == scope), bundle / BASE / scope, extra)
        base.update(_fragments(bundle / BASE / scope))
    _index(html, [], bundle / OVERLAY, extra)
    _module(bundle, pages, {})
    return {"scopes": scopes, "base": base, "overlay": []}


def _index(html: Path, pages: list[str], out: Path, extra: dict[str, Extra]) -> None:
    """Pagefind's bundle of `pages` (paths inside `html`) and their rows records in `out` (removed
    when there are none), the pages given in sorted order, so that the bundle does not depend on
    the order a file system lists them in (pagefind_service.py); without Pagefind's own interface
    files."""
    shutil.rmtree(out, ignore_errors=True)
    if not pages:
        return
    out.mkdir(parents=True, exist_ok=True)
    records = []
    for page in pages:
        page_extra = extra.get(page)
        if page_extra and page_extra.rows and page_extra.rows.exists():
            record = json.loads(page_extra.rows.read_text(encoding="utf-8"))
            if record["content"]:
                records.append({"url": "/" + _url(page) + ROWS, "language": LANGUAGE, **record,
                                "filters": {key: [value] for key, value in page_extra.filters.items()}})
    try:
        index_pages(html, pages, out, EXCLUDE, skip=_interface, records=records,
                    contents=lambda page, text: _with_filters(text, extra.get(page)))
    except PagefindError as exc:
        raise SearchIndexError(str(exc)) from None


def _url(page: str) -> str:
    """The URL path Pagefind gives the HTML file `page` (without the leading /)."""
    return page.removesuffix("index.html")


BODY = "<div data-pagefind-body>"


def _with_filters(text: str, page_extra: Extra | None) -> str:
    """The page's HTML with its filters as Pagefind reads them (empty elements, not shown)."""
    if not page_extra or not page_extra.filters or BODY not in text:
        return text
    marks = "".join(f'<span data-pagefind-filter="{escape(key)}:{escape(value.replace(",", "，"))}"></span>'
                    for key, value in page_extra.filters.items())
    return text.replace(BODY, BODY + marks, 1)


def _interface(name: str) -> bool:
    """Pagefind's UI files: the site has its own interface."""
    return (name.startswith("pagefind-") and "ui." in name) or name == "pagefind-highlight.js"


def _fragments(bundle: Path) -> dict[str, str]:
    """{HTML path of a page (+ ROWS for its rows record): the id Pagefind gave it} from a bundle's fragments."""
    ids = {}
    for fragment in (bundle / "fragment").iterdir():
        data = gzip.decompress(fragment.read_bytes())
        url, _, anchor = json.loads(data[data.index(b"{"):])["url"].lstrip("/").partition("#")
        page = url + "index.html" if url.endswith("/") or not url else url
        ids[page + ("#" + anchor if anchor else "")] = fragment.name.removesuffix(".pf_fragment")
    return ids


def _module(bundle: Path, pages: dict[str, str], base: dict[str, str]) -> None:
    """pagefind/pagefind.js: `scope(years)` opens Pagefind (its API, from the first index) on the
    index of SITE or those of the chosen years (`years`: every year with an index) and the
    overlay (js/pagefind-scope.js). Of a page in the base and the overlay, the base's result is
    dropped and its score given to the overlay's result: Pagefind scores each index with its own
    statistics (BM25), and a tiny overlay would rank its pages low; the overlay's pages of years
    not chosen are dropped. `base`: {page: base id} of the pages changed or gone since the base."""
    overlay = _fragments(bundle / OVERLAY) if (bundle / OVERLAY).is_dir() else {}
    again = set(overlay.values())  # an unchanged record indexed again keeps its id (a hash of its content)
    was = {overlay[page]: base[page] for page in sorted(overlay) if page in base and base[page] not in again}
    year_of = {overlay[key]: pages[page] for key in sorted(overlay) if pages[page := key.split("#")[0]] != SITE}
    years = sorted(set(pages.values()) - {SITE}, reverse=True)
    write_new(bundle / MODULE, (
        "// Pagefind on the index of every page or, split by year, on those of the chosen years, with\n"
        "// the pages indexed again since (generator/site/search.py): `(await scope(years)).search(term)`.\n"
        f"import {{ createInstance }} from \"./{BASE}/{years[0] if years else SITE}/pagefind.js\";\n"
        f"export const years = {json.dumps(years)};  // the years with an index of their own, newest first\n"
        f"const overlay = {json.dumps(bool(overlay))};\n"
        f"const stale = new Set({json.dumps(sorted(set(base.values()) - again))});  // base ids of pages changed or gone\n"
        f"const was = new Map(Object.entries({json.dumps(was, sort_keys=True)}));  // overlay id: base id\n"
        f"const yearOf = new Map(Object.entries({json.dumps(year_of, sort_keys=True)}));  // overlay id: its year\n"
        + SCOPE_JS.read_text(encoding="utf-8")
    ).encode("utf-8"))
