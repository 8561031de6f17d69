"""Helpers shared by the fact-based rules."""
from __future__ import annotations

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
    return " ".join(x for x in (year, name, what, kind) if x) + f"（{where}）"


def figure(fact: Fact, value: Decimal | None = None, text: str | None = None) -> Figure:
    return Figure(text or label(fact), fact.value if value is None else value, fact.unit, fact.source, fact.line,
                  fact.quote, fact.page)
