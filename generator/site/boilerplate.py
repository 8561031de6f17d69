"""Narrative boilerplate: the table captions a text export repeats at the start of 情况说明 (title,
公开NN表, 部门：…, 金额单位：…, the table's note), shown with each table instead."""
from __future__ import annotations

import re

from generator.model.packages import Package

# a caption line of a printed table (玉溪 2020: “公开01表”, “部门：中国共产党…”, “金额单位：元”)
CAPTION = re.compile(r"^(?:公开\s*\d+\s*表|表\s*\d+|(?:编制|填报)?(?:部门|单位)(?:名称)?[:：].{0,40}|(?:金额)?单位[:：]\s*\S{0,4}元)$")
TITLE = re.compile(r"^[^，。；：:]{2,30}(?:决算|预算|情况|明细|汇总|总)表$")  # a table's title standing alone
NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、．]|公开\s*\d+\s*表|表\s*\d+)\s*")


def _key(text: str) -> str:
    return NUMBERING.sub("", re.sub(r"\s+", "", text))


def table_lines(package: Package) -> set[str]:
    """The titles and note lines of a package's tables, as a caption repeats them."""
    lines = set()
    for resource in package.tables:
        table = resource.table
        for text in (table.get("title"), resource.meta.get("title")):
            if text:
                lines.add(_key(str(text)))
        lines.update(_key(line) for line in str(table.get("note") or "").splitlines() if line.strip())
    return lines - {""}


def is_caption(paragraph: str, captions: set[str]) -> bool:
    """A paragraph that only repeats a table's caption (or its note)."""
    text = re.sub(r"\s+", "", paragraph)
    return bool(CAPTION.match(text) or TITLE.match(text)) or _key(text) in captions
