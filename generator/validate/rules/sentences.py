"""Reading the narrative's sentences as printed, whether or not the importer took facts from them:
a section's lines joined (a PDF breaks a sentence wherever its line ends), the line of each offset."""
from __future__ import annotations

from bisect import bisect_right
from decimal import Decimal
from typing import Callable, Iterator

from generator.validate.context import Context

NUM = r"\d[\d,]*(?:\.\d+)?"


def paragraphs(ctx: Context) -> Iterator[tuple[str, str, Callable[[int], int], int | None]]:
    """(section id, its text with the lines joined, the line of an offset in it, its page)."""
    for section in ctx.rows("sections"):
        base, page = int(section.get("line") or 0), int(section["page"]) if section.get("page") else None
        lines = (section.get("text") or "").split("\n")
        starts, offset = [], 0
        for line in lines:
            starts.append(offset)
            offset += len(line)
        yield (section["id"], "".join(lines),
               (lambda off, line_starts=starts, first_line=base: first_line + bisect_right(line_starts, off)), page)


def half(text: str) -> Decimal:
    """Half a unit of the last printed digit of a percentage."""
    return Decimal(5) * Decimal(10) ** (-len(text.partition(".")[2]) - 1)
