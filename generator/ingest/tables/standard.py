"""Recognise the standard public tables (决算 公开01–09, the budget sets) and read them faithfully.

Tables are recognised by title (model.tables); where one title names two layouts the
table's own layout decides. Value columns are mapped by their header path; every printed
amount is kept, converted exactly to 元 from the table's own 单位 line.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from generator.ingest.items import DocumentError, Paragraph, Table
from generator.ingest.tables.readers import CODE_RE, READERS, fits, parse_number_safe
from generator.model.money import UNITS, decimals_of
from generator.model.tables import EMPTY_NOTE, TableSpec, specs_for_title, table_number

UNIT_RE = re.compile(r"单位[:：]\s*(万元|元|亿元|千元)")
DEPT_RE = re.compile(r"^(?:编制)?(?:部门|单位)(?:名称)?[:：]\s*(?!(?:万元|元|亿元|千元)\s*$)(\S.*?)"
                     r"(?:\s*(?:金额)?单位[:：]\s*(?:万元|元|亿元|千元))?\s*$")
_KEYS = ("row", "code", "name", "side", "line", "item", "unit", "group", "category", "project", "economic",
         "method", "_line", "_page")


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
    page: int | None = None  # page of the title (paged sources)
    decimals: int = 2  # decimals the amounts are printed with
    name: str = ""  # resource name: the spec id, suffixed when the document prints the table twice

    def __post_init__(self) -> None:
        self.name = self.name or self.spec.id


def _title_of(table: Table) -> tuple[list[TableSpec], Paragraph] | None:
    """The nearest paragraph above the table that names a table (a title wrapped over two
    lines is read joined)."""
    before = table.before
    for index in range(len(before) - 1, -1, -1):
        for text in (before[index].text, before[index - 1].text + before[index].text if index else ""):
            specs = [spec for spec in specs_for_title(text) if spec.shape in READERS] if text else []
            if specs:
                return specs, before[index - 1] if text != before[index].text else before[index]
    return None


def _context(table: Table, pattern: re.Pattern, group: int = 1) -> str:
    for para in reversed(table.before):
        match = pattern.search(para.text)
        if match:
            return match.group(group).strip()
    for row in table.rows[:3]:
        for cell in row.cells:
            match = pattern.search(cell)
            if match:
                return match.group(group).strip()
    return ""


def _number(table: Table, title: Paragraph) -> str:
    """The printed table number nearest the title ('公开03表', '公开表三', '表三')."""
    texts = [paragraph.text for paragraph in table.before]
    start = texts.index(title.text) if title.text in texts else len(texts) - 1
    for text in [texts[start]] + texts[start - 1:start][::-1] + texts[start + 1:]:
        number = table_number(text)
        if number:
            return number
    return ""


def _notes(table: Table) -> tuple[str, bool]:
    notes, empty = [], False
    for para in table.after:
        if specs_for_title(para.text):
            break
        if para.text.startswith(("注", "说明", "(", "（")) or EMPTY_NOTE.search(para.text):
            notes.append(para.text)
            empty = empty or bool(EMPTY_NOTE.search(para.text))
    return "\n".join(notes), empty


def read_standard_tables(blocks: list, source_name: str, skipped: list[str] | None = None) -> list[StandardTable]:
    """Every standard table of the document, in document order. A table that cannot be read
    stops the import with its reason, or — when `skipped` is given — is left out and its
    reason appended there."""
    found: list[StandardTable] = []
    for block in blocks:
        if not isinstance(block, Table):
            continue
        titled = _title_of(block)
        if not titled:
            continue
        specs, title = titled
        spec = next((candidate for candidate in specs if len(specs) == 1 or fits(candidate, block)), None)
        if spec is None:
            continue
        where = f"{source_name}, " + (f"page {title.page}" if title.page else f"line {title.line}") + f" ({spec.title})"
        try:
            unit = _context(block, UNIT_RE)
            if unit not in UNITS and not fits(spec, block):
                continue  # a title above a table of another layout: a contents page's last line above a chart's data
            if unit not in UNITS:
                raise DocumentError(f"{where}: no 单位 line (e.g. '金额单位：元') found before the table")
            rows, headers = READERS[spec.shape](spec, block, unit, where)
        except DocumentError as exc:
            if skipped is None:
                raise
            skipped.append(str(exc))
            continue
        note, empty = _notes(block)
        has_values = any(key not in _KEYS and value is not None for row in rows for key, value in row.items())
        table = StandardTable(spec, _number(block, title), unit, _context(block, DEPT_RE), title.line,
                              headers, rows if has_values else [], note, empty or not has_values, title.page,
                              _decimals(block))
        twice = [earlier for earlier in found if earlier.spec.id == spec.id]
        if twice and _same(twice[0], table):
            if skipped is not None:  # some publications repeat a table; the copy is named, not kept twice
                skipped.append(f"{where}: printed again unchanged (first at "
                               + (f"page {twice[0].page}" if twice[0].page else f"line {twice[0].line}") + "); kept once")
            continue
        if twice:
            table.name = f"{spec.id}_{len(twice) + 1}"
        found.append(table)
    return found


def _decimals(table: Table) -> int:
    """How many decimals the table's amounts are printed with (the usual count; whole 元 → 0)."""
    counts = Counter(decimals_of(cell) for row in table.rows for cell in row.cells
                     if cell and not CODE_RE.match(cell) and len(cell) > 2 and parse_number_safe(cell) is not None)
    return min((places for places, count in counts.items() if count == max(counts.values())), default=2)


def _same(first: StandardTable, second: StandardTable) -> bool:
    def content(table: StandardTable) -> list[dict]:
        return [{key: value for key, value in row.items() if key not in ("_line", "_page")} for row in table.rows]
    return first.unit == second.unit and content(first) == content(second)
