"""Narrative boilerplate: the table captions a text export repeats at the start of 情况说明 (title,
公开NN表, 部门：…, 金额单位：…, the table's note), shown with each table instead; the lines of a
table of contents (目录, “（一）主要职能……2”); a form's empty signature lines (年 月 日, 负责人（签章）：)."""
from __future__ import annotations

import re

from generator.model.packages import Package

# a caption line of a printed table (玉溪 2020: “公开01表”, “部门：中国共产党…”, “金额单位：元”)
CAPTION = re.compile(r"^(?:公开\s*\d+\s*表|表\s*\d+|(?:编制|填报)?(?:部门|单位)(?:名称)?[:：].{0,40}|(?:金额)?单位[:：]\s*\S{0,4}元)$")
TITLE = re.compile(r"^[^，。；：:]{2,30}(?:决算|预算|情况|明细|汇总|总)表$")  # a table's title standing alone
# 杭州交通 2026: “（一）主要职能......2”; 君山组织部 2020 绩效: “年 月 日”, “填报人（签名）： 联系电话：”
CONTENTS = re.compile(r"^(?:目录|.*(?:\.{4,}|…{2,}|·{4,})\d{1,3})$")
FORM = re.compile(r"^(?:年月日|[^，。]{0,20}[（(]签[章字名][)）][:：].{0,12}|填报人.{0,8}联系电话[:：]?)$")
COVER = re.compile(r"^\d{4}年度?(?:部门|单位)?(?:预算|决算)(?:公开)?$")  # a cover's “2026年度部门预算”
NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、．]|公开\s*\d+\s*表|表\s*\d+)\s*")


def _key(text: str) -> str:
    return NUMBERING.sub("", re.sub(r"\s+", "", text))


def table_lines(package: Package) -> set[str]:
    """The titles and note lines of a package's tables, as a caption repeats them, and the
    department's name (a cover's line)."""
    lines = {_key(package.department_name)}
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
    return any(pattern.match(text) for pattern in (CAPTION, TITLE, CONTENTS, FORM, COVER)) or _key(text) in captions
