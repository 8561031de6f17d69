"""A tabular resource as an accessible HTML table: headers, formatted cells, row anchors."""
from __future__ import annotations

from dataclasses import dataclass

from generator.site.formatting import number, yuan
from generator.site.packages import Resource, decimal_or_none

HIDDEN = {"row"}  # the printed row number is the anchor, not a column
TOTAL_NAMES = {"合计", "总计", "本年收入合计", "本年支出合计"}


LABELS = {"name", "item", "term", "project"}  # the column that names a row (a row header)


@dataclass(frozen=True)
class Cell:
    text: str
    numeric: bool = False
    header: bool = False


@dataclass(frozen=True)
class Row:
    anchor: str
    cells: tuple[Cell, ...]
    level: int = 0  # 1 类, 2 款, 3 项 for classification codes
    total: bool = False


@dataclass(frozen=True)
class TableView:
    anchor: str
    caption: str
    unit_note: str
    note: str
    empty: bool
    headers: tuple[str, ...]
    numeric: tuple[bool, ...]
    rows: tuple[Row, ...]
    downloads: tuple  # the Download files of this resource


def code_level(code: str) -> int:
    """Classification level from code length: 3 → 类, 5 → 款, 7 → 项 (economic: 3 → 类, 5 → 款)."""
    return {3: 1, 5: 2, 7: 3}.get(len(code.strip()), 0)


def row_anchor(resource: str, row: str) -> str:
    """The id of a table row on the disclosure page: `<resource>-r<printed row>`."""
    return f"{resource}-r{row}"


def view(resource: Resource, downloads: tuple) -> TableView:
    """Render one resource: amounts in 元 with separators exactly as stored, text escaped later by jinja."""
    fields = [f for f in resource.fields if f.name not in HIDDEN]
    rows = []
    for i, raw in enumerate(resource.rows):
        cells = []
        for f in fields:
            text = raw.get(f.name, "")
            if f.type == "number":
                # rows with a count unit (辆, 人次 …) hold counts; all other amounts are in 元
                value = decimal_or_none(text)
                cells.append(Cell(number(value, "") if raw.get("unit") and value is not None else yuan(value), True))
            else:
                cells.append(Cell(text, header=f.name in LABELS))
        label = raw.get("name") or raw.get("item") or ""
        rows.append(Row(row_anchor(resource.name, raw.get("row") or str(i + 1)), tuple(cells), code_level(raw.get("code", "")),
                        label.replace(" ", "") in TOTAL_NAMES))
    table = resource.table
    unit = table.get("unit") or ""
    title = table.get("title") or resource.meta.get("title") or resource.name
    number = table.get("number") or ""
    return TableView(
        anchor=resource.name,
        caption=f"{number} {title}".strip(),
        unit_note=f"金额单位：元（原表：{unit}）" if unit and unit != "元" else "金额单位：元",
        note=table.get("note") or "",
        empty=bool(table.get("empty")) or not resource.rows,
        headers=tuple(f.title for f in fields),
        numeric=tuple(f.type == "number" for f in fields),
        rows=tuple(rows),
        downloads=downloads,
    )


def fact_anchor(source: str) -> str:
    """Where a figure stands on the page: `table:<id>:row <n>:<col>` → `<id>-r<n>`, `section:<id>` → `sec-<id>`."""
    parts = source.split(":")
    if parts[0] == "table" and len(parts) >= 3:
        row = parts[2].replace("row", "").strip()
        return f"{parts[1]}-r{row}"
    if parts[0] == "section" and len(parts) >= 2:
        return f"sec-{parts[1]}"
    return ""
