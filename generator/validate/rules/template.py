"""Template text left unfilled and years that contradict the report year."""
from __future__ import annotations

import re
from typing import Iterator

from generator.validate.context import Context
from generator.validate.report import Finding, Place
from generator.validate.rules.registry import rule

LEFTOVERS = [
    (re.compile(r"\*{2,}"), "占位符“***”"),
    (re.compile(r"[XＸ×]{2}(?:局|部|单位|万元|年|个)"), "占位符“XX”"),
    (re.compile(r"\[值\]|【值】|［值］"), "占位符“[值]”"),
    (re.compile(r"[大小]于\s*/\s*等于|等于\s*/\s*[大小]于"), "未选定的比较词“小于/等于”"),
    (re.compile(r"(增加|减少|增长|下降|大于|小于)[（(](增加|减少|增长|下降|降低|大于|小于)[）)]"), "未选定的“增加（减少）”"),
    (re.compile(r"(?:主要用于|主要原因是|具体内容包括)\s*(?:…|\.{3})"), "未填写的“主要用于…”"),
    (re.compile(r"(?:主要原因是|原因是|主要用于|主要包括)[：:]?\s*[。；;]"), "未填写的“主要原因是。”"),
    (re.compile(r"…\s*[（(]具体[^）)]*[）)]"), "未填写的“…（具体工作）”"),
    (re.compile(r"[（(]\s*(?:按|根据|参照|请|此处)[^（）()]{0,60}(?:填写|填列|列示)\s*[）)]|[（(]\s*增加内容\s*[）)]"
                r"|(?:请在|请按|请根据)[^。；]{0,30}(?:添加|填写|填列|删除)|不得随意(?:改变|调整|删除)"),
     "编写说明未删除"),
    (re.compile(r"(?:支出|收入|预算|决算|为|合计|总计|共计|达)(?:万元|元)(?![\w（(])"), "金额空缺"),
    (re.compile(r"(?:比|较)(?:上年|去年|\d{4}年)(?:预算)?(?:数)?\s*\d[\d,]*(?:\.\d+)?\s*万元[，,]\s*(?:增加|增长|减少|下降)\s*\d[\d.]*\s*[%％]"),
     "增减额前缺“增加/减少”"),
    (re.compile(r"([。，；：、])\1"), "标点重复"),
    (re.compile(r"([\u4e00-\u9fff]{3,10})\1"), "词语重复"),
]
# next to a zero there is no direction to choose: "增加（减少）0万元，增长（减少）0%" is filled in
_ZERO_AFTER = re.compile(r"\s*[0０](?:\.0+)?\s*(?:万元|元|%|％)")
_UNCHOSEN = "未选定的“增加（减少）”"


def _hits(text: str) -> tuple[list[str], int]:
    """The kinds of leftover in a line, and where the first of them stands."""
    out, first = [], len(text)
    for pattern, what in LEFTOVERS:
        for match in pattern.finditer(text):
            if what == _UNCHOSEN and _ZERO_AFTER.match(text, match.end()):
                continue
            out.append(what)
            first = min(first, match.start())
            break
    return out, first


def _quote(text: str, offset: int) -> str:
    """The line from its start, or from just before the leftover when that stands further on."""
    return text[:120] if offset < 100 else "…" + text[offset - 40:offset + 80]


def _lines(ctx: Context) -> Iterator[tuple[int, str, str, int | None]]:
    for section in ctx.rows("sections"):
        base = int(section.get("line") or 0)
        page = int(section["page"]) if section.get("page") else None  # the section's first page
        for offset, text in enumerate([section.get("heading", "")] + (section.get("text") or "").split("\n")):
            if text:
                yield base + offset, section["id"], text, page


@rule("template-leftover", "模板文字未填写",
      "公开模板中的占位内容与编写说明原样发布：“***”、“XX局”、“[值]”、“小于/等于”、未选定的“增加（减少）”"
      "（其后的金额或幅度为 0 时无方向可选，不报告）、“主要用于…”、“主要原因是。”、“…（具体工作）”、"
      "“（按“部门预算公开06表…”填写）”“（增加内容）”“封面和目录的格式不得随意改变…请在目录中添加”之类的编写说明、金额空缺（“预算支出万元”）、重复的标点（“。。”）、"
      "紧接着重复的词语（“主要用于主要用于”）、增减额前漏了方向词（“比上年1.43万元，增加0.68%”）。"
      "每句报告一次，附原文。",
      classes=('inconsistency',),
      message='模板文字未填写（〈种类〉）：〈原文〉')
def template_leftovers(ctx: Context) -> Iterator[Finding]:
    """江苏省人大常委会办公厅 2019 年部门预算：“江苏省人大常委会办公厅2019年政府性基金支出预算支出万元。”（金额空缺）；
    2018 年部门预算：“（按“部门预算公开06表财政拨款基本支出预算表”中实际发生经济分类支出事项填写）”（编写说明未删除）、
    “减少了该项支出。。”（标点重复）；峨眉山市委组织部 2020 年决算：“决算数小于/等于预算数的主要原因是…。”；上海市医疗保险事业管理中心
    2026 年单位预算：““社会保障和就业支出”科目710万元，主要用于主要用于单位缴纳的基本养老保险…”（词语重复，三处）；西安市安全生产
    监督管理局 2019 年部门综合预算公开报表：“注：1、封面和目录的格式不得随意改变。2、公开空表一定要在目录说明理由。3、部门涉及公开扶贫
    项目资金绩效目标表的，请在目录中添加。”（编写说明未删除）；烟台市审计局 2026 年部门预算：“机关运行经费安排210.32万元，比上年1.43万元，
    增加0.68%”（增减额前缺方向词）。"""
    by_kind: dict[tuple[str, ...], list[tuple[int, str, int | None]]] = {}
    for line, _, text, page in _lines(ctx):
        hits, first = _hits(text)
        if hits:
            by_kind.setdefault(tuple(hits), []).append((line, _quote(text, first), page))
    for hits, places in by_kind.items():  # one kind of leftover is one defect, listing every place
        line, quote, page = places[0]
        more = f"（共 {len(places)} 处）" if len(places) > 1 else ""
        yield Finding("template-leftover", f"模板文字未填写（{'、'.join(hits)}）{more}：{quote}",
                      [], None, None, "", line=line, page=page,
                      places=[Place("template-leftover", place_quote) for _, place_quote, _ in places]
                      if len(places) > 1 else [])


# “截至2025年12月31日”, “截止2021年底”: the year, and the month or the year's end
_AS_OF = re.compile(r"截[至止]\s*(\d{4})\s*年\s*(?:(\d{1,2})\s*月(?:\s*\d{1,2}\s*日)?|(底|末))?")
_COMPARED = re.compile(r"(?:比|较|与)\s*(\d{4})\s*年(?:度)?(年初)?(预算|决算)?")
_HEADING_YEAR = re.compile(r"(\d{4})\s*年(?:度)?[^，。]{0,12}?(?:决算|预算)")


@rule("other-year", "年份与报告年度不符：“截至”日期、比较的年度、标题的年度",
      "情况说明中“截至 YYYY 年…”的年份应为报告年度（决算的年末数）；预算说明的资产数截至上年（如“截至2024年8月31日”），"
      "也不报告；预算写截至本年下半年或年底（2026 年预算写“截至2026年12月31日”）时，公开之时那一天尚未到来（“截至2026年1月30日”不报告）。“比 YYYY 年…”所比的年度应早于报告年度（决算数可与本年预算比：“比2024年预算”见于 2024 年决算不报告），"
      "如 2026 年预算写“比2026年预算增加”。章节标题中说决算或预算的年度应为报告年度（预算可写上年），"
      "如 2024 年决算的标题写“2023年度部门决算情况说明”。"
      "出现其他年份时多为沿用往年文本。",
      classes=('inconsistency',),
      message='报告年度为 〈年〉 年，却写“〈原文〉”')
def other_year(ctx: Context) -> Iterator[Finding]:
    """库外人工核对的文件中：2026 年部门预算写“比2026年预算增加”；2024 年决算的标题写“2023年度”；烟台市审计局 2026 年
    部门预算：“截至2026年12月31日，本单位共有车辆0辆”（同类文件都截至上年年末，如“截至2025年12月31日”）。"""
    budget = ctx.package.kind == "budget"
    for line, _, text, page in _lines(ctx):
        for match in _AS_OF.finditer(text):
            year = int(match.group(1))
            if year != ctx.year and not (budget and year == ctx.year - 1):
                yield Finding("other-year", f"报告年度为 {ctx.year} 年，却写“{match.group(0)}”：{text[:120]}",
                              [], None, None, "", line=line, page=page)
            elif budget and year == ctx.year and (match.group(3) or int(match.group(2) or 0) > 6):
                yield Finding("other-year", f"{ctx.year} 年预算写“{match.group(0)}”：预算公开时这一日期尚未到来（资产数应截至上年）：{text[:120]}",
                              [], None, None, "", line=line, page=page)
        for match in _COMPARED.finditer(text):
            year = int(match.group(1))
            same_year_budget = not budget and year == ctx.year and match.group(3) == "预算"
            if year >= ctx.year and not same_year_budget:
                yield Finding("other-year", f"{ctx.year} 年的报告与“{match.group(0)}”相比：所比年度应早于报告年度：{text[:120]}",
                              [], None, None, "", line=line, page=page)
    for section in ctx.rows("sections"):
        heading = section.get("heading", "")
        for match in _HEADING_YEAR.finditer(heading):
            year = int(match.group(1))
            if year != ctx.year and not (budget and year == ctx.year - 1) and not _COMPARED.search(heading):
                yield Finding("other-year", f"报告年度为 {ctx.year} 年，标题却写“{match.group(0)}”：{heading[:120]}",
                              [], None, None, "", line=int(section.get("line") or 0),
                              page=int(section["page"]) if section.get("page") else None)
                break
