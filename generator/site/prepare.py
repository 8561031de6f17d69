"""The work a build does once per package, in worker processes: validate it, then write its
downloads, its pieces of the whole-data-set files, its disclosure page and its summary."""
from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

from generator.model.codes import CodeList
from generator.model.packages import Package, PackageError, read_package
from generator.site.cache import BuildCache, write_if_changed, write_new
from generator.site.dataset import facts_rows, package_db
from generator.site.disclosure import disclosure_page
from generator.site.downloads import Writer, package_dir, write_package_downloads
from generator.site.render import Page, environment, render_page
from generator.site.search import rows_record
from generator.site.summary import Summary, summarize
from generator.site.validation import FindingView, PackageRefused, check


@dataclass(frozen=True)
class Job:
    path: Path  # the package folder
    department_name: str  # as the registry names the department (else as the package does)
    cache_root: Path


def disclosure_path(department_id: str, slug: str) -> str:
    return f"departments/{department_id}/{slug}.md"


def disclosure_title(department_name: str, year: int, kind_name: str) -> str:
    return f"{department_name} {year}年度{kind_name}"


@lru_cache(maxsize=None)
def _codes() -> CodeList:
    return CodeList.load()


@lru_cache(maxsize=None)
def _env():
    return environment()


def validate(path: Path) -> tuple[list[FindingView] | None, Package | None, str]:
    """(findings, the package as read, "") for a valid package; (None, None, what is wrong, in words
    a publisher can act on) otherwise."""
    try:
        return *check(path, _codes()), ""
    except PackageRefused as exc:
        return None, None, str(exc)
    except (PackageError, OSError, ValueError, KeyError) as exc:
        return None, None, f"  {path}: cannot be read: {exc}"


def finding_rows(findings: list[FindingView]) -> list[tuple]:
    """The findings as rows of the database's findings table (without the package column); `class`
    is inconsistency, rounding or notice."""
    return [(finding.rule, finding.message, finding.difference, finding.tolerance,
             "; ".join(f"{figure.label} {figure.value} ({figure.source})" for figure in finding.figures), finding.cls) for finding in findings]


def prepare(job: Job, findings: list[FindingView], pkg: Package | None = None) -> tuple[Summary, bool]:
    """Everything of one valid package (read again unless given); (its summary, whether its page's
    Markdown changed)."""
    cache = BuildCache(job.cache_root)
    pkg = pkg or read_package(job.path)
    shutil.rmtree(cache.files / package_dir(pkg), ignore_errors=True)
    page = disclosure_page(pkg, findings, write_package_downloads(Writer(cache.files), pkg, findings))
    write_new(cache.pieces / f"{pkg.name}.csv", facts_rows(pkg))
    write_new(cache.pieces / f"{pkg.name}.rows.json", json.dumps(rows_record(pkg), ensure_ascii=False).encode("utf-8"))
    package_db(pkg, finding_rows(findings), cache.pieces / f"{pkg.name}.sqlite")
    markdown = render_page(_env(), Page(
        disclosure_path(pkg.department_id, pkg.slug), disclosure_title(job.department_name, pkg.year, pkg.kind_name),
        "disclosure.md.j2", {"d": page, "department": SimpleNamespace(name=job.department_name)}))
    changed = write_if_changed(cache.docs / disclosure_path(pkg.department_id, pkg.slug), markdown)
    return summarize(page), changed
