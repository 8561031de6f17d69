"""Shared test fixtures: the corpus documents as shipped inside the data packages, each corpus
document imported once per test session, and the mark on the slow tests."""
from __future__ import annotations

import hashlib
import os
import pickle
import shutil
from pathlib import Path

import pytest

from tests.once import once

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ROOT / "data" / "packages"
SHARED = ROOT.parent / "shared"  # the project's shared folder beside the clone: corpus PDFs, harvested code lists

# Tests that take seconds each on two shared cores — a browser, a site build, reading PDF
# layouts, imports in subprocesses — are marked `slow`, and so is every test that uses the built
# site (the `site` fixture): `bash scripts/test.sh -m "not slow"` is the fast loop (README).
SLOW = (
    "tests/browser/",  # Chromium over a built site
    "tests/site/test_incremental.py",  # builds the site again and again
    "tests/site/test_build.py",  # builds
    "tests/site/test_relative_out.py",  # builds
    "tests/site/test_search_order.py",  # builds on two file systems
    "tests/site/test_budget_vs_final.py",  # imports a PDF, then builds
    "tests/test_pdf.py",  # reads every corpus PDF (~60 s)
    "tests/test_image_pages.py",  # imports a corpus PDF twice, one page made a picture
    "tests/test_limits.py",  # imports in subprocesses, against time and memory limits
    "tests/test_fault_injection.py",  # kills imports and builds midway (~120 s)
    "tests/test_rule_families.py::test_the_mutation_benchmark",  # plants defects in every document
    "tests/test_reviewed_findings.py",  # validates every shipped package
    "tests/test_validate.py::test_validate_cli_exits_zero",  # the same, through the command line
    "tests/test_docx_xlsx.py::test_same_table_csvs_as_the_text_export",  # writes and reads Word and Excel
    "tests/test_docx_xlsx.py::test_the_test_files_really_merge_header_cells",
    "tests/test_any_disclosure.py::test_a_new_department",  # the next four import corpus PDFs
    "tests/test_any_disclosure.py::test_a_registered_department",
    "tests/test_any_disclosure.py::test_scope_marks",
    "tests/test_any_disclosure.py::test_a_new_departments_pdf",
)


# Under pytest-xdist (`-n auto`; pyproject.toml adds `--dist loadgroup --no-loadscope-reorder`) a test
# file runs on one worker, so that its module fixtures are made once, and files sharing a history
# of builds (tests/site/history.py) on the same one; the reimports of test_import.py, each on its
# own, spread over the workers, last, to even out the end of the run. The groups that take longest
# start first, longest first, so that none of them runs alone at the end.
SPREAD = "tests/test_import.py::test_reimport"
TOGETHER = {"tests/browser/test_search_overlay.py": "tests/site/test_incremental.py"}
FIRST = (
    "tests/site/test_incremental.py",  # the session's history of incremental builds, and its search overlay
    "tests/test_rule_families.py",  # the mutation benchmark
    "tests/test_pdf.py",  # imports every corpus PDF
    "tests/browser/test_site.py",
    "tests/test_fault_injection.py",
    "tests/browser/test_search_years.py",
    "tests/browser/test_chart_menu.py",
    "tests/test_any_disclosure.py",
    "tests/browser/test_static_charts.py",
    "tests/browser/test_search_rows.py",
    "tests/site/test_build.py",
)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """`-n auto`: two workers more than the cores. A worker running the browser tests waits on
    Chromium, on page loads and on the network going idle, and one importing or building in
    subprocesses waits on them: on two cores (1 Dec 2026, measured one after the other) three
    workers took 4 min 49 s with the cores busy 74 % of it, four 4 min 04 s. PYTEST_XDIST_AUTO_NUM_WORKERS,
    if set, decides instead (pytest-xdist)."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS") or config.option.numprocesses != "auto":
        return None
    return len(os.sched_getaffinity(0)) + 2


def _group(item: pytest.Item) -> str:
    path = item.nodeid.partition("::")[0]
    return TOGETHER.get(path, path)


def _order(item: pytest.Item) -> int:
    if item.nodeid.startswith(SPREAD):
        return len(FIRST) + 1
    return FIRST.index(_group(item)) if _group(item) in FIRST else len(FIRST)


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.nodeid.startswith(SLOW) or "site" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)
        if not item.nodeid.startswith(SPREAD):
            item.add_marker(pytest.mark.xdist_group(_group(item)))
    items.sort(key=_order)


def needs_shared(*paths: Path):
    """Skip a test whose input lives in ../shared when a clone stands without it (CI and the
    workspace have it beside the clone; the repository ships only the packages made from it)."""
    missing = [str(p) for p in paths if not p.exists()]
    return pytest.mark.skipif(bool(missing), reason=f"needs {', '.join(missing)}: the shared corpus is not part of "
                              "the repository; put ../shared beside the clone to run it")


def corpus_path(prefix: str) -> Path:
    """The source document of a corpus file ('003') as copied into its package."""
    (path,) = PACKAGES.glob(f"*/*/source/{prefix}_*.txt")
    return path


@pytest.fixture(scope="session", autouse=True)
def pdf_read_once(tmp_path_factory):
    """Each PDF's layout read once per test session, also across pytest-xdist workers: within the
    tests' own processes, `read_pdf` (as sources.read_source calls it) is the real reader memoised
    by the file's content (tests/once.py: the items pickled under the session's shared temporary
    folder; every call unpickles a fresh copy, since an import renumbers the items it is given).
    The same corpus PDF is read by tests/test_pdf.py, the reimports of tests/test_import.py (the
    Jiangsu halves again in pairs), tests/test_any_disclosure.py, tests/site/test_budget_vs_final.py
    and tests/test_image_pages.py. A file that fails to read is read again and fails again (nothing
    is kept). Imports in subprocesses (tests/test_limits.py's time and memory limits,
    tests/test_fault_injection.py, tests/test_publish_inbox.py) read for real, and so do the tests
    calling `read_pdf` itself (bound at their import)."""
    from generator.ingest.formats import pdf

    read = pdf.read_pdf

    def read_once(path: Path):
        digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()

        def make(folder: Path) -> str:
            (folder / "items.pickle").write_bytes(pickle.dumps(read(path), pickle.HIGHEST_PROTOCOL))
            return str(folder / "items.pickle")

        return pickle.loads(Path(once(tmp_path_factory, f"read_pdf {digest}", make)).read_bytes())

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf, "read_pdf", read_once)
        yield


def _identity(path: Path) -> tuple[str, str]:
    return path.name, hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="session")
def corpus_import(tmp_path_factory):
    """`corpus_import(sources, registry=None, **given)` → the package folder of an import of
    `sources`: each document (by name and content: a corpus file and its copy in a package are
    one) is imported once per test session with the same arguments, by whichever pytest-xdist
    worker asks first (tests/once.py). Without `registry`, a fresh copy of data/departments.csv.
    The package is shared: read it, copy it to change it."""
    from generator.api import import_disclosure

    def run(sources: list[Path], registry: Path | None = None, **given) -> Path:
        registry = registry or ROOT / "data" / "departments.csv"
        key = repr(("import", [_identity(Path(s)) for s in sources], _identity(registry), sorted(given.items())))

        def make(folder: Path) -> str:
            copy = shutil.copy(registry, folder / "departments.csv")
            return str(import_disclosure(list(sources), out=folder / "packages", registry=copy, **given).path)

        return Path(once(tmp_path_factory, key, make))

    return run
