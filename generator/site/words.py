"""What a figure is called on a disclosure page, from the disclosure's kind and the fact's kind
and year — never a fixed 决算: a budget's figures are 预算数, a final's 决算数, and a figure of
the year before is 上年数 (a budget's "与上年相比" does not say whether it compares with last
year's budget or its execution, so the page does not either).

An evaluation (整体支出绩效自评) reports what was spent in the year; the documents call it
支出/实际支出/执行数, not 决算, so the page says 执行数."""
from __future__ import annotations

FIGURE_WORD = {"budget": "预算数", "final": "决算数", "evaluation": "执行数"}
PRIOR = "上年数"


def figure_word(kind: str) -> str:
    """The word for the report year's figures of a disclosure of `kind`."""
    return FIGURE_WORD.get(kind, "本年数")


def fact_word(kind: str, report_year: int, fact_kind: str = "amount", year: int | None = None) -> str:
    """The name of one series of figures, with its year: 2026年预算数, 2020年决算数, 上年数（2019年）.

    `fact_kind` is the fact's kind: `budget` is the year's budget as a final prints it beside the
    决算数; `amount` is the disclosure's own figure (its kind's word), of the report year or, for
    the year before, 上年数."""
    year = report_year if year is None else year
    if fact_kind == "budget":
        return f"{year}年预算数"
    if year == report_year:
        return f"{year}年{figure_word(kind)}"
    if year == report_year - 1:
        return f"{PRIOR}（{year}年）"
    return f"{year}年{figure_word(kind)}"


def with_unit(name: str, unit: str = "万元") -> str:
    """A column title with its unit: 2026年预算数（万元）; 上年数（2025年，万元）, not （2025年）（万元）."""
    if name.endswith("）"):
        return f"{name[:-1]}，{unit}）"
    return f"{name}（{unit}）"
