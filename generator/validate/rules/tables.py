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
    return [f.name for f in table.resource.number_fields()]


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
        hu = ctx.half_unit(table)
        totals = {}
        for side in ("收入", "支出"):
            rows = [r for r in table.rows if r["side"] == side]
            k = next((i for i, r in enumerate(rows) if _plain(r["item"]).startswith("本年") and "合计" in r["item"]), None)
            g = next((i for i, r in enumerate(rows) if _plain(r["item"]) == "总计"), None)
            for col in _values(table):
                if k is not None and rows[k].get(col) is not None:
                    parts = [r for r in rows[:k] if r.get(col) is not None]
                    if parts:
                        yield from _opt(sum_finding(
                            "ledger-totals", f"{table.title}：{side}各行之和与“{rows[k]['item']}”不符（{col}）",
                            _fig(table, rows[k], col), hu, [(_fig(table, r, col), hu) for r in parts]))
                if k is not None and g is not None and rows[g].get(col) is not None:
                    top = [r for r in rows[k:g] if not _ENUM.match(r["item"]) and r.get(col) is not None]
                    yield from _opt(sum_finding(
                        "ledger-totals", f"{table.title}：{side}“总计”与本年合计加结转结余各行之和不符（{col}）",
                        _fig(table, rows[g], col), hu, [(_fig(table, r, col), hu) for r in top]))
                    subs = _sub_lines(rows[k + 1:g], col)
                    for parent, children in subs:
                        yield from _opt(sum_finding(
                            "ledger-totals", f"{table.title}：“{parent['item']}”与其下各行之和不符（{col}）",
                            _fig(table, parent, col), hu, [(_fig(table, r, col), hu) for r in children]))
            if g is not None:
                totals[side] = rows[g]
        if len(totals) == 2:
            a, b = totals["收入"], totals["支出"]
            col = "amount"
            if a.get(col) is not None and b.get(col) is not None:
                yield from _opt(sum_finding("ledger-totals", f"{table.title}：收入总计与支出总计不相等",
                                            _fig(table, a, col, "收入总计"), hu, [(_fig(table, b, col, "支出总计"), hu)]))


def _sub_lines(rows: list[dict], col: str) -> list[tuple[dict, list[dict]]]:
    """Enumerated lines under an un-numbered line ('年初…结转和结余' ← '一、一般公共预算财政拨款' …)."""
    out, parent, children = [], None, []
    for r in rows:
        if _ENUM.match(r["item"]) and parent is not None:
            if r.get(col) is not None:
                children.append(r)
        else:
            if parent is not None and children and parent.get(col) is not None:
                out.append((parent, children))
            parent, children = r, []
    if parent is not None and children and parent.get(col) is not None:
        out.append((parent, children))
    return out


def _opt(f: Finding | None) -> Iterator[Finding]:
    if f is not None:
        yield f


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
        hu = ctx.half_unit(table)
        coded = [r for r in table.rows if r.get("code")]
        below = [[r for r in coded if len(r["code"]) == len(p["code"]) + 2 and r["code"].startswith(p["code"])
                  and r.get("group", "") == p.get("group", "")] for p in coded]
        for col in _values(table):
            for parent, children in zip(coded, below):
                code = parent["code"]
                if parent.get(col) is None or not any(c.get(col) is not None for c in children):
                    continue
                yield from _opt(sum_finding(
                    "code-tree", f"{table.title}：科目 {code} {parent.get('name', '')} 与其下级科目之和不符（{col}）",
                    _fig(table, parent, col), hu, [(_fig(table, c, col), hu) for c in children if c.get(col) is not None]))
            for total in (r for r in table.rows if not r.get("code") and "合计" in (r.get("name") or "")):
                if total.get(col) is None:
                    continue
                group = total.get("group", "")
                top = [r for r in coded if len(r["code"]) == 3 and r.get("group", "") == group and r.get(col) is not None]
                if top:
                    yield from _opt(sum_finding(
                        "code-tree", f"{table.title}：“{total['name']}”与各类之和不符（{col}）",
                        _fig(table, total, col), hu, [(_fig(table, r, col), hu) for r in top]))


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
        hu = ctx.half_unit(table)
        for total_col, part_cols in spec.identities:
            if all(row.get(total_col) is None for row in table.rows):
                continue  # the table does not print the total column (another template's layout)
            for row in table.rows:
                if row.get(total_col) is None and not any(row.get(c.lstrip("-")) for c in part_cols):
                    continue
                if COLUMN_NUMBERS.search(table.label(row)):
                    continue  # “栏次 1 2 3 4”: a header row printed again on a continuation page, not figures
                parts = [(c.lstrip("-"), -1 if c.startswith("-") else 1) for c in part_cols]
                present = [(c, s) for c, s in parts if row.get(c) is not None]
                if not present:
                    continue
                total = row.get(total_col) if row.get(total_col) is not None else Decimal(0)
                tfig = Figure(f"{table.label(row)}（{total_col}）", total, "元", table.row_ref(row, total_col),
                              row["source_line"], table.label(row), row.get("source_page"))
                yield from _opt(sum_finding(
                    "row-identities", f"{table.title}：{table.label(row)} 一行中 {total_col} 与 {' + '.join(part_cols)} 不符",
                    tfig, hu, [(_fig(table, row, c), hu) for c, _ in present], [s for _, s in present]))


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
        hu = ctx.half_unit(table)
        by_item = {_plain(r["item"]): r for r in table.rows}
        for total_item, part_items in spec.item_sums:
            total = by_item.get(squash(total_item))
            parts = [by_item[squash(p)] for p in part_items if squash(p) in by_item]
            if total is None:
                continue
            for col in _values(table):
                present = [p for p in parts if p.get(col) is not None]
                if total.get(col) is None or not present:
                    continue
                yield from _opt(sum_finding(
                    "item-sums", f"{table.title}：“{total['item']}”与所列各项之和不符（{col}）",
                    _fig(table, total, col), hu, [(_fig(table, p, col), hu) for p in present]))


@rule("budget-actual-scale", "预算数与决算数的数量级应一致（单位一致）",
      "同一表中并列的预算数与决算数：若每一行的决算数都是预算数的一千倍以上，两列很可能用了不同单位（如预算数按万元、决算数按元填列）。",
      classes=('inconsistency',),
      message='〈表〉：预算数一列与决算数一列相差约 〈倍数〉 倍（〈n〉 行皆如此），表头单位为“〈单位〉”，预算数疑按“万元”填列')
def budget_actual_scale(ctx: Context) -> Iterator[Finding]:
    """玉溪市委组织部 2020 年决算公开09表（单位：元）：“三公”经费支出合计预算数 44.31，决算数 112,985.10。"""
    for table in ctx.tables.values():
        pairs = [r for r in table.rows if not r.get("unit") and r.get("budget") and r.get("actual")]
        if len(pairs) < 2 or not all(r["actual"] / r["budget"] > 1000 for r in pairs):
            continue
        first = pairs[0]
        ratio = (first["actual"] / first["budget"]).quantize(Decimal(1))
        yield Finding(
            "budget-actual-scale",
            f"{table.title}：预算数一列与决算数一列相差约 {ratio:,} 倍（{len(pairs)} 行皆如此），"
            f"表头单位为“{table.info.get('unit', '')}”，预算数疑按“万元”填列",
            [_fig(table, first, "budget", f"预算数 {first['item']}"), _fig(table, first, "actual", f"决算数 {first['item']}")],
            None, None, "元", line=first["source_line"])
