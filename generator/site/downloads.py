"""Downloads: each table as CSV (UTF-8 with BOM), XLSX and JSON; each package as ZIP;
all facts as one CSV; everything as one SQLite database. Values are the package's, unchanged, but
for a CSV cell that a spreadsheet would run as a formula (spreadsheet.py)."""
from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from generator.model.packages import Package, Resource, inside
from generator.site.spreadsheet import safe_csv
from generator.site.xlsx import PLAIN_NUMBER, workbook
from generator.site.zipfiles import stable_zip

BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Download:
    path: str  # site path, e.g. downloads/530400-zuzhibu/2020-final/tables/final_summary.csv
    label: str
    size: int | None  # bytes; None when not known to the pages (the database, made while they render)


def package_dir(package: Package) -> str:
    return f"downloads/{package.department_id}/{package.slug}"


def csv_with_bom(package: Package, resource: Resource) -> bytes:
    """The package's CSV behind a BOM so that Excel reads it as UTF-8; exactly the package's bytes
    unless a cell would run as a formula in a spreadsheet (spreadsheet.py: it gets a leading ')."""
    return BOM + safe_csv(inside(package.root, resource.path).read_bytes())


def xlsx(resource: Resource) -> bytes:
    """One sheet: printed headers, then the rows with numbers as numbers and codes as text."""
    fields = resource.fields
    rows = [[row.get(f.name, "") for f in fields] for row in resource.rows]
    return workbook(resource.name, [f.title for f in fields], rows, [f.type in ("number", "integer") for f in fields])


def _json_value(text: str, type_: str) -> str:
    """A cell as a JSON literal: numbers exactly as the package prints them, empty cells null."""
    if text == "":
        return "null"
    if type_ in ("number", "integer"):
        if PLAIN_NUMBER.fullmatch(text):
            return text
        return json.dumps(str(Decimal(text)))  # a form JSON has no literal for: exact, as text
    return json.dumps(text, ensure_ascii=False)


def as_json(package: Package, resource: Resource) -> bytes:
    """The resource as JSON: package, resource, table, fields, then the rows, one per line."""
    keys = [(json.dumps(f.name, ensure_ascii=False) + ": ", f.name, f.type) for f in resource.fields]
    rows = ["{" + ", ".join(key + _json_value(row.get(name, ""), type_) for key, name, type_ in keys) + "}"
            for row in resource.rows]
    head = {
        "package": package.name,
        "resource": resource.name,
        **({"table": resource.table} if resource.table else {}),
        "fields": [{"name": f.name, "title": f.title, "type": f.type} for f in resource.fields],
    }
    body = ",\n".join(rows)
    return (json.dumps(head, ensure_ascii=False)[:-1] + ', "rows": [\n' + body + "\n]}\n").encode("utf-8")


def package_zip(package: Package) -> bytes:
    """Every file of the package folder, sorted, under `<package name>/`."""
    files = sorted(p for p in package.root.rglob("*") if p.is_file())
    return stable_zip([(f"{package.name}/{p.relative_to(package.root).as_posix()}", p.read_bytes()) for p in files])


class Writer:
    """Writes download files under one folder and remembers what it wrote."""

    def __init__(self, out: Path):
        self.out = out
        self.written: list[Download] = []

    def write(self, path: str, data: bytes, label: str) -> Download:
        """Write a new file (never into an existing one: a published site may hold a hard link to it)."""
        self._fresh(path).write_bytes(data)
        return self._add(path, label, len(data))

    def link(self, path: str, source: Path, label: str) -> Download:
        """A package's file as a download: a hard link to it (a copy across filesystems). The
        importer replaces package files, never writes into them, so the link keeps its bytes."""
        target = self._fresh(path)
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)
        return self._add(path, label, target.stat().st_size)

    def _fresh(self, path: str) -> Path:
        target = self.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        return target

    def _add(self, path: str, label: str, size: int) -> Download:
        download = Download(path, label, size)
        self.written.append(download)
        return download


def write_package_downloads(writer: Writer, package: Package) -> dict[str, list[Download]]:
    """All downloads of one package → {resource name: [csv, xlsx, json]} plus 'zip' and 'source'."""
    base = package_dir(package)
    out: dict[str, list[Download]] = {}
    for res in package.resources:
        stem = f"{base}/{Path(res.path).stem}"
        out[res.name] = [
            writer.write(f"{stem}.csv", csv_with_bom(package, res), "CSV"),
            writer.write(f"{stem}.xlsx", xlsx(res), "XLSX"),
            writer.write(f"{stem}.json", as_json(package, res), "JSON"),
        ]
    out["zip"] = [writer.write(f"{base}/{package.name}.zip", package_zip(package), "ZIP")]
    source = package.source.get("path")
    if source:
        out["source"] = [writer.link(f"{base}/source/{Path(source).name}", inside(package.root, source),
                                     Path(source).suffix.lstrip(".").upper() or "源文件")]
    return out
