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
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


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
    depth = max((len(column.path) for column in columns), default=1)
    grid: list[list[str | None]] = [[None] * len(columns) for _ in range(depth)]
    for column_index, column in enumerate(columns):
        for level, part in enumerate(column.path):
            grid[level][column_index] = part
    return grid


def merges(columns: list[Column]) -> list[tuple[int, int, int, int, str]]:
    """(first row, first col, last row, last col, text) of each header cell, 0-based within the
    header: a level shared by neighbouring columns under the same parent spans them; a column's
    last level spans down to the header's last row."""
    depth = max((len(column.path) for column in columns), default=1)
    out = []
    for level in range(depth):
        first = 0
        while first < len(columns):
            path = columns[first].path
            if level >= len(path):
                first += 1
                continue
            last = first
            while (last + 1 < len(columns) and len(columns[last + 1].path) > level + 1 and len(path) > level + 1
                   and columns[last + 1].path[:level + 1] == path[:level + 1]):
                last += 1
            last_row = depth - 1 if level == len(path) - 1 else level
            out.append((level, first, last_row, last, path[level]))
            first = last + 1
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
        name, suffix = base, 1
        while name.lower() in seen:
            suffix += 1
            name = f"{base[:31 - len(str(suffix)) - 1]}~{suffix}"
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
    body = {kind: book.add_format({"num_format": number_format, **({"text_wrap": True, "valign": "top"} if kind == "text" else {})})
            for kind, number_format in FORMATS.items()}
    for name, sheet in zip(_names(sheets), sheets):
        _sheet(book.add_worksheet(name), sheet, bold, head, body)
    book.close()
    return buf.getvalue()


def _sheet(worksheet, sheet: Sheet, bold, head, body) -> None:
    columns = sheet.columns
    worksheet.write_string(0, 0, _clean(sheet.title), bold)
    worksheet.write_string(1, 0, _clean(sheet.note))
    top = 3
    depth = max((len(column.path) for column in columns), default=1)
    for first_row, first_col, last_row, last_col, text in merges(columns):
        if (first_row, first_col) == (last_row, last_col):
            worksheet.write_string(top + first_row, first_col, _clean(text), head)
        else:
            worksheet.merge_range(top + first_row, first_col, top + last_row, last_col, _clean(text), head)
    first = top + depth
    widths = [max(4, width(column.path[-1]) + 2) for column in columns]
    for row_index, row in enumerate(sheet.rows):
        for column_index, (text, col) in enumerate(zip(row, columns)):
            if text == "":
                continue
            value = _value(text, col.kind)
            if isinstance(value, float):
                worksheet.write_number(first + row_index, column_index, value, body[col.kind])
            else:
                worksheet.write_string(first + row_index, column_index, value, body["text"])
            if 2 * len(text) + 2 > widths[column_index]:
                widths[column_index] = max(widths[column_index], width(text) + (len(text) // 3 if col.kind == "money" else 0) + 2)  # separators
    for column_index, col in enumerate(columns):
        worksheet.set_column(column_index, column_index, min(widths[column_index], MAX_WIDTH), body[col.kind])
    worksheet.freeze_panes(first, 0)
    if sheet.rows and columns:
        worksheet.autofilter(first - 1, 0, first - 1 + len(sheet.rows), len(columns) - 1)
