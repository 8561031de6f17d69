"""Compare and history on the built site: kinds apart (colour and legend), 部门 and 单位 apart, per-staff
values where a disclosure states its staff, and each department's years with the change on the year before."""
from __future__ import annotations

import csv
import json
import re
from decimal import ROUND_HALF_UP, Decimal
from html import unescape

from generator.model.packages import read_package
from generator.site.compare import KIND_ORDER
from generator.site.figures import Figures
from tests.site.sitedata import ROOT

EMEI = ROOT / "data" / "packages" / "511181-zuzhibu" / "2020-final"


def _chart(html: str, chart_id: str) -> dict:
    match = re.search(rf'data-chart-id="{chart_id}" data-chart="([^"]*)"', html)
    return json.loads(unescape(match.group(1)))


def test_compare_colours_each_kind_and_names_it_in_a_legend(site):
    html = (site / "compare" / "index.html").read_text(encoding="utf-8")
    legend = re.findall(r'tp-legend__swatch" style="background: (#[0-9A-Fa-f]{6})" aria-hidden="true"></span>([^<]+)</li>', html)
    names = [name for _, name in legend]
    assert names == sorted(names, key=KIND_ORDER.index) and {"部门决算", "部门预算", "单位预算", "绩效自评"} <= set(names)
    colour = dict((name, c) for c, name in legend)
    assert len(set(colour.values())) == len(colour)  # one colour a kind
    spec = _chart(html, "chart-compare")
    first = spec["data"][0]
    for label, bar in zip(first["y"], first["marker"]["color"]):
        kind = next(k for k in colour if label.endswith(k))
        assert bar == colour[kind], (label, bar)


def test_a_department_and_its_unit_budget_are_two_distinct_rows(site):
    html = (site / "compare" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr><th scope=\"row\">(上海市普陀区人民政府办公室 2025[^<]*)</th><td>([^<]*)</td><td>([^<]*)</td>", html)
    assert sorted(rows) == [("上海市普陀区人民政府办公室 2025单位预算", "单位预算", "单位"),
                            ("上海市普陀区人民政府办公室 2025部门预算", "部门预算", "部门")]


def test_per_staff_values_where_the_staff_count_is_stated(site):
    pkg = read_package(EMEI)
    staff = next(f.value for f in pkg.facts if f.measure == "staff_actual" and f.item == "合计")  # 在职26人
    spent = Figures(list(pkg.facts), pkg.year, pkg.kind).value("expenditure_total")
    assert staff == 26 and spent
    with open(site / "downloads" / "compare.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    row = next(r for r in rows if r["package"] == "511181-zuzhibu-2020-final")
    assert Decimal(row["人均本年支出合计（元/人）"]) == (spent / staff).quantize(Decimal("0.01"))
    assert row["scope"] == "department"
    assert len([r for r in rows if r["人均本年支出合计（元/人）"]]) >= 2  # 峨眉山 2020, 君山 2020 绩效自评
    html = (site / "compare" / "index.html").read_text(encoding="utf-8")
    assert 'data-key="expenditure_total_per_staff"' in html and 'data-url-param="measure"' in html


def test_a_department_page_charts_its_years_with_the_change_on_the_year_before(site):
    html = (site / "departments" / "320000-renda-bgt" / "index.html").read_text(encoding="utf-8")
    spec = _chart(html, "chart-trend-budget")
    spent = next(t for t in spec["data"] if t["name"] == "本年支出合计")
    assert spent["x"] == ["2017", "2018", "2019"]
    values = {}
    for year in (2017, 2018):
        pkg = read_package(ROOT / "data" / "packages" / "320000-renda-bgt" / f"{year}-budget")
        values[year] = Figures(list(pkg.facts), pkg.year, pkg.kind).value("expenditure_total")
    rate = (values[2018] - values[2017]) / values[2017] * 100
    expected = ("▲ " if rate > 0 else "▼ ") + f"{abs(rate).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"
    assert spent["customdata"][1] == "较上年 " + expected
    table = html[html.index("历年部门预算及较上年变化"):]
    assert f"（{expected}）" in table.split("</table>")[0]


def test_a_kind_whose_years_state_none_of_the_figures_has_no_chart():
    from types import SimpleNamespace

    from generator.site.trends import trends

    def disclosure(year, values):
        return SimpleNamespace(package=SimpleNamespace(year=year, kind_name="单位预算"), values=values)

    assert trends([disclosure(2020, {}), disclosure(2021, {})], "某单位") == ()
    (trend,) = trends([disclosure(2020, {"expenditure_total": Decimal("100")}),
                       disclosure(2021, {"expenditure_total": Decimal("150")})], "某单位")
    assert trend.rows == (("本年支出合计", "0.01", "0.02（▲ 50.0%）"),)
