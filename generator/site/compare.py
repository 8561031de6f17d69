"""One measure across departments and years: a chart with a measure picker (kept in the address as
?measure=) and the table behind it. Kinds apart: each bar takes the colour of its disclosure's kind
and level (部门决算, 部门预算, 单位预算 …), named in a legend; per-staff values (人均, 万元/人) where
a disclosure states its staff (实有人数)."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from generator.model.facts import load_vocabulary
from generator.site.charts import COLORS, OUTSIDE_LABELS, Chart, exported, layout
from generator.site.formatting import CENT, to_wan_float, wan
from generator.site.spreadsheet import safe_row
from generator.site.svg_chart import render

VOCAB = load_vocabulary()
MEASURES = ("expenditure_total", "income_total", "expenditure_basic", "expenditure_project", "personnel_costs",
            "public_costs", "three_public_total", "three_public_reception", "three_public_vehicles",
            "operating_costs", "procurement_total")
PER_STAFF = "staff_actual"
PER_STAFF_OF = ("expenditure_total", "expenditure_basic", "personnel_costs", "public_costs", "three_public_total")
TOTALS = {"合计", "总计", ""}  # the item of a count stated as a whole
KIND_ORDER = ("部门决算", "部门预算", "单位决算", "单位预算", "绩效自评")
LEVELS = {"department": "部门", "unit": "单位"}


@dataclass(frozen=True)
class Measure:
    index: int  # the chart's trace
    key: str  # in the address: ?measure=<key>
    title: str
    unit: str
    svg: str = ""  # the trace drawn as static SVG (svg_chart): the picker shows it without plotly


@dataclass(frozen=True)
class Comparison:
    measures: tuple[Measure, ...]  # for the picker
    kinds: tuple[tuple[str, str], ...]  # (kind name, colour): the legend
    chart: Chart | None
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def staff_count(fig) -> Decimal | None:
    """The staff a disclosure states (实有人数): the whole, not a part (在职, 离退休 …) of it."""
    facts = [fact for fact in fig.facts if fact.measure == PER_STAFF and fact.kind == "count" and fact.year == fig.year
             and not fact.code and fact.item.replace(" ", "") in TOTALS]
    return facts[0].value if facts else None


def label(disclosure) -> str:
    return f"{disclosure.package.department_name} {disclosure.package.year}{disclosure.package.kind_name}"


def _columns(disclosures: list) -> list[tuple[str, str, str, list[Decimal | None]]]:
    """(key, title, unit, values in 元 or 元/人) of every measure stated by any of the disclosures,
    then the per-staff values of those that have a staff count."""
    columns = []
    for measure_id in MEASURES:
        values = [disclosure.values.get(measure_id) for disclosure in disclosures]
        if any(value is not None for value in values):
            columns.append((measure_id, VOCAB[measure_id], "万元", values))
    staff = [disclosure.values.get(PER_STAFF) for disclosure in disclosures]
    for measure_id in PER_STAFF_OF:
        values = [disclosure.values.get(measure_id) for disclosure in disclosures]
        per = [value / staff_count if staff_count and value is not None else None for staff_count, value in zip(staff, values)]
        if any(value is not None for value in per):
            columns.append((f"{measure_id}_per_staff", f"人均{VOCAB[measure_id]}", "万元/人", per))
    return columns


def _kinds(disclosures: list) -> dict[str, str]:
    """{kind name: colour} of the kinds present, in KIND_ORDER."""
    names = sorted({disclosure.package.kind_name for disclosure in disclosures},
                   key=lambda kind: (KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER), kind))
    return {name: COLORS[index % len(COLORS)] for index, name in enumerate(names)}


def comparison(disclosures: list) -> Comparison:
    """Compare the summaries (summary.py) of `disclosures`."""
    columns = _columns(disclosures)
    names = [label(disclosure) for disclosure in disclosures]
    kinds = _kinds(disclosures)
    colours = [kinds[disclosure.package.kind_name] for disclosure in disclosures]
    data = []
    for index, (_, title, unit, values) in enumerate(columns):
        shown = [disclosure_index for disclosure_index, value in enumerate(values) if value is not None]  # the disclosures stating the measure
        data.append({
            "type": "bar", "orientation": "h", "name": title, "y": [names[disclosure_index] for disclosure_index in shown], "visible": index == 0,
            "x": [to_wan_float(values[disclosure_index]) for disclosure_index in shown], "marker": {"color": [colours[disclosure_index] for disclosure_index in shown]},
            "customdata": [disclosures[disclosure_index].package.kind_name for disclosure_index in shown],
            "texttemplate": "%{x:,.2f}", "textposition": "outside", "textangle": 0, "cliponaxis": False,
            "hovertemplate": "%{y}（%{customdata}）<br>" + title + " %{x:,.2f} " + unit + "<extra></extra>",
        })
    chart = None
    if data:
        spec = {"data": data, "layout": layout(height=max(260, 56 * len(names) + 80), showlegend=False, margin=OUTSIDE_LABELS,
                                              xaxis={"title": {"text": columns[0][2]}, "automargin": True},
                                              yaxis={"automargin": True, "autorange": "reversed"})}
        chart = exported(Chart("chart-compare", "各部门、各年度比较",
                               "所选指标在各部门、各年度的数值，颜色表示公开文件的类型；下方表格列出全部指标。",
                               spec, (), (), wide=True, unit=""), "", f"{len(names)} 份公开文件", "来源：各部门公开文件")
    headers = ("公开文件", "类型", "层级", *(f"{measure_title}（{measure_unit}）" for _, measure_title, measure_unit, _ in columns))
    rows = tuple((names[index], disclosures[index].package.kind_name, LEVELS.get(disclosures[index].package.scope, ""),
                  *(wan(values[index]) for _, _, _, values in columns)) for index in range(len(names)))
    svgs = [render({"data": [{**trace, "visible": True}], "layout": {}}, unit, f"{chart.title}：{title}")
             for trace, (_, title, unit, _) in zip(data, columns)] if chart else []
    return Comparison(tuple(Measure(index, key, measure_title, measure_unit, str(svgs[index]) if svgs else "") for index, (key, measure_title, measure_unit, _) in enumerate(columns)),
                      tuple(kinds.items()), chart, headers, rows)


def compare_csv(disclosures: list) -> bytes:
    """Every measure of every disclosure, exact values in 元 (per staff: 元/人, rounded to 分; UTF-8 with BOM)."""
    columns = _columns(disclosures)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["package", "department", "fiscal_year", "kind", "scope",
                     *(f"{title}（{unit.replace('万元', '元')}）" for _, title, unit, _ in columns)])
    for index, disclosure in enumerate(disclosures):
        cells = ["" if values[index] is None else str(values[index].quantize(CENT)) for _, _, _, values in columns]
        writer.writerow(safe_row([disclosure.package.name, disclosure.package.department_name, disclosure.package.year, disclosure.package.kind,
                                  disclosure.package.scope, *cells]))
    return b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8")
