"""A tabular resource as an accessible HTML table: headers, formatted cells, row anchors."""
from __future__ import annotations

from dataclasses import dataclass

from generator.model.packages import Resource, decimal_or_none
from generator.site.formatting import number, yuan

HIDDEN = {"row", "source_line", "source_page"}  # the row number is the anchor; the source line and page
# are in the downloads (the pages a table spans are named above it: `pages`)
PROVENANCE = {"line", "source", "quote", "rate_half_unit", "amount_half_unit"}  # in downloads, not on the page
SIDES = {"收入": "in", "支出": "out"}
TOTAL_NAMES = {"合计", "总计", "本年收入合计", "本年支出合计"}


LABELS = {"name", "item", "term", "project"}  # the column that names a row (a row header)
# Tables whose rows search indexes: the project list (project names). The rows of the others are
# numbers, the classification names every disclosure prints, or indicator texts; their captions are indexed.
SEARCHED_ROWS = {"performance_projects"}


@dataclass(frozen=True)
class Cell:
    text: str
    numeric: bool = False
    header: bool = False
    code: str = ""  # a row header's classification code, shown before its name
    label: str = ""  # the column's title (a phone shows it beside the value)


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
    notes: tuple[str, ...]  # the printed note, verbatim, line by line
    empty: bool
    headers: tuple[str, ...]
    numeric: tuple[bool, ...]
    rows: tuple[Row, ...]
    downloads: tuple  # the Download files of this resource
    searched: bool  # its rows are indexed by search
    pages: tuple[int, ...] = ()  # first and last page of the source document the table is printed on

    @property
    def wide(self) -> bool:
        """More columns than a phone shows side by side: there each row is drawn as a card."""
        return len(self.headers) > 2


def code_level(code: str) -> int:
    """Classification level from code length: 3 → 类, 5 → 款, 7 → 项 (economic: 3 → 类, 5 → 款)."""
    return {3: 1, 5: 2, 7: 3}.get(len(code.strip()), 0)


def row_anchor(resource: str, row: str, side: str = "") -> str:
    """The id of a table row on the page: `<resource>-r<row>`, with `-in`/`-out` for the two sides of a ledger."""
    return f"{resource}-r{row}" + (f"-{SIDES.get(side, side)}" if side else "")


def view(resource: Resource, downloads: tuple) -> TableView:
    """Render one resource: amounts in 元 with separators exactly as stored, text escaped later by jinja."""
    standard = bool(resource.table)
    fields = [field for field in resource.fields if field.name not in HIDDEN and (standard or field.name not in PROVENANCE)
              and any(raw.get(field.name, "").strip() for raw in resource.rows)]  # a column empty in every row is left out
    names = [field.name for field in fields]
    # the code goes into the row header beside the name: one condensed column 科目编码 名称
    code = "code" if "code" in names and any(name in LABELS for name in names) else ""
    fields = [field for field in fields if field.name != code]
    rows = []
    for index, raw in enumerate(resource.rows):
        cells = []
        for field in fields:
            text = raw.get(field.name, "")
            if field.name in LABELS and code:
                cells.append(Cell(text, header=True, code=raw.get(code, "").strip(), label=field.title))
            elif field.type == "number":
                # standard-table rows with a count unit (辆, 人次 …) hold counts; other amounts are in 元
                value = decimal_or_none(text)
                count = standard and raw.get("unit") and value is not None
                cells.append(Cell(number(value) if count else yuan(value), True, label=field.title))
            else:
                cells.append(Cell(text, header=field.name in LABELS, label=field.title))
        label = raw.get("name") or raw.get("item") or ""
        rows.append(Row(row_anchor(resource.name, raw.get("row") or str(index + 1), raw.get("side", "")), tuple(cells), code_level(raw.get("code", "")),
                        label.replace(" ", "") in TOTAL_NAMES))
    table = resource.table
    unit = table.get("unit") or ""
    title = table.get("title") or resource.meta.get("title") or resource.name
    table_number = table.get("number") or ""
    return TableView(
        anchor=resource.name,
        caption=resource.meta.get("title") or title if table.get("generic") else
        f"公开{table_number}表 {title}" if table_number else title,
        unit_note=f"金额单位：元（原表：{unit}）" if unit and unit != "元" else "金额单位：元",
        notes=tuple(line.strip() for line in (table.get("note") or "").splitlines() if line.strip()),
        empty=bool(table.get("empty")) or not resource.rows,
        headers=tuple(f"{code_title} {field.title}" if code and field.name in LABELS and (code_title := _title(resource, code))
                      else field.title for field in fields),
        numeric=tuple(field.type == "number" for field in fields),
        rows=tuple(rows),
        downloads=downloads,
        searched=resource.name in SEARCHED_ROWS,
        pages=_pages(resource),
    )


def _pages(resource: Resource) -> tuple[int, ...]:
    pages = sorted({int(page) for raw in resource.rows if (page := raw.get("source_page", "").strip()).isdigit()})
    return (pages[0], pages[-1]) if pages else ()


def _title(resource: Resource, name: str) -> str:
    return next((field.title for field in resource.fields if field.name == name), "")


def fact_anchor(source: str) -> str:
    """Where a figure stands on the page: `table:<id>:row <n>[ <side>]:<col>` → the row, `section:<id>` → `sec-<id>`,
    `<resource>:…` → that resource's table."""
    parts = source.split(":")
    if parts[0] == "table" and len(parts) >= 3 and parts[2].startswith("row "):
        row, _, side = parts[2][len("row "):].partition(" ")
        return row_anchor(parts[1], row, side)
    if parts[0] == "section" and len(parts) >= 2:
        return f"sec-{parts[1]}"
    if len(parts) >= 2 and parts[0].isidentifier():
        return parts[0]  # another resource of the package (performance_projects:…): its table
    return ""
