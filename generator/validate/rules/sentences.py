"""Arithmetic read straight from the narrative's sentences, whether or not the importer took facts
from them: item lists with their change and growth rate, and the shares of a listed whole. A
section's lines are read joined (a PDF breaks a sentence wherever its line ends)."""
from __future__ import annotations

import re
from bisect import bisect_right
from decimal import Decimal
from typing import Callable, Iterator

from generator.validate.context import Context
from generator.validate.report import Figure, Finding
from generator.validate.rules.common import classified
from generator.validate.rules.narrative import HUNDRED, _printed, _ratio_bounds
from generator.validate.rules.registry import compared, pct_class, rule, sum_finding

NUM = r"\d[\d,]*(?:\.\d+)?"


def paragraphs(ctx: Context) -> Iterator[tuple[str, str, Callable[[int], int], int | None]]:
    """(section id, its text with the lines joined, the line of an offset in it, its page)."""
    for s in ctx.rows("sections"):
        base, page = int(s.get("line") or 0), int(s["page"]) if s.get("page") else None
        lines = (s.get("text") or "").split("\n")
        starts, at = [], 0
        for x in lines:
            starts.append(at)
            at += len(x)
        yield s["id"], "".join(lines), (lambda off, st=starts, b=base: b + bisect_right(st, off)), page


def _half(text: str) -> Decimal:
    """Half a unit of the last printed digit of a percentage."""
    return Decimal(5) * Decimal(10) ** (-len(text.partition(".")[2]) - 1)


_ITEM_CHANGE = re.compile(
    rf"(?P<cur>{NUM})\s*万元(?:(?!万元)[^；。]|。(?=比|较|与)){{0,60}}?(?:比|较|与)(?:上年|去年|\d{{4}}年度?)(?:年初)?"
    rf"(?:执行数|预算数|预算|决算数|决算)?(?:(?P<prior2>{NUM})\s*万元)?(?:相比)?[，,]?"
    r"(?:[^\d，。；]{0,10}?各)?"
    rf"(?P<dir>增加|减少)了?\s*(?P<chg>{NUM})\s*万元"
    rf"(?:[（(]上年(?:执行数|预算数|决算数|数)?为\s*(?P<prior>{NUM})\s*万元)?"
    r"(?:[，,]\s*(?P<rdir>增长|下降|减少|增加|降低)了?\s*(?P<rate>\d+(?:\.\d+)?)\s*[%％])?")
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
      "预算、决算说明逐项写“X（项）N万元，比上年执行数增加M万元，增长P%”：P 须等于 M ÷ 上年数 × 100（上年数 = N ∓ M，"
      "按各数末位的一半留出舍入余地；多出不超过百分比末位一个单位为舍入差异），增加须配增长、减少须配下降。"
      "写明上年数（“比2025年年初预算数4464.03万元增加240.21万元”“（上年执行数为P万元）”“（2016年度部门支出预算安排为P万元），"
      "增加M万元”）时，N − P 须等于所说的增减额，P 即上年数；“收入较去年减少M万元”的本年数是本段先前所印的“收入预算N万元”。"
      "跨行断开的句子连起来读。导入时已取作事实的句子由 change 规则核对，此处不重复。",
      message="〈N〉万元，比上年〈增加/减少〉〈M〉万元，写作〈增长/下降〉〈P〉%，按所列数字应为约 〈Q〉%")
def item_change(ctx: Context) -> Iterator[Finding]:
    """湖州市卫生健康委员会 2026 年部门预算：“一般公共预算当年拨款37018.75万元，比上年执行数减少11688.70万元，下降23.9%”：
    11688.70 ÷ 48707.45 = 23.998%，应印 24.0%（舍入差异）。"""
    quotes: dict[str, list[str]] = {}
    for f in ctx.facts:
        if f.kind == "change_rate" and f.quote:
            quotes.setdefault(f.source, []).append(f.quote)
    for section, text, line_at, page in paragraphs(ctx):
        src = f"section:{section}"
        taken = quotes.get(src, [])  # the sentences of this section the change rule checks from facts
        done: list[tuple[int, int]] = []
        for m in _ITEM_CHANGE.finditer(text):
            done.append(m.span("dir"))
            if m["rate"] and any(m.group(0) in q or m["chg"] + "万元" in q and m["rate"] in q for q in taken):
                continue
            yield from _judge(m, m["cur"], m["prior"] or m["prior2"], src, line_at(m.start("chg")), page)
        for m in _LOOSE_CHANGE.finditer(text):
            if any(a <= m.start("dir") < b for a, b in done) or any(m["chg"] + "万元" in q and m["rate"] in q for q in taken):
                continue
            cur = None
            if m["subj"]:
                found = _subject_figure(text, m["subj"], m.start())
                if found is None:
                    continue
                cur = found["cur"]
            yield from _judge(m, cur, m["prior"], src, line_at(m.start("chg")), page)


def _judge(m: re.Match, cur_text: str | None, prior_text: str | None, src: str, line: int,
           page: int | None) -> Iterator[Finding]:
    """The change phrase `m` against its current figure and its stated prior (either may be None)."""
    chg, chg_hu = _printed(m["chg"], "万元")
    up = m["dir"] == "增加"
    quote = m.group(0)
    cur = _printed(cur_text, "万元") if cur_text else None
    if cur and prior_text:
        stated, stated_hu = _printed(prior_text, "万元")
        finding = sum_finding(
            "item-change", f"{cur_text}万元 与上年数 {prior_text}万元 之差不是所说的{m['dir']}{m['chg']}万元：{quote}",
            Figure("增减额（文字）", chg if up else -chg, "元", src, line, quote, page), chg_hu,
            [(Figure("本年数（文字）", cur[0], "元", src, line, quote, page), cur[1]),
             (Figure("上年数（文字）", stated, "元", src, line, quote, page), stated_hu)], [1, -1])
        if finding:
            yield finding
            return
    if not m["rate"]:
        return
    if up != (m["rdir"] in ("增长", "增加")):
        yield Finding("item-change", f"“{m['dir']}”与“{m['rdir']}”方向相反：{quote}",
                      [Figure("增减额（文字）", chg, "元", src, line, quote, page)], line=line, page=page)
        return
    if prior_text:
        prior, prior_hu = _printed(prior_text, "万元")
        base = Figure("上年数（文字）", prior, "元", src, line, quote, page)
    elif cur:
        prior, prior_hu = (cur[0] - chg if up else cur[0] + chg), cur[1] + chg_hu
        base = Figure("上年数（本年数 ∓ 增减额）", prior, "元", "computed")
    else:
        return
    if prior <= 0:
        return
    rate = Decimal(m["rate"])
    rate_hu = _half(m["rate"])
    bounds = _ratio_bounds(chg, chg_hu, prior, prior_hu)
    cls = pct_class(rate, rate_hu, bounds) if bounds else None
    if cls:
        computed = (chg / prior * HUNDRED).quantize(Decimal("0.01"))
        head = f"{cur_text}万元，" if cur_text else ""
        figures = [Figure("增减幅度（文字）", rate, "%", src, line, quote, page)]
        if cur:
            figures.append(Figure("本年数（文字）", cur[0], "元", src, line, quote, page))
        yield Finding("item-change", f"{head}比上年{m['dir']}{m['chg']}万元，写作{m['rdir']}{rate}%，按所列数字应为约 {computed}%：{quote}",
                      figures + [Figure("增减额（文字）", chg, "元", src, line, quote, page), base,
                                 Figure("按数字计算", computed, "%", "computed")],
                      rate - computed, (bounds[1] - bounds[0]) / 2 + rate_hu, "%", cls, line=line, page=page)


_SHARE_ITEM = re.compile(r"(?P<label>[^\d，。；：:、]{1,30}?)(?P<value>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>万元|元)[，,]?\s*"
                         r"占(?P<of>[^\d，。；%]{0,20}?)的?(?P<pct>\d+(?:\.\d+)?)\s*[%％]")


def _share_lists(ctx: Context) -> Iterator[tuple[str, list[tuple[int, re.Match]], int | None]]:
    """(section id, items (line, match), page) of every run of “N万元，占P%” items of a section: in
    one sentence, or in lines each holding one (“基本支出7666.68万元，占56.17%；” / “项目支出…”). A
    stop (。), a lead-in (：) or more than a separator between two items ends a run."""
    for section, text, line_at, page in paragraphs(ctx):
        run: list[tuple[int, re.Match]] = []
        end = 0
        for m in _SHARE_ITEM.finditer(text):
            gap = text[end:m.start()]
            if run and ("。" in gap or "：" in gap or len(gap) > 12):
                if len(run) >= 2:
                    yield section, run, page
                run = []
            run.append((line_at(m.start("value")), m))
            end = m.end()
        if len(run) >= 2:
            yield section, run, page


@rule("share-list", "并列的“N万元，占P%”各项：占比等于本项与所列各项合计之比",
      "情况说明把一个总数分成几项逐项写“N万元，占P%”时（同一句或相连的几行），各项合起来就是总数：P 须等于 N ÷ 各项之和 × 100"
      "（按各数末位的一半求出比值的上下限，再加上百分比末位的一半；多出不超过末位一个单位为舍入差异，如各项占比相加为 100.07%；"
      "各项占比相加正好 100% 时，一项差末位一个单位是为凑足 100% 所作的调整，不报告）。只在除一项外其余各项都相符（或只差舍入）时判断（所列是总数的全部，而不是其中几项）；导入时已取作事实的占比由 share 规则核对。",
      message="〈项〉 〈N〉万元，写作占 〈P〉%，按所列各项合计应为约 〈Q〉%")
def share_list(ctx: Context) -> Iterator[Finding]:
    """湖州市卫生健康委员会 2026 年部门预算：“其中：一般公共预算拨款收入37018.75万元，占7.2%；政府性基金收入27600.00万元，占5.4%；
    事业收入436671.20万元，占84.7%；其他收入14023.40万元，占2.7%。”：37018.75 ÷ 515313.35 = 7.18%（相符，不报告）；
    江苏省人大常委会办公厅 2017 年部门预算：“基本支出7666.68万元，占56.17%；”与下一行“项目支出…，占…%”（相符）。"""
    taken = {(f.line, f.value) for f in ctx.facts if f.kind == "share" and f.source.startswith("section:")}
    for section, items, page in _share_lists(ctx):
        parts = [(line, m, *_printed(m["value"], m["unit"])) for line, m in items]
        whole = sum(v for _, _, v, _ in parts)
        whole_hu = sum(hu for _, _, _, hu in parts)
        judged = []
        for line, m, value, hu in parts:
            pct = Decimal(m["pct"])
            pct_hu = _half(m["pct"])
            bounds = _ratio_bounds(value, hu, whole, whole_hu)
            judged.append((line, m, value, pct, pct_hu, bounds, pct_class(pct, pct_hu, bounds) if bounds else None))
        if sum(1 for j in judged if j[6] == "inconsistency") > 1:
            continue  # the items are not the whole (or more than one share is off): nothing certain
        balanced = sum(j[3] for j in judged) == HUNDRED  # one share nudged by a last digit to make 100 %
        for line, m, value, pct, pct_hu, bounds, cls in judged:
            if cls is None or (line, pct) in taken or balanced and cls == "rounding":
                continue
            computed = (value / whole * HUNDRED).quantize(Decimal("0.01"))
            quote = m.group(0).strip()
            src = f"section:{section}"
            yield Finding("share-list", f"{m['label'].strip()} {m['value']}{m['unit']}，写作占 {pct}%，按所列各项合计应为约 {computed}%：{quote}",
                          [Figure("占比（文字）", pct, "%", src, line, quote, page),
                           Figure(f"{m['label'].strip()}（文字）", value, "元", src, line, quote, page),
                           Figure("所列各项合计", whole, "元", "sum"),
                           Figure("按数字计算", computed, "%", "computed")],
                          pct - computed, (bounds[1] - bounds[0]) / 2 + pct_hu, "%", cls, line=line, page=page)


_LIST_TOTAL = re.compile(rf"(?P<v>{NUM})\s*(?P<u>万元|元)[）)]?[，,：:]?\s*其中[：:，,]?\s*")
_CHANGED = re.compile(r"(?:增加|减少|增长|下降|增减|变化)了?\s*$")
_ITEM = re.compile(rf"(?P<label>[^\d，、；。]{{1,24}}?)(?:为|是)?\s*(?P<v>{NUM})\s*(?P<u>万元|元)")
_NOTE = re.compile(r"占|较|比|增长|下降|增加|减少|持平|无变化|相比|同比")  # a clause that annotates the item before it
_ASIDE = re.compile(r"[（(][^（）()]{2,}[）)]")  # a bracketed remark (not “（类）”)
_NESTED = re.compile(r"中|包括|主要|以下|原因")  # a breakdown of one item, or a reason: the list ends


def _list_items(rest: str) -> tuple[list[re.Match], bool]:
    """The items “label N万元” of a “其中” list, up to the first clause that is neither an item
    nor a note on the item before it (a share, a change), or an item a semicolon ends; and whether the list is whole as far as
    the words go (not cut at a clause with an amount, not ended by “等”)."""
    items = []
    pieces = re.split(r"([，、；;])", rest)
    for clause, sep in zip(pieces[::2], pieces[1::2] + [""]):
        clause = _ASIDE.sub("", clause).strip()  # “17.65万元（详见公开报表中的政府采购表）”: an aside, not a breakdown
        if not clause:
            continue
        m = _ITEM.fullmatch(clause.removesuffix("等"))
        if m and not _NOTE.search(m["label"]) and not _NESTED.search(m["label"]):
            items.append(m)
            if clause.endswith("等"):
                return items, False
            if sep in "；;" and sep:
                return items, True  # “…上年结转81,714.17万元；本年支出预算…”: a new list (“…，占56%；项目支出…” goes on)
        elif _NESTED.search(clause) or not _NOTE.search(clause):
            # the list ends: at a reason or a breakdown it is whole; at a clause that prints an
            # amount the reading did not take as an item, some of it may be unread
            amount = re.search(rf"{NUM}\s*(?:万元|元)", clause)
            return items, not amount or bool(_NESTED.search(clause) or _NOTE.search(clause))
    return items, True


@rule("list-sum", "文字中“其中”所列各项之和等于总数（导入时未取作事实的句子）",
      "“收入预算68632.12万元，其中，一般公共预算拨款68632.12万元，财政专户管理事业收入0.00万元，…”：“其中”之后逐项列出"
      "（“名称 N万元”，以逗号、顿号、分号隔开，各项后的占比与增减不计）的金额之和等于“其中”之前的总数。列举到句末或到第一个"
      "既非一项也非对上一项的说明的分句为止；某项之下再分列（“…中”“主要包括”）时到此为止。各项之和小于总数时，只在所列各项"
      "都是预算的分类（资金来源、基本支出与项目支出、经济或功能分类的类款项、货物工程服务）或列出了为 0 的项（逐项列全的样子）时判断，"
      "否则所列可能只是一部分（“其中：信息化建设100万元、培训经费50万元”）。导入时已取作事实的句子由 parts-sum 核对。容差为各数末位的一半之和。",
      message="〈总数〉与“其中”所列各项之和不符")
def list_sum(ctx: Context) -> Iterator[Finding]:
    """长沙市公安局 2025 年部门预算：“2025年本单位收入预算68632.12万元，其中，一般公共预算拨款68632.12万元，
    财政专户管理事业收入0.00万元，事业单位经营服务收入0.00万元，…上年结转0.00万元。”（相符，不报告）；西南大学 2021 年部门预算：
    “我校2021年收支总预算490,808.40万元，其中本年收入预算390,140.45万元，使用非财政拨款结余18,953.73万元，上年结转81,714.17万元”
    （各项之和 490,808.35；收支总表印使用非财政拨款结余 18,953.78）。"""
    read = {(f.source, f.line) for f in ctx.facts if f.of and f.source.startswith("section:")}
    for section, text, line_at, page in paragraphs(ctx):
        src = f"section:{section}"
        for sentence in re.finditer(r"[^。]+", text):
            for t in _LIST_TOTAL.finditer(sentence.group(0)):
                head = sentence.group(0)[:t.start()]
                if _CHANGED.search(head):
                    continue  # the figure before 其中 is a change, not a total
                start = sentence.start() + t.start()
                line = line_at(start)
                if (src, line) in read or (src, line_at(sentence.end() - 1)) in read:
                    continue
                items, whole = _list_items(sentence.group(0)[t.end():])
                if len(items) < 2:
                    continue
                parts = [(_printed(m["v"], m["u"]), m) for m in items]
                quote = sentence.group(0).strip()[:160]
                findings = []
                for value, unit, label in _totals(head, t):
                    total, total_hu = _printed(value, unit)
                    short = sum(v for (v, _), _ in parts) < total
                    if short and not (whole and (any(not v for (v, _), _ in parts) or classified([m["label"] for m in items]))):
                        findings.append(None)  # short of the total, and maybe only some of it
                        continue
                    findings.append(sum_finding(
                        "list-sum", f"“{label}”与“其中”所列各项之和不符：{quote}",
                        Figure(f"{label}（文字）", total, "元", src, line, quote, page), total_hu,
                        [(Figure(f"{m['label'].strip()}（文字）", v, "元", src, line, quote, page), hu)
                         for (v, hu), m in parts]))
                if all(findings):  # a bracketed figure and the one before it: either may be the total
                    yield findings[-1]


def _totals(head: str, t: re.Match) -> list[tuple[str, str, str]]:
    """(value, unit, label) of the figures the list may be of: the one before 其中 and, when that
    one stands in brackets (“收入预算490,808.40万元（本年预算收入390,140.45万元），其中：”), the one before them."""
    label = re.split(r"[，,。；：:（(]", re.sub(r"[（(][^（）()]*[）)]", "", head))[-1][-20:]
    out = [(t["v"], t["u"], label + t["v"] + t["u"])]
    if ")" in t.group(0) or "）" in t.group(0):
        outer = re.search(rf"(?P<label>[^，,。；：:（(]{{0,20}})(?<![\d.,])(?P<v>{NUM})\s*(?P<u>万元|元)[（(][^（）()]*$", head)
        if outer:
            out.append((outer["v"], outer["u"], outer["label"] + outer["v"] + outer["u"]))
    return out


_FLAT = re.compile(r"(?<!基本)持平")
_MOVE = re.compile(rf"(?P<dir>增加|减少|增长|下降|上升|降低)了?\s*(?P<v>{NUM})\s*(?P<u>万元|元|%|％)")


def _scopes(segment: str) -> Iterator[tuple[int, str]]:
    """(offset, text) of the parts of a segment that speak of one item: a clause printing an amount
    that is not a change (“公务接待费3.4万元”), a “其中” or a clause naming another item before its
    comparison (“因公出国（境）费支出与上一年度持平”) begins a new part."""
    start = 0
    for c in re.finditer(r"[^，,：:]+", segment):
        clause = c.group(0)
        moves = [m.span() for m in _MOVE.finditer(clause)]
        amount = any(not any(a <= m.start() < b for a, b in moves) for m in re.finditer(rf"{NUM}\s*(?:万元|元)", clause))
        named = re.match(r"\s*[^\d，。；]{2,}?(?:与|同|较|比)", clause) and not re.match(r"\s*(?:与|同|较|比|主要)", clause)
        if c.start() > start and (amount or "其中" in clause or named):
            yield start, segment[start:c.start()]
            start = c.start()
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
                m = next((m for m in _MOVE.finditer(part) if Decimal(m["v"].replace(",", ""))), None)
                if m is None:
                    continue
                quote = seg.group(0).strip()[:160]
                line = line_at(seg.start() + off + m.start())
                unit = "%" if m["u"] in "%％" else m["u"]
                value = Decimal(m["v"].replace(",", "")) if unit == "%" else _printed(m["v"], unit)[0]
                yield Finding("flat-word", f"写“持平”，却写“{m.group(0)}”：{quote}",
                              [Figure("增减（文字）", value, "%" if unit == "%" else "元", f"section:{section}", line, quote, page)],
                              line=line, page=page)


_BREAKDOWN = re.compile(r"(?P<how>按(?:支出)?(?:功能|用途|经济)(?:分类)?(?:科目)?|收入|支出)[，,]?\s*(?P<main>主要)?"
                        r"(?:包括|分别为|分别是)[：:]?")
_SPENDING = re.compile(rf"支出[^，。；\d]{{0,16}}?(?<![\d.,])(?P<v>{NUM})\s*(?P<u>万元|元)")
_BOTH = re.compile(rf"收[、，]?\s*支[^，。；\d]{{0,14}}?(?<![\d.,])(?P<v>{NUM})\s*(?P<u>万元|元)")  # 财政拨款收支总预算64618.75万元


def _lead(text: str, how: str) -> re.Match | None:
    """The total a breakdown divides: for “收入包括：/支出包括：” the last 收支 total printed before it,
    for “按支出功能分类，包括” the first figure printed after “支出” in the section."""
    if how in ("收入", "支出"):
        found = list(_BOTH.finditer(text))
        return found[-1] if found else None
    return _SPENDING.search(text)


@rule("breakdown-sum", "收支总数与其分项：“收入包括/支出包括”“按支出功能、用途分类，包括”所列各项之和等于总数",
      "情况说明先写支出总数（“2026年支出预算515313.35万元”），再“按支出功能分类，包括A N万元、B M万元…”“按支出用途分类，"
      "包括…”逐项列出时：每种分法所列各项之和都等于该总数（本节“支出”之后所印的第一个金额）；写“财政拨款收支总预算N万元。"
      "收入包括：…；支出包括：…”时，收入、支出所列各项之和各等于 N。写“主要包括”、以“等”结尾时，所列少于总数不作判断。"
      "容差为各数末位的一半之和。",
      message="〈分法〉所列各项之和与总数 〈N〉 不符")
def breakdown_sum(ctx: Context) -> Iterator[Finding]:
    """杭州市交通运输局 2026 年部门预算：“2026年支出预算665964.37万元…1.按支出功能分类，包括一般公共服务支出6,701.98万元、
    国防支出18.00万元、…其他支出10,493.00万元。2.按支出用途分类，包括人员支出73,924.43万元，占11.1%；…”（两种分法都相符）；
    湖州市卫生健康委员会 2026 年部门预算：“支出预算515313.35万元…1.按支出功能分类，包括科学技术支出1140.61万元、…住房保障支出
    16588.47万元。”各项之和 500,313.35 万元，缺支出预算总表所列其他支出 15,000.00 万元；“财政拨款收支总预算64618.75万元。
    收入包括：…；支出包括：科学技术支出1140.61万元、…其他支出15000.00万元。”支出各项之和 64,618.76（舍入差异）。"""
    for section, text, line_at, page in paragraphs(ctx):
        src = f"section:{section}"
        for b in _BREAKDOWN.finditer(text):
            lead = _lead(text[:b.start()], b["how"])
            if lead is None:
                continue
            end = text.find("。", b.end())
            items, whole = _list_items(text[b.end():end if end >= 0 else len(text)])
            if len(items) < 2:
                continue
            total, total_hu = _printed(lead["v"], lead["u"])
            parts = [(_printed(m["v"], m["u"]), m) for m in items]
            if sum(v for (v, _), _ in parts) < total and (b["main"] or not whole):
                continue
            quote = text[b.start():end if end >= 0 else len(text)][:160]
            line = line_at(b.start())
            yield from filter(None, [sum_finding(
                "breakdown-sum", f"{b['how']}{'包括' if len(b['how']) == 2 else ''}所列各项之和与总数 {lead['v']}{lead['u']} 不符：{quote}",
                Figure("总数（文字）", total, "元", src, line_at(lead.start("v")), lead.group(0), page), total_hu,
                [(Figure(f"{m['label'].strip()}（文字）", v, "元", src, line, quote, page), hu) for (v, hu), m in parts])])
