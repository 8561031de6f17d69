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


def _word(char: str) -> bool:
    return char.isascii() and char.isalnum()


def group_lines(chars: list[dict], page: int = 0) -> list[Line]:
    """Group characters into lines by vertical extent (not by exact baseline), left to right.

    A character joins the line whose band holds its vertical centre, so a figure set
    a little above or below the text of its sentence stays in that sentence.
    """
    bands: list[dict] = []
    for char in sorted(chars, key=lambda char: (char["top"], char["x0"])):
        centre = (char["top"] + char["bottom"]) / 2
        band = next((existing for existing in reversed(bands[-4:]) if existing["top"] <= centre <= existing["bottom"]), None)
        if band is None:
            band = {"top": char["top"], "bottom": char["bottom"], "chars": []}
            bands.append(band)
        band["chars"].append(char)
        band["top"], band["bottom"] = min(band["top"], char["top"]), max(band["bottom"], char["bottom"])
    lines = [_line(grouped["chars"], page) for grouped in bands]
    return [line for line in lines if line.text]


def _line(chars: list[dict], page: int) -> Line:
    chars = sorted(chars, key=lambda char: char["x0"])
    size = Counter(round(char["size"], 1) for char in chars).most_common(1)[0][0]
    out, prev = [], None
    for char in chars:
        if char["text"] == " " or not char["text"].strip():
            if out and out[-1] != " ":
                out.append(" ")
            continue
        if prev is not None and out and out[-1] != " ":
            gap = char["x0"] - prev["x1"]
            if gap > size or (gap > 0.25 * size and _word(prev["text"][-1]) and _word(char["text"][0])):
                out.append(" ")
        out.append(char["text"])
        prev = char
    ink = [char for char in chars if char["text"].strip()]
    text = "".join(out).strip()
    if not ink:
        return Line("", 0, 0, 0, 0, size, page)
    widths = sorted(char["x1"] - char["x0"] for char in ink if not char["text"].isascii()) or [size]
    return Line(text, ink[0]["x0"], max(char["x1"] for char in ink), min(char["top"] for char in ink),
                max(char["bottom"] for char in ink), size, page, widths[len(widths) // 2])


def join_lines(texts: list[str]) -> str:
    """Wrapped lines of one paragraph or cell joined: no space, except between two words."""
    out = ""
    for text in texts:
        if out and text and _word(out[-1]) and _word(text[0]) and not (out[-1].isdigit() and text[0].isdigit()):
            out += " "
        out += text
    return out


def cell_text(cell: TextCell | None) -> str:
    """A cell's text: wrapped lines joined, letter-spacing between CJK characters removed."""
    if cell is None:
        return ""
    return _CJK_GAP.sub("", join_lines([line.text for line in cell.lines])).strip()
