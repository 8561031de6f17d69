"""Project self-evaluations: the stated execution rate equals executed ÷ budget, and a
project printed in several places has the same figures everywhere."""
from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal
from typing import Iterator

from generator.model.packages import decimal_or_none
from generator.validate.context import Context
from generator.validate.report import Figure, Finding, Place
from generator.validate.rules.registry import classify, pct_class, rule

HUNDRED = Decimal(100)


def _projects(ctx: Context) -> list[dict]:
    out = []
    for record in ctx.rows("performance_projects"):
        row = dict(record)
        for key in ("budget", "executed", "stated_rate", "rate_half_unit", "amount_half_unit"):
            row[key] = decimal_or_none(record.get(key))
        row["line"] = int(record.get("line") or 0)
        out.append(row)
    return out


def _where(project: dict) -> str:
    return f"performance_projects:{project['source']}"


@rule("project-rate", "项目执行率等于执行数 ÷ 预算数",
      "项目绩效自评（表格或文字）写明的执行率（完成预算的百分比）与全年执行数 ÷ 全年预算数 × 100 在舍入范围内相符。",
      message='项目“〈项目〉”写明执行率 〈P〉%，但执行数 ÷ 预算数 = 〈Q〉%')
def project_rate(ctx: Context) -> Iterator[Finding]:
    """峨眉山市委组织部 2020 年决算：人才工作经费预算 10 万元、执行 8.95 万元，写明执行率 67.27%（8.95 ÷ 10 = 89.5%）。"""
    for project in _projects(ctx):
        budget, executed, rate = project["budget"], project["executed"], project["stated_rate"]
        if not budget or executed is None or rate is None:
            continue
        half_unit = project["amount_half_unit"] or Decimal(0)
        rate_hu = project["rate_half_unit"] or Decimal("0.005")
        if budget - half_unit <= 0:
            continue
        low = (executed - half_unit) / (budget + half_unit) * HUNDRED
        high = (executed + half_unit) / (budget - half_unit) * HUNDRED
        cls = pct_class(rate, rate_hu, (low, high))
        if cls is None:
            continue
        if rate <= Decimal("1.5") and low - rate_hu * HUNDRED <= rate * HUNDRED <= high + rate_hu * HUNDRED:
            continue  # the rate is printed as a fraction (1.00 = 100%), as spreadsheets do
        computed = (executed / budget * HUNDRED).quantize(Decimal("0.01"))
        yield Finding(
            "project-rate",
            f"项目“{project['project']}”写明执行率 {rate}%，但执行数 ÷ 预算数 = {computed}%",
            [Figure("全年预算数", budget, "元", _where(project), project["line"], project["quote"]),
             Figure("全年执行数", executed, "元", _where(project), project["line"], project["quote"]),
             Figure("写明的执行率", rate, "%", _where(project), project["line"], project["quote"]),
             Figure("按数字计算", computed, "%", "computed")],
            rate - computed, (high - low) / 2 + rate_hu, "%", cls, line=project["line"])


def _name_key(name: str) -> str:
    return re.sub(r"(项目|经费|工作经费|专项资金)+$", "", re.sub(r"\s", "", name))


@rule("project-same-figure", "同一项目在表格与文字中的预算数、执行数一致",
      "同一项目的全年预算数、全年执行数在各处（项目自评表、文字综述）必须相等，容差为两处末位的一半之和。名称去掉“项目”“经费”"
      "“专项资金”等词尾后相同即为同一项目；同一处（同一张表或同一段文字）所列的两个不同名称是两个项目，不比较。",
      message='项目“〈项目〉”的〈全年预算数/全年执行数〉两处不一致')
def project_same_figure(ctx: Context) -> Iterator[Finding]:
    """峨眉山市委组织部 2020 年决算：峨眉微政务运行的全年执行数，文字 8.04 万元，项目自评表 8.50 万元。"""
    groups = defaultdict(list)
    for project in _projects(ctx):
        groups[_name_key(project["project"])].append(project)
    for projects in groups.values():
        for first, second in zip(projects, projects[1:]):
            if first["source"] == second["source"] \
                    and re.sub(r"\s", "", first["project"]) != re.sub(r"\s", "", second["project"]):
                continue  # two names in one list (人才工作经费, 人才工作专项资金): two projects, not one printed twice
            for col, word in (("budget", "全年预算数"), ("executed", "全年执行数")):
                if first[col] is None or second[col] is None:
                    continue
                first_hu, second_hu = first["amount_half_unit"] or Decimal(0), second["amount_half_unit"] or Decimal(0)
                tol = first_hu + second_hu
                cls = classify(first[col] - second[col], tol,
                               max(first_hu, second_hu) if first_hu != second_hu else Decimal(0))
                if cls:
                    yield Finding(
                        "project-same-figure", f"项目“{first['project']}”的{word}两处不一致",
                        [Figure(f"{word}（{first['source']}）", first[col], "元", _where(first), first["line"], first["quote"]),
                         Figure(f"{word}（{second['source']}）", second[col], "元", _where(second), second["line"],
                                second["quote"])],
                        first[col] - second[col], tol, "元", cls, line=min(first["line"], second["line"]) or first["line"])


def _fund_blocks(ctx: Context) -> dict[str, list[dict]]:
    """The 资金 rows of each self-evaluation form, by project, in reading order."""
    blocks: dict[str, list[dict]] = defaultdict(list)
    for row in ctx.rows("performance_funds"):
        blocks[row["project"]].append({**row, "level": int(row["level"]), "amount": Decimal(row["amount"]),
                                       "line": int(row.get("line") or 0)})
    return blocks


def _sums(rows: list[dict]) -> list[tuple[dict, list[dict]]]:
    """(whole, its parts) of one column: the total and the rows a level below it up to the next
    row of its own level; a 小计 and the rows below it. Only a split into two parts or more."""
    out = []
    for index, whole in enumerate(rows):
        parts = []
        for row in rows[index + 1:]:
            if row["level"] <= whole["level"]:
                break
            if row["level"] == whole["level"] + 1:
                parts.append(row)
        if len(parts) >= 2:
            out.append((whole, parts))
    return out


def _half(value: Decimal) -> Decimal:
    return Decimal(5).scaleb(value.as_tuple().exponent - 1) if value.as_tuple().exponent < 0 else Decimal(0)


@rule("performance-funds", "绩效自评表的资金合计等于各项资金之和",
      "部门整体或项目绩效自评表的资金栏（年初预算数、全年预算数、全年执行数等每一列）：合计（年度资金总额）等于财政资金与其他资金"
      "（或其中所列上级、本级财政资金与其他资金）之和，财政资金小计等于其下所列中央、省级、地方财政资金之和；空白栏作 0。"
      "只比较分为两项或以上的合计。一张表内的差异合为一条发现。",
      message="“〈项目〉”的资金栏不相加：〈合计〉〈金额〉，所列各项之和〈金额〉")
def performance_funds(ctx: Context) -> Iterator[Finding]:
    """宁德市人民政府办公室 2024 年部门整体绩效自评表（PDF 第 1 页）：合计 年初预算 9209.55、年中调整 790.22、小计 9999.77、
    拨付 8874.74，而“财政资金小计”与“其他资金小计”各栏都印 0.00；③地方财政资金一行与合计相同。"""
    for project, rows in _fund_blocks(ctx).items():
        wrong = []
        for measure in dict.fromkeys(row["measure"] for row in rows):
            for whole, parts in _sums([row for row in rows if row["measure"] == measure]):
                total = sum((part["amount"] for part in parts), Decimal(0))
                tol = _half(whole["amount"]) + sum((_half(part["amount"]) for part in parts), Decimal(0))
                cls = classify(whole["amount"] - total, tol)
                if cls:
                    wrong.append((cls, whole, parts, total, tol))
        if not wrong:
            continue
        cls, whole, parts, total, tol = next((problem for problem in wrong if problem[0] == "inconsistency"), wrong[0])
        unit = whole.get("unit") or ""
        names = "、".join(part["row"] for part in parts)
        where = "performance_funds"
        figures = [Figure(f"{whole['row']}（{whole['measure']}）", whole["amount"], unit, where, whole["line"])]
        figures += [Figure(f"{part['row']}（{part['measure']}）", part["amount"], unit, where, part["line"]) for part in parts]
        places = [Place("performance-funds", f"{whole_row['measure']}：{whole_row['row']} {whole_row['amount']}，"
                        f"{'、'.join(part['row'] for part in part_rows)}之和 {sum_total}")
                  for _, whole_row, part_rows, sum_total, _ in wrong] if len(wrong) > 1 else []
        common = set.intersection(*({whole_row["row"]} | {part["row"] for part in part_rows}
                                    for _, whole_row, part_rows, _, _ in wrong))
        suspect = f"，各处都有的“{next(iter(common))}”一行疑为印错" if len(wrong) > 1 and len(common) == 1 else ""
        yield Finding("performance-funds",
                      f"“{project}”的资金栏不相加：{whole['row']}（{whole['measure']}）{whole['amount']}{unit}，"
                      f"所列{names}之和 {total}{unit}"
                      + (f"；另有 {len(wrong) - 1} 处同样不符{suspect}" if len(wrong) > 1 else ""),
                      figures, whole["amount"] - total, tol, unit, cls, line=whole["line"], places=places)
