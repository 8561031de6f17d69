"""Products stated in a sentence: a count times a per-unit amount against the total it states
(“慰问502人，每人400元，共计20.08万元”)."""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from generator.validate.context import Context
from generator.validate.report import Figure, Finding
from generator.validate.rules.narrative import _printed
from generator.validate.rules.registry import rule, sum_finding

UNIT = r"人次|人|名|户|个|台|辆|套|次|场|期|批|家|所|件"
COUNT = re.compile(rf"(?<![\d.,])(?P<n>\d[\d,]*)\s*(?P<what>{UNIT})(?![\d])")
RATE = re.compile(rf"(?:每(?:{UNIT})|人均|按)\s*(?:补助|补贴|发放|标准)?\s*(?P<v>\d[\d,]*(?:\.\d+)?)\s*(?P<u>万元|元)"
                  rf"(?:\s*/\s*(?:{UNIT}))?|(?P<v2>\d[\d,]*(?:\.\d+)?)\s*(?P<u2>万元|元)\s*/\s*(?:{UNIT})")
TOTAL = re.compile(r"(?:共计|合计|总计|共|计|总额|金额)\s*(?:为|约)?\s*(?P<v>\d[\d,]*(?:\.\d+)?)\s*(?P<u>亿元|万元|元)")
CLAUSE = re.compile(r"[^。；;\n]+")


@rule("product", "句中的“数量 × 单价 = 总额”",
      "一句（以“。”“；”分隔）同时写出数量（“502人”）、单位金额（“每人400元”“400元/人”）和总额（“共计20.08万元”）时："
      "总额等于数量乘以单位金额，容差为所涉金额末位的一半（总额的末位一半加上数量乘以单价末位的一半）。"
      "一句中数量或单位金额不止一个时不判断。",
      message="〈数量〉 × 〈单价〉 与所说的总额 〈总额〉 不符")
def product(ctx: Context) -> Iterator[Finding]:
    """慰问、补助一类句子：“春节慰问困难党员502人，每人400元，共计20.08万元。”（502 × 400 元 = 20.08 万元，相符）；
    库外人工核对的文件中同一计算写成“20.8万元”（不符）。"""
    for section in ctx.rows("sections"):
        base, page = int(section.get("line") or 0), int(section["page"]) if section.get("page") else None
        for offset, text in enumerate((section.get("text") or "").split("\n")):
            for clause in CLAUSE.finditer(text):
                said = clause.group(0)
                rates = list(RATE.finditer(said))
                totals = list(TOTAL.finditer(said))
                if len(rates) != 1 or len(totals) != 1:
                    continue
                rate = rates[0]
                counts = [match for match in COUNT.finditer(said) if not (rate.start() <= match.start() < rate.end())]
                if len(counts) != 1 or counts[0].start() > totals[0].start():
                    continue
                count = Decimal(counts[0]["n"].replace(",", ""))
                unit_value, unit_hu = _printed(rate["v"] or rate["v2"], rate["u"] or rate["u2"])
                total = totals[0]
                total_value, total_hu = _printed(total["v"], total["u"]) if total["u"] != "亿元" else \
                    (_printed(total["v"], "万元")[0] * 10000, _printed(total["v"], "万元")[1] * 10000)
                line, src, quote = base + offset + 1, f"section:{section['id']}", said.strip()
                computed = count * unit_value
                yield from filter(None, [sum_finding(
                    "product", f"{counts[0].group(0)} × {rate.group(0)} 与所说的总额 {total['v']}{total['u']} 不符：{quote}",
                    Figure("总额（文字）", total_value, "元", src, line, quote, page), total_hu,
                    [(Figure(f"{counts[0].group(0)} × {rate.group(0)}", computed, "元", src, line, quote, page), count * unit_hu)])])
