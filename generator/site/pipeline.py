"""The steps of a build, each redoing only what changed since the build the cache holds.

packages   (changes.py) hash every package; validate and prepare the changed ones in worker
           processes; the others' summaries come from the cache
dataset    all-facts.csv and compare.csv; the SQLite database in a background thread
pages      render every page that lists packages from the summaries; write the changed ones
mkdocs     render the changed pages (all of them when the navigation or configuration changed)
search     re-index the search shards that hold a changed page
assemble   the output folder as hard links into the cache
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
from generator.site.dataset import all_facts_csv, merge_dbs
from generator.site.downloads import Download, Writer
from generator.site.engine import run_mkdocs, write_config
from generator.site.pages import SiteData, build_pages
from generator.site.render import Page, environment, render_page
from generator.site.search import index_shards, shard_glob, shard_of

REPO = Path(__file__).resolve().parents[2]
THEME = REPO / "theme"
SITE_SRC = REPO / "site_src"
FACTS, DATABASE, COMPARE = "downloads/all-facts.csv", "downloads/transparency.sqlite", "downloads/compare.csv"


@dataclass
class Context:
    cache: BuildCache
    state: dict  # of the build the cache holds
    work: Path  # temporary folder of this build
    jobs: int
    pmap: object  # map over worker processes
    echo: object
    by_province: bool  # search index split by province


def dataset(cache: BuildCache, summaries: list, changed: bool, pool: ThreadPoolExecutor) -> tuple[list[Download], Future]:
    """The whole-data-set downloads, rebuilt when any package changed. The database is merged in a
    thread (its future: done when the file is in place), so the pages do not know its size."""
    names = [s.package.name for s in summaries]
    paths = [cache.files / FACTS, cache.files / DATABASE, cache.files / COMPARE]
    merging = pool.submit(lambda: None)
    if changed or not all(p.exists() for p in paths):
        writer = Writer(cache.files)
        writer.write(FACTS, all_facts_csv([(cache.pieces / f"{n}.csv").read_bytes() for n in names]), "")
        writer.write(COMPARE, compare_csv(summaries), "")
        merging = pool.submit(_merge, [cache.pieces / f"{n}.sqlite" for n in names], paths[1], cache.root / "merging.sqlite")
    return [Download(FACTS, "全部主要数字（facts）CSV", paths[0].stat().st_size),
            Download(DATABASE, "全部数据 SQLite 数据库", None),
            Download(COMPARE, "比较表 CSV", paths[2].stat().st_size)], merging


def _merge(pieces: list[Path], target: Path, tmp: Path) -> None:
    merge_dbs(pieces, tmp)
    os.replace(tmp, target)


def pages(ctx: Context, summaries: list, registry: dict, downloads: list[Download],
          disclosure_pages: set[str], changed: set[str], dirty: set[str]) -> tuple[list, set[str]]:
    """Render the pages that list packages — those about the whole site, and those of a department
    or province in `dirty` (the others list nothing that changed); (nav, every page of the site).
    Adds to `changed`."""
    shards = tuple(sorted({s.package.province_code for s in summaries})) if ctx.by_province else ()
    listed, nav = build_pages(SiteData(summaries, registry, downloads[:2], downloads[2], SITE_SRC, shards))
    env = environment()
    for page in listed:
        target = ctx.cache.docs / page.path
        if page.scope in dirty or page.scope == "site" or not target.exists():
            if write_if_changed(target, render_page(env, page)):
                changed.add(page.path)
    current = {page.path for page in listed} | disclosure_pages
    if ctx.cache.docs.exists():
        for stale in sorted({f.relative_to(ctx.cache.docs).as_posix() for f in ctx.cache.docs.rglob("*.md")} - current):
            changed.add(stale)
            (ctx.cache.docs / stale).unlink()
            (ctx.cache.html / html_of(stale)).unlink(missing_ok=True)
    return nav, current


def html_of(page: str) -> str:
    """The HTML file mkdocs makes of a Markdown page."""
    return Page(page, "", "").url + "index.html"


def mkdocs(ctx: Context, nav: list, current: set[str], changed: set[str]) -> tuple[str, bool]:
    """Render the changed pages, or every page when the configuration (navigation included) changed;
    (configuration hash, whether every page was rendered)."""
    site_url = os.environ.get("SITE_URL", "")
    config = write_config(SITE_SRC / "mkdocs.yml", THEME, ctx.cache.docs, ctx.cache.html, nav, site_url,
                          ctx.cache.root / "mkdocs.yml")
    config_hash = hashlib.sha256(config.read_bytes()).hexdigest()
    full = ctx.state.get("config") != config_hash or not ctx.cache.html.exists()
    chosen = sorted(current) if full else sorted(changed & current)
    ctx.echo(f"mkdocs: {len(chosen)} of {len(current)} pages ({ctx.jobs} job(s))")
    if not chosen:
        return config_hash, full
    if full:
        run_mkdocs(config, ctx.work / "html", ctx.jobs)
        shutil.rmtree(ctx.cache.html, ignore_errors=True)
        os.replace(ctx.work / "html", ctx.cache.html)
    else:
        run_mkdocs(config, ctx.cache.html, ctx.jobs, chosen)
    settle_sitemaps(ctx.cache.html, site_url)
    return config_hash, full


def search(ctx: Context, current: set[str], changed: set[str], full: bool) -> None:
    """Re-index the search shards holding a changed page; drop the bundles of shards that are gone."""
    by_shard: dict[str, list[str]] = {}
    for page in current - {"search.md"}:
        by_shard.setdefault(shard_of(page, ctx.by_province), []).append(html_of(page))
    full = full or ctx.state.get("search_by_province") != ctx.by_province
    todo = set(by_shard) if full else {shard_of(p, ctx.by_province) for p in changed} & set(by_shard)
    todo |= {s for s in by_shard if not (ctx.cache.pagefind / s).exists()}
    bundles = ctx.cache.pagefind
    for gone in (set(os.listdir(bundles)) if bundles.exists() else set()) - set(by_shard):
        shutil.rmtree(bundles / gone)
    ctx.echo(f"search index (Pagefind): {len(todo)} of {len(by_shard)} shard(s)")
    fresh = ctx.work / "pagefind"
    index_shards(ctx.cache.html, {s: shard_glob(s, by_shard["site"], ctx.by_province) for s in todo}, fresh, ctx.jobs)
    bundles.mkdir(parents=True, exist_ok=True)
    for shard in todo:
        shutil.rmtree(bundles / shard, ignore_errors=True)
        os.replace(fresh / shard, bundles / shard)


def link_tree(src: Path, dst: Path, skip: frozenset[str] = frozenset()) -> None:
    """Hard-link every file of `src` (but the paths in `skip`) into `dst`."""
    os.makedirs(dst, exist_ok=True)
    for entry in os.scandir(src):
        target = os.path.join(dst, entry.name)
        if entry.is_dir(follow_symlinks=False):
            link_tree(Path(entry.path), Path(target), skip)
        elif entry.path not in skip:
            os.link(entry.path, target)


def settle_sitemaps(site: Path, site_url: str) -> None:
    """Without a site URL mkdocs' sitemap lists no usable URLs: drop it. With one, drop the build
    date (lastmod) and re-gzip without the temporary file name and time that mkdocs writes."""
    xml, gz = site / "sitemap.xml", site / "sitemap.xml.gz"
    if not site_url:
        xml.unlink(missing_ok=True)
        gz.unlink(missing_ok=True)
        return
    text = re.sub(r"\s*<lastmod>[^<]*</lastmod>", "", xml.read_text(encoding="utf-8"))
    xml.unlink()
    xml.write_text(text, encoding="utf-8")
    gz.unlink()
    gz.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))


def run(ctx: Context, paths: list[Path], registry: dict) -> tuple[Path, dict, dict]:
    """Every step; (the assembled output folder, the state of the new cache, the summaries)."""
    summaries, state, changed, dirty = packages(ctx, paths, registry)
    ctx.echo("whole-data-set files and list pages")
    site, database = ctx.work / "site", ctx.cache.files / DATABASE
    with ThreadPoolExecutor(2) as threads:
        downloads, merging = dataset(ctx.cache, summaries, bool(dirty), threads)
        nav, current = pages(ctx, summaries, registry, downloads, {v["page"] for v in state.values()}, changed, dirty)
        config_hash, full = mkdocs(ctx, nav, current, changed)
        # pages and downloads are final: link them into the output while Pagefind indexes
        linking = threads.submit(lambda: (link_tree(ctx.cache.html, site),
                                          link_tree(ctx.cache.files, site, frozenset({str(database)}))))
        search(ctx, current, changed, full)
        linking.result()
        merging.result()
    ctx.echo("assembling the output")
    os.link(database, site / DATABASE)
    link_tree(ctx.cache.pagefind, site / "pagefind")
    return (site, {"config": config_hash, "packages": state, "search_by_province": ctx.by_province},
            {s.package.name: s for s in summaries})
