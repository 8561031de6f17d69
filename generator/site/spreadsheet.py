"""CSV for spreadsheets: no cell runs as a formula when the file is opened in Excel.

Excel (and LibreOffice, Numbers) treat a CSV cell beginning with `=`, `+`, `-` or `@` (or a TAB or
CR) as a formula: `=HYPERLINK("https://…","点击")` in a narrative would become a live link, and
the target `=100%` of a performance indicator the number 1. The CSV downloads, which are made
for spreadsheets (behind a UTF-8 BOM), therefore write such a cell with a leading `'`, as OWASP
recommends ("CSV Injection"): the spreadsheet shows the text as printed. A number (`-1234.50`)
is left as it is. The data package's own CSV files, and the JSON, XLSX and SQLite downloads,
keep the exact text.
"""
from __future__ import annotations

import csv
import io
import re

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?")


def needs_quote(text: str) -> bool:
    return text.startswith(TRIGGERS) and not _NUMBER.fullmatch(text)


def safe_cell(value):
    """A cell as a spreadsheet shows it: text that would run as a formula gets a leading `'`."""
    return "'" + value if isinstance(value, str) and needs_quote(value) else value


def safe_row(cells) -> list:
    return [safe_cell(cell) for cell in cells]


def safe_csv(data: bytes) -> bytes:
    """A CSV file (UTF-8) with every formula-like cell neutralised; the same bytes when it has none.
    Rewritten rows are quoted as the package writer quotes (minimal, `\\n` line ends)."""
    text = data.decode("utf-8")
    if not any(mark in text for mark in TRIGGERS):
        return data
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not any(needs_quote(cell) for row in rows for cell in row):
        return data
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(safe_row(row) for row in rows)
    return buf.getvalue().encode("utf-8")
