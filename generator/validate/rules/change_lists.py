"""A list of items each printed with its change on last year, against the change the document
gives for their total (“本部门当年一般公共预算支出5,093.76万元，其中：1.行政运行（2010301）1,501.46万元，较上年增加50.95万元，…；
2.…” beside “…拨款支出5,093.76万元，较上年增加662.08万元”): the changes add up to the total's."""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from generator.validate.context import Context
from generator.validate.report import Figure, Finding
from generator.validate.rules.changes import _ITEM_CHANGE
from generator.validate.rules.narrative import _printed
from generator.validate.rules.registry import rule, sum_finding
from generator.validate.rules.sentences import NUM, paragraphs

_HEAD = re.compile(rf"(?P<v>{NUM})\s*万元[，,：:]?\s*其中[：:，,]?\s*")
# one item: “1.行政运行（2010301）1,501.46万元，较上年增加50.95万元…”, “…0.36万元，较上年无增减”,
# “…1.80万元，较上年不可比，上年基数为零…” (the whole amount is new)
_ITEM = re.compile(rf"^(?:\d+\s*[.．、]|[（(]\d+[）)])?\s*(?P<label>.+?)(?<![\d.,])(?P<v>{NUM})\s*万元[，,]?\s*(?:较|比)(?:上年|去年)"
                   rf"(?:预算数?|执行数|决算数?)?[，,]?\s*(?:(?P<dir>增加|减少)了?\s*(?P<chg>{NUM})\s*万元|(?P<same>无增减|持平|无变化)"
                   r"|(?P<new>不可比[，,]\s*上年(?:基数|预算数?|数)?(?:为零|为0|为 0)))")


def _items(rest: str) -> list[re.Match] | None:
    """The items of the list up to its 。, each with its change; None when one prints none."""
    body = rest.split("。", 1)[0]
    items = [_ITEM.match(part.strip()) for part in re.split(r"[；;]", body) if part.strip()]
    return None if len(items) < 2 or None in items else items


def _change(match: re.Match) -> tuple[Decimal, Decimal]:
    """An item's signed change in 元 and half its last printed digit."""
    if match["same"]:  # no change at the precision the amount is printed to
        return Decimal(0), _printed(match["v"], "万元")[1]
    value, half_unit = _printed(match["v"] if match["new"] else match["chg"], "万元")
    return (-value if match["dir"] == "减少" else value), half_unit


@rule("list-change-sum", "逐项所列的比上年增减之和等于总数的增减",
      "“其中”逐项列出金额及“较上年增加/减少M万元”（“无增减”记 0，“不可比，上年基数为零”记本项金额），各项金额之和等于总数时，"
      "各项增减之和应等于文件在别处为同一总数写明的比上年增减（同一金额只写了一种增减时才比较）。容差为各数末位的一半之和。",
      message="所列各项比上年增减之和与总数的增减〈T〉万元不符")
def list_change_sum(ctx: Context) -> Iterator[Finding]:
    """西安市行政审批服务局 2025 年部门预算（PDF 第 10 页）：“本部门当年一般公共预算拨款支出5,093.76万元，较上年增加662.08万元”；
    按功能科目所列 11 项之和 5,093.76 万元，其增减之和 662.06 万元；按经济科目所列 4 项增减之和 662.07 万元（舍入差异）。"""
    changes: dict[Decimal, dict[Decimal, tuple]] = {}
    texts = list(paragraphs(ctx))
    for section, text, line_at, page in texts:
        for match in _ITEM_CHANGE.finditer(text):
            value, chg_hu = _printed(match["chg"], "万元")
            signed = -value if match["dir"] == "减少" else value
            quote = text[max(0, match.start() - 20):match.end()]
            changes.setdefault(_printed(match["cur"], "万元")[0], {}).setdefault(
                signed, (chg_hu, match["chg"], f"section:{section}", line_at(match.start()), quote, page))
    seen = set()
    for section, text, line_at, page in texts:
        for head in _HEAD.finditer(text):
            items = _items(text[head.end():])
            total, total_hu = _printed(head["v"], "万元")
            stated = changes.get(total, {})
            if items is None or len(stated) != 1:
                continue
            amounts = [_printed(match["v"], "万元") for match in items]
            if abs(sum(amount for amount, _ in amounts) - total) > total_hu + sum(half for _, half in amounts):
                continue  # not the whole of the total
            (signed, (half_unit, chg, src, line, quote, page_of_total)), = stated.items()
            parts = [(match["label"].strip("：:，, "), *_change(match)) for match in items]
            key = (total, tuple(sorted(change for _, change, _ in parts)))
            if key in seen:
                continue  # the same changes listed again (部门预算 and 政府预算 economic classes)
            seen.add(key)
            here = f"section:{section}"
            where = line_at(head.start())
            finding = sum_finding(
                "list-change-sum", f"所列各项比上年增减之和与总数的增减{'减少' if signed < 0 else '增加'}{chg}万元不符："
                                   f"{text[head.start():head.end() + 60]}",
                Figure("总数比上年增减（文字）", signed, "元", src, line, quote, page_of_total), half_unit,
                [(Figure(f"{label}比上年增减（文字）", change, "元", here, where, text[head.start():head.end() + 60], page), half)
                 for label, change, half in parts])
            if finding:
                yield finding
