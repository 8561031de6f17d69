"""Headline facts read off the standard tables, each pointing at its row and column."""
from __future__ import annotations

import re
from decimal import Decimal

from generator.ingest.budget_facts import budget_measures
from generator.ingest.narrative import INCOME_PARTS
from generator.ingest.standard_tables import StandardTable
from generator.model.facts import Fact
from generator.model.money import table_half_unit
from generator.model.tables import squash

_ENUM = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[．.、]\s*|[（(]\d+[）)])\s*")
LEDGER_ITEMS = {
    "本年收入合计": "income_total", "使用非财政拨款结余": "use_of_non_fiscal_balance",
    "年初结转和结余": "carry_over_start", "本年支出合计": "expenditure_total", "结余分配": "balance_distribution",
    "年末结转和结余": "carry_over_end", **INCOME_PARTS,
}
THREE_PUBLIC_ITEMS = {
    "支出合计": "three_public_total", "因公出国(境)费": "three_public_abroad",
    "公务用车购置及运行维护费": "three_public_vehicles", "公务用车购置费": "three_public_vehicle_purchase",
    "公务用车运行维护费": "three_public_vehicle_operation", "公务接待费": "three_public_reception",
    "公务用车保有量(辆)": "vehicles_count", "国内公务接待批次(个)": "three_public_reception_batches",
    "国内公务接待人次(人)": "three_public_reception_persons", "机关运行经费": "operating_costs",
}

FISCAL_THREE_PUBLIC = {"total": "three_public_total", "abroad": "three_public_abroad",
                       "vehicles": "three_public_vehicles", "vehicle_purchase": "three_public_vehicle_purchase",
                       "vehicle_operation": "three_public_vehicle_operation", "reception": "three_public_reception"}
UNIT_FACTS = {
    "eval_expenditure": {"expenditure_total": "expenditure_total", "basic": "expenditure_basic",
                         "project": "expenditure_project"},
    "eval_three_public": {"total": "three_public_total", "reception": "three_public_reception",
                          "vehicle_operation": "three_public_vehicle_operation",
                          "vehicle_purchase": "three_public_vehicle_purchase", "abroad": "three_public_abroad"},
}


def plain(item: str) -> str:
    """Printed item without its enumerator ('一、一般公共服务支出' → '一般公共服务支出')."""
    return squash(_ENUM.sub("", item))


def _fact(t: StandardTable, row: dict, column: str, measure: str, year: int, kind: str = "amount",
          **extra) -> Fact | None:
    value = row.get(column)
    if value is None:
        return None
    count_unit = row.get("unit", "")
    return Fact(
        measure=measure, kind="count" if count_unit else kind, year=year, value=value,
        unit=count_unit or "元", unit_in_source=count_unit or t.unit,
        half_unit=Decimal(0) if count_unit else table_half_unit(t.unit, t.decimals),
        source=f"table:{t.name}:row {row['row']}{' ' + row['side'] if row.get('side') else ''}:{column}",
        line=row["_line"],
        quote=" ".join(str(row.get(k, "")) for k in ("code", "item", "name") if row.get(k)) + f" {column}={value}",
        **extra,
    )


def table_facts(tables: list[StandardTable], year: int) -> list[Fact]:
    """Facts for the headline measures found in the standard tables."""
    facts: list[Fact | None] = []
    for t in tables:
        sid = t.spec.id
        for row in t.rows:
            name = plain(row.get("item") or row.get("name") or "")
            if sid == "final_summary":
                if name == "总计":
                    facts.append(_fact(t, row, "amount", "total_income_expenditure", year))
                elif name in LEDGER_ITEMS:
                    facts.append(_fact(t, row, "amount", LEDGER_ITEMS[name], year))
                elif row["side"] == "支出" and name.endswith("支出"):
                    facts.append(_fact(t, row, "amount", "expenditure_by_function", year, item=name))
            elif sid == "fiscal_summary":
                if name == "总计":
                    facts.append(_fact(t, row, "amount", "fiscal_total", year))
                elif row["side"] == "支出" and name == "本年支出合计":
                    facts.append(_fact(t, row, "general_budget", "general_budget_expenditure", year))
                elif row["side"] == "支出" and name.endswith("支出"):
                    facts.append(_fact(t, row, "general_budget", "general_budget_expenditure", year, item=name))
            elif sid == "final_income" and name == "合计":
                facts.append(_fact(t, row, "income_total", "income_total", year))
            elif sid == "final_expenditure" and name == "合计":
                facts.append(_fact(t, row, "expenditure_total", "expenditure_total", year))
                facts.append(_fact(t, row, "basic", "expenditure_basic", year))
                facts.append(_fact(t, row, "project", "expenditure_project", year))
            elif sid == "general_budget" and (name == "合计" or len(row.get("code", "")) == 3):
                code, item = row.get("code", ""), (name if row.get("code") else "")
                facts.append(_fact(t, row, "expenditure_total", "general_budget_expenditure", year, code=code, item=item))
                if not code:
                    facts.append(_fact(t, row, "expenditure_basic", "general_budget_basic", year))
            elif sid == "general_budget_basic" and name in ("人员经费合计", "公用经费合计"):
                measure = "personnel_costs" if name == "人员经费合计" else "public_costs"
                facts.append(_fact(t, row, "amount", measure, year))
            elif sid in UNIT_FACTS and row["row"] == 1:  # the first row is the whole department
                for column, measure in UNIT_FACTS[sid].items():
                    facts.append(_fact(t, row, column, measure, year))
            elif sid == "three_public" and name in THREE_PUBLIC_ITEMS:
                measure = THREE_PUBLIC_ITEMS[name]
                facts.append(_fact(t, row, "actual", measure, year))
                facts.append(_fact(t, row, "budget", measure, year, kind="budget"))
            elif sid == "fiscal_three_public":
                for part, measure in FISCAL_THREE_PUBLIC.items():
                    facts.append(_fact(t, row, f"{part}_actual", measure, year))
                    facts.append(_fact(t, row, f"{part}_budget", measure, year, kind="budget"))
            elif t.spec.kind == "budget":
                facts.extend(_fact(t, row, column, measure, year, **extra)
                             for column, measure, extra in budget_measures(sid, row, name))
    return [f for f in facts if f is not None]
