"""Full-text search: Pagefind (extended build, segments Chinese) indexes the built pages.

By default there is one index, "site": a query fetches the fewest bytes (Pagefind splits the index
in small chunks and loads the ones a query needs), but any change re-indexes every page. With
`by_province` the index is split in shards, one per province (the pages of its departments and its
list pages) plus "site" (the pages about the whole site); the search page merges the province
shards into "site" (Pagefind's multisite `mergeIndex`). A change then re-indexes one province,
while a query fetches a chunk of every shard.

Not indexed: amounts in table cells, headline cards, chart captions, the findings and the
download list of a disclosure (numbers and generated text; the findings have their own pages).
"""
from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path


class SearchIndexError(RuntimeError):
    """Pagefind failed."""


EXCLUDE = ["td.num", ".tp-cards", ".tp-chart figcaption", ".tp-findings", ".tp-source"]
SECTIONS = ("departments", "compare", "data", "findings")  # sections holding pages per province


def shard_of(page: str, by_province: bool) -> str:
    """The index a page (path of its Markdown file) belongs to."""
    first, _, rest = page.partition("/")
    code = rest.split("/", 1)[0][:2]
    if by_province and first in SECTIONS and code.isdigit() and len(code) == 2:
        return code
    return "site"


def shard_glob(shard: str, site_pages: list[str], by_province: bool) -> str:
    """The HTML files of a shard, as a Pagefind glob (site_pages: the "site" shard's files)."""
    if shard == "site":
        return "{" + ",".join(sorted(site_pages)) + "}" if by_province else "**/*.html"
    return "{" + ",".join(f"{section}/{shard}*/**/*.html" for section in SECTIONS) + "}"


def index_shards(site_dir: Path, globs: dict[str, str], out: Path, jobs: int) -> dict[str, str]:
    """Write the Pagefind bundle of each shard (the pages matching its glob) into out/<shard>/,
    `jobs` Pagefind processes at a time; {shard: Pagefind's summary}. (The Pagefind service API
    indexes shards in one process, but it can stop before the last files of a bundle are written.)"""
    with ThreadPoolExecutor(max(1, jobs)) as pool:
        return dict(pool.map(lambda s: (s, _index(site_dir, globs[s], out / s)), sorted(globs)))


def _index(site_dir: Path, glob: str, out: Path) -> str:
    exclude = [arg for selector in EXCLUDE for arg in ("--exclude-selectors", selector)]
    proc = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--glob", glob, "--output-path", str(out), *exclude],
        capture_output=True, text=True, check=False,
    )
    if proc.returncode != 0:
        raise SearchIndexError(f"Pagefind failed:\n{proc.stdout}\n{proc.stderr}".strip())
    return next((ln.strip() for ln in proc.stdout.splitlines() if "Indexed" in ln and "pages" in ln), "no pages")
