"""The output folder: hard links to the files of the build cache, updated in place.

The cache never rewrites a file (cache.py), so an output file is current when it is the same inode
as the cache's file at its path. `sync` compares the two trees by the inode numbers their
directory listings already hold, links what is new or changed (each file replaced atomically, so
a server reading the folder meanwhile sees the old file or the new one) and removes what is gone.
A one-package rebuild touches a few dozen of the tens of thousands of files.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path


def _scan(folder: str, prefix: str, files: dict[str, tuple[str, int]], dirs: set[str]) -> None:
    with os.scandir(folder) as entries:
        for entry in entries:
            rel = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                dirs.add(rel)
                _scan(entry.path, rel + "/", files, dirs)
            else:
                files[rel] = (entry.path, entry.inode())


def sync(out: Path, sources: list[tuple[Path, str]]) -> None:
    """Make `out` hold, as hard links, every file of each source folder under its prefix ("" or
    "name/") and nothing else."""
    want: dict[str, tuple[str, int]] = {}
    want_dirs: set[str] = set()
    for folder, prefix in sources:
        if prefix:
            want_dirs.add(prefix.rstrip("/"))
        _scan(str(folder), prefix, want, want_dirs)
    have: dict[str, tuple[str, int]] = {}
    have_dirs: set[str] = set()
    out.mkdir(parents=True, exist_ok=True)
    _scan(str(out), "", have, have_dirs)
    for rel in sorted(have_dirs - want_dirs, reverse=True):  # children before their parents
        shutil.rmtree(out / rel, ignore_errors=True)
    for rel in sorted(want_dirs - have_dirs):  # parents before their children
        target = out / rel
        if rel in have:
            target.unlink()
        target.mkdir(parents=True, exist_ok=True)
    for rel in have.keys() - want.keys() - want_dirs:
        (out / rel).unlink(missing_ok=True)
    for rel, (path, inode) in want.items():
        old = have.get(rel)
        if old is None:
            os.link(path, out / rel)
        elif old[1] != inode:
            tmp = out / f"{rel}.~new"
            tmp.unlink(missing_ok=True)
            os.link(path, tmp)
            os.replace(tmp, out / rel)
