"""Any printed table the standard registry does not recognise, kept as a *generic table*:
its header paths, every cell as printed (codes as text), amount columns exact in 元, the
page of every row. Nothing printed is dropped: a cell that is not an amount in an amount
column turns the column into text and is named in a warning.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from generator.ingest.items import Paragraph, Row, Table
from generator.ingest.tables.readers import parse_number_safe
from generator.model.codes import joined_code
from generator.model.money import UNITS, decimals_of, to_yuan
from generator.model.table_roles import role_of, title_words
from generator.model.tables import squash, table_number

UNIT_RE = re.compile(r"单位\s*[:：]\s*(万元|元|亿元|千元)|[（(]\s*(万元|元)\s*[)）]\s*$")
TITLE_RE = re.compile(r"表|情况$|明细$|清单$")
# a note, a label line, a page footer, or a sentence leading into the table ('…详细情况见下表：')
NOT_TITLE = re.compile(r"^(?:注|备注|说明|单位|金额单位|编制单位|部门名称|单位名称|部门[（(]单位[)）])[:：\s]|^第\s*\d+\s*页"
                       r"|[，,。；;].*\S|[:：。]$|下表")
# columns whose figures are not money: codes, counts, rates, scores, years
TEXT_HEADER = re.compile(r"编码|代码|序号|^序$|编号|年度$|年份|栏次|行次|(?:^|/)(?:类|款|项)$")  # 类|款|项: code parts
COUNT_HEADER = re.compile(r"%|率|人数|人次|辆|数量|个数|批次|分值|得分|权重|[（(](?:个|人|辆|次|台|套|项)[)）]")
MARKS = {"栏次", "行次", "栏", "次"}


@dataclass
class GenericColumn:
    id: str  # c1, c2 … in printed order
    title: str  # the header path as printed ('本年收入/一般公共预算'), or '第N列'
    kind: str  # amount (stored exact in 元), number (a count, rate, score or an amount of no printed unit) or text


@dataclass
class GenericTable:
    title: str
    number: str
    unit: str  # the unit its amounts were printed in ('' when the table prints none)
    line: int
    page: int | None
    columns: list[GenericColumn]
    rows: list[dict] = field(default_factory=list)  # row, code, cells by column id, _line, _page
    note: str = ""
    decimals: int = 2
    name: str = ""


def _title(table: Table) -> tuple[str, str, Paragraph | None]:
    """(title, printed table number, the title paragraph) from the paragraphs just above; a line
    of only the number ('公开05表' under '一般公共预算财政拨款收入支出决算表', 玉溪 2020) gives the
    number, and the title is the line above it."""
    number, title_para, bare = "", None, None
    for para in reversed(table.before[-4:]):
        text = para.text.strip()
        if not number and table_number(text):
            number = table_number(text)
        if title_para is None and len(text) <= 80 and TITLE_RE.search(text) and not NOT_TITLE.search(text):
            if table_number(text) and not title_words(text).strip("表"):
                bare = bare or para
            else:
                title_para = para
    title_para = title_para or bare
    if title_para is None:
        return "", number, None
    return re.sub(r"\s+", " ", title_para.text.strip()), number, title_para


def _unit(table: Table) -> str:
    """The unit printed above the table or in its first rows; a unit label the page wrapped
    ('单位：万' ⏎ '元', 西安 2019) is read across the lines."""
    before = [paragraph.text for paragraph in table.before[-4:]]
    squashed = ["".join(text.split()) for text in before]  # '单位：万 元'
    cells = [cell for row in table.rows[:3] for cell in row.cells]
    for text in [*reversed(before), *cells, *reversed(squashed), "".join(squashed)]:  # the last: lines joined
        match = UNIT_RE.search(text)
        if match:
            return match.group(1) or match.group(2)
    return ""


def _overflowed(cell: str) -> str | None:
    """The number of a cell a neighbour's label ran into, its characters interleaved by the
    PDF ('算0的.0项0目', '助1839311.66', 西安气象局 2022 p.18): a figure with two decimals once the
    CJK characters and brackets are taken out, else None."""
    if not re.search(r"[\u4e00-\u9fff（）]", cell):
        return None
    rest = re.sub(r"[\u4e00-\u9fff（）()、，\s]", "", cell)
    return rest if re.fullmatch(r"-?\d[\d,]*\.\d{2}", rest) else None


def _number(cell: str) -> Decimal | None:
    """A cell's number, also where a neighbour's label ran into it."""
    value = parse_number_safe(cell)
    if value is None and (rest := _overflowed(cell)) is not None:
        value = parse_number_safe(rest)
    return value


def _line_numbers(cells: list[str]) -> bool:
    """Whether a column's figures are the rows' 栏次/行次 (1.00, 2.00, 3.00 … beside the labels of a
    收入支出决算总表, 玉溪 2020 公开01表): whole numbers under 1,000 rising one by one."""
    values = [_number(cell) for cell in cells]
    if len(values) < 3 or any(value is None or value != value.to_integral_value() or not 0 < value < 1000 for value in values):
        return False
    steps = [following - previous for previous, following in zip(values, values[1:])]
    return sum(1 for step in steps if step == 1) >= 0.8 * len(steps)


def _is_value(cell: str) -> bool:
    return _number(cell) is not None and not re.fullmatch(r"\d{1,2}", cell.strip())


def _marks(row: Row) -> bool:
    """A 栏次 row: column numbers under the header ('栏 次 | | 1 | 2'), not the header row that
    names a 行次 column ('项 目 | 行次 | 预算数 | 决算统计数', 公开09表 of the 决算 template)."""
    filled = [squash(cell) for cell in row.cells if cell.strip()]
    return any(cell in MARKS for cell in filled) and all(cell in MARKS or re.fullmatch(r"\d{1,3}(?:\.0+)?|[-—–]+", cell)
                                                         for cell in filled)


def _dash(cell: str) -> bool:
    """A dash printed where a figure does not apply ('—'): no figure, and no text either."""
    return bool(re.fullmatch(r"[-—–－]+", cell.strip()))


def _body_start(rows: list[Row]) -> int:
    """The first row holding a figure or a classification code (the header rows above it)."""
    for index, row in enumerate(rows):
        if _marks(row):
            continue
        if any(_is_value(cell) for cell in row.cells if cell) or any(re.fullmatch(r"\d{3}(?:\d{2}){0,2}", cell.strip()) for cell in row.cells[:3]):
            return index if index > 0 else 1 if len(rows) > 1 and not any(_is_value(cell) for cell in rows[0].cells) else 0
    return min(1, len(rows))


def _header_paths(header: list[Row], width: int) -> list[str]:
    """Column index → header path: each header cell spreads right over the blank cells after it
    that stand under the same parent ('财政拨款“三公”经费' / '合计' over both 预算数 and 决算数)."""
    paths: list[list[str]] = [[] for _ in range(width)]
    for row in header:
        filled = [text.strip() for text in row.cells if text.strip()]
        if _marks(row) or all(re.fullmatch(r"\d{1,2}", text) for text in filled):
            continue  # a 栏次 row: column numbers, not labels
        carry, parent = "", []
        for column in range(width):
            cell = row.cells[column].strip() if column < len(row.cells) else ""
            if cell:
                carry, parent = cell, list(paths[column])
                paths[column].append(cell)
            elif carry and column > 0 and paths[column] == parent:
                paths[column].append(carry)
    out = []
    for parts in paths:
        joined: list[str] = []
        for part_text in parts:
            if not joined or squash(joined[-1]) != squash(part_text):
                joined.append(part_text)
        out.append("/".join(part for part in (re.sub(r"\s+", "", part_text) for part_text in joined)
                            if not re.fullmatch(r"\**|\d{1,2}|[-—–－]+", part)))  # column numbers, '**' marks, dashes
    return out


def _code(cells: list[str]) -> str:
    """The classification code printed in a row's first cells (model.codes.joined_code), a
    leading row number passed over; '' when the row prints none."""
    parts: list[str] = []
    for index, cell in enumerate(cells[:5]):
        text = cell.strip()
        if not text:
            continue
        if not parts and index == 0 and re.fullmatch(r"\d{1,2}", text):
            continue  # a row number
        if not re.fullmatch(r"\d{1,7}(?:\s\d{1,2}){0,2}", text):
            break
        parts.append(text)
    return joined_code(parts)


def read_generic_table(table: Table, source_name: str, warnings: list[str], set_unit: str = "") -> GenericTable | None:
    """The table as printed, or None when it holds fewer than two rows of two cells and is no
    titled header row (a line of text the layout reader took for a table; its words stay in
    the narrative). A titled table
    of a money role (model.table_roles) printing no unit takes `set_unit`, the unit of the table before it in the set ('西南大学收入
    预算表' under one '单位：万元' with its neighbours), with a warning."""
    rows = [source_row for source_row in table.rows if any(text.strip() for text in source_row.cells)]
    title, number, title_para = _title(table)
    filled = max((sum(1 for text in source_row.cells if text.strip()) for source_row in rows), default=0)
    if filled < 2 or len(rows) < 2 and not (title_para is not None and filled >= 3):
        return None  # a titled header row with no rows under it is an empty table (西安 2022 表11 上年结转资金支出表)
    unit = _unit(table)
    if not unit and set_unit and role_of(title) is not None:
        unit = set_unit
        warnings.append(f"warning: {source_name} line {rows[0].line}: 《{title}》 prints no unit; its amounts are read "
                        f"in {set_unit}, the unit of the table before it")
    start = _body_start(rows)
    header, body = rows[:start], [source_row for source_row in rows[start:] if not _marks(source_row)]
    width = max(len(source_row.cells) for source_row in rows)
    used = [index for index in range(width) if any(index < len(source_row.cells) and source_row.cells[index].strip() for source_row in rows)]
    paths = _header_paths(header, width)
    page = rows[0].page
    where = f"{source_name}, " + (f"page {page}" if page else f"line {rows[0].line}") + f" ({title or 'untitled table'})"
    columns: list[GenericColumn] = []
    for position, index in enumerate(used, start=1):
        cells = [source_row.cells[index].strip() for source_row in body if index < len(source_row.cells) and source_row.cells[index].strip() and not _dash(source_row.cells[index])]
        title_i = paths[index] or f"第{position}列"
        values = [text for text in cells if _number(text) is not None]
        # a column of rates and words (绩效指标值: '100%', '≥80%', '保持稳定') is text: its words are no misread figures
        rates = len(values) < len(cells) and any(text.endswith("%") for text in values)
        if TEXT_HEADER.search(title_i) or not values or len(values) < len(cells) / 2 or rates:
            kind = "text"
        elif len(values) < len(cells):
            kind = "text"
            for source_row in body:
                text = source_row.cells[index].strip() if index < len(source_row.cells) else ""
                if text and _number(text) is None and not _dash(text):
                    warnings.append(f"{where}, line {source_row.line}, column {title_i}: '{text}' is not a number; "
                                    "the column is kept as text")
        elif COUNT_HEADER.search(title_i) or not unit or _line_numbers(values):
            kind = "number"
        else:
            kind = "amount"
        columns.append(GenericColumn(f"c{position}", title_i, kind))
    out_rows = []
    for row_number, source_row in enumerate(body, start=1):
        row: dict = {"row": row_number, "code": _code(source_row.cells), "_line": source_row.line, "_page": source_row.page}
        for col, index in zip(columns, used):
            cell = source_row.cells[index].strip() if index < len(source_row.cells) else ""
            if col.kind == "amount":
                value = _number(cell)
                row[col.id] = None if value is None else to_yuan(value, unit)
                if value is not None and parse_number_safe(cell) is None:
                    warnings.append(f"{where}, line {source_row.line}, column {col.title}: '{cell}' read as {_overflowed(cell)} "
                                    "(a neighbouring label's characters printed into the cell)")
            else:
                row[col.id] = cell
        out_rows.append(row)
    counts = [decimals_of(source_row.cells[index]) for source_row in body for col, index in zip(columns, used)
              if col.kind == "amount" and index < len(source_row.cells) and parse_number_safe(source_row.cells[index]) is not None]
    decimals = max(set(counts), key=counts.count) if counts else 2
    note = "\n".join(paragraph.text for paragraph in table.after[:2] if re.match(r"^\s*(?:注|备注|说明)", paragraph.text))
    return GenericTable(title, number, unit if unit in UNITS else "", title_para.line if title_para else rows[0].line,
                        page, columns, out_rows, note, decimals)

