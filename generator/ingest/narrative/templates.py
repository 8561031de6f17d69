"""The template sentences of the national 决算 explanation and of the budget (部门预算)
explanations, as data: each `Clause` holds the regexes that find a figure, the measure it
states, the words that must (not) stand around it, and the clauses read after it (its parts,
its share, its change on the year before). A test reads every clause's example sentence.

Named groups a pattern may hold: `num`/`unit` (the figure), `bnum`/`bunit` (a budget figure
printed before it), `name` (which measure, by the clause's table of names), `item`, `year`
(a figure of that year), `share` (占 %), `rate` (完成预算 %), the `CHANGE` groups (增加/减少
and its rate), and counted things (`counts`). Lists whose items need judgement (codes, a list
cut short by 等) have a reader function.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Mapping

from generator.ingest.narrative.collector import CHANGE, NUM, FactCollector, V
from generator.model.facts import Fact
from generator.model.tables import INCOME_PARTS


@dataclass(frozen=True)
class Clause:
    """One template sentence, or the part of one read after its parent's figure."""
    measure: str | Mapping[str, str]  # the measure ('' = the parent's), or one per `name` the pattern reads
    patterns: tuple[str, ...]  # tried in turn: the first that matches is read (each of its matches with `every`)
    example: str = ""  # a real sentence [its document], read by a test
    docs: tuple[str, ...] = ()  # the kinds of document it is read in; every kind when empty
    every: bool = False
    within: str = ""  # the sentence must contain this
    unless: str = ""  # the sentence must not contain this
    unless_before: str = ""  # nothing is read where the text before the match contains this
    figure_unless_before: str = ""  # the figure is not read there (its parts still are)
    of: str = ""  # the total the figure is a part of
    share_of: str = ""  # the total the `share` percentage is of
    counts: tuple[tuple[str, str, str], ...] = ()  # (group, measure, unit) of things counted
    then: tuple[Clause, ...] = ()  # read where this clause matched, after its figure
    whole: bool = False  # (a clause of `then`) searched in the whole sentence
    own_unit: bool = False  # (a clause of `then`) a figure printed without unit is not in its parent's unit
    read: Callable[[FactCollector, re.Match, str, str | None], None] | None = None  # reads items that need judgement

    def facts(self, sentence: str, year: int) -> list[Fact]:
        """What this clause alone reads in one sentence."""
        collector = FactCollector(year)
        collector.sentence = sentence
        _read(collector, self, sentence)
        return collector.facts

    def measures(self) -> set[str]:
        """The measures its figures may state."""
        named = {self.measure} if isinstance(self.measure, str) else set(self.measure.values())
        return (named | {measure for _, measure, _ in self.counts}) - {""}


def names(table: Mapping[str, str]) -> str:
    """The alternation of a table's names, longest first."""
    return "|".join(sorted(map(re.escape, table), key=len, reverse=True))


def near(pattern: str, chars: int = 60) -> str:
    """`pattern` starting within `chars` characters."""
    return rf"^[\s\S]{{0,{chars - 1}}}?(?:{pattern})"


def both(first: str, second: str) -> str:
    """A sentence holding `first` and `second`, in either order."""
    return rf"(?:{first})[\s\S]*(?:{second})|(?:{second})[\s\S]*(?:{first})"


SHARE = r"(?:[，,]\s*占[^0-9%]{0,12}?(?P<share>\d+(?:\.\d+)?)%)?"  # '，占本年支出合计的42.5%'
BUDGET_SHARE = r"(?:[，,]\s*占[^0-9%，,]{0,12}?(?P<share>\d+(?:\.\d+)?)\s*%)?"
OPEN = r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|\d+\s*[．.、])?\s*(?:此外[，,])?\s*"  # an item's number
PRIOR = r"(?:与上年(?:度)?相比|比上年(?:预算)?)[，,]?\s*(?:[^，,。；;]{0,16}?)"
RATE = r"(?:[，,]\s*完成预算(?:的)?\s*(?P<rate>\d+(?:\.\d+)?)%)?"

EXPENDITURE_PARTS = {
    "基本支出": "expenditure_basic", "项目支出": "expenditure_project",
    "上缴上级支出": "expenditure_to_superior", "经营支出": "expenditure_operating",
    "对附属单位补助支出": "expenditure_to_subsidiary",
}
THREE_PUBLIC = {
    "因公出国（境）费": "three_public_abroad", "因公出国(境)费": "three_public_abroad",
    "因公出国（境）经费": "three_public_abroad",
    "公务用车购置及运行维护费": "three_public_vehicles", "公务用车购置及运行费": "three_public_vehicles",
    "公务用车购置": "three_public_vehicle_purchase", "公务用车运行维护费": "three_public_vehicle_operation",
    "公务接待费": "three_public_reception",
}
PROCUREMENT = {"政府采购货物支出": "procurement_goods", "政府采购工程支出": "procurement_works",
               "政府采购服务支出": "procurement_services"}
ECONOMIC_CLASSES = ("工资福利支出", "商品和服务支出", "对个人和家庭的补助支出", "资本性支出")
ITEMS_OF = {"personnel_costs": "personnel_item", "public_costs": "public_item"}  # the economic items listed
BUDGET_PURPOSE = {"基本支出": "expenditure_basic", "项目支出": "expenditure_project",
                  "单位预留机动经费": "expenditure_reserve"}
BUDGET_INCOME = {"财政拨款收入": "income_fiscal", "一般公共预算收入": "income_general_budget",
                 "政府性基金预算收入": "income_gov_fund", "财政专户管理资金": "income_special_account",
                 "其他资金": "income_other_funds", "事业收入": "income_business", "事业单位经营收入": "income_operating",
                 "其他收入": "income_other", "上年结转资金": "carry_over_start"}
BUDGET_THREE = {**THREE_PUBLIC, "公务用车购置费": "three_public_vehicle_purchase",
                "公务用车运行费": "three_public_vehicle_operation"}
THREE_PARTS = {"three_public_abroad", "three_public_vehicles", "three_public_reception"}  # the parts of “三公”
_PLAIN_V = rf"({NUM})\s*(万元|亿元|元)?"


def _function_code(text: str) -> str:
    """'（类）201（款）32（项）01' → '2013201'; '一般公共服务（201）' → '201'."""
    match = re.search(r"（类）\s*(\d{3})\s*(?:（款）\s*(\d{2}))?\s*(?:[（(]项[）)]\s*(\d{2}))?", text)
    if match:
        return "".join(group for group in match.groups() if group)
    match = re.search(r"[（(](\d{3}(?:\d{2}){0,2})[）)]", text)
    return match.group(1) if match else ""


def _item_row(collector: FactCollector, match: re.Match, measure: str, unit: str | None) -> None:
    """A 项 of the 一般公共预算 expenditure (its 年初预算 where printed), its completion rate and the
    comparison word beside it."""
    label = match["label"]
    code = _function_code(label)
    named_before = re.search(r"（类）\s*[\d*]", label) or "（款）" not in label
    item = re.split(r"[（(]", label if named_before else label.split("（款）")[-1])[0]
    item = re.sub(r"^[\d．.、\s]+", "", item)
    if match["bnum"]:
        collector.money(measure, match["bnum"], match["bunit"], kind="budget", code=code, item=item)
    collector.money(measure, match["num"], match["unit"], code=code, item=item)
    collector.number(measure, match["rate"], "%", "budget_rate", code=code, item=item, relation=(match["relation"] or "").strip())


def _function_item(collector: FactCollector, match: re.Match, measure: str, unit: str | None) -> None:
    """A 类 the expenditure was mainly used for: '一般公共服务（类）支出478.62万元，占71.2%'."""
    item, code = match["label"].removeprefix("方面").lstrip(":："), match["code"] if match["code"] != "类" else ""
    collector.money(measure, match["num"], match["unit"] or unit, code=code, item=item, of=measure)
    if match["share"]:
        collector.number(measure, match["share"], "%", "share", code=code, item=item, of=measure)


def _economic_items(collector: FactCollector, match: re.Match, measure: str, unit: str | None) -> None:
    """人员经费/公用经费 and the economic items its list names; the items add up to it unless the
    list ends in 等."""
    collector.money(measure, match["num"], match["unit"])
    items = re.split(r"[；;]", match["list"])[0]  # the list ends with its clause ('…；公用经费…')
    complete = not re.search(r"等[。．.]?\s*$|等[；;]", items)
    for item_match in re.finditer(rf"([\u4e00-\u9fa5（）()]{{2,24}}?)\s*{_PLAIN_V}", items):
        collector.money(ITEMS_OF[measure], item_match.group(2), item_match.group(3) or match["unit"], item=item_match.group(1).lstrip("、，,"),
                 of=measure if complete else "")


def _three_public_list(collector: FactCollector, match: re.Match, measure: str, unit: str | None) -> None:
    """The “三公” budget and the parts listed after it; they add up to it when all three are listed."""
    collector.money(measure, match["num"], match["unit"])
    listed = re.finditer(rf"({names(BUDGET_THREE)})\s*{_PLAIN_V}", match["rest"])
    parts = [(BUDGET_THREE[printed.group(1)], printed) for printed in listed]
    whole = THREE_PARTS <= {part for part, _ in parts}
    for part, printed in parts:
        collector.money(part, printed.group(2), printed.group(3), of="three_public_total" if whole and part in THREE_PARTS else "")


def _three_public_part(collector: FactCollector, match: re.Match, measure: str, unit: str | None) -> None:
    """A part of the “三公” budget named in a sentence about it, and its share."""
    collector.money(measure, match["num"], match["unit"], of="three_public_total" if measure in THREE_PARTS else "")
    if match["share"]:
        collector.number(measure, match["share"], "%", "share", of="three_public_total")


def _parts(table: Mapping[str, str], of: str, tail: str = r"(?:支出)?(?:决算)?(?:为)?\s*", share: str = SHARE,
           **options) -> Clause:
    """The named parts listed after a total: '其中：基本支出 V，占P%；项目支出 V…'."""
    return Clause(table, (rf"(?P<name>{names(table)}){tail}{V}{share}",), every=True, of=of,
                  share_of=of if share else "", **options)


def _changed(lead: str, **options) -> Clause:
    """The change on the year before printed after the parent's figure."""
    return Clause("", (lead + CHANGE,), **options)


_NEAR_CHANGE = Clause("", (near(PRIOR + CHANGE),))  # a budget's '与上年相比增加 C 万元' right after its figure
_THREE_BUDGET = r"[“\"]三公[”\"]经费预算(?:数)?(?:为)?\s*"
_IN_THREE_BUDGET = both("三公", "预算支出中")

NATIONAL: tuple[Clause, ...] = (
    Clause({"财政拨款": "fiscal_total", "": "total_income_expenditure"},
           (rf"(?P<name>财政拨款)?收入?、?支出?(?:决算)?总计(?:均为|为)?\s*{V}",), every=True,
           example="2021年度收、支总计516.82万元。与2020年相比，收、支总计各减少97.74万元，下降16%。 [攀枝花市西区委组织部 2021 决算]",
           then=(_changed(r"(?:收入?、?支出?(?:决算)?总计(?:各)?|^[。，,]?\s*(?:与|比|较)(?:上年|\d{4}\s*年)度?(?:相比)?[，,]?\s*)"),)),
    # 收入总计 alone may be this year's income (a university's 决算), but printed equal to 支出总计 it is 收支总计
    Clause({"财政拨款": "fiscal_total", "": "total_income_expenditure"},
           (rf"(?P<name>财政拨款)?收入(?:决算)?总计(?:为)?\s*{V}[，,、；;]\s*支出(?:决算)?总计(?:为)?\s*(?P=num)\s*(?P=unit)",),
           unless=r"收入?、?支出?(?:决算)?总计(?:均为|为)?\s*\d",
           example="2023年度收入总计1,234.56万元，支出总计1,234.56万元。 [synthetic, the 决算 total as many local departments word it]",
           then=(_changed(r"收入?、?支出?(?:决算)?总计(?:各)?"),)),
    Clause("income_total", (rf"本年收入合计\s*{V}", rf"(?:收入合计|收入经费)\s*{V}"), within="本年收入",
           example="2021年本年收入合计508.65万元，其中：一般公共预算财政拨款收入436.91万元，占86%；政府性基金预算财政拨款收入71.73万元，"
                   "占14%；其他收入0.01万元，占0%。 [攀枝花市西区委组织部 2021 决算]",
           then=(_parts(INCOME_PARTS, "income_total"),)),
    Clause("expenditure_total", (rf"(?:本年支出合计|整体支出)\s*{V}",), unless="占本年支出合计",
           example="2021年本年支出合计516.82万元，其中：基本支出289.53万元，占56%；项目支出227.29万元，占44%。 [攀枝花市西区委组织部 2021 决算]",
           then=(_parts(EXPENDITURE_PARTS, "expenditure_total"),)),
    # '2019年度支出合计8,000.45万元。其中：…' (no 本年): this year's spending, not a fund's (财政拨款支出合计)
    Clause("expenditure_total", (rf"(?:^|年度?|[，,])\s*(?:本部门|本单位)?支出合计(?:为)?\s*{V}",), unless="本年支出合计",
           example="2019年度支出合计8,000.45万元。其中：基本支出6,000.45万元，占75%；项目支出2,000万元，占25%。 "
                   "[synthetic, the 决算 wording without 本年]",
           then=(_parts(EXPENDITURE_PARTS, "expenditure_total"),)),
    # this year's income or spending, without 合计, and the carry-over beside it: '2024年本年收入1,400万元，上年结转100万元。'
    # (a budget), '2023年度收入决算1,234.56万元' (a 决算: its 收入决算表's total) — opening the sentence or after its year,
    # not in a list ('专项资金共计161.46万元，其中：上年结余50.77万元，本年收入110.68万元': 君山区委组织部 2020)
    *(Clause(measure, (rf"(?:^|\d年度?)\s*(?:本部门|本单位)?(?:本年{side}(?:预算|决算)?|{side}决算(?:数)?)(?:为|合计为?)?\s*{V}",),
             unless=f"本年{side}合计", example=example,
             then=(Clause("carry_over_start", (rf"^[，,、；;]\s*(?:上年结转|年初结转)(?:和结余)?(?:资金)?(?:为)?\s*{V}",)),))
      for side, measure, example in (
          ("收入", "income_total", "2024年本年收入1,400万元，上年结转100万元。 [synthetic, the national budget template]"),
          ("支出", "expenditure_total", "2023年度支出决算1,180.00万元。 [synthetic, a 决算 without 本年支出合计]"))),
    Clause("general_budget_expenditure", (rf"一般公共预算财政拨款支出(?:决算)?(?:为)?\s*{V}",),
           unless_before="基本支出", figure_unless_before=r"与\s*\d{4}\s*年$",
           example="2020年一般公共预算财政拨款支出1186.22万元，占本年支出合计的97.56%。与2019年一般公共预算财政拨款支出1403.83相比，"
                   "减少217.61万元，下降15.50%。 [峨眉山市委组织部 2020 决算]",
           then=(Clause("", (r"占本年支出合计的\s*(?P<share>\d+(?:\.\d+)?)%",), whole=True, share_of="expenditure_total"),
                 Clause("", (rf"与\s*(?P<year>\d{{4}})\s*年一般公共预算财政拨款支出\s*{V}\s*相比",), whole=True),
                 _changed(r"相比[，,]?\s*(?:一般公共预算财政拨款支出)?", whole=True),
                 Clause("", (rf"(?P<label>[\u4e00-\u9fa5]{{2,16}}?)(?:支出)?\s*[（(](?P<code>类|\d{{3}})[）)]\s*(?:支出)?\s*"
                             rf"{V}(?:[，,]\s*占\s*(?P<share>\d+(?:\.\d+)?)%)?",),
                        within="主要用于", whole=True, every=True, read=_function_item))),
    Clause("general_budget_expenditure",
           (rf"一般公共预算(?:财政拨款)?支出决算数为\s*{V}[，,]\s*完成(?:一般公共)?预算(?:的)?\s*(?P<rate>\d+(?:\.\d+)?)%",),
           example="2021年一般公共预算支出决算数为444.76万元，完成预算102%。 [攀枝花市西区委组织部 2021 决算]"),
    Clause({"一般公共预算财政拨款": "general_budget_expenditure", "财政拨款": "fiscal_expenditure"},
           (rf"(?<![费”\"])(?P<name>一般公共预算财政拨款|财政拨款)支出(?:年初)?预算(?:数)?为\s*(?P<bnum>{NUM})\s*(?P<bunit>万元|亿元|元)?"
            rf"[，,]\s*(?:支出)?决算(?:数)?为\s*{V}(?:[，,]\s*完成(?:年初)?预算(?:的)?\s*(?P<rate>\d+(?:\.\d+)?)%)?",),
           example="一般公共预算财政拨款支出年初预算为1,120.50万元，支出决算为1,186.22万元，完成年初预算的105.87%。 "
                   "[synthetic, the central departments' 决算 wording]"),
    Clause("general_budget_expenditure",
           (rf"(?P<label>[\u4e00-\u9fa5][\u4e00-\u9fa5（）()\d*\s]{{1,60}}?[（(]项[）)]\s*[\d*]*)\s*[:：;；。.]\s*"
            rf"(?:年初预算(?:数)?为\s*(?P<bnum>{NUM})\s*(?P<bunit>万元|亿元|元)?[，,]\s*)?支出决算(?:数)?为\s*{V}"
            r"[，,]\s*完成(?:年初)?预算(?:的)?\s*(?P<rate>\d+(?:\.\d+)?)%"
            r"(?:[，,；;。]\s*决算数(?P<relation>[^，。,；;的]{0,8}?)(?:年初)?预算数)?",),
           every=True, read=_item_row,
           example="行政运行（类）201（款）32（项）01：支出决算为478.62万元，完成预算100%，决算数等于预算数。 [峨眉山市委组织部 2020 决算]"),
    Clause("general_budget_basic", (rf"一般公共预算财政拨款基本支出\s*{V}",),
           example="2021年一般公共预算财政拨款基本支出289.20万元，其中： [攀枝花市西区委组织部 2021 决算]"),
    Clause("personnel_costs", (rf"(?:日常)?人员经费(?:支出)?\s*{V}[，,]?\s*(?:主要包括|其中)[:：]?(?P<list>.*)",),
           read=_economic_items, example="人员经费262.96万元，主要包括：基本工资、津贴补贴、奖金、绩效工资、机关事业单位基本养老保险缴费、职业年金缴费、"
                   "其他社会保障缴费、其他工资福利支出、退休费、抚恤金、生活补助、医疗费补助、奖励金、住房公积金、其他对个人和家庭的补助支出等。 [攀枝花市西区委组织部 2021 决算]"),
    Clause("public_costs", (rf"(?:日常)?公用经费(?:支出)?\s*{V}[，,]?\s*(?:主要包括|其中)[:：]?(?P<list>.*)",),
           read=_economic_items, example="（二）公用经费976.21万元，主要包括公用综合定额经费、水电费、物业管理费、工会经费和职工福利费等公用经费。 [深圳市民政局 2026 预算]"),
    Clause("expenditure_basic", (rf"基本支出\s*{V}[，,]\s*其中[:：]?\s*(?=工资福利)",),
           example="2020年基本支出555.6万元，其中工资福利支出237.37万元，占基本支出的42.72%；商品和服务支出320.13万元，占基本支出的28.84%。 [君山区委组织部 2020 绩效自评]",
           then=(Clause("basic_by_economic",
                        (rf"(?P<item>{'|'.join(ECONOMIC_CLASSES)})\s*{V}(?:[，,]\s*占基本支出的\s*(?P<share>\d+(?:\.\d+)?)%)?",),
                        whole=True, every=True, of="expenditure_basic", share_of="expenditure_basic"),)),
    Clause("three_public_total", (rf"[“\"]三公[”\"]经费(?:财政拨款)?支出(?:决算)?(?:为)?\s*{V}{RATE}",), unless="预算为",
           example="2021年“三公”经费财政拨款支出决算为0.19万元，完成预算100%，决算数与预算数持平。 [攀枝花市西区委组织部 2021 决算]"),
    Clause("three_public_total", (rf"[“\"]三公[”\"]?经费(?:财政拨款)?(?:支出)?(?:年初)?预算(?:数)?为\s*(?P<bnum>{NUM})\s*(?P<bunit>万元|亿元|元)?"
                                  rf"[，,]\s*(?:支出)?决算(?:数)?为\s*{V}{RATE}",),
           example="2020年度一般公共预算财政拨款“三公”经费支出预算为44.31万元，支出决算为11.30万元，支出决算数比2019年减少11.39万元，"
                   "下降-50.20%。 [玉溪市委组织部 2020 决算]",
           then=(_changed(r"比\s*\d{4}\s*年", whole=True),)),
    Clause(THREE_PUBLIC, (rf"(?P<name>{names(THREE_PUBLIC)})(?:支出)?(?:决算)?(?:为)?\s*{V}{SHARE}",),
           within=both("三公", "决算中"), every=True, of="three_public_total", share_of="three_public_total",
           example="2020年“三公”经费财政拨款支出决算中，公务用车购置及运行维护费支出决算11.28万元，占85.91%；公务接待费支出决算1.85万元，"
                   "占14.09%。 [峨眉山市委组织部 2020 决算]"),
    Clause(THREE_PUBLIC, (rf"^\s*(?:\d+[．.、]|[（(]\d+[)）]|其中[:：])?\s*(?P<name>{names(THREE_PUBLIC)})(?:支出)?(?:决算)?(?:为)?\s*{V}{RATE}",),
           unless=both("三公", "决算中"), example="1.因公出国（境）经费支出0万元，完成预算0%。 [攀枝花市西区委组织部 2021 决算]"),
    Clause(THREE_PUBLIC, (rf"^\s*(?P<name>{names(THREE_PUBLIC)})支出决算比\s*\d{{4}}\s*年{CHANGE}",),
           unless=both("三公", "决算中"), example="公务接待费支出决算比2020年减少0.02万元，下降10%。 [攀枝花市西区委组织部 2021 决算]"),
    Clause("", (r"国内公务接待\s*(?P<batches>\d+)\s*批次[，,、]\s*(?P<persons>\d+)\s*人次",),
           counts=(("batches", "three_public_reception_batches", "批次"),
                   ("persons", "three_public_reception_persons", "人次")),
           example="国内公务接待9批次，88人次，共计支出0.19万元。 [攀枝花市西区委组织部 2021 决算]"),
    Clause("", (r"(?:单位)?共有(?:公务用车|车辆)\s*(?P<vehicles>\d+)\s*辆",), counts=(("vehicles", "vehicles_count", "辆"),),
           example="截至2021年12月底，单位共有公务用车0辆，其中：轿车0辆、越野车0辆、载客汽车0辆。 [攀枝花市西区委组织部 2021 决算]"),
    Clause("gov_fund_expenditure", (rf"政府性基金预算(?:财政)?拨款支出(?:决算)?(?:为)?\s*{V}",),
           unless_before=r"收入[\s\S]{0,4}$", example="2021年政府性基金预算财政拨款支出71.73万元。 [攀枝花市西区委组织部 2021 决算]"),
    Clause("state_capital_expenditure", (rf"国有资本经营预算(?:财政)?拨款支出(?:决算)?(?:为)?\s*{V}",),
           unless_before=r"收入[\s\S]{0,4}$", example="2021年国有资本经营预算财政拨款支出0万元。 [攀枝花市西区委组织部 2021 决算]"),
    Clause("operating_costs", (rf"机关运行经费支出\s*{V}",),
           example="2020年，组织部机关运行经费支出63.08万元，比2019年减少23.74万元，下降27.34%。 [峨眉山市委组织部 2020 决算]",
           then=(_changed(r"比\s*\d{4}\s*年"),)),
    Clause("procurement_total", (rf"政府采购支出总额\s*{V}",),
           example="2021年，中国共产党攀枝花市西区委员会组织部政府采购支出总额2.50万元，"
                   "其中：政府采购货物支出2.50万元、政府采购工程支出0万元、政府采购服务支出0万元。 [攀枝花市西区委组织部 2021 决算]",
           then=(_parts(PROCUREMENT, "procurement_total", share=r"(?:[，,]\s*占[^0-9%]{0,12}?\d+(?:\.\d+)?%)?"),
                 Clause("procurement_sme", (rf"授予中小企业合同金额\s*{V}",), whole=True, own_unit=True))),
    Clause("income_total", (rf"收入合计\s*{V}",), unless="本年收入合计",
           example="市委组织部2020年收入合计6441.93万元。其中：基本支出财政拨款收入1540.37万元；项目支出收入4901.56元。 [玉溪市委组织部 2020 决算]",
           then=(Clause("basic_income", (rf"基本支出(?:财政拨款)?收入\s*{V}",), within=rf"项目支出收入\s*{NUM}",
                        whole=True, own_unit=True, of="income_total"),
                 Clause("project_income", (rf"项目支出收入\s*{V}",), within=rf"基本支出(?:财政拨款)?收入\s*{NUM}",
                        whole=True, own_unit=True, of="income_total"))),
    Clause("", (r"(?P<item>(?:行政工勤|行政|参公管理|参公|事业)?编制)\s*(?P<authorised>\d+)\s*[名人][，,]\s*实有\s*(?P<actual>\d+)\s*人",),
           every=True, counts=(("authorised", "staff_authorised", "人"), ("actual", "staff_actual", "人")),
           example="截至2021年12月，区委组织部有行政编制11名，实有7人；参公管理编制8名，实有7人。 [攀枝花市西区委组织部 2021 决算]"),
)

BUDGET_PROCUREMENT = {"货物": "procurement_goods", "工程": "procurement_works", "服务": "procurement_services"}
_NOT_FISCAL = {name: measure for name, measure in BUDGET_INCOME.items() if name != "财政拨款收入"}


def _budget(measure: str | Mapping[str, str], patterns: tuple[str, ...], **options) -> Clause:
    return Clause(measure, patterns, docs=("budget",), **options)


BUDGET: tuple[Clause, ...] = (
    _budget("total_income_expenditure", (rf"收入?、?支出?预算总计(?:各)?\s*(?:均为|为)?\s*{V}", rf"{OPEN}(?:收入|支出)预算总计\s*{V}",
                                         rf"(?:收入|支出)总预算(?:均为|为)?\s*{V}"),
            example="江苏省人大常委会办公厅2017年度收入、支出预算总计13649.07万元，与上年相比收、支预算总计各增加844.15万元，"
                    "增长6.59%。 [江苏省人大常委会办公厅 2017 预算]", then=(_NEAR_CHANGE,)),
    *(_budget("total_income_expenditure", (rf"本年{side}预算合计\s*{V}", rf"\d{{4}}年，\S*?{side}预算\s*{V}", rf"^{side}预算\s*{V}"),
              example=example, then=(_parts(parts, "total_income_expenditure", tail=r"(?:预算)?(?:数)?\s*(?:为)?\s*",
                                            share=BUDGET_SHARE, own_unit=True),))
      for side, parts, example in (
          ("收入", BUDGET_INCOME, "2025年，上海市普陀区人民政府办公室收入预算9,101.68万元，其中：财政拨款收入9,101.68万元，"
                                  "比2024年预算减少2,389.52万元；事业收入0万元；事业单位经营收入0万元；其他收入0万元。 [普陀区人民政府办公室 2025 预算]"),
          ("支出", BUDGET_PURPOSE, "支出预算9,101.68万元，其中：财政拨款支出预算9,101.68万元，比2024年预算减少2,389.52万元。 [普陀区人民政府办公室 2025 预算]"))),
    _budget(BUDGET_PURPOSE, (rf"{OPEN}(?P<name>{names(BUDGET_PURPOSE)}){V}{BUDGET_SHARE}",
                             rf"{OPEN}(?P<name>{names(BUDGET_PURPOSE)})预算(?:数)?(?:为)?\s*{V}{BUDGET_SHARE}"),
            example="此外，基本支出预算数为7666.68万元。与上年相比增加844.15万元，增长12.37%。 [江苏省人大常委会办公厅 2017 预算]",
            share_of="total_income_expenditure", then=(_NEAR_CHANGE,)),
    _budget(_NOT_FISCAL, (rf"{OPEN}(?P<name>{names(_NOT_FISCAL)})\s*{V}[，,]\s*占[^0-9%，,]{{0,12}}?(?P<share>\d+(?:\.\d+)?)\s*%",),
            example="一般公共预算收入 10,070.48 万元，占 99.21%； [江苏省政协办公厅 2018 预算]", share_of="total_income_expenditure"),
    # a 类 of its own sentence; a list of several is the structure of one fund ('城乡社区（类）支出211,000.00万元，占95.2%；
    # 交通运输（类）支出177.92万元…' under 政府性基金预算支出: 杭州交通运输局 2026), not the spending by function
    _budget("expenditure_by_function", (rf"{OPEN}(?P<item>[\u4e00-\u9fa5]{{2,16}}?)[（(]类[）)]\s*支出\s*{V}",),
            unless=r"[（(]类[）)][^；;。]*[；;][\s\S]*[（(]类[）)]",
            example="2.社会保障和就业（类）支出1,509.72万元，主要用于发放离退休人员离退休金等。与上年相比增加140.96万元，增长10.30%。 "
                    "[江苏省政协办公厅 2017 预算]", then=(_NEAR_CHANGE,)),
    _budget("fiscal_expenditure", (rf"{OPEN}(?P<item>[\u4e00-\u9fa5（）()]{{2,40}}?[（(]款[）)][\u4e00-\u9fa5（）()]{{2,40}}?[（(]项[）)])"
                                   rf"\s*(?:支出)?\s*{V}",),
            example="1.人大事务（款）行政运行（项）支出6372.32万元，与上年相比增加1826.38万元，增长40.18%。 [江苏省人大常委会办公厅 2018 预算]",
            then=(_NEAR_CHANGE,)),
    # the national template's 一般公共预算当年拨款 opening its sentence: the total of its 一般公共预算支出表, which
    # may spend a carry-over too (杭州交通运输局 2026: 432,564.30 = 收入 414,883.38 + 结转 17,680.92); its change is
    # on last year's execution, not a printed figure; '…绩效目标管理，涉及一般公共预算当年拨款 N 万元' is a part of it
    _budget("general_budget_expenditure", (rf"一般公共预算当年拨款(?:规模)?(?:预算)?(?:为|是)?\s*{V}",), unless_before=r"[，,；;：:]|涉及",
            example="2024年一般公共预算当年拨款1,400万元，比2023年执行数增加100万元，增长7.69%。 [synthetic, the national budget template]"),
    _budget("fiscal_total", (rf"财政拨款收、?支(?:总)?预算\s*{V}",),
            example="江苏省人大常委会办公厅2017年度财政拨款收、支总预算13649.07万元。与上年相比，财政拨款收、支总计各增加844.15万元，"
                    "增长6.59%。 [江苏省人大常委会办公厅 2017 预算]", then=(_NEAR_CHANGE,)),
    _budget("fiscal_expenditure", (rf"(?<!公共预算)财政拨款(?:预算支出|支出预算)\s*{V}"
                                   r"(?:[，,]\s*占本年支出合计的\s*(?P<share>\d+(?:\.\d+)?)\s*%)?",),
            example="支出预算9,101.68万元，其中：财政拨款支出预算9,101.68万元，比2024年预算减少2,389.52万元。 [普陀区人民政府办公室 2025 预算]",
            share_of="total_income_expenditure", then=(_NEAR_CHANGE,)),
    *(_budget(measure, (rf"{label}\s*{V}",), example=example, then=(_NEAR_CHANGE,))
      for label, measure, example in (
          ("一般公共预算财政拨款基本支出预算", "general_budget_basic",
           "江苏省人大常委会办公厅2019年度一般公共预算财政拨款基本支出预算9312.9万元，其中：（一）人员经费7670.82万元。 [江苏省人大常委会办公厅 2019 预算]"),
          ("(?<!一般公共预算)财政拨款基本支出预算", "fiscal_basic",
           "江苏省人大常委会办公厅2019年度财政拨款基本支出预算9312.9万元，其中：（一）人员经费7670.82万元。 [江苏省人大常委会办公厅 2019 预算]"),
          ("一般公共预算财政拨款支出预算", "general_budget_expenditure",
           "江苏省人大常委会办公厅2017年一般公共预算财政拨款支出预算13649.07万元，与上年相比增加844.15万元，增长6.59%。 [江苏省人大常委会办公厅 2017 预算]"))),
    _budget({"人员经费": "personnel_costs", "公用经费": "public_costs"}, (rf"{OPEN}(?P<name>人员经费|公用经费)\s*{V}",),
            example="（二）公用经费1579.38万元。 [江苏省人大常委会办公厅 2018 预算]"),
    _budget("three_public_total", (rf"{_THREE_BUDGET}{V}(?P<rest>[\s\S]*)",), read=_three_public_list,
            example="2025年“三公”经费预算数为867.50万元，与2024年预算持平。其中：（一）因公出国（境）费839万元，与2024年预算持平。 [普陀区人民政府办公室 2025 预算]"),
    _budget(BUDGET_THREE, (rf"(?P<name>{names(BUDGET_THREE)})(?:预算)?(?:支出)?\s*{V}{BUDGET_SHARE}",), every=True,
            within=_IN_THREE_BUDGET, unless=_THREE_BUDGET + NUM, read=_three_public_part,
            example="江苏省人大常委会办公厅2019年度一般公共预算拨款安排的“三公”经费预算支出中，因公出国（境）费支出199.25万元，"
                    "占“三公”经费的25.96%；公务用车购置及运行费支出183.6万元，占“三公”经费的23.92%；公务接待费支出384.75万元，"
                    "占“三公”经费的50.12%。 [江苏省人大常委会办公厅 2019 预算]"),
    _budget(BUDGET_THREE, (rf"{OPEN}(?P<name>{names(BUDGET_THREE)})(?:预算)?(?:支出)?\s*{V}",),
            unless=rf"{_THREE_BUDGET}{NUM}|{_IN_THREE_BUDGET}",
            example="（二）公务用车购置及运行费0万元，与2024年预算持平。其中：公务用车购置费0万元，与2024年预算持平。 [普陀区人民政府办公室 2025 预算]"),
    _budget("meeting_costs", (rf"安排的会议费预算支出\s*{V}",),
            example="江苏省人大常委会办公厅部门2018年度一般公共预算拨款安排的会议费预算支出1305.25万元，与上年度持平。 [江苏省人大常委会办公厅 2018 预算]"),
    _budget("training_costs", (rf"安排的培训费预算支出\s*{V}",),
            example="江苏省人大常委会办公厅部门2018年度一般公共预算拨款安排的培训费预算支出403.75万元，与上年度持平。 [江苏省人大常委会办公厅 2018 预算]"),
    _budget("operating_costs", (rf"机关运行经费(?:预算支出|预算为|预算)\s*{V}",), then=(_NEAR_CHANGE,),
            example="2025年上海市普陀区人民政府办公室下属1家机关和1家事业单位财政拨款的机关运行经费预算为213.28万元。 [普陀区人民政府办公室 2025 预算]"),
    _budget("procurement_total", (rf"政府采购(?:支出)?预算(?:总额|总金额)?(?:为)?\s*{V}",),
            example="2025年本部门政府采购预算34万元，其中：政府采购货物预算0万元、政府采购工程预算0万元、政府采购服务预算34万元。 [普陀区人民政府办公室 2025 预算]",
            then=(Clause(BUDGET_PROCUREMENT, (rf"(?:拟采购|拟购买|政府采购)(?P<name>货物|工程|服务)(?:支出|预算)?\s*{V}",),
                         every=True, own_unit=True, of="procurement_total"),)),
)
TEMPLATES = NATIONAL + BUDGET


def template_facts(sentences: list[tuple[int, str, str]], year: int, kind: str) -> list[Fact]:
    """Facts of the template sentences in (line, section id, sentence) triples, each once, plus
    the prior-year amounts their changes imply (basis 'derived')."""
    collector = FactCollector(year)
    for line, section, sentence in sentences:
        collector.line, collector.section, collector.sentence = line, section, sentence
        for clause in TEMPLATES:
            if not clause.docs or kind in clause.docs:
                _read(collector, clause, sentence)
    stated = list(dict.fromkeys(collector.facts))  # a figure two clauses read is stated once
    return stated + _derived_prior_years(stated, year)


def _read(collector: FactCollector, clause: Clause, sentence: str, after: int = 0, parent: str = "",
          unit: str | None = None, extra: dict | None = None) -> None:
    """The figures of one clause (`after` its parent's figure, which states `parent` in `unit`)."""
    if clause.within and not re.search(clause.within, sentence) or clause.unless and re.search(clause.unless, sentence):
        return
    start = 0 if clause.whole else after
    text = sentence[start:]
    matches: list[re.Match] = []
    for pattern in clause.patterns:
        matches = list(re.finditer(pattern, text)) if clause.every else [match for match in [re.search(pattern, text)] if match]
        if matches:
            break
    for match in matches:
        before = text[:match.start()]
        if clause.unless_before and re.search(clause.unless_before, before):
            continue
        groups = match.groupdict()
        measure = clause.measure if isinstance(clause.measure, str) else clause.measure[groups.get("name") or ""]
        measure = measure or parent
        figure_unit = groups.get("unit") or (None if clause.own_unit else unit)
        item = {**(extra or {}), **({"item": groups["item"]} if groups.get("item") is not None else {})}
        if clause.read:
            clause.read(collector, match, measure, unit)
        else:
            skip = bool(clause.figure_unless_before and re.search(clause.figure_unless_before, before))
            _emit(collector, clause, match, measure, figure_unit, skip, item)
        for sub in clause.then:
            _read(collector, sub, sentence, start + match.end(), measure, groups.get("unit"), item)


def _emit(collector: FactCollector, clause: Clause, match: re.Match, measure: str, unit: str | None, skip: bool,
          extra: dict) -> None:
    """The facts of a match, in the order the sentence states them."""
    groups = match.groupdict()
    if groups.get("bnum"):
        collector.money(measure, groups["bnum"], groups["bunit"], kind="budget", **extra)
    if groups.get("num") and not skip:
        year = int(groups["year"]) if groups.get("year") else None
        collector.money(measure, groups["num"], unit, year=year, **({"of": clause.of} if clause.of else {}), **extra)
    if groups.get("share"):
        collector.number(measure, groups["share"], "%", "share", of=clause.share_of, **extra)
    if groups.get("rate"):
        collector.number(measure, groups["rate"], "%", "budget_rate", **extra)
    for group, counted, counted_unit in clause.counts:
        collector.number(counted, groups[group], counted_unit, "count", **extra)
    if groups.get("dir"):
        collector.change(measure, match, **extra)


def _derived_prior_years(facts: list[Fact], year: int) -> list[Fact]:
    """本年数 − 增减额 = 上年数, for every stated change whose current figure is in the same sentence."""
    out = []
    for change in (fact for fact in facts if fact.kind == "change"):
        current = next((fact for fact in facts if fact.kind == "amount" and fact.measure == change.measure and fact.line == change.line
                        and fact.code == change.code and fact.item == change.item and fact.year == year), None)
        stated = any(fact.kind == "amount" and fact.measure == change.measure and fact.year == _prior(change.quote, year)
                     and fact.code == change.code and fact.item == change.item for fact in facts)
        if current and not stated:
            out.append(Fact(
                measure=change.measure, kind="amount", year=_prior(change.quote, year), value=current.value - change.value,
                unit="元", unit_in_source=current.unit_in_source, half_unit=current.half_unit + change.half_unit,
                source=change.source, line=change.line, quote=change.quote, code=change.code, item=change.item, basis="derived"))
    return out


def _prior(text: str, year: int) -> int:
    match = re.search(r"(?:与|比|较)\s*(\d{4})\s*年", text)
    return int(match.group(1)) if match else year - 1
