"""One table as an XLSX workbook an Excel user expects, written with XlsxWriter: the title and
unit above, the header as printed (a multi-level header's path `收入/预算数` merged over its
columns), frozen under it, columns wide enough for their text, amounts as numbers formatted
`#,##0.00`, codes as text. The bytes depend on the table alone (fixed creation date; XlsxWriter
dates the ZIP entries 1980-01-01)."""
from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

import xlsxwriter

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed in XML 1.0
PLAIN_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?")  # a number as JSON writes it
CREATED = datetime(2000, 1, 1)
MAX_WIDTH = 48  # characters: a longer text wraps
FORMATS = {"money": "#,##0.00", "integer": "0", "number": "General", "text": "@"}


@dataclass(frozen=True)
class Column:
    path: tuple[str, ...]  # the printed header path, top level first; the last names the column
    kind: str  # money, integer, number or text (FORMATS)


def width(text: str) -> int:
    """Display width in Excel's character units: a CJK character counts two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _clean(text: str) -> str:
    return _ILLEGAL.sub("", text) if not text.isprintable() else text


def _value(text: str, kind: str):
    """A cell from the package's text: a number where the column holds numbers, else the text."""
    if kind != "text" and text:
        try:
            return float(text)  # the nearest double, as Excel holds every number
        except ValueError:
            pass
    return _clean(text)


def header_grid(columns: list[Column]) -> list[list[str | None]]:
    """The header as rows of cells; None where a cell is covered by a merge from the left or above."""
    depth = max((len(c.path) for c in columns), default=1)
    grid: list[list[str | None]] = [[None] * len(columns) for _ in range(depth)]
    for j, c in enumerate(columns):
        for i, part in enumerate(c.path):
            grid[i][j] = part
    return grid


def merges(columns: list[Column]) -> list[tuple[int, int, int, int, str]]:
    """(first row, first col, last row, last col, text) of each header cell, 0-based within the
    header: a level shared by neighbouring columns under the same parent spans them; a column's
    last level spans down to the header's last row."""
    depth = max((len(c.path) for c in columns), default=1)
    out = []
    for level in range(depth):
        j = 0
        while j < len(columns):
            path = columns[j].path
            if level >= len(path):
                j += 1
                continue
            k = j
            while (k + 1 < len(columns) and len(columns[k + 1].path) > level + 1 and len(path) > level + 1
                   and columns[k + 1].path[:level + 1] == path[:level + 1]):
                k += 1
            last_row = depth - 1 if level == len(path) - 1 else level
            out.append((level, j, last_row, k, path[level]))
            j = k + 1
    return out


@dataclass(frozen=True)
class Sheet:
    name: str  # the tab's name (made unique and at most 31 characters by `workbook`)
    title: str  # first row
    note: str  # second row: unit, source
    columns: list[Column]
    rows: list[list[str]]  # the package's text, one cell per column


def _names(sheets: list[Sheet]) -> list[str]:
    """Tab names Excel accepts: no []:*?/\\, at most 31 characters, unique (case-insensitive)."""
    seen, out = set(), []
    for sheet in sheets:
        base = re.sub(r"[\[\]:*?/\\]", " ", _clean(sheet.name)).strip("' ")[:31] or "表"
        name, k = base, 1
        while name.lower() in seen:
            k += 1
            name = f"{base[:31 - len(str(k)) - 1]}~{k}"
        seen.add(name.lower())
        out.append(name)
    return out


def workbook(sheets: list[Sheet]) -> bytes:
    """A workbook of one worksheet per sheet: its title and note in the first two rows, then the
    header as printed, then the rows as the package prints them."""
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                                     "strings_to_urls": False})
    book.set_properties({"created": CREATED, "author": "transparency"})
    bold = book.add_format({"bold": True, "font_size": 13})
    head = book.add_format({"bold": True, "align": "center", "valign": "vcenter", "text_wrap": True, "border": 1,
                            "bg_color": "#EEF2F7"})
    body = {k: book.add_format({"num_format": f, **({"text_wrap": True, "valign": "top"} if k == "text" else {})})
            for k, f in FORMATS.items()}
    for name, sheet in zip(_names(sheets), sheets):
        _sheet(book.add_worksheet(name), sheet, bold, head, body)
    book.close()
    return buf.getvalue()


def _sheet(ws, sheet: Sheet, bold, head, body) -> None:
    columns = sheet.columns
    ws.write_string(0, 0, _clean(sheet.title), bold)
    ws.write_string(1, 0, _clean(sheet.note))
    top = 3
    depth = max((len(c.path) for c in columns), default=1)
    for r0, c0, r1, c1, text in merges(columns):
        if (r0, c0) == (r1, c1):
            ws.write_string(top + r0, c0, _clean(text), head)
        else:
            ws.merge_range(top + r0, c0, top + r1, c1, _clean(text), head)
    first = top + depth
    widths = [max(4, width(c.path[-1]) + 2) for c in columns]
    for i, row in enumerate(sheet.rows):
        for j, (text, col) in enumerate(zip(row, columns)):
            if text == "":
                continue
            value = _value(text, col.kind)
            if isinstance(value, float):
                ws.write_number(first + i, j, value, body[col.kind])
            else:
                ws.write_string(first + i, j, value, body["text"])
            if 2 * len(text) + 2 > widths[j]:
                widths[j] = max(widths[j], width(text) + (len(text) // 3 if col.kind == "money" else 0) + 2)  # separators
    for j, col in enumerate(columns):
        ws.set_column(j, j, min(widths[j], MAX_WIDTH), body[col.kind])
    ws.freeze_panes(first, 0)
    if sheet.rows and columns:
        ws.autofilter(first - 1, 0, first - 1 + len(sheet.rows), len(columns) - 1)
