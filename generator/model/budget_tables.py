"""The budget (部门预算) tables, as data: the Shanghai set of nine (部门/预算单位…预算表) and
the Jiangsu set of twelve (公开01表…公开12表, 2017–2019 layouts).

Titles shared by two layouts (收入预算总表: coded by function in Shanghai, a list of fund
sources in Jiangsu) name two specs; the reader takes the one whose layout the table has.
"""
from __future__ import annotations

from generator.model.tables import C, TableSpec


def _budget(id: str, title: str, shape: str, titles: tuple[str, ...], columns: tuple, **kw) -> TableSpec:
    return TableSpec(id, title, shape, titles, columns, required=False, kind="budget", **kw)


_SPLIT = (C("total", "合计", "金额"), C("basic", "基本支出"), C("project", "项目支出"))
_SPLIT_SUM = (("total", ("basic", "project")),)

BUDGET_TABLES: tuple[TableSpec, ...] = (
    _budget("budget_summary", "收支预算总表", "ledger", ("收支预算总表", "财务收支预算总表"),
            (C("amount", "预算数", "金额", "预算数/合计"),
             C("personnel", "基本支出/人员经费", optional=True), C("public", "基本支出/公用经费", optional=True),
             C("project", "预算数/项目支出", optional=True)),
            identities=(("amount", ("personnel", "public", "project")),)),
    _budget("budget_income", "收入预算总表", "function", ("收入预算总表",),
            (C("total", "合计"), C("fiscal", "财政拨款收入"), C("business", "事业收入"),
             C("operating", "事业单位经营收入"), C("other", "其他收入")),
            identities=(("total", ("fiscal", "business", "operating", "other")),)),
    _budget("budget_income_sources", "收入预算总表", "grouped", ("收入预算总表",), (C("amount", "金额"),)),
    _budget("budget_expenditure", "支出预算总表", "function", ("支出预算总表",), _SPLIT, identities=_SPLIT_SUM),
    _budget("budget_expenditure_totals", "支出预算总表", "wide", ("支出预算总表",),
            (C("total", "合计"), C("basic", "基本支出"), C("project", "项目支出"),
             C("reserve", "单位预留机动经费"), C("carry_forward", "结转下年资金")),
            identities=(("total", ("basic", "project", "reserve", "carry_forward")),)),
    _budget("budget_fiscal_summary", "财政拨款收支预算总表", "ledger", ("财政拨款收支预算总表",),
            (C("amount", "预算数", "金额", "合计"), C("general_budget", "一般公共预算"),
             C("gov_fund", "政府性基金预算"), C("state_capital", "国有资本经营预算")),
            identities=(("amount", ("general_budget", "gov_fund", "state_capital")),)),
    _budget("budget_fiscal_expenditure", "财政拨款支出预算表", "function",
            ("财政拨款支出预算表", "财政拨款支出预算表(功能科目)"), (C("total", "金额", "合计"),)),
    _budget("budget_fiscal_basic", "财政拨款基本支出预算表", "function",
            ("财政拨款基本支出预算表", "财政拨款基本支出预算表(经济科目)"), (C("total", "金额", "合计"),),
            classification="economic"),
    _budget("budget_general", "一般公共预算支出预算表", "function",
            ("一般公共预算支出预算表", "一般公共预算支出预算表(功能科目)", "一般公共预算支出功能分类预算表"),
            _SPLIT, identities=_SPLIT_SUM),
    _budget("budget_general_basic", "一般公共预算基本支出预算表", "function",
            ("一般公共预算基本支出预算表", "一般公共预算基本支出预算表(经济科目)",
             "一般公共预算基本支出部门预算经济分类预算表"),
            (C("total", "合计", "金额"), C("personnel", "人员经费"), C("public", "公用经费")),
            classification="economic", identities=(("total", ("personnel", "public")),)),
    _budget("budget_gov_fund", "政府性基金预算支出预算表", "function",
            ("政府性基金预算支出功能分类预算表", "财政拨款政府性基金支出预算表", "政府性基金预算财政拨款支出预算表",
             "政府性基金支出预算表"),
            _SPLIT, fund="政府性基金", identities=_SPLIT_SUM),
    _budget("budget_state_capital", "国有资本经营预算支出预算表", "function",
            ("国有资本经营预算支出功能分类预算表", "国有资本经营预算财政拨款支出预算表"),
            _SPLIT, fund="国有资本经营", identities=_SPLIT_SUM),
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
                        ("vehicles", ("vehicle_purchase", "vehicle_operation")))),
    _budget("budget_operating_costs", "一般公共预算机关运行经费支出预算表", "function",
            ("一般公共预算机关运行经费支出预算表",), (C("total", "机关运行经费支出", "金额", "合计"),),
            classification="economic"),
    _budget("budget_procurement", "政府采购预算表", "procurement", ("政府采购预算表", "政府采购支出预算表"),
            (C("total", "总计", "金额", "合计"),)),
)
