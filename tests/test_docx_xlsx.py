"""Word and Excel sources: a .docx and an .xlsx written here that reproduce the tables of
corpus file 003 (merged header cells included) import to the table CSVs the .txt gives."""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from generator.ingest.formats.docx import read_docx
from generator.ingest.formats.text import parse_lines, read_text
from generator.ingest.formats.xlsx import read_xlsx
from generator.ingest.importer import import_document
from generator.ingest.items import DocumentError, Paragraph, Row
from generator.model.tables import spec_for_title
from tests.conftest import ROOT, corpus_path

REGISTRY = ROOT / "data" / "departments.csv"
AMOUNT = re.compile(r"^-?\d{1,3}(?:,\d{3})*\.\d{2}$")


def _blocks() -> list[Paragraph | list[Row]]:
    """Corpus file 003 as paragraphs and tables (runs of rows)."""
    out: list[Paragraph | list[Row]] = []
    for item in parse_lines(read_text(corpus_path("003"))):
        if isinstance(item, Row):
            if out and isinstance(out[-1], list):
                out[-1].append(item)
            else:
                out.append([item])
        else:
            out.append(item)
    return out


def _merges(rows: list[list[str]]) -> list[tuple[int, int, int, int]]:
    """(top, left, bottom, right) of the header cells a spreadsheet merges: a label over the
    blank cells right of it where the row below labels them (a group), else down over the
    blank cells below it. The body starts at the first row printing an amount."""
    body = next((k for k, r in enumerate(rows) if any(AMOUNT.match(c) for c in r)), len(rows))
    taken: set[tuple[int, int]] = set()
    merges = []
    for k in range(body):
        cells = rows[k]
        for j, label in enumerate(cells):
            if not label or (k, j) in taken:
                continue
            right = j
            while right + 1 < len(cells) and not cells[right + 1] and (k, right + 1) not in taken:
                right += 1
            below = rows[k + 1] if k + 1 < body else []
            if right > j and any(below[j:right + 1]):
                merges.append((k, j, k, right))
                taken |= {(k, c) for c in range(j, right + 1)}
                continue
            down = k
            while down + 1 < body and j < len(rows[down + 1]) and not rows[down + 1][j] and (down + 1, j) not in taken:
                down += 1
            if down > k:
                merges.append((k, j, down, j))
                taken |= {(r, j) for r in range(k, down + 1)}
    return merges


def _grid(rows: list[Row]) -> list[list[str]]:
    width = max(len(r.cells) for r in rows)
    return [r.cells + [""] * (width - len(r.cells)) for r in rows]


def write_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    for block in _blocks():
        if isinstance(block, Paragraph):
            document.add_paragraph(block.text)
            continue
        rows = _grid(block)
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        for row, cells in zip(table.rows, rows):
            for cell, text in zip(row.cells, cells):
                if text:
                    cell.text = text
        for top, left, bottom, right in _merges(rows):
            table.cell(top, left).merge(table.cell(bottom, right)).text = rows[top][left]
    document.save(path)


def write_xlsx(path: Path) -> None:
    """One sheet per standard table (a new sheet at each table's title), amounts as numbers."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet, line = book.active, 0
    for block in _blocks():
        if isinstance(block, Paragraph):
            if spec_for_title(block.text) and line:
                sheet, line = book.create_sheet(), 0
            line += 1
            sheet.cell(line, 1, block.text)
            continue
        rows = _grid(block)
        for cells in rows:
            line += 1
            for j, text in enumerate(cells, start=1):
                if AMOUNT.match(text):
                    sheet.cell(line, j, float(text.replace(",", ""))).number_format = "#,##0.00"
                elif text:
                    sheet.cell(line, j, text)
        for top, left, bottom, right in _merges(rows):
            first = line - len(rows) + 1
            sheet.merge_cells(start_row=first + top, start_column=left + 1, end_row=first + bottom, end_column=right + 1)
    book.save(path)


def _table_csvs(package: Path) -> dict[str, list[dict]]:
    out = {}
    for path in sorted((package / "tables").glob("*.csv")):
        with open(path, encoding="utf-8") as fh:
            out[path.name] = [{k: v for k, v in r.items() if k not in ("source_line", "source_page")}
                              for r in csv.DictReader(fh)]
    return out


def _import(source: Path, out: Path) -> Path:
    messages: list[str] = []
    assert import_document(source, out=out, registry=REGISTRY, echo=messages.append) == 0, messages
    (desc,) = out.glob("*/*/datapackage.json")
    return desc.parent


@pytest.fixture(scope="module")
def from_text(tmp_path_factory) -> Path:
    return _import(corpus_path("003"), tmp_path_factory.mktemp("txt"))


@pytest.mark.parametrize("suffix, write", [(".docx", write_docx), (".xlsx", write_xlsx)])
def test_same_table_csvs_as_the_text_export(tmp_path, from_text, suffix, write):
    source = tmp_path / f"003{suffix}"
    write(source)
    package = _import(source, tmp_path / "out")
    def standard(tables: dict) -> dict:
        return {name: rows for name, rows in tables.items() if not name.startswith("generic_")}

    assert standard(_table_csvs(package)) == standard(_table_csvs(from_text))
    assert len(standard(_table_csvs(package))) == 9
    # 公开10/11 (narrative and indicators in table cells) are kept as printed: each format prints
    # its merged cells (and the rows between the two tables) its own way, so only their text is the same
    generic = {k: v for k, v in _table_csvs(package).items() if k not in standard(_table_csvs(package))}
    cells = " ".join(c for rows in generic.values() for r in rows for c in r.values())
    assert generic and "年初编制预算时同步设定部门整体绩效目标和项目绩效目标" in cells
    desc = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    assert desc["source"]["format"] == suffix[1:] and desc["kind"] == "final"


def test_the_test_files_really_merge_header_cells(tmp_path):
    write_docx(tmp_path / "003.docx")
    write_xlsx(tmp_path / "003.xlsx")
    import docx
    import openpyxl

    spans = [tc for table in docx.Document(str(tmp_path / "003.docx")).tables
             for tc in table._tbl.iter() if tc.tag.endswith("}gridSpan") or tc.tag.endswith("}vMerge")]
    book = openpyxl.load_workbook(tmp_path / "003.xlsx")
    assert spans and sum(len(s.merged_cells.ranges) for s in book.worksheets) > 10 and len(book.worksheets) >= 9


def test_merged_cells_are_read_once(tmp_path):
    import docx
    import openpyxl

    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "项目"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "本年支出"
    table.cell(1, 1).text, table.cell(1, 2).text = "合计", "基本支出"
    for j, text in enumerate(("合计", "10.00", "4.00")):
        table.cell(2, j).text = text
    document.save(tmp_path / "m.docx")
    book = openpyxl.Workbook()
    for r, row in enumerate((["项目", "本年支出", None], [None, "合计", "基本支出"], ["合计", 10, 4]), start=1):
        for c, value in enumerate(row, start=1):
            book.active.cell(r, c, value)
    book.active.merge_cells("A1:A2")
    book.active.merge_cells("B1:C1")
    book.save(tmp_path / "m.xlsx")
    expected = [["项目", "本年支出", ""], ["", "合计", "基本支出"], ["合计", "10.00", "4.00"]]
    assert [i.cells for i in read_docx(tmp_path / "m.docx")] == expected
    assert [i.cells for i in read_xlsx(tmp_path / "m.xlsx")] == [*expected[:2], ["合计", "10", "4"]]


@pytest.mark.parametrize("suffix, reader", [(".docx", read_docx), (".xlsx", read_xlsx)])
def test_a_broken_file_is_a_clear_error(tmp_path, suffix, reader):
    path = tmp_path / f"broken{suffix}"
    path.write_bytes(b"not a zip")
    with pytest.raises(DocumentError, match="not a readable"):
        reader(path)


def test_each_sheet_of_a_workbook_is_a_table_of_its_own(tmp_path):
    """A workbook of one table per sheet, the second with no title row (its name says which
    table it is): two tables, not one; a title row not of the known sets is a title, not a row."""
    import openpyxl

    from generator.ingest.items import Table, group_tables
    from generator.ingest.tables.generic import read_generic_table
    from generator.ingest.tables.generic_facts import generic_facts

    book = openpyxl.Workbook()
    first = book.active
    first.title = "表1 收支总表"
    for row in (["2026年部门收支总体情况表"], ["单位：万元"], ["项目", "预算数", "项目", "预算数"],
                ["一般公共预算拨款收入", "100.00", "一般公共服务支出", "100.00"],
                ["收入总计", "100.00", "支出总计", "100.00"]):
        first.append(row)
    second = book.create_sheet("表2 收入总表")
    for row in (["单位：万元"], ["科目编码", "科目名称", "合计", "一般公共预算"], ["", "合计", "100.00", "100.00"],
                ["201", "一般公共服务支出", "100.00", "100.00"]):
        second.append(row)
    book.save(tmp_path / "budget.xlsx")
    tables = [read_generic_table(b, "budget.xlsx", []) for b in group_tables(read_xlsx(tmp_path / "budget.xlsx"))
              if isinstance(b, Table)]
    assert [t.title for t in tables] == ["2026年部门收支总体情况表", "表2 收入总表"]
    got = {f.measure: str(f.value) for f in generic_facts(tables, 2026)}
    assert (got["total_income_expenditure"], got["income_total"]) == ("1000000.00", "1000000.00")


def test_a_word_tables_title_and_unit_rows_are_its_caption(tmp_path):
    """A Word table carrying its title and its 部门/单位 line in its own first rows (merged
    across the table): paragraphs above the table, as in the PDF and text sources."""
    import docx

    from generator.ingest.items import Table, group_tables
    from generator.ingest.tables.generic import read_generic_table

    document = docx.Document()
    grid = document.add_table(rows=5, cols=4)
    grid.cell(0, 0).merge(grid.cell(0, 3)).text = "2026年一般公共预算支出情况表"
    grid.cell(1, 0).merge(grid.cell(1, 1)).text = "部门：某局"
    grid.cell(1, 2).merge(grid.cell(1, 3)).text = "单位：万元"
    for k, row in enumerate((["科目编码", "科目名称", "合计", "基本支出"], ["", "合计", "80.00", "80.00"],
                             ["201", "一般公共服务支出", "80.00", "80.00"]), start=2):
        for j, text in enumerate(row):
            grid.cell(k, j).text = text
    document.save(tmp_path / "budget.docx")
    items = read_docx(tmp_path / "budget.docx")
    assert [i.text for i in items if isinstance(i, Paragraph)] == ["2026年一般公共预算支出情况表", "部门：某局", "单位：万元"]
    (table,) = [b for b in group_tables(items) if isinstance(b, Table)]
    t = read_generic_table(table, "budget.docx", [])
    assert (t.title, t.unit, [c.title for c in t.columns]) == (
        "2026年一般公共预算支出情况表", "万元", ["科目编码", "科目名称", "合计", "基本支出"])
