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
    for s in ctx.rows("sections"):
        base, page = int(s.get("line") or 0), int(s["page"]) if s.get("page") else None
        lines = (s.get("text") or "").split("\n")
        starts, at = [], 0
        for x in lines:
            starts.append(at)
            at += len(x)
        yield s["id"], "".join(lines), (lambda off, st=starts, b=base: b + bisect_right(st, off)), page


def half(text: str) -> Decimal:
    """Half a unit of the last printed digit of a percentage."""
    return Decimal(5) * Decimal(10) ** (-len(text.partition(".")[2]) - 1)
