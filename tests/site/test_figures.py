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
