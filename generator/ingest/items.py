"""The items every reader emits, whatever the format: paragraphs and table rows with their
lines and pages, a source file's items with its page count, tables grouped from consecutive rows,
the error a source that cannot be read raises, and the text clean-up every reader applies."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

_ARTEFACT = re.compile(r"\[(?:bookmark|image):[^\]]*\]")


class DocumentError(ValueError):
    """The source cannot be read as a disclosure; the message says why and where."""


@dataclass
class Paragraph:
    line: int
    text: str
    page: int | None = None  # printed page (paged sources), None for text
    breaks: tuple[tuple[int, int], ...] = ()  # (offset in text, page) where a new page begins


@dataclass
class Row:
    line: int
    cells: list[str]
    lines: list[int] = field(default_factory=list)  # source line of each cell
    page: int | None = None


@dataclass
class Source:
    """What a reader read from one file: its items, its pages (0 for text) and the pages printed
    only as pictures (a PDF's; their tables are not read)."""

    items: list[Paragraph | Row]
    pages: int = 0
    pictures: list[int] = field(default_factory=list)


@dataclass
class Table:
    """Consecutive rows, with the paragraphs just before it (title, unit, department)."""

    rows: list[Row]
    before: list[Paragraph]  # paragraphs between the previous table and this one
    after: list[Paragraph] = field(default_factory=list)  # paragraphs up to the next table

    @property
    def line(self) -> int:
        return self.rows[0].line


def normalise(text: str) -> str:
    """Map CJK radicals (U+2E80–U+2FDF) to ideographs, drop Word artefacts and NBSP."""
    out = []
    for char in text:
        if "\u2e80" <= char <= "\u2fdf":
            char = unicodedata.normalize("NFKC", char)
        out.append(char)
    text = "".join(out).replace("\xa0", " ").replace("\ufeff", "")
    return _ARTEFACT.sub("", text)


def group_tables(items: list[Paragraph | Row], context: int = 8) -> list[Table | Paragraph]:
    """Group consecutive rows into tables with the paragraphs around them."""
    out: list[Table | Paragraph] = []
    pending: list[Paragraph] = []
    current: Table | None = None
    last: Table | None = None
    for item in items:
        if isinstance(item, Row):
            if current is None:
                current = Table(rows=[], before=pending[-context:])
                out.append(current)
                last, pending = current, []
            current.rows.append(item)
        else:
            current = None
            pending.append(item)
            if last is not None and len(last.after) < context:
                last.after.append(item)
            out.append(item)
    return out
