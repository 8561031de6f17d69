from generator.site.table_view import code_level, fact_anchor, row_anchor, view


def test_anchors_of_fact_sources():
    assert fact_anchor("table:final_income:row 1:income_total") == "final_income-r1"
    assert fact_anchor("table:final_summary:row 27 收入:amount") == "final_summary-r27-in"
    assert fact_anchor("section:s6") == "sec-s6"
    assert fact_anchor("performance_projects:narrative") == "performance_projects"
    assert fact_anchor("computed") == ""
    assert row_anchor("final_summary", "27", "收入") == "final_summary-r27-in"


def test_code_levels():
    assert [code_level(c) for c in ("201", "20132", "2013201", "")] == [1, 2, 3, 0]


def _package(name: str):
    from pathlib import Path

    from generator.model.packages import read_package
    return read_package(Path(__file__).parents[2] / "data" / "packages" / name)


def test_code_beside_the_name_and_empty_columns_left_out():
    yuxi = _package("530400-zuzhibu/2020-final")
    income = view(yuxi.resource("final_income"), ())
    assert income.headers[0] == "科目编码 科目名称" and income.wide
    first = next(r for r in income.rows if r.cells[0].code)
    assert first.cells[0].header and first.cells[0].code == "201" and first.cells[0].text == "一般公共服务支出"
    assert [c.label for c in first.cells[1:]] == list(income.headers[1:])
    # 原文页码 is never a column: the pages a table spans are named above it (empty here: a text export)
    kept = view(yuxi.resource("generic_01"), ())
    assert "原文页码" not in kept.headers and kept.pages == ()
    # a PDF's table: its pages
    budget = view(_package("330100-jtysj/2026-budget").resources[0], ())
    assert "原文页码" not in budget.headers and budget.pages and budget.pages[0] <= budget.pages[-1]
    # columns empty in every row are left out (湖南公安 2025: six of its columns)
    gonganju = _package("430100-gonganju/2025-budget").resource("generic_02")
    empty = {f.title for f in gonganju.fields if not any(r.get(f.name, "").strip() for r in gonganju.rows)}
    assert empty and not empty & set(view(gonganju, ()).headers)
