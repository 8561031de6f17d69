"""Importing disclosures of layouts the standard registry does not know: a new department from
the name the document prints, every printed table kept (generic tables), the figures the
title's role declares, codes as printed, precision from the print, narrative phrasings."""
from __future__ import annotations

import csv
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from generator.ingest.importer import import_document
from generator.ingest.items import Paragraph, Row, Table
from generator.ingest.narrative.patterns import PHRASINGS, pattern_facts
from generator.ingest.tables.generic import read_generic_table
from generator.model.codes import joined_code
from generator.model.departments import FIELDS, load_registry
from generator.model.money import half_unit
from generator.model.table_roles import role_of
from tests.conftest import PACKAGES

CORPUS_003 = PACKAGES / "530400-zuzhibu" / "2020-final" / "source" / "003_0b9bbb1dcd80bfa1.txt"  # 玉溪 2020 决算


def source(package: str) -> list[Path]:
    """The published files of a shipped package, in reading order."""
    desc = json.loads((PACKAGES / package / "datapackage.json").read_text(encoding="utf-8"))
    return [PACKAGES / package / s["path"] for s in desc.get("sources", [desc["source"]])]


def empty_registry(tmp_path: Path) -> Path:
    path = tmp_path / "departments.csv"
    path.write_text(",".join(FIELDS) + "\n", encoding="utf-8")
    return path


def facts(package: Path) -> list[dict[str, str]]:
    with (package / "facts.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def values(rows: list[dict[str, str]], measure: str, year: str, source_prefix: str = "") -> set[str]:
    return {r["value"] for r in rows if r["measure"] == measure and r["year"] == year and r["kind"] == "amount"
            and not r["code"] and not r["item"] and r["source"].startswith(source_prefix)}


@pytest.fixture(scope="module")
def xian_weather(tmp_path_factory) -> tuple[Path, Path, list[str]]:
    """西安市气象局 2022 部门综合预算, imported with a registry that does not know it."""
    tmp = tmp_path_factory.mktemp("weather")
    registry, said = empty_registry(tmp), []
    assert import_document(source("610100-qixiangju/2022-budget"), out=tmp / "packages", registry=registry,
                           echo=said.append) == 0
    return tmp / "packages" / "610100-qixiangju" / "2022-budget", registry, said


def test_a_new_department_is_registered_from_the_name_it_prints(xian_weather):
    package, registry, said = xian_weather
    (dept,) = load_registry(registry).values()
    assert (dept.id, dept.name, dept.province, dept.city, dept.county, dept.division_code, dept.division_level,
            dept.kind) == ("610100-qixiangju", "西安市气象局", "陕西省", "西安市", "", "610100", "city", "政府部门")
    assert any(line.startswith("added department 610100-qixiangju (西安市气象局") for line in said)
    desc = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    assert desc["department"] == {"id": "610100-qixiangju", "name": "西安市气象局"}
    assert (desc["fiscal_year"], desc["kind"], desc["inferred"]) == (2022, "budget", ["department", "year", "kind"])


def test_a_registered_department_is_found_again_not_added_twice(xian_weather, tmp_path):
    _, registry, _ = xian_weather
    copy = tmp_path / "departments.csv"
    shutil.copy(registry, copy)
    said = []
    assert import_document(source("610100-qixiangju/2022-budget"), out=tmp_path / "p", registry=copy,
                           echo=said.append) == 0
    assert len(load_registry(copy)) == 1 and not any(line.startswith("added") for line in said)


def test_scope_marks_and_party_prefixes_in_printed_names(tmp_path):
    said = []
    registry = empty_registry(tmp_path)
    for package in ("440300-minzhengju/2026-budget", "610100-xuanchuanbu/2021-budget"):
        assert import_document(source(package), out=tmp_path / "p", registry=registry, echo=said.append) == 0
    rows = load_registry(registry)
    assert rows["440300-minzhengju"].name == "深圳市民政局"
    assert rows["440300-minzhengju"].aliases == ("深圳市民政局（本级）",)
    assert (rows["610100-xuanchuanbu"].name, rows["610100-xuanchuanbu"].kind) == ("中共西安市委宣传部", "党委部门")


def test_a_text_naming_two_registered_departments_is_an_error_listing_both(tmp_path):
    registry = empty_registry(tmp_path)
    with registry.open("a", encoding="utf-8") as fh:
        fh.write("610100-qixiangju,西安市气象局,,陕西省,西安市,,610100,city,政府部门\n"
                 "610100-shenjiju,西安市审计局,,陕西省,西安市,,610100,city,政府部门\n")
    doc = tmp_path / "doc.txt"
    doc.write_text("西安市气象局2022年部门综合预算\n编制单位：西安市审计局\n", encoding="utf-8")
    said = []
    assert import_document([doc], out=tmp_path / "p", registry=registry, echo=said.append, year=2022,
                           kind="budget") == 1
    assert "610100-qixiangju (西安市气象局)" in said[-1] and "610100-shenjiju (西安市审计局)" in said[-1]


def test_the_university_final_accounts_set_imports_with_its_four_tables_and_totals():
    package = PACKAGES / "500000-xinandaxue" / "2023-final"
    desc = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    titles = [r["title"] for r in desc["resources"] if r.get("table")]
    assert titles == ["表1：高等学校收支决算总表", "表2：高等学校收入决算表", "表3：高等学校支出决算表",
                      "表4：高等学校财政拨款支出决算表"]
    rows = facts(package)
    # 表1 p.8 本年收入合计 430,725.03 and 表2 合计; 表3 合计 457,676.75 = 基本 359,781.59 + 项目 97,895.15
    assert values(rows, "income_total", "2023", "table") == {"4307250300.00"}
    assert values(rows, "expenditure_total", "2023", "table") == {"4576767500.00"}
    assert values(rows, "expenditure_basic", "2023", "table") == {"3597815900.00"}
    assert values(rows, "expenditure_project", "2023", "table") == {"978951500.00"}


def test_the_university_budget_set_imports_with_its_four_tables_and_totals():
    """西南大学 2021 部门预算 (the central-department budget set, 上年结转 / 结转下年): p.6 本年收入合计
    390,140.45 | 本年支出合计 415,808.40, 上年结转 81,714.17, 结转下年 75,000.00; p.8 合计 415,808.40 =
    基本支出 326,582.94 + 项目支出 89,225.46 (万元)."""
    package = PACKAGES / "500000-xinandaxue" / "2021-budget"
    desc = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["title"] for r in desc["resources"] if r.get("table")] == [
        "西南大学收支预算总表", "西南大学收入预算表", "西南大学支出预算表", "西南大学财政拨款支出预算表"]
    rows = facts(package)
    assert values(rows, "income_total", "2021", "table") == {"3901404500.00"}
    assert values(rows, "expenditure_total", "2021", "table") == {"4158084000.00"}
    assert values(rows, "carry_over_start", "2021", "table") == {"817141700.00"}
    assert values(rows, "carry_over_end", "2021", "table") == {"750000000.00"}
    assert values(rows, "expenditure_basic", "2021", "table") == {"3265829400.00"}
    assert values(rows, "expenditure_project", "2021", "table") == {"892254600.00"}


def test_every_wild_disclosure_is_shipped_with_tables_and_facts():
    expected = {  # package: (tables at least, table facts at least)
        "110000-zdxmjszhbbgs/2026-budget": (12, 15), "500000-ghhzrzyj/2026-budget": (11, 25),
        "350500-scjgzhjcyjsbzzx/2026-budget-unit": (11, 30), "350100-gajwzryglzx/2026-budget-unit": (11, 25),
        "440300-minzhengju/2026-budget": (12, 15), "440400-zftzjtszxmgwzx/2026-budget": (13, 15),
        "430100-gonganju/2025-budget": (9, 15), "320500-kxjsj/2026-budget-unit": (13, 30),
        "370600-shenjiju/2026-budget": (11, 20), "310000-ylbxsyglzx/2026-budget-unit": (9, 30),
        "610100-xuanchuanbu/2021-budget": (14, 20), "610100-aqscjdglj/2019-budget": (15, 12),
        "610100-qixiangju/2022-budget": (15, 20), "610100-xzspfwj/2025-budget": (15, 20),
        "330100-jtysj/2026-budget": (11, 12), "330500-wsjkwyh/2026-budget": (11, 12),
    }
    for package, (tables, table_facts) in expected.items():
        desc = json.loads((PACKAGES / package / "datapackage.json").read_text(encoding="utf-8"))
        found = [r for r in desc["resources"] if r.get("table")]
        from_tables = [f for f in facts(PACKAGES / package) if f["source"].startswith("table")]
        assert len(found) >= tables and len(from_tables) >= table_facts, package


def test_a_ledger_and_a_coded_table_of_an_unknown_layout_state_their_totals():
    rows = facts(PACKAGES / "330100-jtysj" / "2026-budget")
    # 表1 p.23: 本年收入合计 648,105.52 + 上年结转结余 17,858.84 = 收入总计 665,964.37 = 支出总计
    assert values(rows, "income_total", "2026", "table:generic_01") == {"6481055200.00"}
    assert values(rows, "carry_over_start", "2026", "table:generic_01") == {"178588400.00"}
    assert values(rows, "total_income_expenditure", "2026", "table:generic_01") == {"6659643700.00"}
    # 表2 p.24: 总计 665,964.37 beside 本年收入/小计 648,105.52 (a bare 总计 there is not this year's income)
    assert values(rows, "income_total", "2026", "table:generic_02") == {"6481055200.00"}
    assert values(rows, "three_public_total", "2026", "table:generic_07") == {"8732000.00"}


def test_a_header_group_printed_with_parts_and_no_total_states_their_sum():
    rows = facts(PACKAGES / "330100-jtysj" / "2026-budget")
    # 表3 p.26: 基本支出/人员支出 73,924.43 + 基本支出/日常公用支出 15,868.83, no 基本支出 合计 column
    assert values(rows, "expenditure_basic", "2026", "table:generic_03") == {"897932600.00"}
    rows = facts(PACKAGES / "500000-xinandaxue" / "2023-final")
    # 表2: 事业收入/金额 beside 事业收入/其中：教育收费 is no group of parts: nothing summed
    assert not [r for r in rows if "+" in r["source"] and r["measure"] == "income_business"]


def test_a_total_row_printed_as_heji_where_no_zongji_is_printed():
    rows = facts(PACKAGES / "500000-ghhzrzyj" / "2026-budget")
    # 表四 财政拨款收支总体情况表: '收入合计 | 274,164.30 | 支出合计 | 274,164.30'
    assert values(rows, "fiscal_total", "2026", "table:generic_04") == {"2741643000.00"}
    # 表一 收支总体情况表: '合计 | 583,429.56 | 合计 | 583,429.56'
    assert values(rows, "total_income_expenditure", "2026", "table:generic_01") == {"5834295600.00"}


def test_a_closing_heji_under_the_years_income_is_the_grand_total():
    rows = facts(PACKAGES / "500000-xinandaxue" / "2023-final")
    # 表1 高等学校收支决算总表 p.9: 本年收入合计 430,725.03 … 上年结转和结余 93,660.54 … 合计 569,496.54
    assert values(rows, "total_income_expenditure", "2023", "table") == {"5694965400.00"}
    assert values(rows, "income_total", "2023", "table:generic_01") == {"4307250300.00"}


def test_a_department_self_evaluation_form_of_the_fujian_template():
    with (PACKAGES / "350900-rmzfbgs" / "2024-evaluation" / "performance_projects.csv").open(encoding="utf-8") as fh:
        (project,) = list(csv.DictReader(fh))
    # 合计 | 9209.55 | 790.22 | 9999.77 | 8874.74 | 88.75 | … | 10 | 7; 总分值、评价总分 (S) 92.33; 评价等级 优
    # (the form prints no money unit, so no amount is stored)
    assert (project["unit"], project["stated_rate"], project["weight"], project["score"]) == (
        "宁德市人民政府办公室", "88.75", "10", "7")
    assert (project["total_score"], project["grade"], project["budget"]) == ("92.33", "优", "")


def test_columns_of_last_year_and_of_changes_are_told_apart():
    rows = facts(PACKAGES / "610100-xzspfwj" / "2025-budget")
    # 表13 p.35: 上年/公务接待费 25,000.00, 当年/公务接待费 20,000.00, 增减变化情况 -5,000.00
    assert values(rows, "three_public_reception", "2025", "table") == {"20000.00"}
    assert values(rows, "three_public_reception", "2024", "table") == {"25000.00"}
    assert not any(r["value"].startswith("-") for r in rows if r["source"].startswith("table"))


def _table(*rows: list[str], before: tuple[str, ...] = ("表5 一般公共预算基本支出表", "单位：万元")) -> Table:
    return Table([Row(k + 1, list(cells)) for k, cells in enumerate(rows)],
                 [Paragraph(0, text) for text in before])


def test_a_generic_table_keeps_every_cell_and_joins_split_codes():
    warnings: list[str] = []
    t = read_generic_table(_table(["科目编码", "", "科目名称", "合计", "人员经费", "公用经费"],
                                  ["301", "", "工资福利支出", "120.50", "120.50", ""],
                                  ["301", "2", "津贴补贴", "20.00", "20.00", ""],
                                  ["302", "01", "办公费", "4.5", "", "4.5"],
                                  ["", "", "合计", "125.00", "120.50", "4.50"]), "test.pdf", warnings)
    # the 科目编码 header cell spans the two code columns
    assert [c.title for c in t.columns] == ["科目编码", "科目编码", "科目名称", "合计", "人员经费", "公用经费"]
    assert [c.kind for c in t.columns] == ["text", "text", "text", "amount", "amount", "amount"]
    assert [r["code"] for r in t.rows] == ["301", "30102", "30201", ""]
    assert t.rows[1]["c2"] == "2" and t.rows[2]["c4"] == Decimal("45000.00")
    assert (t.unit, t.decimals, warnings) == ("万元", 2, [])


def test_a_cell_that_is_not_an_amount_keeps_its_column_as_text_with_a_warning():
    warnings: list[str] = []
    t = read_generic_table(_table(["项目", "金额"], ["办公费", "4.50"], ["印刷费", "见附件"], ["合计", "4.50"]),
                           "test.pdf", warnings)
    assert t.columns[1].kind == "text" and t.rows[1]["c2"] == "见附件"
    assert warnings == ["test.pdf, line 1 (表5 一般公共预算基本支出表), line 3, column 金额: '见附件' is not a number; "
                        "the column is kept as text"]


def test_tables_titled_only_by_their_number_are_known_by_what_they_contain():
    """玉溪 2020 决算 (text export): each table prints its title above a line of only its number
    ('一般公共预算财政拨款收入支出决算表' ⏎ '公开05表'); the title is read past that line. With the
    titles taken away, the rows and headers still say which figures the tables state — the same
    the national template's reader takes from them."""
    from dataclasses import replace

    from generator.ingest.formats.sources import read_source
    from generator.ingest.items import group_tables
    from generator.ingest.tables.generic_facts import generic_facts

    tables = [read_generic_table(b, "003", []) for b in group_tables(read_source(CORPUS_003).items) if isinstance(b, Table)]
    by_number = {t.number: t for t in tables if t is not None and t.number}
    assert (by_number["05"].title, by_number["07"].title, by_number["11"].title) == (
        "一般公共预算财政拨款收入支出决算表", "政府性基金预算财政拨款收入支出决算表", "部门整体支出绩效自评表")

    def stated(numbers: tuple[str, ...], titled: bool) -> dict[tuple[str, str], str]:
        chosen = [t if titled else replace(t, title=f"公开{n}表") for n, t in by_number.items() if n in numbers]
        return {(f.measure, f.kind): str(f.value) for f in generic_facts(chosen, 2020, "final")
                if not f.item and f.year == 2020}

    for titled in (True, False):
        got = stated(("01", "04", "05", "09"), titled)
        assert got[("total_income_expenditure", "amount")] == "65949696.01"  # 公开01表 总计 | 30 | 65,949,696.01
        assert got[("income_total", "amount")] == "64419257.01"
        assert got[("fiscal_total", "amount")] == "65931892.81"  # 公开04表, the 财政拨款 side: no 事业收入 row
        # 公开05表: 本年支出/合计 beside 本年收入/合计 and the carried-over columns
        assert got[("general_budget_expenditure", "amount")] == "64410441.20"
        assert got[("general_budget_basic", "amount")] == "15403662.01"
        # 公开09表: 预算数 44.31 | 决算统计数 112,985.10 — in a 决算 the 预算数 column is passed over
        assert got[("three_public_total", "amount")] == "112985.10"
        assert got[("three_public_reception", "amount")] == "91254.00"
        assert got[("operating_costs", "amount")] == "3840304.93"  # 二、机关运行经费 | 22 | | 3,840,304.93
    assert [c.kind for c in by_number["01"].columns[:3]] == ["text", "text", "amount"]  # 行次 is no amount


_FUND_SHAPE = ["年初结转和结余/合计", "本年收入/合计", "本年支出/合计", "本年支出/基本支出", "本年支出/项目支出",
               "年末结转和结余/合计"]


@pytest.mark.parametrize("labels, role", [
    (["合计", "一般公共服务支出", "组织事务", "行政运行"], "general"),  # 公开05表
    (["合计", "城乡社区支出", "国有土地使用权出让收入安排的支出", "征地和拆迁补偿支出"], "gov_fund"),  # 公开07表
    (["合计", "其他支出", "彩票公益金安排的支出", "用于社会福利的彩票公益金支出"], "gov_fund"),
    (["合计", "国有资本经营预算支出", "国有企业资本金注入"], None),  # 公开08表 of the older templates
])
def test_a_funds_table_untitled_is_told_by_the_fund_its_rows_name(labels, role):
    """公开05表 and 公开07表 of the national 决算 template share one shape (年初结转和结余 | 本年收入 |
    本年支出 | 年末结转和结余); where no title is printed, the 款 its rows name tells the fund."""
    found = role_of("公开05表", _FUND_SHAPE, labels)
    assert (found.id if found else None) == role


@pytest.mark.parametrize("headers, labels, role", [
    (["合计", "“三公”经费/小计", "“三公”经费/因公出国（境）费", "“三公”经费/公务接待费", "会议费", "培训费"], [],
     "three_public_meetings"),  # 江苏省人大办公厅 2017, its title printed as '表'
    (["本年支出合计", "基本支出", "项目支出", "上缴上级支出"], ["合计", "行政运行"], "expenditure"),
    (["本年收入合计", "财政拨款收入", "事业收入"], ["合计"], "income"),
    (["金额"], ["一般公共预算财政拨款", "本年收入合计", "本年支出合计", "总计"], "fiscal_summary"),
    (["金额"], ["一般公共预算财政拨款收入", "事业收入", "本年收入合计", "本年支出合计"], "summary"),
    (["人员经费/科目名称", "人员经费/金额", "公用经费/科目名称", "公用经费/金额"], ["人员经费合计"], "basic_halves"),
    (["项目", "金额"], ["办公费", "印刷费"], None),
])
def test_roles_from_content_where_the_title_names_none(headers, labels, role):
    from generator.model.table_spec import squash

    found = role_of("公开03表", [squash(h) for h in headers], [squash(x) for x in labels])
    assert (found.id if found else None) == role


def test_a_neighbours_label_printed_into_an_amount_cell_leaves_the_amount():
    """西安市气象局 2022 p.18: label text overflows into the 预算数 cells, interleaved by the PDF."""
    warnings: list[str] = []
    t = read_generic_table(_table(["项目", "预算数"], ["工资福利支出", "助1839311.66"], ["专项", "算0的.0项0目"],
                                  ["合计", "1839311.66"], before=("表1 2022年部门综合预算收支总表", "单位：元")),
                           "test.pdf", warnings)
    assert t.columns[1].kind == "amount" and [r["c2"] for r in t.rows] == [
        Decimal("1839311.66"), Decimal("0.00"), Decimal("1839311.66")]
    assert warnings[0].endswith("'助1839311.66' read as 1839311.66 (a neighbouring label's characters printed into the cell)")
    warnings.clear()
    t = read_generic_table(_table(["项目", "年度"], ["办公费", "2019年"], ["印刷费", "2020年"]), "test.pdf", warnings)
    assert t.columns[1].kind == "text"  # a year is no amount with a word beside it


@pytest.mark.parametrize("title, role", [
    ("预算01表 收支总表", "summary"), ("表一 2026年部门收支总体情况表", "summary"),
    ("表1：2026年市级部门收支预算总表", "summary"), ("公开表4 财政拨款收支总体情况表", "fiscal_summary"),
    ("（二）收入总表", "income"), ("表3 2021年部门综合预算支出总表", "expenditure"),
    ("表5 2026年一般公共预算支出情况表", "general"), ("八、一般公共预算基本支出表", "general_basic"),
    ("公开05表 财政拨款支出表（功能科目）", "fiscal_expenditure"), ("公开06表 财政拨款基本支出表（经济科目）", "fiscal_basic"),
    ("预算09表 财政拨款“三公”经费支出表", "three_public"),
    ("表13 部门综合预算一般公共预算拨款“三公”经费及会议费、培训费支出预算表", "three_public_meetings"),
    ("表10：2026年市级部门项目支出预算表", None), ("表11：2026年市级部门项目支出绩效表", None),
    # a Chinese numeral before a title opening with 一 ('表五 一般…' was read '般公共预算支出表')
    ("表五 一般公共预算支出表", "general"), ("附表5 一般公共预算财政拨款收入支出决算表", "general"),
    ("十一、政府性基金预算财政拨款收入支出决算表", "gov_fund"),
])
def test_roles_from_titles_of_every_numbering(title, role):
    found = role_of(title)
    assert (found.id if found else None) == role


@pytest.mark.parametrize("phrasing", PHRASINGS, ids=lambda p: p.measure)
def test_each_phrasing_reads_its_example(phrasing):
    sentence = phrasing.example.rsplit(" [", 1)[0]
    assert phrasing.measure in {f.measure for f in pattern_facts([(1, "s1", sentence)], phrasing.year, "budget", [])}


def test_phrasings_leave_qualified_names_and_economic_items_alone():
    def read(sentence: str, kind: str = "final") -> list[tuple[str, str, str]]:
        return [(f.measure, str(f.value), f.kind) for f in pattern_facts([(1, "s", sentence)], 2021, kind, [])]

    assert read("2021年“三公”经费财政拨款支出决算为0.19万元，完成预算100%。") == [("three_public_total", "1900.00", "amount")]
    assert read("日常公用经费63.08万元，主要包括：办公费9.71万元、公务接待费0.88万元。") == [("public_costs", "630800.00", "amount")]
    assert read("“三公”经费支出预算为10万元，支出决算为8万元。") == [("three_public_total", "100000.00", "budget")]
    assert read("2021年一般公共财政拨款支出1899.9万元，其中基本支出183.93万元，项目支出1715.97万元。", "budget") == [
        ("general_budget_expenditure", "18999000.00", "amount"), ("general_budget_basic", "1839300.00", "amount"),
        ("general_budget_project", "17159700.00", "amount")]
    assert read("比上年增加4,476万元") == [] and read("2019年基本支出100万元。") == []


def test_a_heading_naming_a_measure_gives_the_first_figure_of_the_next_sentence():
    def read(*sentences: str) -> list[tuple[str, str]]:
        return [(f.measure, str(f.value)) for f in
                pattern_facts([(k, "s", x) for k, x in enumerate(sentences, 1)], 2026, "budget", [])]

    assert read("（二）公务接待费。", "2026年预算数0.00万元。") == [("three_public_reception", "0.00")]
    assert read("（一）机关运行经费。", "2026年一般公共预算财政拨款运行经费5,590.43万元，比2025年减少919.7万元；") == [
        ("operating_costs", "55904300.00")]
    assert read("3.公务用车购置和运行维护费。", "2026年预算数4.20万元，其中：公务用车购置费2026年预算数0.00万元") == [
        ("three_public_vehicle_purchase", "0.00"), ("three_public_vehicles", "42000.00")]
    assert read("（二）公务接待费。", "比上年减少2万元。") == []  # a change, not the figure
    assert read("（二）机关运行经费。", "基本支出预算10万元。") == [("expenditure_basic", "100000.00")]  # not 机关运行经费


def test_precision_follows_the_printed_decimals():
    assert half_unit("万元", 0) == Decimal(5000)  # 17,192万元 → ±0.5 万元
    assert half_unit("万元", 2) == Decimal(50)  # 2,940.05万元 → ±0.005 万元
    assert half_unit("元", 0) == Decimal("0.5")
    rows = facts(PACKAGES / "310000-ylbxsyglzx" / "2026-budget-unit")
    (stated,) = [r for r in rows if r["measure"] == "income_fiscal" and r["source"].startswith("section")]
    assert (stated["value"], stated["half_unit"]) == ("193020000.00", "5000")  # p.6 “财政拨款收入19,302万元”


@pytest.mark.parametrize("parts, code", [(["208", "05", "01"], "2080501"), (["301 2"], "30102"), (["301", "7"], "30107"),
                                         (["30102"], "30102"), (["12240"], ""), (["2080501"], "2080501")])
def test_codes_as_printed(parts, code):
    assert joined_code(parts) == code


def test_a_new_departments_pdf_becomes_a_package_a_registry_row_and_a_page(xian_weather, tmp_path):
    """The whole path a journalist takes with a PDF of a department nobody registered:
    import with no other argument, then build; the page names the department."""
    from generator.site.build import run_build

    package, registry, _ = xian_weather
    data = tmp_path / "data"
    shutil.copytree(package.parent, data / "packages" / "610100-qixiangju")
    shutil.copy(registry, data / "departments.csv")
    said: list[str] = []
    assert run_build(data, tmp_path / "site", echo=said.append, jobs=1) == 0, said
    page = (tmp_path / "site" / "departments" / "610100-qixiangju" / "2022-budget" / "index.html").read_text(
        encoding="utf-8")
    assert "西安市气象局" in page and "2022" in page
    assert 'id="generic_15"' in page or "generic_15" in page  # a table kept as printed is on the page


def test_a_column_of_rates_and_words_is_text_without_warnings():
    """A 绩效目标表's 指标值 ('100%', '≥80%', '保持稳定'): words among rates are the column's content,
    not figures misread (西安 2019 warned 70 times for them)."""
    warnings: list[str] = []
    t = read_generic_table(_table(["指标", "指标值", "金额"], ["完成率", "100%", "1.00"], ["稳定性", "保持稳定", "2.00"],
                                  ["满意度", "95%", "3.00"], ["合计", "", "6.00"]), "test.pdf", warnings)
    assert [c.kind for c in t.columns] == ["text", "text", "amount"] and warnings == []
    assert t.rows[1]["c2"] == "保持稳定"
