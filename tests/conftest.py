"""Shared test fixtures: the corpus documents as shipped inside the data packages."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ROOT / "data" / "packages"
SHARED = ROOT.parent / "shared"  # the project's shared folder beside the clone: corpus PDFs, harvested code lists


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
