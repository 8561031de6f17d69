"""Look up headline figures among a package's facts, preferring table cells over narrative."""
from __future__ import annotations

from decimal import Decimal

from generator.model.facts import Fact


def _rank(fact: Fact) -> tuple:
    """Stated before derived, table cells before narrative sentences, then file order."""
    return (fact.basis != "stated", not fact.source.startswith("table:"))


class Figures:
    """The facts of one package, indexed by (measure, kind, year, code)."""

    def __init__(self, facts: list[Fact], year: int):
        self.facts = facts
        self.year = year
        self._index: dict[tuple, list[Fact]] = {}
        for fact in facts:
            self._index.setdefault((fact.measure, fact.kind, fact.year, fact.code), []).append(fact)
        for group in self._index.values():
            group.sort(key=_rank)

    def get(self, measure: str, kind: str = "amount", year: int | None = None, code: str = "") -> Fact | None:
        """The best fact for one measure, kind, year (default: the report year) and code."""
        group = self._index.get((measure, kind, self.year if year is None else year, code))
        return group[0] if group else None

    def value(self, measure: str, kind: str = "amount", year: int | None = None, code: str = "") -> Decimal | None:
        fact = self.get(measure, kind, year, code)
        return fact.value if fact else None

    def by_code(self, measure: str, kind: str = "amount") -> list[Fact]:
        """One fact per code of a measure broken down by classification code, in code order."""
        best = {}
        for (m, k, y, code), group in self._index.items():
            if m == measure and k == kind and y == self.year and code:
                best[code] = group[0]
        return [best[c] for c in sorted(best)]

    def items(self, measure: str, kind: str = "amount") -> list[Fact]:
        """Facts of an itemised measure (such as personnel_item) in file order, one per item."""
        seen: dict[str, Fact] = {}
        for fact in sorted((f for f in self.facts if f.measure == measure and f.kind == kind and f.year == self.year), key=_rank):
            seen.setdefault(fact.item or fact.code, fact)
        return sorted(seen.values(), key=self.facts.index)

    def change_rate(self, measure: str) -> tuple[Decimal | None, str]:
        """Year-on-year change in %: as stated, else from a stated prior-year amount; with its basis."""
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
