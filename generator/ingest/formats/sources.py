"""Read a source document of any supported format into the item stream, and find the page
of an item or of a sentence inside it."""
from __future__ import annotations

from pathlib import Path

from generator.ingest.formats.text import parse_lines, read_text
from generator.ingest.items import DocumentError, Paragraph, Row, Source

FORMATS = (".txt", ".pdf", ".docx", ".xlsx")
TEXT_SUFFIXES = ("", ".txt", ".text", ".md", ".csv", ".tsv")  # read as a plain-text export


def read_source(path: Path) -> Source:
    """Paragraphs and table rows of a .txt, .pdf, .docx or .xlsx disclosure, with its pages."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from generator.ingest.formats.pdf import read_pdf
        return read_pdf(path)
    if suffix == ".docx":
        from generator.ingest.formats.docx import read_docx
        return _paged(read_docx(path))
    if suffix == ".xlsx":
        from generator.ingest.formats.xlsx import read_xlsx
        return _paged(read_xlsx(path))
    if suffix in (".doc", ".xls", ".wps", ".et"):
        raise DocumentError(f"{path}: the old binary {suffix} format is not supported; save it as "
                            f"{suffix}x (Word/Excel 2007 or later) or as PDF and import that")
    if suffix not in TEXT_SUFFIXES:
        raise DocumentError(f"{path}: {suffix} files are not supported; import the disclosure as published in "
                            f"one of {', '.join(FORMATS)} (a scanned image needs OCR first)")
    return _paged(parse_lines(read_text(path)))


def _paged(items: list[Paragraph | Row]) -> Source:
    """Items with the pages they name (none for text)."""
    return Source(items, max((item.page or 0 for item in items), default=0))


def join_sources(parts: list[tuple[list[Paragraph | Row], int]]) -> tuple[list[Paragraph | Row], list[int], list[int]]:
    """The items of several files of one disclosure as one stream, lines and pages numbered
    on through the files in the order given. Returns the items, each file's first page and
    each file's first line."""
    items: list[Paragraph | Row] = []
    starts, firsts, lines, pages = [], [], 0, 0
    for part, count in parts:
        starts.append(pages + 1)
        firsts.append(lines + 1)
        for item in part:
            item.line += lines
            if isinstance(item, Row):
                item.lines = [line_number + lines for line_number in item.lines]
            if item.page is not None:
                item.page += pages
            if isinstance(item, Paragraph):
                item.breaks = tuple((offset, page_number + pages) for offset, page_number in item.breaks)
        lines = max((item.line for item in part), default=lines)
        pages += count
        items.extend(part)
    return items, starts, firsts


def plain_text(items: list[Paragraph | Row]) -> str:
    """The document's text, one item a line (cells joined by TABs), for finding names and years."""
    return "\n".join(item.text if isinstance(item, Paragraph) else "\t".join(item.cells) for item in items)


class Pages:
    """Where each item stands: the page of a line, or of a quoted sentence inside a paragraph."""

    def __init__(self, items: list[Paragraph | Row]):
        self.items = {item.line: item for item in items}

    def page(self, line: int, quote: str = "") -> int | None:
        item = self.items.get(line)
        if item is None or item.page is None:
            return None
        page = item.page
        if isinstance(item, Paragraph) and item.breaks and quote:
            position = item.text.find(quote[:24].strip())
            for offset, later in item.breaks:
                if position >= offset:
                    page = later
        return page
