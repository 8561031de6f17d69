"""What a table definition is: its columns (mapped from printed header paths), its shape, the
identities its columns obey, and the headline figures its rows state (`Figure`).
The table sets themselves are data in tables.py and budget_tables.py."""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """A headline figure the rows of a table state: the rows whose fields fully match `where`
    ((field, regex) pairs over name — the printed item without its enumerator —, side, group
    and category), read in `column`, as `measure`.

    Example: the 合计 row of 公开03 支出决算表 states 基本支出 in its `basic` column:
    F("expenditure_basic", "basic", name="合计").
    """

    measure: str
    column: str
    where: tuple[tuple[str, str], ...] = ()
    code: str = ""  # "" any row, "none" a row without a code, "class" a row of a 3-digit (类) code
    first: bool = False  # the table's first row only (a 绩效自评 table's whole department)
    kind: str = "amount"  # budget: the 预算数 printed beside the actual in a 决算
    item: bool = False  # the row's name becomes the fact's item
    with_code: bool = False  # the row's code becomes the fact's code


def F(measure: str, column: str, code: str = "", first: bool = False, kind: str = "amount", item: bool = False,
      with_code: bool = False, **where: str) -> Figure:
    return Figure(measure, column, tuple(where.items()), code, first, kind, item, with_code)


def names(*printed: str) -> str:
    """A regex matching any of the printed names exactly."""
    return "|".join(re.escape(squash(printed_title)) for printed_title in printed)


def but(pattern: str, *excluded: str) -> str:
    """`pattern`, except for the names listed (matched before it in the template)."""
    return f"(?!(?:{names(*excluded)})$)(?:{pattern})" if excluded else pattern


@dataclass(frozen=True)
class Column:
    id: str
    title: str
    aliases: tuple[str, ...]  # header paths, '/'-joined, whitespace removed
    column_type: str = "value"  # Fiscal Data Package columnType
    optional: bool = False  # written only when the document prints it (a later template's column)


@dataclass(frozen=True)
class TableSpec:
    id: str
    title: str
    # ledger (item panels side by side) | function (coded rows × value columns) | economic (two
    # coded panels of one amount) | items | wide (value columns only) | grouped (group, item, amount)
    # | procurement | units
    shape: str
    titles: tuple[str, ...]  # printed titles that name this table
    columns: tuple[Column, ...]
    fund: str = ""  # the fund a fund-specific table covers (for its empty-table note)
    required: bool = True  # part of the national final-accounts set
    # (total column, (part columns…)) that hold in every row; a leading '-' subtracts
    identities: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # (total item, (part items…)) between rows of an `items` table, by printed item name
    item_sums: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # first value-column headers that name an untitled table ('三公经费合计')
    signatures: tuple[str, ...] = ()
    kind: str = "final"  # the disclosure it belongs to: final (决算) or budget (预算)
    classification: str = "function"  # codes of a `function`-shaped table: function or economic
    stands_for: str = ""  # the required table this one is a regional variant of
    figures: tuple[Figure, ...] = ()  # the headline figures its rows state, in reading order

    def column_for(self, header_path: str) -> Column | None:
        """The column whose alias equals the header path, else the one alias equal to a
        shorter tail of it ('财政拨款"三公"经费/合计/预算数' → '合计/预算数')."""
        key = squash(header_path)
        for col in self.columns:
            if key in col.aliases:
                return col
        parts = key.split("/")
        for cut in range(1, len(parts)):
            tail = "/".join(parts[cut:])
            matches = [column for column in self.columns if tail in column.aliases]
            if matches:
                return matches[0] if len(matches) == 1 else None
        return None


def squash(text: str) -> str:
    """Remove all whitespace and normalise quotes/brackets for comparisons."""
    text = re.sub(r"\s+", "", text)
    return (
        text.replace("“", '"').replace("”", '"').replace("（", "(").replace("）", ")")
        .replace("：", ":")
    )


def C(column_id: str, title: str, *aliases: str, column_type: str = "value", optional: bool = False) -> Column:
    return Column(column_id, title, tuple(squash(alias) for alias in (title, *aliases)), column_type, optional)
