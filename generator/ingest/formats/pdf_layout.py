"""Characters → text lines, by position; the small geometry the PDF reader needs."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_CJK_GAP = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])")


@dataclass
class Line:
    """One printed line: its text and where it stands on the page."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int = 0
    em: float = 0.0  # width of a full-width character



@dataclass
class TextCell:
    """A table cell: its lines and horizontal extent."""

    lines: list[Line]
    x0: float
    x1: float

    @property
    def wraps(self) -> bool:
        """The last line runs to the cell's right edge: the text may go on below."""
        return bool(self.lines) and self.lines[-1].x1 >= self.x1 - self.lines[-1].em


def _word(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def group_lines(chars: list[dict], page: int = 0) -> list[Line]:
    """Group characters into lines by vertical extent (not by exact baseline), left to right.

    A character joins the line whose band holds its vertical centre, so a figure set
    a little above or below the text of its sentence stays in that sentence.
    """
    bands: list[dict] = []
    for c in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        centre = (c["top"] + c["bottom"]) / 2
        band = next((b for b in reversed(bands[-4:]) if b["top"] <= centre <= b["bottom"]), None)
        if band is None:
            band = {"top": c["top"], "bottom": c["bottom"], "chars": []}
            bands.append(band)
        band["chars"].append(c)
        band["top"], band["bottom"] = min(band["top"], c["top"]), max(band["bottom"], c["bottom"])
    lines = [_line(b["chars"], page) for b in bands]
    return [ln for ln in lines if ln.text]


def _line(chars: list[dict], page: int) -> Line:
    chars = sorted(chars, key=lambda c: c["x0"])
    size = Counter(round(c["size"], 1) for c in chars).most_common(1)[0][0]
    out, prev = [], None
    for c in chars:
        if c["text"] == " " or not c["text"].strip():
            if out and out[-1] != " ":
                out.append(" ")
            continue
        if prev is not None and out and out[-1] != " ":
            gap = c["x0"] - prev["x1"]
            if gap > size or (gap > 0.25 * size and _word(prev["text"][-1]) and _word(c["text"][0])):
                out.append(" ")
        out.append(c["text"])
        prev = c
    ink = [c for c in chars if c["text"].strip()]
    text = "".join(out).strip()
    if not ink:
        return Line("", 0, 0, 0, 0, size, page)
    widths = sorted(c["x1"] - c["x0"] for c in ink if not c["text"].isascii()) or [size]
    return Line(text, ink[0]["x0"], max(c["x1"] for c in ink), min(c["top"] for c in ink),
                max(c["bottom"] for c in ink), size, page, widths[len(widths) // 2])


def join_lines(texts: list[str]) -> str:
    """Wrapped lines of one paragraph or cell joined: no space, except between two words."""
    out = ""
    for t in texts:
        if out and t and _word(out[-1]) and _word(t[0]) and not (out[-1].isdigit() and t[0].isdigit()):
            out += " "
        out += t
    return out


def cell_text(cell: TextCell | None) -> str:
    """A cell's text: wrapped lines joined, letter-spacing between CJK characters removed."""
    if cell is None:
        return ""
    return _CJK_GAP.sub("", join_lines([ln.text for ln in cell.lines])).strip()
