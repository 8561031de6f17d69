"""What an import checks before it reads and before it writes.

Before reading (`preflight`): every source is a readable file of its own — not a folder, a
device or a pipe, not given twice — the registry is there, and --out can be a folder.

Before writing (`refuse_poorer`): an import never makes a package poorer without being asked.
When the package it would replace has more tables, facts or sections than the new one (a one-line
file named like a disclosure, the narrative half of a disclosure published as two files), the
import stops and says what would be lost; `--replace` accepts the loss.
"""
from __future__ import annotations

import csv
import hashlib
import json
import os
import stat
from pathlib import Path

from generator.errors import PoorerPackage
from generator.ingest.items import DocumentError
from generator.model.package import Resource


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_sources(sources: list[Path]) -> None:
    """Each source is an existing regular file, and no file is given twice (by name or content)."""
    for path in sources:
        try:
            mode = os.stat(path).st_mode
        except FileNotFoundError:
            raise DocumentError(f"{path}: no such file; check the name (and the folder you run the command from)") \
                from None
        except OSError as exc:
            raise DocumentError(f"{path}: cannot be read ({exc.strerror}); check its permissions") from None
        if stat.S_ISDIR(mode):
            raise DocumentError(f"{path}: is a folder, not a document; give the file(s) inside it "
                                "(.pdf, .docx, .xlsx or .txt)")
        if not stat.S_ISREG(mode):
            raise DocumentError(f"{path}: is a device, pipe or socket, not a document file; give the file as "
                                "published (.pdf, .docx, .xlsx or .txt)")
        if not os.access(path, os.R_OK):
            raise DocumentError(f"{path}: cannot be read (permission denied); check its permissions")
    seen: dict[str, Path] = {}
    for path in sources:
        digest = _sha256(path)
        if digest in seen:
            same = "the same file" if os.path.samefile(seen[digest], path) else "the same content"
            raise DocumentError(f"{path}: given twice ({same} as {seen[digest]}); give each file of the "
                                "disclosure once, in reading order")
        seen[digest] = path


def check_registry(registry: Path) -> None:
    if not registry.exists():
        hint = ("run the command from the project folder (where data/departments.csv is), or pass "
                "--registry PATH" if not registry.is_absolute() else "pass --registry PATH to the registry")
        raise DocumentError(f"--registry {registry}: no such file; {hint}")
    if not registry.is_file():
        raise DocumentError(f"--registry {registry}: is not a file; pass --registry PATH to data/departments.csv")
    try:
        registry.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise DocumentError(f"--registry {registry}: is not UTF-8 text; save the department registry as UTF-8 "
                            "CSV") from None


def check_out(out: Path) -> None:
    """--out is a folder, or can be made one, and can be written."""
    folder = out
    while not folder.exists():
        if folder.parent == folder:
            break
        folder = folder.parent
    if folder.exists() and not folder.is_dir():
        raise DocumentError(f"--out {out}: {folder} is a file, not a folder; choose a folder such as data/packages")
    if folder.exists() and not os.access(folder, os.W_OK | os.X_OK):
        raise DocumentError(f"--out {out}: {folder} cannot be written (permission denied); choose a folder you "
                            "can write, or change its permissions")


def preflight(sources: list[Path], out: Path, registry: Path) -> None:
    """Every check that can be made before reading the documents."""
    check_sources(sources)
    check_registry(Path(registry))
    check_out(Path(out))


def _counts_on_disk(package: Path) -> dict[str, int] | None:
    """(tables, facts, sections) of the package at `package`; None when there is none or it cannot
    be read (a broken package is not protected: replacing it is the repair)."""
    try:
        desc = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
        counts = {"tables": 0, "facts": 0, "sections": 0}
        for res in desc.get("resources", []):
            if res.get("table"):
                counts["tables"] += 1
            elif res.get("name") in ("facts", "sections"):
                with open(package / res["path"], encoding="utf-8", newline="") as handle:
                    counts[res["name"]] = sum(1 for _ in csv.DictReader(handle))
        return counts
    except (OSError, ValueError, KeyError, TypeError, AttributeError, csv.Error):
        return None


def _counts(resources: list[Resource]) -> dict[str, int]:
    return {"tables": sum(1 for resource in resources if resource.extra.get("table")),
            "facts": sum(len(resource.rows) for resource in resources if resource.name == "facts"),
            "sections": sum(len(resource.rows) for resource in resources if resource.name == "sections")}


WORDS = {"tables": "tables", "facts": "facts", "sections": "narrative sections"}


def refuse_poorer(target: Path, resources: list[Resource], replace: bool) -> None:
    """Stop an import that would replace the package at `target` with one holding fewer tables,
    facts or sections, unless `replace`."""
    old = _counts_on_disk(target)
    if old is None or replace:
        return
    new = _counts(resources)
    lost = [f"{old[key]} {WORDS[key]} → {new[key]}" for key in WORDS if new[key] < old[key]]
    if lost:
        raise PoorerPackage(
            f"{target}: the package there is richer than this import would make it ({', '.join(lost)}); nothing "
            "was written. Check that this is the whole disclosure (all of its files, in reading order); pass "
            "--replace to replace the package anyway")


def describe(exc: Exception, sources: list[Path] = ()) -> str:
    """An import's error in words: an OS error names the file and what to check, not an errno; a
    document that needs more memory than an import may take is named."""
    if isinstance(exc, MemoryError):
        from generator.ingest.limits import MAX_MEMORY

        names = ", ".join(map(str, sources)) or "the document"
        return (f"{names}: reading it needs more than {MAX_MEMORY // 1024 ** 2:,} MB of memory, far more than a "
                "disclosure; import each disclosure's own file, or its PDF")
    if isinstance(exc, OSError) and not isinstance(exc, DocumentError):
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{exc.strerror or exc}; check the space and permissions there (and --out)"
    return str(exc)
