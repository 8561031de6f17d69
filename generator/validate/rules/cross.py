"""The same figure printed in several places (tables, narrative) must agree."""
from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal
from typing import Iterator

from generator.model.money import UNITS
from generator.validate.context import Context, Table
from generator.validate.report import Figure, Finding
from generator.validate.rules.common import figure, item_key, label
from generator.validate.rules.narrative import _printed
from generator.validate.rules.registry import classify, rule, same_figure
from generator.validate.rules.sentences import NUM, paragraphs


def _same_sentence(fact, other) -> bool:
    """Two values of one measure in one sentence are two things (a total and its 其中 subset:
    “政府采购预算总额110,390.99万元：货物6,005.76万元…；其中一般公共预算拨款政府采购50,106.43万元：货物664.38万元…”),
    not one figure printed twice."""
    return fact.source == other.source and fact.source.startswith("section:") and fact.line == other.line \
        and fact.quote == other.quote


@rule("same-figure", "同一数字在各表、各段中一致",
      "同一指标（同一年度、同一科目或项目）在不同表格或文字中出现时必须相等，如收入支出决算总表与收入决算表的本年收入合计、"
      "财政拨款收支总表与一般公共预算财政拨款表、文字说明与表格。容差为两处数字末位的一半之和（两个两位小数的万元数为 ±100 元，"
      "万元数与元数为 ±50.005 元）。两者正好相差一万倍时指出单位不一致。同一句中同一指标的两个数（总额与“其中”的一部分）不是同一数字，不比较。",
      message='〈年度 指标 科目〉（表） 与 〈…〉（文字） 不一致')
def same_figure_rule(ctx: Context) -> Iterator[Finding]:
    """上海市普陀区规划和自然资源局 2024 年决算：一般公共预算财政拨款基本支出决算表印 5,364.75 万元，情况说明写“一般公共预算财政拨款基本支出5377.64万元”；玉溪市委组织部 2020 年决算公开09表“三公”经费预算数 44.31（表头单位“元”），情况说明写 44.31 万元（相差一万倍：单位不一致）。"""
    groups = defaultdict(list)
    for fact in ctx.facts:
        if fact.kind in ("amount", "budget", "count") and fact.basis == "stated":
            groups[(fact.measure, fact.kind, item_key(fact), fact.year)].append(fact)
    for facts in groups.values():
        # tables first: the printed table is the reference a narrative figure is held against
        facts = sorted(facts, key=lambda fact: (not fact.source.startswith("table:"), fact.line))
        ref, seen = facts[0], set()
        for other in facts[1:]:
            if (other.value, other.unit) in seen or _same_sentence(ref, other):
                continue
            finding = same_figure("same-figure", f"{label(ref)} 与 {label(other)} 不一致",
                                  figure(ref), ref.half_unit, figure(other), other.half_unit)
            if finding:
                seen.add((other.value, other.unit))
                yield finding


# an item of the narrative named with its classification code (function 2xx, economic 3xx/5xx) and its
# amount: “2080505-机关事业单位基本养老保险缴费支出341.49万元” (福州), “行政运行（2010301）1,501.46万元” (西安),
# “1.小学教育（2050202），2023年度决算数为7,970.38万元” (西南大学 2023)
_CODED = re.compile(
    rf"(?:(?<![\d.,])(?P<code1>[2-5]\d{{2}}(?:\d{{2}}){{0,2}})\s*[-－—]\s*(?P<name1>[\u4e00-\u9fff（）()、]{{2,40}}?)"
    rf"|(?P<name2>[\u4e00-\u9fff]{{2,40}}?)[（(](?P<code2>[2-5]\d{{2}}(?:\d{{2}}){{0,2}})[）)])"
    rf"(?:[，,]\s*(?P<year>\d{{4}})\s*年度?)?(?:预算|决算)?(?:数)?(?:为)?\s*(?P<v>{NUM})\s*(?P<u>万元|元)")


@rule("coded-item", "文字中带科目编码的金额与表中该科目行一致",
      "情况说明逐项写出科目编码与金额（“2080505-机关事业单位基本养老保险缴费支出341.49万元”“行政运行（2010301）1,501.46万元”"
      "“工资福利支出（301）1,880.32万元”）时，该数须等于某张表中同一编码那一行所印的某个金额（表中哪一列不论：合计、基本支出、"
      "一般公共预算……）。各表都没有这一编码、或所写是另一年度的数时不判断。与最接近的一格比较：相差不超过两数末位的一半之和时相符；再多出不超过文字末位"
      "一个单位（截去而非四舍五入：41,651.40 元写作 4.16 万元）为舍入差异；超出为不一致。",
      message="文字中〈编码 名称〉〈N〉万元，表中该科目行没有这个数（最接近的是〈表 列〉〈M〉）")
def coded_item(ctx: Context) -> Iterator[Finding]:
    """福州市公安局文职人员管理中心 2026 年单位预算：“（二）2080505-机关事业单位基本养老保险缴费支出341.49万元”，
    一般公共预算拨款支出预算表 2080505 一行印 341.49（相符，不报告）；西安市行政审批服务局 2025 年部门预算：
    “1.行政运行（2010301）1,501.46万元”，表5 2010301 一行印 15,014,610.00 元（相符）；西安市气象局 2022 年部门综合预算：
    “（7）事业单位医疗（2101102）4.16万元”，一般公共预算支出明细表（按功能科目分） 2101102 一行合计 41,651.40 元，应为 4.17 万元（截去末位：舍入差异）。"""
    cells: dict[str, list[tuple[Table, dict, str, Decimal]]] = {}
    for table in ctx.tables.values():
        if table.info.get("unit", "元") not in UNITS:
            continue  # no printed unit: not amounts in 元
        half_unit = ctx.half_unit(table)
        for row in table.rows:
            if row.get("code"):
                cells.setdefault(row["code"], []).extend(
                    (table, row, key, half_unit) for key, cell_value in row.items()
                    if isinstance(cell_value, Decimal) and key not in ("row",))
    for section, text, line_at, page in paragraphs(ctx):
        for match in _CODED.finditer(text):
            code = match["code1"] or match["code2"]
            if code not in cells or match["year"] and int(match["year"]) != ctx.year:
                continue  # a code the tables do not print, or a figure of another year
            value, half_unit = _printed(match["v"], match["u"])
            table, row, col, table_hu = min(cells[code], key=lambda candidate: abs(candidate[1][candidate[2]] - value))
            diff = value - row[col]
            # a figure cut rather than rounded (41,651.40 元 printed 4.16 万元) is off by less than one unit of its last digit
            cls = classify(diff, 2 * half_unit + table_hu, half_unit + table_hu)
            if cls is None:
                continue
            name = (match["name1"] or match["name2"]).strip()
            column = next((field.get("title") or col for field in table.resource.schema if field["name"] == col), col)
            line = line_at(match.start("v"))
            finding = Finding(
                "coded-item", f"文字中 {code} {name} {match['v']}{match['u']}，表中该科目行没有这个数（最接近的是{table.title} “{column}” {row[col] / 10000:,.4f} 万元）",
                [Figure(f"{code} {name}（文字）", value, "元", f"section:{section}", line, match.group(0), page),
                 Figure(f"{code} {table.title} {column}（表）", row[col], "元", table.row_ref(row, col),
                        row.get("source_line") or 0, "", row.get("source_page"))],
                diff, 2 * half_unit + table_hu, "元", cls, line=line, page=page)
            yield finding


_CODED_CHANGE = re.compile(rf"[，,]\s*(?:较|比)(?:上年|去年)(?:预算数?)?\s*(?P<dir>增加|减少)了?\s*(?P<chg>{NUM})\s*万元")


@rule("coded-twice", "同一科目在文字中写了两遍，比上年的增减也应一样",
      "情况说明先按功能科目逐项写“住房公积金（2210201）192.99万元，较上年增加15.96万元”，再按人员经费、公用经费、专项经费分列时"
      "把同一科目同一金额又写一遍：两处所写的增减额应相同。相差不超过两数末位的一半之和、再加较粗一数末位的一半（截去而非四舍五入："
      "16.627 写作 16.62）为舍入差异；超出为不一致。",
      message="〈编码 名称〉 〈N〉万元两处写的增减额不同：〈M1〉万元与〈M2〉万元")
def coded_twice(ctx: Context) -> Iterator[Finding]:
    """中共西安市委宣传部 2021 年部门综合预算：“（10）住房公积金（2210201）192.99万元，较上年增加15.96万元”，下文人员经费中
    “⑥住房公积金（2210201）192.99万元，较上年增加15.95万元”；“购房补贴（2210203）99.45万元，较上年增加16.627万元”与“…16.62万元”。"""
    seen: dict[tuple[str, str], list[tuple[re.Match, re.Match, str, int, int | None]]] = {}
    for section, text, line_at, page in paragraphs(ctx):
        for match in _CODED.finditer(text):
            change = _CODED_CHANGE.match(text, match.end())
            if change is not None:
                seen.setdefault((match["code1"] or match["code2"], match["v"].replace(",", "")), []).append(
                    (match, change, f"section:{section}", line_at(change.start("chg")), page))
    for (code, value), places in seen.items():
        (match, first, src, line, page), reported = places[0], set()
        first_value, first_hu = _printed(first["chg"], "万元")
        for _, repeat, repeat_src, repeat_line, repeat_page in places[1:]:
            repeat_value, repeat_hu = _printed(repeat["chg"], "万元")
            diff = (first_value if first["dir"] == "增加" else -first_value) \
                - (repeat_value if repeat["dir"] == "增加" else -repeat_value)
            coarse = max(first_hu, repeat_hu) if first_hu != repeat_hu else Decimal(0)  # a coarser printing is the finer one rounded
            cls = classify(diff, first_hu + repeat_hu + max(first_hu, repeat_hu), coarse)
            if cls is None or repeat["chg"] in reported:
                continue
            reported.add(repeat["chg"])
            name = (match["name1"] or match["name2"]).strip()
            yield Finding("coded-twice", f"{code} {name} {value}万元两处写的增减额不同：{first['dir']}{first['chg']}万元与{repeat['dir']}{repeat['chg']}万元",
                          [Figure(f"{code} {name} 比上年增减（文字）", first_value, "元", src, line,
                                  match.group(0) + first.group(0), page),
                           Figure(f"{code} {name} 比上年增减（文字，再写）", repeat_value, "元", repeat_src, repeat_line,
                                  repeat.group(0), repeat_page)],
                          diff, first_hu + repeat_hu + max(first_hu, repeat_hu), "元", cls, line=line, page=page)


# performance targets set for the whole budget: the money they cover is the whole of its fund
_COVERAGE = re.compile(rf"(?:绩效目标管理全覆盖|整体支出纳入绩效目标管理)[，,]\s*涉及(?:当年)?(?P<what>一般公共预算(?:当年)?拨款|财政性资金)"
                       rf"\s*(?P<v>{NUM})\s*(?P<u>万元|元)")
_COVERED = {"一般公共预算": ("general_budget_expenditure", "一般公共预算拨款支出"), "财政性资金": ("fiscal_total", "财政拨款收支总计")}


@rule("performance-coverage", "绩效目标“全覆盖”所涉及的资金等于该项资金的总数",
      "“本部门绩效目标管理全覆盖，涉及当年一般公共预算当年拨款N万元”“本单位整体支出纳入绩效目标管理，涉及财政性资金N万元”："
      "既然全部纳入，N 就是表中一般公共预算拨款支出（财政拨款收支总计）的总数。只说部分项目纳入（“其他运转类项目和特定目标类项目"
      "均实行绩效目标管理”）时不比较。容差为两数末位的一半之和。",
      message="绩效目标全覆盖涉及的〈资金〉〈N〉万元与表中〈总数〉不符")
def performance_coverage(ctx: Context) -> Iterator[Finding]:
    """西安市气象局 2022 年部门综合预算：“本部门绩效目标管理全覆盖，涉及当年一般公共预算当年拨款1899.9万元”（相符）；
    中共西安市委宣传部 2021 年：“…涉及当年一般公共预算当年拨款5859.6万元”，表中一般公共预算拨款支出 25,859.60 万元（漏了首位）。"""
    for section, text, line_at, page in paragraphs(ctx):
        for match in _COVERAGE.finditer(text):
            measure, name = next(named for prefix, named in _COVERED.items() if match["what"].startswith(prefix))
            total = next((fact for fact in ctx.facts if fact.measure == measure and fact.kind == "amount"
                          and fact.year == ctx.year and fact.source.startswith("table:") and not fact.code
                          and not fact.item), None)
            if total is None:
                continue
            value, half_unit = _printed(match["v"], match["u"])
            finding = same_figure(
                "performance-coverage", f"绩效目标全覆盖涉及的{match['what']}{match['v']}{match['u']}与表中{name}不符",
                figure(total), total.half_unit,
                Figure(f"绩效目标涉及的{match['what']}（文字）", value, "元", f"section:{section}", line_at(match.start("v")), match.group(0), page), half_unit)
            if finding:
                yield finding


@rule("coded-name", "文字中同一科目名称配了表中没有的编码",
      "情况说明用同一名称写出两个编码（“行政运行（2013301）…”“①行政运行（2013201）…”），其中一个编码在各表中都没有、另一个有，"
      "且两个编码长度相同、同属一类：没有的那个多半是编码写错。只在各表印有科目编码时判断。",
      classes=("inconsistency",),
      message="文字中“〈名称〉”写作 〈编码〉，表中没有这一编码；同一名称在表中与前文是 〈编码〉")
def coded_name(ctx: Context) -> Iterator[Finding]:
    """中共西安市委宣传部 2021 年部门综合预算：“（1）行政运行（2013301）1765.18万元”，下文按人员经费、公用经费再列时写
    “①行政运行（2013201）1641.18万元”“①行政运行（2013201）124.00万元”（1641.18 + 124.00 = 1765.18；各表只有 2013301）。"""
    printed = {row["code"] for table in ctx.tables.values() for row in table.rows if row.get("code")}
    if not printed:
        return
    by_name: dict[str, list[tuple[str, int, int | None, str]]] = {}
    for _, text, line_at, page in paragraphs(ctx):
        for match in _CODED.finditer(text):
            name = (match["name1"] or match["name2"]).strip()
            by_name.setdefault(name, []).append((match["code1"] or match["code2"], line_at(match.start()), page,
                                                 match.group(0)))
    for name, uses in by_name.items():
        known = {known_code for known_code, *_ in uses if known_code in printed}
        for code, line, page, quote in uses:
            twin = next((candidate for candidate in sorted(known)
                         if len(candidate) == len(code) and candidate[:3] == code[:3]), None)
            if code in printed or twin is None:
                continue
            yield Finding("coded-name", f"文字中“{name}”写作 {code}，表中没有这一编码；同一名称在表中与前文是 {twin}：{quote}",
                          [], None, None, "", line=line, page=page)
            break
