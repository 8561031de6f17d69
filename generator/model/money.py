"""Exact money: parse printed amounts, convert units to 元, know their precision."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

UNITS = {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(100000000), "千元": Decimal(1000)}
CENT = Decimal("0.01")
_NUMBER = re.compile(r"^[-+]?\d+(\.\d+)?$")
_EMPTY = {"", "—", "-", "--", "——", "/", "－", "…", "*", "***"}


class AmountError(ValueError):
    """A cell that should hold an amount holds something else."""


def parse_number(text: str | None) -> Decimal | None:
    """Parse a printed number ('64,415,757.01', '(1.5)', '—') → Decimal, None if blank."""
    if text is None:
        return None
    cleaned = text.strip().replace(",", "").replace("，", "").replace(" ", "").replace("\u3000", "")
    cleaned = cleaned.replace("－", "-").replace("﹣", "-")
    if cleaned in _EMPTY:
        return None
    neg = cleaned.startswith("(") and cleaned.endswith(")")
    if neg:
        cleaned = cleaned[1:-1]
    if cleaned.endswith("%"):
        cleaned = cleaned[:-1]
    if not _NUMBER.match(cleaned):
        raise AmountError(f"not a number: {text!r}")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:  # pragma: no cover - regex guards this
        raise AmountError(f"not a number: {text!r}") from exc
    return -value if neg else value


def decimals_of(text: str) -> int:
    """Digits printed after the decimal point of a number as printed."""
    cleaned = text.strip().rstrip("%").replace(",", "")
    return len(cleaned.split(".", 1)[1]) if "." in cleaned else 0


def to_yuan(value: Decimal, unit: str) -> Decimal:
    """Convert exactly to 元 with two decimals (1191.71 万元 → 11917100.00)."""
    return (value * UNITS[unit]).quantize(CENT)


def half_unit(unit: str, decimals: int) -> Decimal:
    """Rounding precision in 元 of a figure printed in `unit` with `decimals` digits after the
    point: half a unit of its last printed digit (17,192万元 → ±5,000 元; 2,940.05万元 → ±50 元)."""
    return Decimal(format((UNITS[unit] * Decimal(5) * Decimal(10) ** (-decimals - 1)).normalize(), "f"))


def fmt_yuan(value: Decimal) -> str:
    """Canonical CSV form of an amount in 元: two decimals, no separators."""
    return str(value.quantize(CENT))


def table_half_unit(unit: str, decimals: int = 2) -> Decimal:
    """Precision in 元 of a table cell printed with `decimals` decimals: 元 to the fen is exact
    (accounts are kept to the fen); larger units are rounded (万元: ±50 元), and so are whole
    元 (±0.5 元)."""
    return Decimal(0) if unit == "元" and decimals >= 2 else half_unit(unit, decimals)
