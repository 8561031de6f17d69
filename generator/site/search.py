"""Full-text search: Pagefind (extended build, segments Chinese), one index per search shard.

A shard is a province (the pages of its departments and its list pages) or "site" (the pages
about the whole site). The search page loads the "site" bundle and merges the province bundles
into it (Pagefind's multisite `mergeIndex`), so a change to one package re-indexes one province.
"""
from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path


class SearchIndexError(RuntimeError):
    """Pagefind failed."""


def shard_glob(shard: str, site_pages: list[str]) -> str:
    """The HTML files of a shard, as a Pagefind glob (site_pages: the "site" shard's files)."""
    if shard == "site":
        return "{" + ",".join(sorted(site_pages)) + "}"
    return "{" + ",".join(f"{section}/{shard}*/**/*.html" for section in ("departments", "compare", "data", "findings")) + "}"


def index_shard(site_dir: Path, glob: str, out: Path) -> str:
    """Write the Pagefind bundle of the pages matching `glob` into `out`; return Pagefind's summary."""
    proc = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--glob", glob, "--output-path", str(out)],
        capture_output=True, text=True, check=False,
    )
    if proc.returncode != 0:
        raise SearchIndexError(f"Pagefind failed:\n{proc.stdout}\n{proc.stderr}".strip())
    lines = [ln.strip() for ln in proc.stdout.splitlines() if "Indexed" in ln and "pages" in ln]
    return lines[0] if lines else "no pages"


def index_shards(site_dir: Path, globs: dict[str, str], out: Path, jobs: int) -> dict[str, str]:
    """Index several shards, `jobs` Pagefind processes at a time; {shard: summary}."""
    with ThreadPoolExecutor(max(1, jobs)) as pool:
        results = pool.map(lambda item: (item[0], index_shard(site_dir, item[1], out / item[0])), sorted(globs.items()))
        return dict(results)
