"""Project self-evaluations: the stated execution rate equals executed ÷ budget, and a
project printed in several places has the same figures everywhere."""
from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal
from typing import Iterator

from generator.model.packages import decimal_or_none
from generator.validate.context import Context
from generator.validate.report import Figure, Finding
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
