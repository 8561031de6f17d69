"""The budget (部门预算) tables, as data: the Shanghai set of nine (部门/预算单位…预算表) and
the Jiangsu set of twelve (公开01表…公开12表, 2017–2019 layouts), with the headline figures
their rows state. A figure printed in two tables becomes two facts of one measure, so the
same-figure rule holds the tables against each other.

Titles shared by two layouts (收入预算总表: coded by function in Shanghai, a list of fund
sources in Jiangsu) name two specs; the reader takes the one whose layout the table has.
"""
from __future__ import annotations

from generator.model.table_spec import C, F, TableSpec, but, names

GRAND = r"(?:收入|支出)(?:总计|合计)|总计"  # 收入总计 / 支出总计 / 总计 of a 收支总表
INCOME = {
    "财政拨款": "income_fiscal", "财政拨款收入": "income_fiscal",
    "一般公共预算": "income_general_budget", "一般公共预算资金": "income_general_budget",
    "政府性基金": "income_gov_fund", "政府性基金预算": "income_gov_fund",
    "国有资本经营预算": "income_state_capital", "财政专户管理资金": "income_special_account",
    "其他资金": "income_other_funds", "事业收入": "income_business", "事业单位经营收入": "income_operating",
    "经营收入": "income_operating", "其他收入": "income_other", "上年结转资金": "carry_over_start",
    "上年结转和结余资金": "carry_over_start",
}
PURPOSE = {"基本支出": "expenditure_basic", "项目支出": "expenditure_project",
           "单位预留机动经费": "expenditure_reserve", "结转下年资金": "carry_over_end"}
FISCAL_PURPOSE = {"基本支出": "fiscal_basic", "项目支出": "fiscal_project", "单位预留机动经费": "fiscal_reserve"}
GROUPS = {"一般公共预算资金": "income_general_budget", "政府性基金": "income_gov_fund",
          "财政专户管理资金": "income_special_account", "其他资金": "income_other_funds",
          "上年结转和结余资金": "carry_over_start"}
PROCUREMENT = {"货物": "procurement_goods", "工程": "procurement_works", "服务": "procurement_services"}


def _summary(fiscal: bool) -> tuple:
    """The figures of a 收支预算总表 (fiscal: 财政拨款收支预算总表): its grand totals, this year's
    totals, the income lines, the spending by purpose and by function."""
    purpose = FISCAL_PURPOSE if fiscal else PURPOSE
    return (
        F("fiscal_total" if fiscal else "total_income_expenditure", "amount", name=GRAND),
        *((F("general_budget_expenditure", "general_budget", side="支出.*", name=GRAND),) if fiscal else ()),
        *(() if fiscal else (F("income_total", "amount", name="(?:本年|当年)收入(?:合计|小计)"),
                             F("expenditure_total", "amount", name="(?:本年|当年)支出(?:合计|小计)"))),
        *(F(measure, "amount", side="收入", name=names(item)) for item, measure in INCOME.items()),
        *(F(measure, "amount", side="支出.*", name=names(item)) for item, measure in purpose.items()),
        F("general_budget_expenditure", "general_budget", item=True, side="支出.*", name=but(".*支出", *purpose))
        if fiscal else F("expenditure_by_function", "amount", item=True, side="支出.*", name=but(".*支出", *purpose)),
    )


def _coded(totals: dict[str, str], by_class: str = "") -> tuple:
    """The figures of a coded table: its 合计/总计 row's columns, and each 类's total."""
    return (*(F(measure, column, code="none", name="合计|总计") for column, measure in totals.items()),
            *((F(by_class, "total", code="class", item=True, with_code=True),) if by_class else ()))


def _wide(columns: dict[str, str]) -> tuple:
    """Every row states the measure of each column (a one-row summary)."""
    return tuple(F(measure, column) for column, measure in columns.items())


def _budget(table_id: str, title: str, shape: str, titles: tuple[str, ...], columns: tuple, **options) -> TableSpec:
    return TableSpec(table_id, title, shape, titles, columns, required=False, kind="budget", **options)


_SPLIT = (C("total", "合计", "金额"), C("basic", "基本支出"), C("project", "项目支出"))
_SPLIT_SUM = (("total", ("basic", "project")),)

BUDGET_TABLES: tuple[TableSpec, ...] = (
    _budget("budget_summary", "收支预算总表", "ledger", ("收支预算总表", "财务收支预算总表"),
            (C("amount", "预算数", "金额", "预算数/合计"),
             C("personnel", "基本支出/人员经费", optional=True), C("public", "基本支出/公用经费", optional=True),
             C("project", "预算数/项目支出", optional=True)),
            identities=(("amount", ("personnel", "public", "project")),),
            figures=_summary(fiscal=False)),
    _budget("budget_income", "收入预算总表", "function", ("收入预算总表",),
            (C("total", "合计"), C("fiscal", "财政拨款收入"), C("business", "事业收入"),
             C("operating", "事业单位经营收入"), C("other", "其他收入")),
            identities=(("total", ("fiscal", "business", "operating", "other")),),
            figures=_coded({"total": "income_total", "fiscal": "income_fiscal", "business": "income_business",
                            "operating": "income_operating", "other": "income_other"})),
    _budget("budget_income_sources", "收入预算总表", "grouped", ("收入预算总表",), (C("amount", "金额"),),
            figures=(F("total_income_expenditure", "amount", group="", name=GRAND),
                     *(F(measure, "amount", group=names(group), name="小计") for group, measure in GROUPS.items()),
                     *(F(measure, "amount", group="其他资金", name=names(item)) for item, measure in INCOME.items()))),
    _budget("budget_expenditure", "支出预算总表", "function", ("支出预算总表",), _SPLIT, identities=_SPLIT_SUM,
            figures=_coded({"total": "expenditure_total", "basic": "expenditure_basic", "project": "expenditure_project"},
                           "expenditure_by_function")),
    _budget("budget_expenditure_totals", "支出预算总表", "wide", ("支出预算总表",),
            (C("total", "合计"), C("basic", "基本支出"), C("project", "项目支出"),
             C("reserve", "单位预留机动经费"), C("carry_forward", "结转下年资金")),
            identities=(("total", ("basic", "project", "reserve", "carry_forward")),),
            figures=_wide({"total": "expenditure_total", "basic": "expenditure_basic", "project": "expenditure_project",
                           "reserve": "expenditure_reserve"})),
    _budget("budget_fiscal_summary", "财政拨款收支预算总表", "ledger", ("财政拨款收支预算总表",),
            (C("amount", "预算数", "金额", "合计"), C("general_budget", "一般公共预算"),
             C("gov_fund", "政府性基金预算"), C("state_capital", "国有资本经营预算")),
            identities=(("amount", ("general_budget", "gov_fund", "state_capital")),),
            figures=_summary(fiscal=True)),
    _budget("budget_fiscal_expenditure", "财政拨款支出预算表", "function",
            ("财政拨款支出预算表", "财政拨款支出预算表(功能科目)"), (C("total", "金额", "合计"),),
            figures=_coded({"total": "fiscal_expenditure"}, "fiscal_expenditure")),
    _budget("budget_fiscal_basic", "财政拨款基本支出预算表", "function",
            ("财政拨款基本支出预算表", "财政拨款基本支出预算表(经济科目)"), (C("total", "金额", "合计"),),
            classification="economic", figures=_coded({"total": "fiscal_basic"})),
    _budget("budget_general", "一般公共预算支出预算表", "function",
            ("一般公共预算支出预算表", "一般公共预算支出预算表(功能科目)", "一般公共预算支出功能分类预算表"),
            _SPLIT, identities=_SPLIT_SUM,
            figures=_coded({"total": "general_budget_expenditure", "basic": "general_budget_basic",
                            "project": "general_budget_project"}, "general_budget_expenditure")),
    _budget("budget_general_basic", "一般公共预算基本支出预算表", "function",
            ("一般公共预算基本支出预算表", "一般公共预算基本支出预算表(经济科目)",
             "一般公共预算基本支出部门预算经济分类预算表"),
            (C("total", "合计", "金额"), C("personnel", "人员经费"), C("public", "公用经费")),
            classification="economic", identities=(("total", ("personnel", "public")),),
            figures=_coded({"total": "general_budget_basic", "personnel": "personnel_costs", "public": "public_costs"})),
    _budget("budget_gov_fund", "政府性基金预算支出预算表", "function",
            ("政府性基金预算支出功能分类预算表", "财政拨款政府性基金支出预算表", "政府性基金预算财政拨款支出预算表",
             "政府性基金支出预算表"),
            _SPLIT, fund="政府性基金", identities=_SPLIT_SUM,
            figures=_coded({"total": "gov_fund_expenditure"})),
    _budget("budget_state_capital", "国有资本经营预算支出预算表", "function",
            ("国有资本经营预算支出功能分类预算表", "国有资本经营预算财政拨款支出预算表"),
            _SPLIT, fund="国有资本经营", identities=_SPLIT_SUM,
            figures=_coded({"total": "state_capital_expenditure"})),
    _budget("budget_three_public", '"三公"经费预算表', "wide",
            ('"三公"经费、会议费、培训费支出预算表', '一般公共预算"三公"经费、会议费、培训费支出预算表',
             '"三公"经费、会议费、培训费支出预算表(一般公共预算)', '"三公"经费和机关运行经费预算表'),
            (C("grand_total", "合计", optional=True),
             C("total", '"三公"经费/小计', '"三公"经费预算数/合计'),
             C("abroad", "因公出国(境)费"),
             C("vehicles", "公务用车购置及运行维护费/小计", "公务用车购置及运行费/小计"),
             C("vehicle_purchase", "公务用车购置费", "购置费"),
             C("vehicle_operation", "公务用车运行维护费", "运行费"),
             C("reception", "公务接待费"),
             C("meeting", "会议费", optional=True),
             C("training", "培训费", optional=True),
             C("operating_costs", "机关运行经费预算数", optional=True)),
            identities=(("grand_total", ("total", "meeting", "training")),
                        ("total", ("abroad", "vehicles", "reception")),
                        ("vehicles", ("vehicle_purchase", "vehicle_operation"))),
            figures=_wide({"total": "three_public_total", "abroad": "three_public_abroad",
                           "vehicles": "three_public_vehicles", "vehicle_purchase": "three_public_vehicle_purchase",
                           "vehicle_operation": "three_public_vehicle_operation",
                           "reception": "three_public_reception", "meeting": "meeting_costs",
                           "training": "training_costs", "operating_costs": "operating_costs"})),
    _budget("budget_operating_costs", "一般公共预算机关运行经费支出预算表", "function",
            ("一般公共预算机关运行经费支出预算表",), (C("total", "机关运行经费支出", "金额", "合计"),),
            classification="economic", figures=_coded({"total": "operating_costs"})),
    _budget("budget_procurement", "政府采购预算表", "procurement", ("政府采购预算表", "政府采购支出预算表"),
            (C("total", "总计", "金额", "合计"),),
            figures=(F("procurement_total", "total", category="合计|总计"),
                     *(F(measure, "total", category=f"(?!.*(?:{'|'.join(list(PROCUREMENT)[:index]) or '$^'})).*{kind}.*")
                       for index, (kind, measure) in enumerate(PROCUREMENT.items())))),
)
