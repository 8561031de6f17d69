"""Recognise the standard public tables (公开01–09) and read them faithfully.

Tables are recognised by title (model.tables), value columns by their header path;
every printed amount is kept, converted exactly to 元 from the table's own 单位 line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from generator.ingest.text import DocumentError, Paragraph, Row, Table
from generator.model.money import AmountError, UNITS, parse_number, to_yuan
from generator.model.tables import NUMBER_RE, TableSpec, spec_for_title, squash

CODE_RE = re.compile(r"^\d{3}(?:\s?\d{2}){0,2}$")
UNIT_RE = re.compile(r"单位[:：]\s*(万元|元|亿元|千元)")
DEPT_RE = re.compile(r"^(?:部门|单位)(?:名称)?[:：]\s*(\S.*)$")
COUNT_UNIT_RE = re.compile(r"[（(](个|人|辆|次|批次|人次)[)）]\s*$")
_KEY_LABELS = {squash(s) for s in (
    "项目", "项", "目", "类", "款", "次", "栏次", "栏", "行次", "科目编码", "科目名称",
    "支出功能分类科目编码", "项目(按功能分类)", "收入", "支出", "功能分类科目编码",
)}
_EMPTY_NOTE = re.compile(r"此表(?:为)?空|本表(?:为)?空|无.{0,20}(?:收入|支出).{0,6}(?:故|因此)?.{0,4}(?:此|本)表")


@dataclass
class StandardTable:
    spec: TableSpec
    number: str  # '01' as printed in 公开01表, '' when not printed
    unit: str
    department_name: str
    line: int  # line of the title
    headers: dict[str, str]  # column id → printed header path
    rows: list[dict] = field(default_factory=list)  # CSV rows (values in 元 as Decimal)
    note: str = ""
    empty: bool = False


def _title_of(table: Table) -> tuple[TableSpec, Paragraph] | None:
    for para in reversed(table.before):
        spec = spec_for_title(para.text)
        if spec:
            return spec, para
    return None


def _context(table: Table, pattern: re.Pattern, group: int = 1) -> str:
    for para in reversed(table.before):
        m = pattern.search(para.text)
        if m:
            return m.group(group).strip()
    for row in table.rows[:3]:
        for cell in row.cells:
            m = pattern.search(cell)
            if m:
                return m.group(group).strip()
    return ""


def _notes(table: Table) -> tuple[str, bool]:
    notes, empty = [], False
    for para in table.after:
        if spec_for_title(para.text):
            break
        if para.text.startswith(("注", "说明")) or _EMPTY_NOTE.search(para.text):
            notes.append(para.text)
            empty = empty or bool(_EMPTY_NOTE.search(para.text))
    return "\n".join(notes), empty


def _amount(cell: str, unit: str, where: str) -> Decimal | None:
    try:
        value = parse_number(cell)
    except AmountError:
        raise DocumentError(f"{where}: '{cell}' is not an amount; fix the cell or the table layout") from None
    return None if value is None else to_yuan(value, unit)


def _header_paths(header: list[Row]) -> dict[int, str]:
    """Column index → header path ('年初结转和结余/合计'), merged group cells forward-filled."""
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
        carry, here = "", set()
        for i in range(width):
            cell = cells[i] if i < len(cells) else ""
            if i in above:
                carry = ""  # a merged cell never spreads past a new group above it
            if cell and squash(cell) not in _KEY_LABELS:
                carry = cell
                own.add(i)
                here.add(i)
                paths[i].append(cell)
            elif cell:
                carry = ""
                here.add(i)
            elif carry:
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


def _columns(spec: TableSpec, paths: dict[int, str]) -> dict[int, str | None]:
    """Map value positions to column ids via the header paths (None: not recognised)."""
    mapping: dict[int, str | None] = {}
    for i, path in paths.items():
        if i >= 2:
            col = spec.column_for(path)
            mapping[i] = col.id if col else None
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
        code = next((c.replace(" ", "") for c in keys if _is_code(c)), "")
        name = next((c for c in keys if not _is_code(c)), "")
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
        rows.append({"row": n, "code": code, "name": name, **values, "_line": r.line})
    return rows, {c: paths[i] for i, c in mapping.items() if c}


def _find_header_row(t: Table, label: str) -> tuple[int, list[int]]:
    for k, r in enumerate(t.rows):
        hits = [i for i, c in enumerate(r.cells) if squash(c) == label]
        if hits:
            return k, hits
    return -1, []


def _body_start(t: Table, after: int) -> int:
    for k in range(after + 1, len(t.rows)):
        if not any(squash(c) in ("栏", "次", "栏次") for c in t.rows[k].cells):
            return k
    return len(t.rows)


def _read_ledger(spec: TableSpec, t: Table, unit: str, where: str) -> tuple[list[dict], dict[str, str]]:
    k, line_cols = _find_header_row(t, "行次")
    if k < 0:
        raise DocumentError(f"{where}: {spec.title} has no 行次 header row; the table layout is not recognised")
    header_cells = t.rows[k].cells
    sides = []
    for j, lc in enumerate(line_cols):
        end = (line_cols[j + 1] - 1) if j + 1 < len(line_cols) else max(len(r.cells) for r in t.rows)
        value_pos = list(range(lc + 1, end))
        cols = {}
        for i in value_pos:
            label = header_cells[i] if i < len(header_cells) else ""
            if not label:
                continue
            col = spec.column_for(label)
            if col is None:
                raise DocumentError(f"{where}: column header '{label}' of {spec.title} is not known")
            cols[i] = col.id
        sides.append(("收入" if j == 0 else "支出", lc - 1, lc, cols))
    body = t.rows[_body_start(t, k):]
    rows, headers = [], {}
    for side, item_i, line_i, cols in sides:
        for i, cid in cols.items():
            headers.setdefault(cid, squash(header_cells[i]))
        for n, r in enumerate(body, start=1):
            cell = lambda i: r.cells[i] if i < len(r.cells) else ""  # noqa: E731
            item, line = cell(item_i), cell(line_i)
            values = {cid: _amount(cell(i), unit, f"{where}, line {r.line}, {side} {item or line}")
                      for i, cid in cols.items() if cell(i)}
            if not item and not values:
                continue
            rows.append({"row": n, "side": side, "line": line, "item": item, **values, "_line": r.line})
    return rows, headers


def _read_economic(spec: TableSpec, t: Table, unit: str, where: str) -> tuple[list[dict], dict[str, str]]:
    k, starts = _find_header_row(t, "科目编码")
    if k < 0:
        raise DocumentError(f"{where}: {spec.title} has no 科目编码 header row")
    groups_row = t.rows[k - 1].cells if k > 0 else []
    group, groups = "", []
    for s in starts:
        label = next((groups_row[i] for i in range(s, min(s + 3, len(groups_row))) if groups_row[i]), "")
        group = label or group
        groups.append(group)
    rows = []
    for n, r in enumerate(t.rows[k + 1:], start=1):
        cells = r.cells + [""] * (starts[-1] + 3 - len(r.cells))
        totals = [(i, c) for i, c in enumerate(cells) if c and "合计" in c]
        if totals:  # footer: each label takes the next number to its right
            for i, label in totals:
                num = next((c for c in cells[i + 1:] if c and parse_number_safe(c) is not None), "")
                rows.append({"row": n, "group": label.replace("合计", ""), "code": "", "name": label,
                             "amount": _amount(num, unit, f"{where}, line {r.line}"), "_line": r.line})
            continue
        for s, g in zip(starts, groups):
            code, name, amount = cells[s], cells[s + 1], cells[s + 2]
            if not (code or name or amount):
                continue
            rows.append({"row": n, "group": g, "code": code, "name": name,
                         "amount": _amount(amount, unit, f"{where}, line {r.line}, {code} {name}"),
                         "_line": r.line})
    return rows, {"amount": "金额"}


def parse_number_safe(cell: str) -> Decimal | None:
    try:
        return parse_number(cell)
    except AmountError:
        return None


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
                     "item": item, "unit": count_unit, **values, "_line": r.line})
    return rows, {cid: squash(header[i]) for i, cid in cols.items()}


READERS = {"function": _read_function, "ledger": _read_ledger, "economic": _read_economic, "items": _read_items}


def read_standard_tables(blocks: list, source_name: str) -> list[StandardTable]:
    """Every standard table of the document, in document order."""
    found = []
    for block in blocks:
        if not isinstance(block, Table):
            continue
        titled = _title_of(block)
        if not titled or titled[0].shape not in READERS:
            continue
        spec, title = titled
        where = f"{source_name}, line {title.line} ({spec.title})"
        unit = _context(block, UNIT_RE)
        if unit not in UNITS:
            raise DocumentError(f"{where}: no 单位 line (e.g. '金额单位：元') found before the table")
        rows, headers = READERS[spec.shape](spec, block, unit, where)
        note, empty = _notes(block)
        number = _context(block, NUMBER_RE)
        dept = _context(block, DEPT_RE)
        has_values = any(k not in ("row", "code", "name", "side", "line", "item", "unit", "group", "_line")
                         and v is not None for r in rows for k, v in r.items())
        found.append(StandardTable(spec, number.zfill(2) if number else "", unit, dept, title.line,
                                   headers, rows if has_values else [], note, empty or not has_values))
    return found
