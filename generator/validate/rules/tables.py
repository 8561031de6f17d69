"""Arithmetic inside the standard tables: totals, 类=Σ款=Σ项, row identities, item sums."""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from generator.model.tables import squash
from generator.validate.context import Context, Table
from generator.validate.report import Figure, Finding
from generator.validate.rules.registry import rule, sum_finding

_ENUM = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[．.、]\s*)")
COLUMN_NUMBERS = re.compile(r"栏次|行次")


def _values(table: Table) -> list[str]:
    return [field.name for field in table.resource.number_fields()]


def _fig(table: Table, row: dict, col: str, label: str | None = None) -> Figure:
    name = table.label(row)
    return Figure(label or f"{table.title} {name}（{col}）", row[col], "元",
                  table.row_ref(row, col), row["source_line"], name, row.get("source_page"))


def _plain(item: str) -> str:
    return squash(_ENUM.sub("", item.strip()))


@rule("ledger-totals", "总表的合计与总计等于各行之和，收支两侧总计相等",
      "收入支出决算总表、财政拨款收入支出决算总表：收入各行之和 = 本年收入合计；各类支出之和 = 本年支出合计；"
      "本年合计 + 结转结余等各行 = 总计；收入侧总计 = 支出侧总计。逐列检查，容差为所涉各数末位的一半之和。",
      message='〈表〉：〈收/支〉各行之和与“本年〈收入/支出〉合计”不符（〈列〉）')
def ledger_totals(ctx: Context) -> Iterator[Finding]:
    """上海市普陀区规划和自然资源局 2024 年决算，财政拨款收入支出决算总表：支出 754.75 + 236.63 + 3832.36 + 4461.67 + 461.08 = 9746.49，本年支出合计印 9746.50（舍入差异；另表印卫生健康支出 236.64）。"""
    for table in ctx.tables.values():
        if ctx.spec(table) is None or ctx.spec(table).shape != "ledger":
            continue
        half_unit = ctx.half_unit(table)
        totals = {}
        for side in ("收入", "支出"):
            rows = [row for row in table.rows if row["side"] == side]
            subtotal = next((index for index, row in enumerate(rows)
                             if _plain(row["item"]).startswith("本年") and "合计" in row["item"]), None)
            grand = next((index for index, row in enumerate(rows) if _plain(row["item"]) == "总计"), None)
            for col in _values(table):
                if subtotal is not None and rows[subtotal].get(col) is not None:
                    parts = [row for row in rows[:subtotal] if row.get(col) is not None]
                    if parts:
                        yield from _opt(sum_finding(
                            "ledger-totals", f"{table.title}：{side}各行之和与“{rows[subtotal]['item']}”不符（{col}）",
                            _fig(table, rows[subtotal], col), half_unit,
                            [(_fig(table, row, col), half_unit) for row in parts]))
                if subtotal is not None and grand is not None and rows[grand].get(col) is not None:
                    top = [row for row in rows[subtotal:grand] if not _ENUM.match(row["item"]) and row.get(col) is not None]
                    yield from _opt(sum_finding(
                        "ledger-totals", f"{table.title}：{side}“总计”与本年合计加结转结余各行之和不符（{col}）",
                        _fig(table, rows[grand], col), half_unit, [(_fig(table, row, col), half_unit) for row in top]))
                    subs = _sub_lines(rows[subtotal + 1:grand], col)
                    for parent, children in subs:
                        yield from _opt(sum_finding(
                            "ledger-totals", f"{table.title}：“{parent['item']}”与其下各行之和不符（{col}）",
                            _fig(table, parent, col), half_unit, [(_fig(table, row, col), half_unit) for row in children]))
            if grand is not None:
                totals[side] = rows[grand]
        if len(totals) == 2:
            income, expenditure = totals["收入"], totals["支出"]
            col = "amount"
            if income.get(col) is not None and expenditure.get(col) is not None:
                yield from _opt(sum_finding("ledger-totals", f"{table.title}：收入总计与支出总计不相等",
                                            _fig(table, income, col, "收入总计"), half_unit,
                                            [(_fig(table, expenditure, col, "支出总计"), half_unit)]))


def _sub_lines(rows: list[dict], col: str) -> list[tuple[dict, list[dict]]]:
    """Enumerated lines under an un-numbered line ('年初…结转和结余' ← '一、一般公共预算财政拨款' …)."""
    out, parent, children = [], None, []
    for row in rows:
        if _ENUM.match(row["item"]) and parent is not None:
            if row.get(col) is not None:
                children.append(row)
        else:
            if parent is not None and children and parent.get(col) is not None:
                out.append((parent, children))
            parent, children = row, []
    if parent is not None and children and parent.get(col) is not None:
        out.append((parent, children))
    return out


def _opt(finding: Finding | None) -> Iterator[Finding]:
    if finding is not None:
        yield finding


@rule("code-tree", "类 = Σ款 = Σ项，经济分类类 = Σ款，合计 = Σ类",
      "按功能分类或经济分类编码的表：每一列中，类的金额等于其下各款之和，款等于其下各项之和，"
      "合计行等于各类之和；基本支出表中人员经费合计、公用经费合计等于所属各类之和。只在表中列出了下级科目时检查。",
      message='〈表〉：科目 〈编码 名称〉 与其下级科目之和不符（〈列〉）')
def code_tree(ctx: Context) -> Iterator[Finding]:
    """普陀区万里街道办事处 2025 年部门预算：21201 城乡社区管理事务印 94,995,790 元，其下各项之和 94,995,789 元（舍入差异，三张表都这样印）。"""
    for table in ctx.tables.values():
        spec = ctx.spec(table)
        if spec is None or spec.shape not in ("function", "economic"):
            continue
        half_unit = ctx.half_unit(table)
        coded = [row for row in table.rows if row.get("code")]
        below = [[row for row in coded if len(row["code"]) == len(coded_row["code"]) + 2
                  and row["code"].startswith(coded_row["code"]) and row.get("group", "") == coded_row.get("group", "")]
                 for coded_row in coded]
        for col in _values(table):
            for parent, children in zip(coded, below):
                code = parent["code"]
                if parent.get(col) is None or not any(child.get(col) is not None for child in children):
                    continue
                yield from _opt(sum_finding(
                    "code-tree", f"{table.title}：科目 {code} {parent.get('name', '')} 与其下级科目之和不符（{col}）",
                    _fig(table, parent, col), half_unit, [(_fig(table, child, col), half_unit) for child in children if child.get(col) is not None]))
            for total in (row for row in table.rows if not row.get("code") and "合计" in (row.get("name") or "")):
                if total.get(col) is None:
                    continue
                group = total.get("group", "")
                top = [row for row in coded if len(row["code"]) == 3 and row.get("group", "") == group and row.get(col) is not None]
                if top:
                    yield from _opt(sum_finding(
                        "code-tree", f"{table.title}：“{total['name']}”与各类之和不符（{col}）",
                        _fig(table, total, col), half_unit, [(_fig(table, row, col), half_unit) for row in top]))


@rule("row-identities", "同一行内：合计 = 各组成列之和；年初 + 本年收入 − 本年支出 = 年末",
      "收入决算表：本年收入合计 = 财政拨款 + 上级补助 + 事业 + 经营 + 附属单位上缴 + 其他收入；支出决算表：本年支出合计 = "
      "基本 + 项目 + 上缴上级 + 经营 + 对附属单位补助；财政拨款收支表：每组合计 = 基本 + 项目，年初结转 + 本年收入 − 本年支出 = 年末结转。"
      "续页上重印的“栏次 1 2 3 4”表头行不是数字，不检查。",
      message='〈表〉：〈行〉 一行中 〈合计列〉 与 〈组成列〉 不符')
def row_identities(ctx: Context) -> Iterator[Finding]:
    """上海市普陀区规划和自然资源局 2024 年决算，一般公共预算财政拨款支出决算表：2120101 行政运行 合计 1092.80 = 基本支出 1084.02 + 项目支出 8.77 = 1092.79（舍入差异）。"""
    for table in ctx.tables.values():
        spec = ctx.spec(table)
        if spec is None:
            continue
        half_unit = ctx.half_unit(table)
        for total_col, part_cols in spec.identities:
            if all(row.get(total_col) is None for row in table.rows):
                continue  # the table does not print the total column (another template's layout)
            for row in table.rows:
                if row.get(total_col) is None and not any(row.get(column.lstrip("-")) for column in part_cols):
                    continue
                if COLUMN_NUMBERS.search(table.label(row)):
                    continue  # “栏次 1 2 3 4”: a header row printed again on a continuation page, not figures
                parts = [(column.lstrip("-"), -1 if column.startswith("-") else 1) for column in part_cols]
                present = [(column, sign) for column, sign in parts if row.get(column) is not None]
                if not present:
                    continue
                total = row.get(total_col) if row.get(total_col) is not None else Decimal(0)
                tfig = Figure(f"{table.label(row)}（{total_col}）", total, "元", table.row_ref(row, total_col),
                              row["source_line"], table.label(row), row.get("source_page"))
                yield from _opt(sum_finding(
                    "row-identities", f"{table.title}：{table.label(row)} 一行中 {total_col} 与 {' + '.join(part_cols)} 不符",
                    tfig, half_unit, [(_fig(table, row, column), half_unit) for column, _ in present],
                    [sign for _, sign in present]))


@rule("item-sums", "“三公”经费合计 = 各项之和，公务用车费 = 购置 + 运行维护",
      "“三公”经费表：支出合计 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费；公务用车购置及运行维护费 = "
      "购置费 + 运行维护费；公务接待费 = 国内 + 国（境）外；机关运行经费 = 行政单位 + 参公事业单位。预算数与决算数各自检查。",
      message='〈表〉：“〈合计项〉”与所列各项之和不符（〈列〉）')
def item_sums(ctx: Context) -> Iterator[Finding]:
    """玉溪市委组织部 2020 年决算公开09表：“三公”经费支出合计决算数 112,985.10 元 = 公务用车购置及运行维护费
    21,731.10 + 公务接待费 91,254.00（相符，不报告）。"""
    for table in ctx.tables.values():
        spec = ctx.spec(table)
        if spec is None or not spec.item_sums:
            continue
        half_unit = ctx.half_unit(table)
        by_item = {_plain(row["item"]): row for row in table.rows}
        for total_item, part_items in spec.item_sums:
            total = by_item.get(squash(total_item))
            parts = [by_item[squash(part)] for part in part_items if squash(part) in by_item]
            if total is None:
                continue
            for col in _values(table):
                present = [part for part in parts if part.get(col) is not None]
                if total.get(col) is None or not present:
                    continue
                yield from _opt(sum_finding(
                    "item-sums", f"{table.title}：“{total['item']}”与所列各项之和不符（{col}）",
                    _fig(table, total, col), half_unit, [(_fig(table, part, col), half_unit) for part in present]))


@rule("budget-actual-scale", "预算数与决算数的数量级应一致（单位一致）",
      "同一表中并列的预算数与决算数：若每一行的决算数都是预算数的一千倍以上，两列很可能用了不同单位（如预算数按万元、决算数按元填列）。",
      classes=('inconsistency',),
      message='〈表〉：预算数一列与决算数一列相差约 〈倍数〉 倍（〈n〉 行皆如此），表头单位为“〈单位〉”，预算数疑按“万元”填列')
def budget_actual_scale(ctx: Context) -> Iterator[Finding]:
    """玉溪市委组织部 2020 年决算公开09表（单位：元）：“三公”经费支出合计预算数 44.31，决算数 112,985.10。"""
    for table in ctx.tables.values():
        pairs = [row for row in table.rows if not row.get("unit") and row.get("budget") and row.get("actual")]
        if len(pairs) < 2 or not all(row["actual"] / row["budget"] > 1000 for row in pairs):
            continue
        first = pairs[0]
        ratio = (first["actual"] / first["budget"]).quantize(Decimal(1))
        yield Finding(
            "budget-actual-scale",
            f"{table.title}：预算数一列与决算数一列相差约 {ratio:,} 倍（{len(pairs)} 行皆如此），"
            f"表头单位为“{table.info.get('unit', '')}”，预算数疑按“万元”填列",
            [_fig(table, first, "budget", f"预算数 {first['item']}"), _fig(table, first, "actual", f"决算数 {first['item']}")],
            None, None, "元", line=first["source_line"])
