"""Read a recognised table's rows by its shape (model.tables): faithful rows, values in 元.

Every reader returns (rows, headers): CSV rows as dicts (keys by shape, values exact in
元, `_line`/`_page` the source position of the row) and the printed header of each value
column. A layout the shape cannot read raises DocumentError naming the cell.
"""
from __future__ import annotations

import re
from decimal import Decimal

from generator.ingest.items import DocumentError, Row, Table
from generator.model.codes import joined_code
from generator.model.money import AmountError, parse_number, to_yuan
from generator.model.tables import TableSpec, squash

CODE_RE = re.compile(r"^\d{3}(?:\s?\d{2}){0,2}$|^\d{3}(?:\s\d{1,2}){1,2}$")  # '301 2': 30102 without its zero
COUNT_UNIT_RE = re.compile(r"[（(](个|人|辆|次|批次|人次)[)）]\s*$")
_KEY_LABELS = {squash(label) for label in (
    "项目", "项", "目", "类", "款", "次", "栏次", "栏", "行次", "科目编码", "科目名称",
    "支出功能分类科目编码", "项目(按功能分类)", "收入", "支出", "功能分类科目编码",
)}
_ITEM_LABELS = {squash(label) for label in ("项目", "项目名称", "功能科目名称", "项目(按功能分类)", "项目（按功能分类）")}
_MARKS = {"栏", "次", "栏次"}
_PROCUREMENT = {"采购品目大类": "category", "专项名称": "project", "经济科目": "economic",
                "采购物品名称": "item", "采购组织形式": "method"}


def parse_number_safe(cell: str) -> Decimal | None:
    try:
        return parse_number(cell)
    except AmountError:
        return None


def _amount(cell: str, unit: str, where: str) -> Decimal | None:
    try:
        value = parse_number(cell)
    except AmountError:
        raise DocumentError(f"{where}: '{cell}' is not an amount; fix the cell or the table layout") from None
    return None if value is None else to_yuan(value, unit)


def _at(row: Row) -> dict:
    """Where a row stands in the source."""
    return {"_line": row.line, "_page": row.page}


def _header_paths(header: list[Row]) -> dict[int, str]:
    """Column index → header path ('年初结转和结余/合计'), merged group cells forward-filled.

    A group label spreads right over blank cells, never past a new cell in the row above
    nor into a column that already sits under another group (a cell merged downwards).
    """
    label_rows = []
    for row in header:
        if any(re.fullmatch(r"\d{1,2}", text) for text in row.cells):
            break  # the numbered 栏次 row ends the labels
        label_rows.append(row.cells)
    width = max((len(label_cells) for label_cells in label_rows), default=0)
    paths: dict[int, list[str]] = {column: [] for column in range(width)}
    own: set[int] = set()
    above: set[int] = set()  # columns where the row above starts a (new) header cell
    for cells in label_rows:
        before = {column: list(path) for column, path in paths.items()}
        carry, source, here = "", -1, set()
        for column in range(width):
            cell = cells[column] if column < len(cells) else ""
            if column in above:
                carry = ""  # a merged cell never spreads past a new group above it
            if cell and squash(cell) not in _KEY_LABELS:
                carry, source = cell, column
                own.add(column)
                here.add(column)
                paths[column].append(cell)
            elif cell:
                carry = ""
                here.add(column)
            elif carry and before[column] == before[source]:
                paths[column].append(carry)
        above = here
    result = {}
    for column in sorted(own):
        parts: list[str] = []
        for part in paths[column]:
            if not parts or squash(parts[-1]) != squash(part):
                parts.append(part)
        result[column] = "/".join(squash(path) for path in parts)
    return result


def _columns(spec: TableSpec, paths: dict[int, str], first: int = 2) -> dict[int, str | None]:
    """Map value positions to column ids via the header paths (None: not recognised)."""
    mapping: dict[int, str | None] = {}
    for column, path in paths.items():
        if column >= first:
            col = spec.column_for(path)
            mapping[column] = col.id if col else None
    for column, cid in mapping.items():  # two headers naming one column: the more specific path wins
        rivals = [rival for rival, column_id in mapping.items() if column_id == cid and column_id]
        if cid and column != max(rivals, key=lambda rival: (paths[rival].count("/"), -rival)):
            mapping[column] = None
    return mapping


def _is_code(cell: str) -> bool:
    return bool(CODE_RE.match(cell.strip()))


def _is_body_row(row: Row) -> bool:
    """A coded row, or a 合计/总计 row whose other cells are numbers or blank."""
    if row.cells and _is_code(row.cells[0]):
        return True
    for column, cell in enumerate(row.cells[:4]):
        if squash(cell) in ("合计", "总计"):
            return all(not value or parse_number_safe(value) is not None for value in row.cells[column + 1:])
    return False


def _code_and_name(keys: list[str]) -> tuple[str, str]:
    """Code and name of a row's key cells; a code printed in 类/款/项 cells ('201', '03', '01') is
    joined, a part printed without its leading zero restored ('301 2' → 30102)."""
    code, used = "", set()
    for index, cell in enumerate(keys):
        if _is_code(cell):
            parts, used = [cell], {index}
            while index + 1 < len(keys) and re.fullmatch(r"\d{1,2}", keys[index + 1]) and len(joined_code(parts)) < 7:
                index += 1
                parts.append(keys[index])
                used.add(index)
            code = joined_code(parts) or cell.replace(" ", "")
            break
    name = next((text for index, text in enumerate(keys) if index not in used and not _is_code(text)), "")
    return code, name


def _check_row(row: Row, width: int, where: str) -> None:
    """A body row must be as wide as the header and start with a well-formed code (if any)."""
    if width and len(row.cells) < width - 1 and len(row.cells) > 0:
        raise DocumentError(
            f"{where}, line {row.line}: the row has {len(row.cells)} cells but the table header has {width}; "
            "the table is cut off (truncated file?) or its columns are misaligned — re-export the document")
    first = row.cells[0].strip() if row.cells else ""
    if first and first[0].isdigit() and not _is_code(first) and not re.fullmatch(r"\d{1,2}", first):
        raise DocumentError(
            f"{where}, line {row.line}, field code: '{first}' is not a classification code "
            "(3, 5 or 7 digits, e.g. 201, 20132, 2013201); correct the code in the source")


def _read_function(spec: TableSpec, table: Table, unit: str, where: str) -> tuple[list[dict], dict[str, str]]:
    start = next((index for index, row in enumerate(table.rows) if _is_body_row(row)), len(table.rows))
    header, body = table.rows[:start], table.rows[start:]
    paths = _header_paths(header)
    mapping = _columns(spec, paths)
    first_value = min(column for column, text in mapping.items() if text) if any(mapping.values()) else 3
    rows = []
    width = min((len(header_row.cells) for header_row in header), default=0)
    for number, row in enumerate(body, start=1):
        _check_row(row, width, where)
        keys = [text for column, text in enumerate(row.cells) if text and (column < first_value or squash(text) in ("合计", "总计"))]
        code, name = _code_and_name(keys)
        values = {}
        for column, cell in enumerate(row.cells):
            if column < first_value or not cell or cell in keys:
                continue
            if not mapping.get(column):
                raise DocumentError(
                    f"{where}, line {row.line}: value '{cell}' stands in column '{paths.get(column, column + 1)}', "
                    "which is not a known column of this table; add the header as an alias in "
                    "generator/model/tables.py or fix the table layout")
            values[mapping[column]] = _amount(cell, unit, f"{where}, line {row.line}, column {paths.get(column, column)}")
        if not (code or name or values):
            continue
        rows.append({"row": number, "code": code, "name": name, **values, **_at(row)})
    return rows, {text: paths[column] for column, text in mapping.items() if text}


def _find_header_row(table: Table, label: str, suffix: bool = False) -> tuple[int, list[int]]:
    for index, row in enumerate(table.rows):
        hits = [column for column, cell in enumerate(row.cells) if squash(cell) == label or suffix and squash(cell).endswith(label)]
        if hits:
            return index, hits
    return -1, []


def _body_start(table: Table, after: int) -> int:
    for index in range(after + 1, len(table.rows)):
        if not any(squash(cell) in _MARKS for cell in table.rows[index].cells):
            return index
    return len(table.rows)


def _side(segments: list[str]) -> str:
    """The side of a ledger panel: 收入 or 支出, and the sub-panel it is ('支出/支出用途')."""
    first = segments[0] if segments else ""
    side = "收入" if "收入" in first else "支出" if "支出" in first else first
    return "/".join([side, *segments[1:]])


def _ledger_panels(table: Table) -> tuple[list[tuple[str, int, int, dict[int, str]]], int, dict[int, str]]:
    """Panels of a ledger (side, item column, 行次 column or -1, value column → its lowest
    label), the first body row, and the header path of every column."""
    label_rows = [index for index, row in enumerate(table.rows[:8]) if any(squash(cell) in _ITEM_LABELS for cell in row.cells)]
    if not label_rows:
        return [], 0, {}
    marks = [any(squash(cell) in _MARKS for cell in row.cells) for row in table.rows]
    first_items = [column for column, cell in enumerate(table.rows[label_rows[0]].cells) if squash(cell) in _ITEM_LABELS]
    end = label_rows[-1] + 1
    while end < len(table.rows) and (marks[end] or not any(
            (column in first_items and cell) or parse_number_safe(cell) is not None for column, cell in enumerate(table.rows[end].cells) if cell)):
        end += 1  # header rows below the labels: 栏次 rows, sub-column labels ('合计 | 基本支出 | 项目支出')
    header = [row for index, row in enumerate(table.rows[:end]) if not marks[index]]
    cells_of = [row.cells for row in header]
    width = max(len(cell) for cell in cells_of)
    labels = [next((cells[column] for cells in reversed(cells_of) if column < len(cells) and cells[column]), "") for column in range(width)]
    items = [column for column in range(width) if squash(labels[column]) in _ITEM_LABELS]
    panels = []
    for position, item in enumerate(items):
        own = next(index for index, cells in enumerate(cells_of) if item < len(cells) and squash(cells[item]) in _ITEM_LABELS)
        groups = []
        for cells in cells_of[:own]:
            left = next((cells[column] for column in range(min(item, len(cells) - 1), -1, -1) if cells[column]), "")
            if left and (not groups or squash(groups[-1]) != squash(left)):
                groups.append(squash(left))
        stop = items[position + 1] if position + 1 < len(items) else width
        line = next((column for column in range(item + 1, stop) if squash(labels[column]) == "行次"), -1)
        values = {column: labels[column] for column in range(item + 1, stop) if column != line and labels[column]}
        panels.append((_side(groups), item, line, values))
    return panels, end, _header_paths(header)


def _read_ledger(spec: TableSpec, table: Table, unit: str, where: str) -> tuple[list[dict], dict[str, str]]:
    panels, end, paths = _ledger_panels(table)
    if not panels:
        raise DocumentError(f"{where}: {spec.title} has no 项目 header row; the table layout is not recognised")
    rows, headers = [], {}
    for side, item_i, line_i, labels in panels:
        cols = {}
        for column, label in labels.items():
            col = spec.column_for(paths.get(column, label)) or spec.column_for(label)
            if col is None:
                raise DocumentError(f"{where}: column header '{label}' of {spec.title} is not known")
            cols[column] = col.id
            headers.setdefault(col.id, squash(label))
        for number, row in enumerate(table.rows[end:], start=1):
            cell = lambda column: row.cells[column] if 0 <= column < len(row.cells) else ""  # noqa: E731
            item, line = cell(item_i), cell(line_i)
            values = {cid: _amount(cell(column), unit, f"{where}, line {row.line}, {side} {item or line}")
                      for column, cid in cols.items() if cell(column)}
            if not item and not values:
                continue
            rows.append({"row": number, "side": side, "line": line, "item": item, **values, **_at(row)})
    return rows, headers


def _read_economic(spec: TableSpec, table: Table, unit: str, where: str) -> tuple[list[dict], dict[str, str]]:
    header_index, starts = _find_header_row(table, "科目编码", suffix=True)
    if header_index < 0:
        raise DocumentError(f"{where}: {spec.title} has no 科目编码 header row")
    groups_row = table.rows[header_index - 1].cells if header_index > 0 else []
    group, groups = "", []
    for panel_start in starts:
        label = next((groups_row[column] for column in range(panel_start, min(panel_start + 3, len(groups_row))) if groups_row[column]), "")
        group = label or group
        groups.append(group)
    rows, named = [], any(groups)
    for number, source_row in enumerate(table.rows[header_index + 1:], start=1):
        cells = source_row.cells + [""] * (starts[-1] + 3 - len(source_row.cells))
        totals = [(column, cell) for column, cell in enumerate(cells) if cell and "合计" in cell]
        if totals:  # footer: each label takes the next number to its right
            for column, label in totals:
                num = next((cell for cell in cells[column + 1:] if cell and parse_number_safe(cell) is not None), "")
                rows.append({"row": number, "group": label.replace("合计", ""), "code": "", "name": label,
                             "amount": _amount(num, unit, f"{where}, line {source_row.line}"), **_at(source_row)})
                if not named and column in starts:  # no group row: a panel is named by its footer
                    groups[starts.index(column)] = label.replace("合计", "")
            continue
        for panel_start in starts:  # the group is named once all rows are read
            code, name, amount = cells[panel_start], cells[panel_start + 1], cells[panel_start + 2]
            if not (code or name or amount):
                continue
            rows.append({"row": number, "group": panel_start, "code": code, "name": name,
                         "amount": _amount(amount, unit, f"{where}, line {source_row.line}, {code} {name}"), **_at(source_row)})
    for row in rows:
        if isinstance(row["group"], int):
            row["group"] = groups[starts.index(row["group"])]
    return rows, {"amount": "金额"}


def _read_items(spec: TableSpec, table: Table, unit: str, where: str) -> tuple[list[dict], dict[str, str]]:
    header_index, line_cols = _find_header_row(table, "行次")
    if header_index < 0:
        raise DocumentError(f"{where}: {spec.title} has no 行次 header row")
    header = table.rows[header_index].cells
    cols = {}
    for column in range(line_cols[0] + 1, len(header)):
        if header[column]:
            col = spec.column_for(header[column])
            if col is None:
                raise DocumentError(f"{where}: column header '{header[column]}' of {spec.title} is not known")
            cols[column] = col.id
    rows = []
    for number, row in enumerate(table.rows[_body_start(table, header_index):], start=1):
        item = row.cells[0] if row.cells else ""
        match = COUNT_UNIT_RE.search(item)
        count_unit = match.group(1) if match else ""
        values = {}
        for column, cid in cols.items():
            cell = row.cells[column] if column < len(row.cells) else ""
            if not cell:
                continue
            where_cell = f"{where}, line {row.line}, {item}"
            if count_unit:
                values[cid] = parse_number_safe(cell)
                if values[cid] is None and cell.strip() not in ("—", "-"):
                    raise DocumentError(f"{where_cell}: '{cell}' is not a count")
            else:
                values[cid] = _amount(cell, unit, where_cell)
        rows.append({"row": number, "line": row.cells[line_cols[0]] if line_cols[0] < len(row.cells) else "",
                     "item": item, "unit": count_unit, **values, **_at(row)})
    return rows, {cid: squash(header[column]) for column, cid in cols.items()}


def _is_value_row(row: Row) -> bool:
    filled = [cell for cell in row.cells if cell]
    return bool(filled) and all(parse_number_safe(cell) is not None for cell in filled)


def _column_numbers(row: Row) -> bool:
    """A row numbering the columns under the header ('1 | 2 | 3 … 12', 公开07表 of the 2016–2018 决算 template)."""
    filled = [cell.strip() for cell in row.cells if cell.strip()]
    return len(filled) >= 3 and filled == [str(number) for number in range(1, len(filled) + 1)]


def _read_wide(spec: TableSpec, table: Table, unit: str, where: str) -> tuple[list[dict], dict[str, str]]:
    """Value columns only (a one-row summary such as the “三公” table): header paths → columns."""
    start = next((index for index, row in enumerate(table.rows) if _is_value_row(row) and not _column_numbers(row)), len(table.rows))
    paths = _header_paths(table.rows[:start])
    mapping = _columns(spec, paths, first=0)
    rows = []
    for number, row in enumerate(table.rows[start:], start=1):
        values = {}
        for column, cell in enumerate(row.cells):
            if not cell:
                continue
            if not mapping.get(column):
                raise DocumentError(f"{where}, line {row.line}: value '{cell}' stands in column '{paths.get(column, column + 1)}', "
                                    "which is not a known column of this table; add the header as an alias in "
                                    "generator/model/tables.py")
            values[mapping[column]] = _amount(cell, unit, f"{where}, line {row.line}, column {paths[column]}")
        if values:
            rows.append({"row": number, **values, **_at(row)})
    return rows, {column_id: paths[column] for column, column_id in mapping.items() if column_id}


def _read_grouped(spec: TableSpec, table: Table, unit: str, where: str) -> tuple[list[dict], dict[str, str]]:
    """项目名称 | (item) | 金额, a group label standing left of its first item (Jiangsu 收入预算总表)."""
    header_index, hits = _find_header_row(table, "项目名称")
    amount = next((column for column, cell in enumerate(table.rows[header_index].cells) if spec.column_for(cell)), -1) if header_index >= 0 else -1
    if amount < 0:
        raise DocumentError(f"{where}: {spec.title} has no 项目名称 … 金额 header row")
    cid = spec.column_for(table.rows[header_index].cells[amount]).id
    rows, group = [], ""
    for number, row in enumerate(table.rows[header_index + 1:], start=1):
        labels = [(column, cell) for column, cell in enumerate(row.cells[:amount]) if cell]
        value = _amount(row.cells[amount], unit, f"{where}, line {row.line}") if amount < len(row.cells) else None
        if not labels and value is None:
            continue
        if len(labels) >= 2:
            group = labels[0][1]  # '一般公共预算资金 | 小计'
        elif labels and labels[0][0] <= hits[0]:
            group = ""  # a line of its own: '收入总计'
        rows.append({"row": number, "group": group, "item": labels[-1][1] if labels else "",
                     **({cid: value} if value is not None else {}), **_at(row)})
    return rows, {cid: squash(table.rows[header_index].cells[amount])}


def _read_procurement(spec: TableSpec, table: Table, unit: str, where: str) -> tuple[list[dict], dict[str, str]]:
    """政府采购预算表: 品目大类 › 专项名称 (经济科目) › 采购物品名称 (组织形式), each with its 总计."""
    header_index = next((header_index for header_index, source_row in enumerate(table.rows) if any(squash(text) in _PROCUREMENT for text in source_row.cells)), -1)
    if header_index < 0:
        raise DocumentError(f"{where}: {spec.title} has no 采购品目大类 header row")
    keys = {column: _PROCUREMENT[squash(text)] for column, text in enumerate(table.rows[header_index].cells) if squash(text) in _PROCUREMENT}
    values = {column: spec.column_for(text).id for column, text in enumerate(table.rows[header_index].cells) if text and spec.column_for(text)}
    rows = []
    for number, source_row in enumerate(table.rows[header_index + 1:], start=1):
        cell = lambda column: source_row.cells[column] if column < len(source_row.cells) else ""  # noqa: E731
        row = {name: cell(column) for column, name in keys.items()}
        amounts = {cid: _amount(cell(column), unit, f"{where}, line {source_row.line}") for column, cid in values.items() if cell(column)}
        if any(row.values()) or amounts:
            rows.append({"row": number, **row, **amounts, **_at(source_row)})
    return rows, {cid: squash(table.rows[header_index].cells[column]) for column, cid in values.items()}


READERS = {"function": _read_function, "ledger": _read_ledger, "economic": _read_economic, "items": _read_items,
           "wide": _read_wide, "grouped": _read_grouped, "procurement": _read_procurement}


def fits(spec: TableSpec, table: Table) -> bool:
    """Whether the table has the layout of `spec`'s shape (for titles naming two layouts)."""
    coded = any(_is_code(cell) for row in table.rows for cell in row.cells[:3])
    labels = {squash(cell) for row in table.rows[:6] for cell in row.cells}
    if spec.shape == "function":
        return coded or any("编码" in label or "代码" in label for label in labels) or {"类", "款"} <= labels
    if spec.shape == "wide":
        return not coded and any(_is_value_row(row) for row in table.rows)
    if spec.shape == "grouped":
        return not coded and "项目名称" in labels and "小计" in labels
    if spec.shape == "items":  # items down the rows beside their 行次; not items across the header
        return _find_header_row(table, "行次")[0] >= 0
    return True
