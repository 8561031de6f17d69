"""One measure across departments and years: a chart with a measure picker and the table behind it."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from generator.model.facts import load_vocabulary
from generator.site.charts import OUTSIDE_LABELS, Chart, exported, layout
from generator.site.formatting import CENT, to_wan_float, wan
from generator.site.spreadsheet import safe_row

VOCAB = load_vocabulary()
MEASURES = ("expenditure_total", "income_total", "expenditure_basic", "expenditure_project", "personnel_costs",
            "public_costs", "three_public_total", "three_public_reception", "three_public_vehicles",
            "operating_costs", "procurement_total")
PER_STAFF = "staff_actual"


@dataclass(frozen=True)
class Comparison:
    measures: tuple[tuple[int, str, str], ...]  # (trace index, label, unit) for the picker
    chart: Chart | None
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def label(d) -> str:
    return f"{d.package.department_name} {d.package.year}{d.package.kind_name}"


def _columns(disclosures: list) -> list[tuple[str, str, list[Decimal | None]]]:
    """(label, unit, values in 元 or 万元/人) of every measure stated by any of the disclosures."""
    columns = []
    for m in MEASURES:
        values = [d.values.get(m) for d in disclosures]
        if any(v is not None for v in values):
            columns.append((VOCAB[m], "万元", values))
    staff = [d.values.get(PER_STAFF) for d in disclosures]
    total = [d.values.get("expenditure_total") for d in disclosures]
    if any(s and t is not None for s, t in zip(staff, total)):
        columns.append(("人均本年支出", "万元/人", [t / s if s and t is not None else None for s, t in zip(staff, total)]))
    return columns


def comparison(disclosures: list) -> Comparison:
    """Compare the summaries (summary.py) of `disclosures`."""
    columns = _columns(disclosures)
    names = [label(d) for d in disclosures]
    data = [{
        "type": "bar", "orientation": "h", "name": title, "y": names, "visible": i == 0,
        "x": [to_wan_float(v) if v is not None else None for v in values],
        "texttemplate": "%{x:,.2f}", "textposition": "outside", "textangle": 0, "cliponaxis": False,
        "hovertemplate": "%{y}<br>" + title + " %{x:,.2f} " + unit + "<extra></extra>",
    } for i, (title, unit, values) in enumerate(columns)]
    chart = None
    if data:
        spec = {"data": data, "layout": layout(height=max(260, 56 * len(names) + 80), showlegend=False, margin=OUTSIDE_LABELS,
                                              xaxis={"title": {"text": columns[0][1]}, "automargin": True},
                                              yaxis={"automargin": True, "autorange": "reversed"})}
        chart = exported(Chart("chart-compare", "各部门、各年度比较", "所选指标在各部门、各年度的数值；下方表格列出全部指标。",
                               spec, (), (), wide=True, unit=""), "", f"{len(names)} 份公开文件", "来源：各部门公开文件")
    headers = ("公开文件", *(f"{t}（{u}）" for t, u, _ in columns))
    rows = tuple((names[i], *(wan(values[i]) for _, _, values in columns)) for i in range(len(names)))
    return Comparison(tuple((i, t, u) for i, (t, u, _) in enumerate(columns)), chart, headers, rows)


def compare_csv(disclosures: list) -> bytes:
    """Every measure of every disclosure, exact values in 元 (UTF-8 with BOM)."""
    columns = _columns(disclosures)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    # amounts in 元 as in the packages (per-staff figures rounded to 分)
    w.writerow(["package", "department", "fiscal_year", "kind", *(f"{t}（{u.replace('万元', '元')}）" for t, u, _ in columns)])
    for i, d in enumerate(disclosures):
        cells = ["" if values[i] is None else str(values[i].quantize(CENT)) for _, _, values in columns]
        w.writerow(safe_row([d.package.name, d.package.department_name, d.package.year, d.package.kind, *cells]))
    return b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8")
