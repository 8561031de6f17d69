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


def _fact(t: StandardTable, row: dict, figure: Figure, year: int, name: str) -> Fact | None:
    value = row.get(figure.column)
    if value is None:
        return None
    count_unit = row.get("unit", "")
    return Fact(
        measure=figure.measure, kind="count" if count_unit else figure.kind, year=year, value=value,
        unit=count_unit or "元", unit_in_source=count_unit or t.unit,
        half_unit=Decimal(0) if count_unit else table_half_unit(t.unit, t.decimals),
        source=f"table:{t.name}:row {row['row']}{' ' + row['side'] if row.get('side') else ''}:{figure.column}",
        line=row["_line"],
        quote=" ".join(str(row.get(k, "")) for k in ("code", "item", "name") if row.get(k)) + f" {figure.column}={value}",
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
    for t in tables:
        for row in t.rows:
            name = plain(row.get("item") or row.get("name") or "")
            fields = {"name": name, "side": row.get("side", ""), "group": row.get("group", ""),
                      "category": squash(row.get("category", ""))}
            facts.extend(_fact(t, row, f, year, name) for f in t.spec.figures if _states(f, row, fields))
    return [f for f in facts if f is not None]
