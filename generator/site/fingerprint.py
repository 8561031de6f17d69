"""Content hashes that decide what a build must redo: one for the code, templates, theme and tools
(any change rebuilds everything), one per package (a change redoes that package and the pages
that list it)."""
from __future__ import annotations

import hashlib
import json
import os
import sys
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CODE = ("generator/site", "generator/validate", "generator/model", "theme", "site_src", "data/reference")
TOOLS = ("mkdocs", "mkdocs-material", "pagefind", "pagefind_bin_extended", "jinja2", "markdown", "frictionless")


def _hash_tree(hasher, root: Path, base: Path) -> None:
    for path in sorted(candidate for candidate in root.rglob("*") if candidate.is_file() and "__pycache__" not in candidate.parts):
        hasher.update(path.relative_to(base).as_posix().encode("utf-8") + b"\0")
        hasher.update(hashlib.sha256(path.read_bytes()).digest())


def code_fingerprint() -> str:
    """Hash of the site builder, validator, model, theme, hand-written pages, code lists and tool versions."""
    hasher = hashlib.sha256()
    for folder in CODE:
        _hash_tree(hasher, REPO / folder, REPO)
    versions = {name: _version(name) for name in TOOLS}
    hasher.update(json.dumps([sys.version, versions], sort_keys=True).encode("utf-8"))
    return hasher.hexdigest()


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""


def package_fingerprint(root: Path, department: tuple, known: dict[str, list]) -> tuple[str, dict[str, list]]:
    """Hash of every file of a package folder and of its department's registry entry; with, per
    file, [size, mtime, inode, sha256]. A file whose size, mtime and inode are those `known` from
    the last build is not read again (as git and make do)."""
    hasher = hashlib.sha256(json.dumps(list(department), ensure_ascii=False).encode("utf-8"))
    found: list[tuple[str, os.DirEntry]] = []
    _walk(str(root), "", found)
    files = {}
    for rel, entry in sorted(found, key=lambda item: item[0]):
        file_stat = entry.stat()
        stat = [file_stat.st_size, file_stat.st_mtime_ns, file_stat.st_ino]
        old = known.get(rel)
        digest = old[3] if old and old[:3] == stat else hashlib.sha256(Path(entry.path).read_bytes()).hexdigest()
        files[rel] = stat + [digest]
        hasher.update(rel.encode("utf-8") + b"\0" + digest.encode("ascii"))
    return hasher.hexdigest(), files


def _walk(folder: str, prefix: str, found: list) -> None:
    """(path relative to the package, directory entry) of every file under `folder`."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                _walk(entry.path, prefix + entry.name + "/", found)
            elif entry.is_file():
                found.append((prefix + entry.name, entry))
