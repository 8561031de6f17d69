"""What a table the standard registry does not know states, as data: the role its title gives
it (收支总表, 支出总表, "三公"经费表 … in any numbering and wording) and which printed row
label or column header carries which measure of the vocabulary.

A role is found from the title's words (all of `words`, none of `not_words`, on the title
with its number, year and publisher removed), else from the table's content: its column header
paths and row labels (`headers`, `labels`, `not_content`). Figures are read two ways:
- `rows`: a row label (the whole cell, enumerator removed) → the first amount right of it
  (the two sides of a 收支总表 each give theirs);
- `columns`: a column header path → its figure on the table's 合计/总计 row (or its only row).
Each entry names a real title it was written for.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from generator.model.tables import NUMBERING


@dataclass(frozen=True)
class Role:
    id: str
    words: tuple[str, ...]  # regexes that must all match the title
    not_words: tuple[str, ...]
    # (row label regex, measure[, a row label that, printed below the row, voids the entry])
    rows: tuple[tuple[str, ...], ...] = ()
    # (column header path regex, measure[, a header that, printed in the table, voids the entry]);
    # the first match per measure wins
    columns: tuple[tuple[str, ...], ...] = ()
    example: str = ""
    # where the title names no role (a bare '公开01表'), the content: regexes that must each match
    # a column header path (`headers`) or a row label (`labels`); one matching `not_content` voids it
    headers: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    not_content: tuple[str, ...] = ()


_THIS_YEAR_IN = r"^(?:本年|当年)收入(?:合计|小计)$|^收入总计$"
_THIS_YEAR_OUT = r"^(?:本年|当年)支出(?:合计|小计)$|^支出总计$"
_OTHER_INCOME = (r"^事业收入$", r"^上级补助收入$", r"^(?:事业单位)?经营收入$", r"^其他收入$", r"^附属单位上缴收入$")
_NOT_FUND = (r"政府性基金", r"国有资本", r"三公", r"采购", r"绩效", r"购买服务", r"结转资金", r"专项")
_TOTAL = r"(?:合计|总计|小计)"
_ONLY = r"^(?:预算数?|金额|预算金额)$"  # the one amount column of a table: its total is the table's

def _basic_split(total: str, measure: str) -> tuple[tuple[str, str], ...]:
    """The columns of a 基本支出 table: its total (as `measure`), 人员经费 and 公用经费 (人员支出,
    日常公用支出 …)."""
    return ((total, measure), (r"人员(?:类|经费)?(?:支出)?$", "personnel_costs"),
            (r"(?:日常)?公用(?:经费)?(?:支出)?$", "public_costs"))


# the closing row of a basic-expenditure table by economic class: '人员经费合计 | 4,884.09 | 公用经费合计 | 480.66'
_HALVES = ((r"^人员经费合计$", "personnel_costs"), (r"^公用经费合计$", "public_costs"))
_THREE_PUBLIC_ROWS = (
    (r"^因公出国\(境\)(?:费|费用)?$", "three_public_abroad"),
    (r"^公务用车购置及运行(?:维护)?费$", "three_public_vehicles"),
    (r"^(?:其中:)?公务用车购置费$", "three_public_vehicle_purchase"),
    (r"^(?:其中:)?公务用车运行(?:维护)?费$", "three_public_vehicle_operation"),
    (r"^公务接待费$", "three_public_reception"),
    (r"^机关运行经费(?:支出)?$", "operating_costs"),
)
# a header clipped by its cell keeps its first characters: '因公出国（', '公务用车运行维护' (西安 2019 表13)
_THREE_PUBLIC_COLUMNS = (
    (r"因公出国(?:\(境?\)?)?(?:费|费用)?$", "three_public_abroad"),
    (rf"公务用车购置及运行(?:维护)?费(?:用)?(?:/{_TOTAL})?$", "three_public_vehicles"),
    (r"公务用车购置(?:经)?费?$|/购置费$", "three_public_vehicle_purchase"),
    (r"公务用车运行(?:维护)?(?:经)?费?$|/运行(?:维护)?费$", "three_public_vehicle_operation"),
    (r"公务接待费(?:用)?$", "three_public_reception"),
    (r"机关运行经费(?:预算数|支出)?$", "operating_costs"),  # '“三公”经费和机关运行经费预算表' (普陀商务委 2025)
    (r"^会议费$|/会议费$", "meeting_costs"),
    (r"^培训费$|/培训费$", "training_costs"),
)

ROLES: tuple[Role, ...] = (
    # '一般公共预算财政拨款收入支出决算表' (公开05表) is the general budget's, not this
    Role("fiscal_summary", (r"财政拨款", r"收支|收入支出"), (r"^一般公共预算",) + _NOT_FUND,
         # a 合计 is the total where no 总计 is printed: '收入合计 | 2741643000.00 | 支出合计' (重庆 2026)
         rows=((r"^(?:收入|支出)?总计$", "fiscal_total"), (r"^(?:收入|支出)合计$", "fiscal_total", r"总计")),
         example="表四 2026年财政拨款收支总体情况表",
         labels=(_THIS_YEAR_IN, _THIS_YEAR_OUT, r"^一般公共预算财政拨款(?:收入)?$"), not_content=_OTHER_INCOME),
    Role("summary", (r"收支|收入支出", r"总"), ("财政拨款",) + _NOT_FUND,
         rows=((r"^(?:收入|支出)总计$|^总计$", "total_income_expenditure"),
               # a 合计 with no 总计 nor 本年收入合计 below it ('合计 | 5834295600.00 | 合计' opening 重庆 2026's
               # table; '合计 | 5694965400.00 | 合计' closing 西南大学 2023's, under 本年收入合计 and 上年结转)
               (r"^合计$", "total_income_expenditure", r"总计|本年(?:收入|支出)"),
               # the one 收入合计 of a table printing no 总计 ('收入合计 | 13,649.07', 江苏省人大办公厅 2017)
               (r"^(?:收入|支出)合计$", "total_income_expenditure", r"总计"),
               (rf"^(?:本年|当年)收入{_TOTAL}$|^收入本年合计$", "income_total"),
               (rf"^(?:本年|当年)支出{_TOTAL}$|^支出本年合计$", "expenditure_total"),
               (r"^(?:本年)?财政拨款(?:收入)?$", "income_fiscal"),
               (r"^一般公共预算(?:拨款)?(?:收入|资金)?$", "income_general_budget"),
               (r"^政府性基金(?:预算)?(?:拨款)?(?:收入)?$", "income_gov_fund"),
               (r"^国有资本经营预算(?:拨款)?(?:收入)?$", "income_state_capital"),
               (r"^事业收入$", "income_business"),
               (r"^(?:事业单位)?经营收入$", "income_operating"),
               (r"^其他收入$", "income_other"),
               (r"^上年结转(?:结余|和结余)?(?:资金)?$", "carry_over_start"),
               (r"^结转下年(?:资金)?$", "carry_over_end"),
               (r"^基本支出$", "expenditure_basic"),
               (r"^项目支出$", "expenditure_project")),
         example="预算01表 收支总表; 表1：2026年市级部门收支预算总表; 2026年部门收支总体情况表",
         labels=(_THIS_YEAR_IN, _THIS_YEAR_OUT)),
    Role("fiscal_basic", (r"财政拨款", r"基本支出"), (r"一般公共预算",) + _NOT_FUND,
         rows=_HALVES,
         columns=_basic_split(rf"^(?:本年财政拨款基本支出/|财政拨款基本支出/|基本支出/)?{_TOTAL}$", "fiscal_basic"),
         example="公开06表 财政拨款基本支出表（经济科目）"),
    Role("fiscal_expenditure", (r"财政拨款", r"支出"), (r"基本支出", r"收入", r"一般公共预算") + _NOT_FUND,
         columns=((rf"^(?:财政拨款支出/)?{_TOTAL}$", "fiscal_expenditure"),
                  (rf"^基本支出(?:/{_TOTAL})?$", "fiscal_basic"),
                  (rf"^项目支出(?:/{_TOTAL})?$", "fiscal_project")),
         example="公开05表 财政拨款支出表（功能科目）"),
    Role("income", (r"收入",), (r"支出",) + _NOT_FUND,
         columns=((rf"^本年收入(?:/)?{_TOTAL}$", "income_total"),
                  # a bare 合计 is this year's income only where no carried-over column stands beside it
                  (r"^(?:收入预算/)?(?:合计|小计)$", "income_total", r"结转|结余"),
                  (r"^收入总计$|^总计$", "total_income_expenditure"),
                  (r"^(?:本年收入/)?财政拨款(?:收入)?(?:/小计)?$", "income_fiscal"),
                  (r"一般公共预算(?:拨款)?(?:收入)?$", "income_general_budget"),
                  (r"政府性基金(?:预算)?(?:拨款)?(?:收入)?$", "income_gov_fund"),
                  (r"^(?:本年收入/)?(?:单位资金/)?事业收入$", "income_business"),
                  (r"^(?:本年收入/)?(?:单位资金/)?其他收入$", "income_other")),
         example="表二 2026年部门收入总体情况表; 预算02表 收入总表",
         headers=(r"^本年收入(?:/)?合计$", r"^财政拨款(?:收入)?$"), not_content=(r"^本年支出合计$",)),
    Role("general_basic", (r"一般公共预算", r"基本支出"), _NOT_FUND, rows=_HALVES,
         columns=_basic_split(rf"^(?:[^/]*基本支出[^/]*/)?{_TOTAL}$|^一般公共预算基本支出$|{_ONLY}", "general_budget_basic"),
         example="表六 2026年一般公共预算基本支出情况表"),
    Role("general", (r"一般公共预算", r"支出"), (r"基本支出", r"经济分类", r"机关运行") + _NOT_FUND,
         # a 决算's 本年支出 beside 年初结转和结余, 本年收入 and 年末结转和结余 (公开05表 一般公共预算财政拨款收入支出决算表)
         columns=((rf"^(?:一般公共预算支出/|预算数/|本年支出/|支出)?{_TOTAL}$|^一般公共预算支出$|{_ONLY}",
                   "general_budget_expenditure"),
                  (r"^本年支出/基本支出$", "general_budget_basic"), (r"基本支出$", "general_budget_basic", r"^本年支出/"),
                  (r"^本年支出/项目支出$", "general_budget_project"), (r"项目支出$", "general_budget_project", r"^本年支出/")),
         example="表五 2026年一般公共预算支出情况表; 预算05表 一般公共预算支出表; 公开05表 一般公共预算财政拨款收入支出决算表"),
    Role("expenditure", (r"支出",), (r"财政拨款", r"一般公共预算", r"基本支出", r"项目支出") + _NOT_FUND,
         columns=((rf"^本年支出(?:/)?{_TOTAL}$", "expenditure_total"),
                  (rf"^(?:支出|支出预算/)?{_TOTAL}$", "expenditure_total", r"结转|结余"),
                  (r"^(?:支出预算/)?基本支出(?:/{_TOTAL})?$".replace("{_TOTAL}", _TOTAL), "expenditure_basic"),
                  (r"^(?:支出预算/)?项目支出(?:/{_TOTAL})?$".replace("{_TOTAL}", _TOTAL), "expenditure_project")),
         example="表三 2026年部门支出总体情况表; 公开03表 支出总表",
         headers=(r"^本年支出(?:/)?合计$", r"^基本支出$", r"^项目支出$"), not_content=(r"^本年收入合计$",)),
    Role("three_public", (r"三公",), (r"绩效", r"会议", r"培训"),
         rows=((rf"^(?:\"三公\"经费)?(?:支出)?{_TOTAL}$", "three_public_total"),) + _THREE_PUBLIC_ROWS,
         # a bare 合计 beside 会议费/培训费 columns is the three together
         columns=((rf"^(?:(?:财政拨款)?\"三公\"经费(?:财政拨款)?(?:预算数)?/?)?{_TOTAL}?$", "three_public_total", r"会议费|培训费"),
                  (rf"三公\"经费(?:财政拨款)?(?:预算数)?/{_TOTAL}$", "three_public_total")) + _THREE_PUBLIC_COLUMNS,
         example="预算09表 财政拨款“三公”经费支出表; 表7：2026年市级部门一般公共预算“三公”经费预算表",
         headers=(r"三公", r"因公出国", r"公务接待"), not_content=(r"会议费", r"培训费")),
    # with 会议费 and 培训费 beside it, a bare 合计 is the three together, not the "三公"经费
    Role("three_public_meetings", (r"三公",), (r"绩效",),
         rows=((r"^\"三公\"经费(?:合计|小计)?$", "three_public_total"),) + _THREE_PUBLIC_ROWS,
         columns=((rf"三公\"?经费[^/]*(?:/{_TOTAL})?$", "three_public_total"),) + _THREE_PUBLIC_COLUMNS,
         example="表13 2021年部门综合预算一般公共预算拨款“三公”经费及会议费、培训费支出预算表",
         headers=(r"三公", r"因公出国", r"会议费")),
    Role("gov_fund", (r"政府性基金",), (r"绩效",),
         columns=((rf"^(?:本年政府性基金预算支出/|政府性基金预算支出/|本年支出/|支出)?{_TOTAL}$|^政府性基金预算支出$|{_ONLY}", "gov_fund_expenditure"),),
         example="表七 2026年政府性基金预算支出情况表"),
    Role("state_capital", (r"国有资本经营",), (r"绩效",),
         columns=((rf"^(?:国有资本经营预算支出/|支出)?{_TOTAL}$|^国有资本经营预算支出$|{_ONLY}", "state_capital_expenditure"),),
         example="表10 国有资本经营预算支出情况表"),
    Role("procurement", (r"政府采购",), (r"绩效",),
         columns=((rf"^(?:金额|预算金额|{_TOTAL}|采购预算/{_TOTAL})$", "procurement_total"),),
         example="预算10表 政府采购预算明细表"),
    # known by content only: the 人员经费 | 公用经费 halves of a basic-expenditure table by economic class
    # (公开06表 一般公共预算财政拨款基本支出决算表 of the national 决算 template, its title not printed)
    Role("basic_halves", (), (), rows=_HALVES,
         example="公开06表: 人员经费/科目名称 | 人员经费/金额 | 公用经费/科目名称 | 公用经费/金额 … 人员经费合计 | 公用经费合计",
         headers=(r"^人员经费", r"^公用经费")),
    Role("operating_costs", (r"机关运行经费",), (r"三公", r"绩效"),
         columns=((rf"^(?:机关运行经费(?:支出|预算数)?|{_TOTAL})$", "operating_costs"),),
         example="公开12表 一般公共预算机关运行经费支出预算表"),
)

# the "三公" table laid out by rows, known by content: '（一）支出合计 | 2 | 44.31 | 112,985.10',
# '1. 因公出国（境）费 | 3', '3. 公务接待费 | 7 | 35.00 | 91,254.00' (公开09表 of the 2020 决算 template)
ROLES += (replace(next(role for role in ROLES if role.id == "three_public"), words=(), headers=(),
                  labels=(r"^因公出国", r"^公务接待费$"), not_content=(r"会议费", r"培训费"),
                  example="公开09表 (2020 决算 template): （一）支出合计 | 2 | 44.31 | 112,985.10 …"),)

# a 决算 table of one fund's carried-over, income, expenditure and carried-forward money by function
# (公开05表 一般公共预算 and 公开07表 政府性基金 of the national template share this shape): which fund
# its rows name tells them apart. Government-fund expenditure is printed under its own 款 of the
# 政府收支分类科目 ('21208 国有土地使用权出让收入安排的支出', '22960 彩票公益金安排的支出', '21464 铁路建设基金支出',
# '23204 地方政府专项债务付息支出'); state capital under 类 223 国有资本经营预算支出.
_FUND_ROWS = r"安排的支出$|基金支出$|专项债务(?:付息|发行费用)?支出$|专项债券|^抗疫特别国债"
_STATE_CAPITAL_ROWS = r"国有资本经营|国有企业"
_FUND_SHAPE = (r"^年初结转和结余", r"^本年支出/基本支出$", r"^年末结转和结余")
ROLES += (
    replace(next(role for role in ROLES if role.id == "gov_fund"), words=(), headers=_FUND_SHAPE, labels=(_FUND_ROWS,),
            example="公开07表 (title not printed): 年初结转和结余 | 本年收入 | 本年支出/基本支出 … rows "
                    "'21208 国有土地使用权出让收入安排的支出'"),
    replace(next(role for role in ROLES if role.id == "general"), words=(), headers=_FUND_SHAPE,
            not_content=(_FUND_ROWS, _STATE_CAPITAL_ROWS),
            example="公开05表 (title not printed): 年初结转和结余 | 本年收入 | 本年支出/基本支出 … rows '201 一般公共服务支出'"),
)

_YEAR = re.compile(r"\d{4}\s*年度?")


def title_words(title: str) -> str:
    """The title with its number, year and spaces removed ('表1：2026年市级部门收支预算总表' → '市级部门收支预算总表')."""
    text = re.sub(r"\s+", "", NUMBERING.sub("", title, count=1))
    return _YEAR.sub("", text).replace("“", '"').replace("”", '"').replace("（", "(").replace("）", ")")


def role_of(title: str, headers: Sequence[str] = (), labels: Sequence[str] = ()) -> Role | None:
    """The role the title gives a table; where it gives none, the role its column header paths
    and row labels give (a title of only a number, '公开01表', or none at all)."""
    text = title_words(title)
    for role in ROLES:
        if role.words and all(re.search(word, text) for word in role.words) \
                and not any(re.search(word, text) for word in role.not_words):
            return role
    for role in ROLES:
        if (role.headers or role.labels) and all(any(re.search(header, printed) for printed in headers) for header in role.headers) \
                and all(any(re.search(word, printed) for printed in labels) for word in role.labels) \
                and not any(re.search(pattern, printed) for pattern in role.not_content for printed in (*headers, *labels)):
            return role
    return None
