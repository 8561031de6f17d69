"""Lists read from the sentences against the whole they divide: the items after “其中”, a spending
total and its breakdowns (收入包括/支出包括, 按支出功能/用途分类), the shares of a listed whole."""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from generator.validate.context import Context
from generator.validate.report import Figure, Finding
from generator.validate.rules.common import classified
from generator.validate.rules.narrative import HUNDRED, _printed, _ratio_bounds
from generator.validate.rules.registry import compared, pct_class, rule, sum_finding
from generator.validate.rules.sentences import NUM, half, paragraphs

_LIST_TOTAL = re.compile(rf"(?P<v>{NUM})\s*(?P<u>万元|元)[）)]?[，,：:]?\s*(?P<word>其中|包括)[：:，,]?\s*")
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
        item = _ITEM.fullmatch(clause.removesuffix("等"))
        if item and not _NOTE.search(item["label"]) and not _NESTED.search(item["label"]):
            items.append(item)
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
      "（“名称 N万元”，以逗号、顿号、分号隔开，各项后的占比与增减不计）的金额之和等于“其中”之前的总数；紧接总数写“包括”"
      "（“预算28,283.46万元，包括在职人员经费…、项目支出…”）同样核对。列举到句末或到第一个"
      "既非一项也非对上一项的说明的分句为止；某项之下再分列（“…中”“主要包括”）时到此为止。各项之和小于总数时，只在所列各项"
      "都是预算的分类（资金来源、基本支出与项目支出、经济或功能分类的类款项、货物工程服务）或列出了为 0 的项（逐项列全的样子）时判断，"
      "否则所列可能只是一部分（“其中：信息化建设100万元、培训经费50万元”）。导入时已取作事实的句子由 parts-sum 核对。容差为各数末位的一半之和。",
      message="〈总数〉与“其中”（“包括”）所列各项之和不符")
def list_sum(ctx: Context) -> Iterator[Finding]:
    """长沙市公安局 2025 年部门预算：“2025年本单位收入预算68632.12万元，其中，一般公共预算拨款68632.12万元，
    财政专户管理事业收入0.00万元，事业单位经营服务收入0.00万元，…上年结转0.00万元。”（相符，不报告）；西南大学 2021 年部门预算：
    “我校2021年收支总预算490,808.40万元，其中本年收入预算390,140.45万元，使用非财政拨款结余18,953.73万元，上年结转81,714.17万元”
    （各项之和 490,808.35；收支总表印使用非财政拨款结余 18,953.78）；深圳市民政局（本级）2026 年部门预算：“预算28,283.46万元，
    包括在职人员经费3,738.92万元、公用经费976.21万元、对个人和家庭的补助支出766.57万元、增人增资100.00万元、项目支出22,701.77万元”
    （各项之和 28,283.47：舍入差异）。"""
    read = {(fact.source, fact.line) for fact in ctx.facts if fact.of and fact.source.startswith("section:")}
    for section, text, line_at, page in paragraphs(ctx):
        src = f"section:{section}"
        for sentence in re.finditer(r"[^。]+", text):
            for marker in _LIST_TOTAL.finditer(sentence.group(0)):
                head = sentence.group(0)[:marker.start()]
                if _CHANGED.search(head):
                    continue  # the figure before 其中 is a change, not a total
                start = sentence.start() + marker.start()
                line = line_at(start)
                if (src, line) in read or (src, line_at(sentence.end() - 1)) in read:
                    continue
                items, whole = _list_items(sentence.group(0)[marker.end():])
                if len(items) < 2:
                    continue
                parts = [(_printed(item["v"], item["u"]), item) for item in items]
                quote = sentence.group(0).strip()[:160]
                findings = []
                for value, unit, label in _totals(head, marker):
                    total, total_hu = _printed(value, unit)
                    short = sum(amount for (amount, _), _ in parts) < total
                    if short and not (whole and (any(not amount for (amount, _), _ in parts) or classified([item["label"] for item in items]))):
                        findings.append(None)  # short of the total, and maybe only some of it
                        continue
                    findings.append(sum_finding(
                        "list-sum", f"“{label}”与“{marker['word']}”所列各项之和不符：{quote}",
                        Figure(f"{label}（文字）", total, "元", src, line, quote, page), total_hu,
                        [(Figure(f"{item['label'].strip()}（文字）", amount, "元", src, line, quote, page), half_unit)
                         for (amount, half_unit), item in parts]))
                if all(findings):  # a bracketed figure and the one before it: either may be the total
                    yield findings[-1]


def _totals(head: str, marker: re.Match) -> list[tuple[str, str, str]]:
    """(value, unit, label) of the figures the list may be of: the one before 其中 and, when that
    one stands in brackets (“收入预算490,808.40万元（本年预算收入390,140.45万元），其中：”), the one before them."""
    label = re.split(r"[，,。；：:（(]", re.sub(r"[（(][^（）()]*[）)]", "", head))[-1][-20:]
    out = [(marker["v"], marker["u"], label + marker["v"] + marker["u"])]
    if ")" in marker.group(0) or "）" in marker.group(0):
        outer = re.search(rf"(?P<label>[^，,。；：:（(]{{0,20}})(?<![\d.,])(?P<v>{NUM})\s*(?P<u>万元|元)[（(][^（）()]*$", head)
        if outer:
            out.append((outer["v"], outer["u"], outer["label"] + outer["v"] + outer["u"]))
    return out


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
        for breakdown in _BREAKDOWN.finditer(text):
            lead = _lead(text[:breakdown.start()], breakdown["how"])
            if lead is None:
                continue
            end = text.find("。", breakdown.end())
            items, whole = _list_items(text[breakdown.end():end if end >= 0 else len(text)])
            if len(items) < 2:
                continue
            total, total_hu = _printed(lead["v"], lead["u"])
            parts = [(_printed(item["v"], item["u"]), item) for item in items]
            if sum(amount for (amount, _), _ in parts) < total and (breakdown["main"] or not whole):
                continue
            quote = text[breakdown.start():end if end >= 0 else len(text)][:160]
            line = line_at(breakdown.start())
            yield from filter(None, [sum_finding(
                "breakdown-sum", f"{breakdown['how']}{'包括' if len(breakdown['how']) == 2 else ''}所列各项之和与总数 {lead['v']}{lead['u']} 不符：{quote}",
                Figure("总数（文字）", total, "元", src, line_at(lead.start("v")), lead.group(0), page), total_hu,
                [(Figure(f"{item['label'].strip()}（文字）", amount, "元", src, line, quote, page), half_unit)
                 for (amount, half_unit), item in parts])])


_SHARE_ITEM = re.compile(r"(?P<label>[^\d，。；：:、]{1,30}?)(?P<value>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>万元|元)[，,]?\s*"
                         r"占(?P<of>[^\d，。；%]{0,20}?)的?(?P<pct>\d+(?:\.\d+)?)\s*[%％]")


def _share_lists(ctx: Context) -> Iterator[tuple[str, list[tuple[int, re.Match]], int | None]]:
    """(section id, items (line, match), page) of every run of “N万元，占P%” items of a section: in
    one sentence, or in lines each holding one (“基本支出7666.68万元，占56.17%；” / “项目支出…”). A
    stop (。), a lead-in (：) or more than a separator between two items ends a run."""
    for section, text, line_at, page in paragraphs(ctx):
        run: list[tuple[int, re.Match]] = []
        end = 0
        for item in _SHARE_ITEM.finditer(text):
            gap = text[end:item.start()]
            if run and ("。" in gap or "：" in gap or len(gap) > 12):
                if len(run) >= 2:
                    yield section, run, page
                run = []
            run.append((line_at(item.start("value")), item))
            end = item.end()
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
    taken = {(fact.line, fact.value) for fact in ctx.facts if fact.kind == "share" and fact.source.startswith("section:")}
    for section, items, page in _share_lists(ctx):
        parts = [(line, item, *_printed(item["value"], item["unit"])) for line, item in items]
        whole = sum(amount for _, _, amount, _ in parts)
        whole_hu = sum(half_unit for _, _, _, half_unit in parts)
        judged = []
        for line, item, value, half_unit in parts:
            pct = Decimal(item["pct"])
            pct_hu = half(item["pct"])
            bounds = _ratio_bounds(value, half_unit, whole, whole_hu)
            judged.append((line, item, value, pct, pct_hu, bounds, pct_class(pct, pct_hu, bounds) if bounds else None))
        if sum(1 for judgement in judged if judgement[6] == "inconsistency") > 1:
            continue  # the items are not the whole (or more than one share is off): nothing certain
        balanced = sum(judgement[3] for judgement in judged) == HUNDRED  # one share nudged by a last digit to make 100 %
        for line, item, value, pct, pct_hu, bounds, cls in judged:
            if cls is None or (line, pct) in taken or balanced and cls == "rounding":
                continue
            computed = (value / whole * HUNDRED).quantize(Decimal("0.01"))
            quote = item.group(0).strip()
            src = f"section:{section}"
            yield Finding("share-list", f"{item['label'].strip()} {item['value']}{item['unit']}，写作占 {pct}%，按所列各项合计应为约 {computed}%：{quote}",
                          [Figure("占比（文字）", pct, "%", src, line, quote, page),
                           Figure(f"{item['label'].strip()}（文字）", value, "元", src, line, quote, page),
                           Figure("所列各项合计", whole, "元", "sum"),
                           Figure("按数字计算", computed, "%", "computed")],
                          pct - computed, (bounds[1] - bounds[0]) / 2 + pct_hu, "%", cls, line=line, page=page)


_COUNT = r"辆|台[（(]套[）)]|台|套|件"
_COUNT_TOTAL = re.compile(rf"(?<![\d.,])(?P<v>\d+)\s*(?P<u>{_COUNT})[，,]?\s*其中[：:，,]?")
_COUNT_ITEM = re.compile(rf"(?P<label>.*?)(?:为|是)?\s*(?<![\d.,])(?P<v>\d+)\s*(?P<u>{_COUNT})$")


def _unit(unit: str) -> str:
    return unit[0]  # 台（套） counts as 台


@rule("count-list", "资产数量：“其中”所列各项不多于总数，车辆各类之和等于总数",
      "“共有车辆N辆，其中：…用车A辆、…其他用车E辆”“单位价值50万元以上设备N台，其中，单位价值100万元以上设备M台”："
      "“其中”所列（同一计量单位，以逗号、顿号、分号隔开，到另一单位或句末为止）每一项都不能多于总数；所列是车辆的各类"
      "（都以“用车”结尾，且列了“其他…用车”）时，各类之和等于总数。",
      classes=("inconsistency",),
      message="〈总数〉 N〈单位〉，“其中”〈项〉 M〈单位〉")
def count_list(ctx: Context) -> Iterator[Finding]:
    """长沙市公安局 2025 年部门预算：“共有公务用车102辆，其中，机要通信用车1辆，应急保障用车1辆，执法执勤用车84辆，特种专业技术用车12辆，
    其他按照规定配备的公务用车4辆”（相符）；同一句“单位价值50万元以上设备8台，其中，单位价值100万元以上设备15台”（一部分多于总数）。"""
    for section, text, line_at, page in paragraphs(ctx):
        src = f"section:{section}"
        for sentence in re.finditer(r"[^。]+", text):
            phrase = sentence.group(0)
            for lead in _COUNT_TOTAL.finditer(phrase):
                items = []
                for clause in re.split(r"[，、；;]", phrase[lead.end():]):
                    if not clause.strip():
                        continue
                    item = _COUNT_ITEM.match(clause.strip())
                    if item is None or _unit(item["u"]) != _unit(lead["u"]):
                        break
                    items.append(item)
                if not items:
                    continue
                total = int(lead["v"])
                head = re.split(r"[，,。；;：:]", phrase[:lead.start()])[-1][-24:]
                quote = (head + phrase[lead.start():lead.end() + items[-1].end() + 60]).strip()[:160]
                line = line_at(sentence.start() + lead.start())
                figures = [Figure(f"{head}（文字）", Decimal(total), lead["u"], src, line, quote, page)]
                over = next((item for item in items if int(item["v"]) > total), None)
                compared()
                if over is not None:
                    yield Finding("count-list", f"{head}{total}{lead['u']}，“其中”{over['label'].strip()}{over['v']}{over['u']}，一部分多于总数：{quote}",
                                  figures + [Figure(f"{over['label'].strip()}（文字）", Decimal(over["v"]), over["u"], src, line, quote, page)],
                                  Decimal(int(over["v"]) - total), Decimal(0), lead["u"], line=line, page=page)
                    continue
                vehicles = len(items) > 1 and all(item["label"].strip().endswith("用车") for item in items) \
                    and any("其他" in item["label"] for item in items)
                parts = sum(int(item["v"]) for item in items)
                if vehicles and parts != total:
                    yield Finding("count-list", f"{head}{total}{lead['u']}，“其中”各类之和为 {parts}{lead['u']}：{quote}",
                                  figures + [Figure(f"{item['label'].strip()}（文字）", Decimal(item["v"]), item["u"], src, line, quote, page)
                                             for item in items] + [Figure("各类相加", Decimal(parts), lead["u"], "sum")],
                                  Decimal(total - parts), Decimal(0), lead["u"], line=line, page=page)


_OUTLINE = r"^\s*(?:\d+\s*[.．、]|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、)?\s*"
_SCALE_HEADING = re.compile(_OUTLINE + r"(?P<subject>.+?)规模(?:变化)?情况")
_STRUCTURE_HEADING = re.compile(_OUTLINE + r"(?P<subject>.+?)结构情况")
_CLASS_ITEM = re.compile(rf"(?P<label>[\u4e00-\u9fff]+[（(]类[）)])(?:支出)?\s*(?P<v>{NUM})\s*(?P<u>万元|元)")


@rule("structure-sum", "“结构情况”所列各类之和等于上一节“规模变化情况”的总数",
      "浙江的部门预算说明先写“1.一般公共预算当年拨款规模变化情况”（当年拨款总数），再写“2.一般公共预算当年拨款结构情况”"
      "（“X（类）支出N万元，占P%”逐类列出）：各类之和等于总数。容差为各数末位的一半之和。",
      message="“〈主题〉结构情况”所列各类之和与“规模变化情况”的〈N〉万元不符")
def structure_sum(ctx: Context) -> Iterator[Finding]:
    """杭州市交通运输局 2026 年部门预算：“2026年一般公共预算当年拨款432,564.30万元…” / “一般公共服务（类）支出6,701.98万元，
    占1.6%；…交通运输（类）支出165,653.20万元，占38.3%”（七类之和 432,564.30，相符）；湖州市卫生健康委员会 2026 年：
    “…当年拨款37018.75万元” / 四类 1140.61 + 11871.20 + 23268.50 + 738.45 = 37,018.76（舍入差异）。"""
    scale: dict[str, tuple[re.Match, str, int, int | None]] = {}
    for section in ctx.rows("sections"):
        heading, text = section.get("heading") or "", (section.get("text") or "").replace("\n", "")
        line, page = int(section.get("line") or 0), int(section["page"]) if section.get("page") else None
        match = _SCALE_HEADING.match(heading)
        if match:
            total = re.search(rf"{re.escape(match['subject'].strip('。 '))}\s*(?P<v>{NUM})\s*(?P<u>万元|元)", text)
            if total:
                scale[match["subject"].strip("。 ")] = (total, section["id"], line, page)
            continue
        match = _STRUCTURE_HEADING.match(heading)
        if not match or match["subject"].strip("。 ") not in scale:
            continue
        items = list(_CLASS_ITEM.finditer(text))
        if len(items) < 2:
            continue
        total, src, total_line, total_page = scale[match["subject"].strip("。 ")]
        value, half_unit = _printed(total["v"], total["u"])
        quote = text[:160]
        finding = sum_finding(
            "structure-sum", f"“{match['subject'].strip('。 ')}结构情况”所列各类之和与“规模变化情况”的{total['v']}{total['u']}不符：{quote}",
            Figure(f"{match['subject'].strip('。 ')}（文字）", value, "元", f"section:{src}", total_line, total.group(0), total_page), half_unit,
            [(Figure(f"{item['label']}（文字）", amount, "元", f"section:{section['id']}", line + 1, quote, page), amount_hu)
             for item in items for amount, amount_hu in [_printed(item["v"], item["u"])]])
        if finding:
            yield finding
