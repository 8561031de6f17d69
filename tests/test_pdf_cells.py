"""Characters of a PDF table into cells (ingest/formats/pdf.py): a header printed wider than its
cell, read from a real page."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from generator.ingest.formats.pdf import _Assembler, _read_page
from generator.ingest.items import Row, Table, group_tables
from generator.ingest.tables.generic import read_generic_table
from generator.ingest.tables.generic_facts import generic_facts
from tests.conftest import SHARED, needs_shared

XIAN_2019 = SHARED / "corpus" / "wild" / "sn-西安市安全生产监督管理局2019年部门综合预算公开报表.pdf"


def _page_items(path: Path, number: int) -> list:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        page = pdf.pages[number - 1]
        return _Assembler({number: (page.width, page.height)}).run([_read_page(page, number)])


@needs_shared(XIAN_2019)
def test_a_header_overflowing_its_cell_stays_in_the_cell_holding_its_middle():
    """西安 2019 表13 (p.32): '公务用车购置及运行维护费' is drawn from inside the 公务接待费 cell to
    inside the 会议费 cell; read character by character it gave '公公务接待费', '务用车购置及运行维护'
    and '费会议费', and the figures under them were lost."""
    items = _page_items(XIAN_2019, 32)
    header = [c for r in [i for i in items if isinstance(i, Row)][:4] for c in r.cells]
    assert {"公务接待费", "公务用车购置及运行维护费", "会议费", "因公出国（"} <= set(header)
    (table,) = [t for t in group_tables(items) if isinstance(t, Table)]
    t = read_generic_table(table, "xian.pdf", [])
    got = {(f.measure, f.year): str(f.value) for f in generic_facts([t], 2019)}
    assert got[("three_public_total", 2019)] == "283800.00"  # 28.38 万元 = 4.38 + 24.00, nothing abroad
    assert got[("three_public_reception", 2019)] == "43800.00"
    assert got[("three_public_vehicles", 2019)] == "240000.00"
    assert got[("three_public_vehicle_operation", 2019)] == "240000.00"  # its header clipped: '公务用车运行维护'
    assert got[("meeting_costs", 2019)] == "190600.00"
    assert got[("three_public_vehicles", 2018)] == "212200.00"


XIAN_2022 = SHARED / "corpus" / "wild" / "sn-西安市气象局2022年部门综合预算.pdf"


@needs_shared(XIAN_2019)
def test_a_table_number_and_title_ruled_above_the_table_are_its_caption():
    """西安 2019 p.29: '表11' and '2019年部门综合预算财政拨款结转资金支出表' stand in ruled rows of
    their own above the table; they were a two-row table of no figures, and the table under them
    went untitled."""
    items = _page_items(XIAN_2019, 29)
    tables = [t for t in group_tables(items) if isinstance(t, Table)]
    t = read_generic_table(tables[0], "xian.pdf", [])
    assert (t.title, t.unit) == ("2019年部门综合预算财政拨款结转资金支出表", "万元")
    assert [r["c4"] for r in t.rows][:2] == [Decimal("90000.00"), Decimal("26100.00")]  # 9.00, 2.61 万元


@needs_shared(XIAN_2022)
def test_a_titled_header_with_no_rows_is_kept_as_an_empty_table():
    """西安 2022 p.28: 表11 财政拨款结转资金支出表, declared empty (不涉及), is printed as its header
    row alone: an empty table, not a line of text."""
    (table,) = [t for t in group_tables(_page_items(XIAN_2022, 28)) if isinstance(t, Table)]
    t = read_generic_table(table, "xian.pdf", [])
    assert t.title.endswith("财政拨款结转资金支出表") and t.rows == []
    assert [c.title for c in t.columns][:5] == ["序号", "预算单位代码", "预算单位名称", "预算项目名称", "金额"]


@needs_shared(XIAN_2019)
def test_columns_merged_over_the_whole_page_belong_to_the_table():
    """西安 2019 p.37 (部门整体支出绩效目标表, continued): the 一级指标 / 二级指标 columns are cells
    merged from the page before to the page after, so they print no top or bottom border; their
    vertical rulings span the table's height. They are the table's first columns, not text
    beside it ('年 度 绩 效 指 标' printed one character a line split the table in two)."""
    tables = [t for t in group_tables(_page_items(XIAN_2019, 37)) if isinstance(t, Table)]
    assert len(tables) == 1 and all(len(r.cells) == 5 for r in tables[0].rows)
    assert tables[0].rows[0].cells[1:3] == ["效益指标", "社会效益指标"]
