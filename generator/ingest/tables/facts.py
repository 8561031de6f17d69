"""Headline facts read off the recognised tables, each pointing at its row and column: the
figures every table definition declares (model.table_spec.Figure), read row by row."""
from __future__ import annotations

import re
from decimal import Decimal

from generator.ingest.tables.standard import StandardTable
from generator.model.facts import Fact
from generator.model.money import table_half_unit
from generator.model.table_spec import Figure
from generator.model.tables import squash

_ENUM = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[．.、]\s*|[（(]\d+[）)])\s*")


def plain(item: str) -> str:
    """Printed item without its enumerator ('一、一般公共服务支出' → '一般公共服务支出')."""
    return squash(_ENUM.sub("", item))


def _fact(table: StandardTable, row: dict, figure: Figure, year: int, name: str) -> Fact | None:
    value = row.get(figure.column)
    if value is None:
        return None
    count_unit = row.get("unit", "")
    return Fact(
        measure=figure.measure, kind="count" if count_unit else figure.kind, year=year, value=value,
        unit=count_unit or "元", unit_in_source=count_unit or table.unit,
        half_unit=Decimal(0) if count_unit else table_half_unit(table.unit, table.decimals),
        source=f"table:{table.name}:row {row['row']}{' ' + row['side'] if row.get('side') else ''}:{figure.column}",
        line=row["_line"],
        quote=" ".join(str(row.get(key, "")) for key in ("code", "item", "name") if row.get(key)) + f" {figure.column}={value}",
        code=row.get("code", "") if figure.with_code else "", item=name if figure.item else "",
    )


def _states(figure: Figure, row: dict, fields: dict[str, str]) -> bool:
    code = row.get("code") or ""
    if figure.first and row["row"] != 1 or figure.code == "none" and code or figure.code == "class" and len(code) != 3:
        return False
    return all(re.fullmatch(pattern, fields.get(field, "")) for field, pattern in figure.where)


def table_facts(tables: list[StandardTable], year: int) -> list[Fact]:
    """Facts for the headline figures the recognised tables declare, in reading order."""
    facts: list[Fact | None] = []
    for table in tables:
        for row in table.rows:
            name = plain(row.get("item") or row.get("name") or "")
            fields = {"name": name, "side": row.get("side", ""), "group": row.get("group", ""),
                      "category": squash(row.get("category", ""))}
            facts.extend(_fact(table, row, fact, year, name) for fact in table.spec.figures if _states(fact, row, fields))
    return [fact for fact in facts if fact is not None]
