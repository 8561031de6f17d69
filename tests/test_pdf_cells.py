"""Characters of a PDF table into cells (ingest/formats/pdf.py): a header printed wider than its
cell, read from a real page."""
from __future__ import annotations

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
