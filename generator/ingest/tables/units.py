"""Word-form summary tables of a 部门整体支出绩效自评 (收入、支出和结余、“三公”、固定资产):
one row per 机构, header cells merged across columns."""
from __future__ import annotations

import re

from generator.ingest.items import DocumentError, Row, Table
from generator.ingest.tables.standard import StandardTable
from generator.model.money import AmountError, parse_number, to_yuan
from generator.model.tables import UNIT_TABLES, TableSpec, spec_for_title, squash

_UNIT_NOTE = re.compile(r"[（(]\s*(万元|元)\s*[）)]\s*$")
_GROUP = {"其中:", "其中"}


def leaf_labels(header: list[Row], width: int) -> list[str]:
    """The lowest label above each of `width` body columns.

    Word exports collapse horizontally merged cells, so upper header rows are shorter than
    the body. Working upwards, an upper cell takes one column where the row below is blank
    (a vertical merge) and spans the run of labelled columns below it otherwise (a group).
    """
    labels = [""] * width
    for row in reversed(header):
        cells = [squash(text) for text in row.cells]
        col = 0
        for cell in cells:
            if col >= width:
                break
            if not labels[col]:
                if cell and cell not in _GROUP:
                    labels[col] = cell
                col += 1
            else:
                while col < width and labels[col]:
                    col += 1
    return labels


def _spec(title: str, first_value: str) -> TableSpec | None:
    spec = spec_for_title(_UNIT_NOTE.sub("", title)) if title else None
    if spec and spec.shape == "units":
        return spec
    return next((unit_spec for unit_spec in UNIT_TABLES if squash(first_value) in unit_spec.signatures), None)


def read_unit_tables(blocks: list, source_name: str) -> list[StandardTable]:
    """Every 机构名称-keyed summary table found in the document's Word tables."""
    found = []
    for block in blocks:
        if isinstance(block, Table):
            found.extend(_scan(block.rows, source_name))
    return found


def _scan(rows: list[Row], source_name: str) -> list[StandardTable]:
    out, title, unit = [], "", "万元"
    index = 0
    while index < len(rows):
        cells = rows[index].cells
        if len(cells) == 1:
            title = cells[0]
            match = _UNIT_NOTE.search(title)
            unit = match.group(1) if match else unit
            index += 1
            continue
        if squash(cells[0]) != "机构名称":
            index += 1
            continue
        start = index
        index += 1
        while index < len(rows) and not rows[index].cells[0]:
            index += 1  # header rows continue with a blank (vertically merged) first cell
        header = rows[start:index]
        body = []
        while index < len(rows) and len(rows[index].cells) > 1 and rows[index].cells[0] and squash(rows[index].cells[0]) != "机构名称":
            body.append(rows[index])
            index += 1
        width = max((len(row.cells) for row in body), default=0)
        labels = leaf_labels(header, width)
        spec = _spec(title, labels[1] if width > 1 else "")
        title = ""
        if spec is None or not body:
            continue
        out.append(_table(spec, header, body, labels, unit, source_name))
    return out


def _table(spec: TableSpec, header: list[Row], body: list[Row], labels: list[str], unit: str,
           source_name: str) -> StandardTable:
    where = f"{source_name}, line {header[0].line} ({spec.title})"
    columns = {}
    for column, label in enumerate(labels[1:], start=1):
        col = spec.column_for(label) if label else None
        if col is None and label:
            raise DocumentError(f"{where}: column header '{label}' is not known; add it in generator/model/tables.py")
        if col:
            columns[column] = col.id
    rows = []
    for number, row in enumerate(body, start=1):
        values = {}
        for column, cid in columns.items():
            cell = row.cells[column] if column < len(row.cells) else ""
            try:
                value = parse_number(cell)
            except AmountError:
                raise DocumentError(f"{where}, line {row.lines[column]}, field {cid}: '{cell}' is not an amount") from None
            if value is not None:
                values[cid] = to_yuan(value, unit)
        rows.append({"row": number, "unit_name": row.cells[0], **values, "_line": row.line})
    has_values = any(len(row) > 3 for row in rows)
    return StandardTable(spec, "", unit, "", header[0].line, {columns[column]: labels[column] for column in columns},
                         rows, "", not has_values)
