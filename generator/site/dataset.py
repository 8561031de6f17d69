"""The whole data set: one long CSV of every fact, one SQLite database of everything, the
findings of every disclosure (CSV, JSON) and one ZIP of every disclosure's tables.

They are assembled from per-package pieces made once per package (and kept in the build cache):
the package's rows of the facts CSV, a small SQLite file with the package's rows of every table,
and its downloads (its findings files and its all-tables ZIP, downloads.py).
"""
from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

from generator.model.facts import FIELD_ORDER, load_vocabulary
from generator.model.packages import Package
from generator.site.downloads import BOM, FINDINGS_HEADER, LICENSE_TEXT, SITE_NAME
from generator.site.spreadsheet import safe_row
from generator.site.zipfiles import write_zip

PACKAGE_COLUMNS = ["package", "department_id", "department", "fiscal_year", "disclosure_kind"]  # kind: the fact's


def _package_cells(package: Package) -> list:
    return [package.name, package.department_id, package.department_name, package.year, package.kind]


def facts_rows(package: Package) -> bytes:
    """The rows of one package in all-facts.csv: the package's identity, then every fact field (a
    cell that a spreadsheet would run as a formula written as text: spreadsheet.py)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    ident = _package_cells(package)
    for fact in package.facts:
        writer.writerow(safe_row(ident + ["" if (value := getattr(fact, field)) is None else value for field in FIELD_ORDER]))
    return buf.getvalue().encode("utf-8")


def all_facts_csv(pieces: list[bytes]) -> bytes:
    """Every fact of every package (pieces from `facts_rows`, in package order); UTF-8 with BOM."""
    header = ",".join(PACKAGE_COLUMNS + FIELD_ORDER) + "\n"
    return BOM + header.encode("utf-8") + b"".join(pieces)


def all_findings_csv(pieces: list[bytes]) -> bytes:
    """Every finding of every package: the per-package findings.csv files (downloads.py), one header."""
    head = BOM + FINDINGS_HEADER.encode("utf-8")
    return head + b"".join(piece[len(head):] for piece in pieces)


def all_findings_json(pieces: list[bytes]) -> bytes:
    """Every package's findings.json (downloads.py) as one list."""
    docs = [json.loads(piece) for piece in pieces]
    return (json.dumps({"disclosures": docs}, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


SITE_README = f"""# {SITE_NAME}：全部表格

每份公开文件（部门预算、部门决算、绩效自评）一个 ZIP，位于 <部门编号>/<年度-类型>.zip，内含该文件的
全部表格（每表一个 CSV，UTF-8 带 BOM，中文列名并注明单位；全部表格.xlsx 每表一个工作表）、核对发现、
README 与 LICENSE。all-facts.csv 为全部主要数字的长表（disclosure_kind 为公开文件类型，kind 为数字类型），
findings.csv / findings.json 为全部核对发现。

## 单位

金额单位为元，保留两位小数，由原表所列单位精确换算；注明计量单位（辆、人次等）的行为数量。

## 来源

各公开文件的源文件名、SHA-256 与原始地址见其 README.md。

## 许可与引用

数据：CC-BY-4.0（见 LICENSE.txt）。引用：Budget transparency contributors，《{SITE_NAME}》，注明部门、年度与源文件。
"""


def write_all_tables_zip(target: Path, packages: list[tuple[str, Path]], facts: bytes, findings: list[tuple[str, bytes]]) -> None:
    """downloads/all-tables.zip: README, LICENSE, all-facts.csv, the findings, then each
    disclosure's all-tables ZIP (`packages`: (its name in the archive, its file)), stored as made."""
    def entries():
        yield "README.md", SITE_README.encode("utf-8")
        yield "LICENSE.txt", LICENSE_TEXT.encode("utf-8")
        yield "all-facts.csv", facts
        yield from findings
        for name, path in packages:
            yield name, path.read_bytes()

    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    with open(target, "wb") as handle:
        write_zip(handle, entries())


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
  package TEXT REFERENCES packages, rule TEXT, message TEXT, difference TEXT, tolerance TEXT, figures TEXT,
  class TEXT);
"""
_CORE = ("packages", "facts", "findings")
_SQL_TYPES = {"number": "REAL", "integer": "INTEGER"}

ATTACH_AT_ONCE = 9  # SQLite attaches at most 10 databases


def _q(name: str) -> str:
    """An SQL identifier, quoted (names come from package descriptors)."""
    return '"' + name.replace('"', '""') + '"'


def _cell(value: str, type_: str):
    if value == "":
        return None
    return float(value) if type_ == "number" else int(value) if type_ == "integer" else value


def package_db(package: Package, findings: list[tuple], path: Path) -> None:
    """One package's rows of every table of the database, as a small SQLite file at `path`."""
    path.unlink(missing_ok=True)
    database = sqlite3.connect(path)
    database.execute("PRAGMA journal_mode=OFF")  # a cache file, made in one go: no journal, no sync
    database.execute("PRAGMA synchronous=OFF")
    database.executescript(SCHEMA)
    database.execute("INSERT INTO packages VALUES (?,?,?,?,?,?,?,?)", _package_cells(package) + [
        package.title, Path(package.source.get("path", "")).name, package.source.get("sha256", "")])
    database.executemany(
        "INSERT INTO facts VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [(package.name, fact.measure, fact.kind, fact.code, fact.item, fact.of, fact.year, float(fact.value), str(fact.value), fact.unit,
          fact.unit_in_source, float(fact.half_unit), fact.relation, fact.basis, fact.source, fact.line, fact.quote)
         for fact in package.facts],
    )
    database.executemany("INSERT INTO findings VALUES (?,?,?,?,?,?,?)", [(package.name, *row) for row in findings])
    for res in package.resources:
        if res.name == "facts":
            continue
        decl = ", ".join(f"{_q(field.name)} {_SQL_TYPES.get(field.type, 'TEXT')}" for field in res.fields)
        database.execute(f"CREATE TABLE {_q('r:' + res.name)} (package TEXT, {decl})")
        marks = ", ".join("?" * (len(res.fields) + 1))
        database.executemany(f"INSERT INTO {_q('r:' + res.name)} VALUES ({marks})",
                             [(package.name, *(_cell(table_row.get(field.name, ""), field.type) for field in res.fields)) for table_row in res.rows])
    database.commit()
    database.close()


def merge_dbs(pieces: list[Path], out: Path) -> None:
    """The database of every package: the pieces of `package_db`, in package order. One table per
    resource name (final_summary, sections, …) with the union of the columns, `package` first, in
    the order they first appear. Pieces are attached ATTACH_AT_ONCE at a time."""
    out.unlink(missing_ok=True)
    database = sqlite3.connect(out, isolation_level=None, cached_statements=1024)  # transactions as written below
    database.execute("PRAGMA journal_mode=OFF")
    database.execute("PRAGMA synchronous=OFF")
    database.executescript(SCHEMA)
    database.executemany("INSERT INTO measures VALUES (?, ?)", sorted(load_vocabulary().items()))
    columns: dict[str, list[str]] = {}
    for start in range(0, len(pieces), ATTACH_AT_ONCE):
        batch = range(len(pieces[start:start + ATTACH_AT_ONCE]))
        for slot in batch:
            database.execute(f"ATTACH DATABASE ? AS p{slot}", (str(pieces[start + slot]),))
        database.execute("BEGIN")
        for table in _CORE:
            database.execute(f"INSERT INTO main.{table} " + " UNION ALL ".join(f"SELECT * FROM p{slot}.{table}" for slot in batch))
        found: dict[str, dict[int, list[tuple[str, str]]]] = {}
        for slot in batch:
            for table, name, type_ in database.execute(
                    f"SELECT m.name, c.name, c.type FROM p{slot}.sqlite_master AS m, pragma_table_info(m.name, 'p{slot}') AS c "
                    "WHERE m.type = 'table' AND m.name LIKE 'r:%' AND c.cid > 0 ORDER BY m.name, c.cid"):
                found.setdefault(table[2:], {}).setdefault(slot, []).append((name, type_))
        for table in sorted(found):
            _add_columns(database, table, columns, [col for slot in sorted(found[table]) for col in found[table][slot]])
            for slot, cols in sorted(found[table].items()):
                names = ", ".join(["package"] + [_q(name) for name, _ in cols])
                database.execute(f"INSERT INTO main.{_q(table)} ({names}) SELECT {names} FROM p{slot}.{_q('r:' + table)}")
        database.execute("COMMIT")
        for slot in batch:
            database.execute(f"DETACH DATABASE p{slot}")
    database.close()


def _add_columns(database: sqlite3.Connection, table: str, columns: dict[str, list[str]], cols: list[tuple[str, str]]) -> None:
    """Create `table` with `cols`, or add those it lacks."""
    if table not in columns:
        columns[table] = list(dict.fromkeys(name for name, _ in cols))
        types = dict(reversed(cols))  # the first type given for each column
        decl = ", ".join(f"{_q(name)} {types[name]}" for name in columns[table])
        database.execute(f"CREATE TABLE {_q(table)} (package TEXT REFERENCES packages, {decl})")
        return
    for name, type_ in cols:
        if name not in columns[table]:
            columns[table].append(name)
            database.execute(f"ALTER TABLE {_q(table)} ADD COLUMN {_q(name)} {type_}")
