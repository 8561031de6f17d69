"""The output folder: hard links to the files of the build cache, swapped in whole.

The cache never rewrites a file (cache.py), so an output file is current when it is the same inode
as the cache's file at its path. `sync` compares two trees by the inode numbers their directory
listings already hold, links what is new or changed and removes what is gone.

`publish` never touches the served folder's files: it brings a second folder beside it,
`.<out>-previous/` (the site of the build before last, kept for that purpose), up to date with
`sync`, then swaps the two folders in one system call (atomic.exchange): a reader of `--out` sees
the old site or the new one, whole. So a one-package rebuild still touches a few dozen of the tens
of thousands of files (the changes of the last two builds), and a build killed at any instant
leaves the served site as it was. Where the system cannot swap two folders atomically, two renames
do it, between which `--out` is absent for the time of one system call; a build killed there finds
the site under `.<out>-swap/` and puts it back (`recover`).
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from generator.model.atomic import exchange


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


def spare_of(out: Path) -> Path:
    """The folder the next site is made in: the site of the build before last."""
    return out.parent / f".{out.name}-previous"


def _swap_of(out: Path) -> Path:
    return out.parent / f".{out.name}-swap"


def recover(out: Path) -> None:
    """Undo what a build killed between the two renames of a non-atomic swap left: the site is at
    `.<out>-swap/` and `--out` is missing."""
    swap = _swap_of(out)
    if swap.is_dir() and not out.exists():
        os.rename(swap, out)
    elif swap.exists():
        shutil.rmtree(swap, ignore_errors=True)


def publish(out: Path, sources: list[tuple[Path, str]]) -> None:
    """Make `out` hold, as hard links, every file of the source folders, swapped in whole."""
    if out.is_symlink():
        out = out.resolve()
    recover(out)
    spare = spare_of(out)
    if spare.is_symlink() or (spare.exists() and not spare.is_dir()):
        spare.unlink()
    sync(spare, sources)
    if not out.exists():
        os.rename(spare, out)
    elif not exchange(spare, out):  # `spare` now holds the site just replaced, for the next build
        swap = _swap_of(out)
        os.rename(out, swap)
        os.rename(spare, out)
        os.rename(swap, spare)
