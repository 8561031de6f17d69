"""The whole data set: one long CSV of every fact, one SQLite database of everything."""
from __future__ import annotations

import csv
import io
import sqlite3
import tempfile
from pathlib import Path

from generator.model.facts import FIELD_ORDER, load_vocabulary
from generator.model.packages import Package

PACKAGE_COLUMNS = ["package", "department_id", "department", "fiscal_year", "kind"]


def _package_cells(p: Package) -> list:
    return [p.name, p.department_id, p.department_name, p.year, p.kind]


def all_facts_csv(packages: list[Package]) -> bytes:
    """Every fact of every package, with the package's identity in front; UTF-8 with BOM."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(PACKAGE_COLUMNS + FIELD_ORDER)
    for p in packages:
        for fact in p.facts:
            row = fact.row()
            w.writerow(_package_cells(p) + [row[f] for f in FIELD_ORDER])
    return b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8")


# Documented on the data page (templates/data.md.j2): keep in step.
SCHEMA = """
CREATE TABLE packages (
  package TEXT PRIMARY KEY, department_id TEXT, department TEXT, fiscal_year INTEGER, kind TEXT,
  title TEXT, source_file TEXT, source_sha256 TEXT);
CREATE TABLE measures (measure TEXT PRIMARY KEY, name TEXT);
CREATE TABLE facts (
  package TEXT REFERENCES packages, measure TEXT REFERENCES measures, kind TEXT, code TEXT, item TEXT,
  "of" TEXT, year INTEGER, value REAL, value_text TEXT, unit TEXT, unit_in_source TEXT, half_unit REAL,
  relation TEXT, basis TEXT, source TEXT, line INTEGER, quote TEXT);
CREATE TABLE findings (
  package TEXT REFERENCES packages, rule TEXT, message TEXT, difference TEXT, tolerance TEXT, figures TEXT);
"""

_SQL_TYPES = {"number": "REAL", "integer": "INTEGER"}


def _q(name: str) -> str:
    """An SQL identifier, quoted (names come from package descriptors)."""
    return '"' + name.replace('"', '""') + '"'


def _cell(value: str, type_: str):
    if value == "":
        return None
    return float(value) if type_ == "number" else int(value) if type_ == "integer" else value


def sqlite_bytes(packages: list[Package], findings: list[tuple[str, object]]) -> bytes:
    """Build the database in a temporary file (same rows in the same order → same bytes)."""
    vocab = load_vocabulary()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "data.sqlite"
        db = sqlite3.connect(path)
        db.executescript(SCHEMA)
        db.executemany("INSERT INTO measures VALUES (?, ?)", sorted(vocab.items()))
        for p in packages:
            db.execute("INSERT INTO packages VALUES (?,?,?,?,?,?,?,?)", _package_cells(p) + [
                p.title, Path(p.source.get("path", "")).name, p.source.get("sha256", "")])
            db.executemany(
                "INSERT INTO facts VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [(p.name, f.measure, f.kind, f.code, f.item, f.of, f.year, float(f.value), str(f.value), f.unit,
                  f.unit_in_source, float(f.half_unit), f.relation, f.basis, f.source, f.line, f.quote)
                 for f in p.facts],
            )
        _write_resources(db, packages)
        db.executemany("INSERT INTO findings VALUES (?,?,?,?,?,?)", [(name, *row) for name, row in findings])
        db.commit()
        db.execute("VACUUM")
        db.close()
        return path.read_bytes()


def _write_resources(db: sqlite3.Connection, packages: list[Package]) -> None:
    """One table per resource name (final_summary, sections, …), union of columns, `package` first."""
    columns: dict[str, dict[str, str]] = {}
    for p in packages:
        for res in p.resources:
            if res.name == "facts":
                continue
            cols = columns.setdefault(res.name, {})
            for f in res.fields:
                cols.setdefault(f.name, f.type)
    for name in sorted(columns):
        cols = columns[name]
        decl = ", ".join(f"{_q(c)} {_SQL_TYPES.get(t, 'TEXT')}" for c, t in cols.items())
        db.execute(f"CREATE TABLE {_q(name)} (package TEXT REFERENCES packages, {decl})")
        marks = ", ".join("?" * (len(cols) + 1))
        for p in packages:
            res = p.resource(name)
            if res is None:
                continue
            db.executemany(f"INSERT INTO {_q(name)} VALUES ({marks})",
                           [(p.name, *(_cell(r.get(c, ""), t) for c, t in cols.items())) for r in res.rows])
