"""Pages of a PDF printed as pictures: an image over much of the page and (almost) no text
layer, so the tables on them are not read (a scan or a screenshot of a table put in among
text pages). The import names each such page as not read."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from generator.ingest.items import Paragraph, Row

FEW = 20  # characters: a page number or a stray mark, not a page of text
COVER = 0.25  # share of the page an image covers to count as printing its content


def image_pages(path: Path, items: list[Paragraph | Row]) -> list[int]:
    """Pages of the PDF at `path` read into `items` that hold an image and (almost) no characters.
    Only pages the items hold little text on are opened again."""
    if path.suffix.lower() != ".pdf":
        return []
    text: Counter[int] = Counter()
    for item in items:
        if item.page is not None:
            text[item.page] += len("".join(item.cells) if isinstance(item, Row) else item.text)
        for _, page in getattr(item, "breaks", ()):
            text[page] += FEW
    import pdfplumber

    out = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            if text[number] >= FEW:
                continue
            area = page.width * page.height
            covered = sum(abs((image["x1"] - image["x0"]) * (image["bottom"] - image["top"])) for image in page.images)
            if covered >= COVER * area and len(page.chars) < FEW:
                out.append(number)
            page.close()
    return out


def unread_pages(pages: list[int]) -> list[str]:
    """The descriptor's `unread` entries for those pages."""
    return [f"第 {page} 页只有图片，没有文字层：其中的表格未能读取" for page in pages]
