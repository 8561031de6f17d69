"""`transparency build` and `serve`: packages → pages → mkdocs → downloads → Pagefind → swap into --out.

Builds are parallel (`jobs` processes) and incremental: a cache beside --out (cache.py) keeps what
the last build made from each package, keyed by content hashes (fingerprint.py). Only changed
packages are validated and prepared again; the pages listing packages are re-rendered from the
cached summaries, and mkdocs and Pagefind redo only the pages, and the search shards, that
changed. A change to the code, templates, theme or tools rebuilds everything. The output is the
same, byte for byte, as a build from nothing.
"""
from __future__ import annotations

import functools
import gzip
import hashlib
import http.server
import os
import re
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import astuple
from pathlib import Path

from generator.model.departments import RegistryError, load_registry
from generator.model.packages import find_packages
from generator.site.cache import BuildCache, write_if_changed
from generator.site.compare import compare_csv
from generator.site.dataset import all_facts_csv, merge_dbs
from generator.site.downloads import Download, Writer, package_dir
from generator.site.engine import EngineError, run_mkdocs, write_config
from generator.site.fingerprint import code_fingerprint, package_fingerprint
from generator.site.pages import SiteData, build_pages, search_shard
from generator.site.prepare import Job, disclosure_path, prepare, validate
from generator.site.render import Page, environment, render_page
from generator.site.search import SearchIndexError, index_shards, shard_glob

REPO = Path(__file__).resolve().parents[2]
THEME = REPO / "theme"
SITE_SRC = REPO / "site_src"
DATASET = (("downloads/all-facts.csv", "全部主要数字（facts）CSV"), ("downloads/transparency.sqlite", "全部数据 SQLite 数据库"))


class BuildError(Exception):
    """The site cannot be built; the message says why, in words a publisher can act on."""


def run_build(data_dir: Path, out_dir: Path, echo=print, jobs: int | None = None, clean: bool = False) -> int:
    """Build the site into `out_dir`; 0 on success, 1 with a message on failure (out_dir untouched)."""
    started = time.monotonic()
    try:
        count = build(Path(data_dir), Path(out_dir), echo, jobs, clean)
    except BuildError as exc:
        echo(f"build failed: {exc}")
        return 1
    echo(f"built {out_dir}/ from {count} package(s) in {time.monotonic() - started:.1f} s")
    return 0


def run_serve(data_dir: Path, out_dir: Path, port: int = 8000, echo=print, jobs: int | None = None) -> int:
    """Build, then serve `out_dir` on http://127.0.0.1:<port>/ until interrupted."""
    status = run_build(data_dir, out_dir, echo, jobs)
    if status:
        return status
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out_dir))
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as exc:
        echo(f"cannot serve on port {port}: {exc.strerror}; choose another with --port")
        return 1
    with server:
        echo(f"serving {out_dir}/ at http://127.0.0.1:{port}/ (Ctrl-C to stop)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


def cache_dir(out_dir: Path) -> Path:
    """The build cache of an output folder: a hidden folder beside it."""
    return out_dir.parent / f".{out_dir.name}-build-cache"


def _check_out(out_dir: Path, data_dir: Path) -> None:
    out, data = out_dir.resolve(), data_dir.resolve()
    if out == data or out in data.parents or out == REPO or out in REPO.parents:
        raise BuildError(f"--out {out_dir} would replace the data or the project; choose a folder such as site/")
    if out.exists() and any(out.iterdir()) and not (out / "index.html").exists():
        raise BuildError(f"--out {out_dir} exists and does not hold a built site; refusing to replace it")


@contextmanager
def _pool(jobs: int):
    """`map` over worker processes (in this process when jobs is 1)."""
    if jobs <= 1:
        yield lambda fn, *its: list(map(fn, *its))
        return
    with ProcessPoolExecutor(jobs) as pool:
        yield lambda fn, *its: list(pool.map(fn, *its, chunksize=8))


def build(data_dir: Path, out_dir: Path, echo=print, jobs: int | None = None, clean: bool = False) -> int:
    _check_out(out_dir, data_dir)
    try:
        registry = load_registry(data_dir / "departments.csv") if (data_dir / "departments.csv").exists() else {}
    except RegistryError as exc:
        raise BuildError(str(exc)) from exc
    paths = find_packages(data_dir / "packages")
    if not paths:
        raise BuildError(f"no packages under {data_dir / 'packages'} (a package is a folder with datapackage.json)")
    jobs = jobs or os.cpu_count() or 1
    start = time.monotonic()
    echo = functools.partial(_timed, echo, start)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    cache = BuildCache(cache_dir(out_dir))
    code = code_fingerprint()
    state = cache.open(code, clean)
    work = Path(tempfile.mkdtemp(prefix=".site-tmp-", dir=out_dir.parent))
    try:
        with _pool(jobs) as pmap:
            state = {"code": code, **_build(paths, registry, cache, state, work, jobs, pmap, echo)}
        echo("assembling the output")
        site = _assemble(cache, work / "site")
        old = work / "previous"
        if out_dir.exists():
            os.replace(out_dir, old)
        os.replace(site, out_dir)
        cache.save(state)
    finally:
        cache.close()
        shutil.rmtree(work, ignore_errors=True)
    return len(paths)


def _timed(echo, start: float, message: str) -> None:
    """Progress with the time since the build started."""
    echo(f"{time.monotonic() - start:7.1f} s  {message}")


def _fingerprint(args) -> str:
    return package_fingerprint(*args)


def _validate(path: Path):
    return validate(path)


def _prepare(args):
    return prepare(*args)


def _build(paths, registry, cache: BuildCache, state: dict, work: Path, jobs: int, pmap, echo) -> dict:
    departments = {p: registry.get(p.parent.name) for p in paths}
    rels = {p: p.relative_to(p.parents[1]).as_posix() for p in paths}
    hashes = dict(zip(paths, pmap(_fingerprint, [(p, astuple(departments[p]) if departments[p] else ()) for p in paths])))
    known = state.get("packages", {})
    changed = [p for p in paths if known.get(rels[p], {}).get("hash") != hashes[p]]
    removed = [v for k, v in known.items() if k not in set(rels.values())]
    echo(f"validating {len(changed)} of {len(paths)} package(s) ({len(paths) - len(changed)} unchanged)")
    results = pmap(_validate, changed)
    refused = [text for _, text in results if text]
    if refused:
        raise BuildError("packages with validation errors; fix them (transparency validate) and build again:\n"
                         + "\n".join(refused))

    cache.begin()
    for old in removed:
        _forget(cache, old["name"], old["dir"])
    echo(f"preparing {len(changed)} package(s): downloads, pages ({jobs} job(s))")
    jobs_ = [(Job(p, departments[p].name if departments[p] else "", cache.root), findings)
             for p, (findings, _) in zip(changed, results)]
    prepared = dict(zip(changed, pmap(_prepare, jobs_)))
    summaries, changed_pages = [], {old["page"] for old in removed}
    packages = {}
    for p in paths:
        if p in prepared:
            summary, page_changed = prepared[p]
            if page_changed:
                changed_pages.add(disclosure_path(summary.package.department_id, summary.package.slug))
        else:
            summary = cache.load_summary(known[rels[p]]["name"])
        summaries.append(summary)
        packages[rels[p]] = {"hash": hashes[p], "name": summary.package.name,
                             "dir": package_dir(summary.package), "page": disclosure_path(summary.package.department_id, summary.package.slug)}

    echo("whole-data-set files and list pages")
    dataset = _dataset(cache, summaries, bool(changed or removed))
    pages, nav = build_pages(SiteData(summaries, registry, dataset[:2], dataset[2], SITE_SRC,
                                      tuple(sorted({s.package.province_code for s in summaries}))))
    env = environment()
    for page in pages:
        if write_if_changed(cache.docs / page.path, render_page(env, page)):
            changed_pages.add(page.path)
    current = {page.path for page in pages} | {v["page"] for v in packages.values()}
    for stale in _stale_docs(cache.docs, current):
        changed_pages.add(stale)
        (cache.docs / stale).unlink()
        _unlink_html(cache.html, stale)

    config_file = write_config(SITE_SRC / "mkdocs.yml", THEME, cache.docs, cache.html, nav,
                               os.environ.get("SITE_URL", ""), work / "mkdocs.yml")
    config_hash = hashlib.sha256(config_file.read_bytes()).hexdigest()
    full = state.get("config") != config_hash or not cache.html.exists()
    rendered = sorted(current) if full else sorted(changed_pages & current)
    echo(f"mkdocs: {len(rendered)} of {len(current)} pages ({jobs} job(s))")
    try:
        if full:
            run_mkdocs(config_file, work / "html", jobs)
            shutil.rmtree(cache.html, ignore_errors=True)
            os.replace(work / "html", cache.html)
        else:
            run_mkdocs(config_file, cache.html, jobs, rendered)
    except EngineError as exc:
        raise BuildError(str(exc)) from exc
    _settle_sitemaps(cache.html, os.environ.get("SITE_URL", ""))

    shards = _reindex(cache, current, changed_pages, full, jobs, echo)
    return {"config": config_hash, "packages": packages, "shards": shards}


def _forget(cache: BuildCache, name: str, folder: str) -> None:
    """Drop what the cache holds of a package that is gone."""
    cache.summary_path(name).unlink(missing_ok=True)
    for suffix in (".csv", ".sqlite"):
        (cache.pieces / f"{name}{suffix}").unlink(missing_ok=True)
    shutil.rmtree(cache.files / folder, ignore_errors=True)


def _stale_docs(docs: Path, current: set[str]) -> list[str]:
    if not docs.exists():
        return []
    return sorted(p for p in (f.relative_to(docs).as_posix() for f in docs.rglob("*.md")) if p not in current)


def _html_of(page: str) -> str:
    url = Page(page, "", "").url
    return url + "index.html"


def _unlink_html(html: Path, page: str) -> None:
    target = html / _html_of(page)
    target.unlink(missing_ok=True)


def _dataset(cache: BuildCache, summaries: list, changed: bool) -> list[Download]:
    """all-facts.csv, the SQLite database and compare.csv, rebuilt when any package changed."""
    names = [s.package.name for s in summaries]
    targets = [cache.files / path for path, _ in DATASET] + [cache.files / "downloads/compare.csv"]
    if changed or not all(t.exists() for t in targets):
        writer = Writer(cache.files)
        writer.write(DATASET[0][0], all_facts_csv([(cache.pieces / f"{n}.csv").read_bytes() for n in names]), "")
        merge_dbs([cache.pieces / f"{n}.sqlite" for n in names], targets[1])
        writer.write("downloads/compare.csv", compare_csv(summaries), "")
    labels = [label for _, label in DATASET] + ["比较表 CSV"]
    return [Download(t.relative_to(cache.files).as_posix(), label, t.stat().st_size) for t, label in zip(targets, labels)]


def _reindex(cache: BuildCache, current: set[str], changed_pages: set[str], full: bool, jobs: int, echo) -> list[str]:
    """Re-index the search shards holding a changed page; drop the bundles of shards that are gone."""
    by_shard: dict[str, list[str]] = {}
    for page in current - {"search.md"}:  # the search page's examples are no search result
        by_shard.setdefault(search_shard(page), []).append(_html_of(page))
    todo = set(by_shard) if full else {search_shard(p) for p in changed_pages} & set(by_shard)
    todo |= {s for s in by_shard if not (cache.pagefind / s).exists()}
    if cache.pagefind.exists():
        for gone in set(os.listdir(cache.pagefind)) - set(by_shard):
            shutil.rmtree(cache.pagefind / gone)
    echo(f"search index (Pagefind): {len(todo)} of {len(by_shard)} shard(s)")
    fresh = cache.root / "pagefind-new"
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        globs = {s: shard_glob(s, by_shard["site"]) for s in todo}
        for shard, summary in index_shards(cache.html, globs, fresh, jobs).items():
            shutil.rmtree(cache.pagefind / shard, ignore_errors=True)
            cache.pagefind.mkdir(parents=True, exist_ok=True)
            os.replace(fresh / shard, cache.pagefind / shard)
    except SearchIndexError as exc:
        raise BuildError(str(exc)) from exc
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    return sorted(by_shard)


def _assemble(cache: BuildCache, site: Path) -> Path:
    """The output folder as hard links to the cache: pages, downloads, search bundles."""
    for src, dst in ((cache.html, site), (cache.files, site), (cache.pagefind, site / "pagefind")):
        for folder, _, names in os.walk(src):
            target = dst / Path(folder).relative_to(src)
            target.mkdir(parents=True, exist_ok=True)
            for name in names:
                os.link(Path(folder) / name, target / name)
    return site


def _settle_sitemaps(site: Path, site_url: str) -> None:
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
