"""The data behind a document's charts against the figures its narrative prints: a Word or
Excel export carries each chart's data as a small two-column table (a label and a figure, often
under Excel's default series name 销售额), kept by the importer as a generic table without a unit."""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from generator.model.tables import squash
from generator.validate.context import Context, Table
from generator.validate.report import Figure, Finding
from generator.validate.rules.common import VOCAB, figure, label
from generator.validate.rules.registry import rule, same_figure

NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")
SCALE = {"万元": Decimal(10000), "元": Decimal(1), "亿元": Decimal(100000000)}


def chart_tables(ctx: Context) -> Iterator[Table]:
    """Generic tables of at most 15 rows, no printed unit, each row a label and one figure."""
    for table in ctx.tables.values():
        if not table.info.get("generic") or table.info.get("unit") or not 2 <= len(table.rows) <= 15:
            continue
        cells = [field.name for field in table.resource.fields if re.fullmatch(r"c\d+", field.name)]
        if len(cells) == 2:
            yield table


def _narrative(ctx: Context) -> dict[str, list]:
    """The report year's amounts the narrative prints, by the item (or measure) they name."""
    out: dict[str, list] = {}
    for fact in ctx.facts:
        if fact.kind != "amount" or fact.basis != "stated" or not fact.source.startswith("section:") \
                or fact.year != ctx.year:
            continue
        name = fact.item or ("" if fact.code else VOCAB.get(fact.measure, ""))
        if name and fact.unit_in_source in SCALE:
            out.setdefault(squash(name), []).append(fact)
    return out


@rule("chart-data", "图表数据与文字所印的同一数字一致",
      "Word、Excel 导出的文件在末尾附有各图表的数据（一列名称、一列数字，表头常为 Excel 默认的“销售额”）。某一图表数据中，"
      "名称与文字说明中本年度的某项金额相同（如“一般公共服务”对“一般公共服务（201）支出1045.63万元”）的行，数字须与文字相符"
      "（按文字的单位读图表数字；容差为两处末位的一半之和）。同一图表中至少另有一行与文字相符（单位与所指确认无误）时才判断。",
      message="图表数据“〈名称〉 〈数字〉”与文字所印的 〈金额〉 不一致")
def chart_data(ctx: Context) -> Iterator[Finding]:
    """峨眉山市委组织部 2020 年决算，图表数据“一般公共预算财政拨款支出决算结构”：一般公共服务 1186.22（一般公共预算财政拨款支出
    合计），文字写“一般公共服务（201）支出1045.63万元”；社会保障和就业 81.45 等四行与文字相符。"""
    narrative = _narrative(ctx)
    for table in chart_tables(ctx):
        label_col, value_col = [field.name for field in table.resource.fields if re.fullmatch(r"c\d+", field.name)]
        pairs = []
        for row in table.rows:
            text, value = squash(str(row.get(label_col) or "")), str(row.get(value_col) or "").strip()
            facts = narrative.get(text, [])
            if not NUMBER.fullmatch(value) or len({(candidate.value, candidate.unit_in_source) for candidate in facts}) != 1:
                continue
            fact = facts[0]
            scale = SCALE[fact.unit_in_source]
            decimals = len(value.partition(".")[2])
            printed = Decimal(value.replace(",", "")) * scale
            half_unit = Decimal(5) * Decimal(10) ** (-decimals - 1) * scale
            chart = Figure(f"图表数据 {row.get(label_col)}", printed, "元", table.row_ref(row, value_col),
                           row["source_line"], f"{row.get(label_col)} {value}", row.get("source_page"))
            pairs.append((chart, half_unit, fact))
        if sum(1 for charted, half_unit, stated in pairs
               if abs(charted.value - stated.value) <= half_unit + stated.half_unit) < 1 or len(pairs) < 2:
            continue  # no row agrees: another unit or another series, nothing certain
        for chart, half_unit, fact in pairs:
            finding = same_figure("chart-data", f"图表数据“{chart.quote}”与{label(fact)} 不一致",
                                  chart, half_unit, figure(fact), fact.half_unit)
            if finding:
                yield finding
