"""Facts collected one sentence at a time, with the sentence as their provenance."""
from __future__ import annotations

import re
from decimal import Decimal

from generator.model.facts import Fact
from generator.model.money import decimals_of, half_unit, parse_number, to_yuan

NUM = r"-?\d[\d,]*(?:\.\d+)?"
V = rf"(?P<num>{NUM})\s*(?P<unit>万元|亿元|元)?"  # a figure and the unit printed after it
# a year-on-year change printed after a figure: '增加 C 万元，增长 R%'
CHANGE = (rf"(?P<dir>增加|减少|增长|下降|降低)了?\s*(?P<cnum>{NUM})\s*(?P<cunit>万元|亿元|元)?"
          r"(?:[，,、]\s*(?:增长|下降|降低|增幅|降幅)\s*(?P<crate>-?\d+(?:\.\d+)?)%)?")


class FactCollector:
    """Collects facts from one sentence at a time, with the sentence as provenance."""

    def __init__(self, year: int, default_unit: str = "万元"):
        self.year, self.default_unit = year, default_unit
        self.facts: list[Fact] = []
        self.line, self.sentence, self.section = 0, "", ""

    def money(self, measure: str, num: str, unit: str | None, kind: str = "amount", year: int | None = None,
              **extra) -> None:
        unit = unit or self.default_unit
        value = parse_number(num)
        if value is None:
            return
        self.facts.append(Fact(
            measure=measure, kind=kind, year=year or self.year, value=to_yuan(value, unit), unit="元",
            unit_in_source=unit, half_unit=half_unit(unit, decimals_of(num)),
            source=f"section:{self.section}", line=self.line, quote=self.sentence, **extra))

    def number(self, measure: str, num: str, unit: str, kind: str, year: int | None = None, **extra) -> None:
        value = parse_number(num)
        if value is None:
            return
        decimals = decimals_of(num)
        self.facts.append(Fact(
            measure=measure, kind=kind, year=year or self.year, value=value, unit=unit, unit_in_source=unit,
            half_unit=Decimal(5) * Decimal(10) ** (-decimals - 1), source=f"section:{self.section}",
            line=self.line, quote=self.sentence, **extra))

    def change(self, measure: str, match: re.Match, **extra) -> None:
        """A `CHANGE` match → the signed change and its rate."""
        sign = "-" if match.group("dir") in ("减少", "下降", "降低") else ""
        self.money(measure, sign + match.group("cnum").lstrip("-"), match.group("cunit"), kind="change", **extra)
        if match.group("crate"):
            self.number(measure, sign + match.group("crate").lstrip("-"), "%", "change_rate", **extra)
