"""The site's data as pandas DataFrames: the disclosures, their headline figures (facts), any
table and the findings, of one disclosure or of the whole data set.

`where` is a packages folder (`data/packages`, every disclosure under it) or one package folder
(`data/packages/530400-zuzhibu/2020-final`); `department`, `year` and `kind` narrow the
disclosures read. Every row starts with the disclosure it comes from (`package`, `department`,
`department_name`, `fiscal_year`, `disclosure_kind`, `scope`). Amounts stay exact: number
columns hold `decimal.Decimal` (sum them as they are; `.astype(float)` for plotting), integer
columns pandas' nullable `Int64`, empty cells `None`.
"""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pandas as pd

from generator.model.codes import CodeList
from generator.model.facts import FIELD_ORDER
from generator.model.packages import Package, find_packages, read_package
from generator.validate.api import validate_package

KEYS = ["package", "department", "department_name", "fiscal_year", "disclosure_kind", "scope"]
FINDING_COLUMNS = ["rule", "class", "message", "difference", "tolerance", "unit", "line", "page"]


def _roots(where: str | Path) -> list[Path]:
    where = Path(where)
    return [where] if (where / "datapackage.json").is_file() else find_packages(where)


def _packages(where: str | Path, department: str | None, year: int | None, kind: str | None) -> list[Package]:
    """The packages under `where` whose descriptor says the department, year and kind asked for."""
    chosen = []
    for root in _roots(where):
        desc = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
        if ((department is None or desc["department"]["id"] == department)
                and (year is None or desc["fiscal_year"] == year) and (kind is None or desc["kind"] == kind)):
            chosen.append(read_package(root))
    return chosen


def _keys(package: Package) -> dict:
    return {"package": package.name, "department": package.department_id, "department_name": package.department_name,
            "fiscal_year": package.year, "disclosure_kind": package.kind, "scope": package.scope}


def _cell(text: str | None, type_: str):
    if text in (None, ""):
        return None
    if type_ == "number":
        return Decimal(text)
    if type_ == "integer":
        return int(text)
    return text


def _frame(rows: list[dict], columns: list[str], integers: set[str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns)
    for name in integers & set(columns):
        frame[name] = frame[name].astype("Int64")
    return frame


def packages(where: str | Path = "data/packages", *, department: str | None = None, year: int | None = None,
             kind: str | None = None) -> pd.DataFrame:
    """One row per disclosure: its keys, title, source document and number of tables."""
    rows = [{**_keys(package), "title": package.title, "source": package.source.get("path", ""), "sha256": package.source.get("sha256", ""),
             "tables": len(package.tables), "path": str(package.root)}
            for package in _packages(where, department, year, kind)]
    return _frame(rows, [*KEYS, "title", "source", "sha256", "tables", "path"], {"fiscal_year", "tables"})


def tables(where: str | Path = "data/packages", *, department: str | None = None, year: int | None = None,
           kind: str | None = None) -> pd.DataFrame:
    """One row per table of each disclosure, in printed order: `name` (what `table()` takes),
    `id` (the layout, `generic` for a table kept as printed), number, title, unit and rows."""
    rows = [{**_keys(package), "name": table.name, "id": table.table.get("id", ""), "number": table.table.get("number", ""),
             "title": table.meta.get("title", ""), "unit": table.table.get("unit", ""), "rows": len(table.rows)}
            for package in _packages(where, department, year, kind) for table in package.tables]
    return _frame(rows, [*KEYS, "name", "id", "number", "title", "unit", "rows"], {"fiscal_year", "rows"})


def table(name: str, where: str | Path = "data/packages", *, department: str | None = None, year: int | None = None,
          kind: str | None = None) -> pd.DataFrame:
    """The rows of the table `name` (a layout id such as `final_summary`, or `generic_01`…) of every
    disclosure that has it, columns as the package's schema names them (the printed headers are
    the schema titles: `column_titles()`)."""
    rows, columns, integers = [], list(KEYS), {"fiscal_year"}
    for package in _packages(where, department, year, kind):
        resource = package.resource(name)
        if resource is None or not resource.table:
            continue
        types = {field.name: field.type for field in resource.fields}
        columns += [field.name for field in resource.fields if field.name not in columns]
        integers |= {field_name for field_name, field_type in types.items() if field_type == "integer"}
        rows += [{**_keys(package), **{key: _cell(value, types.get(key, "string")) for key, value in row.items()}}
                 for row in resource.rows]
    return _frame(rows, columns, integers)


def column_titles(name: str, where: str | Path = "data/packages", *, department: str | None = None,
                  year: int | None = None, kind: str | None = None) -> dict[str, str]:
    """Column name → the header the first disclosure with table `name` prints for it."""
    for package in _packages(where, department, year, kind):
        resource = package.resource(name)
        if resource is not None:
            return {field.name: field.title for field in resource.fields}
    return {}


def facts(where: str | Path = "data/packages", *, department: str | None = None, year: int | None = None,
          kind: str | None = None) -> pd.DataFrame:
    """Every headline figure (facts.csv, docs/package-format.md): `measure`, `kind` of figure,
    `year` the figure is about, exact `value` in `unit`, and where it is printed."""
    rows = [{**_keys(package), **{field: getattr(fact, field) for field in FIELD_ORDER}}
            for package in _packages(where, department, year, kind) for fact in package.facts]
    return _frame(rows, [*KEYS, *FIELD_ORDER], {"fiscal_year", "year", "line", "page"})


def findings(where: str | Path = "data/packages", *, department: str | None = None, year: int | None = None,
             kind: str | None = None) -> pd.DataFrame:
    """What `transparency validate` finds in each disclosure, one row per finding: `rule`,
    `class` (inconsistency, rounding or notice: docs/validation.md), `message`, the `difference`
    and the `tolerance` rounding allows, and the line and page it concerns."""
    codes = CodeList.load()
    rows = []
    for package in _packages(where, department, year, kind):
        report = validate_package(package.root, codes)
        rows += [{**_keys(package), "rule": finding.rule, "class": finding.cls, "message": finding.message, "difference": finding.difference,
                  "tolerance": finding.tolerance, "unit": finding.unit, "line": finding.line, "page": finding.page}
                 for finding in report.findings]
    return _frame(rows, [*KEYS, *FINDING_COLUMNS], {"fiscal_year", "line", "page"})
