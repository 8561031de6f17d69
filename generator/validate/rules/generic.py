"""Arithmetic inside the generic tables: the printed tables the registry does not know, kept as
printed by the importer (generator/ingest/tables/generic.py). Only what such a table shows by
itself is checked — 类 = Σ款 = Σ项 down its `code` column and 合计 = Σ类 — and only where the
table leaves no doubt: codes printed once each, an amount column of this year's figures, one
total row, the table not continued in the next one."""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

from generator.model.money import UNITS
from generator.model.tables import squash
from generator.validate.context import Context, Table
from generator.validate.report import Figure, Finding
from generator.validate.rules.registry import rule, sum_finding
from generator.validate.rules.tables import _opt

CODE = re.compile(r"\d{3}(?:\d{2}){0,2}")
# amount columns that are not one year's sums of its rows: changes, rates, other years' figures
# (上年预算数; 上年结转 is this year's money), and code columns the importer read as figures
SKIP_COLUMN = re.compile(r"增减|变化|变动|比上年|同比|[%％]|率|上年(?!结转|结余)|编码|代码|科目|时间|日期|年度|年份")
CODE_COLUMN = re.compile(r"(?:^|/)[类款项]$")
YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
LEDGER = re.compile(r"收支|收入支出|收入与支出|收入和支出")
FILLER = re.compile(r"[\d\s.,，\-－—–/]*")  # a text cell holding a figure, a dash or nothing


def generic_tables(ctx: Context) -> list[Table]:
    """The generic tables of the package that the generic rules check, in printed order: amounts
    in a printed unit, not a 收支总表 (two sides, a ledger), at least two coded rows."""
    out = []
    for table in ctx.tables.values():
        if not table.info.get("generic") or table.info.get("unit") not in UNITS:
            continue  # (no printed unit: its figures are not amounts the importer could put in 元)
        title = squash(table.info.get("title") or "")
        if LEDGER.search(title) and "总" in title:
            continue
        if sum(1 for row in table.rows if CODE.fullmatch(row.get("code") or "")) < 2:
            continue
        out.append(table)
    return out


def _joins(table: Table, following: Table) -> bool:
    """Table b is most likely the rest of table a on the next page, which the importer could not
    join: b is a generic table with no title of its own or a's title, or its first coded row is
    a 款 or 项 of a 类 that a prints."""
    if not following.info.get("generic"):
        return False
    title = squash(following.info.get("title") or "")
    if not title or title == squash(table.info.get("title") or ""):
        return True
    first = next((row["code"] for row in following.rows if CODE.fullmatch(row.get("code") or "")), "")
    return len(first) > 3 and any(row.get("code") == first[:3] for row in table.rows)


def continued(ctx: Context, table: Table) -> tuple[bool, bool]:
    """(the table goes on in the next one, the table goes on from the previous one): its total
    and the family its last rows belong to are then not all in this table."""
    tables = list(ctx.tables.values())
    position = tables.index(table)
    after = position + 1 < len(tables) and _joins(table, tables[position + 1])
    before = position > 0 and bool(tables[position - 1].info.get("generic")) and _joins(tables[position - 1], table)
    return after, before


def amount_columns(ctx: Context, table: Table) -> list[tuple[str, str]]:
    """(field, header) of the amount columns whose rows add up: this year's amounts (not a change,
    a rate or another year's figure)."""
    out = []
    for field in table.resource.number_fields():
        header = squash(field.title or "")
        if SKIP_COLUMN.search(header) or CODE_COLUMN.search(header):
            continue
        if any(int(printed_year) != ctx.year for printed_year in YEAR.findall(header)):
            continue
        out.append((field.name, field.title or field.name))
    return out


def _texts(table: Table, row: dict) -> list[str]:
    """The row's printed words: its text cells that are not a figure, a dash or empty."""
    strings = [field.name for field in table.resource.fields if field.type == "string" and re.fullmatch(r"c\d+", field.name)]
    return [squash(row[column]) for column in strings if row.get(column) and not FILLER.fullmatch(row[column])]


def _name(table: Table, row: dict) -> str:
    code = row.get("code") or ""
    words = [word for word in _texts(table, row) if word != code]
    return " ".join(part for part in (code, words[0] if words else "") if part) or f"第 {row['row']} 行"


def _fig(table: Table, row: dict, col: str, header: str) -> Figure:
    name = _name(table, row)
    return Figure(f"{table.title} {name}（{header}）", row[col], "元", table.row_ref(row, col),
                  row["source_line"], name, row.get("source_page"))


def _families(table: Table) -> Iterator[tuple[dict, list[dict]]]:
    """(类 or 款 row, its 款 or 项 rows), for the codes printed once each (a code printed twice —
    a table by unit, a page printed twice — leaves that family unchecked)."""
    coded = [row for row in table.rows if CODE.fullmatch(row.get("code") or "")]
    count = Counter(row["code"] for row in coded)
    for parent in coded:
        code = parent["code"]
        if len(code) == 7:
            continue
        children = [row for row in coded if len(row["code"]) == len(code) + 2 and row["code"].startswith(code)]
        below = {row["code"][:len(code) + 2] for row in coded if len(row["code"]) > len(code) + 2 and row["code"].startswith(code)}
        if below - {child["code"] for child in children}:
            continue  # a 项 printed without its 款 (3010201 津贴补贴 under 301, no 30102): the 款 list is not whole
        if children and count[code] == 1 and all(count[child["code"]] == 1 for child in children):
            yield parent, children


def _last_family(table: Table) -> set[int]:
    """The rows of the 类 (and 款) the table ends in: when the table goes on in the next one, their
    other children may be printed there."""
    coded = [row for row in table.rows if CODE.fullmatch(row.get("code") or "")]
    if not coded:
        return set()
    last = coded[-1]["code"]
    return {row["row"] for row in coded if last.startswith(row["code"]) and row["code"] != last}


def _sums(rule_id: str, message: str, table, total: dict, parts: list[dict], columns, half_unit) -> Iterator[Finding]:
    """In each amount column, `total` against the sum of the `parts` printed there."""
    for col, header in columns:
        present = [row for row in parts if row.get(col) is not None]
        if total.get(col) is not None and present:
            yield from _opt(sum_finding(rule_id, f"{message}（{header}）", _fig(table, total, col, header), half_unit,
                                        [(_fig(table, row, col, header), half_unit) for row in present]))


@rule("generic-code-tree", "通用表格：类 = Σ款，款 = Σ项",
      "不是登记公开表、按原样保留的表格（通用表格），凡印有功能分类或经济分类编码：每一金额列中，3 位编码的类等于其下 "
      "5 位编码各款之和，款等于其下 7 位编码各项之和。只在表中列出了下级科目且下级科目齐全时检查（印了 3010201 而没有 30102 的类"
      "不检查）；同一编码印了两次（分单位列出、重复印页）的科目不检查；表格跨页而在下一张表格中接续时，末尾的类与款不检查；"
      "增减额、增减率、百分比、上年数和其他年度的列不检查；收支总表不检查。容差为所涉各数末位的一半之和。",
      message="〈表〉：科目 〈编码 名称〉 与其下级科目之和不符（〈列〉）")
def generic_code_tree(ctx: Context) -> Iterator[Finding]:
    """重庆市规划和自然资源局 2026 年部门预算，表二 部门收入总体情况表（通用表格）：20805 行政事业单位养老支出
    一般公共预算拨款收入印 20,449.09 万元，其下各项 36.43 + 15.44 + 9,764.00 + 4,897.70 + 5,735.51
    = 20,449.08（舍入差异，表五也这样印）。"""
    for table in generic_tables(ctx):
        half_unit = ctx.half_unit(table)
        columns = amount_columns(ctx, table)
        open_end = _last_family(table) if continued(ctx, table)[0] else set()
        for parent, children in _families(table):
            if parent["row"] in open_end:
                continue
            yield from _sums("generic-code-tree", f"{table.title}：科目 {_name(table, parent)} 与其下级科目之和不符",
                             table, parent, children, columns, half_unit)


@rule("generic-total", "通用表格：合计 = Σ类",
      "通用表格中印有 3 位编码的类时，文字只写“合计”或“总计”的一行，在每一金额列中等于各类之和。表中只有一行合计、"
      "每个类只印一次、每个款和项的类都印在表中、表格没有跨页接续到另一张表格时才检查；列的取舍与“通用表格：类 = Σ款，款 = Σ项”相同。"
      "容差为所涉各数末位的一半之和。",
      message="〈表〉：“合计”与各类之和不符（〈列〉）")
def generic_total(ctx: Context) -> Iterator[Finding]:
    """西南大学 2023 年部门决算，表3 高等学校支出决算表（通用表格）：合计的基本支出印 359,781.59 万元，各类 329,209.55 +
    828.72 + 13,465.06 + 16,278.27 = 359,781.60（舍入差异）。"""
    for table in generic_tables(ctx):
        if any(continued(ctx, table)):
            continue
        totals = [row for row in table.rows if not row.get("code") and (words := _texts(table, row))
                  and all(re.fullmatch(r"合计|总计", text) for text in words)]
        top = [row for row in table.rows if re.fullmatch(r"\d{3}", row.get("code") or "")]
        if len(totals) != 1 or not top or len({row["code"] for row in top}) != len(top):
            continue
        if any(row["code"][:3] not in {top_row["code"] for top_row in top} for row in table.rows if CODE.fullmatch(row.get("code") or "")):
            continue  # a 款 or 项 printed without its 类: the 类 rows do not hold the whole table
        total = totals[0]
        half_unit = ctx.half_unit(table)
        word = _texts(table, total)[0]
        yield from _sums("generic-total", f"{table.title}：“{word}”与各类之和不符", table, total, top,
                         amount_columns(ctx, table), half_unit)
