"""How a template package becomes a synthetic one: names replaced, years shifted, amounts in 元
multiplied by an exact integer factor (with the rounding half-units of the figures)."""
from __future__ import annotations

import re
from decimal import Decimal

_AMOUNT = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?=\s*(?:万元|亿元|千元|元))")
_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d\d)(?=\s*年)")


class Rewrite:
    """Names, years and printed amounts of a template, turned into the synthetic disclosure's."""

    def __init__(self, names: dict[str, str], shift: int, factor: int):
        self.names = sorted(names.items(), key=lambda kv: -len(kv[0]))
        self.shift, self.factor = shift, factor
        self._names = re.compile("|".join(re.escape(k) for k, _ in self.names)) if names else None

    def text(self, s: str) -> str:
        if not s:
            return s
        if self._names:
            mapping = dict(self.names)
            s = self._names.sub(lambda m: mapping[m.group(0)], s)
        if self.shift:
            s = _YEAR.sub(lambda m: str(int(m.group(1)) + self.shift), s)
        if self.factor != 1:
            s = _AMOUNT.sub(self._amount, s)
        return s

    def _amount(self, m: re.Match) -> str:
        whole, frac = m.group(1), m.group(2) or ""
        value = Decimal(whole.replace(",", "") + frac) * self.factor
        return format(value, ",f" if "," in whole else "f")

    def money(self, cell: str) -> str:
        return str(Decimal(cell) * self.factor) if cell else cell

    def row(self, row: dict, fields: list[dict], resource: str) -> dict:
        """A row of a resource: amounts in 元 scaled (with their half-units), years shifted, text rewritten."""
        types = {f["name"]: f.get("type", "string") for f in fields}
        out = {}
        for k, v in row.items():
            if resource == "facts":
                if k in ("value", "half_unit") and row["unit"] == "元":
                    v = self.money(v)
                elif k == "year":
                    v = str(int(v) + self.shift)
                elif types.get(k) == "string":
                    v = self.text(v)
            elif resource == "performance_projects" and k in ("budget", "executed", "amount_half_unit"):
                v = self.money(v)
            elif types.get(k) == "number" and resource not in ("performance_projects", "performance_indicators"):
                v = v if row.get("unit") else self.money(v)  # a row with a count unit (辆, 人次) holds counts
            elif types.get(k, "string") == "string":
                v = self.text(v)
            out[k] = v
        return out
