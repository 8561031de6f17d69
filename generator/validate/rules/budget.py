"""Arithmetic of the budget (部门预算) tables' own layouts: the total tables' panels
(收入 | 支出 by function | 支出 by purpose), the fund-source list and the procurement plan."""
from __future__ import annotations

import re
from typing import Iterator

from generator.model.tables import squash
from generator.validate.context import Context
from generator.validate.report import Finding
from generator.validate.rules.registry import rule, sum_finding
from generator.validate.rules.tables import _fig, _opt, _values

_LEVEL1 = re.compile(r"^[一二三四五六七八九十]+、")
_LEVEL2 = re.compile(r"^(?:\d+\s*[.．、]|[（(]\d+[）)])")
_SUB = re.compile(r"^(?:本年|当年)(?:收入|支出)(?:合计|小计)$")
_GRAND = re.compile(r"^(?:(?:收入|支出)(?:总计|合计)|总计)$")


def _key(row: dict) -> str:
    return squash(row.get("item", ""))


def _parts(rows: list[dict], col: str) -> list[dict]:
    """The top-level lines ('一、…') when the panel numbers them, else every line, that carry `col`."""
    top = [row for row in rows if _LEVEL1.match(row["item"])] or rows
    return [row for row in top if row.get(col) is not None]


def _nested(rows: list[dict], col: str) -> Iterator[tuple[dict, list[dict]]]:
    """'一、财政拨款' and the '1.…' lines under it."""
    parent, children = None, []
    for row in rows + [{"item": "一、"}]:
        if _LEVEL2.match(row["item"]) and parent is not None:
            if row.get(col) is not None:
                children.append(row)
            continue
        if parent is not None and children and parent.get(col) is not None:
            yield parent, children
        parent, children = (row if _LEVEL1.match(row["item"]) else None), []


@rule("budget-ledger", "预算总表：各行之和等于小计与合计，支出用途之和等于支出小计，收支两侧相等",
      "收支预算总表、财务收支预算总表、财政拨款收支预算总表：收入（支出）各项之和 = 当年收入（支出）小计或收入（支出）总计；"
      "“一、财政拨款”等于其下“1. 一般公共预算”等各行之和；小计加上年结转等各行 = 合计；按支出用途列出的基本支出、"
      "项目支出、预留机动经费之和 = 支出小计；收入合计 = 支出合计。逐列检查，容差为所涉各数末位的一半之和。",
      message='〈表〉：〈收/支〉各项之和与“〈小计〉”不符（〈列〉）')
def budget_ledger(ctx: Context) -> Iterator[Finding]:
    """上海市普陀区人民政府办公室 2025 年部门预算，财务收支预算总表：收入总计 91,016,775.35 元 = 支出总计 91,016,775.35 元（相符，不报告）。"""
    for table in ctx.tables.values():
        spec = ctx.spec(table)
        if spec is None or spec.shape != "ledger" or spec.kind != "budget":
            continue
        half_unit = ctx.half_unit(table)
        grands = {}
        for main in ("收入", "支出"):
            panels = {}
            for row in table.rows:
                if row["side"].split("/")[0] == main:
                    panels.setdefault(row["side"], []).append(row)
            primary = next((rows for rows in panels.values() if any(_GRAND.match(_key(row)) for row in rows)), None)
            if primary is None:
                continue
            sub = next((index for index, row in enumerate(primary) if _SUB.match(_key(row))), None)
            grand = next(index for index, row in enumerate(primary) if _GRAND.match(_key(row)))
            grands[main] = primary[grand]
            end = sub if sub is not None else grand
            for col in _values(table):
                if primary[end].get(col) is not None:
                    for rows in panels.values():
                        lines = primary[:end] if rows is primary else rows
                        parts = _parts(lines, col)
                        if parts:
                            yield from _opt(sum_finding(
                                "budget-ledger", f"{table.title}：{rows[0]['side']}各项之和与“{primary[end]['item']}”不符（{col}）",
                                _fig(table, primary[end], col), half_unit,
                                [(_fig(table, row, col), half_unit) for row in parts]))
                        for parent, children in _nested(lines, col):
                            yield from _opt(sum_finding(
                                "budget-ledger", f"{table.title}：“{parent['item']}”与其下各行之和不符（{col}）",
                                _fig(table, parent, col), half_unit,
                                [(_fig(table, row, col), half_unit) for row in children]))
                if sub is not None and primary[grand].get(col) is not None:
                    lines = [row for row in primary[sub:grand] if row.get(col) is not None]
                    yield from _opt(sum_finding(
                        "budget-ledger", f"{table.title}：“{primary[grand]['item']}”与小计加结转各行之和不符（{col}）",
                        _fig(table, primary[grand], col), half_unit, [(_fig(table, row, col), half_unit) for row in lines]))
        if len(grands) == 2 and all(grand_row.get("amount") is not None for grand_row in grands.values()):
            income, expenditure = grands["收入"], grands["支出"]
            yield from _opt(sum_finding("budget-ledger", f"{table.title}：收入合计与支出合计不相等",
                                        _fig(table, income, "amount", income["item"]), half_unit, [(_fig(table, expenditure, "amount", expenditure["item"]), half_unit)]))


@rule("group-sums", "收入预算总表：收入总计 = 各类资金小计之和，小计 = 本类各项之和",
      "按资金来源列出的收入预算总表（一般公共预算资金、政府性基金、财政专户管理资金、其他资金、上年结转）：每类“小计” = "
      "本类所列各项之和（“其中”项不计）；“收入总计” = 各类小计之和。",
      message='〈表〉：“〈类〉”小计与本类各项之和不符（〈列〉）')
def group_sums(ctx: Context) -> Iterator[Finding]:
    """江苏省政协办公厅 2019 年部门预算，收入预算总表：收入总计 133,771,100.00 元 = 各类资金小计之和（相符，不报告）。"""
    for table in ctx.tables.values():
        spec = ctx.spec(table)
        if spec is None or spec.shape != "grouped":
            continue
        half_unit = ctx.half_unit(table)
        for col in _values(table):
            subtotals, total = [], None
            groups: dict[str, list[dict]] = {}
            for row in table.rows:
                if not row["group"] and re.search(r"总计|合计", row["item"]):
                    total = row
                elif row["group"]:
                    groups.setdefault(row["group"], []).append(row)
            for name, rows in groups.items():
                sub = next((row for row in rows if squash(row["item"]) == "小计"), None)
                items = [row for row in rows
                         if row is not sub and not row["item"].startswith("其中") and row.get(col) is not None]
                if sub is None:
                    continue
                subtotals.append(sub)
                if sub.get(col) is not None and items:
                    yield from _opt(sum_finding(
                        "group-sums", f"{table.title}：“{name}”小计与本类各项之和不符（{col}）",
                        _fig(table, sub, col, f"{name} 小计"), half_unit,
                        [(_fig(table, row, col), half_unit) for row in items]))
            present = [row for row in subtotals if row.get(col) is not None]
            if total is not None and total.get(col) is not None and present:
                yield from _opt(sum_finding(
                    "group-sums", f"{table.title}：“{total['item']}”与各类小计之和不符（{col}）",
                    _fig(table, total, col), half_unit,
                    [(_fig(table, row, col, f"{row['group']} 小计"), half_unit) for row in present]))


@rule("procurement-sums", "政府采购预算表：合计 = 各品目大类之和，大类 = 其下各专项之和，专项 = 其下各采购物品之和",
      "政府采购预算表按“品目大类 › 专项名称 › 采购物品”逐级列出金额：每一级等于其下一级各行之和，“合计”等于各品目大类之和。",
      message='〈表〉：“〈品目〉”与其下各行之和不符（〈列〉）')
def procurement_sums(ctx: Context) -> Iterator[Finding]:
    """江苏省政协办公厅 2019 年部门预算，政府采购预算表：专项之下“台式计算机（20万以下） 分散自行组织 180,000.00 元”等采购物品之和等于专项金额（相符，不报告）。"""
    levels = (("category",), ("project", "economic"), ("item", "method"))
    for table in ctx.tables.values():
        spec = ctx.spec(table)
        if spec is None or spec.shape != "procurement":
            continue
        half_unit = ctx.half_unit(table)
        for col in _values(table):
            rows = [row for row in table.rows if row.get(col) is not None]
            level = {id(row): (-1 if re.fullmatch(r"合计|总计", squash(row["category"])) else
                               next((depth for depth, level_fields in enumerate(levels)
                                     if any(row.get(field) for field in level_fields)), None)) for row in rows}
            for position, parent in enumerate(rows):
                own = level[id(parent)]
                if own is None or own >= len(levels) - 1:
                    continue
                children = []
                for row in rows[position + 1:]:
                    if level[id(row)] is None or level[id(row)] <= own:
                        break
                    if level[id(row)] == own + 1:
                        children.append(row)
                if children:
                    name = _name(parent, levels[max(own, 0)])
                    yield from _opt(sum_finding(
                        "procurement-sums", f"{table.title}：“{name}”与其下各行之和不符（{col}）",
                        _fig(table, parent, col, name), half_unit,
                        [(_fig(table, row, col, _name(row, levels[own + 1])), half_unit) for row in children]))


def _name(row: dict, fields: tuple[str, ...]) -> str:
    return " ".join(row[field] for field in fields if row.get(field))
