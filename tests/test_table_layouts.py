"""Layouts of the known table sets that the corpus does not print, as small tables in the
layout of their template: the importer reads them as the set's table, with its figures."""
from __future__ import annotations

from generator.ingest.items import Paragraph, Row, Table
from generator.ingest.tables.facts import table_facts
from generator.ingest.tables.standard import read_standard_tables


def _table(rows: list[list[str]], *before: str) -> Table:
    return Table([Row(10 + k, cells) for k, cells in enumerate(rows)], [Paragraph(k + 1, t) for k, t in enumerate(before)])


def test_the_three_public_table_of_the_2016_to_2018_final_accounts_template():
    """公开07表 of the 2016–2018 决算 template: 预算数 | 决算数 above the items, 公务用车购置及运行费
    (no 维护), a row numbering the columns, one row of figures — it stopped the import ('has no
    行次 header row': read as the 2019+ 公开09表 of items down the rows)."""
    rows = [["预算数", "", "", "", "", "", "决算数", "", "", "", "", ""],
            ["合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"] * 2,
            ["", "", "小计", "公务用车购置费", "公务用车运行费", ""] * 2,
            [str(k) for k in range(1, 13)],
            ["12.50", "0.00", "8.00", "0.00", "8.00", "4.50", "10.30", "0.00", "7.10", "0.00", "7.10", "3.20"]]
    (t,) = read_standard_tables([_table(rows, "一般公共预算财政拨款“三公”经费支出决算表", "公开07表", "部门：某局", "单位：万元")],
                                "2017.txt")
    assert t.spec.id == "fiscal_three_public" and len(t.rows) == 1
    got = {(f.measure, f.kind): str(f.value) for f in table_facts([t], 2017)}
    assert got[("three_public_total", "amount")] == "103000.00"
    assert got[("three_public_total", "budget")] == "125000.00"
    assert got[("three_public_vehicle_operation", "amount")] == "71000.00"
    assert got[("three_public_reception", "amount")] == "32000.00"


def test_the_general_budget_table_of_the_2016_to_2018_final_accounts_template():
    """公开05表 of the 2016–2018 决算 template, 一般公共预算财政拨款支出决算表: this year's
    expenditure only (合计 | 基本支出 | 项目支出), with no carried-over columns."""
    rows = [["项目", "", "本年支出", "", ""],
            ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
            ["", "合计", "1,005.20", "805.20", "200.00"],
            ["201", "一般公共服务支出", "1,005.20", "805.20", "200.00"],
            ["20131", "党委办公厅（室）及相关机构事务", "1,005.20", "805.20", "200.00"],
            ["2013101", "行政运行", "805.20", "805.20", ""],
            ["2013102", "一般行政管理事务", "200.00", "", "200.00"]]
    (t,) = read_standard_tables([_table(rows, "一般公共预算财政拨款支出决算表", "公开05表", "单位：万元")], "2017.txt")
    assert t.spec.id == "general_budget" and [r["code"] for r in t.rows][:2] == ["", "201"]
    got = {(f.measure, f.code): str(f.value) for f in table_facts([t], 2017)}
    assert got[("general_budget_expenditure", "")] == "10052000.00"
    assert got[("general_budget_basic", "")] == "8052000.00"
