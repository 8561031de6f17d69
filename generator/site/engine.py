"""Run mkdocs (with mkdocs-material and the theme overrides) on the generated pages.

mkdocs renders one page after another. To use every core, `run_mkdocs` starts one mkdocs process
per job on the same configuration: each reads the whole file list and navigation (so every page
sees the same nav) but converts and writes only its share of the pages, into a folder of its own;
the folders are then merged. The same mechanism renders only the pages that changed. A process
costs ~0.35 s to start (Python, mkdocs, the theme), the time of ~20 pages, so a few pages go to
fewer processes than there are jobs.
"""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

SOURCE_DATE_EPOCH = "315532800"  # 1980-01-01: fixed, so the build does not depend on the clock
PAGES_PER_PROCESS = 40  # fewer pages than this per job: fewer processes


class EngineError(RuntimeError):
    """mkdocs failed."""


def write_config(base: Path, theme_dir: Path, docs_dir: Path, site_dir: Path, nav: list, site_url: str,
                 out: Path) -> Path:
    """Write the full mkdocs.yml: the base of site_src/ plus paths, the site URL and the generated nav."""
    config = yaml.safe_load(base.read_text(encoding="utf-8"))
    if site_url:
        config["site_url"] = site_url
    config["docs_dir"] = str(docs_dir.resolve())
    config["site_dir"] = str(site_dir.resolve())
    config["theme"]["custom_dir"] = str(theme_dir.resolve())
    config["hooks"] = [str(Path(__file__).with_name("mkdocs_hooks.py"))]
    config["nav"] = nav
    # JSON is YAML: one line, every string quoted, so no title can be read as YAML syntax.
    out.write_text(json.dumps(config, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return out


def processes(pages: int, jobs: int) -> int:
    """The mkdocs processes that render `pages` pages with `jobs` jobs."""
    return max(1, min(jobs, -(-pages // PAGES_PER_PROCESS)))


def run_mkdocs(config_file: Path, out: Path, jobs: int = 1, pages: list[str] | None = None) -> None:
    """Render into `out` every page (`pages` None: also the theme's static files) or only the
    given pages (paths inside docs_dir), split over `jobs` mkdocs processes."""
    chosen = sorted(pages) if pages is not None else None
    jobs = max(1, jobs)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)
    work = (out.parent / f".{out.name}-shards").resolve()  # mkdocs reads relative paths from its config's folder
    procs = []
    for index in range(jobs):
        spec = {"config": str(config_file), "site_dir": str(work / str(index)), "shard": index, "of": jobs,
                "pages": chosen, "static": index == 0 and chosen is None, "templates": index == 0,
                "parent": os.getpid()}
        procs.append(subprocess.Popen([sys.executable, "-m", "generator.site.engine", json.dumps(spec)],
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env))
    failures = []
    try:
        for proc in procs:
            stdout, stderr = proc.communicate()
            if proc.returncode != 0:
                failures.append(f"{stdout}\n{stderr}".strip())
    finally:  # interrupted: stop the others now (they also die with this process: lifeline.py)
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    if failures:
        raise EngineError("mkdocs build failed:\n" + "\n".join(failures))
    for index in range(jobs):
        _merge(work / str(index), out)
    os.rmdir(work)


def _merge(src: Path, dst: Path) -> None:
    """Move every file of `src` into `dst` (replacing; new files, so hard links elsewhere stay intact)."""
    for folder, _, names in os.walk(src, topdown=False):
        target = dst / Path(folder).relative_to(src)
        target.mkdir(parents=True, exist_ok=True)
        for name in names:
            os.replace(Path(folder) / name, target / name)
        os.rmdir(folder)


def _shard(spec: dict) -> None:
    """One mkdocs process: full nav, only its own pages (and the static files if asked)."""
    from mkdocs.commands import build as mk
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    chosen = set(spec["pages"]) if spec["pages"] is not None else None

    def mine(uri: str) -> bool:
        if chosen is not None and uri not in chosen:
            return False
        return hash_shard(uri, spec["of"]) == spec["shard"]

    populate, render, template = mk._populate_page, mk._build_page, mk._build_theme_template
    mk._populate_page = lambda page, *args, **kwargs: (populate(page, *args, **kwargs) if mine(page.file.src_uri)
                                                       else None)
    mk._build_page = lambda page, *args, **kwargs: render(page, *args, **kwargs) if mine(page.file.src_uri) else None
    mk._build_theme_template = lambda *args, **kwargs: template(*args, **kwargs) if spec["templates"] else None
    if not spec["static"]:
        Files.copy_static_files = lambda self, *args, **kwargs: None
    # The configuration is JSON (write_config): read as such, not by PyYAML's slow pure-Python parser.
    options = json.loads(Path(spec["config"]).read_text(encoding="utf-8"))
    options.update(strict=True, site_dir=spec["site_dir"])
    config = load_config(io.StringIO("{}"), config_file_path=spec["config"], **options)
    mk.build(config)


def hash_shard(uri: str, count: int) -> int:
    """The process that renders a page: spread by a stable hash of its path."""
    return sum(uri.encode("utf-8")) % count


if __name__ == "__main__":
    import logging

    from generator.site.lifeline import die_with_parent

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s - %(message)s")
    spec = json.loads(sys.argv[1])
    die_with_parent(spec["parent"])
    try:
        _shard(spec)
    except Exception as exc:  # reported by the parent with mkdocs' own message
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        sys.exit(1)
