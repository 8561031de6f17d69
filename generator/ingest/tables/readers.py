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
_KEY_LABELS = {squash(s) for s in (
    "项目", "项", "目", "类", "款", "次", "栏次", "栏", "行次", "科目编码", "科目名称",
    "支出功能分类科目编码", "项目(按功能分类)", "收入", "支出", "功能分类科目编码",
)}
_ITEM_LABELS = {squash(s) for s in ("项目", "项目名称", "功能科目名称", "项目(按功能分类)", "项目（按功能分类）")}
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


def _at(r: Row) -> dict:
    """Where a row stands in the source."""
    return {"_line": r.line, "_page": r.page}


def _header_paths(header: list[Row]) -> dict[int, str]:
    """Column index → header path ('年初结转和结余/合计'), merged group cells forward-filled.

    A group label spreads right over blank cells, never past a new cell in the row above
    nor into a column that already sits under another group (a cell merged downwards).
    """
    label_rows = []
    for row in header:
        if any(re.fullmatch(r"\d{1,2}", c) for c in row.cells):
            break  # the numbered 栏次 row ends the labels
        label_rows.append(row.cells)
    width = max((len(r) for r in label_rows), default=0)
    paths: dict[int, list[str]] = {i: [] for i in range(width)}
    own: set[int] = set()
    above: set[int] = set()  # columns where the row above starts a (new) header cell
    for cells in label_rows:
        before = {i: list(p) for i, p in paths.items()}
        carry, source, here = "", -1, set()
        for i in range(width):
            cell = cells[i] if i < len(cells) else ""
            if i in above:
                carry = ""  # a merged cell never spreads past a new group above it
            if cell and squash(cell) not in _KEY_LABELS:
                carry, source = cell, i
                own.add(i)
                here.add(i)
                paths[i].append(cell)
            elif cell:
                carry = ""
                here.add(i)
            elif carry and before[i] == before[source]:
                paths[i].append(carry)
        above = here
    result = {}
    for i in sorted(own):
        parts: list[str] = []
        for part in paths[i]:
            if not parts or squash(parts[-1]) != squash(part):
                parts.append(part)
        result[i] = "/".join(squash(p) for p in parts)
    return result


def _columns(spec: TableSpec, paths: dict[int, str], first: int = 2) -> dict[int, str | None]:
    """Map value positions to column ids via the header paths (None: not recognised)."""
    mapping: dict[int, str | None] = {}
    for i, path in paths.items():
        if i >= first:
            col = spec.column_for(path)
            mapping[i] = col.id if col else None
    for i, cid in mapping.items():  # two headers naming one column: the more specific path wins
        rivals = [j for j, c in mapping.items() if c == cid and c]
        if cid and i != max(rivals, key=lambda j: (paths[j].count("/"), -j)):
            mapping[i] = None
    return mapping


def _is_code(cell: str) -> bool:
    return bool(CODE_RE.match(cell.strip()))


def _is_body_row(r: Row) -> bool:
    """A coded row, or a 合计/总计 row whose other cells are numbers or blank."""
    if r.cells and _is_code(r.cells[0]):
        return True
    for i, c in enumerate(r.cells[:4]):
        if squash(c) in ("合计", "总计"):
            return all(not x or parse_number_safe(x) is not None for x in r.cells[i + 1:])
    return False


def _code_and_name(keys: list[str]) -> tuple[str, str]:
    """Code and name of a row's key cells; a code printed in 类/款/项 cells ('201', '03', '01') is
    joined, a part printed without its leading zero restored ('301 2' → 30102)."""
    code, used = "", set()
    for k, cell in enumerate(keys):
        if _is_code(cell):
            parts, used = [cell], {k}
            while k + 1 < len(keys) and re.fullmatch(r"\d{1,2}", keys[k + 1]) and len(joined_code(parts)) < 7:
                k += 1
                parts.append(keys[k])
                used.add(k)
            code = joined_code(parts) or cell.replace(" ", "")
            break
    name = next((c for k, c in enumerate(keys) if k not in used and not _is_code(c)), "")
    return code, name


def _check_row(r: Row, width: int, where: str) -> None:
    """A body row must be as wide as the header and start with a well-formed code (if any)."""
    if width and len(r.cells) < width - 1 and len(r.cells) > 0:
        raise DocumentError(
            f"{where}, line {r.line}: the row has {len(r.cells)} cells but the table header has {width}; "
            "the table is cut off (truncated file?) or its columns are misaligned — re-export the document")
    first = r.cells[0].strip() if r.cells else ""
    if first and first[0].isdigit() and not _is_code(first) and not re.fullmatch(r"\d{1,2}", first):
        raise DocumentError(
            f"{where}, line {r.line}, field code: '{first}' is not a classification code "
            "(3, 5 or 7 digits, e.g. 201, 20132, 2013201); correct the code in the source")


def _read_function(spec: TableSpec, t: Table, unit: str, where: str) -> tuple[list[dict], dict[str, str]]:
    start = next((k for k, r in enumerate(t.rows) if _is_body_row(r)), len(t.rows))
    header, body = t.rows[:start], t.rows[start:]
    paths = _header_paths(header)
    mapping = _columns(spec, paths)
    first_value = min(i for i, c in mapping.items() if c) if any(mapping.values()) else 3
    rows = []
    width = min((len(h.cells) for h in header), default=0)
    for n, r in enumerate(body, start=1):
        _check_row(r, width, where)
        keys = [c for i, c in enumerate(r.cells) if c and (i < first_value or squash(c) in ("合计", "总计"))]
        code, name = _code_and_name(keys)
        values = {}
        for i, cell in enumerate(r.cells):
            if i < first_value or not cell or cell in keys:
                continue
            if not mapping.get(i):
                raise DocumentError(
                    f"{where}, line {r.line}: value '{cell}' stands in column '{paths.get(i, i + 1)}', "
                    "which is not a known column of this table; add the header as an alias in "
                    "generator/model/tables.py or fix the table layout")
            values[mapping[i]] = _amount(cell, unit, f"{where}, line {r.line}, column {paths.get(i, i)}")
        if not (code or name or values):
            continue
        rows.append({"row": n, "code": code, "name": name, **values, **_at(r)})
    return rows, {c: paths[i] for i, c in mapping.items() if c}


def _find_header_row(t: Table, label: str, suffix: bool = False) -> tuple[int, list[int]]:
    for k, r in enumerate(t.rows):
        hits = [i for i, c in enumerate(r.cells) if squash(c) == label or suffix and squash(c).endswith(label)]
        if hits:
            return k, hits
    return -1, []


def _body_start(t: Table, after: int) -> int:
    for k in range(after + 1, len(t.rows)):
        if not any(squash(c) in _MARKS for c in t.rows[k].cells):
            return k
    return len(t.rows)


def _side(segments: list[str]) -> str:
    """The side of a ledger panel: 收入 or 支出, and the sub-panel it is ('支出/支出用途')."""
    first = segments[0] if segments else ""
    side = "收入" if "收入" in first else "支出" if "支出" in first else first
    return "/".join([side, *segments[1:]])


def _ledger_panels(t: Table) -> tuple[list[tuple[str, int, int, dict[int, str]]], int, dict[int, str]]:
    """Panels of a ledger (side, item column, 行次 column or -1, value column → its lowest
    label), the first body row, and the header path of every column."""
    label_rows = [k for k, r in enumerate(t.rows[:8]) if any(squash(c) in _ITEM_LABELS for c in r.cells)]
    if not label_rows:
        return [], 0, {}
    marks = [any(squash(c) in _MARKS for c in r.cells) for r in t.rows]
    first_items = [i for i, c in enumerate(t.rows[label_rows[0]].cells) if squash(c) in _ITEM_LABELS]
    end = label_rows[-1] + 1
    while end < len(t.rows) and (marks[end] or not any(
            (i in first_items and c) or parse_number_safe(c) is not None for i, c in enumerate(t.rows[end].cells) if c)):
        end += 1  # header rows below the labels: 栏次 rows, sub-column labels ('合计 | 基本支出 | 项目支出')
    header = [r for k, r in enumerate(t.rows[:end]) if not marks[k]]
    cells_of = [r.cells for r in header]
    width = max(len(c) for c in cells_of)
    labels = [next((cells[i] for cells in reversed(cells_of) if i < len(cells) and cells[i]), "") for i in range(width)]
    items = [i for i in range(width) if squash(labels[i]) in _ITEM_LABELS]
    panels = []
    for j, item in enumerate(items):
        own = next(k for k, cells in enumerate(cells_of) if item < len(cells) and squash(cells[item]) in _ITEM_LABELS)
        groups = []
        for cells in cells_of[:own]:
            left = next((cells[i] for i in range(min(item, len(cells) - 1), -1, -1) if cells[i]), "")
            if left and (not groups or squash(groups[-1]) != squash(left)):
                groups.append(squash(left))
        stop = items[j + 1] if j + 1 < len(items) else width
        line = next((i for i in range(item + 1, stop) if squash(labels[i]) == "行次"), -1)
        values = {i: labels[i] for i in range(item + 1, stop) if i != line and labels[i]}
        panels.append((_side(groups), item, line, values))
    return panels, end, _header_paths(header)


def _read_ledger(spec: TableSpec, t: Table, unit: str, where: str) -> tuple[list[dict], dict[str, str]]:
    panels, end, paths = _ledger_panels(t)
    if not panels:
        raise DocumentError(f"{where}: {spec.title} has no 项目 header row; the table layout is not recognised")
    rows, headers = [], {}
    for side, item_i, line_i, labels in panels:
        cols = {}
        for i, label in labels.items():
            col = spec.column_for(paths.get(i, label)) or spec.column_for(label)
            if col is None:
                raise DocumentError(f"{where}: column header '{label}' of {spec.title} is not known")
            cols[i] = col.id
            headers.setdefault(col.id, squash(label))
        for n, r in enumerate(t.rows[end:], start=1):
            cell = lambda i: r.cells[i] if 0 <= i < len(r.cells) else ""  # noqa: E731
            item, line = cell(item_i), cell(line_i)
            values = {cid: _amount(cell(i), unit, f"{where}, line {r.line}, {side} {item or line}")
                      for i, cid in cols.items() if cell(i)}
            if not item and not values:
                continue
            rows.append({"row": n, "side": side, "line": line, "item": item, **values, **_at(r)})
    return rows, headers


def _read_economic(spec: TableSpec, t: Table, unit: str, where: str) -> tuple[list[dict], dict[str, str]]:
    k, starts = _find_header_row(t, "科目编码", suffix=True)
    if k < 0:
        raise DocumentError(f"{where}: {spec.title} has no 科目编码 header row")
    groups_row = t.rows[k - 1].cells if k > 0 else []
    group, groups = "", []
    for s in starts:
        label = next((groups_row[i] for i in range(s, min(s + 3, len(groups_row))) if groups_row[i]), "")
        group = label or group
        groups.append(group)
    rows, named = [], any(groups)
    for n, r in enumerate(t.rows[k + 1:], start=1):
        cells = r.cells + [""] * (starts[-1] + 3 - len(r.cells))
        totals = [(i, c) for i, c in enumerate(cells) if c and "合计" in c]
        if totals:  # footer: each label takes the next number to its right
            for i, label in totals:
                num = next((c for c in cells[i + 1:] if c and parse_number_safe(c) is not None), "")
                rows.append({"row": n, "group": label.replace("合计", ""), "code": "", "name": label,
                             "amount": _amount(num, unit, f"{where}, line {r.line}"), **_at(r)})
                if not named and i in starts:  # no group row: a panel is named by its footer
                    groups[starts.index(i)] = label.replace("合计", "")
            continue
        for s in starts:  # the group is named once all rows are read
            code, name, amount = cells[s], cells[s + 1], cells[s + 2]
            if not (code or name or amount):
                continue
            rows.append({"row": n, "group": s, "code": code, "name": name,
                         "amount": _amount(amount, unit, f"{where}, line {r.line}, {code} {name}"), **_at(r)})
    for row in rows:
        if isinstance(row["group"], int):
            row["group"] = groups[starts.index(row["group"])]
    return rows, {"amount": "金额"}


def _read_items(spec: TableSpec, t: Table, unit: str, where: str) -> tuple[list[dict], dict[str, str]]:
    k, line_cols = _find_header_row(t, "行次")
    if k < 0:
        raise DocumentError(f"{where}: {spec.title} has no 行次 header row")
    header = t.rows[k].cells
    cols = {}
    for i in range(line_cols[0] + 1, len(header)):
        if header[i]:
            col = spec.column_for(header[i])
            if col is None:
                raise DocumentError(f"{where}: column header '{header[i]}' of {spec.title} is not known")
            cols[i] = col.id
    rows = []
    for n, r in enumerate(t.rows[_body_start(t, k):], start=1):
        item = r.cells[0] if r.cells else ""
        m = COUNT_UNIT_RE.search(item)
        count_unit = m.group(1) if m else ""
        values = {}
        for i, cid in cols.items():
            cell = r.cells[i] if i < len(r.cells) else ""
            if not cell:
                continue
            where_cell = f"{where}, line {r.line}, {item}"
            if count_unit:
                values[cid] = parse_number_safe(cell)
                if values[cid] is None and cell.strip() not in ("—", "-"):
                    raise DocumentError(f"{where_cell}: '{cell}' is not a count")
            else:
                values[cid] = _amount(cell, unit, where_cell)
        rows.append({"row": n, "line": r.cells[line_cols[0]] if line_cols[0] < len(r.cells) else "",
                     "item": item, "unit": count_unit, **values, **_at(r)})
    return rows, {cid: squash(header[i]) for i, cid in cols.items()}


def _is_value_row(r: Row) -> bool:
    filled = [c for c in r.cells if c]
    return bool(filled) and all(parse_number_safe(c) is not None for c in filled)


def _column_numbers(r: Row) -> bool:
    """A row numbering the columns under the header ('1 | 2 | 3 … 12', 公开07表 of the 2016–2018 决算 template)."""
    filled = [c.strip() for c in r.cells if c.strip()]
    return len(filled) >= 3 and filled == [str(k) for k in range(1, len(filled) + 1)]


def _read_wide(spec: TableSpec, t: Table, unit: str, where: str) -> tuple[list[dict], dict[str, str]]:
    """Value columns only (a one-row summary such as the “三公” table): header paths → columns."""
    start = next((k for k, r in enumerate(t.rows) if _is_value_row(r) and not _column_numbers(r)), len(t.rows))
    paths = _header_paths(t.rows[:start])
    mapping = _columns(spec, paths, first=0)
    rows = []
    for n, r in enumerate(t.rows[start:], start=1):
        values = {}
        for i, cell in enumerate(r.cells):
            if not cell:
                continue
            if not mapping.get(i):
                raise DocumentError(f"{where}, line {r.line}: value '{cell}' stands in column '{paths.get(i, i + 1)}', "
                                    "which is not a known column of this table; add the header as an alias in "
                                    "generator/model/tables.py")
            values[mapping[i]] = _amount(cell, unit, f"{where}, line {r.line}, column {paths[i]}")
        if values:
            rows.append({"row": n, **values, **_at(r)})
    return rows, {c: paths[i] for i, c in mapping.items() if c}


def _read_grouped(spec: TableSpec, t: Table, unit: str, where: str) -> tuple[list[dict], dict[str, str]]:
    """项目名称 | (item) | 金额, a group label standing left of its first item (Jiangsu 收入预算总表)."""
    k, hits = _find_header_row(t, "项目名称")
    amount = next((i for i, c in enumerate(t.rows[k].cells) if spec.column_for(c)), -1) if k >= 0 else -1
    if amount < 0:
        raise DocumentError(f"{where}: {spec.title} has no 项目名称 … 金额 header row")
    cid = spec.column_for(t.rows[k].cells[amount]).id
    rows, group = [], ""
    for n, r in enumerate(t.rows[k + 1:], start=1):
        labels = [(i, c) for i, c in enumerate(r.cells[:amount]) if c]
        value = _amount(r.cells[amount], unit, f"{where}, line {r.line}") if amount < len(r.cells) else None
        if not labels and value is None:
            continue
        if len(labels) >= 2:
            group = labels[0][1]  # '一般公共预算资金 | 小计'
        elif labels and labels[0][0] <= hits[0]:
            group = ""  # a line of its own: '收入总计'
        rows.append({"row": n, "group": group, "item": labels[-1][1] if labels else "",
                     **({cid: value} if value is not None else {}), **_at(r)})
    return rows, {cid: squash(t.rows[k].cells[amount])}


def _read_procurement(spec: TableSpec, t: Table, unit: str, where: str) -> tuple[list[dict], dict[str, str]]:
    """政府采购预算表: 品目大类 › 专项名称 (经济科目) › 采购物品名称 (组织形式), each with its 总计."""
    k = next((k for k, r in enumerate(t.rows) if any(squash(c) in _PROCUREMENT for c in r.cells)), -1)
    if k < 0:
        raise DocumentError(f"{where}: {spec.title} has no 采购品目大类 header row")
    keys = {i: _PROCUREMENT[squash(c)] for i, c in enumerate(t.rows[k].cells) if squash(c) in _PROCUREMENT}
    values = {i: spec.column_for(c).id for i, c in enumerate(t.rows[k].cells) if c and spec.column_for(c)}
    rows = []
    for n, r in enumerate(t.rows[k + 1:], start=1):
        cell = lambda i: r.cells[i] if i < len(r.cells) else ""  # noqa: E731
        row = {name: cell(i) for i, name in keys.items()}
        amounts = {cid: _amount(cell(i), unit, f"{where}, line {r.line}") for i, cid in values.items() if cell(i)}
        if any(row.values()) or amounts:
            rows.append({"row": n, **row, **amounts, **_at(r)})
    return rows, {cid: squash(t.rows[k].cells[i]) for i, cid in values.items()}


READERS = {"function": _read_function, "ledger": _read_ledger, "economic": _read_economic, "items": _read_items,
           "wide": _read_wide, "grouped": _read_grouped, "procurement": _read_procurement}


def fits(spec: TableSpec, t: Table) -> bool:
    """Whether the table has the layout of `spec`'s shape (for titles naming two layouts)."""
    coded = any(_is_code(c) for r in t.rows for c in r.cells[:3])
    labels = {squash(c) for r in t.rows[:6] for c in r.cells}
    if spec.shape == "function":
        return coded or any("编码" in x or "代码" in x for x in labels) or {"类", "款"} <= labels
    if spec.shape == "wide":
        return not coded and any(_is_value_row(r) for r in t.rows)
    if spec.shape == "grouped":
        return not coded and "项目名称" in labels and "小计" in labels
    if spec.shape == "items":  # items down the rows beside their 行次; not items across the header
        return _find_header_row(t, "行次")[0] >= 0
    return True
