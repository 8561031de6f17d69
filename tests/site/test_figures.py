from decimal import Decimal as D

from generator.model.facts import Fact
from generator.site.figures import Figures


def fact(measure, value, source="section:s1", kind="amount", year=2020, item="", half="50"):
    return Fact(measure, kind, year, D(value), "元", "万元", D(half), source, 1, "", item=item)


def test_table_cell_preferred_over_narrative():
    fig = Figures([fact("income_total", "100.00"), fact("income_total", "101.00", "table:final_income:row 1:income_total")], 2020)
    assert fig.value("income_total") == D("101.00")


def test_items_do_not_stand_for_the_whole():
    fig = Figures([fact("general_budget_expenditure", "5.00", item="教育")], 2020)
    assert fig.value("general_budget_expenditure") is None
    assert [f.item for f in fig.parts("general_budget_expenditure")] == ["教育"]


def test_disputed_beyond_rounding_only():
    same = Figures([fact("three_public_total", "113000.00"), fact("three_public_total", "112985.10", half="0.005")], 2020)
    assert not same.disputed("three_public_total")
    slip = Figures([fact("three_public_total", "44.31", kind="budget", half="0.005"),
                    fact("three_public_total", "443100.00", kind="budget")], 2020)
    assert slip.disputed("three_public_total", "budget")


def test_change_rate_stated_then_derived():
    stated = Figures([fact("x", "100.00"), fact("x", "-16.83", kind="change_rate")], 2020)
    assert stated.change_rate("x") == (D("-16.83"), "stated")
    derived = Figures([fact("x", "150.00"), fact("x", "100.00", year=2019)], 2020)
    assert derived.change_rate("x") == (D(50), "derived")
    assert Figures([fact("x", "1.00")], 2020).change_rate("x") == (None, "")


def test_total_or_sum_adds_parts_when_no_whole():
    fig = Figures([fact("staff_actual", "7", kind="count", item="行政编制"),
                   fact("staff_actual", "7", kind="count", item="参公管理编制")], 2020)
    assert fig.total_or_sum("staff_actual", "count") == D(14)


def _page(name: str):
    from pathlib import Path

    from generator.model.codes import CodeList
    from generator.site.disclosure import disclosure_page
    from generator.site.validation import check
    findings, package = check(Path(__file__).parents[2] / "data" / "packages" / name, CodeList.load())
    return disclosure_page(package, findings, {"zip": [None]})


def test_static_charts_draw_the_figures_exactly_and_mark_the_finding():
    page = _page("530400-zuzhibu/2020-final")
    charts = {c.id: c for c in page.charts}
    for chart in charts.values():
        svg = str(chart.svg)
        assert svg.startswith('<svg class="tp-svg"') and svg.count("<rect") + svg.count("<path") >= 2, chart.id
    # the sunburst's first ring as exact sums of its leaves (the summary's figures, not float sums)
    function = str(charts["chart-function"].svg)
    assert "6,157.83" in function and "6,157.84" not in function and "一般公共服务支出" in function
    # 公开09's 预算数 column is in 万元 under a 元 header: that series is marked and linked to the finding
    three = charts["chart-three-public"]
    assert ("2020年预算数", "finding-1") in {(key, anchor) for key, anchor, _ in three.marks}
    assert '<a href="#finding-1" class="tp-svg__mark">' in str(three.svg)
    assert "预算数疑按“万元”填列" in page.inconsistencies[0].message
    assert not charts["chart-income"].marks  # no finding names an income figure
    # a page where no figure of a chart is in a finding has no marks at all
    assert not any(c.marks for c in _page("330100-jtysj/2026-budget").charts)


def test_static_chart_text_is_escaped():
    from generator.site.svg_chart import bars, donut
    hostile = '<script>alert(1)</script>"&'
    for svg in (str(bars([hostile, "b"], [(hostile, [1.0, 2.0])], "万元", hostile, {hostile: ("#x", hostile)})),
                str(donut([hostile, "b"], [1.0, 3.0], "万元", hostile))):
        assert "<script>" not in svg and '</script>"&' not in svg and "&lt;/script&gt;&#34;&amp;" in svg
    ring = str(donut(["甲", "乙"], [1.0, 3.0], "万元", "t"))
    assert ring.count("<path") == 2 and "（25.0%）" in ring and "（75.0%）" in ring


def test_table_captions_left_out_of_the_narrative():
    yuxi = _page("530400-zuzhibu/2020-final")
    text = "\n".join(str(p) for s in yuxi.sections for p in s.paragraphs)
    for caption in ("公开01表", "金额单位：元", "收支决算总表", "注：本表反映部门本年度的总收支"):
        assert caption not in text
    assert "市委组织部2020年收入合计6441.93万元" in text  # the narrative itself stays
    hangzhou = "\n".join(str(p) for s in _page("330100-jtysj/2026-budget").sections for p in s.paragraphs)
    assert "目录" not in hangzhou.split("\n")[:5] and "......" not in hangzhou


def test_a_missing_value_says_why():
    from generator.site.svg_chart import bars
    # 玉溪 2020 prints no 因公出国（境）费: not printed, not a finding
    three = next(c for c in _page("530400-zuzhibu/2020-final").charts if c.id == "chart-three-public")
    assert not three.withheld and "未列出" in str(three.svg) and "未绘出" not in str(three.svg)
    # a figure printed twice, differently, is left out for its finding
    svg = str(bars(["甲", "乙"], [("2020年预算数", [None, None])], "万元", "t", withheld={("甲", "2020年预算数")}))
    assert svg.count("未绘出（见核对）") == 1 and svg.count("未列出") == 1
