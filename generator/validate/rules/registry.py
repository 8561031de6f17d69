"""The rule registry: each rule is an id, a one-line title, a description and a check, plus
the helpers every arithmetic rule shares (a total against its parts, two printings of one
figure). The rule modules import this module; `generator.validate.rules` imports the rule
modules, so nothing imports back."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Callable, Iterable

from generator.validate.report import Figure, Finding

SCALE = Decimal(10000)  # 元 ↔ 万元, the unit slip the corpus shows


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    description: str
    check: Callable[..., Iterable[Finding]]


RULES: list[Rule] = []


def rule(id: str, title: str, description: str):
    """Register a check function as a rule."""
    def register(fn):
        RULES.append(Rule(id, title, description, fn))
        return fn
    return register


def sum_finding(rule_id: str, message: str, total: Figure, total_hu: Decimal,
                parts: list[tuple[Figure, Decimal]], sign: list[int] | None = None,
                severity: str = "inconsistency") -> Finding | None:
    """Compare a total with the (signed) sum of its parts within the rounding tolerance.

    Tolerance = half a unit of the last printed digit of the total and of every part.
    When the sum fails but would hold with one figure read in 万元 instead of 元 (or the
    reverse), the finding says so.
    """
    sign = sign or [1] * len(parts)
    figures = [(total, total_hu, 1)] + [(p, hu, k) for (p, hu), k in zip(parts, sign)]
    diff, tol = _balance(figures)
    if abs(diff) <= tol:
        return None
    s = total.value - diff
    slip = next((k for k in range(len(figures)) if figures[k][0].value and any(
        abs(d) <= t for d, t in (_balance(figures, k, f) for f in (SCALE, 1 / SCALE)))), None)
    note = ""
    if slip is not None:
        fig = figures[slip][0]
        note = f"；若把“{fig.label}”的单位改读一万倍（元↔万元）则相符：原文单位疑有误"
    figs = [total] + [p for p, _ in parts] + [Figure("各项相加", s, total.unit, "sum")]
    return Finding(rule_id, message + note, figs, diff, tol, total.unit, severity,
                   line=min((f.line for f in figs if f.line), default=0))


def _balance(figures: list[tuple[Figure, Decimal, int]], scaled: int = -1,
             factor: Decimal = Decimal(1)) -> tuple[Decimal, Decimal]:
    """(total − Σ signed parts, Σ half units), with figure `scaled` multiplied by `factor`."""
    diff, tol = Decimal(0), Decimal(0)
    for k, (fig, hu, sign) in enumerate(figures):
        f = factor if k == scaled else Decimal(1)
        diff += (fig.value * f) * (1 if k == 0 else -sign)
        tol += hu * f
    return diff, tol


def same_figure(rule_id: str, message: str, a: Figure, a_hu: Decimal, b: Figure, b_hu: Decimal) -> Finding | None:
    """Two printings of one figure must agree within their combined rounding."""
    tol = a_hu + b_hu
    diff = a.value - b.value
    if abs(diff) <= tol:
        return None
    note = ""
    for x, x_hu, y, y_hu in ((a, a_hu, b, b_hu), (b, b_hu, a, a_hu)):
        if y.value and abs(x.value - y.value * SCALE) <= x_hu + y_hu * SCALE:
            note = f"；两者正好相差一万倍：“{y.label}”处的 {y.value:,} 元疑为 {y.value:,} 万元（单位不一致）"
    return Finding(rule_id, message + note, [a, b], diff, tol, a.unit,
                   line=min((f.line for f in (a, b) if f.line), default=0))
