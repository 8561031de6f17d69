"""Read a Word (.docx) disclosure into the item stream of the text importer (python-docx).

Body paragraphs and tables are read in document order. A merged cell is printed once, in
its first row and column, the cells it covers left blank — as in a spreadsheet export, so
header paths and group labels read the same as from the text and PDF sources. A table's first
rows holding only its title or its 部门/单位 line are paragraphs (formats/captions.py).
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from generator.ingest.formats.captions import caption_cells
from generator.ingest.items import DocumentError, Paragraph, Row, normalise
from generator.ingest.limits import check_archive


def read_docx(path: Path) -> list[Paragraph | Row]:
    """Paragraphs and table rows of a .docx disclosure, in document order (no pages: Word reflows)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph

    check_archive(path, "Word (.docx)")
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError, TypeError,
            AttributeError) as exc:  # (SyntaxError: lxml's XMLSyntaxError, a malformed part)
        raise DocumentError(f"{path}: not a readable Word (.docx) file ({type(exc).__name__}: {exc}); open it in "
                            "Word or LibreOffice and save it again, or import the PDF") from None
    items: list[Paragraph | Row] = []
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            text = normalise(DocxParagraph(child, document).text).strip()
            if text:
                items.append(Paragraph(len(items) + 1, text))
        elif child.tag.endswith("}tbl"):
            leading = True  # the table's first rows may hold its title and 部门/单位 line
            for cells in _rows(DocxTable(child, document)):
                caption = caption_cells(cells) if leading else []
                leading = leading and bool(caption)
                items.extend(Paragraph(len(items) + 1, text) for text in caption)
                if any(cells) and not caption:
                    items.append(Row(len(items) + 1, cells, [len(items) + 1] * len(cells)))
    return items


def _rows(table) -> list[list[str]]:
    """Cell texts row by row on the table grid; a cell merged over several grid cells counts once."""
    out, above = [], []
    for row in table.rows:
        cells, seen = [], []
        for index, cell in enumerate(row.cells):
            element = cell._tc
            merged = (seen and seen[-1] is element) or (index < len(above) and above[index] is element)
            cells.append("" if merged else normalise("\n".join(paragraph.text for paragraph in cell.paragraphs)).strip())
            seen.append(element)
        out.append(cells)
        above = seen
    return out
