"""Pages of a PDF printed as pictures: an image over much of the page and (almost) no text
layer, so the tables on them are not read (a scan or a screenshot of a table put in among
text pages). The import names each such page as not read."""
from __future__ import annotations

FEW = 20  # characters: a page number or a stray mark, not a page of text
COVER = 0.25  # share of the page an image covers to count as printing its content


def printed_as_picture(page) -> bool:
    """Whether a pdfplumber page holds an image over much of it and (almost) no characters."""
    if len(page.chars) >= FEW:
        return False
    covered = sum(abs((image["x1"] - image["x0"]) * (image["bottom"] - image["top"])) for image in page.images)
    return covered >= COVER * page.width * page.height


def unread_pages(pages: list[int]) -> list[str]:
    """The descriptor's `unread` entries for those pages."""
    return [f"第 {page} 页只有图片，没有文字层：其中的表格未能读取" for page in pages]
