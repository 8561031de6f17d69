"""The rule registry: each rule is an id, a one-line title, a description and a check, plus
the helpers every arithmetic rule shares (a total against its parts, two printings of one
figure). The rule modules import this module; `generator.validate.rules` imports the rule
modules, so nothing imports back."""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable, Iterable

from generator.validate.report import Figure, Finding

SCALE = Decimal(10000)  # 元 ↔ 万元, the unit slip the corpus shows


ARITHMETIC = ("inconsistency", "rounding")


@dataclass(frozen=True)
class Rule:
    """A rule as data: what the methodology page and docs/validation.md say about it comes from here."""

    id: str
    title: str  # one line
    description: str  # the methodology: what is compared, within which tolerance
    check: Callable[..., Iterable[Finding]]
    classes: tuple[str, ...] = ARITHMETIC  # the classes of finding the rule yields
    message: str = ""  # the message template, 〈…〉 standing for what the finding fills in

    @property
    def example(self) -> str:
        """A real example from a published document: the check function's docstring."""
        return " ".join(line.strip() for line in (self.check.__doc__ or "").strip().splitlines())


RULES: list[Rule] = []

# Comparisons made by the rule running now: every comparison of printed figures goes through
# `classify` or `pct_class`, which count it here, so a report can say which checks had figures to
# compare (and how many) — a rule that found nothing because it had nothing to compare is not a ✓.
_COUNTING: ContextVar[tuple[dict, str] | None] = ContextVar("_COUNTING", default=None)


@contextmanager
def counting(rule_id: str, counts: dict[str, int]):
    """Count the comparisons made inside the block into `counts[rule_id]`."""
    token = _COUNTING.set((counts, rule_id))
    try:
        yield
    finally:
        _COUNTING.reset(token)


def compared(count: int = 1) -> None:
    """One comparison of printed figures was made by the rule running now."""
    current = _COUNTING.get()
    if current is not None:
        counts, rule_id = current
        counts[rule_id] = counts.get(rule_id, 0) + count


def rule(rule_id: str, title: str, description: str, classes: tuple[str, ...] = ARITHMETIC, message: str = ""):
    """Register a check function as a rule; its docstring is the rule's real example."""
    def register(function):
        RULES.append(Rule(rule_id, title, description, function, tuple(classes), message))
        return function
    return register


def classify(diff: Decimal, tol: Decimal, silent: Decimal = Decimal(0)) -> str | None:
    """The class of a difference between printed figures (None: no finding).

    `tol` is the rounding envelope (half a unit of the last printed digit of every figure
    compared). `silent` is the part of it that coarser printing explains by itself: a figure
    printed in whole 万元 beside its two-decimal printing is that figure rounded, not a slip.
    Beyond `silent` but within `tol` the printed figures disagree by no more than rounding can
    produce — class "rounding"; beyond `tol`, "inconsistency"."""
    compared()
    size = abs(diff)
    if size == 0 or size <= silent:
        return None
    return "rounding" if size <= tol else "inconsistency"


def pct_class(value: Decimal, half_unit: Decimal, bounds: tuple[Decimal, Decimal]) -> str | None:
    """The class of a printed percentage against the interval its figures allow: inside it
    widened by half a unit of the percentage's last digit, none; one unit of that digit further
    (a truncated 99.868 → 99.86, a rate worked from another rounding of the figures), "rounding";
    beyond, "inconsistency"."""
    compared()
    low, high = bounds
    if low - half_unit <= value <= high + half_unit:
        return None
    return "rounding" if low - 3 * half_unit <= value <= high + 3 * half_unit else "inconsistency"


def _coarse(half_units: list[Decimal]) -> Decimal:
    """What printing some figures coarser than the finest explains by itself: the sum of the half
    units of the coarser figures (26.98 万元 beside 269,750.00 元 is that figure rounded half up)."""
    finest = min(half_units, default=Decimal(0))
    return sum((half_unit for half_unit in half_units if half_unit > finest), Decimal(0))


def sum_finding(rule_id: str, message: str, total: Figure, total_hu: Decimal,
                parts: list[tuple[Figure, Decimal]], sign: list[int] | None = None) -> Finding | None:
    """Compare a total with the (signed) sum of its parts: class by `classify`.

    Tolerance = half a unit of the last printed digit of the total and of every part.
    When the sum fails beyond rounding but would hold with one figure read in 万元 instead
    of 元 (or the reverse), the finding says so.
    """
    sign = sign or [1] * len(parts)
    figures = [(total, total_hu, 1)] + [(part, half_unit, part_sign) for (part, half_unit), part_sign in zip(parts, sign)]
    diff, tol = _balance(figures)
    cls = classify(diff, tol, _coarse([half_unit for _, half_unit, _ in figures]))
    if cls is None:
        return None
    summed = total.value - diff
    note = ""
    if cls == "inconsistency":
        slip = next((index for index in range(len(figures)) if _slip(figures, index, diff)), None)
        if slip is not None:
            fig = figures[slip][0]
            note = f"；若把“{fig.label}”的单位改读一万倍（元↔万元）则相符：原文单位疑有误"
    figs = [total] + [part for part, _ in parts] + [Figure("各项相加", summed, total.unit, "sum")]
    return Finding(rule_id, message + note, figs, diff, tol, total.unit, cls,
                   line=min((figure.line for figure in figs if figure.line), default=0))


def _slip(figures: list[tuple[Figure, Decimal, int]], index: int, diff: Decimal) -> bool:
    """Figure k read ten thousand times larger or smaller balances the sum, and that reading is
    precise enough to say so: the rounding envelope of the figures so read is under 1 % of the
    largest (2,961.68 万元 read as 2,961.68 元 beside a part of 0.3 万元, ±500 元, balances only
    within the part's rounding: no diagnosis)."""
    fig, half_unit, _ = figures[index]
    if not fig.value:
        return False
    for factor in (SCALE, 1 / SCALE):
        imbalance, tolerance = _balance(figures, index, factor)
        scale = max(abs(member.value * (factor if position == index else 1))
                    for position, (member, _, _) in enumerate(figures))
        if abs(imbalance) <= tolerance and tolerance * 100 <= scale:  # balanced, and not merely within a coarse figure's rounding
            return True
    return False


def _balance(figures: list[tuple[Figure, Decimal, int]], scaled: int = -1,
             factor: Decimal = Decimal(1)) -> tuple[Decimal, Decimal]:
    """(total − Σ signed parts, Σ half units), with figure `scaled` multiplied by `factor`."""
    diff, tol = Decimal(0), Decimal(0)
    for index, (fig, half_unit, sign) in enumerate(figures):
        multiplier = factor if index == scaled else Decimal(1)
        diff += (fig.value * multiplier) * (1 if index == 0 else -sign)
        tol += half_unit * multiplier
    return diff, tol


def same_figure(rule_id: str, message: str, first: Figure, first_hu: Decimal, second: Figure,
                second_hu: Decimal) -> Finding | None:
    """Two printings of one figure must agree: class by `classify` (a whole-万元 printing beside
    a two-decimal one is that figure rounded, not a difference)."""
    tol = first_hu + second_hu
    diff = first.value - second.value
    cls = classify(diff, tol, _coarse([first_hu, second_hu]))
    if cls is None:
        return None
    note = ""
    if cls == "inconsistency":
        for reading, reading_hu, other, other_hu in ((first, first_hu, second, second_hu), (second, second_hu, first, first_hu)):
            if other.value and abs(reading.value - other.value * SCALE) <= reading_hu + other_hu * SCALE and other_hu * SCALE * 1000 <= abs(reading.value):
                note = f"；两者正好相差一万倍：“{other.label}”处的 {other.value:,} 元疑为 {other.value:,} 万元（单位不一致）"
    return Finding(rule_id, message + note, [first, second], diff, tol, first.unit, cls,
                   line=min((figure.line for figure in (first, second) if figure.line), default=0))
