"""A package is plain files, and its source is the document it says it is.

Packages arrive by git (a pull request), so nothing in one may reach outside it: a symbolic
link would publish its target (the ZIP download reads through it), a device or a pipe would hang
or leak the reader. A file with hard links elsewhere is refused too, but for the source
documents: the site's build links its download to them (downloads.Writer.link), and their
sha256, checked here against the descriptor, tells whether their bytes are still the published
ones. The fiscal year must be one a disclosure can have.
"""
from __future__ import annotations

import datetime
import hashlib
import os
import stat
from pathlib import Path

from generator.model.packages import PackageError, inside
from generator.validate.report import Error

KINDS = ("final", "budget", "evaluation")
FIRST_YEAR = 1990  # before the 1994 budget law no department published a budget


def last_year() -> int:
    """The latest fiscal year a disclosure can report on: budgets are published for the next year."""
    return datetime.date.today().year + 2


def _sources(desc: dict) -> list[dict]:
    entries = [desc.get("source")] + list(desc.get("sources") or [])
    return [entry for entry in entries if isinstance(entry, dict) and isinstance(entry.get("path"), str)]


def check_year(desc: dict) -> list[Error]:
    year = desc.get("fiscal_year")
    if "fiscal_year" not in desc:
        return []  # reported as a missing key
    if not isinstance(year, int) or isinstance(year, bool) or not FIRST_YEAR <= year <= last_year():
        return [Error(f"fiscal_year {year!r} is not a year between {FIRST_YEAR} and {last_year()}; correct it "
                      "(or re-import with --year YYYY)", "datapackage.json", 1, "fiscal_year")]
    return []


def check_files(root: Path, desc: dict) -> list[Error]:
    """Errors for every file of the package folder that is not a plain file of its own."""
    for folder in (root, root.parent):  # the package's folder and its department's
        if folder.is_symlink():
            return [Error(f"the folder {folder.name} is a symbolic link (to {os.readlink(folder)}); a package must be "
                          "a folder of plain files inside the packages folder: copy it in place of the link")]
    sources = {os.path.normpath(entry["path"]) for entry in _sources(desc)}
    errors, linked = [], {}
    for folder, dirs, files in os.walk(root):
        for name in sorted(dirs + files):
            path = Path(folder) / name
            rel = path.relative_to(root).as_posix()
            info = os.lstat(path)
            if stat.S_ISLNK(info.st_mode):
                errors.append(Error(f"{rel} is a symbolic link (to {os.readlink(path)}); a package holds plain files "
                                    "only: replace the link by the file itself", rel))
            elif stat.S_ISDIR(info.st_mode):
                continue
            elif not stat.S_ISREG(info.st_mode):
                errors.append(Error(f"{rel} is a device, pipe or socket, not a file; remove it from the package", rel))
            elif info.st_nlink > 1 and os.path.normpath(rel) not in sources:
                linked.setdefault((info.st_dev, info.st_ino), []).append((rel, info.st_nlink))
    for names in linked.values():
        if names[0][1] > len(names):  # more names than the package holds: a link to a file outside it
            errors.extend(Error(f"{rel} is a hard link to a file outside the package ({count} names); replace it "
                                "by a copy of its own (cp --remove-destination)", rel) for rel, count in names)
    return errors


def check_sources(root: Path, desc: dict) -> list[Error]:
    """Each source document is present and has the sha256 (and size) the descriptor records."""
    errors = []
    for entry in _sources(desc):
        rel = entry["path"]
        try:
            path = inside(root, rel)
        except PackageError as exc:
            errors.append(Error(str(exc), "datapackage.json", 1, "source"))
            continue
        if not path.is_file():
            errors.append(Error(f"the source document {rel} is missing; restore it (or re-import the document)", rel))
            continue
        digest = hashlib.sha256()
        with open(path, "rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
        recorded = entry.get("sha256")
        if recorded and digest.hexdigest() != recorded:
            errors.append(Error(f"the source document {rel} has sha256 {digest.hexdigest()}, not the "
                                f"{recorded} recorded in datapackage.json: the file changed after the import. "
                                "Restore the published file, or re-import it (transparency import --replace)", rel))
    return errors


def check_shape(desc: dict) -> list[Error]:
    """The descriptor's keys have the shapes the package format gives them (docs/package-format.md),
    so that no reader trips over a string where an object belongs."""
    problems = []
    if not isinstance(desc.get("name", ""), str):
        problems.append(("name", "must be text"))
    if "kind" in desc and desc["kind"] not in KINDS:
        problems.append(("kind", f"is {desc['kind']!r}, not one of {', '.join(KINDS)}"))
    if not isinstance(desc.get("department", {}), dict) or not isinstance((desc.get("department") or {}).get("id", ""), str):
        problems.append(("department", "must be an object {id, name}"))
    if not isinstance(desc.get("source", {}), dict):
        problems.append(("source", "must be an object {path, sha256, bytes, format}"))
    sources = desc.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(source, dict) for source in sources):
        problems.append(("sources", "must be a list of objects like source"))
    resources = desc.get("resources", [])
    if not isinstance(resources, list) or not all(isinstance(resource, dict) for resource in resources):
        problems.append(("resources", "must be a list of resource objects"))
    else:
        for res in resources:
            schema = res.get("schema", {})
            fields = schema.get("fields", []) if isinstance(schema, dict) else None
            if not isinstance(res.get("name", ""), str) or not isinstance(res.get("path", ""), str) or \
                    not isinstance(fields, list) or not all(isinstance(field, dict) and isinstance(field.get("name"), str)
                                                            for field in fields):
                problems.append(("resources", f"resource {res.get('name')!r} needs a name, a path and a schema whose "
                                              "fields are objects with a name"))
    return [Error(f"'{key}' {what}; fix the descriptor or re-import the document",
                  "datapackage.json", 1, key) for key, what in problems]
