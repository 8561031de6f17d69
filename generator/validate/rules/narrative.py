"""Arithmetic stated in the narrative: parts and totals, shares, year-on-year changes,
and the comparison words beside a 完成预算 percentage."""
from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal
from typing import Iterator

from generator.model.facts import Fact
from generator.validate.context import Context
from generator.validate.report import Figure, Finding
from generator.validate.rules.common import VOCAB, figure, item_key, label
from generator.validate.rules.registry import pct_class, rule, sum_finding

HUNDRED = Decimal(100)


def _amounts(ctx: Context) -> dict:
    by_key = defaultdict(list)
    for fact in ctx.facts:
        if fact.kind == "amount" and fact.basis == "stated":
            by_key[(fact.measure, item_key(fact), fact.year)].append(fact)
    return by_key


def _find(by_key: dict, measure: str, item: str, year: int, line: int) -> Fact | None:
    """The amount stated in the same sentence, else the one value all sources agree on — within
    the rounding of each printing (4704.24 万元 in the text, 47,042,399.12 元 in a table): then the
    most precise printing."""
    cands = by_key.get((measure, item, year), [])
    same = [fact for fact in cands if fact.line == line and fact.source.startswith("section:")]
    if same:
        return same[0]
    if not cands:
        return None
    best = min(cands, key=lambda fact: fact.half_unit)
    return best if all(abs(fact.value - best.value) <= fact.half_unit + best.half_unit for fact in cands) else None


@rule("parts-sum", "文字中“其中”所列各项之和等于所说的总数",
      "如“本年收入合计 X 万元，其中：一般公共预算财政拨款收入 A 万元……”：A + B + … = X。只检查同一句中给出总数、"
      "且列举完整（未以“等”结尾）的情形；“其中”之后印出的金额多于读出的各项时（有一项未能读出），不作判断，列为未能核对。"
      "容差为各数末位的一半之和。",
      classes=('inconsistency', 'rounding', 'notice'),
      message='〈总数〉 与其中所列各项之和不符')
def parts_sum(ctx: Context) -> Iterator[Finding]:
    """玉溪市委组织部 2020 年决算：“收入合计6441.93万元。其中：基本支出财政拨款收入1540.37万元；项目支出收入4901.56元”（4901.56 应为万元）；君山区委组织部 2020 年绩效自评：“基本支出555.6万元，其中工资福利支出237.37万元…商品和服务支出320.13万元…对个人和家庭的补助支出158.02万元”（三项之和 715.52）。"""
    groups = defaultdict(list)
    for fact in ctx.facts:
        if fact.kind == "amount" and fact.of and fact.source.startswith("section:"):
            groups[(fact.of, fact.line, fact.year)].append(fact)
    for (total_measure, line, year), parts in groups.items():
        total = next((fact for fact in ctx.facts if fact.measure == total_measure and fact.kind == "amount"
                      and fact.line == line and fact.year == year and not fact.code and not fact.item
                      and fact.source.startswith("section:")), None)
        if total is None:
            continue
        keys = [(part.measure, item_key(part)) for part in parts]
        if len(set(keys)) < len(keys):  # one part named twice: two lists in one sentence, not one
            yield Finding("parts-sum", f"{label(total)}：同一句中“其中”所列的项目重复出现（两组列举），各项之和未核对",
                          [figure(total)], cls="notice", line=total.line, page=total.page)
            continue
        unread = _unread_parts(total.quote, sum(1 for part in parts if part.value))
        if unread:
            yield Finding("parts-sum", f"{label(total)}：“其中”之后印有 {unread} 个非零金额，只读出 "
                          f"{sum(1 for part in parts if part.value)} 项，各项之和未核对", [figure(total)], cls="notice", line=total.line, page=total.page)
            continue
        yield from filter(None, [sum_finding(
            "parts-sum", f"{label(total)} 与其中所列各项之和不符",
            figure(total), total.half_unit, [(figure(part), part.half_unit) for part in parts])])


_AMOUNT = re.compile(r"\d[\d,]*(?:\.\d+)?\s*(?:亿元|万元|元)")
_BRACKETS = re.compile(r"[（(][^（）()]*[）)]")
_CHANGE = re.compile(r"增加|减少|增长|下降|增减|相比|比上年|比\d{4}年")


def _unread_parts(quote: str, read: int) -> int:
    """The number of non-zero amounts the "其中" list of `quote` prints (outside brackets, changes
    on the year before left out) when more than the `read` non-zero parts the importer took from
    it, else 0: a sum over a list missing a part (lost to
    a line or page break, or a label the importer does not know) is not a finding."""
    _, sep, rest = quote.partition("其中")
    if not sep:
        return 0
    while _BRACKETS.search(rest):
        rest = _BRACKETS.sub("", rest)
    printed = [match for match in _AMOUNT.finditer(rest) if not _CHANGE.search(rest[max(0, match.start() - 8):match.start()])
               and re.sub(r"[^\d.]", "", match.group(0)).strip("0.")]  # a zero part does not change the sum
    return len(printed) if len(printed) > read else 0


def _ratio_bounds(num: Fact | Decimal, num_hu: Decimal, den: Decimal, den_hu: Decimal) -> tuple[Decimal, Decimal] | None:
    numerator = num.value if isinstance(num, Fact) else num
    lo_den, hi_den = den - den_hu, den + den_hu
    if lo_den <= 0:
        return None
    vals = [(numerator - num_hu) / hi_den * HUNDRED, (numerator + num_hu) / lo_den * HUNDRED,
            (numerator - num_hu) / lo_den * HUNDRED, (numerator + num_hu) / hi_den * HUNDRED]
    return min(vals), max(vals)


def _pct_finding(rule_id: str, message: str, stated: Fact, bounds: tuple[Decimal, Decimal],
                 figures: list[Figure]) -> Finding | None:
    cls = pct_class(stated.value, stated.half_unit, bounds)
    if cls is None:
        return None
    low, high = bounds
    value = stated.value
    computed = ((low + high) / 2).quantize(Decimal("0.01"))
    return Finding(rule_id, f"{message}：写作 {value}%，按所列数字应为约 {computed}%",
                   [figure(stated)] + figures + [Figure("按数字计算", computed, "%", "computed")],
                   value - computed, (high - low) / 2 + stated.half_unit, "%", cls, line=stated.line)


@rule("share", "所说的占比等于部分与总数之比",
      "“A 万元，占 P%”：P 与 A ÷ 总数 × 100 在两数的舍入范围内相符（按各数末位的一半求出比值的上下限，再加上百分比末位的一半）。",
      message='〈部分〉 占 〈总数〉 的比例不符：写作 〈P〉%，按所列数字应为约 〈Q〉%')
def shares(ctx: Context) -> Iterator[Finding]:
    """江苏省人大常委会办公厅 2017 年部门预算：“因公出国（境）费支出222.5万元，占“三公”经费的8.75%”，而“三公”经费合计 833.6 万元，222.5 ÷ 833.6 = 26.69%（三个占比都是对“三公”经费、会议费、培训费合计 2542.6 万元算的）。"""
    by_key = _amounts(ctx)
    for fact in ctx.facts:
        if fact.kind != "share" or not fact.of:
            continue
        part = _find(by_key, fact.measure, item_key(fact), fact.year, fact.line)
        total = _find(by_key, fact.of, "", fact.year, fact.line)
        if part is None or total is None or total.value == 0:
            continue
        bounds = _ratio_bounds(part, part.half_unit, total.value, total.half_unit)
        if bounds and _balanced_to_100(ctx, fact, bounds):
            continue
        if bounds:
            finding = _pct_finding("share", f"{label(part)} 占 {VOCAB.get(fact.of, fact.of)} 的比例不符", fact, bounds,
                                   [figure(part), figure(total)])
            if finding:
                yield finding


def _balanced_to_100(ctx: Context, share: Fact, bounds: tuple[Decimal, Decimal]) -> bool:
    """Shares listed together that total exactly 100% may have had one share nudged by one
    unit of the last digit to make them add up; that is rounding, not a contradiction."""
    siblings = [fact.value for fact in ctx.facts if fact.kind == "share" and fact.of == share.of and fact.line == share.line]
    low, high = bounds
    near = low - 3 * share.half_unit <= share.value <= high + 3 * share.half_unit
    return sum(siblings) == HUNDRED and near


@rule("change", "所说的增减额与增减幅度相互一致",
      "“比上年增加/减少 C 万元，增长/下降 R%”：R 与 C ÷（本年数 − C）× 100 相符；给出上年数时，C 与本年数 − 上年数相符。容差同上。",
      message='〈指标〉 的增减幅度与增减额不符：写作 〈R〉%，按所列数字应为约 〈Q〉%')
def changes(ctx: Context) -> Iterator[Finding]:
    """江苏省人大常委会办公厅 2018 年部门预算：“单位预留机动经费1685.72万元…增加1557.29万元，增长1312.56%”：上年 128.43 万元，增长应为 1212.56%；峨眉山市委组织部 2020 年决算：公务接待费 1.85 万元，“减少1.24万元，下降40.52%”，应为 40.13%。"""
    by_key = _amounts(ctx)
    for fact in ctx.facts:
        if fact.kind != "change":
            continue
        current = _find(by_key, fact.measure, item_key(fact), fact.year, fact.line)
        if current is None:
            continue
        prior_value = current.value - fact.value
        prior_hu = current.half_unit + fact.half_unit
        rate = next((rate_fact for rate_fact in ctx.facts
                     if rate_fact.kind == "change_rate" and rate_fact.measure == fact.measure
                     and rate_fact.line == fact.line and item_key(rate_fact) == item_key(fact)), None)
        if rate is not None and prior_value > 0:
            bounds = _ratio_bounds(fact.value, fact.half_unit, prior_value, prior_hu)
            if bounds:
                finding = _pct_finding("change", f"{label(current)} 的增减幅度与增减额不符", rate, bounds,
                                       [figure(current), figure(fact), Figure("上年数（本年数 − 增减额）", prior_value, "元", "computed")])
                if finding:
                    yield finding
        stated_prior = next((prior_fact for prior_fact in ctx.facts
                             if prior_fact.kind == "amount" and prior_fact.measure == fact.measure
                             and prior_fact.year < fact.year and prior_fact.line == fact.line
                             and item_key(prior_fact) == item_key(fact)), None)
        if stated_prior is not None:
            yield from filter(None, [sum_finding(
                "change", f"{label(current)} 减去所说的上年数与增减额不符",
                figure(fact), fact.half_unit, [(figure(current), current.half_unit), (figure(stated_prior), stated_prior.half_unit)],
                [1, -1])])


@rule("comparison-word", "“决算数大于/小于/等于预算数”与完成预算百分比一致",
      "完成预算 100% 对应“等于”或“持平”，低于 100% 对应“小于”，高于 100% 对应“大于”（按百分比末位的一半留出舍入余地：印作 100% "
      "的可以是 100.4%，说“大于”不算矛盾）。导入时未取作事实的句子（“完成预算100%，决算数与预算数持平”）从原文读取。",
      classes=('inconsistency',),
      message='〈指标〉写作 〈P〉%，却说“决算数〈比较词〉预算数”')
def comparison_words(ctx: Context) -> Iterator[Finding]:
    """上海市普陀区规划和自然资源局 2024 年决算：“年初预算为452.40万元，支出决算为446.11万元，完成年初预算的98.61%。决算数小于预算数”（相符，不报告）。"""
    for fact in ctx.facts:
        if fact.kind != "budget_rate" or not fact.relation or "/" in fact.relation:
            continue
        low, high = fact.value - fact.half_unit, fact.value + fact.half_unit
        word = fact.relation
        agrees = ("等于" in word or "持平" in word) and low <= HUNDRED <= high \
            or "小于" in word and low < HUNDRED or "大于" in word and high > HUNDRED
        if not agrees:
            yield Finding("comparison-word", f"{label(fact)}写作 {fact.value}%，却说“决算数{word}预算数”",
                          [figure(fact)], None, fact.half_unit, "%", line=fact.line)
    # the sentences whose word the importer did not take as a fact: read from the text
    taken = [fact.quote for fact in ctx.facts if fact.kind == "budget_rate" and fact.relation]
    for section in ctx.rows("sections"):
        base, page = int(section.get("line") or 0), int(section["page"]) if section.get("page") else None
        for offset, text in enumerate((section.get("text") or "").split("\n")):
            for match in _RATE_WORD.finditer(text):
                if any(match.group(0) in quote for quote in taken):
                    continue
                rate = Decimal(match["rate"])
                half_unit = Decimal(5) * Decimal(10) ** (-len(match["rate"].partition(".")[2]) - 1)
                word = match["word"]
                sign = _WORD_SIGN.get(word, 0)
                low, high = rate - half_unit, rate + half_unit
                agrees = low <= HUNDRED <= high if sign == 0 else high > HUNDRED if sign > 0 else low < HUNDRED
                if not agrees:
                    line = base + offset + 1
                    yield Finding("comparison-word", f"完成预算写作 {rate}%，却说“决算数{word}预算数”：{match.group(0)}",
                                  [Figure("完成预算（文字）", rate, "%", f"section:{section['id']}", line, match.group(0), page)],
                                  None, half_unit, "%", line=line, page=page)


_PAIR = re.compile(r"预算(?:数)?为\s*(?P<budget>\d[\d,]*(?:\.\d+)?)\s*(?P<bu>万元|元)[^。；]*?决算(?:数)?为\s*"
                   r"(?P<actual>\d[\d,]*(?:\.\d+)?)\s*(?P<au>万元|元)")
_RATE = re.compile(r"^[^。]*?完成(?:年初)?预算(?:数)?的?\s*(?P<rate>\d+(?:\.\d+)?)\s*[%％]")
_WORD = re.compile(r"^[^。]*。?[^。]*?决算数?\s*(?P<word>大于|小于|等于|高于|低于|超过|同预算数持平|与预算数持平|持平)")
_WORD_SIGN = {"大于": 1, "高于": 1, "超过": 1, "小于": -1, "低于": -1, "等于": 0}
_RATE_WORD = re.compile(r"完成(?:年初)?预算(?:数)?的?\s*(?P<rate>\d+(?:\.\d+)?)\s*[%％][^。；]{0,4}[。，；]?\s*决算数?\s*"
                        r"(?:与预算数|同预算数)?(?P<word>大于|小于|等于|高于|低于|超过|持平)")


def _printed(text: str, unit: str) -> tuple[Decimal, Decimal]:
    """(value in 元, half a unit of its last printed digit in 元) of a figure as printed."""
    digits = text.replace(",", "")
    scale = Decimal(10000) if unit == "万元" else Decimal(1)
    decimals = len(digits.partition(".")[2])
    return Decimal(digits) * scale, Decimal(5) * Decimal(10) ** (-decimals - 1) * scale


@rule("budget-vs-actual", "“预算为 A，决算为 B”：比较词与完成预算百分比符合两数",
      "情况说明逐项写“年初预算为 A 万元，支出决算为 B 万元，完成年初预算的 P%。决算数大于/小于/等于（持平）预算数”："
      "比较词须与 B − A 的符号相符（两数相差不超过舍入范围时只能说等于或持平），P 须等于 B ÷ A × 100（按各数末位的一半留出舍入余地；"
      "多出不超过百分比末位一个单位为舍入差异，如 95.457% 印作 95.45%）。",
      classes=("inconsistency", "rounding"),
      message="预算 〈A〉、决算 〈B〉，却说“决算数〈比较词〉预算数”；完成预算写作 〈P〉%，按所列数字应为约 〈Q〉%")
def budget_vs_actual(ctx: Context) -> Iterator[Finding]:
    """上海市普陀区规划和自然资源局 2024 年决算：“一般公共预算财政拨款支出年初预算为10210.34万元，支出决算为9746.50万元，
    完成年初预算的95.45%”：9746.50 ÷ 10210.34 = 95.457%（截断而非四舍五入，舍入差异）；“年初预算为54.53万元，支出决算为54.53万元，
    完成年初预算的100.00%。决算数同预算数持平”（相符）。"""
    for section in ctx.rows("sections"):
        base, page = int(section.get("line") or 0), int(section["page"]) if section.get("page") else None
        for offset, text in enumerate((section.get("text") or "").split("\n")):
            line = base + offset + 1
            for match in _PAIR.finditer(text):
                budget, b_hu = _printed(match["budget"], match["bu"])
                actual, a_hu = _printed(match["actual"], match["au"])
                quote = text[max(0, match.start() - 40):match.end() + 60]
                figs = [Figure("预算数（文字）", budget, "元", f"section:{section['id']}", line, quote, page),
                        Figure("决算数（文字）", actual, "元", f"section:{section['id']}", line, quote, page)]
                rest = text[match.end():]
                nxt = _PAIR.search(rest)
                rest = rest[:nxt.start()] if nxt else rest
                word_match = _WORD.search(rest)
                if word_match:
                    word = word_match["word"]
                    sign = _WORD_SIGN.get(word, 0)
                    diff = actual - budget
                    within = abs(diff) <= a_hu + b_hu
                    agrees = (sign == 0 and within) or (sign != 0 and diff * sign > 0)
                    if not agrees:
                        yield Finding("budget-vs-actual", f"预算为 {match['budget']}{match['bu']}、决算为 {match['actual']}{match['au']}，"
                                      f"却说“决算数{word}预算数”：{quote}", figs, diff, a_hu + b_hu, "元",
                                      "inconsistency", line=line, page=page)
                rate_match = _RATE.search(rest)
                if rate_match and budget > b_hu:
                    rate = Decimal(rate_match["rate"])
                    rate_hu = Decimal(5) * Decimal(10) ** (-len(rate_match["rate"].partition(".")[2]) - 1)
                    bounds = _ratio_bounds(actual, a_hu, budget, b_hu)
                    cls = pct_class(rate, rate_hu, bounds) if bounds else None
                    if cls:
                        computed = (actual / budget * HUNDRED).quantize(Decimal("0.01"))
                        yield Finding("budget-vs-actual", f"预算为 {match['budget']}{match['bu']}、决算为 {match['actual']}{match['au']}，"
                                      f"完成预算写作 {rate}%，按所列数字应为约 {computed}%",
                                      [Figure("完成预算（文字）", rate, "%", f"section:{section['id']}", line, quote, page)] + figs
                                      + [Figure("按数字计算", computed, "%", "computed")],
                                      rate - computed, (bounds[1] - bounds[0]) / 2 + rate_hu, "%", cls, line=line, page=page)


@rule("basic-split", "人员经费 + 公用经费 = 一般公共预算财政拨款基本支出",
      "基本支出决算表的人员经费合计与公用经费合计之和，等于一般公共预算财政拨款基本支出；文字说明中的三个数字同样如此。"
      "表格与文字分别检查。",
      message='〈基本支出〉 与人员经费、公用经费之和不符')
def basic_split(ctx: Context) -> Iterator[Finding]:
    """上海市普陀区规划和自然资源局 2024 年决算：“基本支出5377.64万元。其中：人员经费4896.98万元…公用经费480.66万元”（文字自身相符）。"""
    for origin in ("table:", "section:"):
        def pick(measure: str) -> Fact | None:
            return next((fact for fact in ctx.facts if fact.measure == measure and fact.kind == "amount" and not fact.code
                         and not fact.item and fact.source.startswith(origin) and fact.year == ctx.year), None)
        basic, personnel, public = pick("general_budget_basic"), pick("personnel_costs"), pick("public_costs")
        if basic and personnel and public:
            yield from filter(None, [sum_finding(
                "basic-split", f"{label(basic)} 与人员经费、公用经费之和不符", figure(basic), basic.half_unit,
                [(figure(personnel), personnel.half_unit), (figure(public), public.half_unit)])])
