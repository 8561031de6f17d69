"""The standard public tables, defined once, as data.

A table is recognised by its printed title (never by its position or number);
each printed value column is mapped to a canonical id through its header path
(the group header above it joined with its own header); the headline figures its rows
state are declared beside its columns (`figures`). Adding a table, a column alias or a
figure is one edit here (budget sets: budget_tables.py).
"""
from __future__ import annotations

import re

from generator.model.budget_tables import BUDGET_TABLES
from generator.model.table_spec import C, Column, F, TableSpec, but, names, squash

__all__ = ["ALL_TABLES", "BY_ID", "C", "Column", "EMPTY_NOTE", "TABLES", "TableSpec", "UNIT_TABLES", "squash"]


_CARRY = "年初结转和结余"
_END = "年末结转和结余"

def _fund_columns() -> tuple[Column, ...]:
    """Columns of a fund's 收入支出决算表 (一般公共预算, 政府性基金): carry-in, income,
    expenditure and carry-out, each split basic/project."""
    return (
        C("carry_in_total", f"{_CARRY}/合计", _CARRY),
        C("carry_in_basic", f"{_CARRY}/基本支出结转", f"{_CARRY}/基本支出"),
        C("carry_in_project", f"{_CARRY}/项目支出结转和结余", f"{_CARRY}/项目支出"),
        C("income_total", "本年收入/合计", "本年收入"),
        C("income_basic", "本年收入/基本支出"),
        C("income_project", "本年收入/项目支出"),
        C("expenditure_total", "本年支出/合计", "本年支出", "合计"),
        C("expenditure_basic", "本年支出/基本支出", "基本支出"),
        C("expenditure_project", "本年支出/项目支出", "项目支出"),
        C("carry_out_total", f"{_END}/合计", _END),
        C("carry_out_basic", f"{_END}/基本支出结转", f"{_END}/基本支出"),
        C("carry_out_project", f"{_END}/项目支出结转和结余", f"{_END}/项目支出"),
        C("carry_out_project_carryover", f"{_END}/项目支出结转和结余/项目支出结转", f"{_END}/项目支出结转"),
        C("carry_out_project_balance", f"{_END}/项目支出结转和结余/项目支出结余", f"{_END}/项目支出结余"),
    )


FUND_IDENTITIES = (
    ("carry_in_total", ("carry_in_basic", "carry_in_project")),
    ("income_total", ("income_basic", "income_project")),
    ("expenditure_total", ("expenditure_basic", "expenditure_project")),
    ("carry_out_total", ("carry_out_basic", "carry_out_project")),
    ("carry_out_total", ("carry_in_total", "income_total", "-expenditure_total")),
)


# the income lines of the national 决算 template (收入支出决算总表) and the measure each states
INCOME_PARTS = {
    "一般公共预算财政拨款收入": "income_general_budget", "政府性基金预算财政拨款收入": "income_gov_fund",
    "国有资本经营预算财政拨款收入": "income_state_capital", "上级补助收入": "income_superior_subsidy",
    "事业收入": "income_business", "经营收入": "income_operating",
    "附属单位上缴收入": "income_subsidiary", "其他收入": "income_other",
}
LEDGER_ITEMS = {
    "本年收入合计": "income_total", "使用非财政拨款结余": "use_of_non_fiscal_balance",
    "年初结转和结余": "carry_over_start", "本年支出合计": "expenditure_total", "结余分配": "balance_distribution",
    "年末结转和结余": "carry_over_end", **INCOME_PARTS,
}
# the items of the “三公” table (公开09) and the measure each states, 决算数 and 预算数
THREE_PUBLIC_ITEMS = {
    "支出合计": "three_public_total", "因公出国(境)费": "three_public_abroad",
    "公务用车购置及运行维护费": "three_public_vehicles", "公务用车购置费": "three_public_vehicle_purchase",
    "公务用车运行维护费": "three_public_vehicle_operation", "公务接待费": "three_public_reception",
    "公务用车保有量(辆)": "vehicles_count", "国内公务接待批次(个)": "three_public_reception_batches",
    "国内公务接待人次(人)": "three_public_reception_persons", "机关运行经费": "operating_costs",
}
FISCAL_THREE_PUBLIC = {"total": "three_public_total", "abroad": "three_public_abroad",
                       "vehicles": "three_public_vehicles", "vehicle_purchase": "three_public_vehicle_purchase",
                       "vehicle_operation": "three_public_vehicle_operation", "reception": "three_public_reception"}

TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        "final_summary", "收入支出决算总表", "ledger", ("收入支出决算总表",),
        (C("amount", "金额", "决算数", "金额/1", "金额/2", "决算数/1"),),
        figures=(F("total_income_expenditure", "amount", name="总计"),
                 *(F(measure, "amount", name=names(item)) for item, measure in LEDGER_ITEMS.items()),
                 F("expenditure_by_function", "amount", item=True, side="支出", name=but(".*支出", *LEDGER_ITEMS))),
    ),
    TableSpec(
        "final_income", "收入决算表", "function", ("收入决算表",),
        (
            C("income_total", "本年收入合计"),
            C("fiscal", "财政拨款收入"),
            C("superior_subsidy", "上级补助收入"),
            C("business", "事业收入", "事业收入/小计"),
            C("business_education_fees", "其中：教育收费", "事业收入/其中:教育收费", "其中:教育收费"),
            C("operating", "经营收入"),
            C("subsidiary", "附属单位上缴收入"),
            C("other", "其他收入"),
        ),
        identities=(("income_total", ("fiscal", "superior_subsidy", "business", "operating", "subsidiary", "other")),),
        figures=(F("income_total", "income_total", name="合计"),),
    ),
    TableSpec(
        "final_expenditure", "支出决算表", "function", ("支出决算表",),
        (
            C("expenditure_total", "本年支出合计"),
            C("basic", "基本支出"),
            C("project", "项目支出"),
            C("to_superior", "上缴上级支出"),
            C("operating", "经营支出"),
            C("to_subsidiary", "对附属单位补助支出"),
        ),
        identities=(("expenditure_total", ("basic", "project", "to_superior", "operating", "to_subsidiary")),),
        figures=(F("expenditure_total", "expenditure_total", name="合计"), F("expenditure_basic", "basic", name="合计"),
                 F("expenditure_project", "project", name="合计")),
    ),
    TableSpec(
        "fiscal_summary", "财政拨款收入支出决算总表", "ledger",
        ("财政拨款收入支出决算总表", "财政拨款收入支出决算表"),
        (
            C("amount", "合计", "决算数", "金额"),
            C("general_budget", "一般公共预算财政拨款"),
            C("gov_fund", "政府性基金预算财政拨款"),
            C("state_capital", "国有资本经营预算财政拨款"),
        ),
        figures=(F("fiscal_total", "amount", name="总计"),
                 F("general_budget_expenditure", "general_budget", side="支出", name="本年支出合计"),
                 F("general_budget_expenditure", "general_budget", item=True, side="支出",
                   name=but(".*支出", "本年支出合计"))),
    ),
    TableSpec(
        "general_budget", "一般公共预算财政拨款收入支出决算表", "function",
        ("一般公共预算财政拨款收入支出决算表", "一般公共预算财政拨款支出决算表"),
        _fund_columns(),
        identities=FUND_IDENTITIES,
        figures=(F("general_budget_expenditure", "expenditure_total", code="none", name="合计"),
                 F("general_budget_basic", "expenditure_basic", code="none", name="合计"),
                 F("general_budget_expenditure", "expenditure_total", code="class", item=True, with_code=True)),
    ),
    TableSpec(
        "general_budget_basic", "一般公共预算财政拨款基本支出决算表", "economic",
        ("一般公共预算财政拨款基本支出决算表",),
        (C("amount", "金额", column_type="value"),),
        figures=(F("personnel_costs", "amount", name="人员经费合计"), F("public_costs", "amount", name="公用经费合计")),
    ),
    TableSpec(
        "gov_fund", "政府性基金预算财政拨款收入支出决算表", "function",
        ("政府性基金预算财政拨款收入支出决算表", "政府性基金预算财政拨款支出决算表"),
        _fund_columns(),
        fund="政府性基金",
        identities=FUND_IDENTITIES,
    ),
    TableSpec(
        "state_capital", "国有资本经营预算财政拨款收入支出决算表", "function",
        ("国有资本经营预算财政拨款收入支出决算表", "国有资本经营预算财政拨款支出决算表"),
        (
            C("carry_in_total", _CARRY),
            C("income_total", "本年收入"),
            C("expenditure_total", "本年支出", "本年支出/合计"),
            C("expenditure_basic", "本年支出/基本支出", optional=True),
            C("expenditure_project", "本年支出/项目支出", optional=True),
            C("carry_out_total", f"{_END}/合计", _END),
            C("carry_out_carryover", f"{_END}/结转"),
            C("carry_out_balance", f"{_END}/结余"),
        ),
        fund="国有资本经营",
        identities=(
            ("carry_out_total", ("carry_out_carryover", "carry_out_balance")),
            ("expenditure_total", ("expenditure_basic", "expenditure_project")),
            ("carry_out_total", ("carry_in_total", "income_total", "-expenditure_total")),
        ),
    ),
    TableSpec(
        "three_public", '"三公"经费与机关运行经费情况表', "items",
        (
            '"三公"经费、行政参公单位机关运行经费情况表',
            '一般公共预算财政拨款"三公"经费支出决算表',
            '"三公"经费支出决算表',
            '"三公"经费、机关运行经费情况表',
        ),
        (C("budget", "预算数"), C("actual", "决算统计数", "决算数")),
        figures=tuple(figure for item, measure in THREE_PUBLIC_ITEMS.items()
                      for figure in (F(measure, "actual", name=names(item)),
                                     F(measure, "budget", kind="budget", name=names(item)))),
        item_sums=(
            ("支出合计", ("因公出国(境)费", "公务用车购置及运行维护费", "公务接待费")),
            ("公务用车购置及运行维护费", ("公务用车购置费", "公务用车运行维护费")),
            ("公务接待费", ("国内接待费", "国(境)外接待费")),
            ("机关运行经费", ("行政单位", "参照公务员法管理事业单位")),
        ),
    ),
    TableSpec(
        "fiscal_three_public", '财政拨款"三公"经费支出决算表', "wide",
        # the 2016–2018 决算 template's 公开07表 prints 预算数 | 决算数 above the items, not under them
        ('财政拨款"三公"经费支出决算表', '一般公共预算财政拨款"三公"经费支出决算表'),
        tuple(C(f"{column_id}_{side}", f"{name}/{label}", *(f"{alias}/{label}" for alias in aliases),
                *(f"{label}/{alias}" for alias in (name, *aliases)))
              for column_id, name, *aliases in (
                  ("total", "合计"), ("abroad", "因公出国(境)费"),
                  ("vehicles", "公务用车购置及运行维护费/小计", "公务用车购置及运行费/小计"),
                  ("vehicle_purchase", "公务用车购置费", "公务用车购置及运行费/公务用车购置费"),
                  ("vehicle_operation", "公务用车运行维护费", "公务用车运行费", "公务用车购置及运行费/公务用车运行费"),
                  ("reception", "公务接待费"))
              for side, label in (("budget", "预算数"), ("actual", "决算数"))),
        identities=tuple((f"total_{version}", (f"abroad_{version}", f"vehicles_{version}", f"reception_{version}")) for version in ("budget", "actual"))
        + tuple((f"vehicles_{version}", (f"vehicle_purchase_{version}", f"vehicle_operation_{version}")) for version in ("budget", "actual")),
        required=False, stands_for="three_public",
        figures=tuple(figure for part, measure in FISCAL_THREE_PUBLIC.items()
                      for figure in (F(measure, f"{part}_actual"), F(measure, f"{part}_budget", kind="budget"))),
    ),
)

# Word-form summary tables of a 部门整体支出绩效自评 (one row per 机构, 万元)
UNIT_TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        "eval_income", "年度收入情况", "units", ("年度收入情况", "部门(单位)年度收入情况"),
        (
            C("income_total", "收入合计"),
            C("carry_over", "上年结转"),
            C("general_budget", "公共财政拨款", "一般公共预算拨款"),
            C("gov_fund", "政府基金拨款", "政府性基金拨款"),
            C("special_account", "纳入专户管理的非税收入拨款"),
            C("other", "其他收入"),
        ),
        required=False,
        identities=(("income_total", ("carry_over", "general_budget", "gov_fund", "special_account", "other")),),
    ),
    TableSpec(
        "eval_expenditure", "年度支出和结余情况", "units",
        ("部门(单位)年度支出和结余情况", "年度支出和结余情况"),
        (
            C("expenditure_total", "支出合计"),
            C("basic", "基本支出"),
            C("personnel", "人员支出"),
            C("public", "公用支出"),
            C("project", "项目支出"),
            C("balance_year", "当年结余"),
            C("balance_total", "累计结余"),
        ),
        required=False,
        identities=(("expenditure_total", ("basic", "project")), ("basic", ("personnel", "public"))),
        figures=(F("expenditure_total", "expenditure_total", first=True), F("expenditure_basic", "basic", first=True),
                 F("expenditure_project", "project", first=True)),
    ),
    TableSpec(
        "eval_three_public", "“三公”经费情况", "units", (),
        (
            C("total", "三公经费合计", '"三公"经费合计'),
            C("reception", "公务接待费"),
            C("vehicle_operation", "公务用车运维费", "公务用车运行维护费"),
            C("vehicle_purchase", "公务用车购置费"),
            C("abroad", "因公出国费", "因公出国(境)费"),
        ),
        required=False, signatures=("三公经费合计", '"三公"经费合计'),
        identities=(("total", ("reception", "vehicle_operation", "vehicle_purchase", "abroad")),),
        figures=tuple(F(measure, column, first=True) for column, measure in (
            ("total", "three_public_total"), ("reception", "three_public_reception"),
            ("vehicle_operation", "three_public_vehicle_operation"), ("vehicle_purchase", "three_public_vehicle_purchase"),
            ("abroad", "three_public_abroad"))),
    ),
    TableSpec(
        "eval_assets", "固定资产情况", "units", (),
        (C("total", "固定资产合计"), C("in_use", "在用固定资产"), C("rented", "出租固定资产"), C("other", "其他")),
        required=False, signatures=("固定资产合计",),
        identities=(("total", ("in_use", "rented", "other")),),
    ),
)

ALL_TABLES = TABLES + UNIT_TABLES + BUDGET_TABLES
BY_ID = {spec.id: spec for spec in ALL_TABLES}
# a note saying a table is empty on purpose ('此表为空', '本表无数据', '本部门无相关收支项目')
EMPTY_NOTE = re.compile(r"此表(?:为)?空|本表(?:为)?空|本表无数据|无.{0,20}(?:收入|支出).{0,6}(?:故|因此)?.{0,4}(?:此|本)表"
                        r"|(?:无|没有).{0,30}(?:收入|支出|安排|项目)")
_NUMERALS = "一二三四五六七八九十"
NUMBER_RE = re.compile(rf"公开\s*(\d{{1,2}})\s*表|公开表\s*([{_NUMERALS}]+)|^\s*表\s*([{_NUMERALS}]+)\s*$")
# the number a title starts with, in every numbering ('表5 ', '附表5：', '表五 ', '预算05表', '（五）', '五、', '5、')
NUMBERING = re.compile(rf"^\s*(?:(?:预算|公开|附)?表\s*(?:\d{{1,2}}(?!\d)|[{_NUMERALS}]+(?=[\s:：、.．]|$))|(?:预算|公开)\s*\d{{1,2}}\s*表"
                       rf"|[（(]\s*(?:\d{{1,2}}|[{_NUMERALS}]+)\s*[)）]|[{_NUMERALS}]+\s*[、.．]|\d{{1,2}}\s*[、.．:：](?!\d))\s*[:：.、．]?\s*")
_NUMBER_MARK = re.compile(rf"^(?:公开\d{{1,2}}表|公开表[{_NUMERALS}]+|表[{_NUMERALS}]+)|(?:公开\d{{1,2}}表|公开表[{_NUMERALS}]+)$")
_TITLE_PREFIX = re.compile(r"^(?:\d{4}年度?)?(?:部门|预算单位|单位)?(?=.{4})")


def table_number(text: str) -> str:
    """The table number a line prints ('公开02表' → '02', '公开表十一' → '11', '表三' → '03'), or ''."""
    match = NUMBER_RE.search(text)
    if not match:
        return ""
    if match.group(1):
        return match.group(1).zfill(2)
    numeral = match.group(2) or match.group(3)
    tens, _, units = numeral.rpartition("十")
    value = (_NUMERALS.index(tens) + 1 if tens else 1) * 10 * ("十" in numeral) + (_NUMERALS.index(units) + 1 if units else 0)
    return str(value).zfill(2)


def title_key(text: str) -> str:
    """A printed title reduced to what names the table: no table number ('公开03表', '表5 '), year
    ('2025年') or publisher prefix ('部门', '预算单位')."""
    key = _NUMBER_MARK.sub("", squash(NUMBERING.sub("", text)))
    return _TITLE_PREFIX.sub("", _NUMBER_MARK.sub("", key))


_BY_TITLE: dict[str, list[TableSpec]] = {}
for _spec in ALL_TABLES:
    for _title in _spec.titles:
        _BY_TITLE.setdefault(title_key(_title), []).append(_spec)


def specs_for_title(text: str) -> list[TableSpec]:
    """Every table a printed title may name; tables sharing a title differ by layout."""
    return _BY_TITLE.get(title_key(text), [])


def spec_for_title(text: str) -> TableSpec | None:
    """The (first) table a printed title names, if any."""
    found = specs_for_title(text)
    return found[0] if found else None
