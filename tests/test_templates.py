"""The template-sentence registry: every clause reads its own real example, and the figures
of the national and budget templates come out exact."""
from decimal import Decimal

import pytest

from generator.ingest.narrative.templates import TEMPLATES, template_facts


def _sentence(example: str) -> str:
    return example.rsplit(" [", 1)[0]


@pytest.mark.parametrize("clause", TEMPLATES, ids=lambda c: c.example.rsplit(" [", 1)[-1][:-1] + " " + c.patterns[0][:24])
def test_every_clause_reads_its_example(clause):
    assert clause.example, "every clause carries a real example sentence"
    assert clause.example.endswith("]"), "the example names its document in brackets"
    read = {f.measure for f in clause.facts(_sentence(clause.example), 2020)}
    assert read & clause.measures()


def _facts(sentence: str, kind: str = "final", year: int = 2021) -> list[tuple]:
    return [(f.measure, f.kind, f.year, f.value, f.item, f.of) for f in template_facts([(1, "s1", sentence)], year, kind)]


def test_totals_with_change_and_derived_prior_year():
    facts = _facts("2021年度收、支总计516.82万元。与2020年相比，收、支总计各减少97.74万元，下降16%。")
    assert facts == [
        ("total_income_expenditure", "amount", 2021, Decimal("5168200.00"), "", ""),
        ("total_income_expenditure", "change", 2021, Decimal("-977400.00"), "", ""),
        ("total_income_expenditure", "change_rate", 2021, Decimal("-16"), "", ""),
        ("total_income_expenditure", "amount", 2020, Decimal("6145600.00"), "", ""),
    ]


def test_parts_take_the_unit_of_their_total_and_their_shares():
    facts = _facts("2021年本年支出合计516.82万元，其中：基本支出289.53万元，占56%；项目支出227.29，占44%。")
    assert facts == [
        ("expenditure_total", "amount", 2021, Decimal("5168200.00"), "", ""),
        ("expenditure_basic", "amount", 2021, Decimal("2895300.00"), "", "expenditure_total"),
        ("expenditure_basic", "share", 2021, Decimal("56"), "", "expenditure_total"),
        ("expenditure_project", "amount", 2021, Decimal("2272900.00"), "", "expenditure_total"),
        ("expenditure_project", "share", 2021, Decimal("44"), "", "expenditure_total"),
    ]


def test_item_rows_keep_code_rate_and_comparison_word():
    [money, rate] = template_facts([(1, "s", "行政运行（类）201（款）32（项）01：支出决算为478.62万元，完成预算100%，决算数等于预算数。")],
                                   2020, "final")
    assert (money.code, money.item, money.value, rate.kind, rate.value, rate.relation) == \
        ("2013201", "行政运行", Decimal("4786200.00"), "budget_rate", Decimal("100"), "等于")


def test_budget_clauses_are_read_in_budgets_only():
    sentence = "（二）公用经费1579.38万元。"
    assert _facts(sentence, "budget", 2018) == [("public_costs", "amount", 2018, Decimal("15793800.00"), "", "")]
    assert _facts(sentence, "final", 2018) == []


def test_three_public_budget_parts_add_up_only_when_all_three_are_listed():
    listed = _facts("2025年“三公”经费预算数为867.50万元，与2024年预算持平。其中：（一）因公出国（境）费839万元，与2024年预算持平。",
                    "budget", 2025)
    assert listed == [("three_public_total", "amount", 2025, Decimal("8675000.00"), "", ""),
                      ("three_public_abroad", "amount", 2025, Decimal("8390000.00"), "", "")]
    whole = _facts("“三公”经费预算为30万元，其中因公出国（境）费10万元，公务用车购置及运行费10万元，公务接待费10万元。", "budget", 2025)
    assert [f[5] for f in whole] == ["", "three_public_total", "three_public_total", "three_public_total"]


def test_a_change_far_from_its_budget_figure_is_not_its_change():
    near = _facts("此外，基本支出预算数为7666.68万元。与上年相比增加844.15万元，增长12.37%。", "budget", 2017)
    assert [f[1] for f in near] == ["amount", "change", "change_rate", "amount"]
    far = _facts("此外，基本支出预算数为7666.68万元，主要用于保障机构正常运转、完成日常工作任务而发生的各项支出，包括用于在职人员工资福利、"
                 "离退休人员经费和办公费、印刷费、水电费、办公设备购置等，与上年相比增加844.15万元。", "budget", 2017)
    assert [f[1] for f in far] == ["amount"]


def test_phrasings_the_corpus_readme_lists_beyond_the_corpus():
    """收入支出决算总计 and 财政拨款收入支出决算总计, a change printed right after the total, and
    “三公” 预算数为 … 决算数为 (synthetic sentences in the phrasings real documents use)."""
    assert _facts("本部门2023年度收入支出决算总计3560.12万元，与上年相比增加12.3万元。", year=2023) == [
        ("total_income_expenditure", "amount", 2023, Decimal("35601200.00"), "", ""),
        ("total_income_expenditure", "change", 2023, Decimal("123000.00"), "", ""),
        ("total_income_expenditure", "amount", 2022, Decimal("35478200.00"), "", ""),
    ]
    assert _facts("2023年度财政拨款收入支出决算总计890.12万元。", year=2023) == [
        ("fiscal_total", "amount", 2023, Decimal("8901200.00"), "", "")]
    assert _facts("2023年度“三公”经费预算数为12万元，决算数为10.5万元。", year=2023) == [
        ("three_public_total", "budget", 2023, Decimal("120000"), "", ""),
        ("three_public_total", "amount", 2023, Decimal("105000.0"), "", "")]


def test_income_total_is_the_grand_total_only_when_printed_equal_to_the_expenditure_total():
    equal = _facts("2023年度收入总计1,234.56万元，支出总计1,234.56万元。与2022年相比，收入、支出总计各增加10.5万元，增长0.86%。",
                   year=2023)
    assert [f[:4] for f in equal] == [
        ("total_income_expenditure", "amount", 2023, Decimal("12345600.00")),
        ("total_income_expenditure", "change", 2023, Decimal("105000.0")),
        ("total_income_expenditure", "change_rate", 2023, Decimal("0.86")),
        ("total_income_expenditure", "amount", 2022, Decimal("12240600.00"))]
    # 西南大学 2023 决算: 收入总计 is this year's income, 支出总计 this year's spending
    assert _facts("学校2023年度收入总计430,725.03万元，支出总计457,676.75万元。", year=2023) == []


def test_completion_rates_with_de_and_numbered_three_public_parts():
    assert [f[:4] for f in _facts("（2）公务用车购置及运行维护费支出决算为11.28万元，完成预算的37.11%。", year=2023)] == [
        ("three_public_vehicles", "amount", 2023, Decimal("112800.00")),
        ("three_public_vehicles", "budget_rate", 2023, Decimal("37.11"))]


def test_a_figure_two_clauses_read_is_stated_once():
    """烟台市审计局 2026 预算: the national and the budget clause both read a numbered 三公 part."""
    facts = _facts("3.公务接待费3.4万元，与上年基本持平。", "budget", 2026)
    assert facts == [("three_public_reception", "amount", 2026, Decimal("34000.0"), "", "")]


def test_the_central_departments_final_account_wording():
    """收、支总计均为; 年初预算为 … 支出决算为 … 完成年初预算的; a 项 printed as a sentence of its own
    with its figures, and the comparison its reason opens with, in the next (synthetic sentences
    in the wording of the central departments' and several provinces' 决算)."""
    from generator.ingest.narrative.sections import Section, sentences_of
    assert [f[:4] for f in _facts("2019年度收、支总计均为8,123.45万元。与上年相比，收、支总计各增加312.34万元，增长3.99%。", year=2019)][:3] == [
        ("total_income_expenditure", "amount", 2019, Decimal("81234500.00")),
        ("total_income_expenditure", "change", 2019, Decimal("3123400.00")),
        ("total_income_expenditure", "change_rate", 2019, Decimal("3.99"))]
    section = Section("s1", "", "", 0, "", 1, "（1）人大事务（款）行政运行（项）。年初预算为5,000万元，支出决算为5,123.45万元，"
                      "完成年初预算的102.47%。决算数大于年初预算数的主要原因是增人增资。")
    facts = template_facts(sentences_of([section]), 2019, "final")
    assert [(f.kind, f.value, f.item, f.relation) for f in facts] == [
        ("budget", Decimal("50000000"), "行政运行", ""), ("amount", Decimal("51234500.00"), "行政运行", ""),
        ("budget_rate", Decimal("102.47"), "行政运行", "大于")]


def test_the_shanghai_final_account_states_budget_actual_and_rate():
    """普陀区规划和自然资源局 2024 决算: the appropriation and “三公” with 年初预算 and completion rate; a
    “三公” sentence is not read as the appropriation's."""
    assert [f[:4] for f in _facts("一般公共预算财政拨款支出年初预算为10210.34万元，支出决算为9746.50万元，完成年初预算的95.45%。",
                                  year=2024)] == [
        ("general_budget_expenditure", "budget", 2024, Decimal("102103400.00")),
        ("general_budget_expenditure", "amount", 2024, Decimal("97465000.00")),
        ("general_budget_expenditure", "budget_rate", 2024, Decimal("95.45"))]
    assert {f[0] for f in _facts("“三公”经费财政拨款支出年初预算为2.85万元，支出决算为0.39万元，完成预算的13.68%。", year=2024)} == \
        {"three_public_total"}


def test_budget_wordings_of_the_national_template():
    """收入总预算 / 支出总预算; 一般公共预算当年拨款 opening its sentence (杭州交通运输局, 湖州卫健委 2026),
    not the part 绩效目标管理 涉及 (西安市委宣传部 2021); 本年收入 and 上年结转 beside it; economic
    classes labelled （类） are no function classes (江苏省政协办公厅 2017)."""
    assert _facts("2024年收入总预算1,500.00万元、支出总预算1,500.00万元。", "budget", 2024) == [
        ("total_income_expenditure", "amount", 2024, Decimal("15000000.00"), "", "")]
    assert [f[:4] for f in _facts("湖州市卫生健康委员会2026年一般公共预算当年拨款37018.75万元，比上年执行数减少11688.70万元，下降23.9%。",
                                  "budget", 2026)] == [("general_budget_expenditure", "amount", 2026, Decimal("370187500.00"))]
    assert _facts("2021年本部门绩效目标管理全覆盖，涉及当年一般公共预算当年拨款5859.6万元,当年政府性基金预算当年拨款0万元。",
                  "budget", 2021) == []
    assert [f[:4] for f in _facts("2024年本年收入1,400万元，上年结转100万元。", "budget", 2024)] == [
        ("income_total", "amount", 2024, Decimal("14000000")), ("carry_over_start", "amount", 2024, Decimal("1000000"))]
    assert _facts("1、工资福利支出（类）2,097.51万元", "budget", 2017) == []


def test_this_years_income_without_heji_opens_its_sentence():
    """'2023年度收入决算1,234.56万元' is the 收入决算表's total; '本年收入' inside a list is a part of
    what the list is about (君山区委组织部 2020: the project funds' 本年收入)."""
    assert [f[:4] for f in _facts("2023年度收入决算1,234.56万元。", year=2023)] == [
        ("income_total", "amount", 2023, Decimal("12345600.00"))]
    assert _facts("2020年本单位专项资金共计161.46万元（含上年结余），其中：上年结余50.77万元，本年收入110.68万元，全部为本级财政安排。",
                  "evaluation", 2020) == []
    assert _facts("“三公”经费财政拨款支出年初预算为2.85万元，支出决算为0.39万元。", year=2024)[0][0] == "three_public_total"


def test_a_list_of_classes_is_one_funds_structure_not_the_spending_by_function():
    """杭州交通运输局 2026, under 政府性基金预算支出: the first 类 of a list is not the department's
    spending on that function (江苏: one 类 per sentence, it is)."""
    assert _facts("城乡社区（类）支出211,000.00万元，占95.2%；交通运输（类）支出177.92万元，占0.1%；其他（类）支出10,493.00万元，占4.7%。",
                  "budget", 2026) == []
    assert [f[0] for f in _facts("2.社会保障和就业（类）支出1,509.72万元，主要用于发放离退休人员离退休金等。", "budget", 2017)] == \
        ["expenditure_by_function"]
