"""A department's disclosures side by side, and the trend of its headline figures: for each kind
with two years or more (部门决算, 部门预算, 单位预算 … apart), a chart of the years and each
figure's change on the year before (较上年)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from generator.model.departments import Department
from generator.model.facts import load_vocabulary
from generator.site.charts import COLORS, Chart, exported, layout
from generator.site.formatting import percent, to_wan_float, wan

VOCAB = load_vocabulary()
SIDE_BY_SIDE = ("total_income_expenditure", "income_total", "income_general_budget", "expenditure_total",
                "expenditure_basic", "expenditure_project", "personnel_costs", "public_costs",
                "three_public_total", "operating_costs", "procurement_total")
THREE_PUBLIC = ("three_public_total", "three_public_abroad", "three_public_vehicles", "three_public_reception")
TREND = ("income_total", "expenditure_total", "expenditure_basic", "expenditure_project", "three_public_total")


@dataclass(frozen=True)
class DepartmentView:
    id: str
    name: str
    province: str
    city: str  # the city (地级) the department belongs to; "" for a province-level department
    region: str
    department: Department | None
    disclosures: list  # Summary of each disclosure, by year, then kind
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # measure × disclosure, 万元
    trends: tuple["Trend", ...] = ()
    budget_vs_final: tuple["BudgetVsFinal", ...] = ()


@dataclass(frozen=True)
class Trend:
    """The years of one kind: a chart, and a table of each figure with its change on the year before."""

    kind_name: str
    chart: Chart
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # measure, then per year: 万元 and the change (▲ 5.2%)


@dataclass(frozen=True)
class BudgetVsFinal:
    """One year with both a budget (预算) and final accounts (决算): 预算数, 决算数 and their ratio."""

    year: int
    rows: tuple[tuple[str, str, str, str], ...]  # item, budget 万元, final 万元, final ÷ budget


def budget_vs_final(disclosures: list) -> tuple[BudgetVsFinal, ...]:
    """Per 类 (一般公共预算财政拨款支出) and for the "三公"经费, where a year has both kinds."""
    out = []
    for year in sorted({disclosure.package.year for disclosure in disclosures}):
        budget = next((disclosure for disclosure in disclosures if disclosure.package.year == year and disclosure.package.kind == "budget"), None)
        final = next((disclosure for disclosure in disclosures if disclosure.package.year == year and disclosure.package.kind == "final"), None)
        if budget is None or final is None:
            continue
        pairs = [(f"{code} {(final.by_class.get(code) or budget.by_class[code])[0]}",
                  budget.by_class.get(code, ("", None))[1], final.by_class.get(code, ("", None))[1])
                 for code in sorted(set(budget.by_class) | set(final.by_class))]
        pairs += [(VOCAB[measure], budget.values.get(measure), final.values.get(measure)) for measure in THREE_PUBLIC]
        rows = tuple((label, wan(budget_amount) if budget_amount is not None else "", wan(final_amount) if final_amount is not None else "",
                      f"{(final_amount / budget_amount * 100).quantize(Decimal('0.1'))}%" if budget_amount and final_amount is not None else "")
                     for label, budget_amount, final_amount in pairs if budget_amount is not None or final_amount is not None)
        if rows:
            out.append(BudgetVsFinal(year, rows))
    return tuple(out)


def department_view(dep_id: str, department: Department | None, disclosures: list) -> DepartmentView:
    """The department page of `disclosures` (their summaries, see summary.py)."""
    disclosures = sorted(disclosures, key=lambda disclosure: (disclosure.package.year, disclosure.package.kind))
    rows = []
    for measure in SIDE_BY_SIDE:
        values = [disclosure.values.get(measure) for disclosure in disclosures]
        if any(value is not None for value in values):
            rows.append((VOCAB[measure], *(wan(value) for value in values)))
    name = department.name if department else disclosures[0].package.department_name
    region = "".join(part for part in (department.province, department.city, department.county) if part) if department else ""
    return DepartmentView(
        id=dep_id, name=name, province=department.province if department else "",
        city=department.city if department else "", region=region,
        department=department, disclosures=disclosures,
        headers=("项目（万元）", *(f"{disclosure.package.year}年度{disclosure.package.kind_name}" for disclosure in disclosures)),
        rows=tuple(rows), trends=trends(disclosures, name), budget_vs_final=budget_vs_final(disclosures),
    )


KIND_SLUGS = {"部门决算": "final", "部门预算": "budget", "单位决算": "unit-final", "单位预算": "unit-budget",
              "绩效自评": "evaluation"}


def change(now: Decimal | None, before: Decimal | None) -> Decimal | None:
    """The change on the year before, in % (None without both figures or with nothing before)."""
    if now is None or not before:
        return None
    return (now - before) / before * 100


def _change_text(rate: Decimal | None) -> str:
    if rate is None:
        return ""
    return ("▲ " if rate > 0 else "▼ " if rate < 0 else "＝ ") + percent(abs(rate))


def trends(disclosures: list, name: str) -> tuple[Trend, ...]:
    """One Trend per kind (by kind name: a unit's budget apart from the department's) stated in two
    years or more."""
    by_kind: dict[str, list] = {}
    for disclosure in disclosures:
        by_kind.setdefault(disclosure.package.kind_name, []).append(disclosure)
    out = []
    for kind_name, group in by_kind.items():
        years = sorted({disclosure.package.year for disclosure in group})
        if len(years) < 2:
            continue
        points = [(year, next(disclosure.values for disclosure in group if disclosure.package.year == year)) for year in years]
        trend = _trend(kind_name, points, name)
        if trend:
            out.append(trend)
    return tuple(out)


def _trend(kind_name: str, points: list[tuple[int, dict]], name: str) -> Trend | None:
    """Lines across the years of one kind, each point's hover saying its change on the year before;
    None when the years state none of the figures."""
    data, rows, table = [], [], []
    for measure in TREND:
        series_values = [values.get(measure) for _, values in points]
        if all(value is None for value in series_values):
            continue
        changes = [None] + [change(now, before) for before, now in zip(series_values, series_values[1:])]
        data.append({"type": "scatter", "mode": "lines+markers", "name": VOCAB[measure],
                     "x": [str(year) for year, _ in points], "y": [to_wan_float(value) if value is not None else None for value in series_values],
                     "customdata": [_change_text(year_change) and "较上年 " + _change_text(year_change) for year_change in changes],
                     "hovertemplate": "%{x}年 " + VOCAB[measure] + " %{y:,.2f} 万元 %{customdata}<extra></extra>"})
        rows.append((VOCAB[measure], *(wan(value) for value in series_values)))
        table.append((VOCAB[measure], *(wan(value) + (f"（{_change_text(year_change)}）" if year_change is not None else "")
                                         for value, year_change in zip(series_values, changes))))
    if not data:
        return None
    slug = KIND_SLUGS.get(kind_name, "other")
    spec = {"data": data, "layout": layout(height=360, colorway=COLORS, yaxis={"title": {"text": "万元"}, "automargin": True},
                                          xaxis={"type": "category"}, legend={"orientation": "h", "y": -0.15})}
    headers = ("项目（万元）", *(f"{year}年" for year, _ in points))
    chart = Chart(f"chart-trend-{slug}", f"历年{kind_name}主要数据",
                  f"历年{kind_name}的收入、支出与\u201c三公\u201d经费（万元）；较上年的变化见下表。", spec,
                  headers, tuple(rows), wide=True)
    chart = exported(chart, name, f"{points[0][0]}至{points[-1][0]}{kind_name}", f"来源：各年度{kind_name}公开文件")
    return Trend(kind_name, chart, headers, tuple(table))
