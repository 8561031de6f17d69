"""Staffing (编制数, 实有人数) printed in tables: label–value rows or a 合计 row."""
from __future__ import annotations

import re
from decimal import Decimal

from generator.ingest.items import Row, Table
from generator.model.facts import Fact
from generator.model.tables import squash

LABELS = {"人员编制": "staff_authorised", "编制数": "staff_authorised", "编制人数": "staff_authorised",
          "实有人数": "staff_actual", "在职人数": "staff_actual", "在职人员情况": "staff_actual"}


def _count(cell: str) -> Decimal | None:
    match = re.fullmatch(r"\D{0,4}?(\d+)\s*[人名]?", cell.strip())
    return Decimal(match.group(1)) if match else None


def _fact(measure: str, value: Decimal, year: int, row: Row, item: str) -> Fact:
    return Fact(measure=measure, kind="count", year=year, value=value, unit="人", unit_in_source="人",
                half_unit=Decimal(0), source="table:staffing", line=row.line,
                quote=" | ".join(row.cells), item=item)


def staffing_facts(blocks: list, year: int) -> list[Fact]:
    facts = []
    for block in blocks:
        if not isinstance(block, Table):
            continue
        columns: dict[int, str] = {}
        for row in block.rows:
            cells = [squash(cell) for cell in row.cells]
            for index in range(0, len(cells) - 1):  # label–value pairs: 人员编制 | 20 | 实有人数 | 20
                if cells[index] in LABELS and (value := _count(cells[index + 1])) is not None:
                    facts.append(_fact(LABELS[cells[index]], value, year, row, ""))
            if any(cell in LABELS for cell in cells) and not facts:
                columns = {index: LABELS[cell] for index, cell in enumerate(cells) if cell in LABELS}
            elif columns and cells and cells[0] == "合计":
                for index, measure in columns.items():
                    if index < len(cells) and (value := _count(cells[index])) is not None:
                        facts.append(_fact(measure, value, year, row, "合计"))
                columns = {}
    return facts
