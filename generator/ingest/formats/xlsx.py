"""Read an Excel (.xlsx) disclosure into the item stream of the text importer (openpyxl).

Every sheet is read in order, row by row, after its name (a sheet is a table of its own; a
workbook of one sheet gives no name). A merged cell holds its value in its first cell and
leaves the others blank, as the text export prints it. A row holding nothing but a table's
title (any text ending in 表), its 部门/单位 line, its number or a note is a paragraph. Numbers
are written with the decimals their cell format shows (an amount typed as 100.00 stays
100.00). A formula is read as the value Excel saved with it; a formula saved without one is an
error naming its cells (limits.py), as is a workbook past the size limits.
"""
from __future__ import annotations

import re
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from generator.ingest.formats.captions import is_caption
from generator.ingest.items import DocumentError, Paragraph, Row, normalise
from generator.ingest.limits import check_archive, scan_workbook


def read_xlsx(path: Path) -> list[Paragraph | Row]:
    """Paragraphs and table rows of every sheet of a .xlsx disclosure (no pages)."""
    import openpyxl

    check_archive(path, "Excel (.xlsx)")
    scan_workbook(path)
    try:
        book = openpyxl.load_workbook(path, data_only=True, read_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, SyntaxError, TypeError, AttributeError,
            IndexError) as exc:  # (SyntaxError: the XML parsers' errors)
        raise DocumentError(f"{path}: not a readable Excel (.xlsx) file ({type(exc).__name__}: {exc}); open it in "
                            "Excel or LibreOffice Calc and save it again, or import the PDF") from None
    items: list[Paragraph | Row] = []
    for sheet in book.worksheets:
        if len(book.worksheets) > 1:  # a sheet is a table of its own: its name ends the table before
            items.append(Paragraph(len(items) + 1, normalise(sheet.title).strip()))
        for row in sheet.iter_rows():
            cells = [_text(cell) for cell in row]  # as wide as the sheet, as a text export prints it
            filled = [cell for cell in cells if cell]
            if not filled:
                continue
            line = len(items) + 1
            if len(filled) == 1 and is_caption(filled[0]):
                items.append(Paragraph(line, filled[0]))
            else:
                items.append(Row(line, cells, [line] * len(cells)))
    return items


def _text(cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        places = _places(cell.number_format)
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        return format(number.quantize(Decimal(1).scaleb(-places)), f",.{places}f") if places is not None else str(number)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return normalise(str(value)).strip()


def _places(number_format: str) -> int | None:
    """Decimals a number format shows ('#,##0.00' → 2, '0' → 0); None for 'General'."""
    if not number_format or number_format == "General":
        return None
    match = re.search(r"0(?:\.(0+))?", number_format.split(";")[0])
    return len(match.group(1) or "") if match else None
