"""Full-text search: Pagefind (extended build, segments Chinese) indexes the built site."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path


class SearchIndexError(RuntimeError):
    """Pagefind failed."""


def index_site(site_dir: Path) -> str:
    """Write the Pagefind bundle into `<site_dir>/pagefind/`; return Pagefind's summary line."""
    proc = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir)],
        capture_output=True, text=True, check=False,
    )
    if proc.returncode != 0:
        raise SearchIndexError(f"Pagefind failed:\n{proc.stdout}\n{proc.stderr}".strip())
    lines = [ln.strip() for ln in proc.stdout.splitlines() if "Indexed" in ln]
    return "; ".join(lines)
