"""A table's caption printed in its own cells (a spreadsheet or Word table's first rows): its
title, number, 部门/单位 line or a note — paragraphs, not rows of the table."""
from __future__ import annotations

import re

from generator.model.tables import spec_for_title, table_number

_LABEL = re.compile(r"^(?:编制)?(?:部门|单位)(?:名称)?[:：]|单位[:：]\s*(?:万元|元|亿元|千元)\s*$|^(?:注|说明)")
_TITLE = re.compile(r"表(?:[（(][^)）]*[)）])?$")  # '2026年部门收支总体情况表', '…支出表（按功能分类）'


def is_caption(text: str) -> bool:
    """Whether the one text of a row is a caption: a known or any title ending in 表, a table
    number, a 部门/单位 label, a note, or a sentence too long for a cell (over 40 characters)."""
    return bool(spec_for_title(text) or table_number(text) or _LABEL.search(text) or len(text) > 40
                or _TITLE.search(text))


def caption_cells(cells: list[str]) -> list[str]:
    """The texts of a row that is a caption (one title, or labels only: '部门：某局 | 单位：万元'), else []."""
    filled = [cell for cell in cells if cell]
    if len(filled) == 1 and is_caption(filled[0]) or filled and all(_LABEL.search(cell) for cell in filled):
        return filled
    return []
