"""Amounts the narrative lists as an outline: a numbered line and the lines numbered one level
below it (“（一）本年财政拨款收入4695.06万元 / 1.一般公共预算拨款收入4695.06万元。/ 2.…”)."""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from generator.validate.context import Context
from generator.validate.report import Figure, Finding
from generator.validate.rules.common import classified
from generator.validate.rules.narrative import _printed
from generator.validate.rules.registry import rule, sum_finding

# outline levels, outermost first: （一） › 1. / 1、 › （1）
LEVELS = (re.compile(r"\s*[（(][一二三四五六七八九十]+[）)]"), re.compile(r"\s*\d+\s*[.．、](?!\d)"),
          re.compile(r"\s*[（(]\d+[）)]"))
# the line's own amount: right after its label (no figure, no stop before it), then the line ends or a stop
ITEM = re.compile(r"(?P<label>[^\d，。；：:%、]{1,40}?)(?P<value>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>万元|元)(?=$|[。；，,])")
PARTIAL = re.compile(r"主要|部分|如下|重点|包括|等")  # “主要项目如下：” may list what matters, not every part


def _parse(line: str) -> tuple[int, re.Match | None] | None:
    """(level, the line's own amount or None) of a numbered line, None for any other line."""
    for level, marker in enumerate(LEVELS):
        numbering = marker.match(line)
        if numbering:
            return level, ITEM.match(line, numbering.end())
    return None


@rule("outline-sum", "文字分级列出的金额：上一级等于下一级各项之和",
      "情况说明把收入、支出分级列出时（“（一）… / 1.… / （1）…”，每行以名称和金额开头）：上一级的金额等于紧随其后、"
      "低一级的各行金额之和，直到出现同级或更高一级的行。下一级各项之和小于上一级时，只在列了两项以上、没有“主要”“如下”“包括”“等”之类的字样、"
      "且各项都是预算的分类（资金来源、经济或功能分类的类款项等）或列出了为 0 的项时判断：否则所列可能只是一部分。容差为各数末位的一半之和。",
      message="〈上一级〉与其下所列各项之和不符")
def outline_sum(ctx: Context) -> Iterator[Finding]:
    """北京市重大项目建设指挥部办公室 2026 年部门预算：“（一）本年财政拨款收入4695.06万元 / 1.一般公共预算拨款收入4695.06万元。
    / 2.政府性基金预算拨款收入0.00万元。/ 3.国有资本经营预算拨款收入0.00万元。”（相符，不报告）；江苏省政协办公厅 2017 年
    部门预算：“（一）人员经费4,704.35万元 / 1、工资福利支出（类）2,097.51万元 / （1）基本工资（款）支出737.94万元。…”（两级都相符）。"""
    for section in ctx.rows("sections"):
        base, page = int(section.get("line") or 0), int(section["page"]) if section.get("page") else None
        lines = [section.get("heading") or ""] + (section.get("text") or "").split("\n")
        parsed = [_parse(text) for text in lines]
        src = f"section:{section['id']}"

        def fig(index: int) -> tuple[Figure, Decimal]:
            match = parsed[index][1]
            value, half_unit = _printed(match["value"], match["unit"])
            return Figure(f"{match['label'].strip()}（文字）", value, "元", src, base + index,
                          lines[index].strip()[:80], page), half_unit

        for index, entry in enumerate(parsed):
            if entry is None or entry[1] is None:
                continue
            children = []
            for later in range(index + 1, len(lines)):
                following = parsed[later]
                if following is None:
                    continue
                if following[0] <= entry[0]:
                    break
                if following[0] == entry[0] + 1 and following[1] is not None:
                    children.append(later)
            if not children:
                continue
            total, total_hu = fig(index)
            parts = [fig(later) for later in children]
            between = [lines[index]] + [text for text in lines[index + 1:children[-1]] if _parse(text) is None]
            if sum(figure.value for figure, _ in parts) < total.value and (
                    len(parts) == 1 or PARTIAL.search("".join(between))
                    or not (any(not figure.value for figure, _ in parts) or classified([parsed[later][1]["label"] for later in children]))):
                continue  # short of the total, and said to be (or maybe) a selection
            yield from filter(None, [sum_finding(
                "outline-sum", f"“{lines[index].strip()[:40]}”与其下所列各项之和不符", total, total_hu, parts)])
