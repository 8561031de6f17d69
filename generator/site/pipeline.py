"""The steps of a build, each redoing only what changed since the build the cache holds.

packages   (changes.py) hash every package; validate and prepare the changed ones in worker
           processes; the others' summaries come from the cache
dataset    all-facts.csv and compare.csv; the SQLite database in a background thread
pages      render every page that lists packages from the summaries; write the changed ones
mkdocs     render the changed pages (all of them when the navigation or configuration changed)
search     index the changed pages into the search overlay (everything, now and then)
output     the output folder: hard links into the cache, made beside it and swapped in (output.py)
"""
from __future__ import annotations

import gzip
import hashlib
import os
import re
import shutil
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from generator.site.cache import BuildCache, write_if_changed
from generator.site.changes import packages
from generator.site.compare import compare_csv
from generator.site.dataset import all_facts_csv, all_findings_csv, all_findings_json, merge_dbs, write_all_tables_zip
from generator.site.downloads import Download, Writer, package_dir
from generator.site.engine import processes, run_mkdocs, write_config
from generator.site.output import publish
from generator.site.pages import SiteData, build_pages
from generator.site.prepare import disclosure_path
from generator.site.render import Page, environment, render_page
from generator.site.search import SITE, Extra, region_name, split, update

REPO = Path(__file__).resolve().parents[2]
THEME = REPO / "theme"
SITE_SRC = REPO / "site_src"
FACTS, DATABASE, COMPARE = "downloads/all-facts.csv", "downloads/transparency.sqlite", "downloads/compare.csv"
FINDINGS_CSV, FINDINGS_JSON, TABLES = "downloads/findings.csv", "downloads/findings.json", "downloads/all-tables.zip"


@dataclass
class Context:
    cache: BuildCache
    state: dict  # of the build the cache holds
    work: Path  # temporary folder of this build
    jobs: int
    pmap: object  # map over worker processes
    echo: object


def dataset(cache: BuildCache, summaries: list, changed: bool, pool: ThreadPoolExecutor) -> tuple[list[Download], Future]:
    """The whole-data-set downloads, rebuilt when any package changed, the compare table last. The
    database is merged in a thread (its future: done when the file is in place), so the pages do
    not know its size."""
    names = [summary.package.name for summary in summaries]
    dirs = [package_dir(summary.package) for summary in summaries]
    files = (FACTS, DATABASE, FINDINGS_CSV, FINDINGS_JSON, TABLES, COMPARE)
    merging = pool.submit(lambda: None)
    if changed or not all((cache.files / file).exists() for file in files):
        writer = Writer(cache.files)
        facts = writer.write(FACTS, all_facts_csv([(cache.pieces / f"{name}.csv").read_bytes() for name in names]), "")
        findings = [(FINDINGS_CSV, all_findings_csv([(cache.files / folder / "findings.csv").read_bytes() for folder in dirs])),
                    (FINDINGS_JSON, all_findings_json([(cache.files / folder / "findings.json").read_bytes() for folder in dirs]))]
        for path, data in findings:
            writer.write(path, data, "")
        write_all_tables_zip(cache.files / TABLES, [(f"{summary.package.department_id}/{summary.package.slug}.zip",
                                                    cache.files / folder / f"{summary.package.name}-tables.zip")
                                                   for summary, folder in zip(summaries, dirs)],
                             (cache.files / facts.path).read_bytes(), [(Path(file_path).name, data) for file_path, data in findings])
        writer.write(COMPARE, compare_csv(summaries), "")
        merging = pool.submit(_merge, [cache.pieces / f"{name}.sqlite" for name in names], cache.files / DATABASE,
                              cache.root / "merging.sqlite")
    size = lambda path: (cache.files / path).stat().st_size  # noqa: E731
    return [Download(TABLES, "全部表格 ZIP（每份公开文件的各表 CSV 与 XLSX、核对发现、说明与许可）", size(TABLES)),
            Download(FACTS, "全部主要数字（facts）CSV", size(FACTS)),
            Download(FINDINGS_CSV, "全部核对发现 CSV", size(FINDINGS_CSV)),
            Download(FINDINGS_JSON, "全部核对发现 JSON", size(FINDINGS_JSON)),
            Download(DATABASE, "全部数据 SQLite 数据库", None),
            Download(COMPARE, "比较表 CSV", size(COMPARE))], merging


def _merge(pieces: list[Path], target: Path, tmp: Path) -> None:
    merge_dbs(pieces, tmp)
    os.replace(tmp, target)


def pages(ctx: Context, summaries: list, registry: dict, downloads: list[Download],
          disclosure_pages: set[str], changed: set[str], dirty: set[str]) -> tuple[list, set[str], set[str]]:
    """Render the pages that list packages — those about the whole site, and those of a department
    or province in `dirty` (the others list nothing that changed); (nav, every page of the site,
    the pages search leaves out). Adds to `changed`."""
    listed, nav = build_pages(SiteData(summaries, registry, downloads[:-1], downloads[-1], SITE_SRC))
    env = environment()
    for page in listed:
        target = ctx.cache.docs / page.path
        if page.scope in dirty or page.scope == "site" or not target.exists():
            if write_if_changed(target, render_page(env, page)):
                changed.add(page.path)
    current = {page.path for page in listed} | disclosure_pages
    if ctx.cache.docs.exists():
        for stale in sorted({path.relative_to(ctx.cache.docs).as_posix() for path in ctx.cache.docs.rglob("*.md")} - current):
            changed.add(stale)
            (ctx.cache.docs / stale).unlink()
            (ctx.cache.html / html_of(stale)).unlink(missing_ok=True)
    return nav, current, {page.path for page in listed if not page.searchable}


def html_of(page: str) -> str:
    """The HTML file mkdocs makes of a Markdown page."""
    return Page(page, "", "").url + "index.html"


def mkdocs(ctx: Context, nav: list, current: set[str], changed: set[str]) -> str:
    """Render the changed pages, or every page when the configuration (navigation included) changed;
    the configuration hash."""
    site_url = os.environ.get("SITE_URL", "")
    config = write_config(SITE_SRC / "mkdocs.yml", THEME, ctx.cache.docs, ctx.cache.html, nav, site_url,
                          ctx.cache.root / "mkdocs.yml")
    config_hash = hashlib.sha256(config.read_bytes()).hexdigest()
    full = ctx.state.get("config") != config_hash or not ctx.cache.html.exists()
    chosen = sorted(current) if full else sorted(changed & current)
    jobs = processes(len(chosen), ctx.jobs)
    ctx.echo(f"mkdocs: {len(chosen)} of {len(current)} pages ({jobs} job(s))")
    if not chosen:
        return config_hash
    if full:
        run_mkdocs(config, ctx.work / "html", jobs)
        shutil.rmtree(ctx.cache.html, ignore_errors=True)
        os.replace(ctx.work / "html", ctx.cache.html)
    else:
        run_mkdocs(config, ctx.cache.html, jobs, chosen)
    settle_sitemaps(ctx.cache.html, site_url)
    return config_hash


def search(ctx: Context, searched: set[str], changed: set[str], summaries: list, registry: dict) -> dict:
    """Bring the search bundle up to date with the pages to search (search.py): one index of
    them all, or on a large site, one per fiscal year, the pages of no year in the latest's;
    each disclosure's page with its filters (year, kind, region) and its rows record; its new state."""
    years = {disclosure_path(summary.package.department_id, summary.package.slug): str(summary.package.year)
             for summary in summaries} if split(len(summaries)) else {}
    newest = max(years.values(), default=SITE)
    pages = {html_of(page): years.get(page, newest) for page in sorted(searched)}
    extra = {html_of(disclosure_path(summary.package.department_id, summary.package.slug)): Extra(
        {"year": str(summary.package.year), "kind": summary.package.kind_name, "region": region_name(registry, summary.package.department_id)},
        ctx.cache.pieces / f"{summary.package.name}.rows.json") for summary in summaries}
    return update(ctx.cache.html, ctx.cache.pagefind, pages, {html_of(page) for page in changed}, ctx.state.get("search"),
                  ctx.echo, extra)


def settle_sitemaps(site: Path, site_url: str) -> None:
    """Without a site URL mkdocs' sitemap lists no usable URLs: drop it. With one, drop the build
    date (lastmod) and re-gzip without the temporary file name and time that mkdocs writes."""
    xml, gzipped = site / "sitemap.xml", site / "sitemap.xml.gz"
    if not site_url:
        xml.unlink(missing_ok=True)
        gzipped.unlink(missing_ok=True)
        return
    text = re.sub(r"\s*<lastmod>[^<]*</lastmod>", "", xml.read_text(encoding="utf-8"))
    xml.unlink()
    xml.write_text(text, encoding="utf-8")
    gzipped.unlink()
    gzipped.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))


def run(ctx: Context, paths: list[Path], registry: dict, out: Path) -> tuple[dict, dict]:
    """Every step, then the output folder brought up to date; (the state of the new cache, the summaries)."""
    summaries, state, changed, dirty = packages(ctx, paths, registry)
    ctx.echo("whole-data-set files and list pages")
    with ThreadPoolExecutor(1) as thread:
        downloads, merging = dataset(ctx.cache, summaries, bool(dirty), thread)
        nav, current, unsearched = pages(ctx, summaries, registry, downloads, {entry["page"] for entry in state.values()},
                                         changed, dirty)
        config_hash = mkdocs(ctx, nav, current, changed)
        search_state = search(ctx, current - unsearched, changed, summaries, registry)
        merging.result()
    ctx.echo("updating the output folder")
    publish(out, [(ctx.cache.html, ""), (ctx.cache.files, ""), (ctx.cache.pagefind, "pagefind/")])
    return {"config": config_hash, "packages": state, "search": search_state}, {summary.package.name: summary for summary in summaries}
