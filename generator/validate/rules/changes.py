"""Changes on the year before, read from the sentences: an amount, its change and its growth rate
(“N万元，比上年增加M万元，增长P%”), the direction words against the figures, and 持平 beside a change."""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from generator.validate.context import Context
from generator.validate.report import Figure, Finding
from generator.validate.rules.narrative import HUNDRED, _printed, _ratio_bounds
from generator.validate.rules.registry import compared, pct_class, rule, same_figure, sum_finding
from generator.validate.rules.sentences import NUM, half, paragraphs

_ITEM_CHANGE = re.compile(
    rf"(?P<cur>{NUM})\s*万元(?:(?!万元)[^；。]|。(?=比|较|与)){{0,60}}?(?:比|较|与)(?:上年|去年|\d{{4}}年度?)(?:年初)?"
    rf"(?:执行数|预算数|预算|决算数|决算)?(?:(?P<prior2>{NUM})\s*万元)?(?:相比)?[，,]?"
    r"(?:[^\d，。；]{0,10}?各)?"
    rf"(?P<dir>增加|减少)了?\s*(?P<chg>{NUM})\s*万元"
    rf"(?:[（(]上年(?:执行数|预算数|决算数|数)?为\s*(?P<prior>{NUM})\s*万元)?"
    r"(?:[，,]\s*(?P<rdir>增长|下降|减少|增加|降低)了?\s*(?P<rate>\d+(?:\.\d+)?)\s*[%％]"
    r"|[（(](?P<brate>\d+(?:\.\d+)?)\s*[%％][）)])?")  # or the rate in brackets: “减少14.2万元（44.38%）”
# a change and its rate whose base is elsewhere in the paragraph: a prior stated in brackets
# (“与2016年度相比（2016年度部门支出预算安排为8,648.07万元），增加498.72万元，增长5.77%”) or the figure of
# the phrase's subject (“收入预算68632.12万元，…。收入较去年减少1316.82万元，下降1.88%”)
_LOOSE_CHANGE = re.compile(
    rf"(?:[（(](?:上年|\d{{4}}年度?)[^（）()]{{0,24}}?为\s*(?P<prior>{NUM})\s*万元[）)][，,]?\s*"
    rf"|(?<![\u4e00-\u9fff])(?P<subj>[\u4e00-\u9fff]{{2,6}}?)(?:较|比)(?:去年|上年)(?:执行数|预算数|预算|决算数|决算)?[，,]?)"
    rf"(?P<dir>增加|减少)了?\s*(?P<chg>{NUM})\s*万元[，,]\s*(?P<rdir>增长|下降|减少|增加|降低)了?\s*"
    r"(?P<rate>\d+(?:\.\d+)?)\s*[%％]")


def _subject_figure(text: str, subj: str, end: int) -> re.Match | None:
    """The first figure the paragraph prints for the phrase's subject before it (“收入预算68632.12万元”)."""
    return re.search(rf"{re.escape(subj)}(?:预算|决算)?(?:数|总额|合计|总计)?(?:为|是)?\s*(?P<cur>{NUM})\s*万元", text[:end])


@rule("item-change", "逐项列出的“N万元，比上年增加/减少M万元，增长/下降P%”自身一致",
      "预算、决算说明逐项写“X（项）N万元，比上年执行数增加M万元，增长P%”（或“增加M万元（P%）”）：P 须等于 M ÷ 上年数 × 100（上年数 = N ∓ M，"
      "按各数末位的一半留出舍入余地；多出不超过百分比末位一个单位为舍入差异），增加须配增长、减少须配下降。"
      "写明上年数（“比2025年年初预算数4464.03万元增加240.21万元”“（上年执行数为P万元）”“（2016年度部门支出预算安排为P万元），"
      "增加M万元”）时，N − P 须等于所说的增减额，P 即上年数；“收入较去年减少M万元”的本年数是本段先前所印的“收入预算N万元”。"
      "跨行断开的句子连起来读。导入时已取作事实的句子由 change 规则核对，此处不重复。",
      message="〈N〉万元，比上年〈增加/减少〉〈M〉万元，写作〈增长/下降〉〈P〉%，按所列数字应为约 〈Q〉%")
def item_change(ctx: Context) -> Iterator[Finding]:
    """湖州市卫生健康委员会 2026 年部门预算：“一般公共预算当年拨款37018.75万元，比上年执行数减少11688.70万元，下降23.9%”：
    11688.70 ÷ 48707.45 = 23.998%，应印 24.0%（舍入差异）；中共西安市委宣传部 2021 年部门综合预算：“会议费32万元，较上年减少14.2万元
    （44.38%）”：14.2 ÷ 46.2 = 30.74%（44.38% 是除以本年数）。"""
    quotes: dict[str, list[str]] = {}
    for fact in ctx.facts:
        if fact.kind == "change_rate" and fact.quote:
            quotes.setdefault(fact.source, []).append(fact.quote)
    for section, text, line_at, page in paragraphs(ctx):
        src = f"section:{section}"
        taken = quotes.get(src, [])  # the sentences of this section the change rule checks from facts
        done: list[tuple[int, int]] = []
        for match in _ITEM_CHANGE.finditer(text):
            done.append(match.span("dir"))
            if match["rate"] and any(match.group(0) in quote or match["chg"] + "万元" in quote and match["rate"] in quote
                                     for quote in taken):
                continue
            yield from _judge(match, match["cur"], match["prior"] or match["prior2"], src, line_at(match.start("chg")), page)
        for match in _LOOSE_CHANGE.finditer(text):
            if any(start <= match.start("dir") < end for start, end in done) or any(match["chg"] + "万元" in quote and match["rate"] in quote for quote in taken):
                continue
            cur = None
            if match["subj"]:
                found = _subject_figure(text, match["subj"], match.start())
                if found is None:
                    continue
                cur = found["cur"]
            yield from _judge(match, cur, match["prior"], src, line_at(match.start("chg")), page)


def _judge(match: re.Match, cur_text: str | None, prior_text: str | None, src: str, line: int,
           page: int | None) -> Iterator[Finding]:
    """The change phrase `m` against its current figure and its stated prior (either may be None)."""
    chg, chg_hu = _printed(match["chg"], "万元")
    increase = match["dir"] == "增加"
    quote = match.group(0)
    cur = _printed(cur_text, "万元") if cur_text else None
    if cur and prior_text:
        stated, stated_hu = _printed(prior_text, "万元")
        finding = sum_finding(
            "item-change", f"{cur_text}万元 与上年数 {prior_text}万元 之差不是所说的{match['dir']}{match['chg']}万元：{quote}",
            Figure("增减额（文字）", chg if increase else -chg, "元", src, line, quote, page), chg_hu,
            [(Figure("本年数（文字）", cur[0], "元", src, line, quote, page), cur[1]),
             (Figure("上年数（文字）", stated, "元", src, line, quote, page), stated_hu)], [1, -1])
        if finding:
            yield finding
            return
    rate_text = match["rate"] or match.groupdict().get("brate")
    rdir = match["rdir"] or ("增长" if increase else "下降")  # a bracketed rate goes the way of its change
    if not rate_text:
        return
    if increase != (rdir in ("增长", "增加")):
        yield Finding("item-change", f"“{match['dir']}”与“{rdir}”方向相反：{quote}",
                      [Figure("增减额（文字）", chg, "元", src, line, quote, page)], line=line, page=page)
        return
    if prior_text:
        prior, prior_hu = _printed(prior_text, "万元")
        base = Figure("上年数（文字）", prior, "元", src, line, quote, page)
    elif cur:
        prior, prior_hu = (cur[0] - chg if increase else cur[0] + chg), cur[1] + chg_hu
        base = Figure("上年数（本年数 ∓ 增减额）", prior, "元", "computed")
    else:
        return
    if prior <= 0:
        return
    rate = Decimal(rate_text)
    rate_hu = half(rate_text)
    bounds = _ratio_bounds(chg, chg_hu, prior, prior_hu)
    cls = pct_class(rate, rate_hu, bounds) if bounds else None
    if cls:
        computed = (chg / prior * HUNDRED).quantize(Decimal("0.01"))
        head = f"{cur_text}万元，" if cur_text else ""
        figures = [Figure("增减幅度（文字）", rate, "%", src, line, quote, page)]
        if cur:
            figures.append(Figure("本年数（文字）", cur[0], "元", src, line, quote, page))
        yield Finding("item-change", f"{head}比上年{match['dir']}{match['chg']}万元，写作{rdir}{rate}%，按所列数字应为约 {computed}%：{quote}",
                      figures + [Figure("增减额（文字）", chg, "元", src, line, quote, page), base,
                                 Figure("按数字计算", computed, "%", "computed")],
                      rate - computed, (bounds[1] - bounds[0]) / 2 + rate_hu, "%", cls, line=line, page=page)


_FLAT = re.compile(r"(?<!基本)持平")
_MOVE = re.compile(rf"(?P<dir>增加|减少|增长|下降|上升|降低)了?\s*(?P<v>{NUM})\s*(?P<u>万元|元|%|％)")


def _scopes(segment: str) -> Iterator[tuple[int, str]]:
    """(offset, text) of the parts of a segment that speak of one item: a clause printing an amount
    that is not a change (“公务接待费3.4万元”), a “其中” or a clause naming another item before its
    comparison (“因公出国（境）费支出与上一年度持平”) begins a new part."""
    start = 0
    for piece in re.finditer(r"[^，,：:]+", segment):
        clause = piece.group(0)
        moves = [match.span() for match in _MOVE.finditer(clause)]
        amount = any(not any(move_start <= match.start() < move_end for move_start, move_end in moves)
                     for match in re.finditer(rf"{NUM}\s*(?:万元|元)", clause))
        named = re.match(r"\s*[^\d，。；]{2,}?(?:与|同|较|比)", clause) and not re.match(r"\s*(?:与|同|较|比|主要)", clause)
        if piece.start() > start and (amount or "其中" in clause or named):
            yield start, segment[start:piece.start()]
            start = piece.start()
    yield start, segment[start:]


@rule("flat-word", "说“持平”的分句没有写出增减",
      "说同一项的几个分句（以“。”“；”分隔，另一项的金额、“其中”或另起主语的比较开始另一项）中既说与上年（预算）“持平”，"
      "又写出不为 0 的增加、减少额或增长、下降幅度，二者矛盾（“增加0.00万元，增长0.00%，与上年持平”相符；“基本持平”允许小幅变动，"
      "不判断；“三公”经费“减少0.15万元…其中：因公出国（境）费支出与上一年度持平”说的是两项）。",
      classes=("inconsistency",),
      message="写“持平”，却写〈增加/减少〉〈M〉")
def flat_word(ctx: Context) -> Iterator[Finding]:
    """福州市公安局文职人员管理中心 2026 年单位预算：“2026年预算安排9.20万元，其中：公务用车运行费9.20万元，比上年增加0.00万元，
    增长0.00%，与上年持平”（相符，不报告）。"""
    for section, text, line_at, page in paragraphs(ctx):
        for seg in re.finditer(r"[^。；;]+", text):
            for off, part in _scopes(seg.group(0)):
                if not _FLAT.search(part):
                    continue
                compared()  # a 持平 held against the changes printed beside it
                move = next((move for move in _MOVE.finditer(part) if Decimal(move["v"].replace(",", ""))), None)
                if move is None:
                    continue
                quote = seg.group(0).strip()[:160]
                line = line_at(seg.start() + off + move.start())
                yield Finding("flat-word", f"写“持平”，却写“{move.group(0)}”：{quote}",
                              [_change_figure(move["v"], move["u"], f"section:{section}", line, quote, page)],
                              line=line, page=page)



def _change_figure(number: str, unit: str, source: str, line: int, quote: str, page: int | None) -> Figure:
    """A change the narrative prints, as a figure: a percentage as printed, an amount in 元."""
    if unit in "%％":
        return Figure("增减（文字）", Decimal(number.replace(",", "")), "%", source, line, quote, page)
    return Figure("增减（文字）", _printed(number, unit)[0], "元", source, line, quote, page)

# a department's (unit's) whole budget income or spending, and its change on the year before, either
# right after the figure (“收入预算为1468.70万元，比上年减少205.75万元”) or in a sentence of its own
# (“2022年本部门预算收入较上年增加406.39万元”); spending “相应安排” beside income is the whole too
_WHOLE = re.compile(rf"(?:部门|单位|相应安排)(?:当年)?(?:预算(?P<io>收入|支出)|(?P<io2>收入|支出)预算)(?:为|是)?\s*(?P<n>{NUM})\s*万元"
                    rf"(?:[，,]\s*(?:较|比)(?:上年|去年|\d{{4}}年)(?:年初)?(?:预算)?(?:数)?[，,]?\s*(?P<dir>增加|减少)了?\s*(?P<chg>{NUM})\s*万元)?")
_WHOLE_CHANGE = re.compile(rf"(?:部门|单位)(?:当年)?(?:预算(?P<io>收入|支出)|(?P<io2>收入|支出)预算)(?:较|比)(?:上年|去年)[，,]?\s*"
                           rf"(?P<dir>增加|减少)了?\s*(?P<chg>{NUM})\s*万元")


@rule("balanced-change", "收支平衡的预算：收入与支出比上年的增减额相同",
      "部门预算的收入总计与支出总计相等（收支总表两边平衡），上年也是如此，所以两者比上年的增减额必然相同。情况说明在同一段写出"
      "部门（单位）预算收入与预算支出，两数相同且等于收支总表的收入总计，又各写了比上年的增减额时，两个增减额须相等"
      "（容差为两数末位的一半之和）。只看预算；两数不同（收入不含上年结转等）时不判断。",
      message="预算收入与预算支出同为〈N〉万元，比上年的增减额却不同：收入〈增加/减少〉〈A〉万元，支出〈增加/减少〉〈B〉万元")
def balanced_change(ctx: Context) -> Iterator[Finding]:
    """西安市气象局 2022 年部门综合预算：“2022年本部门预算收入1899.9万元…2022年本部门预算收入较上年增加406.39万元…
    2022年本部门预算支出1899.9万元…2022年本部门预算支出较上年增加406.39万元”（相符，不报告；收入写作增加506.39万元时报告）。"""
    if ctx.package.kind != "budget":
        return
    totals = [fact for fact in ctx.facts if fact.measure == "total_income_expenditure" and fact.kind == "amount"
              and fact.year == ctx.year and fact.source.startswith("table:")]
    for section, text, line_at, page in paragraphs(ctx):
        found: dict[str, tuple[re.Match, re.Match]] = {}
        for match in _WHOLE.finditer(text):
            side = match["io"] or match["io2"]
            if side in found:
                continue
            change = match if match["chg"] else next((later for later in _WHOLE_CHANGE.finditer(text, match.end()) if (later["io"] or later["io2"]) == side), None)
            if change is not None:
                found[side] = (match, change)
        if len(found) < 2 or found["收入"][0]["n"] != found["支出"][0]["n"]:
            continue
        whole, whole_hu = _printed(found["收入"][0]["n"], "万元")
        if not any(abs(total.value - whole) <= total.half_unit + whole_hu for total in totals):
            continue  # not the balanced total of the tables (this year's income without 上年结转, say)
        (_, income), (_, spending) = found["收入"], found["支出"]
        income_change, income_hu = _printed(income["chg"], "万元")
        spending_change, spending_hu = _printed(spending["chg"], "万元")
        src = f"section:{section}"
        income_quote, spending_quote = income.group(0), spending.group(0)
        finding = same_figure(
            "balanced-change", f"预算收入与预算支出同为{found['收入'][0]['n']}万元，比上年的增减额却不同："
                               f"收入{income['dir']}{income['chg']}万元，支出{spending['dir']}{spending['chg']}万元",
            Figure("收入比上年增减（文字）", income_change if income["dir"] == "增加" else -income_change, "元", src, line_at(income.start("chg")), income_quote, page), income_hu,
            Figure("支出比上年增减（文字）", spending_change if spending["dir"] == "增加" else -spending_change, "元", src, line_at(spending.start("chg")), spending_quote, page), spending_hu)
        if finding:
            yield finding


_REASON = re.compile(rf"(?P<dir>增加|减少|增长|下降)了?\s*(?P<v>{NUM})\s*(?P<u>万元|元|[%％])"
                     rf"(?:[，,]?\s*[（(]?\s*(?:增长|下降|增幅|降幅)?\s*{NUM}\s*[%％]\s*[）)]?)?"
                     r"[，,]\s*(?:其|其中)?(?:主要)?(?:是)?(?P<why>增长|增加|下降|减少)的(?:主要)?原因")


@rule("reason-direction", "增减的方向与“增加（减少）的主要原因”一致",
      "“较上年增加M万元，减少的主要原因是…”：同一句先说增加、再解释减少（或反之），两处方向必有一处写错。增减额为 0 时不判断。",
      classes=("inconsistency",),
      message="写“〈增加〉〈M〉万元”，接着却说“〈减少〉的主要原因”")
def reason_direction(ctx: Context) -> Iterator[Finding]:
    """中共西安市委宣传部 2021 年部门综合预算：“2021年本部门当年一般公共预算“三公”经费预算支出6.51万元，较上年增加9.49万元，
    减少的主要原因是2021年预算贯彻财政“过紧日子”要求压缩经费”（表13 上年“三公”经费 16.00 万元：实为减少 9.49 万元）。"""
    for section, text, line_at, page in paragraphs(ctx):
        for match in _REASON.finditer(text):
            compared()
            increase, why_increase = match["dir"] in ("增加", "增长"), match["why"] in ("增加", "增长")
            if increase == why_increase or not Decimal(match["v"].replace(",", "")):
                continue
            line = line_at(match.start())
            start = max(text.rfind("。", 0, match.start()), text.rfind("；", 0, match.start())) + 1
            quote = text[start:match.end()].strip()[-160:]
            yield Finding("reason-direction", f"写“{match['dir']}{match['v']}{match['u']}”，接着却说“{match['why']}的主要原因”：{quote}",
                          [_change_figure(match["v"], match["u"], f"section:{section}", line, quote, page)],
                          line=line, page=page)


_CHANGE_TOTAL = re.compile(rf"(?P<dir>增加|减少)了?\s*(?P<v>{NUM})\s*万元(?:[，,]\s*(?:增长|降低|下降|减少|增加)了?\s*{NUM}\s*[%％])?"
                           r"[，,。]\s*(?P<how>其中|主要是)[：:，,]?\s*")
_CHANGE_PART = re.compile(rf"^(?P<label>[^\d，。；：:]{{2,24}}?)(?P<dir>增加|减少)了?\s*(?P<v>{NUM})\s*万元")
_BASIC_PROJECT = {"基本支出", "项目支出"}
# the income sources a label names, and the table facts each covers (财政拨款 is the three funds together)
_SOURCES = {"一般公共预算": ("income_general_budget",), "政府性基金": ("income_gov_fund",),
            "国有资本经营": ("income_state_capital",),
            "财政拨款": ("income_general_budget", "income_gov_fund", "income_state_capital", "income_fiscal"),
            "事业收入": ("income_business",), "经营收入": ("income_operating",), "上级补助": ("income_superior_subsidy",),
            "附属单位": ("income_subsidiary",), "其他收入": ("income_other", "income_other_funds")}


def _whole(ctx: Context, labels: list[str], classes: set[str]) -> bool:
    """The labels split a whole, as far as the tables show: 基本支出 and 项目支出; function 类 naming every
    类 the tables print a figure for; income sources covering every source the tables print as not 0."""
    if set(labels) == _BASIC_PROJECT:
        return True
    if all(label in classes for label in labels):
        spent = {ctx.codes.function_name(row["code"], ctx.year) for table in ctx.tables.values() for row in table.rows
                 if len(row.get("code") or "") == 3 and row["code"].startswith("2") and any(
                     isinstance(value, Decimal) and value for key, value in row.items() if key != "row")}
        return bool(spent) and spent <= set(labels)
    covered = [next((measures for name, measures in _SOURCES.items() if name in label), None) for label in labels]
    if None in covered:
        return False
    sources = {fact.measure for fact in ctx.facts if fact.source.startswith("table:") and fact.kind == "amount" and fact.year == ctx.year
               and fact.value and fact.measure in {measure for measures in _SOURCES.values() for measure in measures}} - {"income_fiscal"}  # a subtotal
    return bool(sources) and sources <= {measure for measures in covered for measure in measures}


@rule("change-parts", "增减额与其分项的增减额：“增加T万元，其中A增加a万元，B减少b万元”",
      "“比上年增加118.76万元，其中一般公共预算收入增加83.76万元，其他收入增加35万元”：分项的增减额（减少记负）之和等于总的增减额。"
      "只在分项分得完整时判断：基本支出与项目支出；功能分类的类（按名称），表中印有数字的类都列到了；资金来源，表中本年不为 0 的来源都列到了"
      "（财政拨款收入包括三种财政拨款）；写“主要是”时，只在所列正好是基本支出与"
      "项目支出两项（分得完整）时判断。容差为各数末位的一半之和。",
      message="增减〈T〉万元与分项增减之和不符")
def change_parts(ctx: Context) -> Iterator[Finding]:
    """烟台市审计局 2026 年部门预算：“2.支出预算增加118.76万元，其中基本支出增加79.26万元，项目支出增加39.5万元”（相符）；
    重庆市规划和自然资源局 2026 年：“比2025年减少29,815.76万元，主要是基本支出增加9,481.64万元，项目支出减少39,297.4万元”（相符）；
    西南大学 2023 年决算：“支出总计457,676.75万元，与2022年度相比，增加54,492.83万元，增长13.52%。其中：教育支出增加52,499.75万元，…
    其他支出增加32.50万元”（六个功能类，相符）。"""
    classes = {ctx.codes.function_name(str(code), ctx.year) for code in range(201, 235)} - {None}  # the function 类 by name
    for section, text, line_at, page in paragraphs(ctx):
        src = f"section:{section}"
        for head in _CHANGE_TOTAL.finditer(text):
            parts = []
            for clause in re.split(r"[，；;]|,(?!\d)",
                                   text[head.end():re.search(r"。|$", text[head.end():]).start() + head.end()]):
                part = _CHANGE_PART.match(clause.strip())
                if part is None:
                    break
                parts.append(part)
            labels = [part["label"].strip() for part in parts]
            if len(parts) < 2 or not _whole(ctx, labels, classes) or head["how"] == "主要是" and set(labels) != _BASIC_PROJECT:
                continue
            total, total_hu = _printed(head["v"], "万元")
            line = line_at(head.start())
            quote = text[max(0, head.start() - 20):head.end() + 120]
            finding = sum_finding(
                "change-parts", f"{head['dir']}{head['v']}万元与所列分项的增减之和不符：{quote}",
                Figure("增减额（文字）", total if head["dir"] == "增加" else -total, "元", src, line, quote, page), total_hu,
                [(Figure(f"{part['label'].strip()}增减（文字）", amount if part["dir"] == "增加" else -amount, "元", src, line,
                         quote, page), half_unit)
                 for part in parts for amount, half_unit in [_printed(part["v"], "万元")]])
            if finding:
                yield finding


_LEAF = ("会议费", "培训费", "公务接待费", "因公出国（境）费", "公务用车运行维护费", "公务用车运行费", "公务用车购置费")
_LEAF_ALT = "|".join(map(re.escape, _LEAF))
_ITEM_REASON = re.compile(rf"(?P<item>{_LEAF_ALT})[^。；]{{0,40}}?(?:增加|减少|下降|增长)[^。；]{{0,30}}?原因(?:是|为)?[：:]?"
                          rf"(?P<why>[^。；]{{0,80}})")


@rule("reason-item", "增减原因说的是另一项经费",
      "“会议费预算支出1.96万元，较上年减少0.04万元…下降的主要原因是：…减少公务接待费预算”：一项经费（会议费、培训费、“三公”"
      "的各项）的增减原因只说到另一项经费、不提本项时，原因多半是从相邻一项照抄的。原因同时提到本项（“从会议费预算中调减…用于培训费开支”）"
      "或同属公务用车的两项时不报告。",
      classes=("inconsistency",),
      message="〈本项〉增减的原因说的是〈另一项〉")
def reason_item(ctx: Context) -> Iterator[Finding]:
    """西安市行政审批服务局 2025 年部门预算：“本部门当年一般公共预算会议费预算支出1.96万元，较上年减少0.04万元，下降2.00%，下降的主要原因是：
    落实过紧日子相关要求，减少公务接待费预算。”（与前一句公务接待费的原因一字不差）。"""
    for _, text, line_at, page in paragraphs(ctx):
        for match in _ITEM_REASON.finditer(text):
            compared()
            named = set(re.findall(_LEAF_ALT, match["why"]))
            others = {item for item in named
                      if not (item.startswith("公务用车") and match["item"].startswith("公务用车"))} - {match["item"]}
            if not others or match["item"] in named:
                continue
            line = line_at(match.start())
            quote = match.group(0)[:160]
            other = sorted(others)[0]
            yield Finding("reason-item", f"{match['item']}增减的原因说的是{other}：{quote}",
                          [], None, None, "", line=line, page=page)
