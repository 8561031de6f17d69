from generator.site.table_view import code_level, fact_anchor, row_anchor


def test_anchors_of_fact_sources():
    assert fact_anchor("table:final_income:row 1:income_total") == "final_income-r1"
    assert fact_anchor("table:final_summary:row 27 收入:amount") == "final_summary-r27-in"
    assert fact_anchor("section:s6") == "sec-s6"
    assert fact_anchor("performance_projects:narrative") == "performance_projects"
    assert fact_anchor("computed") == ""
    assert row_anchor("final_summary", "27", "收入") == "final_summary-r27-in"


def test_code_levels():
    assert [code_level(c) for c in ("201", "20132", "2013201", "")] == [1, 2, 3, 0]
