"""The same figure printed in several places (tables, narrative) must agree."""
from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from generator.validate.context import Context
from generator.validate.report import Finding
from generator.validate.rules.common import figure, item_key, label
from generator.validate.rules.registry import rule, same_figure


def _same_sentence(a, b) -> bool:
    """Two values of one measure in one sentence are two things (a total and its 其中 subset:
    “政府采购预算总额110,390.99万元：货物6,005.76万元…；其中一般公共预算拨款政府采购50,106.43万元：货物664.38万元…”),
    not one figure printed twice."""
    return a.source == b.source and a.source.startswith("section:") and a.line == b.line and a.quote == b.quote


@rule("same-figure", "同一数字在各表、各段中一致",
      "同一指标（同一年度、同一科目或项目）在不同表格或文字中出现时必须相等，如收入支出决算总表与收入决算表的本年收入合计、"
      "财政拨款收支总表与一般公共预算财政拨款表、文字说明与表格。容差为两处数字末位的一半之和（两个两位小数的万元数为 ±100 元，"
      "万元数与元数为 ±50.005 元）。两者正好相差一万倍时指出单位不一致。同一句中同一指标的两个数（总额与“其中”的一部分）不是同一数字，不比较。",
      message='〈年度 指标 科目〉（表） 与 〈…〉（文字） 不一致')
def same_figure_rule(ctx: Context) -> Iterator[Finding]:
    """上海市普陀区规划和自然资源局 2024 年决算：一般公共预算财政拨款基本支出决算表印 5,364.75 万元，情况说明写“一般公共预算财政拨款基本支出5377.64万元”；玉溪市委组织部 2020 年决算公开09表“三公”经费预算数 44.31（表头单位“元”），情况说明写 44.31 万元（相差一万倍：单位不一致）。"""
    groups = defaultdict(list)
    for f in ctx.facts:
        if f.kind in ("amount", "budget", "count") and f.basis == "stated":
            groups[(f.measure, f.kind, item_key(f), f.year)].append(f)
    for facts in groups.values():
        # tables first: the printed table is the reference a narrative figure is held against
        facts = sorted(facts, key=lambda f: (not f.source.startswith("table:"), f.line))
        ref, seen = facts[0], set()
        for other in facts[1:]:
            if (other.value, other.unit) in seen or _same_sentence(ref, other):
                continue
            finding = same_figure("same-figure", f"{label(ref)} 与 {label(other)} 不一致",
                                  figure(ref), ref.half_unit, figure(other), other.half_unit)
            if finding:
                seen.add((other.value, other.unit))
                yield finding
