"""Shared test fixtures: the corpus documents as shipped inside the data packages."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ROOT / "data" / "packages"


def corpus_path(prefix: str) -> Path:
    """The source document of a corpus file ('003') as copied into its package."""
    (path,) = PACKAGES.glob(f"*/*/source/{prefix}_*.txt")
    return path
