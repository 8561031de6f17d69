"""Narrative figures by pattern, as data: each measure of the vocabulary with the phrasings
that name it, and a real sentence a test reads. A figure is taken where a phrasing is
followed — through nothing but a connecting word (预算/决算/数/为/共计 …) — by an amount
with its unit; what the template clauses of `templates` already read from a sentence is
left to them.

Which year a figure is for follows the words just before its name (上年 / another year);
in a 决算, a figure its sentence calls 预算 (预算数为) is the budget, not the actual.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator.ingest.narrative.collector import FactCollector
from generator.model.facts import Fact

Q = "[“”\"‘’']?"  # the quotes around 三公 are printed every way, or not at all


@dataclass(frozen=True)
class Phrasing:
    measure: str
    names: tuple[str, ...]  # regexes, each one way documents name the measure
    example: str  # a real sentence (its document in brackets) whose figure the test expects
    year: int = 2026  # the year its document reports on


PHRASINGS: tuple[Phrasing, ...] = (
    Phrasing("fiscal_total", (r"财政拨款收支总(?:预算|计)", r"财政拨款收入支出总计", r"财政拨款收支预算总(?:计|额)",
                              r"财政拨款(?:收入|支出)总计"),
             "湖州市卫生健康委员会2026年财政拨款收支总预算64618.75万元。 [湖州卫健委 2026 部门预算]"),
    # 收入总计 / 支出总计 alone are left out: texts use them for this year's income or spending too
    # a budget's 收入预算 / 支出预算 standing after its year or a stop is its total (上年结转 included):
    # “2026年度收入预算4704.24万元” (北京重大项目办 2026), not 本年收入预算 nor 一般公共预算收入预算
    Phrasing("total_income_expenditure", (r"收支总(?:预算|计|额)", r"收入支出总计", r"收支预算总(?:计|额)",
                                          r"(?:(?<=年)(?<!本年)(?<!当年)|(?<=年度)|(?<=^)|(?<=[，,。；;：:]))(?:收入|支出)预算(?:总额)?"),
             "北京市重大项目建设指挥部办公室2026年收支总预算4704.24万元。 [北京重大项目办 2026]"),
    # a department's or unit's 收入预算 / 预算支出 is its whole budget, 上年结转 included (the list after it ends with it)
    Phrasing("total_income_expenditure", (r"(?<=部门|单位)(?:收入|支出)预算(?:总额)?", r"(?<=部门|单位)预算(?:收入|支出)"),
             "2026年,泉州市市场监管综合监测与技术保障中心单位收入预算为1468.70万元，比上年减少205.75万元 "
             "[泉州市市场监管综合监测与技术保障中心 2026 单位预算]"),
    Phrasing("income_total", (r"本年收入合计", r"本年收入预算合计"),
             "本年收入合计6441.93万元 [synthetic, national 决算 template]"),
    Phrasing("expenditure_total", (r"本年支出合计", r"本年支出预算合计"),
             "本年支出合计6442.50万元 [synthetic, national 决算 template]"),
    # this year's income or spending of a budget, 上年结转 left out (本年/当年 as against 上年结转)
    Phrasing("income_total", (r"(?:本年|当年)预算收入", r"本年收入预算(?!合计)"),
             "2021年本年预算收入390,140.45万元，与上年相比减少1,106.89万元 [西南大学 2021 部门预算]", 2021),
    Phrasing("expenditure_total", (r"(?:本年|当年)预算支出", r"本年支出预算(?!合计)"),
             "本部门当年预算支出5,093.76万元，其中：一般公共预算拨款5,093.76万元 [西安市行政审批服务局 2025 部门预算]", 2025),
    Phrasing("income_general_budget", (r"一般公共预算(?:财政)?(?:当年)?拨款收入", r"一般公共预算收入"),
             "收入包括：一般公共预算当年拨款收入37018.75万元、政府性基金当年拨款收入27600.00万元 [湖州卫健委 2026]"),
    Phrasing("income_gov_fund", (r"政府性基金(?:预算)?(?:财政)?(?:当年)?拨款收入", r"政府性基金预算收入"),
             "收入包括：一般公共预算当年拨款收入37018.75万元、政府性基金当年拨款收入27600.00万元 [湖州卫健委 2026]"),
    Phrasing("general_budget_basic", (r"一般公共预算(?:财政)?(?:拨款)?基本支出",),
             "一般公共预算财政拨款基本支出1540.37万元 [synthetic, national 决算 template]"),
    Phrasing("general_budget_project", (r"一般公共预算(?:财政)?(?:拨款)?项目支出",),
             "一般公共预算拨款项目支出2000.00万元 [synthetic]"),
    Phrasing("general_budget_expenditure", (r"一般公共(?:预算)?(?:财政)?(?:当年)?拨款支出", r"一般公共(?:预算|财政)支出"),
             "2022年本部门一般公共财政拨款支出1899.9万元 [西安市气象局 2022 部门综合预算]", 2022),
    Phrasing("gov_fund_expenditure", (r"政府性基金(?:预算)?(?:财政)?(?:当年)?拨款支出", r"政府性基金预算支出"),
             "政府性基金预算拨款支出12600.00万元 [synthetic]"),
    Phrasing("state_capital_expenditure", (r"国有资本经营预算(?:财政)?(?:拨款)?支出",),
             "2021年国有资本经营预算财政拨款支出0万元。 [攀枝花市西区委组织部 2021 决算]", 2021),
    Phrasing("fiscal_basic", (r"财政拨款基本支出",), "财政拨款基本支出1130.07万元 [synthetic]"),
    Phrasing("fiscal_expenditure", (r"财政拨款支出",),
             "支出预算19,302万元，其中：财政拨款支出预算19,302万元，比2025年预算增加4,476万元。 [上海医保中心 2026]"),
    Phrasing("income_fiscal", (r"财政拨款收入",),
             "收入预算19,302万元，其中：财政拨款收入19,302万元，比2025年预算增加4,476万元 [上海医保中心 2026]"),
    Phrasing("expenditure_basic", (r"基本支出",),
             "基本支出183.93万元，占本年支出的9.68% [synthetic]"),
    Phrasing("expenditure_project", (r"项目支出",),
             "支出预算合计1899.9万元，基本支出183.93万元，项目支出1715.97万元 [synthetic]"),
    Phrasing("personnel_costs", (r"人员经费",), "人员经费1732.62万元 [synthetic]"),
    Phrasing("public_costs", (r"(?:日常)?公用经费",), "公用经费106.69万元 [synthetic]"),
    Phrasing("three_public_total", (rf"{Q}三公{Q}经费(?:财政拨款)?", ),
             "2026年“三公”经费预算873.20万元 [杭州市交通运输局 2026]"),
    Phrasing("three_public_abroad", (r"因公出国[（(]境[）)](?:经)?费(?:用)?",), "因公出国（境）费0万元 [synthetic]"),
    Phrasing("three_public_vehicles", (r"公务用车购置[及和]运行(?:维护)?费",), "公务用车购置及运行维护费11.29万元 [synthetic]"),
    Phrasing("three_public_vehicle_purchase", (r"(?<![及和])公务用车购置费",), "公务用车购置费0万元 [synthetic]"),
    Phrasing("three_public_vehicle_operation", (r"公务用车运行(?:维护)?费",), "公务用车运行维护费11.29万元 [synthetic]"),
    Phrasing("three_public_reception", (r"公务接待费",), "公务接待费1.84万元 [synthetic]"),
    Phrasing("operating_costs", (r"机关运行经费",), "2026年市重大项目办机关运行经费财政拨款预算321.34万元。 [北京重大项目办 2026]"),
    # '纳入2026年部门预算的政府采购项目共有2,469.28万元' (深圳民政 2026), '政府采购安排7.35万元' (珠海 2026)
    Phrasing("procurement_total", (r"政府采购(?:支出)?(?:预算)?(?:总额|总金额|金额)", r"政府采购预算",
                                   r"政府采购(?:项目)?(?=共有|安排)"),
             "2026年本部门政府采购安排7.35万元，其中：货物类采购预算1.95万元 [珠海市政府投资交通市政项目工务中心 2026]"),
    Phrasing("meeting_costs", (r"会议费",), "会议费预算20.00万元 [synthetic]"),
    Phrasing("training_costs", (r"培训费",), "本部门当年一般公共预算培训费预算支出20.00万元 [西安市行政审批服务局 2025]"),
)

# words that may stand between a measure's name and its figure (a year among them says whose)
_JOIN = (r"(?:\d{4}\s*年度?)?(?:支出)?(?:财政拨款(?=预算|决算|安排))?(?:(?:年初)?(?:预算|决算|安排|拨款))?(?:数|总额|金额)?(?:支出)?"
         r"(?:决算|预算)?(?:数)?(?:为|是|共计|合计|共有|达|安排)?[:：]?\s*")
# a name glued to the end of another money noun is a part of that noun ('经费财政拨款支出')
_GLUED = re.compile(r"[费款出入金额]$")
# the items listed under 人员经费/公用经费 are economic classes, not the measures of the same name
_ECONOMIC_LIST = re.compile(r"(?:人员|公用)经费[^。；;]*?包括[^。；;]*$")  # a list still open where the name stands
_AMOUNT = r"(-?\d[\d,，]*(?:\.\d+)?)\s*(万元|亿元|元)"
_NAMES = sorted(((name, phrasing.measure) for phrasing in PHRASINGS for name in phrasing.names), key=lambda entry: -len(entry[0]))
_ANY = re.compile("|".join(f"(?P<m{index}>{name}){_JOIN}{_AMOUNT}" for index, (name, _) in enumerate(_NAMES)))
# after a fund's total in the same sentence, its 其中 parts are that fund's
SCOPED = {
    "general_budget_expenditure": {"expenditure_basic": "general_budget_basic",
                                   "expenditure_project": "general_budget_project"},
    "fiscal_expenditure": {"expenditure_basic": "fiscal_basic", "expenditure_project": "fiscal_project"},
    "fiscal_total": {"expenditure_basic": "fiscal_basic", "expenditure_project": "fiscal_project"},
    "gov_fund_expenditure": {"expenditure_basic": "", "expenditure_project": ""},
}
_YEAR_BEFORE = re.compile(r"(\d{4})\s*年度?[^，,。；;\d]{0,12}$")
# a heading that is only a measure's name: '（二）公务接待费。', '2.公务接待费。', '（一）机关运行经费。'
_HEADING_ITEM = re.compile(r"[（(]?[一二三四五六七八九十\d]{1,2}[)）、.．]\s*(?P<name>[^。，,；;：:\d]{2,24}?)[。.]?")
_NAMED = re.compile("|".join(f"(?:{name})" for name, _ in _NAMES))


def _inside_longer(sentence: str, start: int, end: int, index: int) -> bool:
    """Whether the name found at start:end is the tail of a longer registered name
    ('财政拨款收入' inside '一般公共预算财政拨款收入')."""
    window = sentence[max(0, start - 12):end]
    return any(other != index and re.search(f"(?:{name})$", window) and
               re.search(f"(?:{name})$", window).start() < start - max(0, start - 12)
               for other, (name, _) in enumerate(_NAMES))


def _year(before: str, year: int) -> int | None:
    """The year a figure is for: 上年 → year − 1, a printed year, else the report's (None: a
    year the document does not report, e.g. a plan)."""
    if re.search(r"上年[^，,。；;]{0,10}$|上一年[^，,。；;]{0,10}$", before):
        return year - 1
    match = _YEAR_BEFORE.search(before)
    if match:
        printed = int(match.group(1))
        return printed if printed in (year, year - 1) else None
    return year


def pattern_facts(sentences: list[tuple[int, str, str]], year: int, kind: str, known: list[Fact]) -> list[Fact]:
    """Facts of the registry's phrasings in (line, section, sentence) triples, except where the
    template clauses already took the same measure from the same sentence."""
    taken = {(fact.line, fact.measure) for fact in known}
    collector = FactCollector(year)
    for line, section, sentence in sentences:
        collector.line, collector.section, collector.sentence = line, section, sentence
        scope: dict[str, str] = {}
        for match in _ANY.finditer(sentence):
            index = next(int(group[1:]) for group, value in match.groupdict().items() if value is not None and group.startswith("m"))
            if _inside_longer(sentence, match.start(), match.end(f"m{index}"), index):
                continue
            measure = scope.get(_NAMES[index][1], _NAMES[index][1])
            scope = SCOPED.get(measure, scope)
            before = sentence[:match.start()]
            if not measure or (line, measure) in taken or re.search(r"(?:增加|减少|增长|下降|比|较|与|占)$", before) \
                    or (_GLUED.search(before) and match.group(f"m{index}")[0] not in "“\"'‘") \
                    or _ECONOMIC_LIST.search(before) \
                    or re.match(r"\s*(?:的|中|占|比)", sentence[match.end():]):
                continue
            joined = re.match(r"\d{4}(?=\s*年)", sentence[match.end(f"m{index}"):])  # '公务用车购置费2026年预算数0.00万元'
            figure_year = _year(before, year) if joined is None else _year(f"{joined.group()}年", year)
            if figure_year is None:
                continue
            stated_kind = "budget" if kind == "final" and "预算" in sentence[match.end(f"m{index}"):match.start(match.lastindex - 1)] \
                else "amount"
            collector.money(measure, match.group(match.lastindex - 1).replace("，", ","), match.group(match.lastindex), kind=stated_kind,
                     year=figure_year)
    _heading_figures(sentences, year, kind, taken | {(fact.line, fact.measure) for fact in collector.facts}, collector)
    return collector.facts


def _heading_figures(sentences: list[tuple[int, str, str]], year: int, kind: str, taken: set, collector: FactCollector) -> None:
    """A heading that is only a measure's name, and its figure in the sentence after it — the
    first amount, standing before any other name and any change:
    '（二）公务接待费。2026年预算数0.00万元。' (北京重大项目办 2026), '（一）机关运行经费。
    2026年一般公共预算财政拨款运行经费5,590.43万元，比2025年减少919.7万元' (重庆规划和自然资源局 2026)."""
    for (_, section, head), (line, next_section, sentence) in zip(sentences, sentences[1:]):
        item = _HEADING_ITEM.fullmatch(head)
        if not item or next_section != section:
            continue
        measure = next((match for name, match in _NAMES if re.fullmatch(name, item["name"])), None)
        amount = re.search(_AMOUNT, sentence)
        if measure is None or (line, measure) in taken or amount is None:
            continue
        before = sentence[:amount.start()]
        figure_year = _year(before, year)
        if _NAMED.search(before) or re.search(r"比|较|增|减|占", before) or figure_year is None:
            continue
        collector.line, collector.section, collector.sentence = line, section, f"{head}{sentence}"
        collector.money(measure, amount.group(1).replace("，", ","), amount.group(2),
                 kind="budget" if kind == "final" and "预算" in before else "amount", year=figure_year)
