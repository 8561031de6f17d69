"""Downloads that explain themselves. For people: each table as CSV (UTF-8 with BOM, for Excel)
and XLSX with the Chinese column titles, the unit in each amount's title (合计（元）); all tables
of a disclosure in one ZIP (those CSV files and one workbook of every table). For machines: the
table as JSON (ids, titles and units of the fields) and the data package as ZIP, its files
unchanged. Every ZIP holds a README (what, unit, source, licence, how to cite) and a LICENSE; the
findings of each disclosure as CSV and JSON. Values are the package's, unchanged, but for a CSV
cell that a spreadsheet would run as a formula (spreadsheet.py)."""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from generator.model.packages import Package, Resource, inside
from generator.site.spreadsheet import safe_row
from generator.site.validation import FindingView
from generator.site.xlsx import PLAIN_NUMBER, Column, Sheet, workbook
from generator.site.zipfiles import stable_zip

BOM = b"\xef\xbb\xbf"
SITE_NAME = "预算公开数据"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENSE_TEXT = f"""数据许可 / Data licence

本压缩包中的数据（CSV、XLSX、JSON、datapackage.json）按知识共享署名 4.0 国际许可协议
（CC-BY-4.0）提供：{LICENCE_URL}
使用时请署名“Budget transparency contributors（{SITE_NAME}）”，注明部门与年度，并链接源文件。

The data in this archive are licensed under Creative Commons Attribution 4.0 International
(CC-BY-4.0), {LICENCE_URL}. Attribute as "Budget transparency contributors", name the department
and year of the disclosure, and link to the source document.

源文件（source/ 目录）是各部门依法公开的文件，原样收录，仅供查阅与核对，本项目不对其主张任何权利；
其权威版本以发布部门公布的为准。数字与原文一致，包括原文的笔误与不一致之处。
The source documents are public disclosures of the departments named in them, reproduced unchanged
for reference; this project claims no rights in them.
"""
NOT_SHEETS = {"facts", "sections", "glossary"}  # long text and the long list of figures: CSV and JSON only
FINDING_COLUMNS = [("rule", "规则"), ("class", "类别"), ("message", "说明"), ("difference", "差额"),
                   ("tolerance", "容差"), ("figures", "涉及的数字"), ("line", "原文行")]


@dataclass(frozen=True)
class Download:
    path: str  # site path, e.g. downloads/530400-zuzhibu/2020-final/tables/final_summary.csv
    label: str
    size: int | None  # bytes; None when not known to the pages (the database, made while they render)


def package_dir(package: Package) -> str:
    return f"downloads/{package.department_id}/{package.slug}"


def table_title(resource: Resource) -> str:
    """The table's Chinese title (公开01表 收入支出决算总表), else the resource's title, else its name."""
    table = resource.table
    title = table.get("title") or resource.meta.get("title") or resource.name
    return f"公开{table['number']}表 {title}" if table.get("number") else title


def unit_of(resource: Resource, field) -> str:
    """The unit a field's numbers are in: amounts of a table are in 元 (a row with a count unit,
    辆 or 人次, holds a count); other numbers say theirs in their title or in a unit column."""
    if not resource.table or field.type != "number":
        return ""
    return "元；注明计量单位的行为数量" if any(each.name == "unit" for each in resource.fields) else "元"


def people_title(resource: Resource, field) -> str:
    """A column's title for people: the printed header path, and the unit (合计（元）)."""
    unit = unit_of(resource, field)
    return field.title + (f"（{unit}）" if unit else "")


def _columns(resource: Resource) -> list[Column]:
    cols = []
    for field in resource.fields:
        path = [part for part in field.title.split("/") if part] or [field.name]
        unit = unit_of(resource, field)
        if unit:
            path[-1] += f"（{unit}）"
        kind = ("money" if unit else "number") if field.type == "number" else "integer" if field.type == "integer" else "text"
        cols.append(Column(tuple(path), kind))
    return cols


def source_note(package: Package) -> str:
    """The source in words: file, SHA-256 and the publisher's address when known."""
    source = package.source
    name = Path(str(source.get("path") or "")).name
    parts = [f"来源：{package.title}"] + ([f"源文件 {name}"] if name else [])
    if source.get("sha256"):
        parts.append(f"SHA-256 {source['sha256']}")
    if source.get("url"):
        parts.append(f"原始地址 {source['url']}")
    return "；".join(parts)


def csv_for_people(package: Package, resource: Resource) -> bytes:
    """The table for Excel: a BOM, the Chinese titles with units, then the package's rows (a cell
    that would run as a formula gets a leading ', spreadsheet.py)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(safe_row([people_title(resource, field) for field in resource.fields]))
    writer.writerows(safe_row([row.get(field.name, "") for field in resource.fields]) for row in resource.rows)
    return BOM + buf.getvalue().encode("utf-8")


def _sheet(package: Package, resource: Resource) -> Sheet:
    unit = (resource.table.get("unit") or "") if resource.table else ""
    note = ("金额单位：元" + (f"（原表：{unit}）" if unit and unit != "元" else "") + "。" if resource.table else "")
    return Sheet(table_title(resource), f"{package.title} · {table_title(resource)}", note + source_note(package),
                 _columns(resource), [[row.get(field.name, "") for field in resource.fields] for row in resource.rows])


def xlsx(package: Package, resource: Resource) -> bytes:
    """One sheet: title and source, the header as printed (merged), then the rows, numbers as numbers."""
    return workbook([_sheet(package, resource)])


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
    """The resource as JSON: package, resource, table, fields (id, title, type, unit), then the rows, one per line."""
    keys = [(json.dumps(field.name, ensure_ascii=False) + ": ", field.name, field.type) for field in resource.fields]
    rows = ["{" + ", ".join(key + _json_value(row.get(name, ""), type_) for key, name, type_ in keys) + "}"
            for row in resource.rows]
    head = {
        "package": package.name,
        "resource": resource.name,
        "title": table_title(resource),
        **({"table": resource.table} if resource.table else {}),
        "fields": [{"name": field.name, "title": field.title, "type": field.type,
                    **({"unit": unit} if (unit := unit_of(resource, field)) else {})} for field in resource.fields],
    }
    body = ",\n".join(rows)
    return (json.dumps(head, ensure_ascii=False)[:-1] + ', "rows": [\n' + body + "\n]}\n").encode("utf-8")


def readme(package: Package, contents: str) -> bytes:
    """README.md of a disclosure's ZIP: what it holds, unit, source, licence, how to cite."""
    source = package.source
    tables = "\n".join(f"- {table_title(resource)}（{resource.name}）" for resource in package.resources if resource.table)
    url = source.get("url") or ""
    cite = (f"{package.department_name}：《{package.title}》。{SITE_NAME}，数据包 {package.name}，"
            f"CC-BY-4.0。" + (f"原文：{url}" if url else f"源文件 SHA-256 {source.get('sha256', '')}"))
    return f"""# {package.title}

{contents}

## 单位

金额单位为元，保留两位小数，由原表所列单位（如万元）精确换算；空单元格表示原表未填或为“—”。
注明计量单位（辆、人次等）的行为数量。科目编码为文本。

## 表格

{tables or "（无表格）"}

## 来源

- 源文件：{Path(str(source.get("path") or "")).name or "—"}
- SHA-256：{source.get("sha256") or "—"}
- 原始地址：{url or "未记录"}

## 许可

数据：CC-BY-4.0（见 LICENSE.txt）。源文件为政府公开文件，原样收录，仅供查阅与核对。

## 引用

{cite}
""".encode("utf-8")


def _notices(package: Package, contents: str) -> list[tuple[str, bytes]]:
    return [("README.md", readme(package, contents)), ("LICENSE.txt", LICENSE_TEXT.encode("utf-8"))]


def package_zip(package: Package) -> bytes:
    """Every file of the package folder, sorted, under `<package name>/`, with README and LICENSE."""
    files = sorted(path for path in package.root.rglob("*") if path.is_file())
    notices = _notices(package, "Frictionless 数据包：datapackage.json 描述每个 CSV 文件的字段（编号、中文标题、类型），"
                                "tables/ 为各表，facts.csv 为主要数字，source/ 为源文件。")
    return stable_zip([(f"{package.name}/{name}", data) for name, data in notices]
                      + [(f"{package.name}/{path.relative_to(package.root).as_posix()}", path.read_bytes()) for path in files])


def _file_name(title: str) -> str:
    return "".join("_" if char in '/\\:*?"<>|' or ord(char) < 32 else char for char in title).strip() or "表"


def tables_zip(package: Package, findings: list[FindingView], made: dict[str, tuple[bytes, bytes]]) -> bytes:
    """All tables of a disclosure for people: each table's CSV and XLSX (`made`: {resource name:
    (csv, xlsx)}) named by its title, the findings, README and LICENSE."""
    tables = [resource for resource in package.resources if resource.table]
    entries = [(f"{package.name}/{number:02d} {_file_name(table_title(res))}.{ext}", made[res.name][index])
               for number, res in enumerate(tables, start=1) for index, ext in enumerate(("csv", "xlsx"))]
    entries += [(f"{package.name}/核对发现.csv", findings_csv(package, findings)),
                (f"{package.name}/核对发现.json", findings_json(package, findings))]
    notices = _notices(package, "全部表格：每张表一个 CSV 文件（UTF-8 带 BOM，Excel 可直接打开，列名为中文并注明单位）"
                                "与一个 XLSX 文件（原表的多级表头、冻结表头、千分位金额）；核对发现.csv/.json 为自动核对的结果。")
    return stable_zip([(f"{package.name}/{name}", data) for name, data in notices] + entries)


def finding_records(package: Package, findings: list[FindingView]) -> list[dict]:
    return [{"package": package.name, "rule": finding.rule, "class": finding.cls, "message": finding.message,
             "difference": finding.difference, "tolerance": finding.tolerance,
             "figures": "; ".join(f"{figure.label} {figure.value} ({figure.source})" for figure in finding.figures), "line": finding.line}
            for finding in findings]


def finding_rows(package: Package, findings: list[FindingView]) -> bytes:
    """The findings as CSV rows, without header (site-wide: pieces joined under FINDINGS_HEADER)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerows(safe_row([record[key] for key in ["package"] + [column for column, _ in FINDING_COLUMNS]])
                     for record in finding_records(package, findings))
    return buf.getvalue().encode("utf-8")


FINDINGS_HEADER = ",".join(["公开文件（package）"] + [f"{title}（{column}）" for column, title in FINDING_COLUMNS]) + "\n"


def findings_csv(package: Package, findings: list[FindingView]) -> bytes:
    return BOM + FINDINGS_HEADER.encode("utf-8") + finding_rows(package, findings)


def findings_json(package: Package, findings: list[FindingView]) -> bytes:
    return (json.dumps({"package": package.name, "title": package.title, "findings": finding_records(package, findings)},
                       ensure_ascii=False, indent=1) + "\n").encode("utf-8")


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


def write_package_downloads(writer: Writer, package: Package, findings: list[FindingView]) -> dict[str, list[Download]]:
    """All downloads of one package → {resource name: [csv, xlsx, json]} plus 'zip' (the data
    package), 'tables' (all tables), 'findings' (CSV, JSON) and 'source'."""
    base = package_dir(package)
    out: dict[str, list[Download]] = {}
    made: dict[str, tuple[bytes, bytes]] = {}
    for res in package.resources:
        stem = f"{base}/{Path(res.path).stem}"
        people = csv_for_people(package, res)
        out[res.name] = [writer.write(f"{stem}.csv", people, "CSV")]
        if res.name not in NOT_SHEETS:
            made[res.name] = (people, xlsx(package, res))
            out[res.name].append(writer.write(f"{stem}.xlsx", made[res.name][1], "XLSX"))
        out[res.name].append(writer.write(f"{stem}.json", as_json(package, res), "JSON"))
    out["zip"] = [writer.write(f"{base}/{package.name}.zip", package_zip(package), "ZIP")]
    out["tables"] = [writer.write(f"{base}/{package.name}-tables.zip", tables_zip(package, findings, made),
                                  "全部表格 ZIP")]
    out["findings"] = [writer.write(f"{base}/findings.csv", findings_csv(package, findings), "CSV"),
                       writer.write(f"{base}/findings.json", findings_json(package, findings), "JSON")]
    source = package.source.get("path")
    if source:
        out["source"] = [writer.link(f"{base}/source/{Path(source).name}", inside(package.root, source),
                                     Path(source).suffix.lstrip(".").upper() or "源文件")]
    return out
