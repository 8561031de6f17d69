"""Read a published PDF into the item stream of the text importer (pdfplumber).

Tables come from the ruled-table layout (``find_tables``), one `Row` per printed row,
merged cells blank as in a spreadsheet export. A table continued on the next page is
joined to its first part: columns matched by position, repeated titles and header rows
dropped, a cell broken at the page end mended. Captions ruled into a table (its title,
its 部门/单位 line) become paragraphs again.

The narrative is rebuilt from character positions (`pdf_layout`): lines into paragraphs
by indent, line ends and spacing, across page breaks; page numbers are dropped. Every
item carries its page; `line` numbers the items in reading order.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from generator.ingest.formats.images import printed_as_picture
from generator.ingest.formats.pdf_layout import Line, TextCell, cell_text, group_lines, join_lines
from generator.ingest.items import DocumentError, Paragraph, Row, Source, normalise
from generator.ingest.limits import MAX_PAGES
from generator.model.tables import NUMBERING, spec_for_title, squash

# '12', '- 12 -', '第12页', '第 12 页，共 45 页', '12/45', '1 3' (a page number set in spaced digits)
_PAGE_NUMBER = re.compile(r"^[\s\-—–─_·•]*(?:第\s*)?\d(?:\s?\d){0,3}(?:\s*页)?(?:\s*[，,]?\s*(?:/|／|共)\s*\d+\s*页?)?"
                          r"[\s\-—–─_·•]*$")
_HEADING = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")
_ENUMERATOR = re.compile(r"^(?:[（(]\d+[）)]|\d+\s*[、．.](?!\d))")
_LABEL = re.compile(r"^(?:编制)?(?:部门|单位)(?:名称)?[:：]|(?:金额)?单位[:：]\s*(?:万元|元|亿元|千元)")
_NUMERIC = re.compile(r"^[-+(（]?\d[\d,，]*(?:\.\d+)?[)）%]?$")
_SENTENCE_END = "。：:；;！？!?"
_FIGURE = re.compile(r"[\d.,，%\-]")
_TOLERANCE = 6.0  # points: column edges of two parts of one table agree within this


@dataclass
class _Part:
    """The rows of one ruled table on one page, cells on the table's column grid."""

    page: int
    top: float
    edges: list[float]  # column boundaries, left to right
    rows: list[list[TextCell | None]]


def read_pdf(path: Path) -> Source:
    """Paragraphs and table rows of a PDF disclosure, in reading order, with pages; the page count
    and the pages printed only as pictures (the file is opened once)."""
    import pdfplumber

    try:
        with pdfplumber.open(path) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise DocumentError(
                    f"{path}: {len(pdf.pages)} pages, more than the {MAX_PAGES} an import reads (a disclosure has "
                    "tens; this looks like several documents in one file). Import each disclosure's own file")
            pages, sizes, pictures = [], {}, []
            for number, page in enumerate(pdf.pages, start=1):
                pages.append(_read_page(page, number))
                sizes[number] = (page.width, page.height)
                if printed_as_picture(page):
                    pictures.append(number)
                page.close()  # its parsed objects: memory stays that of one page (53 pages: 63 MB, not 166)
    except DocumentError:
        raise
    except Exception as exc:  # pdfminer signals broken or encrypted files with its own types
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

        cause = exc.args[0] if type(exc).__name__ == "PdfminerException" and exc.args else exc  # (pdfplumber's wrapper)
        if isinstance(cause, PDFPasswordIncorrect):
            raise DocumentError(f"{path}: the PDF is protected by a password, so its text cannot be read. Import an "
                                "unprotected copy (ask the publisher, or open it with the password and save or "
                                "print it as a new PDF)") from None
        if isinstance(cause, PDFEncryptionError):
            raise DocumentError(f"{path}: the PDF is encrypted in a way that cannot be read ({exc}); import an "
                                "unprotected copy (open it and save or print it as a new PDF)") from None
        if type(exc).__module__.split(".")[0] in ("pdfminer", "pdfplumber") or isinstance(exc, (ValueError, KeyError)):
            raise DocumentError(f"{path}: not a readable PDF ({type(exc).__name__}: {exc}); open it and save or "
                                "print it as a new PDF, or import the Word/Excel version") from None
        raise
    if not any(pages):
        raise DocumentError(
            f"{path}: the PDF has no text layer — it is a scanned image of the document. Import the "
            "Word/Excel/text version instead, or run OCR on it first (and check the figures by hand)")
    items = _Assembler(sizes).run(pages)
    for line, item in enumerate(items, start=1):
        item.line = line
        if isinstance(item, Row):
            item.lines = [line] * len(item.cells)
    return Source(items, len(sizes), pictures)


def _read_page(page, number: int) -> list[Line | _Part]:
    """The page's text lines outside tables and its table parts, top to bottom.

    Only what lies on the visible page counts: converters sometimes leave content
    drawn beyond the page's edge, which no reader sees, and invisible boxes behind text.
    """
    page = page.within_bbox(page.bbox).filter(_visible)
    chars = [dict(char, text=normalise(char["text"])) for char in page.chars]
    tables = _closed(page, page.find_tables())
    cells = [(table, row_index, column, box) for table in tables for row_index, row in enumerate(table.rows) for column, box in enumerate(row.cells) if box]
    held: dict[tuple, list[dict]] = {}
    free = []
    for run in _runs(chars):  # each run of characters goes to the smallest cell holding its middle (a
        middle_x = (run[0]["x0"] + run[-1]["x1"]) / 2  # filled background is one more, larger cell)
        middle_y = (run[0]["top"] + run[0]["bottom"]) / 2
        holding = [((bounds[2] - bounds[0]) * (bounds[3] - bounds[1]), index) for index, (_, _, _, bounds) in enumerate(cells)
                   if bounds[0] <= middle_x <= bounds[2] and bounds[1] <= middle_y <= bounds[3]]
        if holding:
            held.setdefault(cells[min(holding)[1]][:3], []).extend(run)
        else:
            free.extend(run)  # outside every table, or in a gap of one that no cell covers
    lines = [line for line in group_lines(free, number) if not _is_page_number(line, page.height)]
    parts = [_part(table, held, number) for table in tables]
    return sorted(lines + [part for part in parts if part.rows], key=lambda block: block.top)


def _closed(page, tables: list) -> list:
    """The tables again with their top and bottom rulings drawn across the page where vertical
    rulings of the table's full height stand beside it: cells merged over the whole page (a
    绩效目标表's 一级指标 column continued from the page before, 西安 2019 pp.34–44) print no
    top or bottom border, and their columns were left out of the table."""
    beside = {(round(table.bbox[1], 1), round(table.bbox[3], 1)) for table in tables for edge in page.edges
              if edge["orientation"] == "v" and abs(edge["top"] - table.bbox[1]) <= 2 and abs(edge["bottom"] - table.bbox[3]) <= 2
              and not table.bbox[0] - 2 <= edge["x0"] <= table.bbox[2] + 2}
    if not beside:
        return tables
    return page.find_tables({"explicit_horizontal_lines": sorted({ruling for pair in beside for ruling in pair})})


def _runs(chars: list[dict]) -> list[list[dict]]:
    """Characters in the order the PDF draws them, as runs printed edge to edge on one line: a
    header wider than its cell overflows into its neighbours ('公务用车购置及运行维护费' drawn over
    three cells, 西安 2019 表13) and belongs to the cell holding its middle. Spaces, a gap, or a
    change between figures and words end a run."""
    runs: list[list[dict]] = []
    for char in chars:
        prev = runs[-1][-1] if runs else None
        if prev is not None and char["text"].strip() and prev["text"].strip() and char.get("upright", True) \
                and abs(char["top"] - prev["top"]) < 0.25 * prev["size"] and -0.1 < char["x0"] - prev["x1"] < 0.2 * prev["size"] \
                and bool(_FIGURE.match(char["text"])) == bool(_FIGURE.match(prev["text"])):
            runs[-1].append(char)
        else:
            runs.append([char])
    return runs


def _visible(obj: dict) -> bool:
    """False for a box that draws nothing: white, unstroked (Word puts one behind every run of
    text; pdfplumber took their edges for the rulings of a table, and the narrative for cells)."""
    if obj.get("object_type") != "rect" or obj.get("stroke"):
        return True
    color = obj.get("non_stroking_color")
    values = tuple(color) if isinstance(color, (list, tuple)) else (color,)
    white = values in ((1,), (1.0,), (1, 1, 1), (1.0, 1.0, 1.0)) or (len(values) == 4 and not any(values))
    return not (obj.get("fill") and white)


def _part(table, held: dict[tuple, list[dict]], page: int) -> _Part:
    """A ruled table's rows, cells on the table's column grid."""
    rows = [[None if box is None else TextCell(group_lines(held.get((table, row_index, column), []), page), box[0], box[2])
             for column, box in enumerate(row.cells)] for row_index, row in enumerate(table.rows)]
    edges = sorted({round(box[0], 1) for row in table.rows for box in row.cells if box} | {round(table.bbox[2], 1)})
    rows = [row for row in rows if any(cell_text(cell) for cell in row)]
    top = min((line.top for cell in rows[0] if cell for line in cell.lines), default=table.bbox[1]) if rows else table.bbox[1]
    return _Part(page, top, edges, rows)  # placed by its first text, after any line printed above it


def _is_page_number(line: Line, height: float) -> bool:
    return bool(_PAGE_NUMBER.match(line.text)) and (line.top > 0.88 * height or line.bottom < 0.1 * height)


def _texts(cells: list[TextCell | None]) -> list[str]:
    return [cell_text(cell) for cell in cells]


def _is_body(texts: list[str]) -> bool:
    return any(_NUMERIC.match(text) for text in texts if text)


def _is_caption(cells: list[TextCell | None], first: bool = False) -> bool:
    """A ruled row that is a table's title or its 部门/单位 line, not part of the table."""
    texts = [text for text in _texts(cells) if text]
    if not texts or _is_body(texts):
        return False
    if any(_LABEL.search(text) for text in texts):
        return True
    lines = [line.text for cell in cells if cell for line in cell.lines]
    # at the top of a table, a title or a lone table number ('表11' ruled above its title, 西安 2019)
    return len(texts) == 1 and (any(spec_for_title(candidate) for candidate in (texts[0], *lines))
                                or first and (texts[0].endswith("表") or not NUMBERING.sub("", texts[0], count=1)))


def _caption_texts(cells: list[TextCell | None]) -> list[str]:
    """A caption row as paragraphs: a one-cell caption line by line (a wrapped title joined)."""
    filled = [cell for cell in cells if cell_text(cell)]
    if len(filled) > 1:
        return [" ".join(cell_text(cell) for cell in filled)]
    groups: list[list[str]] = []
    for line in filled[0].lines:
        if groups and not _LABEL.search(line.text) and not _LABEL.search(groups[-1][-1]):
            groups[-1].append(line.text)
        else:
            groups.append([line.text])
    return [join_lines(group) for group in groups]


def _regrid(cells: list[TextCell | None], target: list[float]) -> list[TextCell | None]:
    """Cells of a continuation part placed on the open table's column grid by their left edge."""
    out: list[TextCell | None] = [None] * (len(target) - 1)
    for cell in cells:
        if cell is None:
            continue
        column = next((column for column in range(len(out)) if target[column] - _TOLERANCE <= cell.x0 < target[column + 1] - _TOLERANCE), None)
        if column is not None:
            out[column] = cell if out[column] is None else TextCell(out[column].lines + cell.lines, out[column].x0, cell.x1)
    return out


def _margins(lines: list[Line]) -> tuple[float, float, float]:
    """Left and right edge of the body text on a page, and its usual line pitch."""
    long = [line for line in lines if len(line.text) >= 8] or lines
    if not long:
        return 0.0, 0.0, 0.0
    left = Counter(round(line.x0) for line in long).most_common(1)[0][0]
    steps = sorted(lower.top - upper.top for upper, lower in zip(lines, lines[1:]) if lower.top > upper.top and abs(upper.size - lower.size) < 0.6)
    pitch = steps[len(steps) // 2] if steps else 2 * max(line.size for line in lines)
    return float(left), max(line.x1 for line in long), pitch


class _Assembler:
    """Walks the pages' blocks in order and emits paragraphs and rows."""

    def __init__(self, sizes: dict[int, tuple[float, float]]) -> None:
        self.widths = {page: width for page, (width, _) in sizes.items()}
        self.heights = {page: height for page, (_, height) in sizes.items()}
        self.items: list[Paragraph | Row] = []
        self.para: list[Line] = []  # lines of the open paragraph
        self.margins: dict[int, tuple[float, float, float]] = {}
        self.grid: list[float] | None = None  # column edges of the open table
        self.header: list[list[str]] = []  # the open table's rows before its first body row
        self.in_body = False
        self.last: list[TextCell | None] | None = None  # its last row
        self.captions: set[str] = set()  # the paragraphs just above it

    def run(self, pages: list[list[Line | _Part]]) -> list[Paragraph | Row]:
        self._measure(pages)
        for blocks in pages:
            first_part = next((index for index, candidate in enumerate(blocks) if isinstance(candidate, _Part)), len(blocks))
            repeated = self.grid is not None and first_part < len(blocks) and all(
                squash(candidate.text) in self.captions for candidate in blocks[:first_part])
            for index, block in enumerate(blocks):
                if isinstance(block, _Part):
                    self._part(block, top=index == first_part and (index == 0 or repeated))
                elif not (repeated and index < first_part):
                    self._line(block)
        self._close()
        return self.items

    def _measure(self, pages: list[list[Line | _Part]]) -> None:
        """Margins per page: the page's own when it is mostly text, else those of its page size."""
        by_size: dict[int, list[Line]] = {}
        for blocks in pages:
            lines = [block for block in blocks if isinstance(block, Line)]
            if lines:
                by_size.setdefault(round(self.widths[lines[0].page]), []).extend(lines)
        common = {width: _margins(lines) for width, lines in by_size.items()}
        for page in self.widths:
            lines = [block for blocks in pages for block in blocks if isinstance(block, Line) and block.page == page]
            own = len([line for line in lines if len(line.text) >= 8]) >= 6
            self.margins[page] = _margins(lines) if own else common.get(round(self.widths[page]), (0.0, 0.0, 0.0))

    # ---- narrative

    def _line(self, line: Line) -> None:
        self.grid = None
        if self.para and not self._continues(self.para[-1], line):
            self._close()
        self.para.append(line)

    def _continues(self, prev: Line, line: Line) -> bool:
        left, _, pitch = self.margins[line.page]
        if prev.page == line.page and line.top < prev.bottom - 0.1 * line.size:
            return False  # side by side, not one below the other
        if abs(prev.size - line.size) > 0.6 or line.x0 > left + 0.9 * line.size:
            return False
        if prev.x1 < self.margins[prev.page][1] - 1.5 * prev.size:
            return False
        if prev.page == line.page and line.top - prev.top > 1.6 * pitch:
            return False
        if prev.page != line.page and (prev.bottom < 0.75 * self.heights[prev.page] or prev.text[-1:] == "。"):
            return False  # a paragraph goes on over the page only from the foot of the page, mid-sentence
        return not (_HEADING.match(line.text) or _ENUMERATOR.match(line.text) and prev.text[-1:] in _SENTENCE_END)

    def _close(self) -> None:
        if not self.para:
            return
        text, breaks = "", []
        for line in self.para:
            if text and line.page != self.para[0].page and (not breaks or breaks[-1][1] != line.page):
                breaks.append((len(text), line.page))
            text = join_lines([text, line.text])
        self.items.append(Paragraph(0, text, page=self.para[0].page, breaks=tuple(breaks)))
        self.para = []

    # ---- tables

    def _part(self, part: _Part, top: bool) -> None:
        self._close()
        rows = part.rows
        if top and self.grid is not None:
            moved = [_regrid(row, self.grid) for row in rows]
            while moved and _is_caption(moved[0]) and all(squash(text) in self.captions for text in _caption_texts(moved[0])):
                moved, rows = moved[1:], rows[1:]
            lead = next((index for index, row in enumerate(rows) if _is_caption(row)), len(rows))
            if lead and self._fits(rows[:lead]):
                moved = self._without_header(moved[:lead])
                if moved and self._mends(moved[0]):
                    self._mend(moved.pop(0))
                self._rows(moved, part)
                rows = rows[lead:]
        if rows:
            self._start(part.edges)
            self._rows(rows, part)

    def _rows(self, rows: list[list[TextCell | None]], part: _Part) -> None:
        leading = True  # the rows above the table's first: its number, then its title
        for cells in rows:
            if _is_caption(cells, first=leading):
                self.items.extend(Paragraph(0, text, page=part.page) for text in _caption_texts(cells))
                self._start(part.edges)
                continue
            leading = False
            texts = _texts(cells)
            self.in_body = self.in_body or _is_body(texts)
            if not self.in_body:
                self.header.append(texts)
            self.items.append(Row(0, texts, page=part.page))
            self.last = cells

    def _start(self, edges: list[float]) -> None:
        self.grid, self.header, self.last, self.in_body = edges, [], None, False
        self.captions = {squash(item.text) for item in self.items[-4:] if isinstance(item, Paragraph)}

    def _fits(self, rows: list[list[TextCell | None]]) -> bool:
        """Rows whose cells start on the open table's column lines: a continuation, not a new table."""
        def near(position: float) -> bool:
            return any(abs(position - line_x) <= _TOLERANCE for line_x in self.grid)
        starts = {round(cell.x0, 1) for row in rows for cell in row if cell_text(cell)}
        left = min((cell.x0 for row in rows for cell in row if cell), default=-1.0)
        return bool(starts) and near(left) and all(near(position) for position in starts)

    def _without_header(self, rows: list[list[TextCell | None]]) -> list[list[TextCell | None]]:
        """Drop the open table's header rows printed again on the new page."""
        header = [[squash(text) for text in header_row] for header_row in self.header]
        while rows and [squash(text) for text in _texts(rows[0])] in header:
            rows = rows[1:]
        return rows

    def _mends(self, cells: list[TextCell | None]) -> bool:
        """A continuation's first row holding only the rest of a cell broken at the page end."""
        texts = _texts(cells)
        filled = [column for column, printed in enumerate(texts) if printed]
        if len(filled) != 1 or self.last is None or not isinstance(self.items[-1], Row):
            return False
        column, text = filled[0], texts[filled[0]]
        above = self.last[column] if column < len(self.last) else None
        return (above is not None and bool(cell_text(above)) and above.wraps and _is_body(_texts(self.last))
                and not _HEADING.match(text) and not _ENUMERATOR.match(text) and not re.match(r"\d{3}", text))

    def _mend(self, cells: list[TextCell | None]) -> None:
        column = next(column for column, cell in enumerate(cells) if cell_text(cell))
        row = self.items[-1]
        row.cells[column] = join_lines([row.cells[column], cell_text(cells[column])])
