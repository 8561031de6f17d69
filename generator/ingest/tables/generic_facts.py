"""Headline facts of the tables kept as printed (generic tables), read as their role declares
(model.table_roles): a row label's amount, or a column's figure on the total row."""
from __future__ import annotations

import re
from collections import Counter

from generator.ingest.tables.facts import plain
from generator.ingest.tables.generic import GenericColumn, GenericTable
from generator.model.facts import Fact
from generator.model.money import table_half_unit
from generator.model.table_roles import Role, role_of
from generator.model.tables import squash

_TOTAL_ROW = re.compile(r"^(?:合计|总计|收入总计|支出总计|本年合计)$")
_YEAR = re.compile(r"(\d{4})\s*年")
# a column header naming which figure of an item it holds (not a part of the item)
_VERSION = re.compile(r"(?:(?:年初|全年|调整)?预算数?|决算数?|执行数|(?:上年|本年|当年)(?:预算|决算)?数?|\d{4}年?.*"
                      r"|增减.*|变动.*|比上年.*|.*率|.*%)")
_FINAL_END = re.compile(r"/(?:决算数?|执行数|支出决算)$")  # the item's actual figure
_BUDGET_END = re.compile(r"(?:^|/)(?:(?:年初|全年|调整)?预算数?)$")  # in a 决算: the item's budget


def _fact(table: GenericTable, row: dict, col: GenericColumn, measure: str, year: int, label: str,
          kind: str = "amount") -> Fact:
    """A figure of the table; of a group's parts (column id 'c3+c4'), their sum, as precise as they together are."""
    parts = col.id.count("+") + 1
    return Fact(measure=measure, kind=kind, year=year, value=row[col.id], unit="元", unit_in_source=table.unit,
                half_unit=table_half_unit(table.unit, table.decimals) * parts, source=f"table:{table.name}:row {row['row']}:{col.id}",
                line=row["_line"], quote=f"{label} {col.title}{'（各分项之和）' if parts > 1 else ''}={row[col.id]}")


def _column_year(col: GenericColumn, year: int) -> int | None:
    """The year a column's figures are for: the one its header prints (上年 → the year before,
    当年/本年 → the report's), else the report's; None for a column of changes (增减变化情况)."""
    if re.search(r"增减|变化|变动|比上年", col.title):
        return None
    years = {int(year_text) for year_text in _YEAR.findall(col.title)}
    if len(years) > 1:
        return None
    if years:
        return years.pop()
    return year - 1 if re.search(r"上年", col.title) else year


def _row_facts(table: GenericTable, role: Role, year: int, kind: str) -> list[Fact]:
    """Each labelled row's figure: the first amount right of the label, with no other label
    between (the two sides of a 收支总表 each give theirs); outside a budget, a 预算数 column is
    passed over. An entry's voiding label counts where it is printed below the row: a closing
    合计 under 本年收入合计 is the total (表1 高等学校收支决算总表), a 收入合计 above a 总计 is not."""
    facts = []
    for index, row in enumerate(table.rows):
        below = {text for later in table.rows[index + 1:] for text in _texts(table, later) if text}
        entries = [(pattern, measure_id) for pattern, measure_id, *unless in role.rows
                   if not (unless and any(re.search(unless[0], text) for text in below))]
        for position, col in enumerate(table.columns):
            if col.kind != "text" or not row.get(col.id):
                continue
            label = plain(row[col.id])
            measure = next((measure_id for pattern, measure_id in entries if re.search(pattern, label)), None)
            if measure is None:
                continue
            value_col = next((column for column in table.columns[position + 1:] if column.kind == "amount" and row.get(column.id) is not None
                              and not (kind != "budget" and _BUDGET_END.search(squash(column.title)))), None)
            between = table.columns[position + 1:table.columns.index(value_col)] if value_col else []
            figure_year = _column_year(value_col, year) if value_col else None
            # another label between ends the search; a 行次 number does not ('总计 | 30 | 65,949,696.01')
            if figure_year is not None and not any(column.kind == "text" and row.get(column.id)
                                                   and not str(row[column.id]).strip().isdigit() for column in between):
                facts.append(_fact(table, row, value_col, measure, figure_year, label))
    return facts


def _texts(table: GenericTable, row: dict) -> list[str]:
    return [plain(str(row.get(column.id) or "")) for column in table.columns if column.kind == "text"]


def _total_rows(table: GenericTable, year: int) -> list[tuple[dict, int]]:
    """(row, the year its figures are for) of the rows that state a table's totals: a row per
    printed year where a 年度 cell says which ('2025年', '2026年'), else the 合计/总计 row,
    else the one uncoded row of figures standing above the coded rows (a unit's own total),
    else the table's only row of figures."""
    by_year = []
    for row in table.rows:
        printed = [int(match.group(1)) for match in (re.fullmatch(r"(\d{4})年度?", text) for text in _texts(table, row)) if match]
        if len(printed) == 1 and printed[0] in (year, year - 1):
            by_year.append((row, printed[0]))
    if by_year:
        return by_year
    for row in table.rows:
        if any(_TOTAL_ROW.match(text) for text in _texts(table, row)):
            return [(row, year)]
    valued = [valued_row for valued_row in table.rows if any(valued_row.get(column.id) is not None for column in table.columns if column.kind == "amount")]
    first_coded = next((index for index, valued_row in enumerate(valued) if valued_row.get("code")), None)
    if first_coded == 1 and not valued[0].get("code"):
        return [(valued[0], year)]
    return [(valued[0], year)] if len(valued) == 1 else []


def _groups(table: GenericTable) -> list[tuple[GenericColumn, list[GenericColumn]]]:
    """Header groups printed with parts and no total of their own, each as a column of the
    group's path over its part columns: '基本支出/人员支出' and '基本支出/日常公用支出' with no
    '基本支出/合计' (表3 2026年市级部门支出预算总表, 杭州 2026) make '基本支出'."""
    amounts = [column for column in table.columns if column.kind == "amount"]
    titles = {column.title for column in table.columns}
    out = []
    for parent in dict.fromkeys(column.title.rsplit("/", 1)[0] for column in amounts if "/" in column.title):
        parts = [column for column in amounts if column.title.rsplit("/", 1)[0] == parent]
        whole = {parent} | {f"{parent}/{word}" for word in ("合计", "小计", "总计", "金额")}
        last = [column.title.rsplit("/", 1)[1] for column in parts]
        # '事业收入/其中：教育收费', '项目支出/项目支出总数' beside '项目支出/扣除基建项目后预算数': no parts
        of_whole = any(re.search(r"^其中|总数|合计|小计|总计|^金额$|扣除|不含|^含", label) for label in last)
        versions = any(_VERSION.fullmatch(label) for label in last)  # '公务接待费/预算数' beside '公务接待费/决算数'
        if len(parts) >= 2 and not whole & titles and not of_whole and not versions and not any(column.title.startswith(parent + "/") and column not in parts
                                                              for column in table.columns):
            out.append((GenericColumn("+".join(column.id for column in parts), parent, "amount"), parts))
    return out


def _column_facts(table: GenericTable, role: Role, year: int, done: set[str], kind: str) -> list[Fact]:
    """The figures of the role's columns on the total rows; a header printed over two amount
    columns names neither (its labels below were lost); a group printed with parts and no
    total gives the sum of its parts. An item's '…/决算数' column is its figure; in a 决算, its
    '…/预算数' column is its budget."""
    printed = Counter(column.title for column in table.columns if column.kind == "amount")
    groups = _groups(table)
    facts = []
    for row, row_year in _total_rows(table, year):
        sums = {group.id: sum(row[column.id] for column in parts) for group, parts in groups
                if all(row.get(column.id) is not None for column in parts)}
        for pattern, measure, *unless in role.columns:
            if measure in done or unless and any(re.search(unless[0], column.title) for column in table.columns):
                continue
            for col in table.columns + [group for group, _ in groups if group.id in sums]:
                col_year = _column_year(col, row_year)
                path = re.sub(r"^(?:上年|当年|本年)(?:预算数?)?/", "", _YEAR.sub("", squash(col.title))) \
                    .replace("预算数/", "").replace("年预算数", "") if col_year is not None else ""
                value = sums.get(col.id, row.get(col.id))
                budget = kind != "budget" and bool(_BUDGET_END.search(path))
                path = re.sub(r"/(?:(?:年初|全年|调整)?预算数?)$", "", _FINAL_END.sub("", path))
                if col.kind == "amount" and col_year is not None and value is not None \
                        and printed[col.title] <= 1 and re.search(pattern, path):
                    facts.append(_fact(table, {**row, col.id: value}, col, measure, col_year, "合计",
                                       "budget" if budget else "amount"))
                    if col_year == year and not budget:
                        done.add(measure)
                        break  # columns of another year before it are read too
    return facts


def generic_facts(tables: list[GenericTable], year: int, kind: str = "budget") -> list[Fact]:
    """Facts of every generic table whose title (or else content) gives it a role and whose
    amounts have a unit."""
    facts: list[Fact] = []
    for table in tables:
        labels = sorted({text for row in table.rows for text in _texts(table, row) if text})
        role = role_of(table.title, [squash(column.title) for column in table.columns], labels)
        if role is None or not table.unit:
            continue
        found = _row_facts(table, role, year, kind)
        done = {fact.measure for fact in found if fact.year == year}
        facts += found + _column_facts(table, role, year, done, kind)
    return facts
