"""What a rule sees: one package, its tables with exact numbers, its facts, the code lists."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from generator.model.codes import CodeList
from generator.model.facts import Fact
from generator.model.money import table_half_unit
from generator.model.packages import Package, Resource, decimal_or_none
from generator.model.tables import BY_ID, TableSpec


@dataclass
class Table:
    id: str
    title: str
    info: dict
    rows: list[dict]  # number fields as Decimal (None when blank)
    resource: Resource

    def row_ref(self, row: dict, column: str) -> str:
        side = f" {row['side']}" if row.get("side") else ""
        return f"table:{self.id}:row {row['row']}{side}:{column}"

    def label(self, row: dict) -> str:
        name = next((value for key in ("item", "name", "project", "category")
                     if isinstance(value := row.get(key), str) and value), "")
        return " ".join(part for part in (row.get("code", ""), name) if part) or f"第 {row['row']} 行"


@dataclass
class Context:
    package: Package
    codes: CodeList
    _tables: dict = field(default_factory=dict)

    @property
    def year(self) -> int:
        return self.package.year

    @property
    def facts(self) -> tuple[Fact, ...]:
        return self.package.facts

    @cached_property
    def tables(self) -> dict[str, Table]:
        out = {}
        for res in self.package.tables:
            numbers = {column.name for column in res.number_fields()}
            rows = []
            for raw in res.rows:
                row = {key: (decimal_or_none(value) if key in numbers else value) for key, value in raw.items()}
                row["row"] = int(raw["row"])
                row["source_line"] = int(raw.get("source_line") or 0)
                row["source_page"] = int(raw["source_page"]) if raw.get("source_page") else None
                rows.append(row)
            out[res.name] = Table(res.name, res.meta.get("title", res.name), res.table, rows, res)
        return out

    def rows(self, name: str) -> tuple[dict[str, str], ...]:
        return self.package.rows(name)

    def half_unit(self, table: Table) -> Decimal:
        """Precision of a table cell in 元: amounts kept to the fen in 元 are exact; a table
        printed in 万元 with two decimals is rounded to ±50 元, one printed in whole 元 to ±0.5 元."""
        return table_half_unit(table.info.get("unit", "元"), int(table.info.get("decimals", 2)))

    def spec(self, table: Table) -> TableSpec | None:
        """The registered table a package table is (also when printed twice: `final_income_2`)."""
        return BY_ID.get(table.info.get("id", table.id))
