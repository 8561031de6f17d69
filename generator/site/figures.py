"""Look up headline figures among a package's facts, preferring table cells over narrative."""
from __future__ import annotations

from decimal import Decimal

from generator.model.facts import Fact, item_key
from generator.site.words import fact_word


def _rank(fact: Fact) -> tuple:
    """Stated before derived, table cells before narrative sentences (then file order: sort is stable)."""
    return (fact.basis != "stated", not fact.source.startswith("table:"))


class Figures:
    """The facts of one package, indexed by (measure, kind, year, code, item); `kind` is the
    disclosure's (budget, final, evaluation): what its figures are called (words.py)."""

    def __init__(self, facts: list[Fact], year: int, kind: str = ""):
        self.facts = facts
        self.year = year
        self.kind = kind
        self._index: dict[tuple, list[Fact]] = {}
        for fact in facts:
            self._index.setdefault((fact.measure, fact.kind, fact.year, fact.code, fact.item), []).append(fact)
        for group in self._index.values():
            group.sort(key=_rank)

    def word(self, kind: str = "amount", year: int | None = None) -> str:
        """What the figures of one fact kind and year are called on the page: 2026年预算数 …"""
        return fact_word(self.kind, self.year, kind, year)

    def _group(self, measure: str, kind: str, year: int | None) -> list[Fact]:
        return self._index.get((measure, kind, self.year if year is None else year, "", ""), [])

    def all(self, measure: str, kind: str = "amount", year: int | None = None) -> list[Fact]:
        """Every printing of one measure, kind and year (best first)."""
        return list(self._group(measure, kind, year))

    def get(self, measure: str, kind: str = "amount", year: int | None = None) -> Fact | None:
        """The best fact for one measure, kind and year (default: the report year), as a whole."""
        group = self._group(measure, kind, year)
        return group[0] if group else None

    def value(self, measure: str, kind: str = "amount", year: int | None = None) -> Decimal | None:
        fact = self.get(measure, kind, year)
        return fact.value if fact else None

    def disputed(self, measure: str, kind: str = "amount", year: int | None = None) -> bool:
        """Whether the document prints this figure twice with values beyond their rounding."""
        group = self._group(measure, kind, year)
        return any(abs(first.value - second.value) > first.half_unit + second.half_unit for first in group for second in group)

    def parts(self, measure: str, kind: str = "amount") -> list[Fact]:
        """The best fact per code or item of a measure broken down (by 类, by economic item …), in file order."""
        best: dict[str, Fact] = {}
        for (of_measure, of_kind, of_year, code, item), group in self._index.items():
            if of_measure == measure and of_kind == kind and of_year == self.year and (code or item):
                key = item_key(group[0])  # '住房保障' (narrative) and '住房保障支出' (table) are one part
                if key not in best or _rank(group[0]) < _rank(best[key]):
                    best[key] = group[0]
        return sorted(best.values(), key=self.facts.index)

    def total_or_sum(self, measure: str, kind: str = "amount") -> Decimal | None:
        """The figure as a whole, else the sum of its stated parts (e.g. staff by 编制 type)."""
        whole = self.value(measure, kind)
        if whole is not None:
            return whole
        parts = self.parts(measure, kind)
        return sum((fact.value for fact in parts), Decimal(0)) if parts else None

    def change_rate(self, measure: str) -> tuple[Decimal | None, str]:
        """Year-on-year change in %: as stated, else from a stated prior-year amount or change; with its basis."""
        stated = self.value(measure, "change_rate")
        if stated is not None:
            return stated, "stated"
        now, before = self.value(measure), self.value(measure, year=self.year - 1)
        if now is not None and before:
            return (now - before) * 100 / before, "derived"
        change = self.value(measure, "change")
        if now is not None and change is not None and now - change:
            return change * 100 / (now - change), "derived"
        return None, ""
