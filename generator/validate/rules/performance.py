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
    for r in ctx.rows("performance_projects"):
        row = dict(r)
        for k in ("budget", "executed", "stated_rate", "rate_half_unit", "amount_half_unit"):
            row[k] = decimal_or_none(r.get(k))
        row["line"] = int(r.get("line") or 0)
        out.append(row)
    return out


def _where(p: dict) -> str:
    return f"performance_projects:{p['source']}"


@rule("project-rate", "项目执行率等于执行数 ÷ 预算数",
      "项目绩效自评（表格或文字）写明的执行率（完成预算的百分比）与全年执行数 ÷ 全年预算数 × 100 在舍入范围内相符。",
      message='项目“〈项目〉”写明执行率 〈P〉%，但执行数 ÷ 预算数 = 〈Q〉%')
def project_rate(ctx: Context) -> Iterator[Finding]:
    """峨眉山市委组织部 2020 年决算：人才工作经费预算 10 万元、执行 8.95 万元，写明执行率 67.27%（8.95 ÷ 10 = 89.5%）。"""
    for p in _projects(ctx):
        budget, executed, rate = p["budget"], p["executed"], p["stated_rate"]
        if not budget or executed is None or rate is None:
            continue
        hu = p["amount_half_unit"] or Decimal(0)
        rate_hu = p["rate_half_unit"] or Decimal("0.005")
        if budget - hu <= 0:
            continue
        lo = (executed - hu) / (budget + hu) * HUNDRED
        hi = (executed + hu) / (budget - hu) * HUNDRED
        cls = pct_class(rate, rate_hu, (lo, hi))
        if cls is None:
            continue
        if rate <= Decimal("1.5") and lo - rate_hu * HUNDRED <= rate * HUNDRED <= hi + rate_hu * HUNDRED:
            continue  # the rate is printed as a fraction (1.00 = 100%), as spreadsheets do
        computed = (executed / budget * HUNDRED).quantize(Decimal("0.01"))
        yield Finding(
            "project-rate",
            f"项目“{p['project']}”写明执行率 {rate}%，但执行数 ÷ 预算数 = {computed}%",
            [Figure("全年预算数", budget, "元", _where(p), p["line"], p["quote"]),
             Figure("全年执行数", executed, "元", _where(p), p["line"], p["quote"]),
             Figure("写明的执行率", rate, "%", _where(p), p["line"], p["quote"]),
             Figure("按数字计算", computed, "%", "computed")],
            rate - computed, (hi - lo) / 2 + rate_hu, "%", cls, line=p["line"])


def _name_key(name: str) -> str:
    return re.sub(r"(项目|经费|工作经费|专项资金)+$", "", re.sub(r"\s", "", name))


@rule("project-same-figure", "同一项目在表格与文字中的预算数、执行数一致",
      "同一项目的全年预算数、全年执行数在各处（项目自评表、文字综述）必须相等，容差为两处末位的一半之和。名称去掉“项目”“经费”"
      "“专项资金”等词尾后相同即为同一项目；同一处（同一张表或同一段文字）所列的两个不同名称是两个项目，不比较。",
      message='项目“〈项目〉”的〈全年预算数/全年执行数〉两处不一致')
def project_same_figure(ctx: Context) -> Iterator[Finding]:
    """峨眉山市委组织部 2020 年决算：峨眉微政务运行的全年执行数，文字 8.04 万元，项目自评表 8.50 万元。"""
    groups = defaultdict(list)
    for p in _projects(ctx):
        groups[_name_key(p["project"])].append(p)
    for projects in groups.values():
        for a, b in zip(projects, projects[1:]):
            if a["source"] == b["source"] and re.sub(r"\s", "", a["project"]) != re.sub(r"\s", "", b["project"]):
                continue  # two names in one list (人才工作经费, 人才工作专项资金): two projects, not one printed twice
            for col, word in (("budget", "全年预算数"), ("executed", "全年执行数")):
                if a[col] is None or b[col] is None:
                    continue
                a_hu, b_hu = a["amount_half_unit"] or Decimal(0), b["amount_half_unit"] or Decimal(0)
                tol = a_hu + b_hu
                cls = classify(a[col] - b[col], tol, max(a_hu, b_hu) if a_hu != b_hu else Decimal(0))
                if cls:
                    yield Finding(
                        "project-same-figure", f"项目“{a['project']}”的{word}两处不一致",
                        [Figure(f"{word}（{a['source']}）", a[col], "元", _where(a), a["line"], a["quote"]),
                         Figure(f"{word}（{b['source']}）", b[col], "元", _where(b), b["line"], b["quote"])],
                        a[col] - b[col], tol, "元", cls, line=min(a["line"], b["line"]) or a["line"])


def _fund_blocks(ctx: Context) -> dict[str, list[dict]]:
    """The 资金 rows of each self-evaluation form, by project, in reading order."""
    blocks: dict[str, list[dict]] = defaultdict(list)
    for r in ctx.rows("performance_funds"):
        blocks[r["project"]].append({**r, "level": int(r["level"]), "amount": Decimal(r["amount"]),
                                     "line": int(r.get("line") or 0)})
    return blocks


def _sums(rows: list[dict]) -> list[tuple[dict, list[dict]]]:
    """(whole, its parts) of one column: the total and the rows a level below it up to the next
    row of its own level; a 小计 and the rows below it. Only a split into two parts or more."""
    out = []
    for k, whole in enumerate(rows):
        parts = []
        for r in rows[k + 1:]:
            if r["level"] <= whole["level"]:
                break
            if r["level"] == whole["level"] + 1:
                parts.append(r)
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
        for measure in dict.fromkeys(r["measure"] for r in rows):
            for whole, parts in _sums([r for r in rows if r["measure"] == measure]):
                total = sum((p["amount"] for p in parts), Decimal(0))
                tol = _half(whole["amount"]) + sum((_half(p["amount"]) for p in parts), Decimal(0))
                cls = classify(whole["amount"] - total, tol)
                if cls:
                    wrong.append((cls, whole, parts, total, tol))
        if not wrong:
            continue
        cls, whole, parts, total, tol = next((w for w in wrong if w[0] == "inconsistency"), wrong[0])
        unit = whole.get("unit") or ""
        names = "、".join(p["row"] for p in parts)
        where = "performance_funds"
        figures = [Figure(f"{whole['row']}（{whole['measure']}）", whole["amount"], unit, where, whole["line"])]
        figures += [Figure(f"{p['row']}（{p['measure']}）", p["amount"], unit, where, p["line"]) for p in parts]
        places = [Place("performance-funds", f"{w['measure']}：{w['row']} {w['amount']}，{'、'.join(p['row'] for p in ps)}"
                        f"之和 {t}") for _, w, ps, t, _ in wrong] if len(wrong) > 1 else []
        common = set.intersection(*({w["row"]} | {p["row"] for p in ps} for _, w, ps, _, _ in wrong))
        suspect = f"，各处都有的“{next(iter(common))}”一行疑为印错" if len(wrong) > 1 and len(common) == 1 else ""
        yield Finding("performance-funds",
                      f"“{project}”的资金栏不相加：{whole['row']}（{whole['measure']}）{whole['amount']}{unit}，"
                      f"所列{names}之和 {total}{unit}"
                      + (f"；另有 {len(wrong) - 1} 处同样不符{suspect}" if len(wrong) > 1 else ""),
                      figures, whole["amount"] - total, tol, unit, cls, line=whole["line"], places=places)
