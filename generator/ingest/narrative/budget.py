"""Facts stated in the budget (部门预算) explanations: totals, the split by purpose and by
function, fiscal appropriations, “三公”, 机关运行经费 and procurement — with their shares and
year-on-year changes, as the Jiangsu and Shanghai templates word them."""
from __future__ import annotations

import re

from generator.ingest.narrative.sections import _CHANGE, THREE_PUBLIC, FactCollector, V

_PRIOR = r"(?:与上年(?:度)?相比|比上年(?:预算)?)[，,]?\s*(?:[^，,。；;]{0,16}?)"
_SHARE = r"(?:[，,]\s*占[^0-9%，,]{0,12}?(\d+(?:\.\d+)?)\s*%)?"
_OPEN = r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|\d+\s*[．.、])?\s*(?:此外[，,])?\s*"
_PURPOSE = {"基本支出": "expenditure_basic", "项目支出": "expenditure_project",
            "单位预留机动经费": "expenditure_reserve"}
_INCOME = {"财政拨款收入": "income_fiscal", "一般公共预算收入": "income_general_budget",
           "政府性基金预算收入": "income_gov_fund", "财政专户管理资金": "income_special_account",
           "其他资金": "income_other_funds", "事业收入": "income_business", "事业单位经营收入": "income_operating",
           "其他收入": "income_other", "上年结转资金": "carry_over_start"}
_PROCUREMENT = {"货物": "procurement_goods", "工程": "procurement_works", "服务": "procurement_services"}
_THREE = {**THREE_PUBLIC, "公务用车购置费": "three_public_vehicle_purchase",
          "公务用车运行费": "three_public_vehicle_operation"}
_TOP = {"three_public_abroad", "three_public_vehicles", "three_public_reception"}  # the parts of “三公”


def _with_change(fc: FactCollector, measure: str, s: str, end: int, **extra) -> None:
    """A '与上年相比增加 C 万元，增长 R%' right after the figure (same sentence)."""
    c = re.search(_PRIOR + _CHANGE, s[end:])
    if c and c.start() < 60:
        fc.change(measure, c, fc.year - 1, **extra)


def budget_sentence_facts(fc: FactCollector, s: str) -> None:  # noqa: C901 - one template family, one place
    """Facts of one sentence of a budget explanation."""
    m = re.search(rf"收入?、?支出?预算总计(?:各)?\s*(?:为)?\s*{V}", s) or re.search(rf"^{_OPEN}(?:收入|支出)预算总计\s*{V}", s)
    if m:
        fc.money("total_income_expenditure", m.group(1), m.group(2))
        _with_change(fc, "total_income_expenditure", s, m.end())
    m = re.search(rf"本年(收入|支出)预算合计\s*{V}", s) or re.search(rf"\d{{4}}年，\S*?(收入|支出)预算\s*{V}", s) or \
        re.search(rf"^(收入|支出)预算\s*{V}", s)
    if m:
        fc.money("total_income_expenditure", m.group(2), m.group(3))
        parts = _INCOME if m.group(1) == "收入" else _PURPOSE
        alts = "|".join(map(re.escape, parts))
        for p in re.finditer(rf"({alts})(?:预算)?(?:数)?\s*(?:为)?\s*{V}{_SHARE}", s[m.end():]):
            fc.money(parts[p.group(1)], p.group(2), p.group(3), of="total_income_expenditure")
            if p.group(4):
                fc.number(parts[p.group(1)], p.group(4), "%", "share", of="total_income_expenditure")
    m = re.search(rf"^{_OPEN}({'|'.join(_PURPOSE)}){V}{_SHARE}", s) or \
        re.search(rf"^{_OPEN}({'|'.join(_PURPOSE)})预算(?:数)?(?:为)?\s*{V}{_SHARE}", s)
    if m:
        fc.money(_PURPOSE[m.group(1)], m.group(2), m.group(3))
        if m.group(4):
            fc.number(_PURPOSE[m.group(1)], m.group(4), "%", "share", of="total_income_expenditure")
        _with_change(fc, _PURPOSE[m.group(1)], s, m.end())
    m = re.search(rf"^{_OPEN}({'|'.join(k for k in _INCOME if k != '财政拨款收入')})\s*{V}{_SHARE}", s)
    if m and m.group(4):
        fc.money(_INCOME[m.group(1)], m.group(2), m.group(3))
        fc.number(_INCOME[m.group(1)], m.group(4), "%", "share", of="total_income_expenditure")
    m = re.search(rf"^{_OPEN}([\u4e00-\u9fa5]{{2,16}}?)[（(]类[）)]\s*支出\s*{V}", s)
    if m:
        fc.money("expenditure_by_function", m.group(2), m.group(3), item=m.group(1))
        _with_change(fc, "expenditure_by_function", s, m.end(), item=m.group(1))
    m = re.search(rf"^{_OPEN}([\u4e00-\u9fa5（）()]{{2,40}}?[（(]款[）)][\u4e00-\u9fa5（）()]{{2,40}}?[（(]项[）)])\s*(?:支出)?\s*{V}", s)
    if m:
        fc.money("fiscal_expenditure", m.group(2), m.group(3), item=m.group(1))
        _with_change(fc, "fiscal_expenditure", s, m.end(), item=m.group(1))
    m = re.search(rf"财政拨款收、?支(?:总)?预算\s*{V}", s)
    if m:
        fc.money("fiscal_total", m.group(1), m.group(2))
        _with_change(fc, "fiscal_total", s, m.end())
    m = re.search(rf"(?<!公共预算)财政拨款(?:预算支出|支出预算)\s*{V}(?:[，,]\s*占本年支出合计的\s*(\d+(?:\.\d+)?)\s*%)?", s)
    if m:
        fc.money("fiscal_expenditure", m.group(1), m.group(2))
        if m.group(3):
            fc.number("fiscal_expenditure", m.group(3), "%", "share", of="total_income_expenditure")
        _with_change(fc, "fiscal_expenditure", s, m.end())
    for label, measure in (("一般公共预算财政拨款基本支出预算", "general_budget_basic"),
                           ("(?<!一般公共预算)财政拨款基本支出预算", "fiscal_basic"),
                           ("一般公共预算财政拨款支出预算", "general_budget_expenditure")):
        m = re.search(rf"{label}\s*{V}", s)
        if m:
            fc.money(measure, m.group(1), m.group(2))
            _with_change(fc, measure, s, m.end())
    m = re.search(rf"^{_OPEN}(人员经费|公用经费)\s*{V}", s)
    if m:
        fc.money("personnel_costs" if m.group(1) == "人员经费" else "public_costs", m.group(2), m.group(3))
    _three_public(fc, s)
    for label, measure in (("会议费", "meeting_costs"), ("培训费", "training_costs")):
        m = re.search(rf"安排的{label}预算支出\s*{V}", s)
        if m:
            fc.money(measure, m.group(1), m.group(2))
    m = re.search(rf"机关运行经费(?:预算支出|预算为|预算)\s*{V}", s)
    if m:
        fc.money("operating_costs", m.group(1), m.group(2))
        _with_change(fc, "operating_costs", s, m.end())
    m = re.search(rf"政府采购(?:支出)?预算(?:总额|总金额)?(?:为)?\s*{V}", s)
    if m:
        fc.money("procurement_total", m.group(1), m.group(2))
        for p in re.finditer(rf"(?:拟采购|拟购买|政府采购)(货物|工程|服务)(?:支出|预算)?\s*{V}", s[m.end():]):
            fc.money(_PROCUREMENT[p.group(1)], p.group(2), p.group(3), of="procurement_total")


def _three_public(fc: FactCollector, s: str) -> None:
    """“三公”经费预算数 and its parts (with their shares of it)."""
    names = "|".join(sorted(map(re.escape, _THREE), key=len, reverse=True))
    m = re.search(rf"[“\"]三公[”\"]经费预算(?:数)?(?:为)?\s*{V}", s)
    if m:
        fc.money("three_public_total", m.group(1), m.group(2))
        parts = [(_THREE[p.group(1)], p) for p in re.finditer(rf"({names})\s*{V}", s[m.end():])]
        whole = _TOP <= {measure for measure, _ in parts}  # all three listed here: their sum is checked
        for measure, p in parts:
            fc.money(measure, p.group(2), p.group(3), of="three_public_total" if whole and measure in _TOP else "")
        return
    if "三公" in s and "预算支出中" in s:
        for p in re.finditer(rf"({names})(?:预算)?(?:支出)?\s*{V}{_SHARE}", s):
            measure = _THREE[p.group(1)]
            fc.money(measure, p.group(2), p.group(3), of="three_public_total" if measure in _TOP else "")
            if p.group(4):
                fc.number(THREE_PUBLIC[p.group(1)], p.group(4), "%", "share", of="three_public_total")
        return
    m = re.search(rf"^{_OPEN}({names})(?:预算)?(?:支出)?\s*{V}", s)
    if m:
        fc.money(_THREE[m.group(1)], m.group(2), m.group(3))
