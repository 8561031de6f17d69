"""The narrative (情况说明): sections split by the document's own headings, the
glossary, and the headline facts stated in the national template sentences."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable

from generator.ingest.items import Paragraph, Table
from generator.model.facts import Fact
from generator.model.money import decimals_of, half_unit, parse_number, to_yuan
from generator.model.tables import INCOME_PARTS

CN_NUM = "一二三四五六七八九十百零〇"
_HEADING = [
    (1, re.compile(rf"^第[{CN_NUM}\d]+部分")),
    (2, re.compile(rf"^[{CN_NUM}]+、")),
    (3, re.compile(rf"^[（(][{CN_NUM}]+[）)]")),
    (4, re.compile(r"^\d+[．.、](?!\d)")),
]
NUM = r"(-?\d[\d,]*(?:\.\d+)?)"
UNIT = r"\s*(万元|亿元|元)?"
V = NUM + UNIT


@dataclass
class Section:
    id: str
    number: str
    heading: str
    level: int
    parent: str
    line: int
    text: str
    page: int | None = None
    lines: list[int] = field(default_factory=list)  # line of the heading and of each paragraph


@dataclass
class Term:
    number: str
    term: str
    definition: str
    line: int
    page: int | None = None


def heading_level(text: str) -> int:
    """Level of a heading line (1 = 第…部分 … 4 = '1.'), 0 when the line is body text."""
    t = text.strip()
    if len(t) > 32 or re.search(r"\d+(?:\.\d+)?\s*(?:万元|元|%)", t) or re.search(r"[：:].{6,}", t):
        return 0
    for level, pattern in _HEADING:
        if pattern.match(t):
            return level
    return 0


TABLE_LEVEL = 5  # a labelled text cell of a narrative table nests below every numbered heading


def narrative_texts(blocks: list, skip_lines: set[int]) -> list[tuple[int, str, int]]:
    """(line, text, heading level or 0) for paragraphs and for the paragraph-like cells of
    tables (e.g. 公开10), whose short label cells become a heading; in document order."""
    out = []
    for b in blocks:
        if isinstance(b, Paragraph):
            out.append((b.line, b.text, heading_level(b.text)))
        elif isinstance(b, Table) and b.line not in skip_lines:
            for row in b.rows:
                labels = [c for c in row.cells if c and len(c) <= 24]
                for cell, line in zip(row.cells, row.lines):
                    if len(cell) > 60 and not cell.startswith("<"):
                        out.append((line, " / ".join(labels[:3]) or "表格文字", TABLE_LEVEL))
                        out.append((line, cell, 0))
    return out


def split_sections(texts: list[tuple[int, str, int]]) -> list[Section]:
    """Split text into sections at the document's own headings (verbatim text)."""
    sections: list[Section] = []
    stack: list[Section] = []
    current = Section("s0", "", "", 0, "", texts[0][0] if texts else 1, "", lines=[texts[0][0] if texts else 1])
    for line, text, level in texts:
        if level:
            if current.text or current.heading:
                sections.append(current)
            while stack and stack[-1].level >= level:
                stack.pop()
            m = next((p.match(text.strip()) for lv, p in _HEADING if lv == level), None)
            current = Section(f"s{len(sections) + 1}", m.group(0) if m else "", text.strip(), level,
                              stack[-1].id if stack else "", line, "", lines=[line])
            stack.append(current)
        else:
            if text.strip():
                current.lines.extend([line] * len(text.strip().split("\n")))
            current.text = (current.text + "\n" + text).strip()
    if current.text or current.heading:
        sections.append(current)
    return sections


_TERM = re.compile(rf"^\s*(?:([{CN_NUM}]+、|\d+[．.、]\s*))?([^：:]{{2,60}}?)[：:]\s*(?:指)?(.+)$")


def glossary(sections: list[Section]) -> list[Term]:
    """Terms of the 名词解释 section and everything nested in it: '一、财政拨款收入：指…'."""
    terms, inside = [], None
    for s in sections:
        if inside is not None and s.level and s.level <= inside:
            inside = None
        if "名词解释" in s.heading:
            inside = s.level
            lines = [s.heading.split("名词解释", 1)[1]] + s.text.split("\n")
        elif inside is not None:
            lines = [s.heading] + s.text.split("\n") if s.level != TABLE_LEVEL else s.text.split("\n")
        else:
            continue
        for k, line in enumerate(x for x in lines if x.strip()):
            m = _TERM.match(line)
            if m:
                terms.append(Term((m.group(1) or "").strip(), m.group(2).strip(), m.group(3).strip(), s.line + k))
    return terms


# ---------------------------------------------------------------- facts

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


class FactCollector:
    """Collects facts from one sentence at a time, with the sentence as provenance."""

    def __init__(self, year: int, default_unit: str = "万元"):
        self.year, self.default_unit = year, default_unit
        self.facts: list[Fact] = []
        self.line, self.sentence, self.section = 0, "", ""

    def money(self, measure: str, num: str, unit: str | None, kind: str = "amount", year: int | None = None,
              **extra) -> None:
        unit = unit or self.default_unit
        value = parse_number(num)
        if value is None:
            return
        self.facts.append(Fact(
            measure=measure, kind=kind, year=year or self.year, value=to_yuan(value, unit), unit="元",
            unit_in_source=unit, half_unit=half_unit(unit, decimals_of(num)),
            source=f"section:{self.section}", line=self.line, quote=self.sentence, **extra))

    def number(self, measure: str, num: str, unit: str, kind: str, year: int | None = None, **extra) -> None:
        value = parse_number(num)
        if value is None:
            return
        d = decimals_of(num)
        self.facts.append(Fact(
            measure=measure, kind=kind, year=year or self.year, value=value, unit=unit, unit_in_source=unit,
            half_unit=Decimal(5) * Decimal(10) ** (-d - 1), source=f"section:{self.section}",
            line=self.line, quote=self.sentence, **extra))

    def change(self, measure: str, m: re.Match, prior: int, **extra) -> None:
        """'增加/减少 V，增长/下降 P%' → signed change and change rate."""
        sign = "-" if m.group("dir") in ("减少", "下降", "降低") else ""
        num = m.group("cnum").lstrip("-")
        self.money(measure, sign + num, m.group("cunit"), kind="change", **extra)
        if m.group("rate"):
            self.number(measure, sign + m.group("rate").lstrip("-"), "%", "change_rate", **extra)


_CHANGE = (r"(?P<dir>增加|减少|增长|下降|降低)了?\s*" + r"(?P<cnum>-?\d[\d,]*(?:\.\d+)?)\s*(?P<cunit>万元|亿元|元)?"
           r"(?:[，,、]\s*(?:增长|下降|降低|增幅|降幅)\s*(?P<rate>-?\d+(?:\.\d+)?)%)?")


def _parts(text: str, names: dict[str, str]) -> list[tuple[str, str, str | None, str | None]]:
    """'A V，占P%；B V…' → [(name, number, unit, share)] for the known names."""
    out = []
    alts = "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))
    for m in re.finditer(rf"({alts})(?:支出)?(?:决算)?(?:为)?\s*{V}(?:[，,]\s*占[^0-9%]{{0,12}}?(\d+(?:\.\d+)?)%)?", text):
        out.append((m.group(1), m.group(2), m.group(3), m.group(4)))
    return out


def _function_code(text: str) -> str:
    """'（类）201（款）32（项）01' → '2013201'; '一般公共服务（201）' → '201'."""
    m = re.search(r"（类）\s*(\d{3})\s*(?:（款）\s*(\d{2}))?\s*(?:[（(]项[）)]\s*(\d{2}))?", text)
    if m:
        return "".join(g for g in m.groups() if g)
    m = re.search(r"[（(](\d{3}(?:\d{2}){0,2})[）)]", text)
    return m.group(1) if m else ""


def collect_facts(sentences: list[tuple[int, str, str]], year: int,
                  extra: Callable[[FactCollector, str], None] | None = None) -> list[Fact]:
    """Facts from (line, section id, sentence) triples following the national template (and
    `extra`'s, e.g. the budget template's), plus the prior-year amounts they imply (basis 'derived')."""
    fc = FactCollector(year)
    for line, section, sentence in sentences:
        fc.line, fc.section, fc.sentence = line, section, sentence
        _sentence_facts(fc, sentence, year)
        if extra:
            extra(fc, sentence)
    return fc.facts + _derived_prior_years(fc.facts, year)


def _derived_prior_years(facts: list[Fact], year: int) -> list[Fact]:
    """本年数 − 增减额 = 上年数, for every stated change whose current figure is in the same sentence."""
    out = []
    for ch in (f for f in facts if f.kind == "change"):
        current = next((f for f in facts if f.kind == "amount" and f.measure == ch.measure and f.line == ch.line
                        and f.code == ch.code and f.item == ch.item and f.year == year), None)
        stated = any(f.kind == "amount" and f.measure == ch.measure and f.year == _prior(ch.quote, year)
                     and f.code == ch.code and f.item == ch.item for f in facts)
        if current and not stated:
            out.append(Fact(
                measure=ch.measure, kind="amount", year=_prior(ch.quote, year), value=current.value - ch.value,
                unit="元", unit_in_source=current.unit_in_source, half_unit=current.half_unit + ch.half_unit,
                source=ch.source, line=ch.line, quote=ch.quote, code=ch.code, item=ch.item, basis="derived"))
    return out


def _prior(text: str, year: int) -> int:
    m = re.search(r"(?:与|比|较)\s*(\d{4})\s*年", text)
    return int(m.group(1)) if m else year - 1


def _sentence_facts(fc: FactCollector, s: str, year: int) -> None:  # noqa: C901 - one template, one place
    prior = _prior(s, year)
    # 收支总计 / 财政拨款收支总计
    for m in re.finditer(rf"(财政拨款)?收入?、?支出?总计(?:为)?\s*{V}", s):
        measure = "fiscal_total" if m.group(1) else "total_income_expenditure"
        fc.money(measure, m.group(2), m.group(3))
        rest = s[m.end():]
        c = re.search(r"收入?、?支出?总计(?:各)?" + _CHANGE, rest)
        if c:
            fc.change(measure, c, prior)
    # 本年收入合计 and its sources
    m = re.search(rf"本年收入合计\s*{V}", s) or re.search(rf"(?:收入合计|收入经费)\s*{V}", s) if "本年收入" in s else None
    if m:
        fc.money("income_total", m.group(1), m.group(2))
        for name, num, unit, share in _parts(s[m.end():], INCOME_PARTS):
            fc.money(INCOME_PARTS[name], num, unit or m.group(2), of="income_total")
            if share:
                fc.number(INCOME_PARTS[name], share, "%", "share", of="income_total")
    # 本年支出合计 (整体支出 in 绩效自评 reports) and its parts
    m = re.search(rf"(?:本年支出合计|整体支出)\s*{V}", s)
    if m and "占本年支出合计" not in s:
        fc.money("expenditure_total", m.group(1), m.group(2))
        for name, num, unit, share in _parts(s[m.end():], EXPENDITURE_PARTS):
            fc.money(EXPENDITURE_PARTS[name], num, unit or m.group(2), of="expenditure_total")
            if share:
                fc.number(EXPENDITURE_PARTS[name], share, "%", "share", of="expenditure_total")
    # 一般公共预算财政拨款支出 total, share, change, by 类
    m = re.search(rf"一般公共预算财政拨款支出(?:决算)?(?:为)?\s*{V}", s)
    if m and "基本支出" not in s[:m.start()]:
        unit = m.group(2)
        if not re.search(r"与\s*\d{4}\s*年$", s[:m.start()]):
            fc.money("general_budget_expenditure", m.group(1), unit)
        sh = re.search(r"占本年支出合计的\s*(\d+(?:\.\d+)?)%", s)
        if sh:
            fc.number("general_budget_expenditure", sh.group(1), "%", "share", of="expenditure_total")
        p = re.search(rf"与\s*(\d{{4}})\s*年一般公共预算财政拨款支出\s*{V}\s*相比", s)
        if p:
            fc.money("general_budget_expenditure", p.group(2), p.group(3) or unit, year=int(p.group(1)))
        c = re.search(r"相比[，,]?\s*(?:一般公共预算财政拨款支出)?" + _CHANGE, s)
        if c:
            fc.change("general_budget_expenditure", c, prior)
        if "主要用于" in s:
            for cm in re.finditer(rf"([\u4e00-\u9fa5]{{2,16}}?)(?:支出)?\s*[（(](类|\d{{3}})[）)]\s*(?:支出)?\s*{V}(?:[，,]\s*占\s*(\d+(?:\.\d+)?)%)?", s):
                item, code = cm.group(1).removeprefix("方面").lstrip(":："), cm.group(2) if cm.group(2) != "类" else ""
                fc.money("general_budget_expenditure", cm.group(3), cm.group(4) or unit, code=code, item=item,
                         of="general_budget_expenditure")
                if cm.group(5):
                    fc.number("general_budget_expenditure", cm.group(5), "%", "share", code=code, item=item,
                              of="general_budget_expenditure")
    # 一般公共预算支出决算数 … 完成预算 X%
    m = re.search(rf"一般公共预算(?:财政拨款)?支出决算数为\s*{V}[，,]\s*完成(?:一般公共)?预算(?:的)?\s*(\d+(?:\.\d+)?)%", s)
    if m:
        fc.money("general_budget_expenditure", m.group(1), m.group(2))
        fc.number("general_budget_expenditure", m.group(3), "%", "budget_rate")
    # by 项: '行政运行（类）201（款）32（项）01：支出决算为478.62万元，完成预算100%，决算数等于预算数'
    for m in re.finditer(rf"([\u4e00-\u9fa5][\u4e00-\u9fa5（）()\d*\s]{{1,60}}?[（(]项[）)]\s*[\d*]*)\s*[:：;；]\s*支出决算为\s*{V}[，,]\s*完成预算\s*(\d+(?:\.\d+)?)%(?:[，,；;]\s*决算数([^，。,；;的]{{0,8}}?)预算数)?", s):
        label, code = m.group(1), _function_code(m.group(1))
        named_before = re.search(r"（类）\s*[\d*]", label) or "（款）" not in label
        item = re.split(r"[（(]", label if named_before else label.split("（款）")[-1])[0]
        item = re.sub(r"^[\d．.、\s]+", "", item)
        fc.money("general_budget_expenditure", m.group(2), m.group(3), code=code, item=item)
        fc.number("general_budget_expenditure", m.group(4), "%", "budget_rate", code=code, item=item,
                  relation=(m.group(5) or "").strip())
    # 基本支出: 人员经费 and 公用经费 with their items
    m = re.search(rf"一般公共预算财政拨款基本支出\s*{V}", s)
    if m:
        fc.money("general_budget_basic", m.group(1), m.group(2))
    for label, measure, item_measure in (("人员经费", "personnel_costs", "personnel_item"),
                                         ("公用经费", "public_costs", "public_item")):
        m = re.search(rf"(?:日常)?{label}(?:支出)?\s*{V}[，,]?\s*(?:主要包括|其中)[:：]?(.*)", s)
        if m:
            fc.money(measure, m.group(1), m.group(2))
            items = re.split(r"[；;]", m.group(3))[0]  # the list ends with its clause ('…；公用经费…')
            complete = not re.search(r"等[。．.]?\s*$|等[；;]", items)
            for im in re.finditer(rf"([\u4e00-\u9fa5（）()]{{2,24}}?)\s*{V}", items):
                fc.money(item_measure, im.group(2), im.group(3) or m.group(2), item=im.group(1).lstrip("、，,"),
                         of=measure if complete else "")
    # 基本支出 by economic class (绩效自评 narrative: '基本支出555.6万元，其中工资福利支出237.37万元，占基本支出的42.72%')
    m = re.search(rf"基本支出\s*{V}[，,]\s*其中[:：]?\s*(?=工资福利)", s)
    if m:
        fc.money("expenditure_basic", m.group(1), m.group(2))
        for im in re.finditer(rf"(工资福利支出|商品和服务支出|对个人和家庭的补助支出|资本性支出)\s*{V}(?:[，,]\s*占基本支出的\s*(\d+(?:\.\d+)?)%)?", s):
            fc.money("basic_by_economic", im.group(2), im.group(3) or m.group(2), item=im.group(1), of="expenditure_basic")
            if im.group(4):
                fc.number("basic_by_economic", im.group(4), "%", "share", item=im.group(1), of="expenditure_basic")
    # "三公" total
    m = re.search(rf"[“\"]三公[”\"]经费(?:财政拨款)?支出(?:决算)?(?:为)?\s*{V}(?:[，,]\s*完成预算\s*(\d+(?:\.\d+)?)%)?", s)
    if m and "预算为" not in s:
        fc.money("three_public_total", m.group(1), m.group(2))
        if m.group(3):
            fc.number("three_public_total", m.group(3), "%", "budget_rate")
    m = re.search(rf"[“\"]三公[”\"]?经费支出预算为\s*{V}[，,]\s*支出决算为\s*{V}", s)
    if m:
        fc.money("three_public_total", m.group(1), m.group(2), kind="budget")
        fc.money("three_public_total", m.group(3), m.group(4))
        c = re.search(r"比\s*\d{4}\s*年" + _CHANGE, s)
        if c:
            fc.change("three_public_total", c, prior)
    if "三公" in s and "决算中" in s:
        for name, num, unit, share in _parts(s, THREE_PUBLIC):
            fc.money(THREE_PUBLIC[name], num, unit, of="three_public_total")
            if share:
                fc.number(THREE_PUBLIC[name], share, "%", "share", of="three_public_total")
    else:
        for name, measure in THREE_PUBLIC.items():
            m = re.match(rf"^\s*(?:\d+[．.、]|其中[:：])?\s*{re.escape(name)}(?:支出)?\s*{V}(?:[，,]\s*完成预算\s*(\d+(?:\.\d+)?)%)?", s)
            if m:
                fc.money(measure, m.group(1), m.group(2))
                if m.group(3):
                    fc.number(measure, m.group(3), "%", "budget_rate")
        m = re.search(r"^\s*([\u4e00-\u9fa5（）()]+?)支出决算(?:比\s*\d{4}\s*年)" + _CHANGE, s)
        if m and m.group(1) in THREE_PUBLIC:
            fc.change(THREE_PUBLIC[m.group(1)], m, prior)
    m = re.search(r"国内公务接待\s*(\d+)\s*批次[，,、]\s*(\d+)\s*人次", s)
    if m:
        fc.number("three_public_reception_batches", m.group(1), "批次", "count")
        fc.number("three_public_reception_persons", m.group(2), "人次", "count")
    m = re.search(r"(?:单位)?共有(?:公务用车|车辆)\s*(\d+)\s*辆", s)
    if m:
        fc.number("vehicles_count", m.group(1), "辆", "count")
    # funds, 机关运行经费, 政府采购
    for pattern, measure in ((r"政府性基金预算(?:财政)?拨款支出", "gov_fund_expenditure"),
                             (r"国有资本经营预算(?:财政)?拨款支出", "state_capital_expenditure")):
        m = re.search(rf"{pattern}(?:决算)?(?:为)?\s*{V}", s)
        if m and "收入" not in s[:m.start()][-6:]:
            fc.money(measure, m.group(1), m.group(2))
    m = re.search(rf"机关运行经费支出\s*{V}", s)
    if m:
        fc.money("operating_costs", m.group(1), m.group(2))
        c = re.search(r"比\s*\d{4}\s*年" + _CHANGE, s[m.end():])
        if c:
            fc.change("operating_costs", c, prior)
    m = re.search(rf"政府采购支出总额\s*{V}", s)
    if m:
        fc.money("procurement_total", m.group(1), m.group(2))
        for name, num, unit, _ in _parts(s[m.end():], PROCUREMENT):
            fc.money(PROCUREMENT[name], num, unit or m.group(2), of="procurement_total")
        sme = re.search(rf"授予中小企业合同金额\s*{V}", s)
        if sme:
            fc.money("procurement_sme", sme.group(1), sme.group(2))
    # 绩效自评 narrative: '收入合计6441.93万元。其中：基本支出财政拨款收入1540.37万元；项目支出收入4901.56元（…）'
    m = re.search(rf"收入合计\s*{V}", s)
    if m and "本年收入合计" not in s:
        fc.money("income_total", m.group(1), m.group(2))
        b = re.search(rf"基本支出(?:财政拨款)?收入\s*{V}", s)
        p = re.search(rf"项目支出收入\s*{V}", s)
        if b and p:
            fc.money("basic_income", b.group(1), b.group(2), of="income_total")
            fc.money("project_income", p.group(1), p.group(2), of="income_total")
    # staffing
    for m in re.finditer(r"((?:行政工勤|行政|参公管理|参公|事业)?)编制\s*(\d+)\s*[名人][，,]\s*实有\s*(\d+)\s*人", s):
        fc.number("staff_authorised", m.group(2), "人", "count", item=m.group(1) + "编制")
        fc.number("staff_actual", m.group(3), "人", "count", item=m.group(1) + "编制")


# a printed line at least this long that stops mid-sentence was wrapped by the page ('…财政拨款预算' ⏎
# '8,989.73万元，比上年…', 杭州 2026); the next line goes on with it unless it opens an item or a caption
_WRAPPED = 20
_NEW_LINE = re.compile(r"\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.．、](?!\d)|第[一二三四五六七八九十]+|[图表]\s*\d|注[:：])")


def sentences_of(sections: list[Section], exact: bool = False) -> list[tuple[int, str, str]]:
    """(line, section id, sentence) for every sentence of every section. The line is the
    paragraph's own when `exact` (paged sources), else the section's first line plus the
    paragraph's index (text sources, as their packages have always recorded it). In paged
    sources a paragraph ending mid-sentence ('其中：' and a list of lines ending in '；', or a
    long line the page wrapped) goes on in the next one."""
    out = []
    for s in sections:
        line, open_ = s.line, False
        for i, para in enumerate([s.heading] + s.text.split("\n")):
            k = i
            if exact and k < len(s.lines):
                line, k = s.lines[k], 0
            if open_ == "wrapped" and _NEW_LINE.match(para):
                open_ = False
            for sent in re.split(r"(?<=[。])", para):
                sent = sent.strip()
                continues = sent.startswith("其中") or re.match(r"与\s*(?:\d{4}\s*年|上年).{0,30}?相比", sent) or open_
                open_ = False
                if continues and out and out[-1][1] == s.id:
                    out[-1] = (out[-1][0], s.id, out[-1][2] + sent)  # '…X。其中：…' / '…X。与2019年相比…
                elif sent:
                    out.append((line + k, s.id, sent))
            end = para.rstrip()[-1:]
            open_ = exact and (end in ("；", ";", "：", ":") or (
                "wrapped" if i > 0 and len(para.strip()) >= _WRAPPED and end not in "。！？!?）)" else False))
    return out
