"""Headline facts of the budget tables (部门预算): which row and column of which table states
which measure. A figure printed in two tables becomes two facts of one measure, so the
same-figure rule holds the tables against each other."""
from __future__ import annotations

import re

from generator.model.tables import squash

GRAND = re.compile(r"^(?:(?:收入|支出)(?:总计|合计)|总计)$")
SUB = re.compile(r"^(?:本年|当年)(收入|支出)(?:合计|小计)$")
INCOME = {
    "财政拨款": "income_fiscal", "财政拨款收入": "income_fiscal",
    "一般公共预算": "income_general_budget", "一般公共预算资金": "income_general_budget",
    "政府性基金": "income_gov_fund", "政府性基金预算": "income_gov_fund",
    "国有资本经营预算": "income_state_capital", "财政专户管理资金": "income_special_account",
    "其他资金": "income_other_funds", "事业收入": "income_business", "事业单位经营收入": "income_operating",
    "经营收入": "income_operating", "其他收入": "income_other", "上年结转资金": "carry_over_start",
    "上年结转和结余资金": "carry_over_start",
}
PURPOSE = {"基本支出": "expenditure_basic", "项目支出": "expenditure_project",
           "单位预留机动经费": "expenditure_reserve", "结转下年资金": "carry_over_end"}
FISCAL_PURPOSE = {"基本支出": "fiscal_basic", "项目支出": "fiscal_project", "单位预留机动经费": "fiscal_reserve"}
# coded tables: (total-row columns → measure, measure of each 类 row's total)
CODED = {
    "budget_income": ({"total": "income_total", "fiscal": "income_fiscal", "business": "income_business",
                       "operating": "income_operating", "other": "income_other"}, ""),
    "budget_expenditure": ({"total": "expenditure_total", "basic": "expenditure_basic",
                            "project": "expenditure_project"}, "expenditure_by_function"),
    "budget_fiscal_expenditure": ({"total": "fiscal_expenditure"}, "fiscal_expenditure"),
    "budget_fiscal_basic": ({"total": "fiscal_basic"}, ""),
    "budget_general": ({"total": "general_budget_expenditure", "basic": "general_budget_basic",
                        "project": "general_budget_project"}, "general_budget_expenditure"),
    "budget_general_basic": ({"total": "general_budget_basic", "personnel": "personnel_costs",
                              "public": "public_costs"}, ""),
    "budget_gov_fund": ({"total": "gov_fund_expenditure"}, ""),
    "budget_state_capital": ({"total": "state_capital_expenditure"}, ""),
    "budget_operating_costs": ({"total": "operating_costs"}, ""),
}
WIDE = {
    "budget_expenditure_totals": {"total": "expenditure_total", "basic": "expenditure_basic",
                                  "project": "expenditure_project", "reserve": "expenditure_reserve"},
    "budget_three_public": {"total": "three_public_total", "abroad": "three_public_abroad",
                            "vehicles": "three_public_vehicles", "vehicle_purchase": "three_public_vehicle_purchase",
                            "vehicle_operation": "three_public_vehicle_operation",
                            "reception": "three_public_reception", "meeting": "meeting_costs",
                            "training": "training_costs", "operating_costs": "operating_costs"},
}
GROUPS = {"一般公共预算资金": "income_general_budget", "政府性基金": "income_gov_fund",
          "财政专户管理资金": "income_special_account", "其他资金": "income_other_funds",
          "上年结转和结余资金": "carry_over_start"}
PROCUREMENT = {"货物": "procurement_goods", "工程": "procurement_works", "服务": "procurement_services"}


def budget_measures(table_id: str, row: dict, name: str) -> list[tuple[str, str, dict]]:
    """(column, measure, extra) for the facts one budget-table row states; `name` is the
    printed item without its enumerator."""
    if table_id in CODED:
        totals, by_class = CODED[table_id]
        if not row.get("code") and name in ("合计", "总计"):
            return [(col, measure, {}) for col, measure in totals.items()]
        if by_class and len(row.get("code", "")) == 3:
            return [("total", by_class, {"code": row["code"], "item": name})]
        return []
    if table_id in WIDE:
        return [(col, measure, {}) for col, measure in WIDE[table_id].items()]
    if table_id == "budget_income_sources":
        if not row["group"] and GRAND.match(name.replace("收入总计", "收入合计")):
            return [("amount", "total_income_expenditure", {})]
        if name == "小计" and row["group"] in GROUPS:
            return [("amount", GROUPS[row["group"]], {})]
        if row["group"] == "其他资金" and name in INCOME:
            return [("amount", INCOME[name], {})]
        return []
    if table_id == "budget_procurement":
        if squash(row["category"]) in ("合计", "总计"):
            return [("total", "procurement_total", {})]
        kind = next((m for k, m in PROCUREMENT.items() if k in row["category"]), "")
        return [("total", kind, {})] if kind else []
    if table_id in ("budget_summary", "budget_fiscal_summary"):
        return _ledger(table_id == "budget_fiscal_summary", row, name)
    return []


def _ledger(fiscal: bool, row: dict, name: str) -> list[tuple[str, str, dict]]:
    side = row["side"]
    if GRAND.match(name):
        return [("amount", "fiscal_total" if fiscal else "total_income_expenditure", {})] + (
            [("general_budget", "general_budget_expenditure", {})] if fiscal and side.startswith("支出") else [])
    sub = SUB.match(name)
    if sub and not fiscal:
        return [("amount", "income_total" if sub.group(1) == "收入" else "expenditure_total", {})]
    if side == "收入" and name in INCOME:
        return [("amount", INCOME[name], {})]
    if side.startswith("支出") and name in (FISCAL_PURPOSE if fiscal else PURPOSE):
        return [("amount", (FISCAL_PURPOSE if fiscal else PURPOSE)[name], {})]
    if side.startswith("支出") and name.endswith("支出"):
        return [("general_budget", "general_budget_expenditure", {"item": name})] if fiscal else \
            [("amount", "expenditure_by_function", {"item": name})]
    return []
