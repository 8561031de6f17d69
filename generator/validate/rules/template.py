"""Template text left unfilled and years that contradict the report year."""
from __future__ import annotations

import re
from typing import Iterator

from generator.validate.context import Context
from generator.validate.report import Finding
from generator.validate.rules.registry import rule

LEFTOVERS = [
    (re.compile(r"\*{2,}"), "占位符“***”"),
    (re.compile(r"[XＸ×]{2}(?:局|部|单位|万元|年|个)"), "占位符“XX”"),
    (re.compile(r"[大小]于\s*/\s*等于|等于\s*/\s*[大小]于"), "未选定的比较词“小于/等于”"),
    (re.compile(r"(增加|减少|增长|下降|大于|小于)[（(](增加|减少|增长|下降|降低|大于|小于)[）)]"), "未选定的“增加（减少）”"),
    (re.compile(r"(?:主要用于|主要原因是|具体内容包括)\s*(?:…|\.{3})"), "未填写的“主要用于…”"),
    (re.compile(r"…\s*[（(]具体[^）)]*[）)]"), "未填写的“…（具体工作）”"),
]


def _lines(ctx: Context) -> Iterator[tuple[int, str, str, int | None]]:
    for s in ctx.rows("sections"):
        base = int(s.get("line") or 0)
        page = int(s["page"]) if s.get("page") else None  # the section's first page
        for k, text in enumerate([s.get("heading", "")] + (s.get("text") or "").split("\n")):
            if text:
                yield base + k, s["id"], text, page


@rule("template-leftover", "模板文字未填写",
      "公开模板中的占位内容原样发布：“***”、“XX局”、“小于/等于”、未选定的“增加（减少）”、“主要用于…”、“…（具体工作）”。"
      "每处报告一次，附原文。")
def template_leftovers(ctx: Context) -> Iterator[Finding]:
    for line, section, text, page in _lines(ctx):
        hits = [what for pattern, what in LEFTOVERS if pattern.search(text)]
        if hits:
            yield Finding("template-leftover", f"模板文字未填写（{'、'.join(hits)}）：{text[:120]}",
                          [], None, None, "", line=line, page=page)


@rule("other-year", "“截至”日期的年份与报告年度不符",
      "情况说明中“截至 YYYY 年…”的年份应为报告年度（决算的年末数）；预算说明的资产数截至上年（如“截至2024年8月31日”），"
      "也不报告。出现其他年份时多为沿用往年文本。")
def other_year(ctx: Context) -> Iterator[Finding]:
    for line, section, text, page in _lines(ctx):
        for m in re.finditer(r"截[至止]\s*(\d{4})\s*年", text):
            if int(m.group(1)) != ctx.year and not (ctx.package.kind == "budget" and int(m.group(1)) == ctx.year - 1):
                yield Finding("other-year", f"报告年度为 {ctx.year} 年，却写“{m.group(0)}”：{text[:120]}",
                              [], None, None, "", line=line, page=page)
