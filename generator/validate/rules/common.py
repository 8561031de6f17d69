"""Helpers shared by the fact-based rules."""
from __future__ import annotations

import re
from decimal import Decimal

from generator.model.facts import Fact, item_key, load_vocabulary  # noqa: F401 (re-exported)
from generator.validate.report import Figure

VOCAB = load_vocabulary()


def label(fact: Fact) -> str:
    name = VOCAB.get(fact.measure, fact.measure)
    what = f"{fact.code} {fact.item}".strip()
    kind = {"budget": "预算数", "share": "占比", "budget_rate": "完成预算", "change": "比上年增减",
            "change_rate": "增减幅度"}.get(fact.kind, "")
    where = "表" if fact.source.startswith("table:") else "文字"
    year = f"{fact.year}年"
    return " ".join(part for part in (year, name, what, kind) if part) + f"（{where}）"


def figure(fact: Fact, value: Decimal | None = None, text: str | None = None) -> Figure:
    return Figure(text or label(fact), fact.value if value is None else value, fact.unit, fact.source, fact.line,
                  fact.quote, fact.page)


# the words of the classifications a budget is divided by (sources of funds, basic and project
# spending, economic and function classes): a list of such parts divides a whole; a list of named
# projects or tasks (“信息化建设100万元、培训经费50万元”) may name only some of them
_CLASSIFIED = re.compile(r"一般公共预算|政府性基金|国有资本经营|财政拨款|财政专户|事业收入|经营收入|上级补助|附属单位|其他收入|"
                         r"其他资金|上年结转|结余|本年收入|本年支出|基本支出|项目支出|人员经费|公用经费|人员支出|公用支出|"
                         r"工资福利|商品和服务|对个人和家庭|资本性支出|货物|工程|服务|结转下年|预留|[（(][类款项][）)]")


def classified(labels: list[str]) -> bool:
    """Every label names a part of a budget classification: the list divides its whole."""
    return bool(labels) and all(_CLASSIFIED.search(name) for name in labels)
