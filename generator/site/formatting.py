"""Display formats for amounts and rates (Decimal in, text out; never floats)."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

WAN = Decimal(10000)
CENT = Decimal("0.01")
TENTH = Decimal("0.1")


def wan(yuan: Decimal | None) -> str:
    """An amount in 元 shown in 万元 with two decimals and separators: 64419257.01 → '6,441.93'."""
    if yuan is None:
        return "—"
    return f"{(yuan / WAN).quantize(CENT, rounding=ROUND_HALF_UP):,}"


def yuan(value: Decimal | None) -> str:
    """An amount in 元 with separators, exactly as stored: 64415757.01 → '64,415,757.01'."""
    return "" if value is None else f"{value:,}"


def number(value: Decimal | None, unit: str = "") -> str:
    """A count or rate as printed, with its unit."""
    if value is None:
        return "—"
    return f"{value.normalize():,f}{unit}"


def percent(value: Decimal | None, signed: bool = False) -> str:
    """A rate in % with one decimal: 50.23 → '50.2%'; signed adds '+'."""
    if value is None:
        return "—"
    rounded = value.quantize(TENTH, rounding=ROUND_HALF_UP)
    return f"{rounded:+}%" if signed and rounded else f"{rounded}%"


def ratio(part: Decimal, whole: Decimal) -> Decimal | None:
    """part / whole in %, None when whole is zero."""
    return part * 100 / whole if whole else None


def to_wan_float(yuan: Decimal) -> float:
    """万元 for chart coordinates only (display, never arithmetic)."""
    return float((yuan / WAN).quantize(CENT, rounding=ROUND_HALF_UP))
