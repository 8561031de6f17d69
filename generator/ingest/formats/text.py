"""Read a disclosure published as plain text into paragraphs and table rows.

Two table encodings occur (see the corpus README):

* Word export — a row is a run of lines up to a blank line; every cell starts on a
  new line with one TAB; a line without a leading TAB continues the cell above; a
  lone TAB is an empty (often merged) cell.
* Spreadsheet export — one row per line, cells separated by TABs.

Word artefacts (``[bookmark: …]``, ``[image: …]``) are removed, Kangxi radicals that
PDF extraction produces are mapped back to the ideographs they stand for.
"""
from __future__ import annotations

import re
from pathlib import Path

from generator.ingest.items import DocumentError, Paragraph, Row, Table, group_tables, normalise

_PAGE_MARK = re.compile(r"^\s*(?:-\s*\d+\s*-|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)\s*$")


def read_text(path: Path) -> list[str]:
    """Decode a text source (UTF-8, UTF-8 with BOM, UTF-16 with BOM — Windows Notepad's "Unicode" —,
    GB18030) into normalised lines."""
    from generator.ingest.limits import MAX_TEXT_BYTES

    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise DocumentError(f"{path}: {size / 1024 / 1024:.0f} MB of text, more than the "
                            f"{MAX_TEXT_BYTES // 1024 // 1024} MB an import reads (a disclosure's text is well under "
                            "1 MB); import the disclosure's own file, not a collection of several")
    data = path.read_bytes()
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise DocumentError(f"{path}: starts as UTF-16 text but is not; save it again as UTF-8 text") from None
    if not data.strip():
        raise DocumentError(f"{path}: the file is empty — nothing to import")
    if b"\x00" in data[:4096]:
        raise DocumentError(
            f"{path}: this is a binary file, not text; import the text export of the "
            "document (or a supported .pdf/.docx/.xlsx once that importer exists)"
        )
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes nearly anything
        raise DocumentError(f"{path}: cannot decode as UTF-8 or GB18030 text")
    return [normalise(line.rstrip("\r")) for line in text.split("\n")]


def _is_cell_line(line: str) -> bool:
    """A Word-export cell: one leading TAB (after optional spaces) and no other TAB."""
    stripped = line.lstrip(" ")
    return stripped.startswith("\t") and "\t" not in stripped[1:]


def parse_lines(lines: list[str]) -> list[Paragraph | Row]:
    """Turn lines into a flat sequence of paragraphs and table rows (1-based lines)."""
    items: list[Paragraph | Row] = []
    word_row: Row | None = None
    for number, raw in enumerate(lines, start=1):
        if not raw.strip() and not _is_cell_line(raw):
            word_row = None  # a blank line ends a Word row (a lone TAB is an empty cell)
            continue
        if _PAGE_MARK.match(raw):
            continue
        if _is_cell_line(raw):
            cell = raw.lstrip(" ")[1:].strip()
            if word_row is None:
                word_row = Row(line=number, cells=[], lines=[])
                items.append(word_row)
            word_row.cells.append(cell)
            word_row.lines.append(number)
        elif "\t" in raw:
            word_row = None
            cells = [text.strip() for text in raw.split("\t")]
            items.append(Row(line=number, cells=cells, lines=[number] * len(cells)))
        elif word_row is not None and word_row.cells:
            # continuation of the Word cell above
            word_row.cells[-1] = (word_row.cells[-1] + "\n" + raw.strip()).strip()
        else:
            items.append(Paragraph(line=number, text=raw.strip()))
    return items


def read_document(path: Path) -> list[Table | Paragraph]:
    """Paragraphs and tables of a plain-text disclosure, in document order."""
    return group_tables(parse_lines(read_text(path)))
