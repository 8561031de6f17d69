"""`transparency build` and `serve`: packages → pages → mkdocs → downloads → Pagefind → swap into --out."""
from __future__ import annotations

import functools
import gzip
import http.server
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

from generator.model.codes import CodeList
from generator.model.departments import RegistryError, load_registry
from generator.site.compare import comparison
from generator.site.dataset import all_facts_csv, sqlite_bytes
from generator.site.disclosure import disclosure_page
from generator.site.downloads import Writer, write_package_downloads
from generator.site.engine import EngineError, run_mkdocs, write_config
from generator.model.packages import PackageError, find_packages, read_package
from generator.site.pages import SiteData, build_pages
from generator.site.render import environment, write_page
from generator.site.search import SearchIndexError, index_site
from generator.site.validation import PackageRefused, check

REPO = Path(__file__).resolve().parents[2]
THEME = REPO / "theme"
SITE_SRC = REPO / "site_src"


class BuildError(Exception):
    """The site cannot be built; the message says why, in words a publisher can act on."""


def run_build(data_dir: Path, out_dir: Path, echo=print) -> int:
    """Build the site into `out_dir`; 0 on success, 1 with a message on failure (out_dir untouched)."""
    started = time.monotonic()
    try:
        count = build(Path(data_dir), Path(out_dir), echo)
    except BuildError as exc:
        echo(f"build failed: {exc}")
        return 1
    echo(f"built {out_dir}/ from {count} package(s) in {time.monotonic() - started:.1f} s")
    return 0


def run_serve(data_dir: Path, out_dir: Path, port: int = 8000, echo=print) -> int:
    """Build, then serve `out_dir` on http://127.0.0.1:<port>/ until interrupted."""
    status = run_build(data_dir, out_dir, echo)
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


def _load(data_dir: Path, echo):
    """Read and validate every package; refuse the build if any has errors."""
    paths = find_packages(data_dir / "packages")
    if not paths:
        raise BuildError(f"no packages under {data_dir / 'packages'} (a package is a folder with datapackage.json)")
    echo(f"validating {len(paths)} package(s)")
    codes = CodeList.load()
    loaded, refused = [], []
    for path in paths:
        try:
            findings = check(path, codes)
            loaded.append((read_package(path), findings))
        except PackageRefused as exc:
            refused.append(str(exc))
        except (PackageError, OSError, ValueError, KeyError) as exc:
            refused.append(f"  {path}: cannot be read: {exc}")
    if refused:
        raise BuildError("packages with validation errors; fix them (transparency validate) and build again:\n"
                         + "\n".join(refused))
    return loaded


def _check_out(out_dir: Path, data_dir: Path) -> None:
    out, data = out_dir.resolve(), data_dir.resolve()
    if out == data or out in data.parents or out == REPO or out in REPO.parents:
        raise BuildError(f"--out {out_dir} would replace the data or the project; choose a folder such as site/")
    if out.exists() and any(out.iterdir()) and not (out / "index.html").exists():
        raise BuildError(f"--out {out_dir} exists and does not hold a built site; refusing to replace it")


def build(data_dir: Path, out_dir: Path, echo=print) -> int:
    _check_out(out_dir, data_dir)
    try:
        registry = load_registry(data_dir / "departments.csv") if (data_dir / "departments.csv").exists() else {}
    except RegistryError as exc:
        raise BuildError(str(exc)) from exc
    loaded = _load(data_dir, echo)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".site-tmp-", dir=out_dir.parent))
    try:
        site = _render(loaded, registry, work, echo)
        old = work / "previous"
        if out_dir.exists():
            os.replace(out_dir, old)
        os.replace(site, out_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return len(loaded)


def _render(loaded, registry, work: Path, echo) -> Path:
    docs, site, staged = work / "docs", work / "site", work / "downloads"
    writer = Writer(staged)
    echo("writing downloads")
    disclosures = [disclosure_page(pkg, findings, write_package_downloads(writer, pkg)) for pkg, findings in loaded]
    packages = [pkg for pkg, _ in loaded]
    dataset = [
        writer.write("downloads/all-facts.csv", all_facts_csv(packages), "全部主要数字（facts）CSV"),
        writer.write("downloads/transparency.sqlite", sqlite_bytes(packages, _finding_rows(loaded)), "全部数据 SQLite 数据库"),
    ]
    compared = comparison(disclosures)
    compare_csv = writer.write("downloads/compare.csv", compared.csv, "比较表 CSV")

    site_url = os.environ.get("SITE_URL", "")  # e.g. https://owner.github.io/repo/ (set by the Pages workflow)
    echo("writing pages")
    pages, nav = build_pages(SiteData(disclosures, registry, dataset, compared, compare_csv, SITE_SRC))
    env = environment()
    for page in pages:
        write_page(env, page, docs)
    echo(f"mkdocs: {len(pages)} pages")
    try:
        run_mkdocs(write_config(SITE_SRC / "mkdocs.yml", THEME, docs, site, nav, site_url, work / "mkdocs.yml"))
    except EngineError as exc:
        raise BuildError(str(exc)) from exc
    shutil.copytree(staged / "downloads", site / "downloads")
    _settle_sitemaps(site, site_url)
    echo("search index (Pagefind)")
    try:
        echo("  " + index_site(site))
    except SearchIndexError as exc:
        raise BuildError(str(exc)) from exc
    return site


def _finding_rows(loaded) -> list[tuple[str, tuple]]:
    rows = []
    for pkg, findings in loaded:
        for f in findings:
            figures = "; ".join(f"{g.label} {g.value} ({g.source})" for g in f.figures)
            rows.append((pkg.name, (f.rule, f.message, f.difference, f.tolerance, figures)))
    return rows


def _settle_sitemaps(site: Path, site_url: str) -> None:
    """Without a site URL mkdocs' sitemap lists no usable URLs: drop it. With one, drop the build
    date (lastmod) and re-gzip without the temporary file name and time that mkdocs writes."""
    xml, gz = site / "sitemap.xml", site / "sitemap.xml.gz"
    if not site_url:
        xml.unlink(missing_ok=True)
        gz.unlink(missing_ok=True)
        return
    text = re.sub(r"\s*<lastmod>[^<]*</lastmod>", "", xml.read_text(encoding="utf-8"))
    xml.write_text(text, encoding="utf-8")
    gz.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
