"""The build cache beside the output folder: what the last successful build made, and from what.

    state.json          code fingerprint, mkdocs configuration hash, per package: fingerprint and page
    summaries.pickle    the Summary (summary.py) of every package, by package name
    pieces/<pkg>.csv    the package's rows of all-facts.csv;  pieces/<pkg>.sqlite  its database rows
    files/              the download files, at their paths in the site (downloads/…)
    docs/               the Markdown given to mkdocs (mkdocs.yml: its configuration);  html/  what mkdocs made of it
    pagefind/           the search bundle: base/, overlay/ and pagefind.js (search.py)

state.json is removed before a build changes the cache (after validation passed) and written when
the build succeeds: an interrupted or failed build leaves no state, and the next build starts from
nothing. Files are never rewritten in place
(always a new file), because the published site holds hard links to them.
"""
from __future__ import annotations

import json
import os
import pickle
import shutil
from pathlib import Path

from generator.site.lock import HolderLock

VERSION = 1
LOCK = ".lock"  # (and .lock.guard: lock.py)


class BuildCache:
    def __init__(self, root: Path):
        self.root = root
        self.summaries, self.pieces = root / "summaries.pickle", root / "pieces"
        self.files = root / "files"
        self.docs, self.html, self.pagefind = root / "docs", root / "html", root / "pagefind"
        self._lock = None

    def open(self, fingerprint: str, clean: bool, echo=print) -> dict:
        """Lock the cache (waiting while another build holds it) and take its state; an empty state
        (and an emptied cache) when the code changed, the state is missing or `clean` is asked."""
        self.root.mkdir(parents=True, exist_ok=True)
        self._lock = HolderLock(self.root / LOCK)
        self._lock.acquire(echo)
        state_file = self.root / "state.json"
        state = {}
        if state_file.exists() and self.summaries.exists() and not clean:
            state = json.loads(state_file.read_text(encoding="utf-8"))
        if state.get("version") != VERSION or state.get("code") != fingerprint:
            for child in self.root.iterdir():
                if not child.name.startswith(LOCK):
                    shutil.rmtree(child) if child.is_dir() else child.unlink()
            state = {}
        return state

    def begin(self) -> None:
        """From here on the cache changes: it has no valid state until `save`."""
        (self.root / "state.json").unlink(missing_ok=True)

    def save(self, state: dict, summaries: dict) -> None:
        write_new(self.summaries, pickle.dumps(summaries, protocol=pickle.HIGHEST_PROTOCOL))
        tmp = self.root / "state.json.tmp"
        tmp.write_text(json.dumps({**state, "version": VERSION}, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.root / "state.json")

    def close(self) -> None:
        if self._lock:
            self._lock.release()
            self._lock = None

    def load_summaries(self) -> dict:
        """{package name: Summary} of the last build (empty when there was none)."""
        return pickle.loads(self.summaries.read_bytes()) if self.summaries.exists() else {}


def write_new(path: Path, data: bytes) -> None:
    """Write `data` as a new file at `path` (replacing any old file, never writing into it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def write_if_changed(path: Path, text: str) -> bool:
    """Write a page's text unless the file already holds it; True when it was (re)written."""
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return False
    write_new(path, data)
    return True
